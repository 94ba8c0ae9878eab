//! Checks the links of Markdown pages the way GitHub and GitLab resolve them:
//! both make a heading's anchor from its text, so the pages are parsed and
//! both rules applied, which checks the pages, not the plugin's idea of them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The two sites' rules: drop what is not a letter, digit, `_`, `-` or space,
/// lower-case, spaces to `-`; GitLab also squeezes runs of `-`. Repeats get `-1`, `-2`...
#[derive(Clone, Copy, Debug)]
pub enum Site {
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
    pub fn anchors(self, headings: &[String]) -> HashMap<String, String> {
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

pub struct Link {
    pub text: String,
    pub destination: String,
}

/// The headings and links of a Markdown page, as GitHub-flavoured Markdown reads it.
pub fn parse(markdown: &str) -> (Vec<String>, Vec<Link>) {
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
/// Whether protoc-gen-docs could have written this link: `#anchor`,
/// `page.md#anchor` or `page.md`, with an anchor as GitHub makes them. Links
/// that comments bring along (googleapis has `//cloud.google.com/...` and
/// `#Metric.ENUM_VALUES.AD_REQUESTS`, made for another site) are the
/// authors' business.
fn could_be_generated(destination: &str) -> bool {
    let (path, fragment) = destination.split_once('#').unwrap_or((destination, ""));
    let page = path.is_empty()
        || (path.ends_with(".md") && !path.starts_with('/') && !path.contains("://"));
    let anchor = fragment
        .chars()
        .all(|c| c.is_alphanumeric() && !c.is_uppercase() || matches!(c, '_' | '-'));
    page && anchor && !destination.is_empty()
}

pub fn check_links(pages: &BTreeMap<String, String>) -> usize {
    check_links_except(pages, |_| false)
}

/// [`check_links`] but for the links `written_by_authors` says a comment brought along.
pub fn check_links_except(
    pages: &BTreeMap<String, String>,
    written_by_authors: impl Fn(&Link) -> bool,
) -> usize {
    let parsed: BTreeMap<&str, (Vec<String>, Vec<Link>)> = pages
        .iter()
        .map(|(name, content)| (name.as_str(), parse(content)))
        .collect();
    let anchors: BTreeMap<&str, [HashMap<String, String>; 2]> = parsed
        .iter()
        .map(|(page, (headings, _))| {
            (
                *page,
                [
                    Site::GitHub.anchors(headings),
                    Site::GitLab.anchors(headings),
                ],
            )
        })
        .collect();
    let mut checked = 0;
    let mut problems = Vec::new();
    for (page, (_, links)) in &parsed {
        let links = links.iter().filter(|l| could_be_generated(&l.destination));
        for link in links.filter(|l| !written_by_authors(l)) {
            let (path, fragment) = link
                .destination
                .split_once('#')
                .unwrap_or((&link.destination, ""));
            let target = if path.is_empty() {
                (*page).to_owned()
            } else {
                normalize(&PathBuf::from(page).parent().unwrap().join(path))
            };
            let Some(target_anchors) = anchors.get(target.as_str()) else {
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
            for (site, site_anchors) in [Site::GitHub, Site::GitLab].iter().zip(target_anchors) {
                match site_anchors.get(fragment) {
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
