//! protosmith is every plugin too: `protosmith link-plugins` puts links named
//! `protoc-gen-errors`, `protoc-gen-test` and `protoc-gen-docs` beside the
//! binary, and a run under one of those names is that plugin.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use protosmith_core::protocol::plugin;

/// The plugin names protosmith answers to.
const PLUGINS: [&str; 3] = ["protoc-gen-errors", "protoc-gen-test", "protoc-gen-docs"];

/// Put protoc-gen-errors, protoc-gen-test and protoc-gen-docs (links to this binary) on PATH.
///
/// protoc and buf find a plugin by its name on PATH; these links are this
/// binary, which runs as the plugin it is named after.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to put the links (default: the directory of this binary, e.g. ~/.cargo/bin)
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// Runs the plugin this process is named after, if it is one.
pub fn run_as_plugin() -> Option<ExitCode> {
    let argv0 = std::env::args_os().next()?;
    let name = Path::new(&argv0).file_stem()?.to_str()?.to_owned();
    let version = env!("CARGO_PKG_VERSION");
    match name.as_str() {
        "protoc-gen-errors" => Some(plugin::run::<protoc_gen_errors::ErrorsOptions>(
            version,
            protoc_gen_errors::HELP,
            protoc_gen_errors::run,
        )),
        "protoc-gen-test" => Some(plugin::run::<protoc_gen_test::TestOptions>(
            version,
            protoc_gen_test::HELP,
            protoc_gen_test::run,
        )),
        "protoc-gen-docs" => Some(plugin::run::<protoc_gen_docs::Options>(
            version,
            protoc_gen_docs::HELP,
            protoc_gen_docs::run,
        )),
        _ => None,
    }
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot tell where this binary is: {e}"))?;
    let dir = match args.dir {
        Some(dir) => dir,
        None => exe
            .parent()
            .map(Path::to_path_buf)
            .ok_or("this binary has no directory")?,
    };
    for name in PLUGINS {
        let link = dir.join(name);
        if let Ok(existing) = std::fs::symlink_metadata(&link) {
            let ours = existing.file_type().is_symlink()
                && std::fs::read_link(&link).is_ok_and(|target| target == exe);
            if ours {
                continue;
            }
            return Err(format!(
                "{} exists and is not a link to {}: remove it first if it is an old protosmith plugin",
                link.display(),
                exe.display()
            ));
        }
        make_link(&exe, &link)?;
        eprintln!("protosmith: {} -> {}", link.display(), exe.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(unix)]
fn make_link(target: &Path, link: &Path) -> Result<(), String> {
    std::os::unix::fs::symlink(target, link)
        .map_err(|e| format!("cannot link {}: {e}", link.display()))
}

#[cfg(not(unix))]
fn make_link(target: &Path, link: &Path) -> Result<(), String> {
    std::fs::copy(target, link)
        .map(|_| ())
        .map_err(|e| format!("cannot copy to {}: {e}", link.display()))
}
