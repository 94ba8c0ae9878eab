//! The command line as a user meets it: --version, --help on every verb,
//! mistakes answered with a suggestion, the plugins answering --help and
//! --version without waiting on stdin, and `generate` keeping the docs'
//! error catalog in step with the generated code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn protosmith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protosmith"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `protosmith generate` on the example protos with `template` (written to
/// `out/buf.gen.yaml`), writing under `out`, plus `extra` flags.
fn generate_example(out: &Path, template: &str, extra: &[&str]) -> Output {
    let path = out.join("buf.gen.yaml");
    std::fs::write(&path, template).unwrap();
    let proto = repo().join("proto");
    let mut args = vec![
        "generate",
        "--template",
        path.to_str().unwrap(),
        "--proto",
        proto.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    protosmith(&args)
}

#[test]
fn version_and_help_exit_zero() {
    let version = protosmith(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        text(&version.stdout),
        format!("protosmith {}\n", env!("CARGO_PKG_VERSION"))
    );
    for verb in ["generate", "init", "link-plugins", "package", "publish"] {
        let help = protosmith(&[verb, "--help"]);
        assert!(
            help.status.success(),
            "{verb} --help: {}",
            text(&help.stderr)
        );
        assert!(
            text(&help.stdout).to_lowercase().contains("usage"),
            "{verb} --help says how to use it:\n{}",
            text(&help.stdout)
        );
    }
}

#[test]
fn mistakes_get_suggestions_and_a_failing_exit() {
    let unknown = protosmith(&["generat"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("similar subcommand exists: 'generate'"),
        "{}",
        text(&unknown.stderr)
    );
    let option = protosmith(&["generate", "--chek"]);
    assert_eq!(option.status.code(), Some(2));
    assert!(
        text(&option.stderr).contains("--check"),
        "{}",
        text(&option.stderr)
    );
}

#[test]
fn the_plugin_names_answer_help_and_version_without_reading_stdin() {
    let dir = tempfile::tempdir().unwrap();
    for plugin in ["protoc-gen-errors", "protoc-gen-test", "protoc-gen-docs"] {
        let link = dir.path().join(plugin);
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_protosmith"), &link).unwrap();
        // stdin stays open and empty: a plugin that read it would hang, not answer.
        let run = |arg: &str| {
            Command::new(&link)
                .arg(arg)
                .stdin(Stdio::piped())
                .output()
                .unwrap()
        };
        let version = run("--version");
        assert!(version.status.success());
        assert_eq!(
            text(&version.stdout),
            format!("{plugin} {}\n", env!("CARGO_PKG_VERSION"))
        );
        let help = run("--help");
        assert!(help.status.success());
        assert!(
            text(&help.stdout).starts_with(plugin),
            "{}",
            text(&help.stdout)
        );
        let other = run("--frobnicate");
        assert_eq!(other.status.code(), Some(2));
        assert!(text(&other.stderr).contains("reads a CodeGeneratorRequest on stdin"));
    }
}

#[test]
fn the_docs_catalog_shows_the_reasons_the_code_has() {
    let out = tempfile::tempdir().unwrap();
    // Both plugins, and --errors_opt, which reaches the docs' catalog too.
    let run = generate_example(
        out.path(),
        "version: v2\nplugins:\n  - local: protoc-gen-errors\n    out: errors\n  - local: protoc-gen-docs\n    out: docs\n    opt: format=json\n    strategy: all\n",
        &["--errors_opt", "reason_style=aip,domain=acme.example"],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let code =
        std::fs::read_to_string(out.path().join("errors/acme/user/v1/errors.errors.rs")).unwrap();
    let docs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("docs/index.json")).unwrap())
            .unwrap();
    let catalog = docs["error_catalog"]
        .as_array()
        .expect("the JSON has the catalog");
    assert!(!catalog.is_empty());
    let mut in_code = 0;
    for entry in catalog {
        let error = &entry["error"];
        assert_eq!(error["domain"], "acme.example", "{entry}");
        let reason = error["reason"].as_str().unwrap();
        assert!(!reason.contains('.'), "AIP reasons are bare: {reason}");
        if entry["file"] == "acme/user/v1/errors.proto" {
            assert!(
                code.contains(&format!("\"{reason}\"")),
                "{reason} is in the code"
            );
            in_code += 1;
        }
    }
    assert_eq!(in_code, 4, "the user module's four errors were compared");
}

/// Every job's files are written beside their place as soon as the job has
/// run, and put in place only when all jobs succeeded: a job that fails after
/// others leaves no file written, and no temporary file behind.
#[test]
fn a_failing_job_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let run = generate_example(
        out.path(),
        "version: v2\nplugins:\n  - local: protoc-gen-errors\n    out: errors\n  - local: protoc-gen-docs\n    out: docs\n    opt: template=missing.tera\n",
        &[],
    );
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("cannot read the template missing.tera"),
        "{}",
        text(&run.stderr)
    );
    let mut left = Vec::new();
    let mut folders = vec![out.path().to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                left.push(path.strip_prefix(out.path()).unwrap().display().to_string());
            }
        }
    }
    assert_eq!(left, ["buf.gen.yaml"], "only the template is there");
}
