//! `protosmith init`: a new proto repository that passes `buf lint` and
//! `buf format` at once and that `protosmith generate` and `buf generate`
//! run in, with protosmith's annotation options written from this binary so
//! their version matches it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::write;

/// Start a proto repository: buf.yaml, buf.gen.yaml, .gitlab-ci.yml, an example error enum and protosmith's options.proto.
///
/// Writes nothing when any of those files exists already (it names them).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The repository's directory (created if missing)
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The proto package of the example error enum
    #[arg(long, default_value = "acme.example.v1", value_name = "PACKAGE")]
    package: String,
    /// The GitLab project holding protosmith, which .gitlab-ci.yml includes the pipeline from
    #[arg(
        long,
        default_value = "platform/protosmith",
        value_name = "GROUP/PROJECT"
    )]
    gitlab_project: String,
}

/// protosmith's options, as this binary reads them.
const OPTIONS: &str = include_str!("../../../proto/protosmith/errors/v1/options.proto");
const OPTIONS_PATH: &str = "proto/protosmith/errors/v1/options.proto";

pub fn run(args: Args) -> Result<ExitCode, String> {
    let package = &args.package;
    let valid = package.split('.').all(|part| {
        part.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    });
    if !valid {
        return Err(format!(
            "--package {package:?} is not a proto package buf's STANDARD lint accepts: lower-case dot-separated \
             names ending in a version, e.g. acme.shop.v1"
        ));
    }
    let example = format!("proto/{}/errors.proto", package.replace('.', "/"));
    let files: Vec<(String, String)> = vec![
        ("buf.yaml".into(), include_str!("init/buf.yaml").into()),
        (
            "buf.gen.yaml".into(),
            include_str!("init/buf.gen.yaml").into(),
        ),
        (
            example,
            include_str!("init/errors.proto.tmpl").replace("PACKAGE", package),
        ),
        (OPTIONS_PATH.into(), OPTIONS.into()),
        (
            ".gitlab-ci.yml".into(),
            include_str!("init/gitlab-ci.yml.tmpl")
                .replace("PROJECT", &args.gitlab_project)
                .replace("VERSION", env!("CARGO_PKG_VERSION")),
        ),
    ];
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| args.dir.join(name))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!(
            "init writes nothing: these files exist already and would be overwritten:\n  {}\n\
             (move them away, or init another directory)",
            existing.join("\n  ")
        ));
    }
    for (name, content) in &files {
        write::atomic(&args.dir.join(name), content.as_bytes())?;
        eprintln!(
            "protosmith: wrote {}",
            Path::new(&args.dir).join(name).display()
        );
    }
    eprintln!(
        "protosmith: next: cd {} && buf lint && protosmith generate",
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
