//! `lang=go` output, untouched, for the example module (placed with
//! `module=`, as its Go code is) and for the naming fixture (nested and
//! well-known types, a message of another Go package, two proto files and
//! three services in one Go package, placed with `paths=source_relative`
//! and `M` mappings): golden files under tests/golden/go/, gofmt-clean and
//! deterministic. tests/go_run.rs compiles and runs the example's.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-test --test go_golden` rewrites them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An empty directory of this test's own: a first generation.
fn empty_dir(name: &str) -> PathBuf {
    // Tests run in parallel and each removes its own: one directory per call.
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "go-golden-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fresh() -> Vec<GeneratedFile> {
    let proto = manifest().join("../../proto");
    let fixtures = manifest().join("tests/fixtures");
    let dir = empty_dir("fresh");
    let example = PluginRequest::compile(
        &["acme/user/v1/user.proto", "acme/order/v1/order.proto"],
        &[&proto],
        &format!("lang=go,module=acme.example/gen/go,dir={}", dir.display()),
    )
    .unwrap();
    let edge = PluginRequest::compile(
        &["edge/v1/first.proto", "edge/v1/second.proto", "edge/v1/deep/deep.proto"],
        &[&fixtures, &proto],
        &format!(
            "lang=go,paths=source_relative,Medge/v1/first.proto=edge.example/gen/edge/v1;edgev1,\
             Medge/v1/second.proto=edge.example/gen/edge/v1;edgev1,Medge/v1/deep/deep.proto=edge.example/gen/edge/v1/deep,dir={}",
            dir.display()
        ),
    )
    .unwrap();
    let mut files: Vec<GeneratedFile> = example.run(protoc_gen_test::run).unwrap();
    files.extend(
        edge.run(protoc_gen_test::run)
            .unwrap()
            .into_iter()
            .map(|f| GeneratedFile {
                name: format!("edge-source-relative/{}", f.name),
                content: f.content,
            }),
    );
    std::fs::remove_dir_all(&dir).ok();
    files
}

#[test]
fn golden_files_match_a_fresh_generation() {
    let files = fresh();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "user/v1/user_test.go",
            "order/v1/order_test.go",
            "edge-source-relative/edge/v1/first_test.go",
            "edge-source-relative/edge/v1/second_test.go",
            "edge-source-relative/edge/v1/deep/deep_test.go",
        ]
    );
    protosmith_core::golden::assert_matches(&manifest().join("tests/golden/go"), &files);
}

#[test]
fn output_is_gofmt_clean() {
    let dir = empty_dir("gofmt");
    for file in fresh() {
        let path = dir.join(&file.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.content).unwrap();
    }
    let output = Command::new("gofmt")
        .args(["-l", "-d", "."])
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run gofmt ({e}): install Go 1.26 or later; this test needs it")
        });
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "",
        "gofmt would change the generated tests"
    );
}

#[test]
fn generation_is_deterministic() {
    let first = fresh();
    for _ in 0..3 {
        assert_eq!(fresh(), first);
    }
}
