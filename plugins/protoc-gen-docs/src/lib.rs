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
    PageCache::default().generate(model, catalog, options)
}

/// The pages of one model, kept to render them in several formats.
///
/// `protosmith generate` writes the docs as Markdown, HTML and JSON from one
/// model: building the pages (and Tera's context of each) once, not once per
/// format, saves the pages' share of each format (a tenth of the docs plugin's
/// time on the googleapis corpus, by perf) and the context. Pages depend on the
/// format only through their paths: a single page links within itself, so
/// any two single-page runs with the same sort, title and error settings
/// share their pages; per-file pages are shared only with the same file names.
#[derive(Debug, Default)]
pub struct PageCache {
    built: Option<Built>,
}

#[derive(Debug)]
struct Built {
    key: PagesKey,
    pages: Vec<page::Page>,
    /// Each page's Tera context, made on its first render with a template.
    contexts: Vec<Option<tera::Context>>,
}

/// What the pages depend on.
#[derive(Debug, PartialEq)]
struct PagesKey {
    sort: Sort,
    title: String,
    /// `per_file`'s index name (which names every page's extension); `None` for a single page.
    per_file: Option<String>,
    errors: catalog::Settings,
}

impl PagesKey {
    fn of(options: &Options) -> Self {
        PagesKey {
            sort: options.sort,
            title: options.title.clone(),
            per_file: options.per_file.then(|| options.file.clone()),
            errors: options.errors.clone(),
        }
    }
}

impl PageCache {
    /// [`generate`], reusing the pages of an earlier call on the same `model`
    /// when `options` allow. `catalog` must be `model`'s, resolved with `options.errors`.
    pub fn generate(
        &mut self,
        model: &Model,
        catalog: &Catalog,
        options: &Options,
    ) -> Result<Vec<GeneratedFile>, Diagnostics> {
        let renderer = render::Renderer::new(&options.format)?;
        let key = PagesKey::of(options);
        let built = match self.built.take() {
            Some(built) if built.key == key => built,
            _ => {
                let pages = site::pages(model, catalog, options)?;
                Built {
                    key,
                    contexts: pages.iter().map(|_| None).collect(),
                    pages,
                }
            }
        };
        let built = self.built.insert(built);
        if !options.per_file {
            built.pages[0].path.clone_from(&options.file);
        }
        if !renderer.uses_contexts() {
            // JSON needs none; freeing them keeps its peak memory where it was.
            built
                .contexts
                .iter_mut()
                .for_each(|context| *context = None);
        }
        let mut diagnostics = Diagnostics::new();
        let mut files = Vec::with_capacity(built.pages.len());
        for (page, context) in built.pages.iter().zip(&mut built.contexts) {
            match renderer.render(page, context) {
                Ok(file) => files.push(file),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        diagnostics.into_result(files)
    }
}

/// The whole plugin: model and catalog of `input` (with the options' error settings), then [`generate`].
pub fn run(input: &Input, options: &Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let model = model::build(input);
    let catalog = catalog::resolve(&model, &options.errors)?;
    generate(&model, &catalog, options)
}
