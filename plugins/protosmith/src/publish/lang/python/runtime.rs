//! protosmith-grpc-errors, the Python runtime generated errors call into,
//! embedded so an installed protosmith can publish it to a company index
//! that lacks it (runtime/python is not on PyPI). One copy per index, not
//! one per API package: every package of a process shares its registry.

use std::path::Path;

pub const NAME: &str = "protosmith-grpc-errors";

/// The runtime's distribution sources: what its sdist includes (pyproject's
/// `[tool.hatch.build.targets.sdist]`); a test checks every file of
/// runtime/python/src is here.
const FILES: &[(&str, &str)] = &[
    (
        "pyproject.toml",
        include_str!("../../../../../../runtime/python/pyproject.toml"),
    ),
    (
        "README.md",
        include_str!("../../../../../../runtime/python/README.md"),
    ),
    (
        "GENERATED.md",
        include_str!("../../../../../../runtime/python/GENERATED.md"),
    ),
    (
        "src/protosmith/errors/v1/options_pb2.py",
        include_str!("../../../../../../runtime/python/src/protosmith/errors/v1/options_pb2.py"),
    ),
    (
        "src/protosmith/errors/v1/options_pb2.pyi",
        include_str!("../../../../../../runtime/python/src/protosmith/errors/v1/options_pb2.pyi"),
    ),
    (
        "src/protosmith/errors/v1/py.typed",
        include_str!("../../../../../../runtime/python/src/protosmith/errors/v1/py.typed"),
    ),
    (
        "src/protosmith_grpc_errors/__init__.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/__init__.py"),
    ),
    (
        "src/protosmith_grpc_errors/_code.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/_code.py"),
    ),
    (
        "src/protosmith_grpc_errors/_error.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/_error.py"),
    ),
    (
        "src/protosmith_grpc_errors/_grpc.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/_grpc.py"),
    ),
    (
        "src/protosmith_grpc_errors/_interceptors.py",
        include_str!(
            "../../../../../../runtime/python/src/protosmith_grpc_errors/_interceptors.py"
        ),
    ),
    (
        "src/protosmith_grpc_errors/_locale.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/_locale.py"),
    ),
    (
        "src/protosmith_grpc_errors/_registry.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/_registry.py"),
    ),
    (
        "src/protosmith_grpc_errors/_template.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/_template.py"),
    ),
    (
        "src/protosmith_grpc_errors/_wire.py",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/_wire.py"),
    ),
    (
        "src/protosmith_grpc_errors/py.typed",
        include_str!("../../../../../../runtime/python/src/protosmith_grpc_errors/py.typed"),
    ),
];

/// Writes the runtime's project (ready for `python -m build`) into `dir`.
pub fn write(dir: &Path) -> Result<(), String> {
    for (name, content) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The version in the embedded pyproject.toml.
pub fn version() -> Result<String, String> {
    let manifest: toml::Table = FILES[0]
        .1
        .parse()
        .map_err(|e| format!("the embedded runtime/python/pyproject.toml: {e}"))?;
    manifest
        .get("project")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            "the embedded runtime/python/pyproject.toml has no project.version".to_owned()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUNTIME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../runtime/python");

    #[test]
    fn every_runtime_source_is_embedded() {
        // The runtime's package and protosmith.errors.v1 (options.proto's code).
        let mut on_disk: Vec<String> = ["src/protosmith_grpc_errors", "src/protosmith/errors/v1"]
            .iter()
            .flat_map(|package| {
                std::fs::read_dir(Path::new(RUNTIME).join(package))
                    .unwrap()
                    .map(|entry| entry.unwrap())
                    .filter(|entry| entry.file_type().unwrap().is_file())
                    .map(|entry| entry.file_name().into_string().unwrap())
                    .filter(|name| {
                        name.ends_with(".py") || name.ends_with(".pyi") || name == "py.typed"
                    })
                    .map(move |name| format!("{package}/{name}"))
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = FILES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .filter(|name| name.starts_with("src/"))
            .collect();
        embedded.sort();
        assert_eq!(
            embedded, on_disk,
            "update plugins/protosmith/src/publish/lang/python/runtime.rs"
        );
    }

    /// Every runtime is released with the workspace version.
    #[test]
    fn runtime_version_is_the_workspace_version() {
        assert_eq!(version().unwrap(), crate::versions::GRPC_ERRORS);
        assert_eq!(
            NAME,
            FILES[0].1.parse::<toml::Table>().unwrap()["project"]["name"]
                .as_str()
                .unwrap()
        );
    }
}
