//! Comment annotations in ego's format: lines of the form `@key=value`,
//! `@key="quoted value"` or a bare `@key`.
//!
//! An annotation must stand alone on its comment line; `@see Foo` and e-mail
//! addresses in prose are left as prose. Prose lines that begin like an
//! annotation (`@code NOT_FOUND`, `@code: NOT_FOUND`) are kept aside as
//! lookalikes, so the catalog can tell a misspelt annotation from prose.

use crate::diagnostic::Location;

/// One `@key=value` line of a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub key: String,
    /// The value with quotes removed and escapes resolved; empty for a bare `@key`.
    pub value: String,
    /// 0-based index of the line within the comment it came from.
    pub line: usize,
    /// 0-based character index of the `@` within that line (as protoc gives
    /// it: after the `//`).
    pub column: usize,
    /// Where the `@` is in the file, when the comment's position is known
    /// (set by the model builder; see [`ParsedComment::place`]).
    pub location: Option<Location>,
    /// Why the value could not be read, e.g. an unterminated quote.
    pub problem: Option<String>,
}

/// A comment split into the prose people read and the annotations tools read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedComment {
    pub prose: String,
    pub annotations: Vec<Annotation>,
    /// Prose lines that start with `@key` but not in the `@key=value` form
    /// (`@see Foo`, `@code NOT_FOUND`, `@code: NOT_FOUND`): the key, and as
    /// value the rest of the line after any `:`. They stay in the prose too.
    pub lookalikes: Vec<Annotation>,
}

impl ParsedComment {
    /// Gives every annotation and lookalike its file position, for a comment
    /// whose first line is `first_line` (1-based) and whose text (after `//`)
    /// starts at `text_column` (1-based).
    pub fn place(&mut self, file: &str, first_line: u32, text_column: u32) {
        for annotation in self.annotations.iter_mut().chain(&mut self.lookalikes) {
            annotation.location = Some(Location {
                file: file.to_owned(),
                line: first_line + u32::try_from(annotation.line).unwrap_or(0),
                column: text_column + u32::try_from(annotation.column).unwrap_or(0),
            });
        }
    }

    /// How many source lines the comment spans.
    pub fn line_count(comment: &str) -> u32 {
        u32::try_from(comment.lines().count().max(1)).unwrap_or(u32::MAX)
    }
}

/// Splits a comment (as protoc gives it: lines without their `//`) into prose and annotations.
pub fn parse_comment(comment: &str) -> ParsedComment {
    let mut prose_lines = Vec::new();
    let mut annotations = Vec::new();
    let mut lookalikes = Vec::new();
    for (index, line) in comment.lines().enumerate() {
        let trimmed = line.trim_start();
        let column = line.chars().count() - trimmed.chars().count();
        match parse_line(trimmed.trim_end(), index, column) {
            Line::Annotation(annotation) => annotations.push(annotation),
            Line::Lookalike(annotation) => {
                lookalikes.push(annotation);
                prose_lines.push(strip_one_space(line));
            }
            Line::Prose => prose_lines.push(strip_one_space(line)),
        }
    }
    while prose_lines
        .last()
        .is_some_and(|line| line.trim().is_empty())
    {
        prose_lines.pop();
    }
    let first_text = prose_lines
        .iter()
        .position(|line| !line.trim().is_empty())
        .unwrap_or(prose_lines.len());
    ParsedComment {
        prose: prose_lines[first_text..].join("\n"),
        annotations,
        lookalikes,
    }
}

/// protoc keeps the space after `//`; prose reads better without it, while
/// deeper indentation (code blocks) is kept.
fn strip_one_space(line: &str) -> &str {
    line.strip_prefix(' ').unwrap_or(line)
}

enum Line {
    Annotation(Annotation),
    Lookalike(Annotation),
    Prose,
}

fn parse_line(line: &str, index: usize, column: usize) -> Line {
    let Some(body) = line.strip_prefix('@') else {
        return Line::Prose;
    };
    let key_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
        .unwrap_or(body.len());
    let (key, rest) = body.split_at(key_len);
    if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Line::Prose;
    }
    let rest = rest.trim_start();
    let annotation = |value: String, problem: Option<String>| Annotation {
        key: key.to_owned(),
        value,
        line: index,
        column,
        location: None,
        problem,
    };
    if rest.is_empty() {
        return Line::Annotation(annotation(String::new(), None));
    }
    let Some(value) = rest.strip_prefix('=') else {
        let value = rest.strip_prefix(':').unwrap_or(rest).trim();
        return Line::Lookalike(annotation(value.to_owned(), None));
    };
    let value = value.trim();
    if let Some(quoted) = value.strip_prefix('"') {
        return Line::Annotation(match unquote(quoted) {
            Ok(text) => annotation(text, None),
            Err(problem) => annotation(String::new(), Some(problem)),
        });
    }
    Line::Annotation(annotation(value.to_owned(), None))
}

/// Reads the rest of a `"..."` value; accepts `\"`, `\\`, `\n` and `\t`.
fn unquote(quoted: &str) -> Result<String, String> {
    let mut text = String::new();
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let trailing = chars.as_str().trim();
                return if trailing.is_empty() {
                    Ok(text)
                } else {
                    Err(format!("unexpected `{trailing}` after the closing quote"))
                };
            }
            '\\' => match chars.next() {
                Some('"') => text.push('"'),
                Some('\\') => text.push('\\'),
                Some('n') => text.push('\n'),
                Some('t') => text.push('\t'),
                Some(other) => {
                    return Err(format!(
                        "unknown escape `\\{other}`; use \\\", \\\\, \\n or \\t"
                    ));
                }
                None => return Err("unterminated quoted value; close it with `\"`".to_owned()),
            },
            other => text.push(other),
        }
    }
    Err("unterminated quoted value; close it with `\"`".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_prose_from_annotations() {
        let parsed = parse_comment(
            " The user does not exist.\n @code=NOT_FOUND\n @msg=\"user {id} not found\"\n @i18n.cn=\"用户不存在\"\n",
        );
        assert_eq!(parsed.prose, "The user does not exist.");
        let keys: Vec<_> = parsed
            .annotations
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str(), a.line))
            .collect();
        assert_eq!(
            keys,
            [
                ("code", "NOT_FOUND", 1),
                ("msg", "user {id} not found", 2),
                ("i18n.cn", "用户不存在", 3)
            ]
        );
    }

    #[test]
    fn prose_with_at_signs_stays_prose() {
        let parsed = parse_comment(" @see Foo for details\n mail ops@example.com\n @exclude");
        assert_eq!(parsed.prose, "@see Foo for details\nmail ops@example.com");
        assert_eq!(parsed.annotations.len(), 1);
        assert_eq!(parsed.annotations[0].key, "exclude");
        let lookalikes: Vec<_> = parsed
            .lookalikes
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str(), a.line, a.column))
            .collect();
        assert_eq!(lookalikes, [("see", "Foo for details", 0, 1)]);
    }

    #[test]
    fn misshapen_annotations_are_lookalikes() {
        let parsed = parse_comment(" @code: UNAVAILABLE\n   @code NOT_FOUND\n");
        let lookalikes: Vec<_> = parsed
            .lookalikes
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str(), a.line, a.column))
            .collect();
        assert_eq!(
            lookalikes,
            [("code", "UNAVAILABLE", 0, 1), ("code", "NOT_FOUND", 1, 3)]
        );
        assert!(parsed.annotations.is_empty());
    }

    #[test]
    fn places_annotations_in_the_file() {
        let mut parsed = parse_comment(" Prose.\n @code=NOT_FOUND\n");
        parsed.place("a.proto", 5, 5);
        assert_eq!(
            parsed.annotations[0]
                .location
                .as_ref()
                .map(ToString::to_string),
            Some("a.proto:6:6".to_owned())
        );
    }

    #[test]
    fn quoted_values_keep_escapes_and_spaces() {
        let parsed = parse_comment(r#" @msg = "say \"hi\" {name}\\" "#);
        assert_eq!(parsed.annotations[0].value, r#"say "hi" {name}\"#);
        let parsed = parse_comment(" @msg=\"open");
        assert_eq!(
            parsed.annotations[0].problem.as_deref(),
            Some("unterminated quoted value; close it with `\"`")
        );
    }

    #[test]
    fn keeps_code_block_indentation() {
        let parsed = parse_comment(" Example:\n\n     let x = 1;\n");
        assert_eq!(parsed.prose, "Example:\n\n    let x = 1;");
    }
}
