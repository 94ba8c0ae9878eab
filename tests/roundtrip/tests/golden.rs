//! `gen/` holds the golden files: what `protosmith generate` writes for the
//! example module. This crate compiles and runs them (see src/lib.rs); this
//! test checks they are exactly what the generator writes today, so a
//! template change shows up as a reviewable diff of gen/.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protosmith-tests --test golden` rewrites them.

use std::path::PathBuf;

use protosmith_core::protocol::PluginRequest;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example_input() -> PluginRequest {
    let proto = root().join("proto");
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
        "protosmith/errors/v1/options.proto",
    ];
    PluginRequest::compile(&files, &[proto], "").expect("example protos compile")
}

#[test]
fn gen_matches_a_fresh_generation() {
    let generated = example_input()
        .run(protoc_gen_errors::run)
        .expect("example protos generate");
    protosmith_core::golden::assert_matches(&root().join("gen/errors/rust"), &generated);
    let names: Vec<&str> = generated.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "acme/order/v1/order.errors.rs",
            "acme/user/v1/errors.errors.rs"
        ]
    );
}

#[test]
fn generation_is_deterministic_byte_for_byte() {
    let first = example_input().run(protoc_gen_errors::run).unwrap();
    for _ in 0..3 {
        assert_eq!(example_input().run(protoc_gen_errors::run).unwrap(), first);
    }
}
