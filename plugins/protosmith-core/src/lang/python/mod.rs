//! Helpers for generators that write Python: identifiers and keywords,
//! string literals and docstrings (escaped in one place, here), line widths
//! as ruff and black measure them, and where grpcio-tools puts a proto
//! file's module and what that module defines.
//!
//! The rules are runtime/python/GENERATED.md's; the output they produce is
//! a fixed point of `ruff format` and `black`.

mod ident;
mod literal;
mod module;

pub use ident::{
    KEYWORDS, SOFT_KEYWORDS, identifier, is_identifier, is_keyword, is_soft_keyword, pascal_case,
    shouty_snake_case, snake_case,
};
pub use literal::{comment_text, docstring, escape_char, string_literal};
pub use module::{Pb2Name, module_path, pb2_names};

/// The line length ruff and black format to by default.
pub const LINE_LENGTH: usize = 88;

/// The display width of `line` as ruff measures it: the unicode-width of
/// each character (East Asian wide and fullwidth 2, combining marks 0).
pub fn width(line: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Whether `line` fits in [`LINE_LENGTH`] columns.
pub fn fits(line: &str) -> bool {
    width(line) <= LINE_LENGTH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_wide_characters_twice() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("用户"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert!(fits(&"x".repeat(88)));
        assert!(!fits(&"x".repeat(89)));
    }
}
