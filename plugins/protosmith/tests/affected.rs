//! `protosmith affected` on a temporary git repository with two modules,
//! acme/billing/v1 importing acme/user/v1: a change to the imported module
//! affects both, a change to the importer only itself; --changed, --all,
//! --global, the JSON and GitLab child-pipeline formats, and the errors for an
//! unknown ref and a directory that is not a git repository.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const USER: &str = "syntax = \"proto3\";\n\npackage acme.user.v1;\n\n\
    // A user.\nmessage User {\n  // Its id.\n  string id = 1;\n}\n";
const BILLING: &str = "syntax = \"proto3\";\n\npackage acme.billing.v1;\n\n\
    import \"acme/user/v1/user.proto\";\n\n\
    // An invoice.\nmessage Invoice {\n  // Who pays.\n  acme.user.v1.User user = 1;\n}\n";

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The repository: both modules and a buf.yaml on main, a branch `work` checked out.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "proto/acme/user/v1/user.proto", USER);
    write(dir.path(), "proto/acme/billing/v1/billing.proto", BILLING);
    write(dir.path(), "buf.yaml", "version: v2\n");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "two modules"]);
    git(dir.path(), &["checkout", "-qb", "work"]);
    dir
}

/// Commits an edit of `path` (a comment appended) on the current branch.
fn change(dir: &Path, path: &str) {
    let full = dir.join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_default();
    std::fs::write(&full, text + "// Changed.\n").unwrap();
    git(dir, &["commit", "-qam", "change"]);
}

fn affected(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protosmith"))
        .arg("affected")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn lines(output: &Output) -> Vec<String> {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_change_to_an_imported_module_affects_its_importers() {
    let repo = repository();
    change(repo.path(), "proto/acme/user/v1/user.proto");
    let out = affected(repo.path(), &["--against", "main"]);
    assert_eq!(lines(&out), ["acme/billing/v1", "acme/user/v1"]);

    let json = affected(repo.path(), &["--against", "main", "--format", "json"]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["changed"][0], "acme/user/v1/user.proto");
    assert_eq!(json["modules"][0]["module"], "acme/billing/v1");
    assert_eq!(json["modules"][0]["reason"], "imports");
    assert_eq!(json["modules"][0]["file"], "acme/user/v1/user.proto");
    assert_eq!(json["modules"][1]["reason"], "changed");
    assert_eq!(json["modules"][1]["files"][0], "acme/user/v1/user.proto");
}

#[test]
fn a_change_to_the_importer_affects_it_alone() {
    let repo = repository();
    change(repo.path(), "proto/acme/billing/v1/billing.proto");
    assert_eq!(
        lines(&affected(repo.path(), &["--against", "main"])),
        ["acme/billing/v1"]
    );
    // Against itself nothing changed: no line, and still success.
    assert!(lines(&affected(repo.path(), &["--against", "HEAD"])).is_empty());
}

#[test]
fn changed_files_all_and_global_patterns() {
    let repo = repository();
    let dir = repo.path();
    let changed = |files: &[&str]| {
        let mut args = vec!["--changed"];
        args.extend(files);
        lines(&affected(dir, &args))
    };
    assert_eq!(
        changed(&["./proto/acme/user/v1/user.proto", "README.md"]),
        ["acme/billing/v1", "acme/user/v1"]
    );
    assert!(changed(&[]).is_empty());
    assert_eq!(changed(&["buf.gen.go.yaml"]).len(), 2);
    assert_eq!(lines(&affected(dir, &["--all"])).len(), 2);
    // A change to buf.yaml on the branch rebuilds everything.
    change(dir, "buf.yaml");
    assert_eq!(lines(&affected(dir, &["--against", "main"])).len(), 2);
    let only = affected(dir, &["--against", "main", "--global", "none"]);
    assert!(lines(&only).is_empty());
}

#[test]
fn gitlab_child_pipeline_has_a_job_per_module_and_language() {
    let repo = repository();
    change(repo.path(), "proto/acme/billing/v1/billing.proto");
    let out = lines(&affected(
        repo.path(),
        &[
            "--against",
            "main",
            "--format",
            "gitlab-child",
            "--lang",
            "rust go",
        ],
    ))
    .join("\n");
    assert!(
        out.contains("\"protosmith:build:acme/billing/v1:rust\":\n  extends: .protosmith:module")
    );
    assert!(out.contains("\"protosmith:build:acme/billing/v1:go\":"));
    assert!(out.contains("PROTOSMITH_FILES: \"acme/billing/v1/billing.proto\""));
    assert!(!out.contains("acme/user/v1"), "{out}");

    // Two modules per job: one job per language, named after the first.
    let out = lines(&affected(
        repo.path(),
        &[
            "--all",
            "--format",
            "gitlab-child",
            "--modules-per-job",
            "2",
        ],
    ))
    .join("\n");
    assert!(
        out.contains("\"protosmith:build:acme/billing/v1+1:rust\":"),
        "{out}"
    );
    assert!(
        out.contains("PROTOSMITH_MODULES: \"acme/billing/v1 acme/user/v1\""),
        "{out}"
    );
    assert!(
        out.contains("PROTOSMITH_FILES: \"acme/billing/v1/billing.proto acme/user/v1/user.proto\""),
        "{out}"
    );
    assert_eq!(
        out.matches("extends: .protosmith:module").count(),
        1,
        "{out}"
    );

    // Nothing affected: one no-op job, since GitLab refuses an empty pipeline.
    let out = lines(&affected(
        repo.path(),
        &["--against", "HEAD", "--format", "gitlab-child"],
    ))
    .join("\n");
    assert!(out.contains("protosmith:nothing-to-build:"), "{out}");
    assert!(!out.contains("protosmith:build:"), "{out}");
}

#[test]
fn unknown_ref_and_no_repository_are_clear_errors() {
    let repo = repository();
    let out = affected(repo.path(), &["--against", "no-such-branch"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--against no-such-branch: no such branch, tag or commit"),
        "{stderr}"
    );

    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), "proto/acme/user/v1/user.proto", USER);
    let out = affected(plain.path(), &["--against", "main"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
    assert!(stderr.contains("--changed"), "{stderr}");

    let out = affected(plain.path(), &["--proto", "missing", "--all"]);
    assert!(!out.status.success());
    let out = affected(plain.path(), &[]);
    assert!(!out.status.success(), "one of --against, --changed, --all");
}

#[test]
fn a_file_that_does_not_compile_is_reported_at_its_line() {
    let repo = repository();
    write(
        repo.path(),
        "proto/acme/user/v1/user.proto",
        "syntax = \"proto3\";\nmessage {\n",
    );
    let out = affected(repo.path(), &["--all"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("acme/user/v1/user.proto:2:"), "{stderr}");
}
