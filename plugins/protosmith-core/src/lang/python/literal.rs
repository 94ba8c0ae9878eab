//! Text from a proto (comments, messages, paths) in Python source: string
//! literals, docstrings and comments, with every character that could hide
//! or reorder code (controls, bidi overrides, invisible format characters:
//! Trojan Source) written as an escape. The one place generated Python
//! escapes text.

/// Whether `c` is written as an escape wherever text goes into Python
/// source: C0 and C1 controls, DEL, soft hyphen, bidi marks, overrides and
/// isolates, line and paragraph separators, zero-width and invisible format
/// characters. A fixed list rather than a Unicode category, so the output
/// does not change with the generator's Unicode version.
fn is_escaped(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00..=0x1F
            | 0x7F..=0x9F
            | 0xAD
            | 0x061C
            | 0x180E
            | 0x200B..=0x200F
            | 0x2028..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
    )
}

/// `c` as it is written inside a Python string literal or docstring (quotes
/// aside): `\t`, `\n`, `\r`, `\\`, `\xhh` or `\uhhhh` (lower-case hex, as ruff
/// writes it) for the escape set, anything else as itself.
pub fn escape_char(c: char) -> String {
    match c {
        '\t' => "\\t".to_owned(),
        '\n' => "\\n".to_owned(),
        '\r' => "\\r".to_owned(),
        '\\' => "\\\\".to_owned(),
        c if is_escaped(c) && u32::from(c) <= 0xFF => format!("\\x{:02x}", u32::from(c)),
        c if is_escaped(c) => format!("\\u{:04x}", u32::from(c)),
        c => c.to_string(),
    }
}

fn escape(text: &str) -> String {
    text.chars().map(escape_char).collect()
}

/// `text` as a string literal the way ruff and black leave it: double
/// quotes, unless the text holds more `"` than `'`.
pub fn string_literal(text: &str) -> String {
    let doubles = text.matches('"').count();
    let singles = text.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push(quote);
    for c in text.chars() {
        if c == quote {
            literal.push('\\');
            literal.push(c);
        } else {
            literal.push_str(&escape_char(c));
        }
    }
    literal.push(quote);
    literal
}

/// `text` on one line of a `#` comment: escaped as in a string literal, so a
/// newline cannot end the comment and no invisible character is written.
pub fn comment_text(text: &str) -> String {
    escape(text)
}

/// The docstring for `text`, its lines joined by `\n` (no final newline),
/// each line but blank ones starting with `indent`: one line `"""text"""`,
/// or `"""first`, the rest, and `"""` on a line of its own. Normalised as
/// ruff and black normalise docstrings (trailing whitespace and blank lines
/// dropped, the first line's and the common indentation of the others
/// removed), so they leave it alone; a `"` that could end the literal early
/// or touch the delimiters is escaped. A regular literal, so `__doc__`
/// holds the original characters.
pub fn docstring(text: &str, indent: &str) -> String {
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|line| escape(line).trim_end().to_owned())
        .collect();
    lines[0] = lines[0].trim_start().to_owned();
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let common = lines[1..]
        .iter()
        .filter(|line| !line.is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    for line in &mut lines[1..] {
        if !line.is_empty() {
            line.drain(..common);
        }
    }
    let body = escape_quotes(&lines.join("\n"));
    let mut lines = body.split('\n');
    let first = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        return format!("{indent}\"\"\"{first}\"\"\"");
    }
    let mut out = format!("{indent}\"\"\"{first}");
    for line in rest {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
    out.push('\n');
    out.push_str(indent);
    out.push_str("\"\"\"");
    out
}

/// Escapes each `"` that is the first character, the last, or followed by
/// another `"`: no `"""` inside, and no quote next to the delimiters.
fn escape_quotes(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        if c == '"' && (first || matches!(chars.peek(), None | Some('"'))) {
            out.push('\\');
        }
        out.push(c);
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_controls_bidi_and_quotes() {
        assert_eq!(string_literal("user {id}"), "\"user {id}\"");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"x\""), "'say \"x\"'");
        assert_eq!(string_literal("a\\b\t\n\r"), "\"a\\\\b\\t\\n\\r\"");
        assert_eq!(
            string_literal("\u{7}\u{202e}\u{2028}\u{ad}"),
            "\"\\x07\\u202e\\u2028\\xad\""
        );
        assert_eq!(string_literal("用户 \u{a0}"), "\"用户 \u{a0}\"");
        assert_eq!(string_literal("'\"\"'\"'"), "\"'\\\"\\\"'\\\"'\"");
    }

    #[test]
    fn comments_cannot_be_ended_by_a_newline() {
        assert_eq!(comment_text("a-b/c\nimport os"), "a-b/c\\nimport os");
    }

    #[test]
    fn docstrings_are_normalised_and_cannot_end_early() {
        assert_eq!(docstring("One line.", "    "), "    \"\"\"One line.\"\"\"");
        assert_eq!(
            docstring("  First.  \n\n    indented\n      more\n\n", ""),
            "\"\"\"First.\n\nindented\n  more\n\"\"\""
        );
        assert_eq!(
            docstring("\"Quoted\" and \"\"\"triple\"\"\" end\"", ""),
            "\"\"\"\\\"Quoted\" and \\\"\\\"\"triple\\\"\\\"\" end\\\"\"\"\""
        );
        assert_eq!(
            docstring("bell \u{7} bidi \u{202e} tab\t \\", "  "),
            "  \"\"\"bell \\x07 bidi \\u202e tab\\t \\\\\"\"\""
        );
    }
}
