//! Go output (`lang=go`), specified by runtime/go/GENERATED.md: per proto
//! file with error enums, one `<base>_errors.pb.go` in the Go package
//! protoc-gen-go writes `<base>.pb.go` to, using the runtime
//! `protosmith.dev/grpcerrors`.

mod checks;
mod ego;
mod kratos;
mod names;
mod view;

use std::collections::{BTreeMap, BTreeSet};

use protosmith_core::catalog::{Catalog, ErrorEnum, ErrorValue};
use protosmith_core::lang::go::{GoPackage, PackageOptions, comment_line, string_literal};
use protosmith_core::{Diagnostic, Diagnostics, GeneratedFile, Model};

use crate::template;

/// The template of a generated file, per flavour.
const TEMPLATE: &str = include_str!("../../templates/go/errors.go.tera");
const KRATOS_TEMPLATE: &str = include_str!("../../templates/go/kratos.go.tera");
const EGO_TEMPLATE: &str = include_str!("../../templates/go/ego.go.tera");
/// What protosmith appends to a proto file's base name.
pub const FILE_SUFFIX: &str = "_errors.pb.go";

/// Which Go API is generated (`flavour=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavour {
    /// protosmith's runtime `protosmith.dev/grpcerrors` (GENERATED.md).
    #[default]
    Native,
    /// kratos' generator's API on `github.com/go-kratos/kratos/v2/errors`.
    Kratos,
    /// ego's generator's API on `github.com/gotomicro/ego/core/eerrors`.
    Ego,
}

impl Flavour {
    /// Every flavour, as `flavour=` names it.
    pub const ALL: &[(&str, Flavour)] = &[
        ("native", Flavour::Native),
        ("ego", Flavour::Ego),
        ("kratos", Flavour::Kratos),
    ];

    pub fn name(self) -> &'static str {
        Flavour::ALL
            .iter()
            .find(|(_, flavour)| *flavour == self)
            .map_or("native", |(name, _)| name)
    }

    /// The import path of the runtime the flavour's code uses.
    pub fn default_runtime_path(self) -> &'static str {
        match self {
            Flavour::Native => "protosmith.dev/grpcerrors",
            Flavour::Kratos => kratos::RUNTIME_PATH,
            Flavour::Ego => ego::RUNTIME_PATH,
        }
    }

    /// The key two values must not share in one Go package, and the
    /// exported names of a value.
    fn names(self, enumeration: &ErrorEnum, value: &ErrorValue) -> (String, Vec<String>) {
        match self {
            Flavour::Native => (
                names::value_name(enumeration, value),
                names::exported(enumeration, value).to_vec(),
            ),
            Flavour::Kratos => (
                kratos::value_name(enumeration, value),
                kratos::exported(enumeration, value),
            ),
            Flavour::Ego => (
                ego::value_name(enumeration, value),
                ego::exported(enumeration, value),
            ),
        }
    }
}

/// Options of the Go output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoOptions {
    /// Where files go: protoc-gen-go's `paths`, `module` and `M` parameters.
    pub packages: PackageOptions,
    /// Import path of the runtime (`runtime_path=`), else the flavour's; its
    /// alias stays the flavour's (`grpcerrors`, `errors`, `eerrors`).
    pub runtime_path: Option<String>,
    pub flavour: Flavour,
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
    let reason_i18n_files = match options.flavour {
        Flavour::Ego => {
            ego::check(catalog, &outputs).map_err(Diagnostics::from)?;
            ego::reason_i18n_files(&packages, &outputs)
        }
        Flavour::Native | Flavour::Kratos => BTreeSet::new(),
    };

    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for file in model.files_to_generate() {
        let Some(name) = outputs.get(&file.name) else {
            continue;
        };
        let package = &packages[&file.name];
        let runtime_path = options
            .runtime_path
            .as_deref()
            .unwrap_or(options.flavour.default_runtime_path());
        let rendered = match options.flavour {
            Flavour::Native => {
                let view = view::FileView {
                    source: comment_line(&file.name),
                    package: package.name.clone(),
                    imports: imports(runtime_path),
                    enums: enums_of(catalog, &file.name).map(view::enum_view).collect(),
                };
                template::render("go/errors.go.tera", TEMPLATE, &view)
            }
            Flavour::Kratos => {
                let view = kratos::FileView {
                    source: comment_line(&file.name),
                    package: package.name.clone(),
                    imports: kratos::imports(runtime_path),
                    values: enums_of(catalog, &file.name)
                        .flat_map(|e| e.values.iter().map(move |v| kratos::value_view(e, v)))
                        .collect(),
                };
                template::render("go/kratos.go.tera", KRATOS_TEMPLATE, &view)
            }
            Flavour::Ego => {
                let view = ego::FileView {
                    source: comment_line(&file.name),
                    package: package.name.clone(),
                    imports: ego::imports(runtime_path),
                    declares_reason_i18n: reason_i18n_files.contains(&file.name),
                    values: enums_of(catalog, &file.name)
                        .flat_map(|e| e.values.iter().map(move |v| ego::value_view(e, v)))
                        .collect(),
                };
                template::render("go/ego.go.tera", EGO_TEMPLATE, &view)
            }
        };
        match rendered {
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
