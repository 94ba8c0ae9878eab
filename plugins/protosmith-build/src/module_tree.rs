//! The Rust module tree of the proto packages: `acme.user.v1` becomes
//! `pub mod acme { pub mod user { pub mod v1 { ... } } }`, holding prost's
//! output for the package and the error registries of its files side by
//! side, since both name the package's types.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::{Error, GeneratedPackage};

/// How `include!` finds the generated files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncludeStyle {
    /// `include!(concat!(env!("OUT_DIR"), "/acme.user.v1.rs"))`, for build.rs
    /// output (the form prost-build uses, which editors resolve too).
    OutDir,
    /// `include!("acme.user.v1.rs")`, relative to the file holding the tree,
    /// for generated code checked in next to it.
    Relative,
}

/// Renders the tree as a formatted Rust source file. `cfg` may gate each
/// package's code behind a Cargo feature; modules are then gated on any of
/// the features below them, so a crate built with few features shows no
/// empty modules.
pub fn render(
    packages: &[GeneratedPackage],
    style: IncludeStyle,
    cfg: &dyn Fn(&GeneratedPackage) -> Option<String>,
) -> Result<String, Error> {
    let mut root = Node::default();
    for package in packages {
        let node = package.module.iter().fold(&mut root, |node, part| {
            node.children.entry(part.clone()).or_default()
        });
        let feature = cfg(package);
        node.includes.extend(
            package
                .files
                .iter()
                .map(|file| (file.clone(), feature.clone())),
        );
    }
    let tokens = root.tokens(style, None)?;
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| {
        Error::Codegen(format!(
            "the module tree does not parse (a bug in protosmith-build): {e}"
        ))
    })?;
    Ok(prettyplease::unparse(&file))
}

#[derive(Default)]
struct Node {
    /// Generated files to include here, with the feature gating each.
    includes: Vec<(String, Option<String>)>,
    children: BTreeMap<String, Node>,
}

impl Node {
    /// `gated_by`: the features the enclosing module is gated on, which
    /// need not be repeated below it.
    fn tokens(
        &self,
        style: IncludeStyle,
        gated_by: Option<&[String]>,
    ) -> Result<TokenStream, Error> {
        let mut tokens = TokenStream::new();
        for (file, feature) in &self.includes {
            let cfg = match feature {
                Some(feature) if gated_by != Some(std::slice::from_ref(feature)) => {
                    quote!(#[cfg(feature = #feature)])
                }
                _ => TokenStream::new(),
            };
            let path = match style {
                IncludeStyle::OutDir => {
                    let file = format!("/{file}");
                    quote!(concat!(env!("OUT_DIR"), #file))
                }
                IncludeStyle::Relative => quote!(#file),
            };
            tokens.extend(quote!(#cfg include!(#path);));
        }
        for (name, child) in &self.children {
            // prost's module names are already escaped (`r#type`).
            let ident: syn::Ident = syn::parse_str(name).map_err(|e| {
                Error::Codegen(format!("module name {name} is not a Rust identifier: {e}"))
            })?;
            let features = child.features();
            let cfg = match features.as_deref() {
                None => TokenStream::new(),
                Some(features) if Some(features) == gated_by => TokenStream::new(),
                Some([feature]) => quote!(#[cfg(feature = #feature)]),
                Some(features) => quote!(#[cfg(any(#(feature = #features),*))]),
            };
            let body = child.tokens(style, features.as_deref().or(gated_by))?;
            tokens.extend(quote!(#cfg pub mod #ident { #body }));
        }
        Ok(tokens)
    }

    /// Every feature gating code below this node, or `None` when some code
    /// below is not gated (the module must then always exist).
    fn features(&self) -> Option<Vec<String>> {
        let mut features = Vec::new();
        for (_, feature) in &self.includes {
            features.push(feature.clone()?);
        }
        for child in self.children.values() {
            features.extend(child.features()?);
        }
        features.sort();
        features.dedup();
        Some(features)
    }
}
