//! The PHP output for the example module is the hand-written code in
//! tests/interop/php/gen (specified in runtime/php/GENERATED.md), which the
//! PHP runtime's tests and the interop client load and run: the emitter
//! must reproduce it byte for byte.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test php_golden`
//! rewrites those files instead; review the diff.

use std::path::PathBuf;

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(parameter: &str) -> Vec<GeneratedFile> {
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
        "protosmith/errors/v1/options.proto",
    ];
    PluginRequest::compile(&files, &[root().join("proto")], parameter)
        .expect("the example module compiles")
        .run(protoc_gen_errors::run)
        .unwrap_or_else(|d| panic!("protoc-gen-errors lang=php failed:\n{d}"))
}

#[test]
fn example_module_matches_the_hand_written_php() {
    let generated = example("lang=php");
    let names: Vec<&str> = generated.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Acme/Order/V1/OrderErrorErrors.php",
            "Acme/Order/V1/PaymentErrorErrors.php",
            "Acme/User/V1/UserErrorErrors.php",
        ]
    );
    protosmith_core::golden::assert_matches(&root().join("tests/interop/php/gen"), &generated);
}

#[test]
fn php_output_is_deterministic_byte_for_byte() {
    let first = example("lang=php");
    for _ in 0..3 {
        assert_eq!(example("lang=php"), first);
    }
}
