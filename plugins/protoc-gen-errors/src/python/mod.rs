//! Python output (runtime/python/GENERATED.md): per proto file with error
//! enums, one `<module>_errors.py` beside grpcio-tools' `<module>_pb2.py`,
//! importing only the runtime (`protosmith_grpc_errors`).
//!
//! [`names`] decides names, [`view`] builds what the template shows (all
//! text escaped by `protosmith_core::lang::python`), [`clash`] refuses
//! names that would coincide, and `templates/python/errors.py.tera` is the
//! layout.

mod clash;
mod names;
mod view;

use protosmith_core::catalog::{Catalog, ErrorEnum};
use protosmith_core::lang::python::{is_identifier, module_path};
use protosmith_core::model::File;
use protosmith_core::{Diagnostic, Diagnostics, GeneratedFile, Model};

use crate::template;

const TEMPLATE: &str = include_str!("../../templates/python/errors.py.tera");

/// Options of the Python output.
#[derive(Clone, Debug)]
pub struct PythonOptions {
    /// The runtime module generated code imports as `_errors`:
    /// `protosmith_grpc_errors` unless the user vendored or wrapped it
    /// (`runtime_path=`).
    pub runtime_module: String,
}

impl Default for PythonOptions {
    fn default() -> Self {
        PythonOptions {
            runtime_module: "protosmith_grpc_errors".to_owned(),
        }
    }
}

/// The output file for a proto file, where grpcio-tools puts its `_pb2.py`
/// with `_errors.py` instead: `acme/user/v1/errors.proto` →
/// `acme/user/v1/errors_errors.py`.
pub fn output_name(proto_file: &str) -> String {
    format!("{}_errors.py", module_path(proto_file))
}

pub fn generate(
    model: &Model,
    catalog: &Catalog,
    options: &PythonOptions,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    if !options.runtime_module.split('.').all(is_identifier) {
        return Err(Diagnostic::general(format!(
            "parameter runtime_path={} is not a Python module path (identifiers joined by '.', no keywords); \
             write e.g. runtime_path=protosmith_grpc_errors",
            options.runtime_module
        ))
        .into());
    }
    let modules: Vec<(&File, Vec<&ErrorEnum>)> = model
        .files_to_generate()
        .map(|file| (file, enums_in_position_order(catalog, &file.name)))
        .filter(|(_, enums)| !enums.is_empty())
        .collect();
    clash::check(model, &modules)?;
    let mut files = Vec::with_capacity(modules.len());
    for (file, enums) in &modules {
        let view = view::module(&file.name, &file.package, &options.runtime_module, enums);
        let content = template::render("python/errors.py.tera", TEMPLATE, &view)?;
        files.push(GeneratedFile {
            name: output_name(&file.name),
            content,
        });
    }
    Ok(files)
}

/// The file's error enums with values, in the order of their position in
/// the file: a nested enum where its message is (the catalog lists
/// top-level enums first). Without source positions, catalog order.
fn enums_in_position_order<'a>(catalog: &'a Catalog, file: &'a str) -> Vec<&'a ErrorEnum> {
    let mut enums: Vec<&ErrorEnum> = catalog
        .enums_in(file)
        .filter(|e| !e.values.is_empty())
        .collect();
    enums.sort_by_key(|e| (e.location.line, e.location.column));
    enums
}
