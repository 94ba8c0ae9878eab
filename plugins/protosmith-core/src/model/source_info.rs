//! Comments and positions from a file's `SourceCodeInfo`, by descriptor path.

use std::collections::HashMap;

use prost_types::source_code_info::Location as SourceLocation;

use crate::diagnostic::Location;
use crate::model::Docs;
use crate::model::annotation::{ParsedComment, parse_comment};

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

    /// The comments of the declaration at `path`, each annotation placed in
    /// the file. Source info has no positions for comments, so they are
    /// derived from the declaration's span, assuming the usual layout: a
    /// leading comment ends on the line above the declaration, `//` aligned
    /// with it; a trailing comment follows it on its last line after one
    /// space; detached comments are each followed by one blank line.
    pub(crate) fn docs(&self, path: &[i32]) -> Docs {
        let Some(location) = self.by_path.get(path) else {
            return Docs::default();
        };
        let span = &location.span;
        let at = |index: usize| span.get(index).and_then(|v| u32::try_from(*v).ok());
        let (Some(start_line), Some(start_column)) = (at(0), at(1)) else {
            return Docs {
                leading: parse_comment(location.leading_comments()),
                trailing: parse_comment(location.trailing_comments()),
                detached: location
                    .leading_detached_comments
                    .iter()
                    .map(|c| parse_comment(c))
                    .collect(),
            };
        };
        // 1-based lines; the text of a `//` comment starts 2 columns after it.
        let (start_line, text_column) = (start_line + 1, start_column + 3);
        let (end_line, end_column) = match (at(2), at(3)) {
            (Some(line), Some(column)) => (line + 1, column),
            (Some(column), None) => (start_line, column),
            _ => (start_line, start_column),
        };

        let mut leading = parse_comment(location.leading_comments());
        let mut above = start_line;
        if let Some(comment) = &location.leading_comments {
            above = start_line.saturating_sub(ParsedComment::line_count(comment));
            leading.place(self.file, above, text_column);
        }
        let mut trailing = parse_comment(location.trailing_comments());
        trailing.place(self.file, end_line, end_column + 4);
        let mut detached = Vec::with_capacity(location.leading_detached_comments.len());
        for comment in location.leading_detached_comments.iter().rev() {
            let mut parsed = parse_comment(comment);
            above = above.saturating_sub(1 + ParsedComment::line_count(comment));
            parsed.place(self.file, above.max(1), text_column);
            detached.push(parsed);
        }
        detached.reverse();
        Docs {
            leading,
            trailing,
            detached,
        }
    }

    /// Every comment in the file with the path of the element it belongs to.
    pub(crate) fn all_comments(&self) -> impl Iterator<Item = (&'a str, &'a [i32])> + 'a {
        self.all.iter().flat_map(|location| {
            location
                .leading_comments
                .iter()
                .chain(location.trailing_comments.iter())
                .chain(location.leading_detached_comments.iter())
                .map(|comment| (comment.as_str(), location.path.as_slice()))
        })
    }
}
