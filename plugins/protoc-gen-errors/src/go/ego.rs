//! `flavour=ego`: the exported API ego's protoc-gen-go-errors (v1.2.7)
//! generates on `github.com/gotomicro/ego/core/eerrors`, so code written
//! against ego's output compiles against ours: one `func <X>() eerrors.Error`
//! per value returning the registered error, and `ReasonI18n(e, lan)`.
//!
//! Where ego's generator and protosmith differ, protosmith's rules hold:
//! validation, `@default_code`, nested enums (named after their messages, as
//! ego generates none), and the zero value skipped unless annotated. Two
//! deliberate departures that no caller can see: the unexported variables
//! are `err<X>` (ego's lower camel case can be a keyword or a predeclared
//! name, `string`), and `ReasonI18n` is declared once per Go package, not
//! once per enum (ego's output does not compile with two error enums in one
//! package).

use std::collections::{BTreeMap, BTreeSet};

use protosmith_core::Diagnostic;
use protosmith_core::catalog::{Catalog, ErrorEnum, ErrorValue};
use protosmith_core::lang::go::{
    GoPackage, comment_line, doc_comment, go_camel_case, grpc_code_constant, string_literal,
};
use serde::Serialize;

use super::view::Import;

/// ego's errors package, the default `runtime_path` of this flavour.
pub const RUNTIME_PATH: &str = "github.com/gotomicro/ego/core/eerrors";

#[derive(Debug, Serialize)]
pub struct FileView {
    pub source: String,
    pub package: String,
    pub imports: Vec<Import>,
    /// Whether this file declares `ReasonI18n` and the translation table
    /// for its whole Go package (the first file of the package, by path).
    pub declares_reason_i18n: bool,
    pub values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
pub struct ValueView {
    /// ego's exported function name.
    pub func: String,
    /// The unexported variable holding the registered error.
    pub var: String,
    pub comment: Vec<String>,
    /// The `codes` constant.
    pub code: &'static str,
    /// Go string literals.
    pub reason: String,
    pub message: String,
    /// `"lang": "text"` pairs as Go literals, sorted by language.
    pub i18n: Vec<(String, String)>,
}

/// strcase v0.2.0's `ToCamel`, which ego v1.2.7's generator names values
/// with (its go.mod pins that version): letters keep their case except the
/// first and those after a digit or `_`, which are upper-cased; `_` is
/// dropped. `USER_NOT_FOUND` gives `USERNOTFOUND`, `invalid_name` gives
/// `InvalidName`, `ERROR_3DS_FAILED` gives `ERROR3DSFAILED`, `ID` gives `Id`.
pub fn ego_camel_case(name: &str) -> String {
    // strcase's one built-in acronym, looked up on the whole name.
    let name = if name.trim() == "ID" {
        "id"
    } else {
        name.trim()
    };
    let mut out = String::with_capacity(name.len());
    let mut cap_next = true;
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            out.push(if cap_next { c.to_ascii_uppercase() } else { c });
            cap_next = false;
        } else if c.is_ascii_digit() {
            out.push(c);
            cap_next = true;
        } else {
            cap_next = matches!(c, '_' | ' ' | '-' | '.');
        }
    }
    out
}

/// The exported function of a value: ego's name of the value, after the
/// enclosing messages' Go names for a nested enum (ego skips those).
pub fn value_name(enumeration: &ErrorEnum, value: &ErrorValue) -> String {
    let mut name: String = enumeration
        .parents
        .iter()
        .map(|p| go_camel_case(p))
        .collect();
    name.push_str(&ego_camel_case(&value.name));
    name
}

pub fn exported(enumeration: &ErrorEnum, value: &ErrorValue) -> Vec<String> {
    vec![value_name(enumeration, value)]
}

pub fn value_view(enumeration: &ErrorEnum, value: &ErrorValue) -> ValueView {
    let func = value_name(enumeration, value);
    let full_name = comment_line(&value.full_name);
    let reason = string_literal(&value.reason);
    let message = string_literal(&value.message.text);
    let deprecation = (value.deprecated || enumeration.deprecated)
        .then(|| format!("Deprecated: {full_name} is deprecated."));
    let first = format!(
        "{func} returns the error {full_name} (reason {reason}, gRPC code {}, message {}), registered with ego; \
         WithMsg and WithMd return changed copies.",
        value.code,
        comment_line(&message)
    );
    ValueView {
        comment: doc_comment(&first, &value.doc, deprecation.as_deref()),
        var: format!("err{func}"),
        func,
        code: grpc_code_constant(value.code),
        reason,
        message,
        i18n: value
            .i18n
            .iter()
            .map(|(lang, text)| (string_literal(lang), string_literal(&text.text)))
            .collect(),
    }
}

/// The runtime and `codes`, sorted by path.
pub fn imports(runtime_path: &str) -> Vec<Import> {
    let mut imports = [
        ("eerrors", runtime_path),
        ("codes", "google.golang.org/grpc/codes"),
    ];
    imports.sort_by_key(|(_, path)| *path);
    imports
        .into_iter()
        .map(|(alias, path)| Import {
            alias,
            path: string_literal(path),
        })
        .collect()
}

/// The files that declare `ReasonI18n`, one per Go package: the package's
/// first by output path, whatever order protoc gave the files in.
pub fn reason_i18n_files(
    packages: &BTreeMap<String, GoPackage>,
    outputs: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let mut by_path: Vec<(&String, &String)> = outputs.iter().map(|(f, p)| (p, f)).collect();
    by_path.sort();
    let mut declared = BTreeSet::new();
    by_path
        .into_iter()
        .filter(|(_, file)| declared.insert(packages[*file].import_path.as_str()))
        .map(|(_, file)| file.clone())
        .collect()
}

/// A domain, which ego's runtime cannot carry: `eerrors` writes and reads
/// no ErrorInfo domain, so it would be lost on the wire. (Nothing can clash
/// with `ReasonI18n`: ego's names and protoc-gen-go's upper-case a letter
/// after a digit, `ReasonI18N`.)
pub fn check(catalog: &Catalog, outputs: &BTreeMap<String, String>) -> Result<(), Diagnostic> {
    let value = catalog
        .enums
        .iter()
        .filter(|e| outputs.contains_key(&e.file))
        .flat_map(|e| &e.values)
        .find(|v| !v.domain.is_empty());
    match value {
        Some(value) => Err(Diagnostic::general(format!(
            "flavour=ego: {} has the domain \"{}\", which ego's runtime cannot send (its ErrorInfo carries no domain); \
             leave domain= and reason_style=aip out with flavour=ego",
            value.full_name, value.domain
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::ego_camel_case;

    #[test]
    fn names_are_strcase_v0_2_0s() {
        for (name, want) in [
            ("USER_NOT_FOUND", "USERNOTFOUND"),
            ("invalid_name", "InvalidName"),
            ("InvalidName", "InvalidName"),
            ("ERROR_3DS_FAILED", "ERROR3DSFAILED"),
            ("error_3ds_failed", "Error3DsFailed"),
            ("ID", "Id"),
            ("_x", "X"),
            ("a__b", "AB"),
        ] {
            assert_eq!(ego_camel_case(name), want, "{name}");
        }
    }
}
