//! The HTML page parses as HTML, is self-contained, has unique ids, every
//! in-page link lands on one, and raw HTML in comments stays text.

mod common;

use std::collections::HashSet;

use common::{example, generate, nasty, single};
use scraper::{Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Parses a page and checks what every page must satisfy; returns the document.
fn check_page(name: &str, page: &str) -> Html {
    let document = Html::parse_document(page);
    assert!(
        document.errors.is_empty(),
        "{name}: HTML parse errors: {:?}",
        document.errors
    );
    let mut ids = HashSet::new();
    for element in document.select(&selector("[id]")) {
        let id = element.value().id().unwrap();
        assert!(ids.insert(id.to_owned()), "{name}: duplicate id {id:?}");
    }
    for link in document.select(&selector("a[href]")) {
        let href = link.value().attr("href").unwrap();
        if let Some(fragment) = href.strip_prefix('#') {
            assert!(
                ids.contains(fragment),
                "{name}: link {href} has no element with that id"
            );
        }
    }
    // Self-contained: no script, no external stylesheet, image or font.
    assert_eq!(
        document
            .select(&selector("script, link, img, iframe"))
            .count(),
        0,
        "{name}: external asset or script"
    );
    assert_eq!(
        document.select(&selector("head > style")).count(),
        1,
        "{name}: the CSS is embedded"
    );
    document
}

#[test]
fn example_page_is_valid_and_links_resolve() {
    let page = single(&example("format=html"));
    let document = check_page("example", &page);
    let headings: Vec<String> = document
        .select(&selector("h4"))
        .map(|h| h.text().collect::<String>())
        .collect();
    assert!(
        headings.contains(&"acme.user.v1.UserService".to_owned()),
        "{headings:?}"
    );
    // The error catalog is a real table with one row per error.
    let rows = document
        .select(&selector("#error-catalog tbody tr"))
        .count();
    assert_eq!(rows, 9);
    // HTML-escaped once, where HTML needs it, never in the Markdown sense of "&#34;".
    assert!(
        !page.contains("&#x2F;") && !page.contains("&amp;#"),
        "double or needless escaping"
    );
}

#[test]
fn raw_html_in_comments_is_shown_as_text() {
    let page = single(&nasty("format=html"));
    let document = check_page("nasty", &page);
    let card = document
        .select(&selector("td"))
        .find(|td| td.text().collect::<String>().contains("Card number"))
        .expect("the card field's description");
    assert!(
        card.text()
            .collect::<String>()
            .contains("<script>alert(\"x\")</script>")
    );
    // The unterminated <pre> of enum Color's comment did not swallow the page.
    assert!(
        document
            .select(&selector("pre pre, pre table"))
            .next()
            .is_none()
    );
    // (shop.proto's header has its own "Error catalog" heading, so the section is error-catalog-1, as in the Markdown.)
    assert!(
        document
            .select(&selector("#error-catalog-1 tbody tr"))
            .next()
            .is_some()
    );
    // CJK text arrives intact.
    assert!(page.contains("商品是待售的东西。价格以分为单位。"));
    // Markdown tables in comments become HTML tables.
    assert!(document.select(&selector("td table")).next().is_some());
}

#[test]
fn per_file_pages_are_valid() {
    for (name, page) in generate(&nasty("format=html,per_file=true")) {
        assert!(name.ends_with(".html"), "{name}");
        check_page(&name, &page);
    }
}
