//! Text inside generated TypeScript: string literals, TSDoc comments, code
//! spans. Every escape the TypeScript emitters need is here, so nothing
//! invisible, nothing that ends a comment and nothing TSDoc would read as a
//! tag reaches the output by another path.

use std::fmt::Write as _;

/// Characters that reorder or end a line of source without being seen:
/// bidi controls, the two Unicode line terminators, and C1 and C0 controls
/// other than tab, plus DEL. String literals and comments write them as
/// escapes.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A string literal as prettier writes it: double quotes unless the text
/// holds more `"` than `'`; escapes as `JSON.stringify` writes them, plus
/// `\uXXXX` for DEL, C1 controls, U+2028, U+2029 and bidi controls. Only the
/// chosen quote is escaped; every other character is written as itself.
pub fn string_literal(text: &str) -> String {
    let doubles = text.matches('"').count();
    let singles = text.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    push_escaped(&mut out, text, Some(quote));
    out.push(quote);
    out
}

/// The inside of a string literal without quotes and without escaping
/// quotes: how a message template is shown in a doc comment, one line however
/// many line breaks it holds.
pub fn string_content(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text, None);
    out
}

fn push_escaped(out: &mut String, text: &str, quote: Option<char>) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if Some(c) == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_invisible(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// The lines of a TSDoc block for `prose` (a proto comment without its
/// annotations), each to be written after ` * ` (an empty line as ` *`):
/// trailing whitespace and surrounding empty lines dropped, then escaped.
pub fn doc_lines(prose: &str) -> Vec<String> {
    let lines: Vec<&str> = prose.lines().map(str::trim_end).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |i| i + 1);
    lines[first..last]
        .iter()
        .map(|line| doc_line(line))
        .collect()
}

/// One line of a TSDoc block, escaped: `*/` would end the comment, `@` at
/// the start of a line and `{@` would be read as TSDoc tags, and invisible
/// characters become the visible text `\u{XXXX}`.
pub fn doc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut at_start = true;
    let mut previous = None;
    for c in line.chars() {
        match c {
            '/' if previous == Some('*') => out.push_str("\\/"),
            '@' if at_start || previous == Some('{') => out.push_str("\\@"),
            c if is_invisible(c) => {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            }
            c => out.push(c),
        }
        at_start &= c == ' ' || c == '\t';
        previous = Some(c);
    }
    out
}

/// The text of a `//` comment line: invisible characters escaped as in doc
/// comments, so the comment cannot end early or hide anything.
pub fn line_comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("\\u{{{:04X}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A Markdown code span around `text`: one backtick, or, when `text` holds
/// backticks, a run one longer than its longest with a space on each side.
pub fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    if longest == 0 {
        format!("`{text}`")
    } else {
        let fence = "`".repeat(longest + 1);
        format!("{fence} {text} {fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_choose_quotes_as_prettier() {
        assert_eq!(string_literal("plain"), "\"plain\"");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"hi\"\n"), "'say \"hi\"\\n'");
        assert_eq!(string_literal("a \"b' c"), "\"a \\\"b' c\"");
        assert_eq!(
            string_literal("\\ \u{1}\u{7f}\u{85}\u{2028}\u{202e}用户"),
            "\"\\\\ \\u0001\\u007f\\u0085\\u2028\\u202e用户\""
        );
        assert_eq!(string_content("say \"hi\"\n\\"), "say \"hi\"\\n\\\\");
    }

    #[test]
    fn doc_lines_cannot_end_the_comment_or_start_a_tag() {
        assert_eq!(
            doc_lines("\n It says */ and {@link x} and  \n  @see nothing\n\u{202e}\n\n"),
            [
                " It says *\\/ and {\\@link x} and",
                "  \\@see nothing",
                "\\u{202E}"
            ]
        );
        assert_eq!(doc_line("a@b */*/"), "a@b *\\/*\\/");
        assert!(doc_lines("").is_empty());
        assert_eq!(line_comment("a\nb.proto"), "a\\u{000A}b.proto");
    }

    #[test]
    fn code_spans_outgrow_their_backticks() {
        assert_eq!(code_span("x"), "`x`");
        assert_eq!(code_span("a `b` c"), "`` a `b` c ``");
        assert_eq!(code_span("``"), "``` `` ```");
    }
}
