//! `protosmith publish --lang python`: the distribution `protosmith package
//! --lang python` wrote, built (sdist and wheel, `python -m build`) and
//! uploaded with twine to a PyPI-compatible index (pypiserver, devpi,
//! GitLab, Nexus, Artifactory), protosmith-grpc-errors first when the index
//! lacks the version the package depends on.
//!
//! `--registry` is the upload URL (twine's `--repository-url`); its simple
//! index is `<URL>/simple/`, as all of those servers lay it out.
//! Credentials: TWINE_USERNAME / TWINE_PASSWORD (or twine's keyring), never
//! flags. The Python that runs build and twine is $PYTHON, else python3 on
//! PATH.
//!
//! A version is published once: the index is asked first, and the upload
//! refused with a clear message when it lists the version (indexes refuse
//! an overwrite too). Everything is built and checked before the first
//! upload, so a build or metadata problem uploads nothing; each file upload
//! is atomic on the server, and the runtime goes first, so a failure
//! between uploads leaves at worst a runtime without the package, which a
//! re-run completes.

mod runtime;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::Args;

/// Reads the simple index; see the script's docstring.
const IN_INDEX: &str = include_str!("python/in_index.py");

pub fn publish(args: &Args) -> Result<(), String> {
    if !(args.registry.starts_with("http://") || args.registry.starts_with("https://")) {
        return Err(format!(
            "--registry {}: give the index's upload URL, e.g. https://pypi.acme.example/ \
             (twine's --repository-url; the simple index is URL/simple/)",
            args.registry
        ));
    }
    let project = Project::read(&args.dir)?;
    let python = Python::find()?;
    let index = format!("{}/simple/", args.registry.trim_end_matches('/'));
    if python.in_index(&index, &project.name, &project.version)? {
        return Err(format!(
            "{} {} is already in {index}: a version is published once; package it again with a higher --version",
            project.name, project.version
        ));
    }
    let runtime_version = runtime::version()?;
    let needs_runtime = match &project.runtime {
        None => false,
        Some(requirement) if !requirement.contains(&format!(">={runtime_version},")) => {
            return Err(format!(
                "{} requires {}{requirement}, but this protosmith carries version {runtime_version}: \
                 package it again with this protosmith",
                project.name,
                runtime::NAME
            ));
        }
        Some(_) => !python.in_index(&index, runtime::NAME, &runtime_version)?,
    };

    let work =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let mut uploads: Vec<Upload> = Vec::new();
    if needs_runtime {
        let source = work.path().join("runtime");
        runtime::write(&source)?;
        let dist = python.build(&source, &work.path().join("dist-runtime"))?;
        uploads.push(Upload {
            name: runtime::NAME,
            version: &runtime_version,
            files: dist,
            shared: true,
        });
    } else if project.runtime.is_some() {
        eprintln!(
            "protosmith: {} {runtime_version} is already in {index}",
            runtime::NAME
        );
    }
    let dist = python.build(&args.dir, &work.path().join("dist"))?;
    uploads.push(Upload {
        name: &project.name,
        version: &project.version,
        files: dist,
        shared: false,
    });
    for upload in &uploads {
        python.twine(&["check", "--strict"], &upload.files)?;
    }
    for Upload {
        name,
        version,
        files,
        shared,
    } in &uploads
    {
        let what = format!("{name} {version}");
        if args.dry_run {
            eprintln!(
                "protosmith: --dry-run: would upload {what} to {} ({})",
                args.registry,
                names(files)
            );
            continue;
        }
        eprintln!(
            "protosmith: uploading {what} to {} ({})",
            args.registry,
            names(files)
        );
        let command = [
            "upload",
            "--non-interactive",
            "--disable-progress-bar",
            "--repository-url",
            args.registry.as_str(),
        ];
        match python.twine(&command, files) {
            Ok(()) => {}
            // twine's --skip-existing is for PyPI only: ask the index again.
            Err(_) if *shared && python.in_index(&index, name, version).unwrap_or(false) => {
                eprintln!("protosmith: {what} was put into {index} meanwhile; it is there");
            }
            // An index takes files one at a time and none back: say what to look at.
            Err(e) => {
                return Err(format!(
                    "{e}\nif twine uploaded some of {what}'s files before it failed, they stay in the index \
                     ({index}{name}/): upload the rest with twine upload --repository-url {} \
                     rather than a new version",
                    args.registry
                ));
            }
        }
    }
    Ok(())
}

/// A distribution's files to upload.
struct Upload<'a> {
    name: &'a str,
    version: &'a str,
    files: Vec<PathBuf>,
    /// The runtime, which another publisher may have put into the index
    /// since it was asked: then that is no error.
    shared: bool,
}

/// What publish needs from pyproject.toml.
#[derive(Debug)]
struct Project {
    name: String,
    version: String,
    /// The version specifier of the protosmith-grpc-errors dependency, if any.
    runtime: Option<String>,
}

impl Project {
    fn read(dir: &Path) -> Result<Project, String> {
        let path = dir.join("pyproject.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "cannot read {}: {e} (give the directory protosmith package --lang python wrote)",
                path.display()
            )
        })?;
        let manifest: toml::Table = text
            .parse()
            .map_err(|e| format!("{} is not valid TOML: {e}", path.display()))?;
        let project = manifest
            .get("project")
            .and_then(|p| p.as_table())
            .ok_or_else(|| format!("{} has no [project] table", path.display()))?;
        let field = |key: &str| {
            project
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or_else(|| format!("{}: [project] has no {key}", path.display()))
        };
        let runtime = project
            .get("dependencies")
            .and_then(|d| d.as_array())
            .into_iter()
            .flatten()
            .filter_map(|d| d.as_str())
            .find_map(|d| d.strip_prefix(runtime::NAME))
            .map(str::to_owned);
        Ok(Project {
            name: field("name")?,
            version: field("version")?,
            runtime,
        })
    }
}

/// The Python that builds and uploads.
struct Python {
    program: String,
    /// Whether the build backend is installed beside build: then the build
    /// runs in this environment (--no-isolation), fast and offline, with the
    /// hatchling the user pinned there; else build makes its isolated
    /// environment from the user's index, as usual.
    has_backend: bool,
}

impl Python {
    fn find() -> Result<Python, String> {
        let program = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let probe = |code: &str| {
            Command::new(&program)
                .args(["-c", code])
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        };
        if !probe("import build, twine, packaging") {
            return Err(format!(
                "protosmith publish --lang python runs build and twine with {program} ($PYTHON, else python3), \
                 which cannot import them: pip install build twine (in the venv on PATH), or set PYTHON"
            ));
        }
        Ok(Python {
            has_backend: probe("import hatchling"),
            program,
        })
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.stdin(Stdio::null());
        command
    }

    fn in_index(&self, index: &str, name: &str, version: &str) -> Result<bool, String> {
        let output = self
            .command()
            .args(["-c", IN_INDEX, index, name, version])
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.program))?;
        match String::from_utf8_lossy(&output.stdout).trim() {
            "present" if output.status.success() => Ok(true),
            "absent" if output.status.success() => Ok(false),
            _ => Err(format!(
                "cannot tell whether {index} has {name} {version}: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )),
        }
    }

    /// `python -m build` of `source` into `out`: the sdist, and the wheel built from it.
    fn build(&self, source: &Path, out: &Path) -> Result<Vec<PathBuf>, String> {
        let mut command = self.command();
        command.args(["-m", "build"]);
        if self.has_backend {
            command.arg("--no-isolation");
        }
        let output = command
            .arg("--outdir")
            .arg(out)
            .arg(source)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.program))?;
        if !output.status.success() {
            return Err(format!(
                "python -m build {} failed:\n{}{}",
                source.display(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(out)
            .map_err(|e| format!("cannot read {}: {e}", out.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        // The wheel first: it is what installers take.
        files.sort_by_key(|path| path.extension().is_none_or(|e| e != "whl"));
        Ok(files)
    }

    fn twine(&self, args: &[&str], files: &[PathBuf]) -> Result<(), String> {
        let mut command = self.command();
        command.args(["-m", "twine"]);
        // twine colours its output even into a CI log.
        if !std::io::stderr().is_terminal() {
            command.arg("--no-color");
        }
        let status = command
            .args(args)
            .args(files)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", self.program))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "twine {} {} failed ({status}; twine's output above)",
                args[0],
                names(files)
            ))
        }
    }
}

fn names(files: &[PathBuf]) -> String {
    files
        .iter()
        .filter_map(|f| f.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}
