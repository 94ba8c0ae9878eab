//! Java identifiers for proto names: casing, reserved words and their escape.

/// Java's keywords, its literals, and the restricted identifiers a name
/// should not be (`var`, `yield`, `record`, `sealed`, `permits`, `_`).
const RESERVED: &[&str] = &[
    "_",
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "null",
    "package",
    "permits",
    "private",
    "protected",
    "public",
    "record",
    "return",
    "sealed",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "var",
    "void",
    "volatile",
    "while",
    "yield",
];

/// The methods of `java.lang.Object`: a static method of one of these names
/// and no parameters would not compile (it would hide an instance method),
/// so generated methods never take them.
const OBJECT_METHODS: &[&str] = &[
    "clone",
    "equals",
    "finalize",
    "getClass",
    "hashCode",
    "notify",
    "notifyAll",
    "toString",
    "wait",
];

/// Whether `name` is a Java keyword, literal or restricted identifier.
pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// UPPER_SNAKE of a proto name: `_` between a lower-case letter or digit and
/// an upper-case letter, and before the last upper-case letter of a run
/// followed by a lower-case one (`HTTPError` → `HTTP_ERROR`), then ASCII
/// upper case. Existing `_` stay as they are.
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

/// lowerCamel of an UPPER_SNAKE (or any `_`-separated) name: split at `_`,
/// empty parts dropped, the first part lower case, later parts capitalised
/// (first letter upper, rest lower): `NOT_FOUND` → `notFound`,
/// `EDGE_2FA_REQUIRED` → `edge2faRequired`. Empty when `name` is only `_`.
pub fn lower_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, part) in name.split('_').filter(|p| !p.is_empty()).enumerate() {
        let lower = part.to_ascii_lowercase();
        if i == 0 {
            out.push_str(&lower);
        } else {
            let mut chars = lower.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

/// A method named after a value's stem: its lowerCamel, with a trailing `_`
/// when that is reserved ([`is_reserved`]) or the name of a method of
/// `Object` (a static `toString()` would not compile).
pub fn method_name(stem: &str) -> String {
    let name = lower_camel(stem);
    if OBJECT_METHODS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        escape_reserved(name)
    }
}

/// The parameter names for a template's placeholders, in order: lowerCamel
/// when the placeholder contains `_`, else the name as written; reserved
/// words escaped as for methods; a name an earlier parameter already has
/// gets `2`, `3`, ... appended.
pub fn parameter_names(placeholders: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(placeholders.len());
    for placeholder in placeholders {
        let base = if placeholder.contains('_') {
            escape_reserved(lower_camel(placeholder))
        } else {
            escape_reserved(placeholder.clone())
        };
        let mut name = base.clone();
        let mut suffix = 2;
        while names.contains(&name) {
            name = format!("{base}{suffix}");
            suffix += 1;
        }
        names.push(name);
    }
    names
}

fn escape_reserved(name: String) -> String {
    if is_reserved(&name) {
        format!("{name}_")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_snake_splits_words_and_acronyms() {
        assert_eq!(upper_snake("UserError"), "USER_ERROR");
        assert_eq!(upper_snake("HTTPError"), "HTTP_ERROR");
        assert_eq!(upper_snake("Error"), "ERROR");
        assert_eq!(upper_snake("V2Error"), "V2_ERROR");
        assert_eq!(upper_snake("user_error"), "USER_ERROR");
        assert_eq!(upper_snake("ABC"), "ABC");
    }

    #[test]
    fn lower_camel_and_reserved_words() {
        assert_eq!(lower_camel("NOT_FOUND"), "notFound");
        assert_eq!(lower_camel("EDGE_2FA_REQUIRED"), "edge2faRequired");
        assert_eq!(lower_camel("__A__B_"), "aB");
        assert_eq!(lower_camel("_"), "");
        assert_eq!(method_name("DEFAULT"), "default_");
        assert_eq!(method_name("RECORD"), "record_");
        assert_eq!(method_name("TO_STRING"), "toString_");
        assert_eq!(method_name("ALL"), "all");
    }

    #[test]
    fn parameters_are_camel_escaped_and_unique() {
        let placeholders: Vec<String> =
            ["class", "default", "user_id", "userId", "userId2", "last4"]
                .map(String::from)
                .to_vec();
        assert_eq!(
            parameter_names(&placeholders),
            [
                "class_", "default_", "userId", "userId2", "userId22", "last4"
            ]
        );
    }
}
