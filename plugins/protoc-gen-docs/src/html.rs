//! Comments as HTML for the HTML page, rendered with pulldown-cmark.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::markdown::parser_options;

/// A comment's Markdown as HTML, its headings moved `under` levels down (see
/// [`crate::markdown::block`]). Raw HTML in the comment is shown as text: the
/// page is one self-contained file, and a stray `<div>` or `<script>` in a
/// proto comment must not be able to change it.
pub fn render(comment: &str, under: usize) -> String {
    let shift = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + under).min(6)).unwrap_or(level)
    };
    let events = Parser::new_ext(comment, parser_options()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_go_below_the_element_heading() {
        assert_eq!(
            render("# Title\n\n### Deep", 4),
            "<h5>Title</h5>\n<h6>Deep</h6>\n"
        );
    }

    #[test]
    fn renders_markdown_and_neutralises_raw_html() {
        let render = |comment| render(comment, 0);
        assert_eq!(
            render("Some *emphasis* and `code`."),
            "<p>Some <em>emphasis</em> and <code>code</code>.</p>\n"
        );
        assert_eq!(
            render("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            render("a <b>bold</b> word"),
            "<p>a &lt;b&gt;bold&lt;/b&gt; word</p>\n"
        );
    }
}
