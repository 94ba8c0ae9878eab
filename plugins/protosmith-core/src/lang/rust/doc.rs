//! Proto comments as rustdoc: text that rustdoc would misread is neutralised.

/// Doc lines for `prose`, safe for rustdoc: an indented block or an unlabeled
/// fence would otherwise become a doctest that does not compile, and `[x]`
/// an intra-doc link that does not resolve.
pub fn doc_lines(prose: &str) -> Vec<String> {
    // rustc rejects bidi controls (U+202E ...) even in comments: every
    // invisible character is written as its escape.
    let prose =
        crate::lang::text::escape_invisible(prose, crate::lang::text::braced_unicode_escape);
    let mut in_fence = false;
    prose
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if let Some(info) = trimmed.strip_prefix("```") {
                in_fence = !in_fence;
                return if in_fence && info.trim().is_empty() {
                    "```text".to_owned()
                } else {
                    trimmed.to_owned()
                };
            }
            if in_fence {
                return line.to_owned();
            }
            let indent = (line.len() - trimmed.len()).min(3);
            format!(
                "{}{}",
                " ".repeat(indent),
                trimmed.replace('[', "\\[").replace(']', "\\]")
            )
        })
        .collect()
}

/// Doc lines as `#[doc = "..."]` wants them: with the space `///` would have.
pub fn doc_attributes(prose: &str) -> Vec<String> {
    doc_lines(prose)
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_doctests_and_links() {
        assert_eq!(
            doc_lines("See [docs].\n\n    let x = 1;\n```\ncode [a]\n```"),
            [
                "See \\[docs\\].",
                "",
                "   let x = 1;",
                "```text",
                "code [a]",
                "```"
            ]
        );
    }
}

#[cfg(test)]
mod bidi_tests {
    use super::*;

    #[test]
    fn bidi_and_control_characters_are_escaped() {
        let lines = doc_lines("evil \u{202e}txt.exe\u{7} here");
        assert_eq!(lines, ["evil \\u{202e}txt.exe\\u{7} here"]);
    }
}
