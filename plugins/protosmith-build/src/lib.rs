//! protosmith-build: prost messages, tonic stubs and protosmith error
//! registries from .proto files, in one build.rs call, with no protoc needed.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     protosmith_build::configure()
//!         .compile(&["proto/acme/user/v1/user.proto", "proto/acme/user/v1/errors.proto"], &["proto"])?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: `pub mod acme { pub mod user { pub mod v1 { ... } } }`
//! include!(concat!(env!("OUT_DIR"), "/protosmith.rs"));
//! ```
//!
//! Each package's module holds prost's messages, tonic's `*_client` and
//! `*_server` modules and the error constructors of its files
//! (`user_error_not_found(..)`), so the crate depends on `prost`, `tonic`,
//! `tonic-prost` and `grpc-errors`.
//!
//! protox compiles by default; with `PROTOC` set (as for prost-build), or
//! [`Builder::protoc`], protoc does, with the same output. Problems in the
//! protos fail the build with `file.proto:LINE:COL: message` lines.
//!
//! The output directory may hold your own files ([`Builder::out_dir`]`("src")`):
//! protosmith-build replaces only files whose first line says it (or prost,
//! or protoc-gen-errors) wrote them, refuses when one of yours is in the
//! way, and deletes only what it listed in [`MANIFEST`] on an earlier run.

mod builder;
mod compile;
mod error;
pub mod module_tree;
mod output;

pub use builder::{Builder, Generated, GeneratedPackage};
pub use compile::Compiler;
pub use error::{Blocked, Error};
pub use output::MANIFEST;
pub use protosmith_core::catalog::ReasonStyle;

/// The include file [`Builder::compile`] writes into `OUT_DIR`.
pub const INCLUDE_FILE: &str = "protosmith.rs";

/// Where error registries go, under the output directory.
pub const ERRORS_DIR: &str = "errors";

/// A builder with the defaults: protox (unless `PROTOC` is set), messages,
/// clients, servers and errors.
pub fn configure() -> Builder {
    Builder::default()
}

/// `configure().compile(protos, includes)`: everything, with the defaults.
pub fn compile_protos(
    protos: &[impl AsRef<std::path::Path>],
    includes: &[impl AsRef<std::path::Path>],
) -> Result<(), Error> {
    configure().compile(protos, includes)
}
