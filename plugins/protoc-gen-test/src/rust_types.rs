//! Rust paths of proto messages and packages, as prost and tonic name them.

use heck::{ToPascalCase, ToSnakeCase};
use protosmith_core::lang::rust::identifier;

/// The module path of a proto package under `root`: `crate::acme::user::v1`.
pub fn package_path(root: &str, package: &str) -> String {
    let mut path = root.to_owned();
    for segment in package.split('.').filter(|s| !s.is_empty()) {
        path.push_str("::");
        path.push_str(&identifier(&segment.to_snake_case()));
    }
    path
}

/// The well-known types prost maps to Rust's own types instead of
/// `prost_types` (prost-build's `ExternPaths`, which tonic-prost-build uses
/// unless `compile_well_known_types` is set), as the generated code names them.
const PROST_BUILTINS: [(&str, &str); 10] = [
    ("google.protobuf.BoolValue", "bool"),
    ("google.protobuf.BytesValue", "Vec<u8>"),
    ("google.protobuf.DoubleValue", "f64"),
    ("google.protobuf.Empty", "()"),
    ("google.protobuf.FloatValue", "f32"),
    ("google.protobuf.Int32Value", "i32"),
    ("google.protobuf.Int64Value", "i64"),
    ("google.protobuf.StringValue", "String"),
    ("google.protobuf.UInt32Value", "u32"),
    ("google.protobuf.UInt64Value", "u64"),
];

/// An expression for the default value of `rust_type` (a type
/// [`message_type`] returned): `Item::default()`, `()`, `Vec::new()`.
pub fn default_value(rust_type: &str) -> String {
    match rust_type {
        "()" => "()".to_owned(),
        // `Vec<u8>::default()` is not an expression.
        "Vec<u8>" => "Vec::new()".to_owned(),
        _ => format!("{rust_type}::default()"),
    }
}

/// The Rust type of message `full_name`, declared in package `package`, as
/// seen from a module that glob-imports package `current`: a bare name
/// there, prost's mapping for well-known types (a Rust type for the wrappers
/// and `Empty`, `::prost_types::X` for the others), else a path from `root`.
pub fn message_type(root: &str, current: &str, package: &str, full_name: &str) -> String {
    if let Some((_, builtin)) = PROST_BUILTINS.iter().find(|(name, _)| *name == full_name) {
        return (*builtin).to_owned();
    }
    let relative = full_name
        .strip_prefix(package)
        .map_or(full_name, |rest| rest.trim_start_matches('.'));
    // prost puts a nested message in a module named after its parent, in snake case.
    let mut parts: Vec<&str> = relative.split('.').collect();
    let name = parts.pop().unwrap_or_default().to_pascal_case();
    let mut path: Vec<String> = parts
        .iter()
        .map(|p| identifier(&p.to_snake_case()))
        .collect();
    path.push(name);
    let relative = path.join("::");
    if package == "google.protobuf" {
        format!("::prost_types::{relative}")
    } else if package == current {
        relative
    } else {
        format!("{}::{relative}", package_path(root, package))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_expressions() {
        for (_, rust_type) in PROST_BUILTINS {
            let expression = default_value(rust_type);
            assert!(
                syn::parse_str::<syn::Expr>(&expression).is_ok(),
                "{rust_type}: {expression}"
            );
        }
        assert_eq!(
            default_value("::prost_types::Timestamp"),
            "::prost_types::Timestamp::default()"
        );
    }

    #[test]
    fn nested_messages_and_packages() {
        let ty = |current, package, name| message_type("crate", current, package, name);
        assert_eq!(ty("a.v1", "a.v1", "a.v1.Outer.Inner"), "outer::Inner");
        assert_eq!(ty("b.v1", "a.v1", "a.v1.Req"), "crate::a::v1::Req");
        // A package segment that looks like a message stays a module.
        assert_eq!(ty("b", "a.Thing", "a.Thing.Req"), "crate::a::thing::Req");
        assert_eq!(
            ty("a.v1", "google.protobuf", "google.protobuf.Timestamp"),
            "::prost_types::Timestamp"
        );
        assert_eq!(ty("a.v1", "google.protobuf", "google.protobuf.Empty"), "()");
    }
}
