//! Text from a .proto file written into PHP: doc comments and string
//! literals. What a reader sees must be what PHP reads: nothing may end a
//! comment early, start a PHPDoc tag, or hide (control characters) or
//! reorder (bidirectional controls, "Trojan Source") the code around it.

/// Characters that would be invisible in the file: C0 controls, DEL, and the
/// bidirectional controls (LRM, RLM, LRE..RLO, LRI..PDI).
fn is_invisible(c: char) -> bool {
    c.is_ascii_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for a PHPDoc comment, on one line: `*/` becomes `*&#47;` (it would
/// end the comment) and `@` becomes `&#64;` (PHPDoc would read a tag), as
/// protoc escapes its PHP docblocks; a newline becomes `\n` and a tab `\t`;
/// any other invisible character becomes the text `U+XXXX`.
pub fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        match c {
            '/' if previous == Some('*') => out.push_str("&#47;"),
            '@' => out.push_str("&#64;"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_invisible(c) => out.push_str(&format!("U+{:04X}", u32::from(c))),
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// The lines of a doc comment for `prose` (a proto comment without its
/// annotations), each escaped by [`doc_text`]: trailing whitespace removed,
/// runs of blank lines made one, leading and trailing blank lines dropped.
/// The generator writes each as ` * <line>`, an empty one as ` *`.
pub fn doc_lines(prose: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in prose.lines() {
        let line = line.trim_end();
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(doc_text(line));
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A PHP string literal holding exactly `text`. Single-quoted (`\` and `'`
/// escaped) unless `text` holds an invisible character: then double-quoted,
/// with `\\`, `\"`, `\$`, `\n`, `\t`, `\r` and `\u{XXXX}` escapes, so that
/// the file holds no invisible character and no literal spans lines.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    if text.chars().any(is_invisible) {
        out.push('"');
        for c in text.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '$' => out.push_str("\\$"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if is_invisible(c) => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
    } else {
        out.push('\'');
        for c in text.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                c => out.push(c),
            }
        }
        out.push('\'');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_text_cannot_end_the_comment_or_start_a_tag() {
        assert_eq!(doc_text("a */ b"), "a *&#47; b");
        assert_eq!(doc_text("**/"), "**&#47;");
        assert_eq!(doc_text("/* ok / * /"), "/* ok / * /");
        assert_eq!(doc_text("@deprecated mail@x"), "&#64;deprecated mail&#64;x");
    }

    #[test]
    fn doc_text_shows_what_is_invisible() {
        assert_eq!(doc_text("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(
            doc_text("x\u{202E}y\u{0}z\u{7F}\r"),
            "xU+202EyU+0000zU+007FU+000D"
        );
        assert_eq!(doc_text("\u{200E}\u{2066}\u{2069}"), "U+200EU+2066U+2069");
        assert_eq!(doc_text("用户 ünï"), "用户 ünï");
    }

    #[test]
    fn doc_lines_are_trimmed_and_compacted() {
        assert_eq!(
            doc_lines("\n\nFirst.  \n\n\n  indented\t\n*/\n\n"),
            ["First.", "", "  indented", "*&#47;"]
        );
        assert!(doc_lines("").is_empty());
        assert!(doc_lines(" \n\t\n").is_empty());
    }

    #[test]
    fn literals_are_single_quoted_unless_something_is_invisible() {
        assert_eq!(string_literal("user {user_id}"), "'user {user_id}'");
        assert_eq!(string_literal("it's a \\ $x"), "'it\\'s a \\\\ $x'");
        assert_eq!(string_literal("用户"), "'用户'");
        assert_eq!(string_literal(""), "''");
        assert_eq!(
            string_literal("a\nb\t\"$x\" \\ \u{202E} \u{1} \r '"),
            "\"a\\nb\\t\\\"\\$x\\\" \\\\ \\u{202E} \\u{0001} \\r '\""
        );
    }
}
