//! What can go wrong in a build, worded for the person reading cargo's output.

use std::fmt;
use std::path::PathBuf;

use protosmith_core::Diagnostics;

/// A failed generation. `Debug` prints a heading and then the `Display`
/// text, so that `fn main() -> Result<(), Box<dyn Error>>` in build.rs, and
/// `unwrap()`, show `file.proto:LINE:COL: message` lines, not a struct dump.
#[non_exhaustive]
pub enum Error {
    /// Problems in the .proto files, one `file.proto:LINE:COL: message` per line:
    /// from protox's parser, or from the error registry generator.
    Proto(Diagnostics),
    /// protoc could not be run, or failed (its own output is kept: it uses
    /// the same `file.proto:LINE:COL: message` form).
    Protoc { command: String, output: String },
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// prost or tonic code generation failed.
    Codegen(String),
    /// The builder was used wrongly (no OUT_DIR, a proto outside the includes...).
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Proto(diagnostics) => write!(f, "{diagnostics}"),
            Error::Protoc { command, output } => write!(f, "{output}\n(from: {command})"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Codegen(message) => write!(f, "prost/tonic code generation failed: {message}"),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Rust prints `Error: ` before this; the details start on their own
        // line so that `file.proto:LINE:COL:` begins a line, as editors expect.
        writeln!(
            f,
            "protosmith-build could not generate code from the protos:"
        )?;
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Error::Proto(diagnostics)
    }
}
