//! `protosmith publish`: a crate written by `protosmith package` to a named
//! cargo registry, with the runtime its errors need put there first.

pub mod lang;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::runtime_crate;

pub const USAGE: &str = "\
usage: protosmith publish DIR --registry REGISTRY [--dry-run]
       protosmith publish --lang go|java|ts|python|php DIR --registry URL|DIR [--dry-run]

Publishes the crate protosmith package wrote in DIR to the cargo registry
REGISTRY (cargo publish). When the crate has error registries and REGISTRY
lacks the grpc-errors version they need, publishes that first, from the copy
built into protosmith.

Cargo must know REGISTRY, as for any cargo publish: [registries.REGISTRY] in
.cargo/config.toml or CARGO_REGISTRIES_<REGISTRY>_INDEX, and a token from
cargo login --registry REGISTRY or CARGO_REGISTRIES_<REGISTRY>_TOKEN.

  --dry-run   package and verify, upload nothing (grpc-errors must then
              already be in REGISTRY, since the crate is built against it)
";

#[derive(Debug)]
struct Options {
    dir: PathBuf,
    registry: String,
    dry_run: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let (mut dir, mut registry, mut dry_run) = (None, None, false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--registry" => {
                registry = Some(
                    args.next()
                        .cloned()
                        .ok_or_else(|| format!("--registry needs a value\n\n{USAGE}"))?,
                )
            }
            "--dry-run" => dry_run = true,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"));
            }
            path if dir.is_none() => dir = Some(PathBuf::from(path)),
            extra => {
                return Err(format!(
                    "one crate directory at a time: {extra} is one too many\n\n{USAGE}"
                ));
            }
        }
    }
    let dir = dir.ok_or_else(|| {
        format!("which crate? give the directory protosmith package wrote\n\n{USAGE}")
    })?;
    let registry = registry.ok_or_else(|| format!("--registry is required\n\n{USAGE}"))?;
    check_registry_name(&registry)?;
    Ok(Options {
        dir,
        registry,
        dry_run,
    })
}

/// Cargo's rule for registry names (they also become environment variable names).
pub fn check_registry_name(name: &str) -> Result<(), String> {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(())
    } else {
        Err(format!(
            "registry name {name:?}: use ASCII letters, digits, - and _, as in cargo's [registries] table"
        ))
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if crate::package::lang::requested(args).is_some() {
        return lang::run(args);
    }
    let args = crate::package::without_lang_rust(args);
    let options = parse(&args)?;
    let manifest_path = options.dir.join("Cargo.toml");
    let manifest = read_manifest(&manifest_path)?;
    let allowed: Vec<&str> = manifest
        .get("package")
        .and_then(|p| p.get("publish"))
        .and_then(|p| p.as_array())
        .map(|list| list.iter().filter_map(|r| r.as_str()).collect())
        .unwrap_or_default();
    if !allowed.contains(&options.registry.as_str()) {
        return Err(format!(
            "{} may be published to {allowed:?} only, not to {}: package it again with --registry {}",
            manifest_path.display(),
            options.registry,
            options.registry
        ));
    }
    if let Some(version) = runtime_needed(&manifest, &options.registry) {
        if options.dry_run {
            eprintln!(
                "protosmith: --dry-run: not publishing {} {version} (it must be in {} already)",
                runtime_crate::NAME,
                options.registry
            );
        } else if in_registry(runtime_crate::NAME, &version, &options.registry)? {
            eprintln!(
                "protosmith: {} {version} is already in {}",
                runtime_crate::NAME,
                options.registry
            );
        } else {
            eprintln!(
                "protosmith: publishing {} {version} to {} first: the crate's errors need it",
                runtime_crate::NAME,
                options.registry
            );
            let dir = tempfile::tempdir()
                .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
            runtime_crate::write(dir.path())?;
            cargo_publish(&dir.path().join("Cargo.toml"), &options.registry, false)?;
        }
    }
    cargo_publish(&manifest_path, &options.registry, options.dry_run)
}

fn read_manifest(path: &Path) -> Result<toml::Table, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {}: {e} (give the directory protosmith package wrote)",
            path.display()
        )
    })?;
    text.parse()
        .map_err(|e| format!("{} is not valid TOML: {e}", path.display()))
}

/// The grpc-errors version the crate takes from `registry`, if it takes it from there.
fn runtime_needed(manifest: &toml::Table, registry: &str) -> Option<String> {
    let dependency = manifest.get("dependencies")?.get(runtime_crate::NAME)?;
    if dependency.get("registry")?.as_str()? != registry {
        return None;
    }
    Some(dependency.get("version")?.as_str()?.to_owned())
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Whether `registry`'s index lists `name` `version`: `cargo info` reads the
/// index with the user's registry configuration and credentials (and takes
/// a full version as that version only).
fn in_registry(name: &str, version: &str, registry: &str) -> Result<bool, String> {
    // Outside any project: cargo info would otherwise answer from the lock file around it.
    let outside =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let output = cargo()
        .args([
            "info",
            &format!("{name}@{version}"),
            "--registry",
            registry,
            "--quiet",
        ])
        .current_dir(outside.path())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(true);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("could not find") {
        return Ok(false);
    }
    Err(format!(
        "cannot tell whether {registry} has {name} {version} (cargo info failed):\n{}",
        stderr.trim_end()
    ))
}

fn cargo_publish(manifest: &Path, registry: &str, dry_run: bool) -> Result<(), String> {
    let mut command = cargo();
    command
        .arg("publish")
        .arg("--manifest-path")
        .arg(manifest)
        .args(["--registry", registry]);
    // The crate is generated output, usually under an ignored target/: its
    // git status says nothing about whether it is fit to publish.
    command.arg("--allow-dirty");
    if dry_run {
        command.arg("--dry-run");
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo publish of {} to {registry} failed ({status}; cargo's output above)",
            manifest.display()
        ))
    }
}
