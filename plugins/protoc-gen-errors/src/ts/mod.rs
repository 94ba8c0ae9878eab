//! TypeScript output (`lang=ts`): per proto file with error enums, one ESM
//! module `<file>_errors.ts` beside protoc-gen-es's `<file>_pb.ts`, in the
//! shape runtime/ts/GENERATED.md specifies, laid out as prettier would.

mod names;
mod view;

use protosmith_core::catalog::{Catalog, ErrorEnum};
use protosmith_core::{Diagnostics, GeneratedFile, Model};

use crate::template;

const TEMPLATE: &str = include_str!("../../templates/ts/errors.ts.tera");

/// The runtime's npm package, where generated modules import it from.
pub const DEFAULT_RUNTIME: &str = "@protosmith/grpc-errors";

/// Options of the TypeScript output.
#[derive(Clone, Debug)]
pub struct TsOptions {
    /// The module specifier of the runtime import (`runtime_path=`).
    pub runtime: String,
}

impl Default for TsOptions {
    fn default() -> Self {
        TsOptions {
            runtime: DEFAULT_RUNTIME.to_owned(),
        }
    }
}

/// The output file for a proto file: `acme/user/v1/errors.proto` → `acme/user/v1/errors_errors.ts`.
pub fn output_name(proto_file: &str) -> String {
    format!(
        "{}_errors.ts",
        proto_file.strip_suffix(".proto").unwrap_or(proto_file)
    )
}

pub fn generate(
    model: &Model,
    catalog: &Catalog,
    options: &TsOptions,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    names::check(model, catalog)?;
    let mut files = Vec::new();
    for file in model.files_to_generate() {
        let enums: Vec<&ErrorEnum> = catalog
            .enums_in(&file.name)
            .filter(|e| !e.values.is_empty())
            .collect();
        if enums.is_empty() {
            continue;
        }
        let view = view::file(&file.name, &options.runtime, &enums);
        let content = template::render("ts/errors.ts.tera", TEMPLATE, &view)?;
        files.push(GeneratedFile {
            name: output_name(&file.name),
            content,
        });
    }
    Ok(files)
}
