//! `flavour=kratos`: the API kratos' protoc-gen-go-errors (v2.9) generates,
//! `Is<X>(err) bool` and `Error<X>(format, args...) *errors.Error` on
//! `github.com/go-kratos/kratos/v2/errors`, so code written against kratos'
//! output compiles against ours. The HTTP code is the one of the value's
//! gRPC code (google/rpc/code.proto's mapping); names, comments and
//! literals follow the native flavour's rules (runtime/go/GENERATED.md).

use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::go::{
    comment_line, doc_comment, go_camel_case, kratos_camel_case, string_literal,
};
use serde::Serialize;

use super::view::Import;

/// kratos' errors package, the default `runtime_path` of this flavour.
pub const RUNTIME_PATH: &str = "github.com/go-kratos/kratos/v2/errors";

#[derive(Debug, Serialize)]
pub struct FileView {
    pub source: String,
    pub package: String,
    pub imports: Vec<Import>,
    pub values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
pub struct ValueView {
    pub is: String,
    pub error: String,
    pub is_comment: Vec<String>,
    pub error_comment: Vec<String>,
    /// The reason as a Go string literal.
    pub reason: String,
    pub http: u16,
}

/// `<X>` of `Is<X>` and `Error<X>`: kratos' camel case of the value name,
/// after the enclosing messages (kratos itself skips nested enums).
pub fn value_name(enumeration: &ErrorEnum, value: &ErrorValue) -> String {
    let mut name: String = enumeration
        .parents
        .iter()
        .map(|p| go_camel_case(p))
        .collect();
    name.push_str(&kratos_camel_case(&value.name));
    name
}

pub fn exported(enumeration: &ErrorEnum, value: &ErrorValue) -> Vec<String> {
    let x = value_name(enumeration, value);
    vec![format!("Is{x}"), format!("Error{x}")]
}

pub fn value_view(enumeration: &ErrorEnum, value: &ErrorValue) -> ValueView {
    let x = value_name(enumeration, value);
    let (is, error) = (format!("Is{x}"), format!("Error{x}"));
    let full_name = comment_line(&value.full_name);
    let reason = string_literal(&value.reason);
    let http = value.http_status();
    let deprecation = (value.deprecated || enumeration.deprecated)
        .then(|| format!("Deprecated: {full_name} is deprecated."));
    let is_first = format!(
        "{is} reports whether err is the error {full_name}: reason {reason} and HTTP code {http}, as kratos compares them."
    );
    let error_first = format!(
        "{error} returns a new {full_name} error (reason {reason}, HTTP code {http}, gRPC code {}) with message fmt.Sprintf(format, args...).",
        value.code
    );
    ValueView {
        is_comment: doc_comment(&is_first, &value.doc, deprecation.as_deref()),
        error_comment: doc_comment(&error_first, &value.doc, deprecation.as_deref()),
        is,
        error,
        reason,
        http,
    }
}

/// `fmt` and the runtime, sorted by path.
pub fn imports(runtime_path: &str) -> Vec<Import> {
    let mut imports = [("fmt", "fmt"), ("errors", runtime_path)];
    imports.sort_by_key(|(_, path)| *path);
    imports
        .into_iter()
        .map(|(alias, path)| Import {
            alias,
            path: string_literal(path),
        })
        .collect()
}
