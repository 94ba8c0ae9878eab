//! Helpers for generators that write Rust: formatting, identifiers, rustdoc.

mod doc;
mod ident;

pub use doc::{doc_attributes, doc_lines};
pub use ident::{identifier, is_keyword, tonic_snake_case};

use proc_macro2::TokenStream;

/// Formats items the way rustfmt would lay them out: prettyplease, plus a
/// blank line between top-level items. Fails only if `tokens` are not valid
/// Rust items, which is a bug in the generator.
pub fn format_items(tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(separate_items(&prettyplease::unparse(&file)))
}

/// prettyplease puts top-level items on consecutive lines; rustfmt and
/// reviewers expect a blank line between them.
pub fn separate_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous_closed_item = false;
    for line in code.lines() {
        let top_level = !line.starts_with(char::is_whitespace) && !line.is_empty();
        if previous_closed_item && top_level && !line.starts_with('}') {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous_closed_item = top_level && (line == "}" || line.ends_with(';'));
    }
    out
}
