//! lang=java: the golden files (the example module's classes, which the Java
//! interop programs compile and run, and the edge fixture of
//! runtime/java/GENERATED.md), determinism, and the diagnostics for names
//! Java cannot have.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test java` rewrites the golden files.

mod common;

use common::{generate_files, repo_root};

fn example() -> Vec<protosmith_core::GeneratedFile> {
    generate_files(
        &repo_root().join("proto"),
        &["acme/order/v1/order.proto", "acme/user/v1/errors.proto", "acme/user/v1/user.proto"],
        "lang=java",
    )
    .expect("the example module generates")
}

fn edge() -> Vec<protosmith_core::GeneratedFile> {
    generate_files(
        &repo_root().join("tests/interop/java/edge"),
        &["edge_errors.proto"],
        "lang=java",
    )
    .expect("the edge fixture generates")
}

fn names(files: &[protosmith_core::GeneratedFile]) -> Vec<&str> {
    files.iter().map(|f| f.name.as_str()).collect()
}

#[test]
fn the_example_module_matches_the_interop_sources() {
    let files = example();
    assert_eq!(
        names(&files),
        [
            "acme/order/v1/OrderErrorErrors.java",
            "acme/order/v1/PaymentErrorErrors.java",
            "acme/user/v1/UserErrorErrors.java",
            "META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog",
        ]
    );
    protosmith_core::golden::assert_matches(&repo_root().join("tests/interop/java/gen"), &files);
}

#[test]
fn the_edge_fixture_matches_its_golden_files() {
    let files = edge();
    assert_eq!(
        names(&files),
        [
            "very/longer/pkg/name/v1/HTTPErrorErrors.java",
            "very/longer/pkg/name/v1/EdgeErrorsErrors.java",
            "META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog",
        ]
    );
    protosmith_core::golden::assert_matches(&repo_root().join("tests/interop/java/edge/java"), &files);
}

#[test]
fn generation_is_deterministic_byte_for_byte() {
    let (first_example, first_edge) = (example(), edge());
    for _ in 0..3 {
        assert_eq!(example(), first_example);
        assert_eq!(edge(), first_edge);
    }
}

#[test]
fn generated_files_are_ascii_with_unix_line_ends() {
    for file in example().iter().chain(&edge()) {
        assert!(file.content.is_ascii(), "{} is not ASCII", file.name);
        assert!(!file.content.contains('\r'), "{} has a CR", file.name);
        assert!(file.content.ends_with("}\n") || file.name.starts_with("META-INF"), "{}", file.name);
    }
}
