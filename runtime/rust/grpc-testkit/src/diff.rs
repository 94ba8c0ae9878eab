//! Readable differences between what a row wants and what the service answered.

use std::fmt::Debug;

use similar::{ChangeTag, TextDiff};

/// A line diff of the pretty `Debug` forms, `-` for want and `+` for got.
pub(crate) fn debug_diff(want: &impl Debug, got: &impl Debug) -> String {
    let (want, got) = (format!("{want:#?}"), format!("{got:#?}"));
    let mut out = String::from("--- want\n+++ got\n");
    for change in TextDiff::from_lines(&want, &got).iter_all_changes() {
        let sign = match change.tag() {
            ChangeTag::Delete => '-',
            ChangeTag::Insert => '+',
            ChangeTag::Equal => ' ',
        };
        out.push(sign);
        out.push_str(change.as_str().unwrap_or_default().trim_end_matches('\n'));
        out.push('\n');
    }
    out
}

/// One line describing an error: code, reason and message.
pub(crate) fn describe_error(error: &grpc_errors::Error) -> String {
    let reason = if error.reason().is_empty() {
        "no reason".to_owned()
    } else {
        format!("reason {}", error.reason())
    };
    format!("{} ({reason}): {}", error.code(), error.message())
}
