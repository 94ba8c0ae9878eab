//! protoc-gen-errors: error registries from annotated proto enums.
//!
//! [`generate`] is an emitter: model, catalog and typed [`ErrorsOptions`] in,
//! files out, one module per target language ([`rust`], [`php`]). [`run`] builds the
//! model and catalog for a lone run; the `protoc-gen-errors` binary and
//! `protosmith generate` are shells around these.

pub mod options;
pub mod php;
pub mod rust;
mod template;

use protosmith_core::catalog::{self, Catalog};
use protosmith_core::{Diagnostics, GeneratedFile, Input, Model, model};

pub use options::{ErrorsOptions, Lang};

/// The plugin's `--help`.
pub const HELP: &str = "\
protoc-gen-errors: error registries from annotated proto enums

A protoc plugin: run it through protoc (--errors_out=DIR --errors_opt=K=V,...),
buf (buf.gen.yaml: local: protoc-gen-errors, opt: [K=V]) or protosmith generate.

Options (write a ',' inside a value as '\\,'):
  reason_style=ego|aip   ego: reason = the value's full name (default); aip: AIP-193 reason + domain
  domain=NAME            the ErrorInfo domain (aip: default the proto package)
  unique_numbers         enum numbers unique across all error enums
  lang=rust|php          the target language
  runtime_path=PATH      Rust: where generated code finds the runtime (default ::grpc_errors)
";

/// Emits the error registries of the files to generate, in `options.lang`.
pub fn generate(
    model: &Model,
    catalog: &Catalog,
    options: &ErrorsOptions,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    match options.lang {
        Lang::Rust => {
            let mut rust_options = rust::RustOptions::default();
            if let Some(path) = &options.runtime_path {
                rust_options.runtime_path.clone_from(path);
            }
            rust::generate(model, catalog, &rust_options)
        }
        Lang::Php => php::generate(model, catalog),
    }
}

/// The whole plugin: model and catalog of `input`, then [`generate`].
pub fn run(input: &Input, options: &ErrorsOptions) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let model = model::build(input);
    let catalog = catalog::resolve(&model, &options.catalog)?;
    generate(&model, &catalog, options)
}
