//! Where protoc-gen-go puts a proto file's Go code, so that protosmith's Go
//! output lands in the same package: `option go_package`, the `M<file>=`
//! parameters, `paths=import|source_relative` and `module=`, with
//! protoc-gen-go's rules and error messages (google.golang.org/protobuf
//! v1.36, `compiler/protogen`).

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::Model;
use crate::options::{Parameters, push_entry};

use super::ident::go_sanitized;

const GO_PACKAGE_DOC_URL: &str = "https://protobuf.dev/reference/go/go-generated#package";

/// How output file names are formed, protoc-gen-go's `paths=`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paths {
    /// `<import path>/<base>`: the default.
    #[default]
    Import,
    /// `<proto dir>/<base>`.
    SourceRelative,
}

/// The parameters protoc-gen-go reads to place files, typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageOptions {
    pub paths: Paths,
    /// `module=`: a prefix removed from every output path (with `paths=import`).
    pub module: Option<String>,
    /// `M<file>=<import path>[;<name>]`, by proto file name.
    pub mappings: BTreeMap<String, String>,
}

impl PackageOptions {
    /// The keys read here, for a plugin's `KEYS`.
    pub const KEYS: [&'static str; 2] = ["paths", "module"];
    /// The key prefix read here, for a plugin's `KEY_PREFIXES`.
    pub const KEY_PREFIX: &'static str = "M";

    pub fn from_parameters(parameters: &Parameters) -> Result<PackageOptions, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let paths = parameters
            .choice(
                "paths",
                &[
                    ("import", Paths::Import),
                    ("source_relative", Paths::SourceRelative),
                ],
                "paths=import or paths=source_relative",
            )
            .unwrap_or_else(|d| {
                diagnostics.push(d);
                None
            })
            .unwrap_or_default();
        let module = parameters.get("module").map(str::to_owned);
        if module.as_deref() == Some("") {
            diagnostics.push(Diagnostic::general(
                "parameter module= is empty: give the Go module path to strip from output paths, e.g. module=acme.example/gen/go, or leave it out",
            ));
        }
        if module.is_some() && paths == Paths::SourceRelative {
            diagnostics.push(Diagnostic::general(
                "cannot use module= with paths=source_relative",
            ));
        }
        let mappings = parameters
            .with_prefix(Self::KEY_PREFIX)
            .map(|(file, path)| (file.to_owned(), path.to_owned()))
            .collect();
        diagnostics.into_result(PackageOptions {
            paths,
            module,
            mappings,
        })
    }

    /// Appends the non-default options to a parameter string.
    pub fn push_entries(&self, parameter: &mut String) {
        if self.paths == Paths::SourceRelative {
            push_entry(parameter, "paths", "source_relative");
        }
        if let Some(module) = &self.module {
            push_entry(parameter, "module", module);
        }
        for (file, path) in &self.mappings {
            push_entry(parameter, &format!("M{file}"), path);
        }
    }

    /// The Go package of every file of `model` that has one. A file of
    /// `required` without an import path, or with an invalid one, is
    /// reported with protoc-gen-go's message; so are two names for one
    /// import path.
    pub fn resolve(
        &self,
        model: &Model,
        required: &dyn Fn(&str) -> bool,
    ) -> Result<BTreeMap<String, GoPackage>, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let mut packages = BTreeMap::new();
        for file in &model.files {
            let (option_path, option_name) =
                split(file.options.go_package.as_deref().unwrap_or(""));
            let (mapped_path, mapped_name) =
                split(self.mappings.get(&file.name).map_or("", String::as_str));
            // protoc-gen-go: M wins over go_package, part by part.
            let import_path = if mapped_path.is_empty() {
                option_path
            } else {
                mapped_path
            };
            let at = Location::file_only(&file.name);
            if import_path.is_empty() {
                if required(&file.name) {
                    diagnostics.push(Diagnostic::at(&at, format!(
                        "unable to determine Go import path for \"{}\"\n\nPlease specify either:\n\t\u{2022} a \"go_package\" option in the .proto source file, or\n\t\u{2022} a \"M\" argument on the command line.\n\nSee {GO_PACKAGE_DOC_URL} for more information.",
                        file.name
                    )));
                }
                continue;
            }
            if !import_path.contains(['.', '/']) {
                if required(&file.name) {
                    diagnostics.push(Diagnostic::at(&at, format!(
                        "invalid Go import path \"{import_path}\" for \"{}\"\n\nThe import path must contain at least one period ('.') or forward slash ('/') character.\n\nSee {GO_PACKAGE_DOC_URL} for more information.",
                        file.name
                    )));
                }
                continue;
            }
            let name = if !mapped_name.is_empty() {
                mapped_name.to_owned()
            } else if !option_name.is_empty() {
                option_name.to_owned()
            } else {
                // The go_package path first, as protoc-gen-go does.
                let from = if option_path.is_empty() {
                    import_path
                } else {
                    option_path
                };
                go_sanitized(from.rsplit('/').next().unwrap_or(from))
            };
            packages.insert(
                file.name.clone(),
                GoPackage {
                    import_path: import_path.to_owned(),
                    name,
                },
            );
        }
        let mut names: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        for (file, package) in &packages {
            match names.get(package.import_path.as_str()) {
                Some((first_file, first_name)) if *first_name != package.name => {
                    if required(file) || required(first_file) {
                        diagnostics.push(Diagnostic::general(format!(
                            "Go package {} has inconsistent names {first_name} ({first_file}) and {} ({file})",
                            package.import_path, package.name
                        )));
                    }
                }
                Some(_) => {}
                None => {
                    names.insert(&package.import_path, (file, &package.name));
                }
            }
        }
        diagnostics.into_result(packages)
    }

    /// The output path of `<base><suffix>` for `proto_file` in `package`:
    /// `acme/user/v1/errors.proto` with suffix `_errors.pb.go` gives
    /// `acme.example/gen/go/user/v1/errors_errors.pb.go` (`paths=import`),
    /// `user/v1/errors_errors.pb.go` (with `module=acme.example/gen/go`) or
    /// `acme/user/v1/errors_errors.pb.go` (`paths=source_relative`).
    pub fn output_path(
        &self,
        proto_file: &str,
        package: &GoPackage,
        suffix: &str,
    ) -> Result<String, Diagnostic> {
        let stem = proto_file
            .strip_suffix(".proto")
            .or_else(|| proto_file.strip_suffix(".protodevel"))
            .unwrap_or(proto_file);
        let path = match self.paths {
            Paths::SourceRelative => format!("{stem}{suffix}"),
            Paths::Import => {
                let base = stem.rsplit('/').next().unwrap_or(stem);
                format!("{}/{base}{suffix}", package.import_path)
            }
        };
        match &self.module {
            None => Ok(path),
            Some(module) => path
                .strip_prefix(module.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .map(str::to_owned)
                .ok_or_else(|| {
                    Diagnostic::at(
                        &Location::file_only(proto_file),
                        format!("{path}: generated file does not match prefix \"{module}\""),
                    )
                }),
        }
    }
}

/// A Go package: where code is imported from and what it is called.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoPackage {
    pub import_path: String,
    pub name: String,
}

/// protoc-gen-go's `splitImportPathAndPackageName`.
fn split(go_package: &str) -> (&str, &str) {
    go_package.split_once(';').unwrap_or((go_package, ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{File, FileOptions};

    fn file(name: &str, go_package: Option<&str>) -> File {
        File {
            name: name.to_owned(),
            package: "p".to_owned(),
            generate: true,
            docs: Default::default(),
            annotations: Vec::new(),
            messages: Vec::new(),
            enums: Vec::new(),
            services: Vec::new(),
            extensions: Vec::new(),
            deprecated: false,
            options: FileOptions {
                go_package: go_package.map(str::to_owned),
                ..FileOptions::default()
            },
        }
    }

    fn options(parameter: &str) -> PackageOptions {
        PackageOptions::from_parameters(&Parameters::parse(parameter).unwrap()).unwrap()
    }

    fn resolve(parameter: &str, files: Vec<File>) -> Result<BTreeMap<String, GoPackage>, String> {
        options(parameter)
            .resolve(&Model::new(files), &|_| true)
            .map_err(|d| d.to_string())
    }

    fn package(import_path: &str, name: &str) -> GoPackage {
        GoPackage {
            import_path: import_path.to_owned(),
            name: name.to_owned(),
        }
    }

    #[test]
    fn go_package_and_m_parameters() {
        let packages = resolve(
            "Mc.proto=x.example/c;cc,Md.proto=x.example/mapped-d",
            vec![
                file("a.proto", Some("acme.example/gen/go/user/v1;userv1")),
                file("b.proto", Some("acme.example/gen/go/user-api.v2")),
                file("c.proto", Some("ignored.example/c;ignored")),
                file("d.proto", Some("acme.example/d/v1")),
                file("e.proto", Some("acme.example/e/v1;ev1")),
            ],
        )
        .unwrap();
        assert_eq!(
            packages["a.proto"],
            package("acme.example/gen/go/user/v1", "userv1")
        );
        assert_eq!(
            packages["b.proto"],
            package("acme.example/gen/go/user-api.v2", "user_api_v2")
        );
        assert_eq!(packages["c.proto"], package("x.example/c", "cc"));
        // The name comes from go_package's path before the M path, as in protoc-gen-go.
        assert_eq!(packages["d.proto"], package("x.example/mapped-d", "v1"));
        assert_eq!(packages["e.proto"], package("acme.example/e/v1", "ev1"));
    }

    #[test]
    fn missing_and_invalid_import_paths_have_protoc_gen_go_messages() {
        let err = resolve(
            "",
            vec![file("a.proto", None), file("b.proto", Some("userv1"))],
        )
        .unwrap_err();
        assert_eq!(
            err,
            "a.proto: unable to determine Go import path for \"a.proto\"\n\nPlease specify either:\n\t\u{2022} a \"go_package\" option in the .proto source file, or\n\t\u{2022} a \"M\" argument on the command line.\n\nSee https://protobuf.dev/reference/go/go-generated#package for more information.\n\
             b.proto: invalid Go import path \"userv1\" for \"b.proto\"\n\nThe import path must contain at least one period ('.') or forward slash ('/') character.\n\nSee https://protobuf.dev/reference/go/go-generated#package for more information."
        );
        // Files nothing is written for need no package.
        let packages = options("").resolve(&Model::new(vec![file("a.proto", None)]), &|_| false);
        assert_eq!(packages, Ok(BTreeMap::new()));
    }

    #[test]
    fn one_import_path_has_one_name() {
        let err = resolve(
            "",
            vec![
                file("a.proto", Some("x.example/p;one")),
                file("b.proto", Some("x.example/p;two")),
            ],
        )
        .unwrap_err();
        assert_eq!(
            err,
            "Go package x.example/p has inconsistent names one (a.proto) and two (b.proto)"
        );
    }

    #[test]
    fn output_paths_follow_paths_and_module() {
        let user = package("acme.example/gen/go/user/v1", "userv1");
        let at = |parameter: &str| {
            options(parameter).output_path("acme/user/v1/errors.proto", &user, "_errors.pb.go")
        };
        assert_eq!(
            at("").unwrap(),
            "acme.example/gen/go/user/v1/errors_errors.pb.go"
        );
        assert_eq!(
            at("paths=source_relative").unwrap(),
            "acme/user/v1/errors_errors.pb.go"
        );
        assert_eq!(
            at("module=acme.example/gen/go").unwrap(),
            "user/v1/errors_errors.pb.go"
        );
        assert_eq!(
            at("module=acme.example/gen/g").unwrap_err().to_string(),
            "acme/user/v1/errors.proto: acme.example/gen/go/user/v1/errors_errors.pb.go: generated file does not match prefix \"acme.example/gen/g\""
        );
    }

    #[test]
    fn options_print_back_and_check_combinations() {
        let parsed = options("paths=import,module=a.example/m,Mx/y.proto=a.example/m/y;y");
        let mut printed = String::new();
        parsed.push_entries(&mut printed);
        assert_eq!(printed, "module=a.example/m,Mx/y.proto=a.example/m/y;y");
        let err = PackageOptions::from_parameters(
            &Parameters::parse("paths=source_relativ,module=").unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter module= is empty: give the Go module path to strip from output paths, e.g. module=acme.example/gen/go, or leave it out\n\
             parameter paths=source_relativ: did you mean paths=source_relative? expected paths=import or paths=source_relative"
        );
        let err = PackageOptions::from_parameters(
            &Parameters::parse("paths=source_relative,module=a.example").unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot use module= with paths=source_relative"
        );
    }
}
