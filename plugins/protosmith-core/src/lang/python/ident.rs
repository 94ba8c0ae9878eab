//! Python identifiers: casing (heck's, as the Rust emitter's, so a Python
//! factory is named like the Rust constructor) and keywords.

use heck::{ToPascalCase, ToShoutySnakeCase, ToSnakeCase};

/// `keyword.kwlist` of Python 3.11 to 3.14: names that cannot be identifiers.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// `keyword.softkwlist`: keywords only in some positions (`match`, `case`,
/// `type` statements), valid identifiers everywhere a generated name goes,
/// so they are not escaped.
pub const SOFT_KEYWORDS: &[&str] = &["_", "case", "match", "type"];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

pub fn is_soft_keyword(name: &str) -> bool {
    SOFT_KEYWORDS.contains(&name)
}

/// `name`, usable as an identifier: a keyword gets a trailing underscore
/// (PEP 8: `class_`, `from_`); soft keywords stay as they are.
pub fn identifier(name: &str) -> String {
    if is_keyword(name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

/// Whether `name` is an ASCII identifier that is not a keyword (what a
/// keyword argument or a module path component may be in generated code).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_keyword(name)
}

/// `UserErrorNotFound` → `user_error_not_found`; `QUIRK_2FA` → `quirk_2fa`.
pub fn snake_case(name: &str) -> String {
    name.to_snake_case()
}

/// `user_error` → `UserError`.
pub fn pascal_case(name: &str) -> String {
    name.to_pascal_case()
}

/// `UserError` → `USER_ERROR`.
pub fn shouty_snake_case(name: &str) -> String {
    name.to_shouty_snake_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_get_a_trailing_underscore_and_soft_keywords_stay() {
        assert_eq!(identifier("from"), "from_");
        assert_eq!(identifier("None"), "None_");
        assert_eq!(identifier("none"), "none");
        assert_eq!(identifier("match"), "match");
        assert_eq!(identifier("type"), "type");
        assert!(is_soft_keyword("case"));
        assert!(is_identifier("user_id") && is_identifier("_x"));
        assert!(!is_identifier("class") && !is_identifier("1a") && !is_identifier("a-b"));
    }

    #[test]
    fn casing_is_hecks() {
        assert_eq!(snake_case("QUIRK_2FA_REQUIRED"), "quirk_2fa_required");
        assert_eq!(snake_case("orderId"), "order_id");
        assert_eq!(snake_case("_FOO"), "foo");
        assert_eq!(snake_case("_"), "");
        assert_eq!(
            pascal_case("InnerWithAVeryLongName"),
            "InnerWithAVeryLongName"
        );
        assert_eq!(pascal_case("payment"), "Payment");
        assert_eq!(shouty_snake_case("UserError"), "USER_ERROR");
    }
}
