//! Rust names for an error enum's generated items, following prost's rules so
//! they read like prost's output and never clash with it.

use heck::{ToPascalCase, ToShoutySnakeCase, ToSnakeCase};
use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::rust::identifier;

/// Names of the items generated for one error enum.
#[derive(Debug)]
pub struct EnumNames {
    /// The typed view: `UserErrorKind`.
    pub kind: String,
    /// The static array of definitions: `USER_ERROR_DEFINITIONS`.
    pub definitions: String,
}

/// `UserError` → `UserErrorKind`; `Payment.Error` → `PaymentErrorKind`.
pub fn enum_names(enumeration: &ErrorEnum) -> EnumNames {
    let base: String = enumeration
        .parents
        .iter()
        .chain(std::iter::once(&enumeration.name))
        .map(|part| part.to_pascal_case())
        .collect();
    EnumNames {
        kind: format!("{base}Kind"),
        definitions: format!("{}_DEFINITIONS", base.to_shouty_snake_case()),
    }
}

/// The variant name, with the enum's name stripped from the front as prost does:
/// `USER_ERROR_NOT_FOUND` of `UserError` → `NotFound`.
pub fn variant(enumeration: &ErrorEnum, value: &ErrorValue) -> String {
    let prefix = enumeration.name.to_shouty_snake_case();
    let stripped = value
        .name
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_prefix('_'))
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
        .unwrap_or(&value.name);
    let name = stripped.to_pascal_case();
    if name == "Self" {
        "Self_".to_owned()
    } else {
        name
    }
}

/// The constructor: the value's name relative to its package, in snake case:
/// `user_error_not_found`, `payment_error_card_declined` for nested `Payment.ERROR_CARD_DECLINED`.
pub fn constructor(enumeration: &ErrorEnum, value: &ErrorValue) -> String {
    let mut name: String = enumeration
        .parents
        .iter()
        .map(|p| format!("{}_", p.to_snake_case()))
        .collect();
    name.push_str(&value.name.to_snake_case());
    identifier(&name)
}

/// A parameter name for a message placeholder; one with no letter or digit
/// (`{_}`, `{__}`) is `arg`, as in Go.
pub fn parameter(placeholder: &str) -> String {
    match placeholder.to_snake_case() {
        name if name.is_empty() => "arg".to_owned(),
        name => identifier(&name),
    }
}
