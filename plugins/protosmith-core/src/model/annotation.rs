//! Comment annotations in ego's format: lines of the form `@key=value`,
//! `@key="quoted value"` or a bare `@key`.
//!
//! An annotation must stand alone on its comment line; `@see Foo` and e-mail
//! addresses in prose are left as prose.

/// One `@key=value` line of a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub key: String,
    /// The value with quotes removed and escapes resolved; empty for a bare `@key`.
    pub value: String,
    /// 0-based index of the line within the comment it came from.
    pub line: usize,
    /// Why the value could not be read, e.g. an unterminated quote.
    pub problem: Option<String>,
}

/// A comment split into the prose people read and the annotations tools read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedComment {
    pub prose: String,
    pub annotations: Vec<Annotation>,
}

/// Splits a comment (as protoc gives it: lines without their `//`) into prose and annotations.
pub fn parse_comment(comment: &str) -> ParsedComment {
    let mut prose_lines = Vec::new();
    let mut annotations = Vec::new();
    for (index, line) in comment.lines().enumerate() {
        match parse_line(line.trim(), index) {
            Some(annotation) => annotations.push(annotation),
            None => prose_lines.push(strip_one_space(line)),
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
    }
}

/// protoc keeps the space after `//`; prose reads better without it, while
/// deeper indentation (code blocks) is kept.
fn strip_one_space(line: &str) -> &str {
    line.strip_prefix(' ').unwrap_or(line)
}

fn parse_line(line: &str, index: usize) -> Option<Annotation> {
    let body = line.strip_prefix('@')?;
    let key_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
        .unwrap_or(body.len());
    let (key, rest) = body.split_at(key_len);
    if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let rest = rest.trim_start();
    let annotation = |value: String, problem: Option<String>| Annotation {
        key: key.to_owned(),
        value,
        line: index,
        problem,
    };
    if rest.is_empty() {
        return Some(annotation(String::new(), None));
    }
    let value = rest.strip_prefix('=')?.trim();
    if let Some(quoted) = value.strip_prefix('"') {
        return Some(match unquote(quoted) {
            Ok(text) => annotation(text, None),
            Err(problem) => annotation(String::new(), Some(problem)),
        });
    }
    Some(annotation(value.to_owned(), None))
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
