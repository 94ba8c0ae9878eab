//! `protosmith publish-docs`: a module's API documentation (protoc-gen-docs'
//! HTML page and its JSON) laid out by module and version, where GitLab
//! Pages or any static host serves it, and optionally PUT to an API
//! platform over HTTP.
//!
//! The layout under --out, for `--module acme-user --version 1.2.0`:
//!
//! ```text
//! acme-user/1.2.0/index.html   the page      (rewritten when published again)
//! acme-user/1.2.0/index.json   the same as data
//! acme-user/latest/...         a copy of the highest release's files
//! acme-user/versions.json      every version, newest first, and which is latest
//! acme-user/index.html         a redirect to latest/
//! ```
//!
//! `latest/` is a copy, not a symlink or a redirect: GitLab Pages serves no
//! symlinks, and a redirect page would not give `latest/index.json` to a
//! program. Only files under `<module>/` that this command writes are
//! touched; other modules and anything else in --out stay as they are.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use semver::Version;
use serde_json::json;

use protosmith_core::output;

/// Publish a module's HTML and JSON API docs, versioned, for GitLab Pages or an API platform.
///
/// Writes OUT/MODULE/VERSION/{index.html,index.json} with protoc-gen-docs,
/// refreshes OUT/MODULE/latest/ (a copy of the highest release, pre-releases
/// only while there is no release), OUT/MODULE/versions.json and
/// OUT/MODULE/index.html (a redirect to latest/). With --upload URL (or
/// PROTOSMITH_DOCS_URL), each of those files is then sent with an HTTP PUT
/// to URL/MODULE/..., versions.json last, so a reader of it never sees a
/// version whose files are not there yet. The upload runs curl, which reads
/// ~/.netrc; PROTOSMITH_DOCS_TOKEN is sent as `Authorization: Bearer`, and
/// PROTOSMITH_DOCS_HEADER as a whole header line (GitLab: `JOB-TOKEN: ...`).
#[derive(Debug, clap::Args)]
// --version is the documented version here, not protosmith's.
#[command(verbatim_doc_comment, disable_version_flag = true)]
pub struct Args {
    /// The proto root: files are named relative to it
    #[arg(long, default_value = "proto", value_name = "DIR")]
    proto: PathBuf,
    /// The module's name, the first path segment of its docs
    #[arg(long, value_name = "NAME")]
    module: String,
    /// The version documented (semver, e.g. 1.2.0)
    #[arg(long, value_name = "VERSION")]
    version: String,
    /// The site's root directory
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Also PUT the written files to this base URL (default: $PROTOSMITH_DOCS_URL)
    #[arg(long, value_name = "URL")]
    upload: Option<String>,
    /// protoc-gen-docs parameters, e.g. sort=name,reason_style=aip
    #[arg(long = "docs_opt", default_value = "", value_name = "OPTS")]
    docs_opt: String,
    /// The files of the module, relative to --proto; default: every .proto under it
    #[arg(value_name = "FILE.proto")]
    files: Vec<PathBuf>,
}

/// The pages protoc-gen-docs writes for one version.
const PAGES: [&str; 2] = ["index.html", "index.json"];

pub fn run(args: Args) -> Result<ExitCode, String> {
    check_module(&args.module)?;
    let version = Version::parse(&args.version).map_err(|e| {
        format!(
            "--version {} is not a semantic version (like 1.2.0): {e}",
            args.version
        )
    })?;
    let files = if args.files.is_empty() {
        crate::generate::proto_files(&args.proto)?
    } else {
        args.files.clone()
    };
    if files.is_empty() {
        return Err(format!("no .proto files under {}", args.proto.display()));
    }
    let module_dir = args.out.join(&args.module);
    let version_dir = module_dir.join(version.to_string());
    let title = format!("{} {version}", args.module).replace(',', "\\,");
    let extra = if args.docs_opt.is_empty() {
        String::new()
    } else {
        format!(",{}", args.docs_opt)
    };
    let recipe = format!(
        "version: v2
plugins:
  - local: protoc-gen-docs
    out: .
    strategy: all
    opt: {html:?}
  - local: protoc-gen-docs
    out: .
    strategy: all
    opt: {json:?}
",
        html = format!("format=html,title={title}{extra}"),
        json = format!("format=json,title={title}{extra}"),
    );
    crate::generate::generate_from_template(&recipe, &args.proto, &files, &version_dir)?;

    let versions = versions(&module_dir)?;
    let latest = latest(&versions).unwrap_or(&version).clone();
    let latest_dir = module_dir.join("latest");
    for page in PAGES {
        let content = std::fs::read(module_dir.join(latest.to_string()).join(page))
            .map_err(|e| format!("cannot read the docs of {latest}: {page}: {e}"))?;
        write(&latest_dir.join(page), &content)?;
    }
    write(
        &module_dir.join("versions.json"),
        versions_json(&args.module, &versions, &latest).as_bytes(),
    )?;
    write(&module_dir.join("index.html"), REDIRECT.as_bytes())?;
    eprintln!(
        "protosmith: docs of {} {version} written to {} (latest: {latest}, {} versions)",
        args.module,
        version_dir.display(),
        versions.len()
    );

    let upload = args.upload.clone().or_else(|| {
        std::env::var("PROTOSMITH_DOCS_URL")
            .ok()
            .filter(|u| !u.is_empty())
    });
    if let Some(url) = &upload {
        // The version first, the pointers to it after, versions.json last.
        let mut uploads: Vec<String> = PAGES
            .iter()
            .map(|page| format!("{version}/{page}"))
            .collect();
        uploads.extend(PAGES.iter().map(|page| format!("latest/{page}")));
        uploads.push("index.html".to_owned());
        uploads.push("versions.json".to_owned());
        for path in &uploads {
            let target = format!("{}/{}/{path}", url.trim_end_matches('/'), args.module);
            put(&module_dir.join(path), &target)?;
        }
        eprintln!(
            "protosmith: {} files uploaded to {}/{}/",
            uploads.len(),
            url.trim_end_matches('/'),
            args.module
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `<module>/index.html`: whoever opens the module's address gets its latest docs.
const REDIRECT: &str = "<!DOCTYPE html>\n<!-- @generated by protosmith publish-docs. DO NOT EDIT. -->\n\
<meta charset=\"utf-8\">\n<title>Redirecting to the latest version</title>\n\
<meta http-equiv=\"refresh\" content=\"0; url=latest/\">\n<a href=\"latest/\">latest version</a>\n";

/// A path segment that every static host and URL keeps as it is.
fn check_module(name: &str) -> Result<(), String> {
    let valid = !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "--module {name:?}: use ASCII letters, digits, -, _ and . (it is a directory and a URL path segment)"
        ))
    }
}

/// The versions documented under `module_dir`: its subdirectories named as semver, newest first.
fn versions(module_dir: &Path) -> Result<Vec<Version>, String> {
    let entries = std::fs::read_dir(module_dir)
        .map_err(|e| format!("cannot read {}: {e}", module_dir.display()))?;
    let mut versions: Vec<Version> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join(PAGES[0]).is_file())
        .filter_map(|entry| Version::parse(&entry.file_name().to_string_lossy()).ok())
        .collect();
    versions.sort_by(|a, b| b.cmp(a));
    Ok(versions)
}

/// The highest release; the highest pre-release while there is no release.
/// So a hotfix of an older line (1.4.3 after 2.0.0) does not become latest.
fn latest(versions: &[Version]) -> Option<&Version> {
    versions
        .iter()
        .find(|v| v.pre.is_empty())
        .or_else(|| versions.first())
}

fn versions_json(module: &str, versions: &[Version], latest: &Version) -> String {
    let entries: Vec<serde_json::Value> = versions
        .iter()
        .map(|v| {
            json!({
                "version": v.to_string(),
                "prerelease": !v.pre.is_empty(),
                "html": format!("{v}/index.html"),
                "json": format!("{v}/index.json"),
            })
        })
        .collect();
    let document = json!({
        "module": module,
        "latest": latest.to_string(),
        "versions": entries,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn write(path: &Path, content: &[u8]) -> Result<(), String> {
    output::write_atomic(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// PUTs one file with curl; credentials reach curl on stdin, never in its arguments.
fn put(file: &Path, url: &str) -> Result<(), String> {
    let content_type = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let mut config = String::new();
    if let Ok(token) = std::env::var("PROTOSMITH_DOCS_TOKEN") {
        config += &format!("header = {:?}\n", format!("Authorization: Bearer {token}"));
    }
    if let Ok(header) = std::env::var("PROTOSMITH_DOCS_HEADER") {
        config += &format!("header = {header:?}\n");
    }
    let mut child = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--fail-with-body",
            "--netrc-optional",
        ])
        .args(["--config", "-"])
        // No `Expect: 100-continue` round trip before each body.
        .args(["--header", "Expect:"])
        .args(["--header", &format!("Content-Type: {content_type}")])
        .arg("--upload-file")
        .arg(file)
        .arg(url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("--upload runs curl, which could not be started: {e} (install curl)")
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write as _;
        stdin
            .write_all(config.as_bytes())
            .map_err(|e| format!("cannot talk to curl: {e}"))?;
    }
    let output = child.wait_with_output().map_err(|e| format!("curl: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "upload of {} to {url} failed: {}{}",
            file.display(),
            String::from_utf8_lossy(&output.stderr).trim(),
            match String::from_utf8_lossy(&output.stdout).trim() {
                "" => String::new(),
                body => format!(" (the server said: {body})"),
            }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_is_the_highest_release() {
        let v = |s: &str| Version::parse(s).unwrap();
        let mut versions = vec![v("1.4.3"), v("2.0.0"), v("2.1.0-rc.1"), v("1.0.0")];
        versions.sort_by(|a, b| b.cmp(a));
        assert_eq!(latest(&versions), Some(&v("2.0.0")));
        assert_eq!(
            latest(&[v("1.0.0-rc.2"), v("1.0.0-rc.1")]),
            Some(&v("1.0.0-rc.2"))
        );
        assert!(check_module("acme-user").is_ok());
        assert!(check_module("..").is_err());
        assert!(check_module("a/b").is_err());
    }
}
