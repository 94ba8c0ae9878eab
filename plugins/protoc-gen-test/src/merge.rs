//! Regeneration that never loses user work: an existing file is kept as
//! written, byte for byte, and what is missing is appended to it. syn only
//! reads the file to learn what it already has; nothing is reprinted, so the
//! user's comments and formatting survive.

use std::path::Path;

use protosmith_core::Diagnostic;

/// A top-level function of an existing file.
#[derive(Debug)]
pub struct ExistingFn {
    pub name: String,
    /// The method path in its `Tests `/pkg.Service/Method`.` doc line, if any.
    pub method: Option<String>,
}

/// A file already in the output directory.
#[derive(Debug)]
pub struct Existing {
    pub text: String,
    pub functions: Vec<ExistingFn>,
}

/// Reads `path` if it exists. A file that does not parse is an error: it
/// cannot be merged into, and must not be overwritten.
pub fn read(path: &Path, shown_as: &str) -> Result<Option<Existing>, Diagnostic> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::general(format!(
                "{shown_as}: cannot read it to merge new tests into it: {e}"
            )));
        }
    };
    let file = syn::parse_file(&text).map_err(|e| {
        let at = e.span().start();
        Diagnostic::general(format!(
            "{shown_as}:{}:{}: {e}; protoc-gen-test merges new tests into this file and never overwrites \
             a file it cannot read: fix it (or move it away) and generate again",
            at.line,
            at.column + 1
        ))
    })?;
    let functions = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(function) => Some(ExistingFn {
                name: function.sig.ident.to_string(),
                method: function.attrs.iter().find_map(marked_method),
            }),
            _ => None,
        })
        .collect();
    Ok(Some(Existing { text, functions }))
}

/// The method path of a ``#[doc = " Tests `/a.B/C`."]`` attribute.
fn marked_method(attribute: &syn::Attribute) -> Option<String> {
    let syn::Meta::NameValue(doc) = &attribute.meta else {
        return None;
    };
    if !doc.path.is_ident("doc") {
        return None;
    }
    let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(text),
        ..
    }) = &doc.value
    else {
        return None;
    };
    let text = text.value();
    let path = text.trim().strip_prefix("Tests `")?.strip_suffix("`.")?;
    path.starts_with('/').then(|| path.to_owned())
}

/// `existing` with `additions` appended, each separated by a blank line.
pub fn append(existing: &str, additions: &[String]) -> String {
    if additions.is_empty() {
        return existing.to_owned();
    }
    let mut text = existing.trim_end().to_owned();
    for addition in additions {
        text.push_str("\n\n");
        text.push_str(addition.trim_end());
    }
    text.push('\n');
    text
}
