//! protoc-gen-errors: error registries from annotated proto enums.
//!
//! [`generate`] is an emitter: model, catalog and typed [`ErrorsOptions`] in,
//! files out, one module per target language (see [`Lang`]). [`run`] builds the
//! model and catalog for a lone run; the `protoc-gen-errors` binary and
//! `protosmith generate` are shells around these.

pub mod go;
pub mod java;
pub mod options;
pub mod php;
pub mod python;
pub mod rust;
mod template;
pub mod ts;

use protosmith_core::catalog::{self, Catalog};
use protosmith_core::{Diagnostics, GeneratedFile, Input, Model, model};

pub use options::{ErrorsOptions, Lang};

/// The plugin's `--help`.
pub const HELP: &str = "\
protoc-gen-errors: error registries from annotated proto enums

A protoc plugin: run it through protoc (--errors_out=DIR --errors_opt=K=V,...),
buf (buf.gen.yaml: local: protoc-gen-errors, opt: [K=V]) or protosmith generate.

Options (write a ',' inside a value as '\\,'):
  reason_style=ego|aip|kratos
                         ego: reason = the value's full name (default); aip: AIP-193 reason + domain;
                         kratos: reason = the bare value name, no domain
  domain=NAME            the ErrorInfo domain (aip: default the proto package)
  unique_numbers         enum numbers unique across all error enums
  lang=rust|go|ts|python|java|php
                         the target language (default rust)
  runtime_path=PATH      where generated code finds the runtime: Rust, a crate path
                         (default ::grpc_errors); Go, the import path (default
                         protosmith.dev/grpcerrors); ts, a module (default
                         @protosmith/grpc-errors); Python, a module (default protosmith_grpc_errors);
                         not for Java (package dev.protosmith.grpcerrors)
  paths=import|source_relative, module=PREFIX, M<file>=<import path>[;<name>]
                         Go: where files go, as protoc-gen-go reads them
  flavour=native|ego|kratos
                         Go: protosmith's runtime (default), or ego's or kratos'
                         generated API on their own runtime
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
        Lang::Go => {
            let go_options = go::GoOptions {
                packages: options.go.clone(),
                runtime_path: options.runtime_path.clone(),
                flavour: options.flavour,
            };
            go::generate(model, catalog, &go_options)
        }
        Lang::Python => {
            let mut python_options = python::PythonOptions::default();
            if let Some(module) = &options.runtime_path {
                python_options.runtime_module.clone_from(module);
            }
            python::generate(model, catalog, &python_options)
        }
        Lang::Ts => {
            let mut ts_options = ts::TsOptions::default();
            if let Some(path) = &options.runtime_path {
                ts_options.runtime.clone_from(path);
            }
            ts::generate(model, catalog, &ts_options)
        }
        Lang::Java => java::generate(model, catalog),
        Lang::Php => php::generate(model, catalog),
    }
}

/// The whole plugin: model and catalog of `input`, then [`generate`].
pub fn run(input: &Input, options: &ErrorsOptions) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let model = model::build(input);
    let catalog = catalog::resolve(&model, &options.catalog)?;
    generate(&model, &catalog, options)
}
