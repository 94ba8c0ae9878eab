//! The shared core of protosmith's protoc plugins.
//!
//! One model, many generators: [`Input`] is what a run is given (a protoc or
//! buf `CodeGeneratorRequest`, or .proto files compiled with protox),
//! [`model::build`] turns it into a typed [`Model`], [`errors::resolve`] reads
//! the error annotations into an [`errors::Catalog`], and each generator is a
//! function from those to [`GeneratedFile`]s. [`plugin::run`] is the whole
//! protoc plugin protocol around such a function.

pub mod annotation;
pub mod diagnostic;
pub mod errors;
pub mod input;
pub mod model;
pub mod parameters;
pub mod plugin;
pub mod rust;

pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use input::Input;
pub use model::Model;

/// One output file, with its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub name: String,
    pub content: String,
}
