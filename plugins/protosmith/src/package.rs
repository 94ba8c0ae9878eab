//! `protosmith package`: a proto module as a crate ready for `cargo publish`,
//! its generated code checked in: messages, stubs and error registries, one
//! Cargo feature per proto package, a README with the API reference.

mod features;
pub mod lang;
mod manifest;
mod readme;
mod version;

use std::path::{Path, PathBuf};

use protosmith_build::module_tree::{self, IncludeStyle};
use protosmith_build::{ERRORS_DIR, Generated};

use features::Feature;
use manifest::{Manifest, Needs};
use protosmith_core::PluginOptions as _;
use protosmith_core::output::{self, Occupant};
use readme::Readme;

pub const USAGE: &str = "\
usage: protosmith package --name NAME --registry REGISTRY [--version VERSION] [--proto DIR] [--out DIR]
                          [--description TEXT] [--license SPDX] [--errors_opt OPTS] [FILE.proto ...]
       protosmith package --lang go|java|ts|python|php [--name NAME] [--version VERSION] [--proto DIR]
                          [--out DIR] [--description TEXT] [--license SPDX] [--errors_opt OPTS] [FILE.proto ...]

Writes the proto module under --proto (default: proto) as a crate in --out
(default: target/protosmith/NAME), ready for cargo package and cargo publish:
Cargo.toml, src/lib.rs with one module per proto package (prost messages,
tonic clients and servers, error registries; one Cargo feature per package)
and a README with the API reference. No build script: the code is generated
now, with protox.

  --name NAME          crate name, e.g. acme-api
  --registry REGISTRY  the cargo registry it may be published to (publish = [..]);
                       grpc-errors is taken from there too (protosmith publish puts it there)
  --version VERSION    default: the git tag of the commit of --proto (v1.4.0 -> 1.4.0)
  --description TEXT   default: names the proto packages
  --license SPDX       default: LicenseRef-Proprietary
  --errors_opt OPTS    protoc-gen-errors parameters, e.g. reason_style=aip,domain=acme.example
";

#[derive(Debug)]
struct Options {
    name: String,
    registry: String,
    version: Option<String>,
    proto: PathBuf,
    out: Option<PathBuf>,
    description: Option<String>,
    license: String,
    errors_opt: String,
    files: Vec<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let (mut name, mut registry) = (None, None);
    let mut options = Options {
        name: String::new(),
        registry: String::new(),
        version: None,
        proto: "proto".into(),
        out: None,
        description: None,
        license: "LicenseRef-Proprietary".into(),
        errors_opt: String::new(),
        files: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value\n\n{USAGE}"))
        };
        match arg.as_str() {
            "--name" => name = Some(value()?),
            "--registry" => registry = Some(value()?),
            "--version" => options.version = Some(value()?),
            "--proto" => options.proto = value()?.into(),
            "--out" => options.out = Some(value()?.into()),
            "--description" => options.description = Some(value()?),
            "--license" => options.license = value()?,
            "--errors_opt" => options.errors_opt = value()?,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"));
            }
            file => options.files.push(file.into()),
        }
    }
    options.name = name.ok_or_else(|| format!("--name is required\n\n{USAGE}"))?;
    options.registry = registry.ok_or_else(|| format!("--registry is required\n\n{USAGE}"))?;
    check_crate_name(&options.name)?;
    crate::publish::check_registry_name(&options.registry)?;
    Ok(options)
}

/// Cargo's rule for crate names, checked here so the mistake shows before generation.
fn check_crate_name(name: &str) -> Result<(), String> {
    let valid = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "--name {name:?} is not a crate name: use ASCII letters, digits, - and _, starting with a letter, at most 64 characters"
        ))
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if lang::requested(args).is_some() {
        return lang::run(args);
    }
    let args = without_lang_rust(args);
    let options = parse(&args)?;
    let errors_options = protoc_gen_errors::ErrorsOptions::parse(&options.errors_opt)
        .map_err(|d| format!("--errors_opt: {d}"))?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| Path::new("target/protosmith").join(&options.name));
    let version = version::resolve(options.version.as_deref(), &options.proto)?;
    let files = if options.files.is_empty() {
        crate::generate::proto_files(&options.proto)?
    } else {
        options.files.clone()
    };
    if files.is_empty() {
        return Err(format!("no .proto files under {}", options.proto.display()));
    }

    prepare_out_dir(&out)?;
    let src = out.join("src");
    let generated = protosmith_build::configure()
        .protox()
        .errors_options(errors_options.clone())
        .generate(&files, &[&options.proto], &src)
        .map_err(|e| e.to_string())?;
    for note in &generated.notes {
        eprintln!("protosmith: {note}");
    }
    if let Some(package) = generated
        .packages
        .iter()
        .find(|p| p.files.iter().any(|f| f == "lib.rs"))
    {
        return Err(format!(
            "proto package `{}` is generated as src/lib.rs, which is the crate root protosmith package writes; \
             rename the proto package",
            package.package
        ));
    }
    let features = features::features(&generated);
    let description = options
        .description
        .clone()
        .unwrap_or_else(|| default_description(&generated));

    let manifest = Manifest {
        name: &options.name,
        version: &version,
        description: &description,
        license: &options.license,
        registry: &options.registry,
        features: &features,
        needs: needs(&generated, &src)?,
    };
    write(&out.join("Cargo.toml"), &manifest.render())?;
    write(
        &src.join("lib.rs"),
        &lib_rs(&generated, &features, &description, manifest.needs)?,
    )?;
    let readme = Readme {
        name: &options.name,
        version: &version,
        description: &description,
        registry: &options.registry,
        features: &features,
        generated: &generated,
        errors: &errors_options.catalog,
    };
    write(&out.join("README.md"), &readme.render()?)?;
    eprintln!(
        "protosmith: {} {version} written to {} ({} proto packages); publish it with: protosmith publish {} --registry {}",
        options.name,
        out.display(),
        features.len(),
        out.display(),
        options.registry
    );
    Ok(())
}

/// The files `protosmith package` writes itself (protosmith-build writes the
/// rest of src/), each starting with a line naming it.
const OWN_FILES: [&str; 3] = ["Cargo.toml", "src/lib.rs", "README.md"];

/// The name in the first line of the files `protosmith package` writes.
const GENERATOR: &str = "protosmith package";

/// Checks that `out` may be written: it is empty, or an earlier `protosmith
/// package` wrote it and every file this run replaces is still its own.
/// Nothing is deleted: files the user added to the crate (a LICENSE, an
/// example) stay, and protosmith-build removes only the generated files it
/// listed itself.
fn prepare_out_dir(out: &Path) -> Result<(), String> {
    let ours = output::generated_by(&out.join("Cargo.toml"), &[GENERATOR])
        == Occupant::Generated(GENERATOR.to_owned());
    let empty = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    if !ours && !empty {
        return Err(format!(
            "{} exists and was not written by protosmith package; choose another --out, or remove it",
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
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))
}

fn default_description(generated: &Generated) -> String {
    let packages: Vec<&str> = generated
        .packages
        .iter()
        .map(|p| p.package.as_str())
        .collect();
    format!(
        "Messages, gRPC stubs and error registries for {}",
        packages.join(", ")
    )
}

/// Which crates the generated files name, read from what was generated.
fn needs(generated: &Generated, src: &Path) -> Result<Needs, String> {
    let mut needs = Needs::default();
    for file in generated.packages.iter().flat_map(|p| &p.files) {
        let path = src.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        needs.prost_types |= text.contains("::prost_types::");
        needs.tonic |= text.contains("tonic::");
        needs.errors |= file.starts_with(&format!("{ERRORS_DIR}/"));
    }
    Ok(needs)
}

/// The crate root: docs, re-exports and the module tree, each package's
/// code behind its feature.
fn lib_rs(
    generated: &Generated,
    features: &[Feature],
    description: &str,
    needs: Needs,
) -> Result<String, String> {
    let feature_of = |package: &protosmith_build::GeneratedPackage| {
        features
            .iter()
            .find(|f| f.package == package.package)
            .map(|f| f.name.clone())
    };
    let tree = module_tree::render(&generated.packages, IncludeStyle::Relative, &feature_of)
        .map_err(|e| e.to_string())?;
    let mut out = String::from("// @generated by protosmith package. DO NOT EDIT.\n\n");
    out += &format!("//! {description}\n//!\n");
    out += "//! One module per proto package, each behind the Cargo feature named after it\n";
    out += "//! (`acme.user.v1` → `acme-user-v1`); see README.md.\n\n";
    out += "// The crates the generated code is built on, so users match their versions.\n";
    if needs.errors {
        out += "pub use grpc_errors;\n";
    }
    out += "pub use prost;\n";
    if needs.tonic {
        out += "pub use tonic;\n";
    }
    out += "\n";
    out += &tree;
    Ok(out)
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    output::write_atomic(path, content.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The arguments without `--lang rust` (or `--lang=rust`), which is the default.
pub(crate) fn without_lang_rust(args: &[String]) -> Vec<String> {
    let mut kept = Vec::with_capacity(args.len());
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lang" => {
                iter.next();
            }
            "--lang=rust" => {}
            _ => kept.push(arg.clone()),
        }
    }
    kept
}
