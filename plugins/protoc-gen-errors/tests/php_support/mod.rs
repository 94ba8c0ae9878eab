//! What the PHP tests share: the example module and the hostile fixture as
//! requests, generation into a scratch directory, and PHP's tools.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use protosmith_core::catalog::{self, Catalog};
use protosmith_core::protocol::PluginRequest;
use protosmith_core::{GeneratedFile, Model, model};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/php")
}

/// The example module, as the golden files were written for it.
pub fn example() -> PluginRequest {
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
        "protosmith/errors/v1/options.proto",
    ];
    PluginRequest::compile(&files, &[repo_root().join("proto")], "lang=php")
        .unwrap_or_else(|d| panic!("the example module does not compile:\n{d}"))
}

pub const HOSTILE_FILES: [&str; 3] = [
    "hostile/list/v1/errors.proto",
    "hostile/global.proto",
    "hostile/custom.proto",
];

/// The hostile fixture: reserved words, quotes, control and bidi characters,
/// clashing variables, long signatures, global and custom namespaces.
pub fn hostile() -> PluginRequest {
    PluginRequest::compile(
        &HOSTILE_FILES,
        &[fixtures(), repo_root().join("proto")],
        "lang=php",
    )
    .unwrap_or_else(|d| panic!("the hostile fixture does not compile:\n{d}"))
}

pub fn generate(request: &PluginRequest) -> Vec<GeneratedFile> {
    request
        .run(protoc_gen_errors::run)
        .unwrap_or_else(|d| panic!("protoc-gen-errors lang=php failed:\n{d}"))
}

/// Model and catalog of a request, as the plugin builds them.
pub fn model_and_catalog(request: &PluginRequest) -> (Model, Catalog) {
    let model = model::build(&request.input);
    let catalog =
        catalog::resolve(&model, &catalog::Settings::default()).unwrap_or_else(|d| panic!("{d}"));
    (model, catalog)
}

/// A fresh directory under the system's temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "protosmith-php-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, files: &[GeneratedFile]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|file| {
            let path = dir.join(&file.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &file.content).unwrap();
            path
        })
        .collect()
}

/// Runs a tool that must be installed, failing with how to install it.
pub fn run(program: &str, package: &str, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run {program} ({e}): the PHP tests need Debian's {package}; `bash ci/lang/php.sh` installs it"
        )
    })
}

pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
