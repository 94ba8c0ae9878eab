//! Regeneration that never loses user work: an existing file is kept as
//! written, byte for byte, and what is missing is appended to it (or, for a
//! stand-in service, inserted at the end of its `impl` block). syn only
//! reads the file to learn what it already has and where; nothing is
//! reprinted, so the user's comments and formatting survive.

use std::path::Path;

use protosmith_core::Diagnostic;

/// A top-level function of an existing file.
#[derive(Debug)]
pub struct ExistingFn {
    pub name: String,
    /// The method path in its `Tests `/pkg.Service/Method`.` doc line, if any.
    pub method: Option<String>,
}

/// A trait implementation of an existing file, such as the stand-in
/// `impl shop_server::Shop for TodoShop { .. }`.
#[derive(Debug)]
pub struct ExistingImpl {
    /// The implementing type when it is a bare name (`TodoShop`), else empty.
    pub self_type: String,
    /// The trait's last path segment (`Shop`).
    pub trait_name: String,
    /// Its functions and associated types, by name.
    pub functions: Vec<String>,
    pub types: Vec<String>,
    /// Byte offset of its closing brace.
    close: usize,
}

/// A file already in the output directory.
#[derive(Debug)]
pub struct Existing {
    pub text: String,
    pub functions: Vec<ExistingFn>,
    pub impls: Vec<ExistingImpl>,
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
    // syn drops a byte-order mark before parsing; positions start after it.
    let skipped = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let impls = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(implementation) => {
                let (trait_path, _) = implementation.trait_.as_ref()?;
                let self_type = match &*implementation.self_ty {
                    syn::Type::Path(path) => path
                        .path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let close = implementation.brace_token.span.close().start();
                Some(ExistingImpl {
                    self_type,
                    trait_name: trait_path.segments.last()?.ident.to_string(),
                    functions: implementation
                        .items
                        .iter()
                        .filter_map(|item| match item {
                            syn::ImplItem::Fn(function) => Some(function.sig.ident.to_string()),
                            _ => None,
                        })
                        .collect(),
                    types: implementation
                        .items
                        .iter()
                        .filter_map(|item| match item {
                            syn::ImplItem::Type(alias) => Some(alias.ident.to_string()),
                            _ => None,
                        })
                        .collect(),
                    close: skipped + byte_offset(&text[skipped..], close.line, close.column),
                })
            }
            _ => None,
        })
        .collect();
    Ok(Some(Existing {
        text,
        functions,
        impls,
    }))
}

/// The byte offset of a 1-based line and 0-based column in characters, as
/// proc-macro2 reports positions.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, content) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            return offset
                + content
                    .char_indices()
                    .nth(column)
                    .map_or(content.len(), |(at, _)| at);
        }
        offset += content.len();
    }
    offset
}

/// Items to add at the end of an `impl` block of an existing file.
#[derive(Debug)]
pub struct Insertion<'a> {
    pub into: &'a ExistingImpl,
    /// Each item indented for the block, ending in a newline.
    pub items: Vec<String>,
}

/// `existing` with each insertion's items added before the closing brace of
/// its `impl` block, separated by blank lines as rustfmt leaves them; every
/// other byte is kept.
pub fn insert(existing: &str, insertions: &[Insertion]) -> String {
    let mut text = existing.to_owned();
    let mut ordered: Vec<&Insertion> = insertions.iter().filter(|i| !i.items.is_empty()).collect();
    // From the end, so earlier offsets stay valid.
    ordered.sort_by_key(|insertion| std::cmp::Reverse(insertion.into.close));
    for insertion in ordered {
        let close = insertion.into.close;
        let line_start = text[..close].rfind('\n').map_or(0, |at| at + 1);
        let has_items = !insertion.into.functions.is_empty() || !insertion.into.types.is_empty();
        let mut added = String::new();
        if text[line_start..close].trim().is_empty() {
            // `}` on its own line: the items go on the lines before it.
            for (index, item) in insertion.items.iter().enumerate() {
                if has_items || index > 0 {
                    added.push('\n');
                }
                added.push_str(item);
            }
            text.insert_str(line_start, &added);
        } else {
            // `impl X for Y {}`: the items open the block.
            added.push('\n');
            added.push_str(&insertion.items.join("\n"));
            text.insert_str(close, &added);
        }
    }
    text
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
