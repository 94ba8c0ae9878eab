//! `lang=python`: the example module gives, byte for byte, gen/errors/python
//! (what the main job writes) and its copy that the Python interop programs
//! import (tests/interop/python/gen; the golden files
//! runtime/python/GENERATED.md specifies), and the same bytes on every run.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test python_golden`
//! rewrites both (then review the diff, and run `bash ci/lang/python.sh`).

use std::path::PathBuf;

#[path = "python/fixtures.rs"]
mod fixtures;

use fixtures::{generate, hostile, root};
use protosmith_core::protocol::PluginRequest;

#[test]
fn the_example_gives_gen_and_the_interop_modules_byte_for_byte() {
    let generated = generate("lang=python");
    let names: Vec<&str> = generated.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "acme/order/v1/order_errors.py",
            "acme/user/v1/errors_errors.py"
        ]
    );
    protosmith_core::golden::assert_matches(&root().join("gen/errors/python"), &generated);
    protosmith_core::golden::assert_matches(&root().join("tests/interop/python/gen"), &generated);
}

#[test]
fn generation_is_deterministic_byte_for_byte() {
    let first = generate("lang=python");
    for _ in 0..3 {
        assert_eq!(generate("lang=python"), first);
    }
}

#[test]
fn runtime_path_names_the_runtime_module() {
    let generated = generate("lang=python,runtime_path=acme.vendored.grpc_errors");
    for file in &generated {
        assert!(
            file.content
                .contains("\nimport acme.vendored.grpc_errors as _errors\n"),
            "{}",
            file.content
        );
    }
    let problem = PluginRequest::compile(
        &["acme/user/v1/errors.proto"],
        &[root().join("proto")],
        "lang=python,runtime_path=::grpc_errors",
    )
    .unwrap()
    .run(protoc_gen_errors::run)
    .unwrap_err();
    assert_eq!(
        problem.to_string(),
        "parameter runtime_path=::grpc_errors is not a Python module path (identifiers joined by '.', no keywords); \
         write e.g. runtime_path=protosmith_grpc_errors"
    );
}

/// The hostile proto's module is checked in, so a change shows as a diff;
/// `python_toolchain.rs` formats, type-checks, imports and runs it.
#[test]
fn the_hostile_proto_gives_its_golden_module() {
    let generated = hostile();
    assert_eq!(generated.len(), 1);
    assert_eq!(generated[0].name, "hostile/v1/odd_name_errors.py");
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    protosmith_core::golden::assert_matches(&manifest.join("tests/python/golden"), &generated);
    assert_eq!(hostile(), generated);
}
