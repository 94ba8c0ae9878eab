//! What the Go template sees: every name decided, every comment and string
//! escaped by `protosmith_core::lang::go`, every alignment computed. The
//! template only lays it out.

use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::go::{comment_line, doc_comment, grpc_code_constant, string_literal};
use serde::Serialize;

use super::names;

#[derive(Debug, Serialize)]
pub struct FileView {
    /// The proto file's name, escaped for a `//` line.
    pub source: String,
    pub package: String,
    /// Sorted by import path, as gofmt sorts them.
    pub imports: Vec<Import>,
    pub enums: Vec<EnumView>,
}

#[derive(Debug, Serialize)]
pub struct Import {
    pub alias: &'static str,
    /// The import path as a Go string literal.
    pub path: String,
}

#[derive(Debug, Serialize)]
pub struct EnumView {
    /// Lines of the `var` block's doc comment, `""` for a blank `//`.
    pub comment: Vec<String>,
    pub values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
pub struct ValueView {
    pub err: String,
    pub new: String,
    pub is: String,
    pub definition_comment: Vec<String>,
    pub new_comment: Vec<String>,
    pub is_comment: Vec<String>,
    /// The fields of `grpcerrors.Definition`, in order.
    pub fields: Vec<Field>,
    /// `"available, sku string"`, or empty.
    pub signature: String,
    /// `"order_id": orderID` entries of the argument map; empty: `nil`.
    pub arguments: Vec<String>,
}

/// One field of the definition literal: a one-line `Key: value` with the
/// padding gofmt aligns it with, or the translations.
#[derive(Debug, Serialize)]
pub struct Field {
    pub key: &'static str,
    /// Spaces after `Key:`, so values of one run line up.
    pub padding: String,
    pub value: String,
    pub translations: Vec<Translation>,
}

#[derive(Debug, Serialize)]
pub struct Translation {
    pub locale: String,
    pub message: String,
}

pub fn enum_view(enumeration: &ErrorEnum) -> EnumView {
    let first = format!(
        "Errors of enum {}, each an errors.Is target.",
        comment_line(&enumeration.full_name)
    );
    EnumView {
        comment: doc_comment(&first, &enumeration.doc, None),
        values: enumeration
            .values
            .iter()
            .map(|value| value_view(enumeration, value))
            .collect(),
    }
}

fn value_view(enumeration: &ErrorEnum, value: &ErrorValue) -> ValueView {
    let [err, new, is] = names::exported(enumeration, value);
    let full_name = comment_line(&value.full_name);
    let message = string_literal(&value.message.text);
    let deprecation = (value.deprecated || enumeration.deprecated)
        .then(|| format!("Deprecated: {full_name} is deprecated."));
    let deprecation = deprecation.as_deref();

    let definition_first = format!(
        "{err} is {full_name}: code {} (HTTP {}), message {message}.",
        value.code,
        value.http_status()
    );
    let placeholders = &value.message.placeholders;
    let new_first = if placeholders.is_empty() {
        format!("{new} returns a new [{err}] error.")
    } else {
        format!(
            "{new} returns a new [{err}] error with message {message}, its placeholders filled with the arguments, each also sent as metadata under the placeholder's name."
        )
    };
    let is_first =
        format!("{is} reports whether err is, wraps or carries as a gRPC status an [{err}] error.");

    let parameters = names::parameters(placeholders);
    let signature = if parameters.is_empty() {
        String::new()
    } else {
        format!("{} string", parameters.join(", "))
    };
    let arguments = placeholders
        .iter()
        .zip(&parameters)
        .map(|(placeholder, parameter)| format!("{}: {parameter}", string_literal(placeholder)))
        .collect();

    ValueView {
        definition_comment: doc_comment(&definition_first, &value.doc, deprecation),
        new_comment: doc_comment(&new_first, &value.doc, deprecation),
        is_comment: doc_comment(&is_first, "", deprecation),
        fields: fields(value),
        signature,
        arguments,
        err,
        new,
        is,
    }
}

/// The definition's fields, aligned as gofmt aligns a run of one-line
/// key-value pairs (the multi-line `I18n` ends a run).
fn fields(value: &ErrorValue) -> Vec<Field> {
    let one_line = |key: &'static str, value: String| Field {
        key,
        padding: String::new(),
        value,
        translations: Vec::new(),
    };
    let mut fields = vec![
        one_line("Code", format!("codes.{}", grpc_code_constant(value.code))),
        one_line("Reason", string_literal(&value.reason)),
    ];
    if !value.domain.is_empty() {
        fields.push(one_line("Domain", string_literal(&value.domain)));
    }
    fields.push(one_line("Message", string_literal(&value.message.text)));
    if !value.message.placeholders.is_empty() {
        let list: Vec<String> = value
            .message
            .placeholders
            .iter()
            .map(|p| string_literal(p))
            .collect();
        fields.push(one_line(
            "Placeholders",
            format!("[]string{{{}}}", list.join(", ")),
        ));
    }
    if !value.i18n.is_empty() {
        fields.push(Field {
            key: "I18n",
            padding: " ".to_owned(),
            value: String::new(),
            translations: value
                .i18n
                .iter()
                .map(|(locale, template)| Translation {
                    locale: string_literal(locale),
                    message: string_literal(&template.text),
                })
                .collect(),
        });
    }
    fields.push(one_line(
        "ProtoName",
        string_literal(value.full_name.trim_start_matches('.')),
    ));
    fields.push(one_line("Number", value.number.to_string()));

    for run in fields.split_mut(|field| !field.translations.is_empty()) {
        let width = run.iter().map(|field| field.key.len()).max().unwrap_or(0);
        for field in run {
            field.padding = " ".repeat(width - field.key.len() + 1);
        }
    }
    fields
}
