//! Proto text made safe for Javadoc and for string literals, and ASCII-only:
//! generated files need no `-encoding`, and bidi or line-separator
//! characters cannot hide code or break lines in review.

use std::fmt::Write as _;

/// `text` as Javadoc text: HTML-escaped, no tags (`@`), no comment
/// terminator (`*/`), no `\u` escapes (javac decodes them before it lexes
/// comments), C0 controls and DEL dropped, everything outside ASCII written
/// as a numeric character reference.
pub fn javadoc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_star = false;
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push_str("&#64;"),
            '\\' => out.push_str("&#92;"),
            '/' if after_star => out.push_str("&#47;"),
            c if c.is_ascii_control() => {}
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "&#x{:x};", u32::from(c));
            }
        }
        after_star = c == '*';
    }
    out
}

/// Comment prose as Javadoc paragraphs: lines trimmed, runs of white space
/// made one space, blank lines separating paragraphs, each paragraph's lines
/// joined with spaces and escaped by [`javadoc_text`], every paragraph but
/// the first starting with `<p>`. Javadoc is HTML, so the layout of an
/// indented block would not survive anyway.
pub fn javadoc_paragraphs(prose: &str) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut end_paragraph = |current: &mut Vec<&str>| {
        if !current.is_empty() {
            let tag = if paragraphs.is_empty() { "" } else { "<p>" };
            paragraphs.push(format!("{tag}{}", javadoc_text(&current.join(" "))));
            current.clear();
        }
    };
    for line in prose.lines() {
        let words: Vec<&str> = line.split_ascii_whitespace().collect();
        if words.is_empty() {
            end_paragraph(&mut current);
        } else {
            current.extend(words);
        }
    }
    end_paragraph(&mut current);
    paragraphs
}

/// `text` as a Java string literal, quotes included, in ASCII: `\uXXXX`
/// per UTF-16 unit outside ASCII, octal for controls other than `\n`, `\r`
/// and `\t` (a `\u000a` would become a line break before javac lexes the
/// literal).
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\{:03o}", u32::from(c));
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javadoc_text_cannot_close_the_comment_or_start_a_tag() {
        assert_eq!(
            javadoc_text("a */ b @see {@link X} <b> & \\u002a/"),
            "a *&#47; b &#64;see {&#64;link X} &lt;b&gt; &amp; &#92;u002a/"
        );
        assert_eq!(javadoc_text("**/"), "**&#47;");
        assert_eq!(javadoc_text("a\u{1}\tb\u{7f}"), "ab");
        assert_eq!(
            javadoc_text("\u{202e}x\u{2028}ü😀"),
            "&#x202e;x&#x2028;&#xfc;&#x1f600;"
        );
    }

    #[test]
    fn paragraphs_are_joined_lines() {
        assert_eq!(
            javadoc_paragraphs("One\n  two\tthree  \n\n\n four <b>\n\nfive"),
            ["One two three", "<p>four &lt;b&gt;", "<p>five"]
        );
        assert!(javadoc_paragraphs("").is_empty());
    }

    #[test]
    fn string_literals_are_ascii() {
        assert_eq!(
            string_literal("x \"q\" \\ \n\t\r\u{1}\u{7f} \u{202e} 中😀"),
            "\"x \\\"q\\\" \\\\ \\n\\t\\r\\001\\177 \\u202e \\u4e2d\\ud83d\\ude00\""
        );
    }
}
