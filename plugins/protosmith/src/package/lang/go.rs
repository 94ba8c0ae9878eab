//! `protosmith package --lang go`: the module as a Go module. go.mod names
//! the module path (`--name`) and requires protosmith.dev/grpcerrors at the
//! runtime version with the grpc and protobuf versions the runtime is built
//! with; protoc-gen-go, protoc-gen-go-grpc and protoc-gen-errors write each
//! proto file's code at its import path under the module (protoc-gen-go's
//! `module=`), every file placed by an `M` mapping so that all import paths
//! are under the module path, whatever go_package says.
//!
//! Import paths: a file whose go_package is under the module path keeps it
//! (`acme.example/apis/user/v1` in module `acme.example/apis` is `user/v1`);
//! any other file goes to `MODULE/<its proto directory>`, with go_package's
//! package name. protosmith's options.proto is not packaged: an `M` mapping
//! sends its import to the runtime's `protosmith.dev/grpcerrors/optionspb`,
//! so two API modules in one program never register it twice. From
//! major version 2 on, the module path ends in `/vN` (Go's import
//! compatibility rule), and so does every import path under it.
//!
//! Default --name: the longest common path of the API files' go_package
//! options (protosmith's own options.proto aside), when it starts with a
//! domain; otherwise --name is required: a Go module path is where `go get`
//! finds the module, which the proto package does not say.

pub(super) mod api;
pub(super) mod out_dir;

use std::fmt::Write as _;
use std::path::Path;

use protosmith_core::lang::go::{PackageOptions, go_sanitized};
use protosmith_core::model::File;
use semver::Version;

use super::Spec;
use api::Api;

const GENERATOR: &str = "protosmith package --lang go";
/// The runtime the generated errors import; it is published beside the package.
pub const RUNTIME_MODULE: &str = "protosmith.dev/grpcerrors";
/// The runtime's go.mod: its Go version and requirements are the package's.
const RUNTIME_GO_MOD: &str = include_str!("../../../../../runtime/go/go.mod");
/// Where the runtime has the Go code of each of [`super::RUNTIME_PROTOS`]
/// (an `M` value: import path;package name).
const RUNTIME_IMPORTS: &[(&str, &str)] = &[(
    "protosmith/errors/v1/options.proto",
    "protosmith.dev/grpcerrors/optionspb;optionspb",
)];
/// The modules generated stubs import directly (the rest are the runtime's).
const DIRECT: [&str; 2] = ["google.golang.org/grpc", "google.golang.org/protobuf"];

pub fn write(spec: &Spec) -> Result<(), String> {
    let api = Api::load(spec)?;
    let layout = Layout::new(spec, &api)?;
    let version = go_version(&spec.version)?;
    let out = spec.out.clone().unwrap_or_else(|| {
        Path::new("target/protosmith/go")
            .join(layout.module.replace('/', std::path::MAIN_SEPARATOR_STR))
    });

    out_dir::check(&out)?;
    let scratch =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    crate::generate::generate_from_template(
        &layout.recipe(&spec.errors_opt),
        &spec.proto,
        &spec.files,
        scratch.path(),
    )?;
    let mut files = out_dir::read_tree(scratch.path())?;
    files.insert(
        "go.mod".to_owned(),
        go_mod(&layout.module, spec.runtime_version)?.into_bytes(),
    );
    let description = spec
        .description
        .clone()
        .unwrap_or_else(|| api.description());
    files.insert(
        "README.md".to_owned(),
        readme(&layout, &version, &description, &api)?.into_bytes(),
    );

    let marker = out_dir::Marker {
        generator: GENERATOR.to_owned(),
        name: layout.module.clone(),
        version: version.clone(),
        files: Vec::new(),
    };
    out_dir::commit(&out, &files, marker)?;
    eprintln!(
        "protosmith: Go module {} {version} written to {}; publish it with: protosmith publish --lang go --registry DIR {}",
        layout.module,
        out.display(),
        out.display()
    );
    Ok(())
}

/// Where each file's Go package goes.
struct Layout {
    module: String,
    files: Vec<GoFile>,
}

/// Where one proto file's Go code goes.
struct GoFile {
    proto_package: String,
    proto_file: String,
    import_path: String,
    go_package: String,
}

impl Layout {
    fn new(spec: &Spec, api: &Api) -> Result<Layout, String> {
        let declared = PackageOptions::default()
            .resolve(&api.model, &|_| false)
            .map_err(|d| d.to_string())?;
        let generate: Vec<&File> = api.model.files_to_generate().collect();
        let base = match &spec.name {
            Some(name) => name.clone(),
            None => default_module(&generate, &declared)?,
        };
        check_module_path(&base)?;
        let module = versioned(&base, &spec.version)?;
        let root = unversioned(&base);
        let mut files = Vec::new();
        for file in generate {
            let proto_dir = Path::new(&file.name)
                .parent()
                .map(|d| d.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let (relative, name) = match declared.get(&file.name) {
                Some(package) => {
                    let under = [base.as_str(), root]
                        .iter()
                        .find_map(|prefix| strip_path(&package.import_path, prefix));
                    (
                        under.map_or(proto_dir.clone(), str::to_owned),
                        package.name.clone(),
                    )
                }
                None => (proto_dir.clone(), package_name(&proto_dir)),
            };
            let import = if relative.is_empty() {
                module.clone()
            } else {
                format!("{module}/{relative}")
            };
            files.push(GoFile {
                proto_package: file.package.clone(),
                proto_file: file.name.clone(),
                import_path: import,
                go_package: name,
            });
        }
        Ok(Layout { module, files })
    }

    /// The buf.gen.yaml stanza a Go team writes for this module.
    fn recipe(&self, errors_opt: &str) -> String {
        let mut opt = vec![format!("module={}", self.module)];
        // Explicit, so that an options.proto of an older `protosmith init`
        // (another go_package) is imported from the runtime too.
        for (proto, import) in RUNTIME_IMPORTS {
            opt.push(format!("M{proto}={import}"));
        }
        for file in &self.files {
            opt.push(format!(
                "M{}={};{}",
                file.proto_file, file.import_path, file.go_package
            ));
        }
        let list = |extra: &[&str]| {
            let items: Vec<String> = extra
                .iter()
                .map(|s| (*s).to_owned())
                .chain(opt.iter().cloned())
                .map(|s| serde_json::Value::String(s).to_string())
                .collect();
            format!("[{}]", items.join(", "))
        };
        let mut errors: Vec<&str> = vec!["lang=go"];
        if !errors_opt.is_empty() {
            errors.push(errors_opt);
        }
        format!(
            "version: v2\nplugins:\n  - local: protoc-gen-go\n    out: .\n    opt: {}\n  - local: protoc-gen-go-grpc\n    out: .\n    opt: {}\n  - local: protoc-gen-errors\n    out: .\n    opt: {}\n",
            list(&[]),
            list(&[]),
            list(&errors)
        )
    }
}

/// The longest common path of the API files' go_package import paths.
fn default_module(
    files: &[&File],
    declared: &std::collections::BTreeMap<String, protosmith_core::lang::go::GoPackage>,
) -> Result<String, String> {
    let mut common: Option<Vec<&str>> = None;
    for file in files
        .iter()
        .filter(|f| !api::is_protosmith_package(&f.package))
    {
        let Some(package) = declared.get(&file.name) else {
            return Err(format!(
                "{} has no go_package: give the Go module path with --name, e.g. --name acme.example/apis",
                file.name
            ));
        };
        let segments: Vec<&str> = package.import_path.split('/').collect();
        common = Some(match common {
            None => segments,
            Some(prefix) => prefix
                .iter()
                .zip(&segments)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    match common {
        Some(prefix) if prefix.first().is_some_and(|s| s.contains('.')) => Ok(prefix.join("/")),
        _ => Err("the go_package options of the module share no module path (a path starting with a domain): \
                  give the Go module path with --name, e.g. --name acme.example/apis"
            .to_owned()),
    }
}

/// Go's rules for a module path, those a user is likely to break.
fn check_module_path(path: &str) -> Result<(), String> {
    let first = path.split('/').next().unwrap_or("");
    let valid_chars = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '~' | '/'));
    if path.is_empty()
        || !valid_chars
        || !first.contains('.')
        || path.starts_with('/')
        || path.ends_with('/')
        || path.contains("//")
        || path
            .split('/')
            .any(|s| s.starts_with('.') || s.ends_with('.'))
    {
        return Err(format!(
            "--name {path:?} is not a Go module path: a domain first, then /-separated elements of \
             ASCII letters, digits and . - _ ~, e.g. acme.example/apis"
        ));
    }
    Ok(())
}

/// The major-version suffix of a module path: `acme.example/apis/v2` gives 2.
fn major_suffix(path: &str) -> Option<(&str, &str)> {
    let (prefix, last) = path.rsplit_once('/')?;
    let digits = last.strip_prefix('v')?;
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some((prefix, digits))
}

fn unversioned(path: &str) -> &str {
    major_suffix(path).map_or(path, |(prefix, _)| prefix)
}

/// The module path for `version`: `/vN` from major version 2 on.
fn versioned(path: &str, version: &Version) -> Result<String, String> {
    match major_suffix(path) {
        Some((_, digits)) if digits == version.major.to_string() && version.major >= 2 => {
            Ok(path.to_owned())
        }
        Some((prefix, digits)) => Err(format!(
            "--name {path} ends in /v{digits}, which does not match version {version}: Go module paths end in /vN \
             for major version N >= 2 only; use --name {prefix}{}",
            if version.major >= 2 {
                format!("/v{}", version.major)
            } else {
                String::new()
            }
        )),
        None if version.major >= 2 => Ok(format!("{path}/v{}", version.major)),
        None => Ok(path.to_owned()),
    }
}

/// `v1.2.3`: Go's spelling, which has no build metadata.
pub fn go_version(version: &Version) -> Result<String, String> {
    if !version.build.is_empty() {
        return Err(format!(
            "version {version}: Go module versions have no build metadata (+{}); drop it",
            version.build
        ));
    }
    Ok(format!("v{version}"))
}

/// `path` without `prefix/`, or "" for `prefix` itself.
fn strip_path<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    if path == prefix {
        return Some("");
    }
    path.strip_prefix(prefix)?.strip_prefix('/')
}

/// A Go package name for a directory without go_package: `acme/user/v1` gives `userv1`.
fn package_name(dir: &str) -> String {
    let mut parts = dir.rsplit('/');
    let last = parts.next().unwrap_or("");
    let is_version =
        last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit());
    match parts.next() {
        Some(parent) if is_version => go_sanitized(&format!("{parent}{last}")),
        _ => go_sanitized(if last.is_empty() { "api" } else { last }),
    }
}

/// go.mod as `go mod tidy` leaves it: the stubs' direct requirements, the
/// runtime's own as indirect ones, at the runtime's versions.
fn go_mod(module: &str, runtime_version: &str) -> Result<String, String> {
    let mut go = None;
    let mut direct = vec![(RUNTIME_MODULE.to_owned(), format!("v{runtime_version}"))];
    let mut indirect = Vec::new();
    let mut in_block = false;
    for line in RUNTIME_GO_MOD.lines().map(str::trim) {
        let line = line.trim_end_matches("// indirect").trim();
        if let Some(version) = line.strip_prefix("go ") {
            go = Some(version.to_owned());
        } else if line == "require (" {
            in_block = true;
        } else if line == ")" {
            in_block = false;
        } else if in_block || line.starts_with("require ") {
            let line = line.trim_start_matches("require ").trim();
            if let Some((path, version)) = line.split_once(' ') {
                let entry = (path.to_owned(), version.trim().to_owned());
                if DIRECT.contains(&path) {
                    direct.push(entry);
                } else {
                    indirect.push(entry);
                }
            }
        }
    }
    let go = go.ok_or("runtime/go/go.mod has no go directive")?;
    direct.sort();
    indirect.sort();
    let mut out =
        format!("// Code generated by {GENERATOR}. DO NOT EDIT.\n\nmodule {module}\n\ngo {go}\n");
    for (block, indirect) in [(&direct, false), (&indirect, true)] {
        if block.is_empty() {
            continue;
        }
        out += "\nrequire (\n";
        for (path, version) in block {
            let _ = writeln!(
                out,
                "\t{path} {version}{}",
                if indirect { " // indirect" } else { "" }
            );
        }
        out += ")\n";
    }
    Ok(out)
}

fn readme(layout: &Layout, version: &str, description: &str, api: &Api) -> Result<String, String> {
    let module = &layout.module;
    let mut out = format!(
        "<!-- @generated by {GENERATOR}. DO NOT EDIT: regenerate it from the protos. -->\n# {module}\n\n{description}\n\n"
    );
    out += "Generated by `protosmith package --lang go`: protoc-gen-go messages, protoc-gen-go-grpc clients and \
            servers, and protoc-gen-errors error registries (`*_errors.pb.go`, on `protosmith.dev/grpcerrors`). \
            Do not edit: regenerate from the protos.\n\n## Install\n\n```sh\n";
    let _ = writeln!(out, "go get {module}@{version}\n```\n");
    let domain = module.split('/').next().unwrap_or(module);
    let _ = writeln!(
        out,
        "with the company's module proxy before the public one, and its modules out of the public checksum \
         database: `GOPROXY=https://goproxy.{domain},https://proxy.golang.org`, \
         `GONOSUMDB={domain},protosmith.dev` (not GOPRIVATE, which bypasses every proxy).\n"
    );
    out += "## Packages\n\n| proto package | proto file | Go import path | Go package |\n| --- | --- | --- | --- |\n";
    for GoFile {
        proto_package: package,
        proto_file: file,
        import_path: import,
        go_package: name,
    } in &layout.files
    {
        let _ = writeln!(out, "| `{package}` | `{file}` | `{import}` | `{name}` |");
    }
    out += "\nErrors come back from a call as `error`: the generated `Is<Enum><Value>(err)` functions tell which \
            (errors.Is semantics, across languages), and `grpcerrors.FromError(err)` gives the code, reason and \
            metadata.\n\n---\n\n";
    out += &api.reference()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn major_versions_from_two_on_end_the_module_path() {
        assert_eq!(
            versioned("acme.example/apis", &v("1.4.0")).unwrap(),
            "acme.example/apis"
        );
        assert_eq!(
            versioned("acme.example/apis", &v("0.3.0")).unwrap(),
            "acme.example/apis"
        );
        assert_eq!(
            versioned("acme.example/apis", &v("2.0.0")).unwrap(),
            "acme.example/apis/v2"
        );
        assert_eq!(
            versioned("acme.example/apis/v3", &v("3.1.0")).unwrap(),
            "acme.example/apis/v3"
        );
        let err = versioned("acme.example/apis/v2", &v("3.0.0")).unwrap_err();
        assert!(err.contains("use --name acme.example/apis/v3"), "{err}");
        let err = versioned("acme.example/apis/v1", &v("1.0.0")).unwrap_err();
        assert!(err.ends_with("use --name acme.example/apis"), "{err}");
        assert_eq!(unversioned("acme.example/apis/v2"), "acme.example/apis");
    }

    #[test]
    fn every_runtime_proto_is_imported_from_the_runtime() {
        let mapped: Vec<&str> = RUNTIME_IMPORTS.iter().map(|(proto, _)| *proto).collect();
        assert_eq!(mapped, super::super::RUNTIME_PROTOS);
        for (_, import) in RUNTIME_IMPORTS {
            assert!(
                import.starts_with(&format!("{RUNTIME_MODULE}/")),
                "{import}"
            );
        }
    }

    #[test]
    fn go_versions_have_no_build_metadata() {
        assert_eq!(go_version(&v("1.2.3-rc.1")).unwrap(), "v1.2.3-rc.1");
        assert!(go_version(&v("1.2.3+build.5")).is_err());
    }

    #[test]
    fn module_paths() {
        assert!(check_module_path("acme.example/apis").is_ok());
        for bad in [
            "acme",
            "acme/apis",
            "acme.example/",
            "acme.example//x",
            "acme.example/a b",
            "/acme.example",
        ] {
            assert!(check_module_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn package_names_without_go_package() {
        assert_eq!(package_name("acme/user/v1"), "userv1");
        assert_eq!(package_name("acme/billing"), "billing");
        assert_eq!(package_name("v2"), "v2");
        assert_eq!(package_name(""), "api");
        assert_eq!(
            strip_path("a.example/x/user/v1", "a.example/x"),
            Some("user/v1")
        );
        assert_eq!(strip_path("a.example/x", "a.example/x"), Some(""));
        assert_eq!(strip_path("a.example/xy", "a.example/x"), None);
    }

    #[test]
    fn go_mod_requires_the_runtime_and_what_it_is_built_with() {
        let text = go_mod("acme.example/apis/v2", "0.1.0").unwrap();
        assert!(text.starts_with("// Code generated by protosmith package --lang go. DO NOT EDIT.\n\nmodule acme.example/apis/v2\n\ngo 1."), "{text}");
        assert!(
            text.contains("\tprotosmith.dev/grpcerrors v0.1.0\n"),
            "{text}"
        );
        assert!(text.contains("\tgoogle.golang.org/grpc v1."), "{text}");
        assert!(text.contains("\tgoogle.golang.org/protobuf v1."), "{text}");
        assert!(
            text.contains("google.golang.org/genproto/googleapis/rpc ")
                && text.contains(" // indirect\n"),
            "{text}"
        );
    }

    /// The example module at 2.0.0 with a --name: every import path is
    /// under MODULE/v2; options.proto is not packaged but imported from the
    /// runtime.
    #[test]
    fn layout_of_the_example_module() {
        let proto = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../proto"));
        let files =
            super::super::without_runtime_protos(crate::generate::proto_files(&proto).unwrap());
        let spec = |name: Option<&str>, version: &str| Spec {
            name: name.map(str::to_owned),
            version: v(version),
            proto: proto.clone(),
            files: files.clone(),
            out: None,
            description: None,
            license: "MIT".to_owned(),
            errors_opt: String::new(),
            runtime_version: "0.1.0",
        };
        let s = spec(None, "1.0.0");
        let layout = Layout::new(&s, &Api::load(&s).unwrap()).unwrap();
        assert_eq!(layout.module, "acme.example/gen/go");
        let s = spec(Some("acme.example/apis"), "2.0.0");
        let layout = Layout::new(&s, &Api::load(&s).unwrap()).unwrap();
        assert_eq!(layout.module, "acme.example/apis/v2");
        let imports: Vec<(&str, &str, &str)> = layout
            .files
            .iter()
            .map(|f| {
                (
                    f.proto_file.as_str(),
                    f.import_path.as_str(),
                    f.go_package.as_str(),
                )
            })
            .collect();
        assert!(
            imports.contains(&(
                "acme/user/v1/user.proto",
                "acme.example/apis/v2/acme/user/v1",
                "userv1"
            )),
            "{imports:?}"
        );
        assert!(
            imports
                .iter()
                .all(|(file, _, _)| !file.starts_with("protosmith/")),
            "the package holds no code of protosmith's own protos: {imports:?}"
        );
        let recipe = layout.recipe("domain=acme.example");
        assert!(
            recipe.contains(
                "\"Mprotosmith/errors/v1/options.proto=protosmith.dev/grpcerrors/optionspb;optionspb\""
            ),
            "{recipe}"
        );
        assert!(
            recipe
                .contains("\"Macme/user/v1/user.proto=acme.example/apis/v2/acme/user/v1;userv1\""),
            "{recipe}"
        );
        assert!(
            recipe
                .contains("[\"lang=go\", \"domain=acme.example\", \"module=acme.example/apis/v2\""),
            "{recipe}"
        );
    }
}
