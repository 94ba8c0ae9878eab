//! The Java runtime, dev.protosmith:grpc-errors, embedded so an installed
//! protosmith can build and deploy it (it has no repository to read): its
//! pom and main sources (not its tests), protoc's code of options.proto
//! (dev.protosmith.errors.v1) among them. A test checks every file of
//! runtime/java/src/main is here.

pub const GROUP_ID: &str = "dev.protosmith";
pub const ARTIFACT_ID: &str = "grpc-errors";

/// (path inside the runtime project, content).
pub const FILES: &[(&str, &str)] = &[
    (
        "pom.xml",
        include_str!("../../../../../../runtime/java/pom.xml"),
    ),
    (
        "README.md",
        include_str!("../../../../../../runtime/java/README.md"),
    ),
    (
        "src/main/java/dev/protosmith/errors/v1/Code.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/errors/v1/Code.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/errors/v1/ErrorEnumOptions.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/errors/v1/ErrorEnumOptions.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/errors/v1/ErrorEnumOptionsOrBuilder.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/errors/v1/ErrorEnumOptionsOrBuilder.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/errors/v1/ErrorOptions.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/errors/v1/ErrorOptions.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/errors/v1/ErrorOptionsOrBuilder.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/errors/v1/ErrorOptionsOrBuilder.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/errors/v1/Options.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/errors/v1/Options.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/AcceptLanguage.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/AcceptLanguage.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/ErrorCatalog.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/ErrorCatalog.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/ErrorDefinition.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/ErrorDefinition.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/ErrorRegistry.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/ErrorRegistry.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/GrpcError.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/GrpcError.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/GrpcErrorInterceptor.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/GrpcErrorInterceptor.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/GrpcErrors.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/GrpcErrors.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/Templates.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/Templates.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/Wire.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/Wire.java"
        ),
    ),
    (
        "src/main/java/dev/protosmith/grpcerrors/package-info.java",
        include_str!(
            "../../../../../../runtime/java/src/main/java/dev/protosmith/grpcerrors/package-info.java"
        ),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_source_is_embedded() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../runtime/java"));
        let on_disk =
            super::super::super::ts::out_dir::files_under(root, &root.join("src/main")).unwrap();
        for file in on_disk {
            assert!(
                super::FILES.iter().any(|(name, _)| *name == file),
                "runtime/java/{file} is not embedded: add it to package/lang/java/runtime.rs"
            );
        }
    }
}
