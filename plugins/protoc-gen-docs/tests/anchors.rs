//! Every link of the Markdown output lands on a heading, on GitHub and on
//! GitLab alike (see common/links.rs for how both sites are modelled).

mod common;

use std::collections::BTreeMap;

use common::links::{Site, check_links, parse};
use common::{example, generate, nasty};

#[test]
fn example_links_resolve_on_github_and_gitlab() {
    let checked = check_links(&generate(&example("")));
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn per_file_links_resolve_across_pages() {
    let pages = generate(&example("per_file=true"));
    assert_eq!(
        pages.keys().collect::<Vec<_>>(),
        [
            "acme/order/v1/order.md",
            "acme/user/v1/errors.md",
            "acme/user/v1/user.md",
            "index.md",
        ]
    );
    let checked = check_links(&pages);
    assert!(checked > 50, "only {checked} links checked");
    assert!(pages["index.md"].contains("(acme/order/v1/order.md#acmeorderv1ordererror)"));
}

#[test]
fn nasty_comments_with_headings_and_sorting_keep_links_working() {
    for parameter in ["", "sort=name", "per_file=true", "per_file=true,sort=name"] {
        check_links(&generate(&nasty(parameter)));
    }
}

#[test]
fn headings_in_comments_shift_anchors_like_the_sites_do() {
    // The header comment of shop.proto has its own "## Error catalog", which
    // comes first and so takes `error-catalog` on both sites: the page's
    // section is `error-catalog-1`, and the table of contents says so.
    let page = common::single(&nasty(""));
    let (headings, _) = parse(&page);
    assert_eq!(headings.iter().filter(|h| *h == "Error catalog").count(), 2);
    assert!(page.contains("- [Error catalog](#error-catalog-1)\n"));
    let anchors = Site::GitHub.anchors(&headings);
    assert_eq!(anchors["error-catalog-1"], "Error catalog");
    check_links(&BTreeMap::from([("index.md".to_owned(), page)]));
}
