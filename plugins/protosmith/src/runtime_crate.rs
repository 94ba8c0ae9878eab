//! `grpc-errors`, the runtime generated errors call into, is not on
//! crates.io. An API crate therefore depends on it from the registry it is
//! published to, and `protosmith publish` first publishes this copy of the
//! runtime (embedded in the binary, so it is the one the generator matches)
//! there when that registry lacks its version. Vendoring it into each API
//! crate instead would give every crate its own `Error` type and registry,
//! and errors from two API crates would no longer compare or decode together.

use std::path::Path;

use crate::versions;

pub const NAME: &str = "grpc-errors";

/// The runtime's sources; a test checks that every file of runtime/rust/grpc-errors/src is here.
const SOURCES: &[(&str, &str)] = &[
    (
        "src/code.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/code.rs"),
    ),
    (
        "src/error.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/error.rs"),
    ),
    (
        "src/lib.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/lib.rs"),
    ),
    (
        "src/locale.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/locale.rs"),
    ),
    (
        "src/registry.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/registry.rs"),
    ),
    (
        "src/template.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/template.rs"),
    ),
    (
        "src/tonic_glue.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/tonic_glue.rs"),
    ),
    (
        "src/wire.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/wire.rs"),
    ),
    (
        "src/wire_reader.rs",
        include_str!("../../../runtime/rust/grpc-errors/src/wire_reader.rs"),
    ),
];

/// runtime/rust/grpc-errors/Cargo.toml without the workspace: the same package,
/// features and dependencies (a test compares them), with versions spelt out.
fn manifest() -> String {
    format!(
        r#"[package]
name = "{NAME}"
version = "{version}"
edition = "2024"
rust-version = "1.85"
description = "errors.Is semantics for gRPC errors: google.rpc.Status + ErrorInfo on the wire, matched by reason"
license = "Apache-2.0"
keywords = ["grpc", "errors", "tonic", "protobuf"]

[features]
default = ["tonic"]
tonic = ["dep:tonic", "dep:tonic-types", "dep:prost-types"]

[dependencies]
prost = {{ version = "{prost}", features = ["std"] }}
inventory = "{inventory}"
tonic = {{ version = "{tonic}", optional = true, default-features = false }}
tonic-types = {{ version = "{tonic_types}", optional = true }}
prost-types = {{ version = "{prost_types}", optional = true }}
"#,
        version = versions::GRPC_ERRORS,
        prost = versions::PROST,
        inventory = versions::INVENTORY,
        tonic = versions::TONIC,
        tonic_types = versions::TONIC_TYPES,
        prost_types = versions::PROST_TYPES,
    )
}

/// Writes the runtime crate into `dir`, ready for `cargo publish`.
pub fn write(dir: &Path) -> Result<(), String> {
    let files = std::iter::once(("Cargo.toml", manifest()))
        .chain(SOURCES.iter().map(|(p, s)| (*p, (*s).to_owned())));
    for (path, content) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUNTIME: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../runtime/rust/grpc-errors"
    );

    #[test]
    fn every_runtime_source_is_embedded() {
        let mut on_disk: Vec<String> = std::fs::read_dir(format!("{RUNTIME}/src"))
            .unwrap()
            .map(|entry| format!("src/{}", entry.unwrap().file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = SOURCES.iter().map(|(path, _)| *path).collect();
        assert_eq!(
            on_disk, embedded,
            "runtime/rust/grpc-errors/src changed: update SOURCES in runtime_crate.rs"
        );
    }

    #[test]
    fn manifest_matches_the_runtime_crate() {
        let real: toml::Table = std::fs::read_to_string(format!("{RUNTIME}/Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let copy: toml::Table = manifest().parse().unwrap();
        let keys = |table: &toml::Table, key: &str| -> Vec<String> {
            table
                .get(key)
                .and_then(|v| v.as_table())
                .map(|t| t.keys().cloned().collect())
                .unwrap_or_default()
        };
        assert_eq!(keys(&real, "dependencies"), keys(&copy, "dependencies"));
        assert_eq!(real["features"], copy["features"]);
        assert_eq!(real["package"]["name"], copy["package"]["name"]);
        assert_eq!(
            real["package"]["description"],
            copy["package"]["description"]
        );
        let workspace: toml::Table =
            std::fs::read_to_string(format!("{RUNTIME}/../../../Cargo.toml"))
                .unwrap()
                .parse()
                .unwrap();
        let package = &workspace["workspace"]["package"];
        for key in ["edition", "rust-version", "license"] {
            assert_eq!(package[key], copy["package"][key], "{key}");
        }
    }
}
