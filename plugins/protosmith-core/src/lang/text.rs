//! Characters no generated source file should carry as they are, whatever
//! its language: the Unicode bidirectional controls behind "Trojan Source"
//! (rustc denies them in comments and literals: `text_direction_codepoint_in_comment`)
//! and control characters other than tab and line feed (a bare carriage
//! return ends a comment early in some languages and is an error in Rust doc
//! comments). Each language's namer escapes them in its own syntax, through
//! [`escape_invisible`].

use std::borrow::Cow;

/// Unicode's explicit bidirectional formatting characters (embeddings,
/// overrides, isolates and their terminators) and the implicit marks
/// (LRM, RLM, ALM).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Whether `c` changes or hides how the text around it reads: a bidi
/// control, a control character other than tab and line feed, the Unicode
/// line and paragraph separators (line breaks to JavaScript) or a BOM.
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// `text` with every [invisible](is_invisible) character replaced by
/// `escape(c)`; borrowed when there is none, which is nearly always.
pub fn escape_invisible(text: &str, escape: impl Fn(char) -> String) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_invisible(c) {
                    escape(c)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The `\u{202e}` spelling of a character, as Rust (and rustc's own
/// suggestion), JavaScript and PHP strings write it; in a comment it shows
/// the reader which character was there.
pub fn braced_unicode_escape(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bidi_and_control_characters_only() {
        assert_eq!(
            escape_invisible("a\u{202E}b\u{2066}c\rd\te\nf ü 用户", braced_unicode_escape),
            "a\\u{202e}b\\u{2066}c\\u{d}d\te\nf ü 用户"
        );
        assert!(matches!(
            escape_invisible("plain text", braced_unicode_escape),
            Cow::Borrowed(_)
        ));
    }
}
