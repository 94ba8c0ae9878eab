//! `protosmith publish --lang ts`: `npm publish` of a package written by
//! `protosmith package --lang ts`, to the npm registry at --registry
//! (Verdaccio, Artifactory, GitHub Packages, npmjs.org), after
//! @protosmith/grpc-errors at the version the package depends on when the
//! registry lacks it (built from the runtime embedded in this binary).
//!
//! Credentials are npm's own: the `//HOST/:_authToken=` line of the user's
//! .npmrc (or NPM_CONFIG_USERCONFIG, or `npm login`), never a flag. An npm
//! registry takes a version in one request (the manifest with the tarball
//! attached), so a failed publish leaves nothing behind; a version it has
//! is refused here before anything is uploaded, and npm refuses it again if
//! two publishes race.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::Args;
use crate::package::lang::ts::{compile, runtime};

pub fn publish(args: &Args) -> Result<(), String> {
    let registry = args.registry.as_str();
    if !(registry.starts_with("http://") || registry.starts_with("https://")) {
        return Err(format!(
            "--registry {registry:?}: for --lang ts, give the npm registry's URL (http:// or https://)"
        ));
    }
    let manifest_path = args.dir.join("package.json");
    let manifest: Value = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))
        .and_then(|text| {
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", manifest_path.display()))
        })?;
    let (Some(name), Some(version)) = (manifest["name"].as_str(), manifest["version"].as_str())
    else {
        return Err(format!(
            "{} has no name or version",
            manifest_path.display()
        ));
    };
    if !args.dir.join("dist").is_dir() {
        return Err(format!(
            "{} has no dist/: it is not a package written by protosmith package --lang ts",
            args.dir.display()
        ));
    }
    let runtime_version = crate::versions::GRPC_ERRORS;
    let wanted = manifest["dependencies"][runtime::NAME]
        .as_str()
        .unwrap_or_default();
    if wanted != format!("^{runtime_version}") {
        return Err(format!(
            "{} depends on {} {wanted:?}, but this protosmith publishes its runtime {runtime_version}: \
             package it again with this protosmith",
            manifest_path.display(),
            runtime::NAME
        ));
    }
    if has_version(registry, name, version)? {
        return Err(format!(
            "{name}@{version} is already in {registry}: a published version never changes; \
             publish a new version (protosmith package --version)"
        ));
    }

    if has_version(registry, runtime::NAME, runtime_version)? {
        eprintln!(
            "protosmith: {}@{runtime_version} is already in {registry}",
            runtime::NAME
        );
    } else {
        let toolchain = compile::Toolchain::new()?;
        npm_publish(&toolchain.runtime_dir(), registry, args.dry_run)?;
        eprintln!(
            "protosmith: {}@{runtime_version} published to {registry}{}",
            runtime::NAME,
            dry(args.dry_run)
        );
    }
    npm_publish(&args.dir, registry, args.dry_run)?;
    eprintln!(
        "protosmith: {name}@{version} published to {registry}{}",
        dry(args.dry_run)
    );
    Ok(())
}

fn dry(dry_run: bool) -> &'static str {
    if dry_run {
        " (dry run: nothing uploaded)"
    } else {
        ""
    }
}

/// Whether the registry has `name@version`: `npm view` prints the version
/// when it does, nothing when the package lacks it, and fails with E404
/// when it has no such package.
fn has_version(registry: &str, name: &str, version: &str) -> Result<bool, String> {
    let output = Command::new("npm")
        .args([
            "view",
            &format!("{name}@{version}"),
            "version",
            "--registry",
            registry,
        ])
        .args(["--loglevel=error", "--prefer-online"])
        .output()
        .map_err(|e| format!("cannot run npm: {e} (is Node.js 20+ with npm on PATH?)"))?;
    if output.status.success() {
        return Ok(!String::from_utf8_lossy(&output.stdout).trim().is_empty());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("E404") {
        return Ok(false);
    }
    Err(format!(
        "npm view {name}@{version} --registry {registry} failed:\n{stderr}"
    ))
}

fn npm_publish(dir: &Path, registry: &str, dry_run: bool) -> Result<(), String> {
    let mut command = Command::new("npm");
    command
        .args([
            "publish",
            "--registry",
            registry,
            "--ignore-scripts",
            "--loglevel=error",
        ])
        .current_dir(dir);
    if dry_run {
        command.arg("--dry-run");
    }
    compile::run(&mut command, &format!("npm publish in {}", dir.display()))
}

#[cfg(test)]
mod tests {
    /// The runtime publish puts in the registry is the version packages depend on.
    #[test]
    fn embedded_runtime_has_the_workspace_version() {
        let manifest = crate::package::lang::ts::runtime::FILES
            .iter()
            .find(|(name, _)| *name == "package.json")
            .unwrap()
            .1;
        let manifest: serde_json::Value = serde_json::from_str(manifest).unwrap();
        assert_eq!(manifest["version"], crate::versions::GRPC_ERRORS);
    }
}
