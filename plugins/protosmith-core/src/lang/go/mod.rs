//! Helpers for generators that write Go: identifiers as protoc-gen-go forms
//! them ([`ident`]), comments and string literals that gofmt and the
//! compiler read as written ([`text`]), and where protoc-gen-go puts a
//! file's package ([`package`]).

pub mod ident;
pub mod package;
pub mod text;

pub use ident::{go_camel_case, go_sanitized, is_keyword, is_predeclared, parameter_name, upper_camel_words};
pub use package::{GoPackage, PackageOptions, Paths};
pub use text::{comment_lines, doc_comment, string_literal};
