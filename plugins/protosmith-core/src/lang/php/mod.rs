//! Helpers for generators that write PHP: where protoc's PHP generator puts
//! a proto file's classes ([`protoc`]), the casing of the names we choose
//! ourselves (here), and how text is escaped into doc comments and string
//! literals ([`escape`]).
//!
//! PHP compares class, namespace and method names ignoring ASCII case, and
//! variable names exactly: [`same_name`] is the comparison for the former.

mod escape;
mod protoc;

pub use escape::{doc_lines, doc_text, string_literal};
pub use protoc::{
    ProtocClass, RESERVED_NAMES, class_prefix, is_reserved, metadata_class, namespace,
    package_namespace, protoc_classes, reserved_prefix,
};

/// Whether PHP treats two class, namespace or method names as one: PHP
/// lower-cases ASCII letters only when it compares them.
pub fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Whether `name` is a PHP label (a class, method or variable name without
/// its `$`): a letter, `_` or non-ASCII byte, then those or digits.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || !c.is_ascii())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii())
}

/// Whether `name` is a PHP namespace name as a `namespace` statement takes
/// it: identifiers separated by single `\`, none leading or trailing.
pub fn is_namespace(name: &str) -> bool {
    name.split('\\').all(is_identifier)
}

/// `Acme\User\V1` and `UserErrorErrors` → `Acme\User\V1\UserErrorErrors`;
/// the global namespace is empty.
pub fn qualified_name(namespace: &str, class: &str) -> String {
    if namespace.is_empty() {
        class.to_owned()
    } else {
        format!("{namespace}\\{class}")
    }
}

/// Where PSR-4 (and `protoc --php_out`) puts a class, relative to the
/// output root: `Acme\User\V1\UserErrorErrors` → `Acme/User/V1/UserErrorErrors.php`.
pub fn psr4_path(qualified_class: &str) -> String {
    format!("{}.php", qualified_class.replace('\\', "/"))
}

/// An UpperCamelCase name in UPPER_SNAKE_CASE, as proto enum value prefixes
/// are written: an `_` goes before an upper-case letter that follows a
/// lower-case letter or a digit, or that starts a word after an upper-case
/// run: `UserError` → `USER_ERROR`, `HTTPError` → `HTTP_ERROR`,
/// `Http2Error` → `HTTP2_ERROR`.
pub fn upper_snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// A method name from an UPPER_SNAKE_CASE proto name: split on `_`, empty
/// parts dropped, every part lower-cased and all but the first capitalised:
/// `NOT_FOUND` → `notFound`, `ERROR_3DS` → `error3ds`. Empty when the name
/// has nothing but underscores.
pub fn method_name(upper_snake: &str) -> String {
    let mut out = String::with_capacity(upper_snake.len());
    for (i, part) in upper_snake.split('_').filter(|p| !p.is_empty()).enumerate() {
        let lower = part.to_ascii_lowercase();
        if i == 0 {
            out.push_str(&lower);
        } else {
            out.push_str(&upper_first(&lower));
        }
    }
    out
}

/// A variable name (without `$`) for a message placeholder, in lowerCamelCase
/// but keeping the case of the letters it does not touch: `user_id` →
/// `userId`, `userId` → `userId`, `user_ID` → `userID`. `this` cannot be a
/// parameter in PHP and becomes `this_`. Empty when the placeholder has
/// nothing but underscores.
pub fn variable_name(placeholder: &str) -> String {
    let mut out = String::with_capacity(placeholder.len());
    for (i, part) in placeholder.split('_').filter(|p| !p.is_empty()).enumerate() {
        if i == 0 {
            let mut chars = part.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_lowercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(&upper_first(part));
        }
    }
    if out == "this" {
        out.push('_');
    }
    out
}

/// `notFound` → `NotFound`: the first character upper-cased when it is `a`-`z`.
pub fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{}{}", first.to_ascii_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_snake_splits_words_as_proto_value_prefixes_are_written() {
        for (name, expected) in [
            ("UserError", "USER_ERROR"),
            ("Error", "ERROR"),
            ("HTTPError", "HTTP_ERROR"),
            ("Http2Error", "HTTP2_ERROR"),
            ("User_Error", "USER_ERROR"),
            ("ABCd", "AB_CD"),
            ("already_snake", "ALREADY_SNAKE"),
        ] {
            assert_eq!(upper_snake(name), expected, "{name}");
        }
    }

    #[test]
    fn method_names_are_lower_camel_case() {
        for (name, expected) in [
            ("NOT_FOUND", "notFound"),
            ("CARD_DECLINED", "cardDeclined"),
            ("ERROR_3DS", "error3ds"),
            ("__A__B_", "aB"),
            ("LIST", "list"),
            ("___", ""),
        ] {
            assert_eq!(method_name(name), expected, "{name}");
        }
    }

    #[test]
    fn variable_names_keep_the_case_they_do_not_touch() {
        for (placeholder, expected) in [
            ("user_id", "userId"),
            ("last4", "last4"),
            ("userId", "userId"),
            ("user_ID", "userID"),
            ("UserId", "userId"),
            ("_private", "private"),
            ("this", "this_"),
            ("This", "this_"),
            ("_", ""),
            ("_1", "1"),
        ] {
            assert_eq!(variable_name(placeholder), expected, "{placeholder}");
        }
    }

    #[test]
    fn identifiers_and_namespaces() {
        assert!(is_identifier("UserErrorErrors"));
        assert!(is_identifier("_x9"));
        assert!(is_identifier("Ünï"));
        assert!(!is_identifier(""));
        assert!(!is_identifier("9x"));
        assert!(!is_identifier("a-b"));
        assert!(is_namespace("Acme\\User\\V1"));
        assert!(!is_namespace("\\Acme"));
        assert!(!is_namespace("Acme\\"));
        assert!(!is_namespace("Acme\\\\User"));
        assert!(!is_namespace("Acme User"));
        assert_eq!(
            psr4_path(&qualified_name("Acme\\User\\V1", "UserErrorErrors")),
            "Acme/User/V1/UserErrorErrors.php"
        );
        assert_eq!(psr4_path(&qualified_name("", "XErrors")), "XErrors.php");
        assert!(same_name("Acme\\A", "acme\\a"));
        assert!(!same_name("Ä", "ä"));
    }
}
