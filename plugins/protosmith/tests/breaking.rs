//! `protosmith breaking` on the example module: against itself it reports
//! nothing; against each seeded break it reports exactly that break, with
//! both versions' file:line; allowed breaks pass; a git ref works as well
//! as a directory; JSON and GitLab's code-quality format are well formed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const USER_ERRORS: &str = "proto/acme/user/v1/errors.proto";

/// A copy of proto/ under `dir` with `from` replaced by `to` in the user errors.
fn seeded(dir: &Path, from: &str, to: &str) -> PathBuf {
    let root = dir.join("proto");
    copy(&repo().join("proto"), &root);
    let path = dir.join(USER_ERRORS);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "the example has {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    root
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn breaking(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protosmith"))
        .arg("breaking")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Runs the check of `now` against the example module; (exit code, findings).
fn check(now: &Path) -> (i32, Vec<Value>) {
    let against = repo().join("proto");
    let output = breaking(
        now.parent().unwrap(),
        &[
            "--proto",
            "proto",
            "--against",
            against.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let findings = report["findings"].as_array().unwrap().clone();
    (output.status.code().unwrap(), findings)
}

fn rules(findings: &[Value]) -> Vec<&str> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn the_example_against_itself_breaks_nothing() {
    let output = breaking(&repo(), &["--against", "proto"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "protosmith breaking: 0 breaking, 0 warning(s), 0 allowed\n"
    );
}

#[test]
fn a_changed_code_is_reported_at_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let now = seeded(dir.path(), "@code=ALREADY_EXISTS", "@code=ABORTED");
    let (code, findings) = check(&now);
    assert_eq!((code, rules(&findings)), (1, vec!["CODE_CHANGED"]));
    let against = repo().join("proto");
    assert_eq!(
        findings[0]["current"],
        "proto/acme/user/v1/errors.proto:24:3"
    );
    assert_eq!(
        findings[0]["previous"],
        format!("{}/acme/user/v1/errors.proto:24:3", against.display())
    );
    assert_eq!(
        findings[0]["message"],
        "code of acme.user.v1.USER_ERROR_EMAIL_TAKEN changed from ALREADY_EXISTS (HTTP 409) to ABORTED (HTTP 409): \
         retries, HTTP mapping and callers that branch on the code change behaviour"
    );
}

#[test]
fn a_removed_error_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let now = seeded(
        dir.path(),
        "  // A user with this e-mail address already exists.\n  // @code=ALREADY_EXISTS\n  USER_ERROR_EMAIL_TAKEN = 2;\n",
        "  reserved 2;\n  reserved \"USER_ERROR_EMAIL_TAKEN\";\n",
    );
    let (code, findings) = check(&now);
    assert_eq!((code, rules(&findings)), (1, vec!["ERROR_REMOVED"]));
    assert_eq!(findings[0]["current"], Value::Null);
}

#[test]
fn a_renamed_value_is_a_reused_number() {
    let dir = tempfile::tempdir().unwrap();
    let now = seeded(
        dir.path(),
        "USER_ERROR_STORAGE_FAILURE = 4",
        "USER_ERROR_STORAGE_BROKEN = 4",
    );
    let (code, findings) = check(&now);
    assert_eq!((code, rules(&findings)), (1, vec!["NUMBER_REUSED"]));
}

#[test]
fn a_removed_placeholder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let now = seeded(
        dir.path(),
        "@msg=\"password for {user_id} does not match\"",
        "@msg=\"password does not match\"",
    );
    let (code, findings) = check(&now);
    assert_eq!((code, rules(&findings)), (1, vec!["PLACEHOLDER_REMOVED"]));
}

#[test]
fn a_dropped_translation_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let now = seeded(
        dir.path(),
        "  // @i18n.de=\"Benutzer {user_id} nicht gefunden\"\n",
        "",
    );
    let (code, findings) = check(&now);
    assert_eq!((code, rules(&findings)), (0, vec!["LANGUAGE_DROPPED"]));
    assert_eq!(findings[0]["severity"], "warning");
}

#[test]
fn errors_opt_reads_both_versions_alike() {
    let against = repo().join("proto");
    let output = breaking(
        &repo(),
        &[
            "--against",
            against.to_str().unwrap(),
            "--format",
            "json",
            "--errors_opt",
            "reason_style=aip",
        ],
    );
    // Both versions read with the flag: the same AIP reasons, nothing breaks
    // (a buf.gen.yaml that switched style since a git ref does: see below).
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn an_allowed_break_passes_and_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let now = seeded(
        dir.path(),
        "  // @code=ALREADY_EXISTS\n",
        "  // @code=ABORTED\n  // @allow_breaking=\"ABORTED lets clients retry (ADR 12)\"\n",
    );
    let (code, findings) = check(&now);
    assert_eq!((code, rules(&findings)), (0, vec!["CODE_CHANGED"]));
    assert_eq!(
        findings[0]["allowed"],
        "ABORTED lets clients retry (ADR 12)"
    );
}

#[test]
fn a_git_ref_is_the_previous_version_and_gitlab_gets_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy(&repo().join("proto"), &root.join("proto"));
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    let path = root.join(USER_ERRORS);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("@code=INVALID_ARGUMENT", "@code=FAILED_PRECONDITION"),
    )
    .unwrap();

    let output = breaking(root, &["--against", "main", "--format", "gitlab"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let issues: Value = serde_json::from_slice(&output.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0]["check_name"], "protosmith-breaking/CODE_CHANGED");
    assert_eq!(issues[0]["severity"], "major");
    assert_eq!(
        issues[0]["location"]["path"],
        "proto/acme/user/v1/errors.proto"
    );
    assert_eq!(issues[0]["location"]["lines"]["begin"], 29);
    assert_eq!(issues[0]["fingerprint"].as_str().unwrap().len(), 16);

    let text = breaking(root, &["--against", "main"]);
    assert!(
        String::from_utf8_lossy(&text.stdout).starts_with(
            "proto/acme/user/v1/errors.proto:29:3: error CODE_CHANGED: code of acme.user.v1.USER_ERROR_PASSWORD_MISMATCH"
        ),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("(was main:proto/acme/user/v1/errors.proto:29:3)")
    );

    // A buf.gen.yaml switching the reason style breaks every reason.
    std::fs::write(&path, text_of(&repo().join(USER_ERRORS))).unwrap();
    std::fs::write(
        root.join("buf.gen.yaml"),
        "version: v2\nplugins:\n  - local: protoc-gen-errors\n    out: gen\n    opt: reason_style=aip\n",
    )
    .unwrap();
    let output = breaking(root, &["--against", "main", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f["rule"] == "REASON_CHANGED" || f["rule"] == "DOMAIN_CHANGED")
    );
    assert_eq!(
        report["breaking"], 18,
        "9 errors, each a new reason and domain"
    );

    // Could not run: exit 2 with the reason.
    let missing = breaking(root, &["--against", "no-such-branch"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("could not run: no-such-branch is neither a directory nor a git ref")
    );
}

fn text_of(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
