//! `protosmith generate` and protoc-gen-test's `dir=`: the plugin reads the
//! tests in `dir=` to keep them, and `protosmith generate` writes them to the
//! job's output directory, so the two must be one directory. A `dir=`
//! elsewhere used to be taken for "no tests yet", and the filled-in rows in
//! the output directory were overwritten.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn proto_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto")
}

/// `protosmith generate` in `cwd` (which has no buf.gen.yaml: the default layout).
fn generate(cwd: &Path, extra: &[&str]) -> Output {
    let proto = proto_root();
    Command::new(env!("CARGO_BIN_EXE_protosmith"))
        .current_dir(cwd)
        .args([
            "generate",
            "--proto",
            proto.to_str().unwrap(),
            "--out",
            "gen",
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const USER_TEST: &str = "gen/tests/rust/acme/user/v1/user_test.rs";

#[test]
fn a_test_dir_other_than_the_output_is_refused_and_filled_rows_survive() {
    let work = tempfile::tempdir().unwrap();
    let first = generate(work.path(), &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let tests = work.path().join(USER_TEST);
    let generated = std::fs::read_to_string(&tests).unwrap();
    let filled = generated.replacen("name: \"TODO\"", "name: \"a user that exists\"", 1);
    std::fs::write(&tests, &filled).unwrap();

    let elsewhere = tempfile::tempdir().unwrap();
    let dir = format!("dir={}", elsewhere.path().display());
    let refused = generate(work.path(), &["--test_opt", &dir]);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(
        message.contains(&format!(
            "protoc-gen-test: dir={} is not where its tests are written",
            elsewhere.path().display()
        )),
        "{message}"
    );
    assert!(message.contains("leave dir= out"), "{message}");
    assert_eq!(std::fs::read_to_string(&tests).unwrap(), filled);

    // The output directory itself, however written, is accepted; the rows are kept.
    for same in ["dir=gen/tests/rust", "dir=./gen/tests/../tests/rust/"] {
        let output = generate(work.path(), &["--test_opt", same]);
        assert!(output.status.success(), "{same}: {}", stderr(&output));
        assert_eq!(std::fs::read_to_string(&tests).unwrap(), filled, "{same}");
    }
    let again = generate(work.path(), &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&tests).unwrap(), filled);
}

#[test]
fn with_a_template_and_out_prefix_tests_merge_where_they_are_written() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("buf.gen.yaml"),
        "version: v2\nplugins:\n  - local: protoc-gen-test\n    out: gen/tests/rust\n    opt: dir=gen/tests/rust\n",
    )
    .unwrap();
    let prefixed = |cwd: &Path| {
        let proto = proto_root();
        Command::new(env!("CARGO_BIN_EXE_protosmith"))
            .current_dir(cwd)
            .args([
                "generate",
                "--proto",
                proto.to_str().unwrap(),
                "--out",
                "copy",
            ])
            .output()
            .unwrap()
    };
    let first = prefixed(work.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let tests = work.path().join("copy").join(USER_TEST);
    let filled =
        std::fs::read_to_string(&tests)
            .unwrap()
            .replacen("name: \"TODO\"", "name: \"filled\"", 1);
    std::fs::write(&tests, &filled).unwrap();
    // dir=gen/tests/rust does not exist here: the tests under copy/ are the ones kept.
    let second = prefixed(work.path());
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(std::fs::read_to_string(&tests).unwrap(), filled);
}
