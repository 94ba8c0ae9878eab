//! `protosmith publish --lang go`: a Go module written by `protosmith
//! package --lang go` into a GOPROXY directory, the file layout `go` reads
//! through `GOPROXY=file:///DIR,...` and any static web server can serve:
//! `<escaped module>/@v/{list, vX.info, vX.mod, vX.zip}`, the zip's entries
//! prefixed `module@version/` (golang.org/x/mod/zip rules). The runtime
//! protosmith.dev/grpcerrors goes there first when that version is missing.
//!
//! A version exists once its `.info` is there: `.mod` and `.zip` are
//! written first (each to a temporary name, then renamed), `.info` last, then
//! `list`. A publish that fails halfway leaves no `.info`, so `go` sees no
//! such version, and the next publish of it overwrites the rest. Publishing
//! a version whose `.info` exists is refused: module versions are immutable
//! (go.sum pins their hash).

mod runtime;
pub(super) mod zip;

use std::path::{Path, PathBuf};

use protosmith_core::output;

use super::Args;

/// The runtime module the generated errors import.
const RUNTIME_MODULE: &str = "protosmith.dev/grpcerrors";
/// The marker `protosmith package` leaves in a package directory.
pub(super) const MARKER: &str = ".protosmith-package";

/// What the marker says about the package: `(generator, name, version)`.
pub(super) fn marker(dir: &Path, lang: &str) -> Result<(String, String), String> {
    let path = dir.join(MARKER);
    let text = std::fs::read(&path).map_err(|e| {
        format!(
            "cannot read {}: {e}; is {} a package written by protosmith package --lang {lang}?",
            path.display(),
            dir.display()
        )
    })?;
    let value: serde_json::Value = serde_json::from_slice(&text)
        .map_err(|e| format!("{}: not a protosmith package marker: {e}", path.display()))?;
    let field = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
    };
    let generator = format!("protosmith package --lang {lang}");
    if field("generator") != generator || field("name").is_empty() || field("version").is_empty() {
        return Err(format!(
            "{} was not written by {generator}: package it with that command first",
            dir.display()
        ));
    }
    Ok((field("name").to_owned(), field("version").to_owned()))
}

/// One module version, ready to write.
struct Release {
    module: String,
    version: String,
    go_mod: Vec<u8>,
    zip: Vec<u8>,
}

pub fn publish(args: &Args) -> Result<(), String> {
    let proxy = proxy_dir(&args.registry)?;
    let (name, version) = marker(&args.dir, "go")?;
    let go_mod = read(&args.dir.join("go.mod"))?;
    let runtime_version = runtime_requirement(&go_mod)?;
    let own = format!("v{}", crate::versions::GRPC_ERRORS);
    if runtime_version != own {
        return Err(format!(
            "{} requires {RUNTIME_MODULE} {runtime_version}, and this protosmith carries {own}: \
             run this protosmith's `protosmith package --lang go` again",
            args.dir.join("go.mod").display()
        ));
    }

    let mut releases = Vec::new();
    if !published(&proxy, RUNTIME_MODULE, &own)? {
        let files: Vec<(String, Vec<u8>)> = runtime::FILES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec()))
            .collect();
        releases.push(release(RUNTIME_MODULE, &own, files)?);
    }
    if published(&proxy, &name, &version)? {
        return Err(format!(
            "{} {} is already in {}: a published Go module version never changes (go.sum pins its hash); \
             publish a new version (protosmith package --lang go --version ...)",
            name,
            version,
            proxy.display()
        ));
    }
    releases.push(release(&name, &version, module_files(&args.dir)?)?);

    for release in &releases {
        if args.dry_run {
            eprintln!(
                "protosmith: would publish {} {} to {} ({} bytes); --dry-run: nothing written",
                release.module,
                release.version,
                proxy.display(),
                release.zip.len()
            );
        } else {
            write_release(&proxy, release)?;
            eprintln!(
                "protosmith: published {} {} to {}",
                release.module,
                release.version,
                proxy.display()
            );
        }
    }
    Ok(())
}

/// The GOPROXY directory of `--registry`: a path, or a `file://` URL.
fn proxy_dir(registry: &str) -> Result<PathBuf, String> {
    if let Some(path) = registry.strip_prefix("file://") {
        return Ok(PathBuf::from(path));
    }
    if registry.contains("://") {
        return Err(format!(
            "--registry {registry}: protosmith publishes Go modules to a GOPROXY directory (a path or file:///DIR), \
             which a web server or an Athens/Artifactory \"go\" repository can serve; give that directory"
        ));
    }
    Ok(PathBuf::from(registry))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The version of the runtime a package's go.mod requires.
fn runtime_requirement(go_mod: &[u8]) -> Result<String, String> {
    String::from_utf8_lossy(go_mod)
        .lines()
        .map(|line| line.trim().trim_start_matches("require ").trim())
        .find_map(|line| line.strip_prefix(RUNTIME_MODULE)?.strip_prefix(' ').map(|v| v.trim().to_owned()))
        .ok_or_else(|| format!("go.mod does not require {RUNTIME_MODULE}: was it written by protosmith package --lang go?"))
}

/// `go`'s case encoding of module paths and versions in proxy URLs and
/// file names: an upper-case letter is `!` and the letter in lower case.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn version_dir(proxy: &Path, module: &str) -> PathBuf {
    proxy.join(escape(module)).join("@v")
}

fn published(proxy: &Path, module: &str, version: &str) -> Result<bool, String> {
    let info = version_dir(proxy, module).join(format!("{}.info", escape(version)));
    info.try_exists()
        .map_err(|e| format!("cannot read {}: {e}", info.display()))
}

/// The files of a package directory for its module zip: all but the
/// protosmith marker, nested modules (a directory with its own go.mod) and
/// vendor directories, which golang.org/x/mod/zip leaves out too.
fn module_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
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
            if path.is_dir() {
                if name != "vendor" && !path.join("go.mod").exists() && !name.starts_with('.') {
                    stack.push(path);
                }
                continue;
            }
            if name == MARKER || name.starts_with(".protosmith-") {
                continue;
            }
            let relative = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, read(&path)?));
        }
    }
    Ok(files)
}

fn release(
    module: &str,
    version: &str,
    mut files: Vec<(String, Vec<u8>)>,
) -> Result<Release, String> {
    files.sort();
    let go_mod = files
        .iter()
        .find(|(name, _)| name == "go.mod")
        .map(|(_, content)| content.clone())
        .ok_or_else(|| format!("{module} has no go.mod"))?;
    let mut folded: Vec<String> = files.iter().map(|(name, _)| name.to_lowercase()).collect();
    folded.sort();
    if let Some(pair) = folded.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(format!(
            "{module}: two files differ only in case ({}), which a Go module zip does not allow",
            pair[0]
        ));
    }
    let entries: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(name, content)| (format!("{module}@{version}/{name}"), content))
        .collect();
    Ok(Release {
        module: module.to_owned(),
        version: version.to_owned(),
        go_mod,
        zip: zip::write(&entries)?,
    })
}

fn write_release(proxy: &Path, release: &Release) -> Result<(), String> {
    let dir = version_dir(proxy, &release.module);
    let base = escape(&release.version);
    let info = format!(
        "{{\"Version\":{},\"Time\":\"{}\"}}\n",
        serde_json::Value::String(release.version.clone()),
        now_rfc3339()
    );
    for (suffix, content) in [
        ("mod", &release.go_mod),
        ("zip", &release.zip),
        ("info", &info.into_bytes()),
    ] {
        let path = dir.join(format!("{base}.{suffix}"));
        output::write_atomic(&path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let list = dir.join("list");
    let mut versions: Vec<String> = std::fs::read_to_string(&list)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect();
    if !versions.contains(&release.version) {
        versions.push(release.version.clone());
    }
    let mut text = versions.join("\n");
    text.push('\n');
    output::write_atomic(&list, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", list.display()))
}

/// The current UTC time as `2006-01-02T15:04:05Z`, the `.info` format.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_upper_case() {
        assert_eq!(escape("github.com/Azure/x"), "github.com/!azure/x");
    }

    #[test]
    fn time_looks_like_rfc3339() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'), "{now}");
    }
}
