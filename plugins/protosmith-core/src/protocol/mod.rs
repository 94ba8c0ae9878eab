//! The plugin protocol layer: what a run is given ([`Input`]: a protoc or buf
//! `CodeGeneratorRequest`, or .proto files compiled with protox) and how a
//! plugin binary answers ([`plugin`]). The only layer that decodes bytes.

mod input;
mod nesting;
pub mod plugin;
mod scope;
mod source_check;

pub use input::{CompiledSet, Input, PluginRequest};
pub use scope::Scope;
