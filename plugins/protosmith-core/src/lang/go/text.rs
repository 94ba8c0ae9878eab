//! Text in Go source: `//` comments that gofmt leaves as written and that
//! display what the compiler reads, and string literals as `strconv.Quote`
//! writes them. Every comment and literal of generated Go goes through here.

use unicode_general_category::{GeneralCategory, get_general_category};

/// A Go interpreted string literal for `text`, byte for byte what Go's
/// `strconv.Quote` returns (with this crate's Unicode tables, 16.0, where Go
/// 1.26 has 15.0: a character assigned in 16.0 is written as itself).
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_print(c) => out.push(c),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and
/// the ASCII space.
fn is_print(c: char) -> bool {
    use GeneralCategory::*;
    c == ' '
        || matches!(
            get_general_category(c),
            UppercaseLetter
                | LowercaseLetter
                | TitlecaseLetter
                | ModifierLetter
                | OtherLetter
                | NonspacingMark
                | SpacingMark
                | EnclosingMark
                | DecimalNumber
                | LetterNumber
                | OtherNumber
                | ConnectorPunctuation
                | DashPunctuation
                | OpenPunctuation
                | ClosePunctuation
                | InitialPunctuation
                | FinalPunctuation
                | OtherPunctuation
                | MathSymbol
                | CurrencySymbol
                | ModifierSymbol
                | OtherSymbol
        )
}

/// Characters a comment writes as `\uXXXX`: controls (Go rejects NUL,
/// gofmt drops `\r`), line and paragraph separators, the BOM, and the
/// bidirectional controls that would make a comment display differently
/// from what the compiler reads (Trojan Source).
fn is_escaped_in_comment(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` made safe for one `//` line: tabs as spaces, every control (a
/// newline too), separator, BOM and bidi control as `\uXXXX`.
pub fn comment_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if is_escaped_in_comment(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The lines of a comment for `prose`, without `// `: each line trimmed
/// (indentation would make gofmt reformat it as code or a list), tabs as
/// spaces, controls and bidi characters as `\uXXXX`; blank lines (`""`)
/// only between paragraphs, one at a time.
pub fn comment_lines(prose: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in prose.lines() {
        let line = line.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        lines.push(comment_line(line));
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A whole doc comment, as gofmt would print it: `first` (the generated
/// summary, one paragraph), then the paragraphs of `prose`, then
/// `trailer` (e.g. a `Deprecated:` paragraph). Lines without `// `, `""`
/// for `//`. Two of gofmt's doc-comment rewrites survive
/// [`comment_lines`], so they are made here: an old-style heading becomes
/// `# Heading`, and link definitions move to the end (used ones first).
pub fn doc_comment(first: &str, prose: &str, trailer: Option<&str>) -> Vec<String> {
    let mut paragraphs: Vec<Vec<String>> = vec![vec![first.to_owned()]];
    let prose = comment_lines(prose);
    paragraphs.extend(
        prose
            .split(String::is_empty)
            .filter(|p| !p.is_empty())
            .map(<[String]>::to_vec),
    );
    if let Some(trailer) = trailer {
        paragraphs.push(vec![trailer.to_owned()]);
    }

    // Headings are decided on the comment as written (a link definition
    // paragraph after a line makes it a heading), then links move.
    let last = paragraphs.len() - 1;
    for (index, paragraph) in paragraphs.iter_mut().enumerate() {
        if let [line] = paragraph.as_mut_slice() {
            if is_new_heading(line) {
                *line = format!("# {}", line[1..].trim());
            } else if index > 0 && index < last && is_old_heading(line) {
                *line = format!("# {line}");
            }
        }
    }
    let (links, paragraphs): (Vec<Vec<String>>, Vec<Vec<String>>) = paragraphs
        .into_iter()
        .partition(|p| p.iter().all(|line| link_definition(line).is_some()));
    let mut lines = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            lines.push(String::new());
        }
        lines.extend(paragraph.iter().cloned());
    }
    let definitions: Vec<(String, String)> = links
        .iter()
        .flatten()
        .filter_map(|line| link_definition(line))
        .collect();
    let used = |text: &str| {
        let reference = format!("[{text}]");
        paragraphs
            .iter()
            .flatten()
            .any(|line| line.contains(&reference))
    };
    for want_used in [true, false] {
        let mut first = true;
        for (text, url) in definitions
            .iter()
            .filter(|(text, _)| used(text) == want_used)
        {
            if first {
                lines.push(String::new());
                first = false;
            }
            lines.push(format!("[{text}]: {url}"));
        }
    }
    lines
}

/// go/doc/comment's `parseLink`: `[text]: scheme://...`.
fn link_definition(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find("]:")?;
    let after = &rest[close + 2..];
    if after.len() < 2 || !after.starts_with([' ', '\t']) {
        return None;
    }
    let url = after.trim();
    let (scheme, _) = url.split_once("://")?;
    let is_scheme = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| (rest[..close].to_owned(), url.to_owned()))
}

/// go/doc/comment's `isHeading`: `# text`.
fn is_new_heading(line: &str) -> bool {
    line.len() >= 2 && (line.starts_with("# ") || line.starts_with("#\t")) && line.trim() != "#"
}

/// go/doc/comment's `isOldHeading`, for a line alone in its paragraph with
/// paragraphs before and after it.
fn is_old_heading(line: &str) -> bool {
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().last()) else {
        return false;
    };
    if !first.is_alphabetic() || !first.is_uppercase() || !last.is_alphanumeric() {
        return false;
    }
    if line.contains(|c| ";:!?+*/=[]{}_^°&§~%#@<\">\\".contains(c)) {
        return false;
    }
    let apostrophes_ok = line
        .split('\'')
        .skip(1)
        .all(|after| after == "s" || after.starts_with("s "));
    let dots_ok = line
        .split('.')
        .skip(1)
        .all(|after| !after.is_empty() && !after.starts_with(' '));
    apostrophes_ok && dots_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_match_strconv_quote() {
        // Expected values printed by Go 1.26's strconv.Quote.
        for (input, want) in [
            ("plain", r#""plain""#),
            ("say \"hi\" \\", r#""say \"hi\" \\""#),
            ("\u{7}\u{8}\u{c}\n\r\t\u{b}", r#""\a\b\f\n\r\t\v""#),
            ("\0\u{1b}\u{7f}", r#""\x00\x1b\x7f""#),
            ("\u{85}\u{a0}\u{ad}", r#""\u0085\u00a0\u00ad""#),
            ("a\u{202e}b\u{2066}", r#""a\u202eb\u2066""#),
            ("\u{2028}\u{feff}\u{e000}", r#""\u2028\ufeff\ue000""#),
            ("用户 {user_id} 不存在 é", "\"用户 {user_id} 不存在 é\""),
            ("\u{1f600}\u{10ffff}", "\"\u{1f600}\\U0010ffff\""),
            ("*/ {{x}}", r#""*/ {{x}}""#),
        ] {
            assert_eq!(string_literal(input), want, "{input:?}");
        }
    }

    #[test]
    fn comment_lines_are_trimmed_escaped_and_collapsed() {
        assert_eq!(
            comment_lines("\n\n  indented\tcode  \n\n\n\nend */ \u{202e}x\r\0\n\n"),
            ["indented code", "", "end */ \\u202ex\\u000d\\u0000"]
        );
        assert_eq!(comment_lines(" \n \n"), Vec::<String>::new());
        assert_eq!(
            comment_lines("go:generate rm -rf /"),
            ["go:generate rm -rf /"]
        );
    }

    #[test]
    fn doc_comments_are_what_gofmt_prints() {
        let prose = "Intro line.\n\nOverview\n\nSee [RFC 9110].\n\n[unused]: https://u.example\n[RFC 9110]: https://www.rfc-editor.org/rfc/rfc9110\n\n#   New heading";
        assert_eq!(
            doc_comment("ErrX is x.", prose, Some("Deprecated: x is deprecated.")),
            [
                "ErrX is x.",
                "",
                "Intro line.",
                "",
                "# Overview",
                "",
                "See [RFC 9110].",
                "",
                "# New heading",
                "",
                "Deprecated: x is deprecated.",
                "",
                "[RFC 9110]: https://www.rfc-editor.org/rfc/rfc9110",
                "",
                "[unused]: https://u.example",
            ]
        );
        // A link definition paragraph after a line makes it a heading.
        assert_eq!(
            doc_comment("S.", "Overview\n\n[a]: https://a.example", None),
            ["S.", "", "# Overview", "", "[a]: https://a.example"]
        );
        // Not headings: the last paragraph, punctuation, a dot before a space.
        assert_eq!(doc_comment("S.", "Overview", None), ["S.", "", "Overview"]);
        assert_eq!(
            doc_comment("S.", "Note: x\n\nEnd. Of\n\nlast", None),
            ["S.", "", "Note: x", "", "End. Of", "", "last"]
        );
        assert_eq!(
            doc_comment("S.", "User's guide\n\nlast", None),
            ["S.", "", "# User's guide", "", "last"]
        );
    }
}
