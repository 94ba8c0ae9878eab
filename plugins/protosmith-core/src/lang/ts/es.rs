//! What protoc-gen-es (protobuf-es v2) writes for a proto file: the names it
//! exports, so another generator writing beside it can refuse to export the
//! same name (a barrel `export *` of both modules would fail with TS2308),
//! and its import paths, so generated modules can import its output.

use crate::diagnostic::Location;
use crate::model::File;

/// protobuf-es's `safeIdentifier` list: names it suffixes with `$`.
#[rustfmt::skip]
const ES_RESERVED: &[&str] = &[
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
    "else", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
    "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
    "typeof", "var", "void", "while", "with", "yield", "enum", "implements", "interface", "let",
    "package", "private", "protected", "public", "static", "Object", "bigint", "number",
    "boolean", "string", "object", "globalThis", "Uint8Array", "Partial",
];

fn es_safe(name: String) -> String {
    if ES_RESERVED.contains(&name.as_str()) {
        name + "$"
    } else {
        name
    }
}

/// One name protoc-gen-es exports for a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EsExport {
    pub name: String,
    /// What it is exported for, for diagnostics: `message acme.v1.User`.
    pub element: String,
    pub location: Location,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Message,
    Enum,
    Service,
    Extension,
}

struct Element {
    kind: Kind,
    /// The name without the package, `.` replaced by `_`: `Payment_Error`.
    identifier: String,
    element: String,
    location: Location,
}

/// Every name protoc-gen-es exports for `file`, whatever its options: the
/// shapes of messages and enums (`User`, `Payment_Error`), their schemas
/// (`UserSchema`), services and extensions by name, `file_<path>`, and the
/// `Json` and `Valid` types the `json_types` and `valid_types` options add.
/// Name clashes among these are resolved with protobuf-es's `$` salts, in
/// its order (`allNames` in @bufbuild/protoplugin).
pub fn es_exports(file: &File) -> Vec<EsExport> {
    let elements = nested_elements(file);
    let salt = |i: usize| match i {
        0 => String::new(),
        1 => "$".to_owned(),
        _ => format!("${}", i - 1),
    };
    let mut taken: Vec<String> = Vec::new();
    let mut exports = Vec::new();
    let mut claim = |ideal: &dyn Fn(&str) -> String,
                     element: String,
                     location: &Location,
                     exported: bool,
                     taken: &mut Vec<String>| {
        let name = (0..)
            .map(|i| ideal(&salt(i)))
            .find(|name| !taken.contains(name))
            .unwrap_or_default();
        taken.push(name.clone());
        if exported {
            exports.push(EsExport {
                name,
                element,
                location: location.clone(),
            });
        }
    };
    let types = || {
        elements
            .iter()
            .filter(|e| matches!(e.kind, Kind::Message | Kind::Enum))
    };
    for e in types() {
        claim(
            &|salt| es_safe(format!("{}{salt}", e.identifier)),
            e.element.clone(),
            &e.location,
            true,
            &mut taken,
        );
    }
    let stem = file.name.strip_suffix(".proto").unwrap_or(&file.name);
    let file_identifier = format!("file_{}", replace_non_word_runs(stem));
    claim(
        &|salt| es_safe(format!("{file_identifier}{salt}")),
        format!("file {}", file.name),
        &Location::file_only(&file.name),
        true,
        &mut taken,
    );
    for e in &elements {
        let suffix = if matches!(e.kind, Kind::Message | Kind::Enum) {
            "Schema"
        } else {
            ""
        };
        claim(
            &|salt| es_safe(format!("{}{suffix}{salt}", e.identifier)),
            e.element.clone(),
            &e.location,
            true,
            &mut taken,
        );
    }
    for (suffix, exported_for) in [
        ("Json", [Kind::Message, Kind::Enum]),
        ("Valid", [Kind::Message; 2]),
    ] {
        for e in types() {
            claim(
                &|salt| es_safe(format!("{}{suffix}{salt}", e.identifier)),
                e.element.clone(),
                &e.location,
                exported_for.contains(&e.kind),
                &mut taken,
            );
        }
    }
    exports
}

/// `name.replace(/[^a-zA-Z0-9_]+/g, "_")`.
fn replace_non_word_runs(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('_');
            in_run = true;
        }
    }
    out
}

/// protobuf-es's `nestedTypes(file)` order: each message followed by its
/// nested messages (recursively), enums and extensions; then the file's
/// enums, services and extensions. Map entries are not types there.
fn nested_elements(file: &File) -> Vec<Element> {
    let identifier = |full_name: &str| {
        let local = if file.package.is_empty() {
            full_name
        } else {
            full_name
                .strip_prefix(&file.package)
                .and_then(|rest| rest.strip_prefix('.'))
                .unwrap_or(full_name)
        };
        local.replace('.', "_")
    };
    let element = |kind: Kind, what: &str, full_name: &str, location: &Location| Element {
        kind,
        identifier: identifier(full_name),
        element: format!("{what} {full_name}"),
        location: location.clone(),
    };
    fn walk(
        message: &crate::model::Message,
        out: &mut Vec<Element>,
        element: &dyn Fn(Kind, &str, &str, &Location) -> Element,
    ) {
        if message.map_entry {
            return;
        }
        out.push(element(
            Kind::Message,
            "message",
            &message.full_name,
            &message.location,
        ));
        for nested in &message.messages {
            walk(nested, out, element);
        }
        for e in &message.enums {
            out.push(element(Kind::Enum, "enum", &e.full_name, &e.location));
        }
        for x in &message.extensions {
            out.push(element(
                Kind::Extension,
                "extension",
                &x.full_name,
                &x.location,
            ));
        }
    }
    let mut out = Vec::new();
    for message in &file.messages {
        walk(message, &mut out, &element);
    }
    for e in &file.enums {
        out.push(element(Kind::Enum, "enum", &e.full_name, &e.location));
    }
    for s in &file.services {
        out.push(element(Kind::Service, "service", &s.full_name, &s.location));
    }
    for x in &file.extensions {
        out.push(element(
            Kind::Extension,
            "extension",
            &x.full_name,
            &x.location,
        ));
    }
    out
}

/// The module protoc-gen-es writes for a proto file, relative to the output
/// directory and without extension: `acme/user/v1/errors.proto` →
/// `acme/user/v1/errors_pb`.
pub fn es_module(proto_file: &str) -> String {
    format!(
        "{}_pb",
        proto_file.strip_suffix(".proto").unwrap_or(proto_file)
    )
}

/// The extension protoc-gen-es's `import_extension=` puts on relative imports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ImportExtension {
    /// `import_extension=none`, protoc-gen-es's default: `./user_pb`.
    #[default]
    None,
    /// `import_extension=js`, what Node's ESM resolution needs: `./user_pb.js`.
    Js,
    /// `import_extension=ts`: `./user_pb.ts`.
    Ts,
}

/// The specifier with which the module `importer` (a path relative to the
/// output directory) imports the module `target` (same, without
/// extension), as protoc-gen-es's `makeImportPathRelative` writes it:
/// `./errors_pb.js`, `../../order/v1/order_pb.js`.
pub fn import_specifier(importer: &str, target: &str, extension: ImportExtension) -> String {
    let from: Vec<&str> = importer.split('/').filter(|p| !p.is_empty()).collect();
    let from = &from[..from.len().saturating_sub(1)];
    let to: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    let mut path = parts.join("/");
    if !path.starts_with("../") {
        path.insert_str(0, "./");
    }
    match extension {
        ImportExtension::None => path,
        ImportExtension::Js => path + ".js",
        ImportExtension::Ts => path + ".ts",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_specifiers_are_relative_as_protoc_gen_es_writes_them() {
        let js = ImportExtension::Js;
        assert_eq!(
            import_specifier(
                "acme/user/v1/errors_errors.ts",
                &es_module("acme/user/v1/errors.proto"),
                js
            ),
            "./errors_pb.js"
        );
        assert_eq!(
            import_specifier("acme/user/v1/x.ts", "acme/order/v1/order_pb", js),
            "../../order/v1/order_pb.js"
        );
        assert_eq!(
            import_specifier("x.ts", "a/b_pb", ImportExtension::None),
            "./a/b_pb"
        );
        assert_eq!(
            replace_non_word_runs("acme/user-v1//errors"),
            "acme_user_v1_errors"
        );
    }
}
