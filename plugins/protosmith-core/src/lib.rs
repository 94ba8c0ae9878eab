//! The shared core of protosmith's protoc plugins.
//!
//! One model, many emitters, in four layers (see ARCHITECTURE.md):
//!
//! 1. [`protocol`]: what a run is given ([`Input`], from a protoc or buf
//!    `CodeGeneratorRequest` or from .proto files compiled with protox) and
//!    the plugin binary's answer ([`protocol::plugin::run`]);
//! 2. [`model`]: files, services, messages, enums, comments and source
//!    positions, built once per run by [`model::build`];
//! 3. [`catalog`]: the error enums resolved into errors (reasons, codes,
//!    templates, translations) by [`catalog::resolve`];
//! 4. emitters, in the plugin crates: functions from model, catalog and typed
//!    [`options`] to [`GeneratedFile`]s, with the target-language helpers of
//!    [`lang`].
//!
//! The shells that write those files use [`output`], which never replaces a
//! file a user wrote.

pub mod catalog;
pub mod diagnostic;
pub mod golden;
pub mod lang;
pub mod model;
pub mod options;
pub mod output;
pub mod protocol;

pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use model::Model;
pub use options::PluginOptions;
pub use protocol::Input;

/// One output file, with its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub name: String,
    pub content: String,
}
