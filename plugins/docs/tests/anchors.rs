//! Every link of the Markdown output lands on a heading, on GitHub and on
//! GitLab alike. Both sites make a heading's anchor from its text; this test
//! parses the rendered pages the way they do and applies both rules, so it
//! checks the pages, not the plugin's idea of them.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use common::{example, generate, nasty};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The two sites' rules: drop what is not a letter, digit, `_`, `-` or space,
/// lower-case, spaces to `-`; GitLab also squeezes runs of `-`. Repeats get `-1`, `-2`...
#[derive(Clone, Copy, Debug)]
enum Site {
    GitHub,
    GitLab,
}

impl Site {
    fn base(self, text: &str) -> String {
        let slug: String = text
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        match self {
            Site::GitHub => slug,
            Site::GitLab => {
                let mut squeezed = String::new();
                for c in slug.chars() {
                    if !(c == '-' && squeezed.ends_with('-')) {
                        squeezed.push(c);
                    }
                }
                squeezed
            }
        }
    }

    /// Anchor -> heading text, for every heading of a page.
    fn anchors(self, headings: &[String]) -> HashMap<String, String> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut anchors = HashMap::new();
        for heading in headings {
            let base = self.base(heading);
            let count = seen.entry(base.clone()).or_default();
            let anchor = if *count == 0 {
                base
            } else {
                format!("{base}-{count}")
            };
            *count += 1;
            anchors.insert(anchor, heading.clone());
        }
        anchors
    }
}

struct Link {
    text: String,
    destination: String,
}

/// The headings and links of a Markdown page, as GitHub-flavoured Markdown reads it.
fn parse(markdown: &str) -> (Vec<String>, Vec<Link>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let (mut headings, mut links) = (Vec::new(), Vec::new());
    let mut heading: Option<String> = None;
    let mut link: Option<Link> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some(Link {
                    text: String::new(),
                    destination: dest_url.to_string(),
                })
            }
            Event::End(TagEnd::Link) => links.extend(link.take()),
            Event::Text(text) | Event::Code(text) => {
                for open in [heading.as_mut(), link.as_mut().map(|l| &mut l.text)]
                    .into_iter()
                    .flatten()
                {
                    open.push_str(&text);
                }
            }
            _ => {}
        }
    }
    (headings, links)
}

fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Checks every in-page and cross-page link of a set of Markdown pages; returns how many it checked.
fn check_links(pages: &BTreeMap<String, String>) -> usize {
    let parsed: BTreeMap<&str, (Vec<String>, Vec<Link>)> = pages
        .iter()
        .map(|(name, content)| (name.as_str(), parse(content)))
        .collect();
    let mut checked = 0;
    let mut problems = Vec::new();
    for (page, (_, links)) in &parsed {
        for link in links.iter().filter(|l| !l.destination.starts_with("http")) {
            let (path, fragment) = link
                .destination
                .split_once('#')
                .unwrap_or((&link.destination, ""));
            let target = if path.is_empty() {
                (*page).to_owned()
            } else {
                normalize(&PathBuf::from(page).parent().unwrap().join(path))
            };
            let Some((headings, _)) = parsed.get(target.as_str()) else {
                problems.push(format!(
                    "{page}: link [{}]({}) points to a page that was not written",
                    link.text, link.destination
                ));
                continue;
            };
            if fragment.is_empty() {
                checked += 1;
                continue;
            }
            for site in [Site::GitHub, Site::GitLab] {
                match site.anchors(headings).get(fragment) {
                    None => problems.push(format!(
                        "{page}: on {site:?}, link [{}]({}) has no heading with that anchor",
                        link.text, link.destination
                    )),
                    // A link names what it points at: `User` lands on `acme.user.v1.User`.
                    Some(heading) if !heading.ends_with(&link.text) => problems.push(format!(
                        "{page}: on {site:?}, link [{}]({}) lands on heading {heading:?}",
                        link.text, link.destination
                    )),
                    Some(_) => checked += 1,
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    checked
}

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
            "protosmith/errors/v1/options.md"
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
