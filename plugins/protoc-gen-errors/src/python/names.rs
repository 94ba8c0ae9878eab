//! Python names for an error enum's generated items (runtime/python/
//! GENERATED.md, "Names"): heck's casing, as the Rust emitter's, through
//! the Python namer of protosmith-core.

use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::python::{
    identifier, is_keyword, pascal_case, shouty_snake_case, snake_case,
};

/// Attributes of the runtime's `ErrorKind` (an `enum.Enum`) that a member
/// must not shadow.
const KIND_ATTRIBUTES: &[&str] = &[
    "name",
    "value",
    "definition",
    "from_error",
    "error",
    "matches",
    "mro",
];

/// Builtins the generated module uses in annotations; a module-level
/// function with one of these names would shadow it for the rest of the
/// module, so such a factory is escaped like a keyword.
const USED_BUILTINS: &[&str] = &["object", "bool"];

/// The `Kind` class: `UserError` → `UserErrorKind`; `Payment.Error` → `PaymentErrorKind`.
pub fn kind(enumeration: &ErrorEnum) -> String {
    let mut name: String = enumeration
        .parents
        .iter()
        .chain(std::iter::once(&enumeration.name))
        .map(|part| pascal_case(part))
        .collect();
    name.push_str("Kind");
    name
}

/// The members of the `Kind` class, one per value: the enum's name stripped
/// from the front as prost does (`USER_ERROR_NOT_FOUND` → `NOT_FOUND`) when
/// what is left starts with a letter and all stripped names stay distinct,
/// else the names as written; keywords and `ErrorKind` attributes get a
/// trailing `_`, a leading `_` (reserved by `enum`) a leading `V`.
pub fn members(enumeration: &ErrorEnum) -> Vec<String> {
    let prefix = format!("{}_", shouty_snake_case(&enumeration.name));
    let stripped: Vec<&str> = enumeration
        .values
        .iter()
        .map(|value| {
            value
                .name
                .strip_prefix(&prefix)
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
                .unwrap_or(&value.name)
        })
        .collect();
    let distinct = stripped
        .iter()
        .enumerate()
        .all(|(index, name)| !stripped[..index].contains(name));
    let names = if distinct {
        stripped
    } else {
        enumeration.values.iter().map(|v| v.name.as_str()).collect()
    };
    names
        .into_iter()
        .map(|name| {
            if name.starts_with('_') {
                format!("V{name}")
            } else if is_keyword(name) || KIND_ATTRIBUTES.contains(&name) {
                format!("{name}_")
            } else {
                name.to_owned()
            }
        })
        .collect()
}

/// The value's name relative to its package in snake case, before keyword
/// escaping: `user_error_not_found`, `payment_error_card_declined`. The
/// factory is [`factory`] of it, the `is_` helper `is_` + it.
pub fn base(enumeration: &ErrorEnum, value: &ErrorValue) -> String {
    let mut name: String = enumeration
        .parents
        .iter()
        .map(|parent| format!("{}_", snake_case(parent)))
        .collect();
    name.push_str(&snake_case(&value.name));
    name
}

/// The factory function: [`base`], escaped like a keyword when it is one or
/// a builtin the module uses.
pub fn factory(base: &str) -> String {
    if USED_BUILTINS.contains(&base) {
        format!("{base}_")
    } else {
        identifier(base)
    }
}

/// The `is_` helper.
pub fn is_helper(base: &str) -> String {
    format!("is_{base}")
}

/// `(placeholder, parameter)` for each placeholder of the message: the
/// placeholder in snake case (`arg` if nothing is left), a keyword with a
/// trailing `_`, then `_` appended until it differs from the earlier ones.
pub fn parameters(value: &ErrorValue) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for placeholder in &value.message.placeholders {
        let snake = snake_case(placeholder);
        let mut parameter = identifier(if snake.is_empty() { "arg" } else { &snake });
        while pairs.iter().any(|(_, taken)| *taken == parameter) {
            parameter.push('_');
        }
        pairs.push((placeholder.clone(), parameter));
    }
    pairs
}
