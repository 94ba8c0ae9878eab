//! Comments and positions from a file's `SourceCodeInfo`, by descriptor path.

use std::collections::HashMap;

use prost_types::source_code_info::Location as SourceLocation;

use crate::diagnostic::Location;
use crate::model::Docs;
use crate::model::annotation::parse_comment;

pub(crate) struct SourceInfo<'a> {
    file: &'a str,
    by_path: HashMap<&'a [i32], &'a SourceLocation>,
    all: &'a [SourceLocation],
}

impl<'a> SourceInfo<'a> {
    pub(crate) fn new(file: &'a str, locations: &'a [SourceLocation]) -> Self {
        let mut by_path = HashMap::with_capacity(locations.len());
        for location in locations {
            // The first location of a path is the whole declaration; later ones
            // (repeated statements such as several `option` lines) are parts.
            by_path.entry(location.path.as_slice()).or_insert(location);
        }
        SourceInfo {
            file,
            by_path,
            all: locations,
        }
    }

    /// Where the declaration at `path` starts, 1-based.
    pub(crate) fn location(&self, path: &[i32]) -> Location {
        match self
            .by_path
            .get(path)
            .and_then(|l| Some((*l.span.first()?, *l.span.get(1)?)))
        {
            Some((line, column)) => Location {
                file: self.file.to_owned(),
                line: u32::try_from(line).unwrap_or(0) + 1,
                column: u32::try_from(column).unwrap_or(0) + 1,
            },
            None => Location::file_only(self.file),
        }
    }

    pub(crate) fn docs(&self, path: &[i32]) -> Docs {
        let Some(location) = self.by_path.get(path) else {
            return Docs::default();
        };
        Docs {
            leading: parse_comment(location.leading_comments()),
            trailing: parse_comment(location.trailing_comments()),
        }
    }

    /// Every comment in the file with the position of the element it belongs to.
    pub(crate) fn all_comments(&self) -> impl Iterator<Item = (&'a str, Location)> + '_ {
        self.all.iter().flat_map(move |location| {
            let at = self.location(&location.path);
            location
                .leading_comments
                .iter()
                .chain(location.trailing_comments.iter())
                .chain(location.leading_detached_comments.iter())
                .map(move |comment| (comment.as_str(), at.clone()))
        })
    }
}
