//! protoc-gen-errors: error registries from annotated proto enums.
//!
//! [`generate`] is the whole plugin as a function of its [`Input`]; the
//! `protoc-gen-errors` binary and `protosmith generate` both call it.

pub mod rust;

use protosmith_core::errors::{self, Settings};
use protosmith_core::parameters::Parameters;
use protosmith_core::{Diagnostic, Diagnostics, GeneratedFile, Input, model};

/// Every parameter the plugin accepts.
pub const PARAMETERS: [&str; 5] = [
    "reason_style",
    "domain",
    "unique_numbers",
    "lang",
    "runtime_path",
];

/// Runs the plugin on `input`: reads the error enums, validates them and
/// writes one file per proto file that declares errors.
pub fn generate(input: &Input) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let parameters = Parameters::parse(&input.parameter);
    parameters.check_known("protoc-gen-errors", &PARAMETERS)?;
    let settings = Settings::from_parameters(&parameters)?;
    match parameters.get("lang").unwrap_or("rust") {
        "rust" => {}
        other => {
            return Err(Diagnostic::general(format!(
                "parameter lang={other}: protoc-gen-errors generates lang=rust; other languages are not available yet"
            ))
            .into());
        }
    }
    let mut rust_options = rust::RustOptions::default();
    if let Some(path) = parameters.get("runtime_path") {
        rust_options.runtime_path = path.to_owned();
    }
    let model = model::build(input);
    let catalog = errors::resolve(&model, &settings)?;
    rust::generate(&model, &catalog, &rust_options)
}
