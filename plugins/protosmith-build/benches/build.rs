//! What protosmith-build adds to a build script, next to the floor of the
//! same messages and stubs through protox and tonic-prost-build alone:
//!
//!   cargo bench -p protosmith-build --bench build
//!
//! Each iteration is one build.rs run on the example protos (`proto/`):
//! compile, generate, write into a scratch OUT_DIR. CI runs each benchmark
//! once as a test (`cargo test -p protosmith-build --bench build`), which
//! fails only if a run fails, never on time.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

const FILES: [&str; 3] = [
    "acme/user/v1/user.proto",
    "acme/user/v1/errors.proto",
    "acme/order/v1/order.proto",
];

fn proto_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto")
}

/// The floor: what a build.rs without protosmith does for the same files.
fn protox_and_tonic(out_dir: &Path) {
    let fds = protox::compile(FILES, [proto_root()]).expect("the example protos compile");
    tonic_prost_build::configure()
        .out_dir(out_dir)
        .compile_fds(fds)
        .expect("tonic-prost-build generates");
}

fn protosmith_build(out_dir: &Path, errors: bool) {
    protosmith_build::configure()
        .protox()
        .errors(errors)
        .emit_rerun_if_changed(false)
        .out_dir(out_dir)
        .compile(&FILES, &[proto_root()])
        .expect("protosmith-build generates");
}

fn build_script(c: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let floor = scratch.path().join("floor");
    let plain = scratch.path().join("plain");
    let with_errors = scratch.path().join("errors");
    for dir in [&floor, &plain, &with_errors] {
        std::fs::create_dir_all(dir).expect("a scratch OUT_DIR");
    }
    let mut group = c.benchmark_group("build.rs");
    group.bench_function("floor: protox + tonic-prost-build (messages, stubs)", |b| {
        b.iter(|| protox_and_tonic(&floor))
    });
    group.bench_function("protosmith-build, errors(false) (messages, stubs)", |b| {
        b.iter(|| protosmith_build(&plain, false))
    });
    group.bench_function(
        "protosmith-build (messages, stubs, error registries)",
        |b| b.iter(|| protosmith_build(&with_errors, true)),
    );
    group.finish();
    assert!(
        with_errors.join(protosmith_build::INCLUDE_FILE).is_file(),
        "protosmith-build wrote its include file"
    );
}

criterion_group!(benches, build_script);
criterion_main!(benches);
