//! Compiling TypeScript to the JavaScript and declarations a package ships,
//! with the compiler and type packages the runtime is built and tested with
//! (its package.json's versions), in a temporary npm project:
//!
//! ```text
//! TMP/package.json                      typescript, @bufbuild/protobuf, ...
//! TMP/node_modules/@protosmith/grpc-errors/   the embedded runtime, compiled
//! TMP/pkg/                              a copy of the package's src/ and tsconfig.json
//! ```
//!
//! `npm install` uses the user's npm configuration (registry, cache), as any
//! build on their machine would; a second run is served from npm's cache.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::runtime;

/// The runtime's devDependencies a build needs: the compiler, Node's types,
/// and the two RPC libraries its adapters are typed against.
const BUILD_TOOLS: &[&str] = &[
    "typescript",
    "@types/node",
    "@grpc/grpc-js",
    "@connectrpc/connect",
];

pub struct Toolchain {
    dir: tempfile::TempDir,
}

impl Toolchain {
    /// Installs the build tools and compiles the embedded runtime.
    pub fn new() -> Result<Toolchain, String> {
        let dir =
            tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
        let manifest: Value = serde_json::from_str(runtime_file("package.json"))
            .map_err(|e| format!("the embedded runtime's package.json: {e}"))?;
        let mut dependencies = serde_json::Map::new();
        for (name, version) in manifest["dependencies"].as_object().into_iter().flatten() {
            dependencies.insert(name.clone(), version.clone());
        }
        for name in BUILD_TOOLS {
            let version = manifest["devDependencies"][*name].clone();
            if version.is_null() {
                return Err(format!("the runtime's package.json lacks {name}"));
            }
            dependencies.insert((*name).to_owned(), version);
        }
        let project = serde_json::json!({
            "name": "protosmith-package-build",
            "private": true,
            "type": "module",
            "dependencies": dependencies,
        });
        write(&dir.path().join("package.json"), &project.to_string())?;
        run(
            Command::new("npm")
                .args([
                    "install",
                    "--prefer-offline",
                    "--no-audit",
                    "--no-fund",
                    "--no-package-lock",
                    "--ignore-scripts",
                    "--loglevel=error",
                ])
                .current_dir(dir.path()),
            "npm install (the TypeScript compiler and type packages)",
        )?;
        let toolchain = Toolchain { dir };
        let runtime_dir = toolchain.runtime_dir();
        for (name, content) in runtime::FILES {
            write(&runtime_dir.join(name), content)?;
        }
        toolchain.tsc(&runtime_dir.join("tsconfig.build.json"))?;
        Ok(toolchain)
    }

    /// The compiled runtime package (package.json, dist/, proto/, ...).
    pub fn runtime_dir(&self) -> PathBuf {
        self.dir.path().join("node_modules").join(runtime::NAME)
    }

    /// Compiles `package`'s src/ with its tsconfig.json; returns the dist/
    /// directory it made (inside the toolchain's directory).
    pub fn compile(&self, package: &Path) -> Result<PathBuf, String> {
        let pkg = self.dir.path().join("pkg");
        copy_tree(&package.join("src"), &pkg.join("src"))?;
        let tsconfig = std::fs::read_to_string(package.join("tsconfig.json"))
            .map_err(|e| format!("cannot read {}/tsconfig.json: {e}", package.display()))?;
        write(&pkg.join("tsconfig.json"), &tsconfig)?;
        self.tsc(&pkg.join("tsconfig.json"))?;
        Ok(pkg.join("dist"))
    }

    fn tsc(&self, project: &Path) -> Result<(), String> {
        let tsc = self.dir.path().join("node_modules/.bin/tsc");
        run(
            Command::new(tsc)
                .arg("-p")
                .arg(project)
                .current_dir(self.dir.path()),
            &format!("tsc -p {}", project.display()),
        )
    }
}

fn runtime_file(name: &str) -> &'static str {
    runtime::FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, content)| content)
}

pub fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| {
        format!(
            "{what}: cannot run {}: {e} (is Node.js 20+ with npm on PATH?)",
            command.get_program().to_string_lossy()
        )
    })?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    protosmith_core::output::write_atomic(path, content.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Copies the files under `from` to `to` (created), keeping the layout.
pub fn copy_tree(from: &Path, to: &Path) -> Result<Vec<String>, String> {
    let files = super::out_dir::files_under(from, from)?;
    for file in &files {
        let source = from.join(file);
        let content =
            std::fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        let target = to.join(file);
        protosmith_core::output::write_atomic(&target, &content)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(files)
}
