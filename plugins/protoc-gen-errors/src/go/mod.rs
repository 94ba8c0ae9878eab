//! Go output (`lang=go`), specified by runtime/go/GENERATED.md: per proto
//! file with error enums, one `<base>_errors.pb.go` in the Go package
//! protoc-gen-go writes `<base>.pb.go` to, using the runtime
//! `protosmith.dev/grpcerrors`.

mod checks;
mod names;
mod view;

use std::collections::BTreeMap;

use protosmith_core::catalog::{Catalog, ErrorEnum};
use protosmith_core::lang::go::{GoPackage, PackageOptions, comment_line, string_literal};
use protosmith_core::{Diagnostic, Diagnostics, GeneratedFile, Model};

use crate::template;

/// The template of a generated file.
const TEMPLATE: &str = include_str!("../../templates/go/errors.go.tera");
/// What protosmith appends to a proto file's base name.
pub const FILE_SUFFIX: &str = "_errors.pb.go";

/// Options of the Go output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoOptions {
    /// Where files go: protoc-gen-go's `paths`, `module` and `M` parameters.
    pub packages: PackageOptions,
    /// Import path of the runtime (`runtime_path=`); its alias stays `grpcerrors`.
    pub runtime_path: String,
}

impl Default for GoOptions {
    fn default() -> Self {
        GoOptions {
            packages: PackageOptions::default(),
            runtime_path: "protosmith.dev/grpcerrors".to_owned(),
        }
    }
}

pub fn generate(
    model: &Model,
    catalog: &Catalog,
    options: &GoOptions,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let written = |file: &str| {
        model.file(file).is_some_and(|f| f.generate) && enums_of(catalog, file).next().is_some()
    };
    let packages = options.packages.resolve(model, &written)?;
    let outputs = output_paths(model, options, &packages, &written)?;
    checks::check(model, catalog, options, &packages, &outputs)?;

    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for file in model.files_to_generate() {
        let Some(name) = outputs.get(&file.name) else {
            continue;
        };
        let package = &packages[&file.name];
        let view = view::FileView {
            source: comment_line(&file.name),
            package: package.name.clone(),
            imports: imports(&options.runtime_path),
            enums: enums_of(catalog, &file.name).map(view::enum_view).collect(),
        };
        match template::render("go/errors.go.tera", TEMPLATE, &view) {
            Ok(content) => files.push(GeneratedFile {
                name: name.clone(),
                content,
            }),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    diagnostics.into_result(files)
}

/// The error enums of `file` that generate code (with at least one value).
fn enums_of<'a>(catalog: &'a Catalog, file: &'a str) -> impl Iterator<Item = &'a ErrorEnum> + 'a {
    catalog.enums_in(file).filter(|e| !e.values.is_empty())
}

/// The output path of every file written, by proto file name.
fn output_paths(
    model: &Model,
    options: &GoOptions,
    packages: &BTreeMap<String, GoPackage>,
    written: &dyn Fn(&str) -> bool,
) -> Result<BTreeMap<String, String>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut outputs = BTreeMap::new();
    for file in model.files_to_generate().filter(|f| written(&f.name)) {
        match options
            .packages
            .output_path(&file.name, &packages[&file.name], FILE_SUFFIX)
        {
            Ok(path) => {
                outputs.insert(file.name.clone(), path);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    diagnostics.into_result(outputs)
}

/// Both imports, sorted by path as gofmt sorts them.
fn imports(runtime_path: &str) -> Vec<view::Import> {
    let mut imports = [
        ("codes", "google.golang.org/grpc/codes"),
        ("grpcerrors", runtime_path),
    ];
    imports.sort_by_key(|(_, path)| *path);
    imports
        .into_iter()
        .map(|(alias, path)| view::Import {
            alias,
            path: string_literal(path),
        })
        .collect()
}

/// A `runtime_path=` that is not a Go import path.
pub fn check_runtime_path(path: &str) -> Result<(), Diagnostic> {
    let valid = !path.is_empty()
        && !path.starts_with('/')
        && !path.ends_with('/')
        && !path.contains("//")
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_' | '~' | '+'));
    if valid {
        Ok(())
    } else {
        Err(Diagnostic::general(format!(
            "parameter runtime_path={path} is not a Go import path; write e.g. runtime_path=protosmith.dev/grpcerrors"
        )))
    }
}
