//! Java: identifiers and their reserved words, Javadoc and string-literal
//! escaping (to ASCII), google-java-format's layout of the few constructs
//! generated code grows, and the classes protoc and grpc-java write for a
//! file, so generated names can keep clear of them.
//!
//! The rules are those of `runtime/java/GENERATED.md`; each function says
//! which.

mod escape;
mod layout;
mod names;
mod protoc;

pub use escape::{javadoc_paragraphs, javadoc_text, string_literal};
pub use layout::{COLUMN_LIMIT, call, declaration, javadoc};
pub use names::{is_reserved, lower_camel, method_name, parameter_names, upper_snake};
pub use protoc::{java_package, outer_class_name, protoc_class_names};
