//! The versions of the crates generated code needs: the ones the generators
//! and the runtime are built and tested with here (the workspace's
//! Cargo.lock, which a test keeps these in step with). Manifests ask for
//! them as caret requirements, `prost = "0.14.4"`: at least what was tested,
//! and free to unify with the service's own prost and tonic, which exact
//! pins (`=0.14.4`) would not allow once two API crates meet.

pub const PROST: &str = "0.14.4";
pub const PROST_TYPES: &str = "0.14.4";
pub const TONIC: &str = "0.14.5";
pub const TONIC_PROST: &str = "0.14.5";
pub const TONIC_TYPES: &str = "0.14.5";
pub const INVENTORY: &str = "0.3.25";
/// The runtime shares the workspace version with this binary.
pub const GRPC_ERRORS: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    use super::*;

    /// The version of `name` in the workspace's Cargo.lock.
    fn locked(name: &str) -> String {
        let lock =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock"))
                .unwrap();
        let lock: toml::Table = lock.parse().unwrap();
        let packages = lock["package"].as_array().unwrap();
        let mut versions: Vec<&str> = packages
            .iter()
            .filter(|p| p["name"].as_str() == Some(name))
            .map(|p| p["version"].as_str().unwrap())
            .collect();
        versions.dedup();
        assert_eq!(
            versions.len(),
            1,
            "{name} is locked at several versions: {versions:?}"
        );
        versions[0].to_owned()
    }

    #[test]
    fn versions_are_the_locked_ones() {
        for (name, version) in [
            ("prost", PROST),
            ("prost-build", PROST),
            ("prost-types", PROST_TYPES),
            ("tonic", TONIC),
            ("tonic-prost", TONIC_PROST),
            ("tonic-types", TONIC_TYPES),
            ("tonic-prost-build", TONIC_PROST),
            ("inventory", INVENTORY),
            ("grpc-errors", GRPC_ERRORS),
        ] {
            assert_eq!(
                locked(name),
                version,
                "update plugins/protosmith/src/versions.rs: {name} is locked at another version"
            );
        }
    }
}
