//! `protosmith breaking`: the breaking-change check buf does not do, for
//! error codes. buf breaking sees an enum value keep its number; callers see
//! a reason, a code, metadata keys and translations, and those are compared
//! here, between the protos as they are and a previous version (a git ref of
//! the same repository, or a directory).

mod compare;
mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use protosmith_core::catalog::{self, Catalog, Settings};
use protosmith_core::model::{self, Model};
use protosmith_core::options::{Parameters, PluginOptions};
use protosmith_core::protocol::CompiledSet;

use crate::buf_gen::{self, PluginSource};
use compare::{Allowances, Severity};

/// Report error changes that break callers: a reason removed or renamed, a code changed, a number reused, a placeholder removed, a translation dropped.
///
/// Exit status: 0 nothing breaks (warnings and allowed breaks may be
/// listed), 1 something breaks, 2 the check could not run. An intended break
/// is allowed with `@allow_breaking="why"` in the comment of the error's enum
/// value or of its enum (which covers removed values too).
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The previous version: a git ref of this repository (main, v1.4.0, origin/main) or a directory of protos
    #[arg(long, value_name = "REF|DIR")]
    against: String,
    /// The proto root now (as for generate)
    #[arg(long, default_value = "proto", value_name = "DIR")]
    proto: PathBuf,
    /// protoc-gen-errors parameters for both versions (default: those of each version's buf.gen.yaml)
    #[arg(long = "errors_opt", value_name = "OPTS")]
    errors_opt: Option<String>,
    /// text, json, or gitlab (a GitLab code-quality report)
    #[arg(long, default_value = "text", value_parser = ["text", "json", "gitlab"])]
    format: String,
}

/// One version of the protos, read.
struct Version {
    model: Model,
    catalog: Catalog,
    /// How its paths are shown: `proto/` or `main:proto/`.
    prefix: String,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    match check(&args) {
        Ok(code) => Ok(code),
        Err(message) => {
            eprintln!("protosmith breaking: could not run: {message}");
            Ok(ExitCode::from(2))
        }
    }
}

fn check(args: &Args) -> Result<ExitCode, String> {
    let shown = args.proto.display().to_string();
    let shown = shown.trim_end_matches('/');
    let flag =
        Parameters::parse(args.errors_opt.as_deref().unwrap_or("")).map_err(|d| d.to_string())?;
    let current_settings = settings(std::fs::read_to_string("buf.gen.yaml").ok(), &flag)?;
    let current = read(&args.proto, &current_settings, format!("{shown}/"))?;

    let temp =
        tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let against = Path::new(&args.against);
    let previous = if against.is_dir() {
        let prefix = format!("{}/", args.against.trim_end_matches('/'));
        read(against, &current_settings, prefix)?
    } else {
        let (dir, template) = checkout(&args.against, &args.proto, temp.path())?;
        let settings = settings(template, &flag)?;
        read(&dir, &settings, format!("{}:{shown}/", args.against))?
    };

    let findings = compare::compare(
        &previous.catalog,
        &current.catalog,
        &allowances(&current.model),
    );
    let report = report::Report {
        findings: &findings,
        current: &current.prefix,
        previous: &previous.prefix,
    };
    print!(
        "{}",
        match args.format.as_str() {
            "json" => report.json(),
            "gitlab" => report.gitlab(),
            _ => report.text(),
        }
    );
    let breaks = findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.allowed.is_none());
    Ok(if breaks {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Compiles the protos under `root` and resolves their error catalog.
fn read(root: &Path, settings: &Settings, prefix: String) -> Result<Version, String> {
    let files = crate::generate::proto_files(root)?;
    if files.is_empty() {
        return Err(format!("no .proto files under {}", root.display()));
    }
    let compiled = CompiledSet::compile(&files, &[root]).map_err(|d| d.to_string())?;
    let input = compiled.to_input();
    let model = model::build(&input);
    let catalog = catalog::resolve(&model, settings).map_err(|d| d.to_string())?;
    Ok(Version {
        model,
        catalog,
        prefix,
    })
}

/// The catalog settings of a version: its buf.gen.yaml's first
/// protoc-gen-errors entry, then the --errors_opt flag over them.
fn settings(template: Option<String>, flag: &Parameters) -> Result<Settings, String> {
    let mut parameters = Parameters::default();
    if let Some(text) = template {
        let template = buf_gen::parse(&text, "buf.gen.yaml", PathBuf::new())?;
        let errors = template.plugins.iter().find(|p| match &p.source {
            PluginSource::Local(command) => command.first().is_some_and(|c| {
                Path::new(c)
                    .file_name()
                    .is_some_and(|n| n == "protoc-gen-errors")
            }),
            PluginSource::ProtocBuiltin { .. } => false,
        });
        if let Some(errors) = errors {
            parameters = Parameters::parse(&errors.parameter()).map_err(|d| d.to_string())?;
        }
    }
    let options =
        protoc_gen_errors::ErrorsOptions::from_parameters(&parameters.overridden(flag.clone()))
            .map_err(|d| d.to_string())?;
    Ok(options.catalog)
}

/// Writes `proto` as it is at git `reference` under `into`; returns that
/// directory and the buf.gen.yaml of the repository root at the reference.
fn checkout(
    reference: &str,
    proto: &Path,
    into: &Path,
) -> Result<(PathBuf, Option<String>), String> {
    let git = |args: &[&str]| -> Result<Vec<u8>, String> {
        let output = Command::new("git")
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(format!(
                "{} is neither a directory nor a git ref here: git {}: {}",
                reference,
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    };
    let top = String::from_utf8_lossy(&git(&["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_owned();
    let proto_abs = proto
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", proto.display()))?;
    let relative = proto_abs
        .strip_prefix(Path::new(&top).canonicalize().map_err(|e| e.to_string())?)
        .map_err(|_| format!("{} is not inside the git repository {top}", proto.display()))?
        .to_string_lossy()
        .into_owned();
    let tree = format!("{reference}:{relative}");
    let kind = git(&["cat-file", "-t", &tree]).map_err(|e| {
        if git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{reference}^{{commit}}"),
        ])
        .is_ok()
        {
            format!("{relative} does not exist at {reference}")
        } else {
            e
        }
    })?;
    if String::from_utf8_lossy(&kind).trim() != "tree" {
        return Err(format!("{relative} is not a directory at {reference}"));
    }
    let archive = git(&["archive", "--format=tar", &tree])?;
    let dir = into.join("previous");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut tar = Command::new("tar")
        .args(["-x", "-C"])
        .arg(&dir)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    std::io::Write::write_all(tar.stdin.as_mut().expect("piped"), &archive)
        .map_err(|e| format!("cannot unpack {tree}: {e}"))?;
    drop(tar.stdin.take());
    if !tar.wait().map_err(|e| e.to_string())?.success() {
        return Err(format!("cannot unpack {tree}"));
    }
    let template = git(&["show", &format!("{reference}:buf.gen.yaml")])
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    Ok((dir, template))
}

/// `@allow_breaking="why"` of every enum and value in the current protos.
fn allowances(model: &Model) -> Allowances {
    let mut allowed = Allowances::new();
    for file in &model.files {
        for enumeration in file.all_enums() {
            if let Some(a) = enumeration.docs.annotation("allow_breaking") {
                allowed.insert(enumeration.full_name.clone(), a.value.clone());
            }
            for value in &enumeration.values {
                if let Some(a) = value.docs.annotation("allow_breaking") {
                    allowed.insert(value.full_name.clone(), a.value.clone());
                }
            }
        }
    }
    allowed
}
