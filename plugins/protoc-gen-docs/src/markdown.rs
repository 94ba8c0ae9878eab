//! Putting names and comments into Markdown without breaking the page.
//!
//! Comments are Markdown already and go in as written (never HTML-escaped),
//! with two exceptions that would otherwise swallow the rest of the page: an
//! unclosed code fence is closed, and an HTML block that only a closing tag
//! would end (`<pre>`, `<script>`, `<!--`...) is shown as text. In a table
//! cell a comment is folded onto one line: paragraphs and list items are
//! separated by `<br>`, code blocks become `<code>`, pipes are escaped.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The Markdown dialect comments are read in: GitHub's and GitLab's.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Plain text (a name, a file name) as literal Markdown inline text.
pub fn text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        let intraword = |i: Option<usize>| {
            i.and_then(|i| chars.get(i))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' => true,
            // `snake_case_names` stay readable: an underscore inside a word never emphasises.
            '_' => !(intraword(index.checked_sub(1)) && intraword(Some(index + 1))),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// `text` as a code span, with pipes escaped when it goes into a table cell
/// (GitHub and GitLab unescape `\|` inside code spans in tables, and only there).
pub fn code(text: &str, in_cell: bool) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`')
        || text.ends_with('`')
        || text.starts_with(' ') && text.ends_with(' ')
    {
        " "
    } else {
        ""
    };
    let body = if in_cell { escape_pipes(&text) } else { text };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// A comment as a block of the page: as written, but unable to run past its
/// end, and with its headings moved below `under`, the level of the heading
/// the comment sits under (a `# Title` under a level-4 heading becomes
/// `##### Title`; the text, and so the anchor, stays the same).
pub fn block(comment: &str, under: usize) -> String {
    let mut out = shift_headings(comment.trim_end(), under);
    let mut escape_at = None;
    let mut close_fence = None;
    for (event, range) in Parser::new_ext(&out, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if range.end == out.len() => {
                close_fence = unclosed_fence(&out[range]);
            }
            Event::Start(Tag::HtmlBlock)
                if range.end == out.len() && unterminated_html(&out[range.clone()]) =>
            {
                escape_at = Some(range.start + out[range].find('<').unwrap_or(0));
            }
            _ => {}
        }
    }
    if let Some(at) = escape_at {
        out.insert(at, '\\');
    }
    if let Some(fence) = close_fence {
        out.push('\n');
        out.push_str(&fence);
    }
    out
}

/// Rewrites the comment's top-level headings as ATX headings `under` levels deeper (at most 6).
fn shift_headings(comment: &str, under: usize) -> String {
    if under == 0 {
        return comment.to_owned();
    }
    let mut headings = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(comment, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                headings.push((range, level as usize));
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    let mut out = comment.to_owned();
    for (range, level) in headings.into_iter().rev() {
        let source = &comment[range.clone()];
        let newline = if source.ends_with('\n') { "\n" } else { "" };
        let text = heading_text(source);
        let hashes = "#".repeat((level + under).min(6));
        out.replace_range(range, &format!("{hashes} {text}{newline}"));
    }
    out
}

/// The inline text of an ATX (`## Title ##`) or setext (`Title` over `---`) heading's source.
fn heading_text(source: &str) -> String {
    let trimmed = source.trim();
    if trimmed.starts_with('#') {
        let text = trimmed.trim_start_matches('#').trim();
        let closed = text.trim_end_matches('#');
        return if closed.is_empty() || closed.ends_with(' ') {
            closed.trim_end()
        } else {
            text
        }
        .to_owned();
    }
    let lines: Vec<&str> = trimmed.lines().collect();
    lines[..lines.len().saturating_sub(1)]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The closing fence an unclosed fenced code block needs, if it needs one.
fn unclosed_fence(block: &str) -> Option<String> {
    let opening = block.trim_start();
    let fence_char = opening.chars().next()?;
    let length = opening.chars().take_while(|&c| c == fence_char).count();
    let lines: Vec<&str> = block.lines().collect();
    let closed = lines.len() > 1
        && lines.last().is_some_and(|last| {
            let last = last.trim();
            last.len() >= length && last.chars().all(|c| c == fence_char)
        });
    (!closed).then(|| fence_char.to_string().repeat(length))
}

/// Whether an HTML block is of a kind that only its closing tag ends (CommonMark
/// kinds 1 to 5) and that tag is missing.
fn unterminated_html(block: &str) -> bool {
    let lower = block.trim_start().to_ascii_lowercase();
    let ends = [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
        ("<!--", "-->"),
        ("<![cdata[", "]]>"),
        ("<?", "?>"),
        ("<!", ">"),
    ];
    ends.iter()
        .find(|(start, _)| lower.starts_with(start))
        .is_some_and(|(_, end)| !lower.contains(end))
}

/// A comment folded into one table cell.
pub fn cell(comment: &str) -> String {
    let comment = comment.trim();
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(Tag, Range<usize>, String)> = None;
    for (event, range) in Parser::new_ext(comment, parser_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    current = Some((tag, range, String::new()));
                }
                depth += 1;
            }
            Event::End(_) => {
                depth -= 1;
                let closed = if depth == 0 { current.take() } else { None };
                if let Some((tag, range, code)) = closed {
                    parts.push(fold_block(&tag, &comment[range], &code));
                }
            }
            Event::Text(text) if depth > 0 => {
                if let Some((Tag::CodeBlock(_), _, code)) = current.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::Rule if depth == 0 => parts.push("---".to_owned()),
            _ => {}
        }
    }
    parts.retain(|part| !part.is_empty());
    parts.join("<br><br>")
}

/// One top-level block of a comment, on one line.
fn fold_block(tag: &Tag, source: &str, code: &str) -> String {
    match tag {
        Tag::Paragraph => escape_pipes(&join_lines(source)),
        Tag::Heading { .. } => {
            let heading = source
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches('#')
                .trim();
            format!("**{}**", escape_pipes(heading))
        }
        Tag::CodeBlock(_) => {
            let lines: Vec<String> = code
                .trim_end_matches('\n')
                .lines()
                .map(html_code_line)
                .collect();
            format!("<code>{}</code>", lines.join("<br>"))
        }
        Tag::List(_) => list_items(source)
            .iter()
            .map(|item| escape_pipes(item))
            .collect::<Vec<_>>()
            .join("<br>"),
        _ => escape_pipes(
            &source
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("<br>"),
        ),
    }
}

/// A paragraph's lines joined as Markdown would show them: a soft break is a
/// space, a hard break (two trailing spaces or a backslash) a `<br>`.
fn join_lines(source: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = source.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let is_last = index + 1 == lines.len();
        let trimmed = line.trim_start();
        if is_last {
            out.push_str(trimmed.trim_end());
        } else if let Some(hard) = trimmed.strip_suffix('\\') {
            out.push_str(hard);
            out.push_str("<br>");
        } else if trimmed.ends_with("  ") {
            out.push_str(trimmed.trim_end());
            out.push_str("<br>");
        } else {
            out.push_str(trimmed.trim_end());
            out.push(' ');
        }
    }
    out
}

/// The items of a list, each on one line, keeping their markers (`-`, `1.`).
fn list_items(source: &str) -> Vec<String> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let base = source
        .lines()
        .find(|l| !l.trim().is_empty())
        .map_or(0, indent);
    let mut items: Vec<String> = Vec::new();
    for line in source.lines().filter(|l| !l.trim().is_empty()) {
        let trimmed = line.trim();
        let starts_item = indent(line) <= base && is_list_marker(trimmed);
        match items.last_mut() {
            Some(item) if !starts_item => {
                item.push(' ');
                item.push_str(trimmed);
            }
            _ => items.push(trimmed.to_owned()),
        }
    }
    items
}

fn is_list_marker(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    let marker = if digits > 0 {
        rest.starts_with(['.', ')'])
    } else {
        rest.starts_with(['-', '+', '*'])
    };
    marker && rest[1..].chars().next().is_none_or(char::is_whitespace)
}

/// A code line inside `<code>` in a cell: Markdown still reads text between
/// HTML tags, so it is escaped as text; indentation is kept.
fn html_code_line(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    format!(
        "{}{}",
        "&nbsp;".repeat(indent),
        text(line.trim_start_matches(' '))
    )
}

/// `|` ends a table cell even inside a code span; `\|` does not.
fn escape_pipes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0;
    for c in text.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// The first paragraph of a comment, on one line: a summary for places that
/// only list an element, such as the index of per-file pages.
pub fn summary(comment: &str) -> String {
    let comment = comment.trim();
    Parser::new_ext(comment, parser_options())
        .into_offset_iter()
        .find(|(event, _)| matches!(event, Event::Start(Tag::Paragraph)))
        .map(|(_, range)| join_lines(&comment[range]))
        .unwrap_or_default()
}

/// The text of every heading in a comment, in order: they take anchors on
/// GitHub and GitLab like the page's own headings do.
pub fn headings(comment: &str) -> Vec<String> {
    let mut headings = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(comment, parser_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = current.as_mut() {
                    heading.push_str(&text);
                }
            }
            _ => {}
        }
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_only_what_markdown_would_read() {
        assert_eq!(text("USER_ERROR_NOT_FOUND"), "USER_ERROR_NOT_FOUND");
        assert_eq!(text("_private_"), "\\_private\\_");
        assert_eq!(text("a|b *c* [d]"), "a\\|b \\*c\\* \\[d\\]");
    }

    #[test]
    fn code_spans_survive_backticks_and_pipes() {
        assert_eq!(code("a|b", true), "`a\\|b`");
        assert_eq!(code("a|b", false), "`a|b`");
        assert_eq!(code("x `y` z", false), "``x `y` z``");
        assert_eq!(code("`", false), "`` ` ``");
    }

    #[test]
    fn cells_hold_multi_line_comments_on_one_line() {
        assert_eq!(
            cell("First line\ncontinues.\n\nSecond | paragraph."),
            "First line continues.<br><br>Second \\| paragraph."
        );
        assert_eq!(
            cell("Lines:\n- one\n- two\n  more"),
            "Lines:<br><br>- one<br>- two more"
        );
        assert_eq!(
            cell("```\nif a || b {\n  x < 1\n}\n```"),
            "<code>if a \\|\\| b {<br>&nbsp;&nbsp;x \\< 1<br>}</code>"
        );
        assert_eq!(
            cell("| a | b |\n|---|---|\n| 1 | 2 |"),
            "\\| a \\| b \\|<br>\\|---\\|---\\|<br>\\| 1 \\| 2 \\|"
        );
        assert_eq!(cell("hard  \nbreak"), "hard<br>break");
    }

    #[test]
    fn blocks_cannot_run_past_their_end() {
        let block = |comment| block(comment, 0);
        assert_eq!(
            block("Example:\n```rust\nlet x = 1;"),
            "Example:\n```rust\nlet x = 1;\n```"
        );
        assert_eq!(block("```\nclosed\n```"), "```\nclosed\n```");
        assert_eq!(block("<pre>\nraw"), "\\<pre>\nraw");
        assert_eq!(block("<!-- open"), "\\<!-- open");
        assert_eq!(block("<div>\nfine</div>"), "<div>\nfine</div>");
    }

    #[test]
    fn comment_headings_go_below_the_element_heading() {
        assert_eq!(
            block(
                "# Title\n\ntext\n\nSub\n---\n\n## Closed ##\n\n> # quoted",
                4
            ),
            "##### Title\n\ntext\n\n###### Sub\n\n###### Closed\n\n> # quoted"
        );
        assert_eq!(headings(&block("# C# tips", 2)), ["C# tips"]);
    }

    #[test]
    fn summaries_are_first_paragraphs() {
        assert_eq!(
            summary("# Title\n\nA Timestamp is\na point in time.\n\nMore."),
            "A Timestamp is a point in time."
        );
        assert_eq!(summary(""), "");
    }

    #[test]
    fn finds_headings_in_comments() {
        assert_eq!(
            headings("# Title\n\ntext\n\nSub `code`\n---\n"),
            ["Title", "Sub code"]
        );
    }
}
