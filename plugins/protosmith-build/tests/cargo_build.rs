//! protosmith-build inside real cargo builds: the example crate builds and
//! passes its tests from a clean build without protoc, and a broken proto
//! fails the build with its file, line and column on cargo's output.
//!
//! These run cargo on a target directory of their own under target/tmp, so
//! they never wait on the lock of the build running them; the first run
//! compiles tonic and protox there (a few minutes on 2 cores), later runs
//! only what changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Shared with the other tests that run cargo (plugins/protosmith's publish test).
fn nested_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-cargo")
}

/// The cargo running this test, with its own target directory and none of
/// the variables the outer cargo set for this test process.
fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(args)
        .arg("--target-dir")
        .arg(nested_target_dir());
    command
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS");
    command
}

fn text(output: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A `protoc` that fails loudly, first on PATH, and no PROTOC: a build that
/// passes under this ran no protoc.
fn without_protoc(command: &mut Command, fake_dir: &Path) {
    let fake = fake_dir.join("protoc");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho 'protoc was run, but the build must not need it' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = std::env::join_paths(std::iter::once(fake_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    command
        .env("PATH", path)
        .env_remove("PROTOC")
        .env_remove("PROTOC_INCLUDE");
}

#[test]
fn example_builds_from_clean_and_its_tests_pass_without_protoc() {
    let manifest = workspace().join("Cargo.toml");
    let manifest = manifest.to_str().unwrap();
    // Only the example is cleaned: its build script output (OUT_DIR) goes,
    // so build.rs runs from scratch; its dependencies stay compiled.
    let clean = cargo(&["clean", "-p", "user-service", "--manifest-path", manifest])
        .output()
        .unwrap();
    assert!(clean.status.success(), "{}", text(&clean));

    let fake = tempfile::tempdir().unwrap();
    let mut test = cargo(&[
        "test",
        "-p",
        "user-service",
        "--locked",
        "--manifest-path",
        manifest,
    ]);
    without_protoc(&mut test, fake.path());
    let output = test.output().unwrap();
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert!(
        all.contains("test get_user_fails_with_the_generated_not_found_error ... ok"),
        "{all}"
    );
    assert!(!all.contains("protoc was run"), "{all}");
}

const BROKEN: &str =
    "syntax = \"proto3\";\npackage shop.v1;\n\nmessage Item {\n  string name = 1\n}\n";

/// A crate outside the workspace whose build.rs compiles one broken proto.
fn broken_crate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let build_crate = workspace().join("plugins/protosmith-build");
    let manifest = format!(
        "[package]\nname = \"broken-protos\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [build-dependencies]\nprotosmith-build = {{ path = {:?} }}\n\n[workspace]\n",
        build_crate.to_str().unwrap()
    );
    std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock: the same dependency versions, already compiled.
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    std::fs::write(
        root.join("build.rs"),
        "fn main() -> Result<(), Box<dyn std::error::Error>> {\n    \
         protosmith_build::configure().compile(&[\"proto/shop/v1/shop.proto\"], &[\"proto\"])?;\n    Ok(())\n}\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/protosmith.rs\"));\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("proto/shop/v1")).unwrap();
    std::fs::write(root.join("proto/shop/v1/shop.proto"), BROKEN).unwrap();
    dir
}

#[test]
fn a_broken_proto_fails_the_build_with_file_line_and_column() {
    let krate = broken_crate();
    let manifest = krate.path().join("Cargo.toml");
    let manifest = manifest.to_str().unwrap();

    let fake = tempfile::tempdir().unwrap();
    let mut protox = cargo(&["build", "--manifest-path", manifest]);
    without_protoc(&mut protox, fake.path());
    let output = protox.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{}", text(&output));
    assert!(
        stderr.contains("failed to run custom build command for `broken-protos"),
        "{stderr}"
    );
    assert!(stderr.contains("shop/v1/shop.proto:6:1: "), "{stderr}");

    // The same mistake through protoc, chosen by PROTOC as with prost-build.
    let protoc = std::env::var_os("PROTOC")
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "protoc".into());
    let output = cargo(&["build", "--manifest-path", manifest])
        .env("PROTOC", protoc)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{}", text(&output));
    assert!(stderr.contains("shop/v1/shop.proto:6:1: "), "{stderr}");
}
