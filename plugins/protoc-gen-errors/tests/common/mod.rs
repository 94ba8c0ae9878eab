//! Running the plugin on proto files, for the integration tests.
#![allow(dead_code)] // each test crate uses its part

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh, empty directory under the system's temp directory.
pub fn scratch_dir(what: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "protosmith-{what}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The plugin's files for `files` under `root` (protosmith's options.proto
/// importable), compiled with protox as `protosmith generate` does.
pub fn generate_files(
    root: &Path,
    files: &[&str],
    parameter: &str,
) -> Result<Vec<GeneratedFile>, String> {
    let options = repo_root().join("proto");
    let input = PluginRequest::compile(files, &[root.to_path_buf(), options], parameter)
        .map_err(|d| d.to_string())?;
    input.run(protoc_gen_errors::run).map_err(|d| d.to_string())
}

/// The plugin's diagnostics for protos given as `(name, text)`.
pub fn errors_of(files: &[(&str, &str)], parameter: &str) -> String {
    let dir = scratch_dir("protos");
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let result = generate_files(&dir, &names, parameter);
    std::fs::remove_dir_all(&dir).ok();
    match result {
        Ok(files) => panic!(
            "expected diagnostics, got files {:?}",
            files.iter().map(|f| &f.name).collect::<Vec<_>>()
        ),
        Err(text) => text,
    }
}
