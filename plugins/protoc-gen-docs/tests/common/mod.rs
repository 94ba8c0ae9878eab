//! Helpers shared by the docs plugin's tests.
#![allow(dead_code)] // each test file uses its own subset

pub mod links;
pub mod schema;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every .proto under `root`, relative to it and sorted, as `protosmith generate` finds them.
pub fn proto_files(root: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // (is_dir follows symbolic links, as the googleapis test needs)
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "proto") {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// The example module of proto/, compiled as `protosmith generate` compiles it.
pub fn example(parameter: &str) -> PluginRequest {
    let proto = repo_root().join("proto");
    PluginRequest::compile(&proto_files(&proto), &[&proto], parameter)
        .expect("the example module compiles")
}

/// The fixture with nasty comments, HTTP bindings, proto2 extensions and `@exclude`.
pub const NASTY_FILES: [&str; 2] = ["nasty/v1/shop.proto", "nasty/v1/legacy.proto"];

pub fn nasty(parameter: &str) -> PluginRequest {
    PluginRequest::compile(&NASTY_FILES, &[fixtures()], parameter)
        .expect("the nasty fixture compiles")
}

/// Runs the plugin and returns its files by name.
pub fn generate(input: &PluginRequest) -> BTreeMap<String, String> {
    let files = input
        .run(protoc_gen_docs::run)
        .unwrap_or_else(|d| panic!("protoc-gen-docs failed:\n{d}"));
    files
        .into_iter()
        .map(|GeneratedFile { name, content }| (name, content))
        .collect()
}

/// The only file of a single-page run.
pub fn single(input: &PluginRequest) -> String {
    let mut files = generate(input);
    assert_eq!(files.len(), 1, "expected one page, got {:?}", files.keys());
    files.pop_first().unwrap().1
}
