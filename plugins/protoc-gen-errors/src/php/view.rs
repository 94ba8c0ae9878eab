//! What `templates/php/errors.php.tera` is given: one class, every name
//! decided ([`super::names`]) and every text escaped by the namer
//! (`protosmith_core::lang::php`), so the template only lays it out.

use protosmith_core::catalog::ErrorValue;
use protosmith_core::lang::php::{self, doc_lines, doc_text, string_literal};
use serde::Serialize;

use super::names::{ClassNames, ErrorNames};

/// What a factory accepts for a placeholder: anything `(string)` renders
/// without surprise.
const PARAMETER_TYPE: &str = "string|int|float|\\Stringable";

/// PSR-12's soft limit: a signature longer than this gets one parameter per line.
const LINE_LIMIT: usize = 120;

#[derive(Serialize)]
pub struct ClassView {
    /// The proto file, as protoc names it.
    source: String,
    /// Empty for the global namespace (no `namespace` statement).
    namespace: String,
    class: String,
    /// The enum's comment, one escaped line each; empty lines are paragraph breaks.
    doc: Vec<String>,
    full_name: String,
    definitions: Vec<DefinitionView>,
    errors: Vec<ErrorView>,
}

/// One `new ErrorDefinition(...)`: every value a PHP literal.
#[derive(Serialize)]
struct DefinitionView {
    /// The `Code` case: `NotFound`.
    code: String,
    reason: String,
    domain: String,
    message: String,
    placeholders: Vec<String>,
    i18n: Vec<TranslationView>,
    proto_name: String,
    number: String,
}

#[derive(Serialize)]
struct TranslationView {
    language: String,
    text: String,
}

/// The factory and the check of one error.
#[derive(Serialize)]
struct ErrorView {
    /// Index into `definitions()`.
    index: usize,
    doc: Vec<String>,
    /// `NOT_FOUND`.
    code: String,
    http: u16,
    reason: String,
    /// The message template, for the doc comment.
    message: String,
    factory: String,
    check: String,
    parameters: Vec<ParameterView>,
    /// Whether the factory's signature fits on one line.
    one_line: bool,
    /// `'user_id' => $userId`, for `withArgs([...])`.
    arguments: Vec<String>,
}

#[derive(Serialize)]
struct ParameterView {
    /// `string|int|float|\Stringable $userId`.
    declaration: String,
    /// The declaration padded to the longest of the factory, for `@param`.
    padded_declaration: String,
    /// `{user_id}`, escaped for the doc comment.
    placeholder: String,
}

pub fn class_view(names: &ClassNames<'_>) -> ClassView {
    let enumeration = names.enumeration;
    ClassView {
        source: doc_text(&enumeration.file),
        namespace: names.namespace.clone(),
        class: names.class.clone(),
        doc: doc_lines(&enumeration.doc),
        full_name: doc_text(&enumeration.full_name),
        definitions: enumeration.values.iter().map(definition).collect(),
        errors: enumeration
            .values
            .iter()
            .zip(&names.errors)
            .enumerate()
            .map(|(index, (value, names))| error(index, value, names))
            .collect(),
    }
}

fn definition(value: &ErrorValue) -> DefinitionView {
    DefinitionView {
        code: php::upper_first(&php::method_name(&value.code.to_string())),
        reason: string_literal(&value.reason),
        domain: string_literal(&value.domain),
        message: string_literal(&value.message.text),
        placeholders: value
            .message
            .placeholders
            .iter()
            .map(|p| string_literal(p))
            .collect(),
        i18n: value
            .i18n
            .iter()
            .map(|(language, template)| TranslationView {
                language: string_literal(language),
                text: string_literal(&template.text),
            })
            .collect(),
        proto_name: string_literal(&value.full_name),
        number: value.number.to_string(),
    }
}

fn error(index: usize, value: &ErrorValue, names: &ErrorNames) -> ErrorView {
    let declarations: Vec<String> = names
        .parameters
        .iter()
        .map(|(_, variable)| format!("{PARAMETER_TYPE} ${variable}"))
        .collect();
    let width = declarations
        .iter()
        .map(|d| d.chars().count())
        .max()
        .unwrap_or(0);
    let signature = format!(
        "    public static function {}({}): GrpcError",
        names.factory,
        declarations.join(", ")
    );
    ErrorView {
        index,
        doc: doc_lines(&value.doc),
        code: value.code.to_string(),
        http: value.http_status(),
        reason: doc_text(&value.reason),
        message: doc_text(&value.message.text),
        factory: names.factory.clone(),
        check: names.check.clone(),
        one_line: declarations.is_empty() || signature.chars().count() <= LINE_LIMIT,
        arguments: names
            .parameters
            .iter()
            .map(|(placeholder, variable)| {
                format!("{} => ${variable}", string_literal(placeholder))
            })
            .collect(),
        parameters: names
            .parameters
            .iter()
            .zip(declarations)
            .map(|((placeholder, _), declaration)| ParameterView {
                padded_declaration: format!("{declaration:width$}"),
                declaration,
                placeholder: doc_text(&format!("{{{placeholder}}}")),
            })
            .collect(),
    }
}
