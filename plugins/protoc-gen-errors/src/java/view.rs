//! The class of one error enum as the template wants it: every name decided,
//! every string escaped, and the constructs that can outgrow a line already
//! laid out the way google-java-format lays them out.

use protosmith_core::Diagnostics;
use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::java::{
    COLUMN_LIMIT, call, declaration, javadoc, javadoc_paragraphs, javadoc_text, string_literal,
};
use serde::Serialize;

use super::names::{self, ValueNames};

/// One generated class; multi-line fields hold whole lines, without the last newline.
#[derive(Serialize)]
pub struct Class {
    pub source: String,
    /// Empty for a file without package: no `package` statement then.
    pub package: String,
    pub class_name: String,
    pub doc: String,
    pub constants: Vec<Constant>,
    /// The `ALL` field's declaration.
    pub all: String,
    pub values: Vec<Methods>,
}

#[derive(Serialize)]
pub struct Constant {
    pub doc: String,
    pub declaration: String,
}

/// A value's factory and is-method: Javadoc, signature line(s) and body line(s).
#[derive(Serialize)]
pub struct Methods {
    pub factory_doc: String,
    pub factory_signature: String,
    pub factory_body: String,
    pub is_doc: String,
    pub is_signature: String,
    pub is_body: String,
}

pub fn class(
    source: &str,
    package: &str,
    class_name: String,
    enumeration: &ErrorEnum,
) -> Result<Class, Diagnostics> {
    let names = names::value_names(enumeration)?;
    let mut paragraphs = javadoc_paragraphs(&enumeration.doc);
    paragraphs.push(paragraph(
        !paragraphs.is_empty(),
        &format!(
            "The errors of the proto enum {{@code {}}}: a definition, a factory and an {{@code is}} check per value. \
             Generated classes register their definitions with {{@link ErrorRegistry}} when they are initialised, \
             and {{@code META-INF/services}} lists {{@link Catalog}} for the registry to load them first.",
            enumeration.full_name
        ),
    ));
    let constants = enumeration
        .values
        .iter()
        .zip(&names)
        .map(|(value, names)| constant(value, names))
        .collect();
    let values = enumeration
        .values
        .iter()
        .zip(&names)
        .map(|(value, names)| methods(value, names))
        .collect();
    let constant_names: Vec<String> = names.iter().map(|n| n.constant.clone()).collect();
    Ok(Class {
        source: source.to_owned(),
        package: package.to_owned(),
        class_name,
        doc: javadoc(0, &paragraphs, &[]),
        constants,
        all: all_field(&constant_names),
        values,
    })
}

/// A generated paragraph: with `<p>` when a paragraph comes before it.
fn paragraph(after_another: bool, text: &str) -> String {
    if after_another {
        format!("<p>{text}")
    } else {
        text.to_owned()
    }
}

/// The value's comment paragraphs and the paragraph on its code and reason,
/// extended by `more`.
fn value_paragraphs(value: &ErrorValue, more: &str) -> Vec<String> {
    let mut paragraphs = javadoc_paragraphs(&value.doc);
    paragraphs.push(paragraph(
        !paragraphs.is_empty(),
        &format!(
            "Code {{@code {}}} (HTTP {}), reason {{@code {}}}.{more}",
            value.code,
            value.http_status(),
            value.reason
        ),
    ));
    paragraphs
}

fn constant(value: &ErrorValue, names: &ValueNames) -> Constant {
    let head = format!("  public static final ErrorDefinition {} =", names.constant);
    let (mut lines, start) = if head.len() <= COLUMN_LIMIT {
        (vec![head], 6)
    } else {
        (
            vec![
                "  public static final ErrorDefinition".to_owned(),
                format!("      {} =", names.constant),
            ],
            10,
        )
    };
    lines.extend(call(
        start,
        "ErrorDefinition.builder",
        &[
            string_literal(&value.reason),
            format!("Status.Code.{}", value.code),
        ],
        "",
        8,
    ));
    let mut chain: Vec<(&str, Vec<String>)> = Vec::new();
    if !value.domain.is_empty() {
        chain.push(("domain", vec![string_literal(&value.domain)]));
    }
    chain.push(("message", vec![string_literal(&value.message.text)]));
    if !value.message.placeholders.is_empty() {
        let placeholders = value.message.placeholders.iter().map(|p| string_literal(p));
        chain.push(("placeholders", placeholders.collect()));
    }
    let mut translations: Vec<_> = value.i18n.iter().collect();
    translations.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, template) in translations {
        chain.push((
            "translation",
            vec![string_literal(key), string_literal(&template.text)],
        ));
    }
    chain.push(("protoName", vec![string_literal(&value.full_name)]));
    chain.push(("number", vec![value.number.to_string()]));
    for (method, arguments) in chain {
        lines.extend(call(start + 4, &format!(".{method}"), &arguments, "", 4));
    }
    lines.extend(call(start + 4, ".build", &[], ";", 4));
    Constant {
        doc: javadoc(2, &value_paragraphs(value, ""), &[]),
        declaration: lines.join("\n"),
    }
}

fn all_field(constants: &[String]) -> String {
    let one_line = format!(
        "  public static final List<ErrorDefinition> ALL = List.of({});",
        constants.join(", ")
    );
    if one_line.len() <= COLUMN_LIMIT {
        return one_line;
    }
    let mut lines = vec!["  public static final List<ErrorDefinition> ALL =".to_owned()];
    lines.extend(call(6, "List.of", constants, ";", 4));
    lines.join("\n")
}

fn methods(value: &ErrorValue, names: &ValueNames) -> Methods {
    let message = if value.message.placeholders.is_empty() {
        String::new()
    } else {
        format!(
            " Message <code>{}</code>; each argument is also sent as metadata under its placeholder's name.",
            javadoc_text(&value.message.text)
        )
    };
    let mut tags: Vec<String> = value
        .message
        .placeholders
        .iter()
        .zip(&names.parameters)
        .map(|(placeholder, parameter)| {
            format!("@param {parameter} the value of <code>{{{placeholder}}}</code>")
        })
        .collect();
    tags.push("@return a new error".to_owned());
    let parameters: Vec<String> = names
        .parameters
        .iter()
        .map(|p| format!("String {p}"))
        .collect();
    let is_paragraph = format!(
        "Whether {{@code error}}, or the gRPC error in its causes, is {{@link #{}}}: same reason and domain.",
        names.constant
    );
    Methods {
        factory_doc: javadoc(2, &value_paragraphs(value, &message), &tags),
        factory_signature: declaration(
            2,
            &format!("public static GrpcError {}", names.factory),
            &parameters,
            " {",
        )
        .join("\n"),
        factory_body: call(
            4,
            &format!("return {}.newError", names.constant),
            &names.parameters,
            ";",
            4,
        )
        .join("\n"),
        is_doc: javadoc(
            2,
            &[is_paragraph],
            &[
                "@param error what a call threw, or what a handler caught".to_owned(),
                "@return whether it is this error".to_owned(),
            ],
        ),
        is_signature: declaration(
            2,
            &format!("public static boolean {}", names.is_method),
            &["Throwable error".to_owned()],
            " {",
        )
        .join("\n"),
        is_body: call(
            4,
            &format!("return {}.matches", names.constant),
            &["error".to_owned()],
            ";",
            4,
        )
        .join("\n"),
    }
}
