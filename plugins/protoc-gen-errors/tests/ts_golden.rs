//! `lang=ts`: the TypeScript modules, byte for byte the goldens of
//! runtime/ts/GENERATED.md (the example module's in gen/errors/ts, as the
//! main job writes them, and their copy in tests/interop/ts/gen, which the
//! Node interop programs compile and run; the runtime's stress golden), the
//! same bytes on every run.

use std::path::{Path, PathBuf};

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generate(files: &[&str], include: &Path, parameter: &str) -> Vec<GeneratedFile> {
    let request = PluginRequest::compile(
        files,
        &[include.to_owned(), root().join("proto")],
        parameter,
    )
    .unwrap_or_else(|d| panic!("{d}"));
    request
        .run(protoc_gen_errors::run)
        .unwrap_or_else(|d| panic!("{d}"))
}

fn example_module() -> Vec<GeneratedFile> {
    generate(
        &[
            "acme/order/v1/order.proto",
            "acme/user/v1/errors.proto",
            "acme/user/v1/user.proto",
        ],
        &root().join("proto"),
        "lang=ts",
    )
}

/// The stress fixture, named as the runtime's golden is (flat, in test/golden).
fn stress() -> Vec<GeneratedFile> {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ts");
    let mut files = generate(
        &["stress/v1/stress.proto"],
        &fixtures,
        "lang=ts,runtime_path=../../src/index.js,domain=stress.example",
    );
    for file in &mut files {
        file.name = file.name.rsplit('/').next().unwrap_or_default().to_owned();
    }
    files
}

#[test]
fn the_example_module_is_gen_and_the_interop_golden() {
    let files = example_module();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "acme/order/v1/order_errors.ts",
            "acme/user/v1/errors_errors.ts"
        ],
        "one module per proto file with error enums, none for user.proto"
    );
    protosmith_core::golden::assert_matches(&root().join("gen/errors/ts"), &files);
    protosmith_core::golden::assert_matches(&root().join("tests/interop/ts/gen"), &files);
}

#[test]
fn the_stress_fixture_is_the_runtime_golden() {
    let files = stress();
    assert_eq!(files.len(), 1);
    protosmith_core::golden::assert_matches(&root().join("runtime/ts/test/golden"), &files);
}

/// The layout edges beyond the stress golden (tests/ts_toolchain.rs checks
/// this output with prettier and tsc; the golden makes a layout change a diff).
#[test]
fn the_edge_fixture_is_its_golden() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ts");
    let files = generate(
        &["edge/v1/edge.proto"],
        &fixtures,
        "lang=ts,domain=edge.example",
    );
    protosmith_core::golden::assert_matches(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/ts"),
        &files,
    );
}

#[test]
fn output_is_deterministic() {
    assert_eq!(example_module(), example_module());
    assert_eq!(stress(), stress());
}
