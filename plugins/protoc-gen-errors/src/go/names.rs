//! Go names of the declarations generated for an error value
//! (runtime/go/GENERATED.md, "Names"), from the namer in
//! `protosmith_core::lang::go`.

use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::go::{
    go_camel_case, is_keyword, is_predeclared, parameter_name, upper_camel_words,
};

/// Package-level names the generated file itself uses, which a parameter must not shadow.
const IMPORT_ALIASES: [&str; 2] = ["codes", "grpcerrors"];

/// `<N>`: the value's name relative to its proto package, enclosing messages
/// first as protoc-gen-go names them: `PaymentErrorCardDeclined`.
pub fn value_name(enumeration: &ErrorEnum, value: &ErrorValue) -> String {
    let mut name: String = enumeration
        .parents
        .iter()
        .map(|p| go_camel_case(p))
        .collect();
    name.push_str(&upper_camel_words(&value.name));
    name
}

/// The three exported names of a value: definition, constructor, predicate.
pub fn exported(enumeration: &ErrorEnum, value: &ErrorValue) -> [String; 3] {
    let n = value_name(enumeration, value);
    [format!("Err{n}"), format!("New{n}"), format!("Is{n}")]
}

/// The parameters of a constructor, one per placeholder in order: escaped
/// with a trailing `_` when a keyword, predeclared or an import alias, and
/// numbered from 2 when two placeholders give one name.
pub fn parameters(placeholders: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(placeholders.len());
    for placeholder in placeholders {
        let mut name = parameter_name(placeholder);
        if is_keyword(&name) || is_predeclared(&name) || IMPORT_ALIASES.contains(&name.as_str()) {
            name.push('_');
        }
        if names.contains(&name) {
            let base = name;
            name = (2..)
                .map(|n| format!("{base}{n}"))
                .find(|candidate| !names.contains(candidate))
                .expect("an unused number exists");
        }
        names.push(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_escaped_and_numbered() {
        let placeholders: Vec<String> = [
            "type", "user_id", "userID", "string", "codes", "len", "USER_ID", "type_",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(
            parameters(&placeholders),
            [
                "type_", "userID", "userID2", "string_", "codes_", "len_", "userID3", "type_2"
            ]
        );
    }
}
