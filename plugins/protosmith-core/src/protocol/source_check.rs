//! Checks on a .proto file's text before protox parses it, for inputs the
//! parser and the descriptor decoders cannot take gracefully: protobuf
//! editions (protox 0.10 stops at `edition` with "expected 'enum' ...") and
//! nesting so deep that the recursive parsers overflow the stack (an abort,
//! from about 500 levels) or the decoders refuse it without a location (from
//! 100 levels, prost's recursion limit).

use crate::diagnostic::{Diagnostic, Location};

/// The deepest nesting of `{`, `[` and `<` accepted. Each level can be a
/// message level in the descriptor set, under the file, message and options
/// levels around it, and prost's decoders stop at 100; real protos stay far
/// below (a `google.api.http` rule with `additional_bindings` is 3 deep).
pub const MAX_NESTING: usize = 64;

/// The first problem in `source` (the text of `file`), if any.
pub fn check(file: &str, source: &str) -> Result<(), Diagnostic> {
    let mut scanner = Scanner {
        chars: source.chars().peekable(),
        line: 1,
        column: 1,
    };
    let mut depth = 0usize;
    let mut first_token = true;
    while let Some((c, line, column)) = scanner.next_code_char() {
        let at = || Location {
            file: file.to_owned(),
            line,
            column,
        };
        if first_token && !c.is_whitespace() {
            first_token = false;
            if c.is_ascii_alphabetic() {
                let word = scanner.word(c);
                if word == "edition" {
                    return Err(Diagnostic::at(
                        &at(),
                        "protobuf editions are not supported: protosmith compiles with protox 0.10 and reads \
                         descriptors with prost-reflect 0.16, which know proto2 and proto3 only; write \
                         syntax = \"proto3\"; (or \"proto2\") instead of the edition statement",
                    ));
                }
                continue;
            }
        }
        match c {
            '{' | '[' | '<' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Diagnostic::at(
                        &at(),
                        format!(
                            "braces nest more than {MAX_NESTING} levels deep here; the protobuf parsers and \
                             decoders cannot read such nesting (prost stops at 100 levels, deeper input overflows \
                             the stack): flatten the option value or the nested declarations"
                        ),
                    ));
                }
            }
            '}' | ']' | '>' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

struct Scanner<I: Iterator<Item = char>> {
    chars: std::iter::Peekable<I>,
    line: u32,
    column: u32,
}

impl<I: Iterator<Item = char>> Scanner<I> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// The next character outside comments and string literals, with its
    /// 1-based position; a string literal reads as one `"`.
    fn next_code_char(&mut self) -> Option<(char, u32, u32)> {
        loop {
            let (line, column) = (self.line, self.column);
            let c = self.bump()?;
            match c {
                '/' if self.chars.peek() == Some(&'/') => {
                    while self.chars.peek().is_some_and(|c| *c != '\n') {
                        self.bump();
                    }
                }
                '/' if self.chars.peek() == Some(&'*') => {
                    self.bump();
                    let mut previous = ' ';
                    while let Some(c) = self.bump() {
                        if previous == '*' && c == '/' {
                            break;
                        }
                        previous = c;
                    }
                }
                '"' | '\'' => {
                    while let Some(inner) = self.bump() {
                        match inner {
                            '\\' => {
                                self.bump();
                            }
                            '\n' => break,
                            _ if inner == c => break,
                            _ => {}
                        }
                    }
                    return Some(('"', line, column));
                }
                _ => return Some((c, line, column)),
            }
        }
    }

    /// The identifier starting with `first`.
    fn word(&mut self, first: char) -> String {
        let mut word = String::from(first);
        while let Some(c) = self
            .chars
            .peek()
            .copied()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        {
            word.push(c);
            self.bump();
        }
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_files() {
        let source = "// { [ <\n/* {{{ */\nsyntax = \"proto3\";\nmessage A { map<string, B> m = 1 [(x) = {a: \"{{{\"}]; }\n";
        assert_eq!(check("a.proto", source), Ok(()));
    }

    #[test]
    fn reports_editions_where_they_are() {
        let source = "// header\n\nedition = \"2023\";\n";
        let diagnostic = check("a.proto", source).unwrap_err();
        assert_eq!(diagnostic.location.unwrap().to_string(), "a.proto:3:1");
    }

    #[test]
    fn reports_deep_nesting_at_the_first_brace_too_deep() {
        let source = format!(
            "syntax = \"proto3\";\noption (x) = {}{};\n",
            "{a:".repeat(70),
            "}".repeat(70)
        );
        let diagnostic = check("a.proto", &source).unwrap_err();
        assert_eq!(diagnostic.location.unwrap().to_string(), "a.proto:2:206");
    }
}
