//! The generator's untouched output for the example module and the naming
//! fixture, kept in tests/golden/ so template changes are reviewable diffs.
//! tests/roundtrip compiles and runs these very files (TODO rows and
//! stand-in services included), and checks them with rustfmt below.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-test --test golden` rewrites them.

use std::path::{Path, PathBuf};

use protosmith_core::protocol::PluginRequest;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example module and the fixtures, generated as if for the first time.
fn fresh() -> Vec<protosmith_core::GeneratedFile> {
    // protoc-gen-test refuses a dir= that does not exist; an empty one is a first generation.
    let empty = tempfile::tempdir().unwrap();
    let proto = manifest().join("../../proto");
    let fixtures = manifest().join("tests/fixtures");
    let parameter = format!("dir={}", empty.path().display());
    let example = PluginRequest::compile(
        &["acme/user/v1/user.proto", "acme/order/v1/order.proto"],
        &[&proto],
        &parameter,
    )
    .unwrap();
    let edge = PluginRequest::compile(
        &[
            "edge/v1/first.proto",
            "edge/v1/second.proto",
            "edge/v1/deep/deep.proto",
        ],
        &[&fixtures, &proto],
        &parameter,
    )
    .unwrap();
    let mut files = example.run(protoc_gen_test::run).unwrap();
    files.extend(edge.run(protoc_gen_test::run).unwrap());
    files
}

#[test]
fn golden_files_match_a_fresh_generation() {
    protosmith_core::golden::assert_matches(&manifest().join("tests/golden"), &fresh());
}

#[test]
fn output_is_what_rustfmt_would_write() {
    let dir = std::env::temp_dir().join(format!("protosmith-test-rustfmt-{}", std::process::id()));
    let mut paths = Vec::new();
    for file in fresh() {
        let path = dir.join(&file.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.content).unwrap();
        paths.push(path);
    }
    // Outside the repository, so rustfmt applies its defaults, as in a user's crate.
    let output = std::process::Command::new("rustfmt")
        .args(["--edition", "2024", "--check"])
        .args(&paths)
        .output()
        .expect("rustfmt is part of the Rust toolchain");
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        output.status.success(),
        "generated tests are not rustfmt-formatted:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn generation_is_deterministic() {
    let first = fresh();
    assert_eq!(fresh(), first);
    assert!(
        first
            .iter()
            .all(|f| Path::new(&f.name).extension().is_some_and(|e| e == "rs"))
    );
}
