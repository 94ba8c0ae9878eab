//! The generated tests compile and run in a crate of their own, built with
//! protosmith-build as a user's would be: for a service taking and
//! returning every well-known type (prost maps the wrappers and Empty to Rust
//! types, the rest to prost_types), and again after an rpc was added and the
//! tests regenerated, which merges into the first generation and must give
//! the stand-in service the new method.
//!
//! cargo runs on a target directory of its own under target/tmp, shared
//! with protosmith-build's cargo tests, so it never waits on the lock of the
//! build running this test; the first run compiles tonic there.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use protosmith_core::protocol::PluginRequest;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(args)
        .arg("--target-dir")
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-cargo"));
    command
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        // TODO rows must not fail the run: they are what a first generation has.
        .env_remove("GRPC_TESTKIT_STRICT");
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

const IMPORTS: &str = "syntax = \"proto3\";\npackage shop.v1;\n\n\
    import \"google/protobuf/any.proto\";\n\
    import \"google/protobuf/duration.proto\";\n\
    import \"google/protobuf/empty.proto\";\n\
    import \"google/protobuf/field_mask.proto\";\n\
    import \"google/protobuf/struct.proto\";\n\
    import \"google/protobuf/timestamp.proto\";\n\
    import \"google/protobuf/wrappers.proto\";\n\n";

/// Well-known types as requests and responses, in each method shape. The
/// wrappers prost maps to Rust's numbers and bool (Int64Value, BoolValue...)
/// are left out: tonic-prost-build 0.14.5's own service code names them
/// `super::i64` and does not compile (grpc/grpc-rust#2526);
/// `wrappers_map_to_prosts_rust_types` below checks what protoc-gen-test
/// writes for them.
const RPCS: &str = "  rpc Ping(google.protobuf.Empty) returns (google.protobuf.Empty);\n\
    rpc Rename(google.protobuf.StringValue) returns (google.protobuf.BytesValue);\n\
    rpc Stamp(google.protobuf.Timestamp) returns (stream google.protobuf.Duration);\n\
    rpc Wait(stream google.protobuf.Duration) returns (google.protobuf.Struct);\n\
    rpc Unpack(google.protobuf.Any) returns (google.protobuf.FieldMask);\n\
    rpc Values(stream google.protobuf.Value) returns (stream google.protobuf.ListValue);\n";

/// Added before regenerating: streams, to need a new associated type too.
const NEW_RPC: &str =
    "  rpc Restock(google.protobuf.Timestamp) returns (stream google.protobuf.Timestamp);\n";

/// A crate outside the workspace: protosmith-build in build.rs, the
/// generated tests under gen/, included by src/lib.rs.
fn scratch_crate(root: &Path) {
    let path = |relative: &str| workspace().join(relative).display().to_string();
    let manifest = format!(
        "[package]\nname = \"wkt-tests\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nprost = \"0.14\"\nprost-types = \"0.14\"\ntonic-prost = \"0.14\"\n\
         tonic = {{ version = \"0.14\", default-features = false, features = [\"transport\", \"codegen\", \"router\"] }}\n\n\
         [dev-dependencies]\ngrpc-testkit = {{ path = {:?} }}\n\
         tokio = {{ version = \"1\", features = [\"rt-multi-thread\", \"macros\"] }}\n\n\
         [build-dependencies]\nprotosmith-build = {{ path = {:?} }}\n\n[workspace]\n",
        path("runtime/rust/grpc-testkit"),
        path("plugins/protosmith-build"),
    );
    std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock: the same dependency versions, already compiled.
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    std::fs::write(
        root.join("build.rs"),
        "fn main() -> Result<(), Box<dyn std::error::Error>> {\n    \
         protosmith_build::configure().errors(false).compile(&[\"shop/v1/shop.proto\"], &[\"proto\"])?;\n    \
         Ok(())\n}\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/protosmith.rs\"));\n\n\
         #[cfg(test)]\n#[path = \"../gen/shop/v1/shop_test.rs\"]\nmod shop_tests;\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("proto/shop/v1")).unwrap();
    std::fs::create_dir_all(root.join("gen")).unwrap();
}

/// Writes the proto, and the tests protoc-gen-test generates (merged into
/// gen/) as protoc would.
fn generate(root: &Path, rpcs: &str) {
    std::fs::write(
        root.join("proto/shop/v1/shop.proto"),
        format!("{IMPORTS}service Shop {{\n{rpcs}}}\n"),
    )
    .unwrap();
    let parameter = format!("dir={}", root.join("gen").display());
    let input =
        PluginRequest::compile(&["shop/v1/shop.proto"], &[root.join("proto")], &parameter).unwrap();
    for file in input.run(protoc_gen_test::run).unwrap() {
        let path = root.join("gen").join(&file.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.content).unwrap();
    }
}

fn cargo_test(root: &Path) -> String {
    let manifest = root.join("Cargo.toml");
    let output = cargo(&["test", "--manifest-path", manifest.to_str().unwrap()])
        .output()
        .unwrap();
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    all
}

#[test]
fn well_known_types_and_a_regenerated_stand_in_compile_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    scratch_crate(root);

    generate(root, RPCS);
    let setup = std::fs::read_to_string(root.join("gen/shop/v1/shop_setup.rs")).unwrap();
    for expected in [
        "_request: tonic::Request<()>",
        "tonic::Request<String>",
        "Result<tonic::Response<Vec<u8>>, tonic::Status>",
        "tonic::Request<::prost_types::Timestamp>",
        "tonic::Streaming<::prost_types::Duration>",
        "::prost_types::Struct",
        "tonic::Request<::prost_types::Any>",
        "::prost_types::FieldMask",
        "tonic::Request<tonic::Streaming<::prost_types::Value>>",
        "::prost_types::ListValue",
    ] {
        assert!(setup.contains(expected), "{expected}:\n{setup}");
    }
    let output = cargo_test(root);
    for test in [
        "shop_ping",
        "shop_rename",
        "shop_stamp",
        "shop_wait",
        "shop_unpack",
        "shop_values",
    ] {
        assert!(
            output.contains(&format!("test shop_tests::{test} ... ok")),
            "{test}: {output}"
        );
    }

    // Was E0046: the stand-in lacked the new method.
    generate(root, &format!("{RPCS}{NEW_RPC}"));
    let output = cargo_test(root);
    assert!(
        output.contains("test shop_tests::shop_restock ... ok"),
        "{output}"
    );
}

#[test]
fn wrappers_map_to_prosts_rust_types() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("proto/shop/v1")).unwrap();
    std::fs::create_dir_all(root.join("gen")).unwrap();
    let wrappers = [
        ("BoolValue", "bool", "bool::default()"),
        ("BytesValue", "Vec<u8>", "Vec::new()"),
        ("DoubleValue", "f64", "f64::default()"),
        ("FloatValue", "f32", "f32::default()"),
        ("Int32Value", "i32", "i32::default()"),
        ("Int64Value", "i64", "i64::default()"),
        ("StringValue", "String", "String::default()"),
        ("UInt32Value", "u32", "u32::default()"),
        ("UInt64Value", "u64", "u64::default()"),
    ];
    let rpcs: String = wrappers
        .iter()
        .map(|(name, _, _)| {
            format!("  rpc Get{name}(google.protobuf.{name}) returns (google.protobuf.{name});\n")
        })
        .collect();
    generate(root, &rpcs);
    let setup = std::fs::read_to_string(root.join("gen/shop/v1/shop_setup.rs")).unwrap();
    let tests = std::fs::read_to_string(root.join("gen/shop/v1/shop_test.rs")).unwrap();
    for (name, rust, default) in wrappers {
        assert!(
            setup.contains(&format!("tonic::Request<{rust}>"))
                && setup.contains(&format!("tonic::Response<{rust}>")),
            "{name}: {setup}"
        );
        assert!(
            tests.contains(&format!("request: {default},")),
            "{name}: {tests}"
        );
    }
}
