//! The Go emitter against its golden files: gen/errors/go, what the main job
//! (buf.gen.yaml, `protosmith generate`) writes for the example module, and
//! its copy tests/interop/go/gen/*/v1/*_errors.pb.go inside the Go module
//! the interop programs compile and run (runtime/go/GENERATED.md specifies
//! them). Both must be the generator's output, so they are one file twice.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test go_golden` rewrites both.

use std::path::PathBuf;

use protosmith_core::protocol::PluginRequest;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The example module as buf and tests/interop/go/build.sh give it to the Go plugins.
fn example_input(parameter: &str) -> PluginRequest {
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
        "protosmith/errors/v1/options.proto",
    ];
    PluginRequest::compile(&files, &[root().join("proto")], parameter)
        .expect("example protos compile")
}

#[test]
fn example_module_matches_gen_and_the_interop_files() {
    // buf.gen.yaml's opt for gen/errors/go.
    let generated = example_input("lang=go,module=acme.example/gen/go")
        .run(protoc_gen_errors::run)
        .expect("example protos generate");
    let names: Vec<&str> = generated.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["order/v1/order_errors.pb.go", "user/v1/errors_errors.pb.go"]
    );
    protosmith_core::golden::assert_matches(&root().join("gen/errors/go"), &generated);
    protosmith_core::golden::assert_matches(&root().join("tests/interop/go/gen"), &generated);
}

#[test]
fn paths_place_files_beside_protoc_gen_go() {
    let names = |parameter: &str| -> Vec<String> {
        example_input(parameter)
            .run(protoc_gen_errors::run)
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect()
    };
    assert_eq!(
        names("lang=go"),
        [
            "acme.example/gen/go/order/v1/order_errors.pb.go",
            "acme.example/gen/go/user/v1/errors_errors.pb.go"
        ]
    );
    assert_eq!(
        names("lang=go,paths=source_relative"),
        [
            "acme/order/v1/order_errors.pb.go",
            "acme/user/v1/errors_errors.pb.go"
        ]
    );
    assert_eq!(
        names("lang=go,Macme/user/v1/errors.proto=acme.example/other;other"),
        [
            "acme.example/gen/go/order/v1/order_errors.pb.go",
            "acme.example/other/errors_errors.pb.go"
        ]
    );
}

#[test]
fn a_runtime_path_is_imported_under_the_same_alias() {
    let generated = example_input("lang=go,module=acme.example/gen/go,runtime_path=a.example/errs")
        .run(protoc_gen_errors::run)
        .unwrap();
    let content = &generated[0].content;
    assert!(
        content.contains("import (\n\tgrpcerrors \"a.example/errs\"\n\tcodes \"google.golang.org/grpc/codes\"\n)\n"),
        "{content}"
    );
}

#[test]
fn generation_is_deterministic_byte_for_byte() {
    let first = example_input("lang=go")
        .run(protoc_gen_errors::run)
        .unwrap();
    for _ in 0..3 {
        assert_eq!(
            example_input("lang=go")
                .run(protoc_gen_errors::run)
                .unwrap(),
            first
        );
    }
}
