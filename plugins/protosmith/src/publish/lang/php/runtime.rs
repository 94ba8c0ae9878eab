//! protosmith/grpc-errors, the runtime the generated PHP calls into,
//! embedded in the binary so `protosmith publish --lang php` can put the
//! very version its generator matches into the artifact repository (an
//! installed protosmith has no repository). What a consumer loads only: the
//! sources, the google.rpc classes, composer.json and the README; tests stay out.

/// The package's files, by path in the package; a test checks that every
/// file of runtime/php/src and runtime/php/gen is here.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "README.md",
        include_bytes!("../../../../../../runtime/php/README.md"),
    ),
    (
        "composer.json",
        include_bytes!("../../../../../../runtime/php/composer.json"),
    ),
    (
        "gen/GPBMetadata/Google/Rpc/ErrorDetails.php",
        include_bytes!("../../../../../../runtime/php/gen/GPBMetadata/Google/Rpc/ErrorDetails.php"),
    ),
    (
        "gen/GPBMetadata/Google/Rpc/Status.php",
        include_bytes!("../../../../../../runtime/php/gen/GPBMetadata/Google/Rpc/Status.php"),
    ),
    (
        "gen/GPBMetadata/Protosmith/Errors/V1/Options.php",
        include_bytes!(
            "../../../../../../runtime/php/gen/GPBMetadata/Protosmith/Errors/V1/Options.php"
        ),
    ),
    (
        "gen/Google/Rpc/BadRequest.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/BadRequest.php"),
    ),
    (
        "gen/Google/Rpc/BadRequest/FieldViolation.php",
        include_bytes!(
            "../../../../../../runtime/php/gen/Google/Rpc/BadRequest/FieldViolation.php"
        ),
    ),
    (
        "gen/Google/Rpc/BadRequest_FieldViolation.php",
        include_bytes!(
            "../../../../../../runtime/php/gen/Google/Rpc/BadRequest_FieldViolation.php"
        ),
    ),
    (
        "gen/Google/Rpc/DebugInfo.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/DebugInfo.php"),
    ),
    (
        "gen/Google/Rpc/ErrorInfo.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/ErrorInfo.php"),
    ),
    (
        "gen/Google/Rpc/Help.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/Help.php"),
    ),
    (
        "gen/Google/Rpc/Help/Link.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/Help/Link.php"),
    ),
    (
        "gen/Google/Rpc/Help_Link.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/Help_Link.php"),
    ),
    (
        "gen/Google/Rpc/LocalizedMessage.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/LocalizedMessage.php"),
    ),
    (
        "gen/Google/Rpc/PreconditionFailure.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/PreconditionFailure.php"),
    ),
    (
        "gen/Google/Rpc/PreconditionFailure/Violation.php",
        include_bytes!(
            "../../../../../../runtime/php/gen/Google/Rpc/PreconditionFailure/Violation.php"
        ),
    ),
    (
        "gen/Google/Rpc/PreconditionFailure_Violation.php",
        include_bytes!(
            "../../../../../../runtime/php/gen/Google/Rpc/PreconditionFailure_Violation.php"
        ),
    ),
    (
        "gen/Google/Rpc/QuotaFailure.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/QuotaFailure.php"),
    ),
    (
        "gen/Google/Rpc/QuotaFailure/Violation.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/QuotaFailure/Violation.php"),
    ),
    (
        "gen/Google/Rpc/QuotaFailure_Violation.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/QuotaFailure_Violation.php"),
    ),
    (
        "gen/Google/Rpc/RequestInfo.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/RequestInfo.php"),
    ),
    (
        "gen/Google/Rpc/ResourceInfo.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/ResourceInfo.php"),
    ),
    (
        "gen/Google/Rpc/RetryInfo.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/RetryInfo.php"),
    ),
    (
        "gen/Google/Rpc/Status.php",
        include_bytes!("../../../../../../runtime/php/gen/Google/Rpc/Status.php"),
    ),
    (
        "gen/Protosmith/Errors/V1/Code.php",
        include_bytes!("../../../../../../runtime/php/gen/Protosmith/Errors/V1/Code.php"),
    ),
    (
        "gen/Protosmith/Errors/V1/ErrorEnumOptions.php",
        include_bytes!(
            "../../../../../../runtime/php/gen/Protosmith/Errors/V1/ErrorEnumOptions.php"
        ),
    ),
    (
        "gen/Protosmith/Errors/V1/ErrorOptions.php",
        include_bytes!("../../../../../../runtime/php/gen/Protosmith/Errors/V1/ErrorOptions.php"),
    ),
    (
        "src/Code.php",
        include_bytes!("../../../../../../runtime/php/src/Code.php"),
    ),
    (
        "src/ErrorDefinition.php",
        include_bytes!("../../../../../../runtime/php/src/ErrorDefinition.php"),
    ),
    (
        "src/GrpcError.php",
        include_bytes!("../../../../../../runtime/php/src/GrpcError.php"),
    ),
    (
        "src/GrpcErrors.php",
        include_bytes!("../../../../../../runtime/php/src/GrpcErrors.php"),
    ),
    (
        "src/Locale.php",
        include_bytes!("../../../../../../runtime/php/src/Locale.php"),
    ),
    (
        "src/LocalizedMessage.php",
        include_bytes!("../../../../../../runtime/php/src/LocalizedMessage.php"),
    ),
    (
        "src/Registry.php",
        include_bytes!("../../../../../../runtime/php/src/Registry.php"),
    ),
    (
        "src/Template.php",
        include_bytes!("../../../../../../runtime/php/src/Template.php"),
    ),
    (
        "src/UnaryClient.php",
        include_bytes!("../../../../../../runtime/php/src/UnaryClient.php"),
    ),
    (
        "src/Wire.php",
        include_bytes!("../../../../../../runtime/php/src/Wire.php"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let relative = path.strip_prefix(base).unwrap();
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    /// The runtime's manifest names the package protosmith publishes and
    /// generated composer.json files require; it carries no version, which
    /// publish adds (composer takes versions from tags or the registry).
    #[test]
    fn the_manifest_is_the_published_package() {
        let (_, bytes) = FILES
            .iter()
            .find(|(name, _)| *name == "composer.json")
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(json["name"], super::super::RUNTIME_PACKAGE);
        assert!(json.get("version").is_none());
    }

    #[test]
    fn every_runtime_file_is_embedded() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../runtime/php"));
        let mut on_disk = vec!["README.md".to_owned(), "composer.json".to_owned()];
        walk(&root.join("src"), root, &mut on_disk);
        walk(&root.join("gen"), root, &mut on_disk);
        let mut embedded: Vec<String> = FILES.iter().map(|(name, _)| (*name).to_owned()).collect();
        on_disk.sort();
        embedded.sort();
        assert_eq!(on_disk, embedded, "update publish/lang/php/runtime.rs");
        for (name, bytes) in FILES {
            assert_eq!(std::fs::read(root.join(name)).unwrap(), *bytes, "{name}");
        }
    }
}
