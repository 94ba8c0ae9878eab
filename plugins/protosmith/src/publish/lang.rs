//! `protosmith publish --lang L` for the languages other than Rust: a
//! package written by `protosmith package --lang L` to that ecosystem's
//! registry, the protosmith runtime of that language first when the
//! registry lacks its version, so consumers need nothing from this
//! repository. The same version twice is refused; a failed publish leaves
//! nothing half-written.

mod go;
mod java;
mod php;
mod python;
mod ts;

use std::path::PathBuf;

pub use crate::package::lang::Lang;

/// Publishes a package written by `protosmith package --lang L` to a registry of
/// that language, protosmith's runtime first when the registry lacks its version.
#[derive(Debug, clap::Parser)]
#[command(name = "protosmith publish", no_binary_name = true)]
pub struct Args {
    /// The package's language
    #[arg(long, value_enum)]
    pub lang: Lang,
    /// Where to publish: go: a GOPROXY directory (file layout) or a git
    /// repository URL/path; java: a Maven repository URL (file:// or
    /// http(s)://); ts: an npm registry URL; python: a PyPI upload URL;
    /// php: a composer artifact directory
    #[arg(long, value_name = "URL|DIR")]
    pub registry: String,
    /// Check and build everything, upload nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The directory protosmith package --lang L wrote
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `args` are the verb's arguments, `--lang` among them.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = match <Args as clap::Parser>::try_parse_from(args) {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => {
            // --help: clap's text, on stdout, and success.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), e.to_string().as_bytes());
            return Ok(());
        }
        Err(e) => return Err(e.to_string()),
    };
    match args.lang {
        Lang::Go => go::publish(&args),
        Lang::Java => java::publish(&args),
        Lang::Ts => ts::publish(&args),
        Lang::Python => python::publish(&args),
        Lang::Php => php::publish(&args),
    }
}
