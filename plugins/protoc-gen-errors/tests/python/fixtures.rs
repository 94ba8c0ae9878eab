//! The protos the `lang=python` tests generate from: the example module
//! (proto/) and a proto written to break generated Python (tests/python/proto).

use std::path::PathBuf;

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The example module's files with `parameter`.
pub fn generate(parameter: &str) -> Vec<GeneratedFile> {
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
        "protosmith/errors/v1/options.proto",
    ];
    PluginRequest::compile(&files, &[root().join("proto")], parameter)
        .expect("the example protos compile")
        .run(protoc_gen_errors::run)
        .expect("the example protos generate")
}

/// The hostile proto's module: keywords, soft keywords, reserved member
/// names, quotes, backslashes, tabs, control and bidi characters, wide
/// text, names on either side of 88 columns.
pub fn hostile() -> Vec<GeneratedFile> {
    PluginRequest::compile(
        &["hostile/v1/odd-name.proto"],
        &[hostile_dir(), root().join("proto")],
        "lang=python,domain=hostile.example",
    )
    .expect("the hostile proto compiles")
    .run(protoc_gen_errors::run)
    .expect("the hostile proto generates")
}

/// The include directory of the hostile proto.
pub fn hostile_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/proto")
}
