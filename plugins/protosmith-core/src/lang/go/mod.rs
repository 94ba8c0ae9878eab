//! Helpers for generators that write Go: identifiers as protoc-gen-go forms
//! them ([`ident`]), comments and string literals that gofmt and the
//! compiler read as written ([`text`]), and where protoc-gen-go puts a
//! file's package ([`package`]).

pub mod ident;
pub mod package;
pub mod text;

pub use ident::{
    go_camel_case, go_sanitized, is_keyword, is_predeclared, kratos_camel_case, parameter_name,
    upper_camel_words,
};
pub use package::{GoPackage, PackageOptions, Paths};
pub use text::{comment_line, comment_lines, doc_comment, string_literal};

use crate::catalog::Code;

/// The `google.golang.org/grpc/codes` constant of `code`.
pub fn grpc_code_constant(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "Canceled",
        Code::Unknown => "Unknown",
        Code::InvalidArgument => "InvalidArgument",
        Code::DeadlineExceeded => "DeadlineExceeded",
        Code::NotFound => "NotFound",
        Code::AlreadyExists => "AlreadyExists",
        Code::PermissionDenied => "PermissionDenied",
        Code::ResourceExhausted => "ResourceExhausted",
        Code::FailedPrecondition => "FailedPrecondition",
        Code::Aborted => "Aborted",
        Code::OutOfRange => "OutOfRange",
        Code::Unimplemented => "Unimplemented",
        Code::Internal => "Internal",
        Code::Unavailable => "Unavailable",
        Code::DataLoss => "DataLoss",
        Code::Unauthenticated => "Unauthenticated",
    }
}
