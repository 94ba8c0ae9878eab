//! `protosmith package --lang python`: one API module as a Python
//! distribution (pyproject.toml building a wheel with hatchling), holding
//! grpcio-tools' messages (`_pb2.py`), their type stubs (`_pb2.pyi`) and
//! gRPC stubs (`_pb2_grpc.py`), and protoc-gen-errors' registries
//! (`_errors.py`).
//!
//! Layout: the modules sit under `src/` at the paths grpcio-tools gives them
//! (`src/acme/user/v1/user_pb2.py`), and the wheel installs them at the top
//! level as PEP 420 namespace packages (no `__init__.py`), which is what
//! buf's generated Python SDKs do too. So the absolute imports grpcio-tools
//! writes (`from acme.user.v1 import user_pb2`) work unchanged, and two API
//! packages of one company (`acme.user.v1`, `acme.order.v1`) share the
//! `acme` namespace without clashing. Rewriting the imports under a
//! distribution-named prefix (protoletariat's way) would make one message
//! importable under two names, two descriptor pools fight over it, and
//! users write imports no proto tells them.

mod pyproject;
mod readme;

use std::collections::BTreeSet;
use std::path::Path;

use protosmith_core::PluginOptions as _;
use protosmith_core::catalog::{self, Catalog};
use protosmith_core::lang::python::module_path;
use protosmith_core::model::{self, Model};
use protosmith_core::output::{self, Occupant};
use protosmith_core::protocol::CompiledSet;

use super::Spec;

/// The generators, as a user would write them in buf.gen.yaml:
/// grpcio-tools' protoc (its `python-grpc-tools-protoc` script) for the
/// messages, their stubs and the gRPC stubs, protoc-gen-errors for the
/// registries. grpcio-tools is the one Python stub generator on PyPI, and
/// its protoc's version decides the protobuf runtime the package needs.
fn recipe(errors_opt: &str) -> String {
    let errors_opt = if errors_opt.is_empty() {
        "lang=python".to_owned()
    } else {
        format!("lang=python,{errors_opt}")
    };
    format!(
        "version: v2
plugins:
  - protoc_builtin: python
    protoc_path: {PROTOC}
    out: .
  - protoc_builtin: pyi
    protoc_path: {PROTOC}
    out: .
  - protoc_builtin: grpc_python
    protoc_path: {PROTOC}
    out: .
  - local: protoc-gen-errors
    out: .
    opt: {errors_opt:?}
"
    )
}

/// grpcio-tools' protoc, a console script of the grpcio-tools package.
const PROTOC: &str = "python-grpc-tools-protoc";

/// The name in the first line of the files written here, and of the marker.
pub(crate) const GENERATOR: &str = "protosmith package";

/// Lists every file the last `protosmith package --lang python` wrote, so a
/// re-run knows which files are its own.
pub(crate) const MARKER: &str = ".protosmith-package";

/// Where the modules go inside the package directory.
const SRC: &str = "src";

pub fn write(spec: &Spec) -> Result<(), String> {
    let errors = protoc_gen_errors::ErrorsOptions::parse(&spec.errors_opt)
        .map_err(|d| format!("--errors_opt: {d}"))?;
    let compiled = CompiledSet::compile(&spec.files, &[&spec.proto]).map_err(|d| d.to_string())?;
    let input = compiled.to_input();
    let model = model::build(&input);
    let catalog = catalog::resolve(&model, &errors.catalog).map_err(|d| d.to_string())?;
    check_imports(&model)?;
    let packages = proto_packages(&model);
    let name = match &spec.name {
        Some(name) => check_name(name)?,
        None => default_name(&packages)?,
    };
    let version = pyproject::pep440(&spec.version)?;
    let out = spec
        .out
        .clone()
        .unwrap_or_else(|| Path::new("target/protosmith/python").join(&name));
    let previous = prepare_out_dir(&out)?;

    which_protoc()?;
    let src = out.join(SRC);
    crate::generate::generate_from_template(
        &recipe(&spec.errors_opt),
        &spec.proto,
        &spec.files,
        &src,
    )?;
    let modules = modules(&model, &catalog);
    let mut written: BTreeSet<String> = modules.iter().map(|m| format!("{SRC}/{m}")).collect();
    // PEP 561: the stubs are the package's types. In namespace packages the
    // marker goes into each directory that holds modules.
    let dirs: BTreeSet<&str> = modules
        .iter()
        .filter_map(|m| m.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for dir in &dirs {
        let path = format!("{SRC}/{dir}/py.typed");
        write_file(&out.join(&path), "")?;
        written.insert(path);
    }
    // What the last run wrote and this one does not (a proto file left the
    // module) would go into the wheel: the marker lists it as generated, so it goes.
    for path in previous.difference(&written) {
        if !OWN_FILES.contains(&path.as_str()) && path != MARKER {
            remove_stale(&out, path)?;
        }
    }
    let gencode = pyproject::Gencode::read(&src, &modules)?;
    let top_level: BTreeSet<&str> = modules
        .iter()
        .filter_map(|m| m.split_once('/').map(|(top, _)| top))
        .collect();
    let description = spec.description.clone().unwrap_or_else(|| {
        format!(
            "Messages, gRPC stubs and error registries for {}",
            packages.join(", ")
        )
    });
    let manifest = pyproject::Pyproject {
        name: &name,
        version: &version,
        description: &description,
        license: &spec.license,
        runtime_version: spec.runtime_version,
        gencode: &gencode,
        top_level: &top_level.into_iter().collect::<Vec<_>>(),
    };
    write_file(&out.join("pyproject.toml"), &manifest.render())?;
    let readme = readme::Readme {
        name: &name,
        version: &version,
        description: &description,
        model: &model,
        catalog: &catalog,
        errors: &errors.catalog,
        modules: &modules,
    };
    write_file(&out.join("README.md"), &readme.render()?)?;
    written.extend(OWN_FILES.iter().map(|f| (*f).to_owned()));
    let mut marker = format!(
        "# @generated by {GENERATOR}: the files it wrote here, which it may rewrite or remove\n"
    );
    for path in &written {
        marker += path;
        marker.push('\n');
    }
    write_file(&out.join(MARKER), &marker)?;
    eprintln!(
        "protosmith: {name} {version} written to {} ({} modules; grpcio-tools' protoc {}, gRPC {}); \
         publish it with: protosmith publish --lang python --registry URL {}",
        out.display(),
        modules.len(),
        gencode.protobuf,
        gencode.grpc,
        out.display()
    );
    Ok(())
}

/// The files written here besides the generated modules, each with a first line naming protosmith package.
const OWN_FILES: [&str; 2] = ["pyproject.toml", "README.md"];

/// The proto packages of the module, in order, without protosmith's own
/// options package (it is imported for its annotations, not an API).
fn proto_packages(model: &Model) -> Vec<String> {
    let mut packages: Vec<String> = Vec::new();
    for file in model.files.iter().filter(|f| f.generate) {
        if !file.package.starts_with("protosmith.") && !packages.contains(&file.package) {
            packages.push(file.package.clone());
        }
    }
    packages
}

/// A `_pb2` module imports the modules of its proto imports when it is
/// imported itself, so each must be installed: in this package, in protobuf
/// (`google/protobuf/`), in googleapis-common-protos, which the runtime
/// requires (`google/api/`, `google/rpc/`, `google/type/`, ...), or in the
/// runtime itself (protosmith's options.proto: `protosmith.errors.v1.options_pb2`).
fn check_imports(model: &Model) -> Result<(), String> {
    const PROVIDED: [&str; 6] = [
        "google/protobuf/",
        "google/api/",
        "google/rpc/",
        "google/type/",
        "google/longrunning/",
        "google/logging/",
    ];
    let missing: Vec<&str> = model
        .files
        .iter()
        .filter(|f| {
            !f.generate
                && !PROVIDED.iter().any(|p| f.name.starts_with(p))
                && !super::RUNTIME_PROTOS.contains(&f.name.as_str())
        })
        .map(|f| f.name.as_str())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the package's files import {}, which would not be installed with it, so the `_pb2` modules importing them \
         would fail to import; add them to the files (or give none: every .proto under --proto is taken)",
        missing.join(", ")
    ))
}

/// The default distribution name: the longest common prefix of the proto
/// packages, dots as dashes, and `-api` when the module spans several
/// packages (`acme.user.v1` → `acme-user-v1`; `acme.user.v1` and
/// `acme.order.v1` → `acme-api`), so a module never takes the bare name of
/// the company's namespace.
fn default_name(packages: &[String]) -> Result<String, String> {
    let split: Vec<Vec<&str>> = packages.iter().map(|p| p.split('.').collect()).collect();
    let Some(first) = split.first() else {
        return Err(
            "the files declare no proto package: give the distribution a --name".to_owned(),
        );
    };
    let common: Vec<&str> = first
        .iter()
        .enumerate()
        .take_while(|(i, part)| split.iter().all(|p| p.get(*i) == Some(*part)))
        .map(|(_, part)| *part)
        .collect();
    if common.is_empty() || common.iter().any(|p| p.is_empty()) {
        return Err(format!(
            "the proto packages {} share no prefix to name the distribution after: give it a --name, e.g. acme-api",
            packages.join(", ")
        ));
    }
    let mut name = common.join("-").replace('_', "-").to_lowercase();
    if split.len() > 1 {
        name += "-api";
    }
    check_name(&name)
}

/// PEP 508's rule for distribution names.
fn check_name(name: &str) -> Result<String, String> {
    let edge = |c: char| c.is_ascii_alphanumeric();
    let valid = name.starts_with(edge)
        && name.ends_with(edge)
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if valid {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "--name {name:?} is not a Python distribution name: use ASCII letters, digits, -, _ and ., \
             starting and ending with a letter or digit (PEP 508), e.g. acme-user-api"
        ))
    }
}

/// The modules generated for the module's files, relative to `src/`:
/// grpcio-tools writes `_pb2.py` and `_pb2.pyi` for every file and
/// `_pb2_grpc.py` for every file (empty of stubs without services), and
/// protoc-gen-errors `_errors.py` for files with errors.
fn modules(model: &Model, catalog: &Catalog) -> Vec<String> {
    let mut modules = Vec::new();
    for file in model.files.iter().filter(|f| f.generate) {
        let stem = module_path(&file.name);
        modules.push(format!("{stem}_pb2.py"));
        modules.push(format!("{stem}_pb2.pyi"));
        modules.push(format!("{stem}_pb2_grpc.py"));
        if catalog.enums_in(&file.name).any(|e| !e.values.is_empty()) {
            modules.push(format!("{stem}_errors.py"));
        }
    }
    modules.sort();
    modules
}

/// Fails early, with the fix, when grpcio-tools' protoc is not installed.
fn which_protoc() -> Result<(), String> {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(PROTOC).is_file()));
    if found {
        Ok(())
    } else {
        Err(format!(
            "protosmith package --lang python generates with grpcio-tools' protoc ({PROTOC}), which is not on PATH: \
             pip install grpcio-tools (in the venv on PATH), or activate the venv that has it"
        ))
    }
}

/// Checks that `out` may be written: it is empty, or an earlier run wrote it
/// (its marker is there) and the files it rewrites still start with its
/// line. Returns the files the earlier run listed.
fn prepare_out_dir(out: &Path) -> Result<BTreeSet<String>, String> {
    let marker = out.join(MARKER);
    let empty = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    if empty {
        std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
        return Ok(BTreeSet::new());
    }
    if output::generated_by(&marker, &[GENERATOR]) != Occupant::Generated(GENERATOR.to_owned()) {
        return Err(format!(
            "{} exists and was not written by protosmith package --lang python (it has no {MARKER}); \
             choose another --out, or remove it",
            out.display()
        ));
    }
    let edited: Vec<String> = OWN_FILES
        .iter()
        .map(|name| out.join(name))
        .filter(|path| !output::generated_by(path, &[GENERATOR]).is_free_for(&[GENERATOR]))
        .map(|path| format!("  {}", path.display()))
        .collect();
    if !edited.is_empty() {
        return Err(format!(
            "protosmith package rewrites these files, but they no longer start with its `@generated by \
             protosmith package` line, so they may hold your changes:\n{}\nnothing was written: move \
             your changes elsewhere and delete the files, or choose another --out",
            edited.join("\n")
        ));
    }
    let text = std::fs::read_to_string(&marker)
        .map_err(|e| format!("cannot read {}: {e}", marker.display()))?;
    Ok(text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Removes `path` (relative to `out`, from the marker of an earlier run),
/// then the directories it leaves empty, up to `out`.
fn remove_stale(out: &Path, path: &str) -> Result<(), String> {
    if path.split('/').any(|part| part == ".." || part.is_empty()) {
        return Err(format!(
            "{}: {path:?} is not a path this command writes; was the file edited?",
            out.join(MARKER).display()
        ));
    }
    let file = out.join(path);
    match std::fs::remove_file(&file) {
        Ok(()) => eprintln!(
            "protosmith: removed {}: its proto file is no longer in the module",
            file.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot remove {}: {e}", file.display())),
    }
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| *d != out) {
        // Fails, and stops, at the first directory that is not empty.
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

fn write_file(path: &Path, content: &str) -> Result<(), String> {
    output::write_atomic(path, content.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        let names = |packages: &[&str]| {
            default_name(&packages.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>())
        };
        assert_eq!(names(&["acme.user.v1"]).unwrap(), "acme-user-v1");
        assert_eq!(
            names(&["acme.user.v1", "acme.order.v1"]).unwrap(),
            "acme-api"
        );
        assert_eq!(
            names(&["acme.user.v1", "acme.user.v2"]).unwrap(),
            "acme-user-api"
        );
        assert!(
            names(&["acme.user.v1", "other.v1"])
                .unwrap_err()
                .contains("--name")
        );
        assert!(names(&[]).unwrap_err().contains("--name"));
        assert!(check_name("-x").is_err());
        assert!(check_name("acme_user.api").is_ok());
    }
}
