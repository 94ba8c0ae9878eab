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

use protosmith_core::catalog::{self, Catalog};
use protosmith_core::{Diagnostics, GeneratedFile, Input, Model, model};

pub use anchors::slug;
pub use options::{Format, Options, PARAMETERS, Sort};

/// The plugin's `--help`.
pub const HELP: &str = "\
protoc-gen-docs: API documentation with the error catalog

A protoc plugin: run it through protoc (--docs_out=DIR --docs_opt=K=V,...),
buf (buf.gen.yaml: local: protoc-gen-docs, opt: [K=V]) or protosmith generate.

Options (write a ',' inside a value as '\\,'):
  format=markdown|html|json   the output format (default markdown)
  template=PATH               a Tera template instead of format=
  file=NAME                   the page's name (default index.md, index.html, index.json)
  per_file                    one page per proto file plus an index
  sort=declaration|name       element order within a file (default declaration)
  title=TEXT                  the page title
  reason_style, domain, unique_numbers
                              as protoc-gen-errors, so the catalog shows the same reasons
";

/// Emits the documentation: one page for the request, or one per file and an index (`per_file=true`).
pub fn generate(
    model: &Model,
    catalog: &Catalog,
    options: &Options,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let renderer = render::Renderer::new(&options.format)?;
    let pages = site::pages(model, catalog, options)?;
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

/// The whole plugin: model and catalog of `input` (with the options' error settings), then [`generate`].
pub fn run(input: &Input, options: &Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let model = model::build(input);
    let catalog = catalog::resolve(&model, &options.errors)?;
    generate(&model, &catalog, options)
}
