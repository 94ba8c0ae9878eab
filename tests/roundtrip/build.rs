//! Messages and tonic stubs for the example module (and protoc-gen-test's
//! naming fixture), compiled with protox so the tests need no protoc. The
//! descriptor set is kept for the Go client.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let proto_root = manifest.join("../../proto");
    // Services whose generated tests must not collide (see plugins/protoc-gen-test/tests/fixtures).
    let fixtures = manifest.join("../../plugins/protoc-gen-test/tests/fixtures");
    let files = [
        "acme/user/v1/user.proto",
        "acme/user/v1/errors.proto",
        "acme/order/v1/order.proto",
        "edge/v1/first.proto",
        "edge/v1/second.proto",
        "edge/v1/deep/deep.proto",
    ];
    let fds = protox::compile(files, [&proto_root, &fixtures])?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(
        out_dir.join("example.fds.bin"),
        prost::Message::encode_to_vec(&fds),
    )?;
    tonic_prost_build::configure().compile_fds(fds)?;
    println!("cargo:rerun-if-changed={}", proto_root.display());
    println!("cargo:rerun-if-changed={}", fixtures.display());
    Ok(())
}
