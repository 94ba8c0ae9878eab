//! The TypeScript runtime, @protosmith/grpc-errors, embedded so an installed
//! protosmith can build and publish it (it has no repository to read): its
//! manifest, compiler settings, sources and vendored protos. A test checks
//! every file of runtime/ts/src and runtime/ts/proto is here.

pub const NAME: &str = "@protosmith/grpc-errors";

/// (path inside the runtime package, content).
pub const FILES: &[(&str, &str)] = &[
    (
        "package.json",
        include_str!("../../../../../../runtime/ts/package.json"),
    ),
    (
        "tsconfig.json",
        include_str!("../../../../../../runtime/ts/tsconfig.json"),
    ),
    (
        "tsconfig.build.json",
        include_str!("../../../../../../runtime/ts/tsconfig.build.json"),
    ),
    (
        "README.md",
        include_str!("../../../../../../runtime/ts/README.md"),
    ),
    (
        "GENERATED.md",
        include_str!("../../../../../../runtime/ts/GENERATED.md"),
    ),
    (
        "proto/google/rpc/error_details.proto",
        include_str!("../../../../../../runtime/ts/proto/google/rpc/error_details.proto"),
    ),
    (
        "proto/google/rpc/status.proto",
        include_str!("../../../../../../runtime/ts/proto/google/rpc/status.proto"),
    ),
    (
        "src/code.ts",
        include_str!("../../../../../../runtime/ts/src/code.ts"),
    ),
    (
        "src/connect.ts",
        include_str!("../../../../../../runtime/ts/src/connect.ts"),
    ),
    (
        "src/error.ts",
        include_str!("../../../../../../runtime/ts/src/error.ts"),
    ),
    (
        "src/from-error.ts",
        include_str!("../../../../../../runtime/ts/src/from-error.ts"),
    ),
    (
        "src/gen/google/rpc/error_details_pb.ts",
        include_str!("../../../../../../runtime/ts/src/gen/google/rpc/error_details_pb.ts"),
    ),
    (
        "src/gen/protosmith/errors/v1/options_pb.ts",
        include_str!("../../../../../../runtime/ts/src/gen/protosmith/errors/v1/options_pb.ts"),
    ),
    (
        "src/gen/google/rpc/status_pb.ts",
        include_str!("../../../../../../runtime/ts/src/gen/google/rpc/status_pb.ts"),
    ),
    (
        "src/grpc-js.ts",
        include_str!("../../../../../../runtime/ts/src/grpc-js.ts"),
    ),
    (
        "src/index.ts",
        include_str!("../../../../../../runtime/ts/src/index.ts"),
    ),
    (
        "src/locale.ts",
        include_str!("../../../../../../runtime/ts/src/locale.ts"),
    ),
    (
        "src/registry.ts",
        include_str!("../../../../../../runtime/ts/src/registry.ts"),
    ),
    (
        "src/template.ts",
        include_str!("../../../../../../runtime/ts/src/template.ts"),
    ),
    (
        "src/wire.ts",
        include_str!("../../../../../../runtime/ts/src/wire.ts"),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_source_is_embedded() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../runtime/ts"));
        for dir in ["src", "proto"] {
            let on_disk = super::super::out_dir::files_under(root, &root.join(dir)).unwrap();
            for file in on_disk {
                assert!(
                    super::FILES.iter().any(|(name, _)| *name == file),
                    "runtime/ts/{file} is not embedded: add it to package/lang/ts/runtime.rs"
                );
            }
        }
    }
}
