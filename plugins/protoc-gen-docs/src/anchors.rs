//! Anchors that work on GitHub and on GitLab without any HTML.
//!
//! Both sites give every heading of a Markdown file an id made from its text
//! (lower-cased, punctuation but `-` and `_` dropped, spaces made `-`), and
//! number repeats `-1`, `-2`... in page order. So the page's anchors are found
//! by walking its headings in exactly the order the Markdown template writes
//! them, the headings inside comments included; the anchors test renders
//! pages and checks every link against the headings both sites would see.
//! The HTML page and the JSON use the same anchors, so one fragment works
//! for all three.

use std::collections::HashMap;

use crate::markdown;
use crate::page::Page;

/// Section headings of the Markdown page, shared with the template through the data model.
pub const TABLE_OF_CONTENTS: &str = "Table of contents";
pub const FILES: &str = "Files";
pub const SERVICES: &str = "Services";
pub const MESSAGES: &str = "Messages";
pub const ENUMS: &str = "Enums";
pub const EXTENSIONS: &str = "Extensions";
pub const ERROR_CATALOG: &str = "Error catalog";
pub const IMPORTED_TYPES: &str = "Imported types";

/// GitHub's anchor for a heading with this text (before numbering repeats).
pub fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|&c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Hands out anchors in page order, numbering repeats as GitHub and GitLab do.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    pub fn anchor(&mut self, heading: &str) -> String {
        let base = slug(heading);
        let count = self.seen.entry(base.clone()).or_insert(0);
        let anchor = if *count == 0 {
            base
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        anchor
    }

    /// Counts the headings of a comment shown as a block.
    fn comment(&mut self, comment: &str) {
        for heading in markdown::headings(comment) {
            self.anchor(&heading);
        }
    }
}

/// Gives every heading element of `page` its anchor. The order here is the
/// order of templates/markdown.md: keep them in step.
pub fn assign(page: &mut Page) {
    let mut slugger = Slugger::default();
    slugger.anchor(&page.title);
    slugger.anchor(TABLE_OF_CONTENTS);
    if !page.pages.is_empty() {
        page.section_anchors.files = slugger.anchor(FILES);
    }
    for file in &mut page.files {
        file.anchor = slugger.anchor(&file.name);
        slugger.comment(&file.description);
        if !file.services.is_empty() {
            slugger.anchor(SERVICES);
        }
        for service in &mut file.services {
            service.anchor = slugger.anchor(&service.full_name);
            slugger.comment(&service.description);
            for method in &mut service.methods {
                method.anchor = slugger.anchor(&method.full_name);
                slugger.comment(&method.description);
            }
        }
        if !file.messages.is_empty() {
            slugger.anchor(MESSAGES);
        }
        for message in &mut file.messages {
            message.anchor = slugger.anchor(&message.full_name);
            slugger.comment(&message.description);
        }
        if !file.enums.is_empty() {
            slugger.anchor(ENUMS);
        }
        for enumeration in &mut file.enums {
            enumeration.anchor = slugger.anchor(&enumeration.full_name);
            slugger.comment(&enumeration.description);
        }
        if !file.extensions.is_empty() {
            slugger.anchor(EXTENSIONS);
        }
    }
    if !page.error_catalog.is_empty() {
        page.section_anchors.error_catalog = slugger.anchor(ERROR_CATALOG);
    }
    if !page.imported_types.is_empty() {
        page.section_anchors.imported_types = slugger.anchor(IMPORTED_TYPES);
    }
    for imported in &mut page.imported_types {
        imported.anchor = slugger.anchor(&imported.full_name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("acme.user.v1.User"), "acmeuserv1user");
        assert_eq!(
            slug("acme/user/v1/user_service.proto"),
            "acmeuserv1user_serviceproto"
        );
        assert_eq!(slug("Error catalog"), "error-catalog");
        assert_eq!(slug("用户 API"), "用户-api");
    }

    #[test]
    fn repeats_are_numbered() {
        let mut slugger = Slugger::default();
        let anchors: Vec<String> = ["Services", "Services", "a.Services", "services"]
            .map(|h| slugger.anchor(h))
            .into();
        assert_eq!(
            anchors,
            ["services", "services-1", "aservices", "services-2"]
        );
    }
}
