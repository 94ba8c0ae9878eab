//! protoc-gen-docs: API documentation from proto comments, with the error
//! catalog protoc-gen-errors builds from the same annotations.
//!
//! [`generate`] is the whole plugin as a function of its [`Input`]; the
//! `protoc-gen-docs` binary and `protosmith generate` both call it. The
//! pipeline: the core [`model`] and error catalog, described as [`page::Page`]s
//! (the data model of the JSON output and of every template), anchored and
//! linked by [`site`], then rendered.

mod anchors;
mod describe;
mod html;
mod markdown;
pub mod options;
pub mod page;
mod render;
mod site;

use protosmith_core::errors;
use protosmith_core::{Diagnostics, GeneratedFile, Input, model};

pub use anchors::slug;
pub use options::{Format, Options, PARAMETERS, Sort};

/// Runs the plugin on `input`: one page for the request, or one per file and an index (`per_file=true`).
pub fn generate(input: &Input) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let options = Options::parse(&input.parameter)?;
    let renderer = render::Renderer::new(&options.format)?;
    let model = model::build(input);
    let catalog = errors::resolve(&model, &options.errors)?;
    let pages = site::pages(&model, &catalog, &options)?;
    let mut diagnostics = Diagnostics::new();
    let mut files = Vec::with_capacity(pages.len());
    for page in &pages {
        match renderer.render(page) {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    diagnostics.into_result(files)
}
