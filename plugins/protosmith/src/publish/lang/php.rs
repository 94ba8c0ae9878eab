//! `protosmith publish --lang php`: a composer package written by
//! `protosmith package --lang php` as a zip in a composer artifact
//! directory (`{"type": "artifact", "url": DIR}` in a project's
//! `repositories`), named `VENDOR-NAME-VERSION.zip`, composer.json at its
//! root with its version. protosmith/grpc-errors, the runtime, goes there
//! first when that version is missing.
//!
//! Each zip is written to a temporary file in the directory and linked to
//! its name only if that name is free (no clobbering): composer never sees
//! half a zip, and of two publishes of one version one fails cleanly. The
//! same version twice is refused.

mod runtime;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::Args;
use super::go::{marker, zip};

const RUNTIME_PACKAGE: &str = "protosmith/grpc-errors";

/// One package version, ready to write.
struct Release {
    name: String,
    version: String,
    zip: Vec<u8>,
}

impl Release {
    fn file_name(&self) -> String {
        format!("{}-{}.zip", self.name.replace('/', "-"), self.version)
    }
}

pub fn publish(args: &Args) -> Result<(), String> {
    let dir = artifact_dir(&args.registry)?;
    let (name, version) = marker(&args.dir, "php")?;
    let composer = read_json(&args.dir.join("composer.json"))?;
    let own = crate::versions::GRPC_ERRORS;
    let wanted = composer
        .pointer("/require/protosmith~1grpc-errors")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("");
    if wanted != format!("^{own}") {
        return Err(format!(
            "{} requires {RUNTIME_PACKAGE} {wanted:?}, and this protosmith carries {own}: \
             run this protosmith's `protosmith package --lang php` again",
            args.dir.join("composer.json").display()
        ));
    }

    let mut releases = Vec::new();
    let runtime = Release {
        name: RUNTIME_PACKAGE.to_owned(),
        version: own.to_owned(),
        zip: zip::write(&runtime_files(own)?)?,
    };
    if !dir.join(runtime.file_name()).exists() {
        releases.push(runtime);
    }
    let package = Release {
        name,
        version,
        zip: zip::write(&package_files(&args.dir)?)?,
    };
    if dir.join(package.file_name()).exists() {
        return Err(already(&package, &dir));
    }
    releases.push(package);

    for release in &releases {
        let path = dir.join(release.file_name());
        if args.dry_run {
            eprintln!(
                "protosmith: would write {} ({} bytes); --dry-run: nothing written",
                path.display(),
                release.zip.len()
            );
            continue;
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut temp = tempfile::Builder::new()
            .prefix(".protosmith-")
            .tempfile_in(&dir)
            .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
        temp.write_all(&release.zip)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
        temp.persist_noclobber(&path).map_err(|e| {
            if path.exists() {
                already(release, &dir)
            } else {
                format!("cannot write {}: {}", path.display(), e.error)
            }
        })?;
        eprintln!(
            "protosmith: published {} {} to {}",
            release.name,
            release.version,
            path.display()
        );
    }
    Ok(())
}

fn already(release: &Release, dir: &Path) -> String {
    format!(
        "{} {} is already in {} ({}): a published version never changes; \
         publish a new version (protosmith package --lang php --version ...)",
        release.name,
        release.version,
        dir.display(),
        release.file_name()
    )
}

/// The artifact directory of `--registry`: a path, or a `file://` URL.
fn artifact_dir(registry: &str) -> Result<PathBuf, String> {
    if let Some(path) = registry.strip_prefix("file://") {
        return Ok(PathBuf::from(path));
    }
    if registry.contains("://") {
        return Err(format!(
            "--registry {registry}: protosmith publishes PHP packages to a composer artifact directory \
             (a path or file:///DIR); give that directory"
        ));
    }
    Ok(PathBuf::from(registry))
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: not JSON: {e}", path.display()))
}

/// The runtime as a consumer installs it: its composer.json with the
/// version (an artifact needs one) and without the parts that point into
/// this repository (dev requirements and autoloading of its tests).
fn runtime_files(version: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    for (name, bytes) in runtime::FILES {
        let bytes = if *name == "composer.json" {
            let mut json: serde_json::Value = serde_json::from_slice(bytes)
                .map_err(|e| format!("runtime/php/composer.json: {e}"))?;
            let object = json
                .as_object_mut()
                .ok_or("runtime/php/composer.json is not an object")?;
            object.remove("require-dev");
            object.remove("autoload-dev");
            object.insert("version".to_owned(), version.into());
            let mut text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
            text.push('\n');
            text.into_bytes()
        } else {
            bytes.to_vec()
        };
        files.push(((*name).to_owned(), bytes));
    }
    files.sort();
    Ok(files)
}

/// The package directory's files but the protosmith marker, hidden files and
/// a vendor/ directory (a composer install made there to try it).
fn package_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        let entries =
            std::fs::read_dir(&at).map_err(|e| format!("cannot read {}: {e}", at.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", at.display()))?
                .path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') || (at == dir && (name == "vendor" || name == "composer.lock"))
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            files.push((relative, bytes));
        }
    }
    files.sort();
    Ok(files)
}
