//! Helpers for generators that write TypeScript (ESM, as protoc-gen-es's
//! `target=ts`): identifier casing, reserved words and their escape, the
//! names protoc-gen-es exports for a file ([`es`]), doc comments and string
//! literals ([`text`]), and column widths as prettier counts them
//! ([`width`]). The rules are specified in `runtime/ts/GENERATED.md`.

pub mod es;
pub mod text;
pub mod width;

pub use es::{EsExport, ImportExtension, es_exports, es_module, import_specifier};
pub use text::{code_span, doc_line, doc_lines, line_comment, string_content, string_literal};
pub use width::display_width;

/// Words that are not identifiers in an ES module (strict mode) or in
/// TypeScript: reserved words, strict-mode reserved words and the two
/// restricted names, `arguments` and `eval`. Such a name gets a `$` suffix,
/// as protobuf-es's `safeIdentifier` does.
#[rustfmt::skip]
pub const RESERVED_WORDS: &[&str] = &[
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
    "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import",
    "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
    "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface",
    "package", "private", "protected", "public", "await", "arguments", "eval",
];

/// Whether `name` cannot be a binding in a TypeScript module.
pub fn is_reserved(name: &str) -> bool {
    RESERVED_WORDS.contains(&name)
}

/// `name` with a `$` appended when it is reserved: `class` → `class$`.
pub fn safe_identifier(name: &str) -> String {
    if is_reserved(name) {
        format!("{name}$")
    } else {
        name.to_owned()
    }
}

/// protobuf's split of a PascalCase name into lower-case words joined by
/// `_`: an `_` before an upper-case letter that follows a lower-case letter
/// or a digit, and before an upper-case letter that starts a lower-case run
/// after upper-case letters. `HTTPServer` → `http_server`, `Payment` →
/// `payment`, `UserError` → `user_error`.
pub fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// lowerCamelCase of `_`-separated words: empty parts dropped, the first
/// part with its first character lower-cased, each following part with its
/// first character upper-cased and the rest lower-cased; digits stay.
/// `user_error_not_found` → `userErrorNotFound`, `userId` → `userId`,
/// `error_v2_x` → `errorV2X`, `__proto__` → `proto`, `_` → `` (empty).
pub fn camel(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    for (index, part) in words.split('_').filter(|p| !p.is_empty()).enumerate() {
        let mut chars = part.chars();
        let first = chars.next().unwrap_or_default();
        if index == 0 {
            out.push(first.to_ascii_lowercase());
            out.extend(chars);
        } else {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// UpperCamelCase: [`camel`] with its first character upper-cased.
pub fn pascal(words: &str) -> String {
    let camel = camel(words);
    let mut chars = camel.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => camel,
    }
}

/// How an object literal's key is written for a property named `key`,
/// the way prettier (`quoteProps: "as-needed"`, TypeScript parser) keeps
/// it: bare when it is an identifier name, `["__proto__"]` for the key that
/// would otherwise set the prototype, else a string literal.
pub fn property_key(key: &str) -> String {
    if key == "__proto__" {
        "[\"__proto__\"]".to_owned()
    } else if is_identifier_name(key) {
        key.to_owned()
    } else {
        string_literal(key)
    }
}

/// Whether `name` is an ECMAScript identifier name (reserved words
/// included): what prettier writes without quotes as a property key.
pub fn is_identifier_name(name: &str) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    let start = |c: char| {
        c == '$'
            || c == '_'
            || matches!(
                get_general_category(c),
                G::UppercaseLetter
                    | G::LowercaseLetter
                    | G::TitlecaseLetter
                    | G::ModifierLetter
                    | G::OtherLetter
                    | G::LetterNumber
            )
    };
    let part = |c: char| {
        start(c)
            || c == '\u{200C}'
            || c == '\u{200D}'
            || matches!(
                get_general_category(c),
                G::NonspacingMark | G::SpacingMark | G::DecimalNumber | G::ConnectorPunctuation
            )
    };
    let mut chars = name.chars();
    chars.next().is_some_and(start) && chars.all(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_follows_protobuf_word_splits() {
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(snake("Payment"), "payment");
        assert_eq!(snake("UserError"), "user_error");
        assert_eq!(snake("V2Error"), "v2_error");
        assert_eq!(snake("Error"), "error");
        assert_eq!(camel("user_error_not_found"), "userErrorNotFound");
        assert_eq!(camel("userId"), "userId");
        assert_eq!(camel("user_id"), "userId");
        assert_eq!(camel("last4"), "last4");
        assert_eq!(camel("error_v2_x"), "errorV2X");
        assert_eq!(camel("__proto__"), "proto");
        assert_eq!(camel("_"), "");
        assert_eq!(pascal("user_error_not_found"), "UserErrorNotFound");
        assert_eq!(pascal(""), "");
    }

    #[test]
    fn reserved_words_get_a_dollar() {
        assert_eq!(safe_identifier("class"), "class$");
        assert_eq!(safe_identifier("eval"), "eval$");
        assert_eq!(safe_identifier("sku"), "sku");
    }

    #[test]
    fn property_keys_are_quoted_only_when_needed() {
        assert_eq!(property_key("de"), "de");
        assert_eq!(property_key("pt_BR"), "pt_BR");
        assert_eq!(property_key("zh-TW"), "\"zh-TW\"");
        assert_eq!(property_key("1"), "\"1\"");
        assert_eq!(property_key("ü"), "ü");
        assert_eq!(property_key("__proto__"), "[\"__proto__\"]");
        assert_eq!(property_key(""), "\"\"");
    }
}
