//! The view the template lays out: every name decided, every string escaped
//! and every line-breaking choice made, the way prettier would make it
//! (runtime/ts/GENERATED.md, "Layout"). Whether a line fits is measured
//! here, on the very text the template writes; the template only picks the
//! layout the view names.

use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::ts::{
    code_span, display_width, doc_line, doc_lines, line_comment, property_key, string_content,
    string_literal,
};
use serde::Serialize;

use super::names::{self, RUNTIME_IMPORTS};

/// Prettier's `printWidth`.
const WIDTH: usize = 80;
/// Prettier never breaks after a property key narrower than this
/// (`tabWidth` + 3).
const SHORT_KEY: usize = 5;

fn fits(line: &str) -> bool {
    display_width(line) <= WIDTH
}

#[derive(Serialize)]
pub struct FileView {
    /// The proto file, for the `// source:` line.
    pub source: String,
    pub import: ImportView,
    pub enums: Vec<EnumView>,
}

#[derive(Serialize)]
pub struct ImportView {
    pub names: Vec<&'static str>,
    /// The module specifier, as a string literal.
    pub from: String,
    pub one_line: bool,
}

#[derive(Serialize)]
pub struct EnumView {
    pub definitions: Vec<DefinitionView>,
    pub list: ListView,
    pub functions: Vec<FunctionsView>,
}

/// `export const NAME: ErrorDef = defineError({...});`
#[derive(Serialize)]
pub struct DefinitionView {
    pub doc: Vec<String>,
    pub name: String,
    /// `defineError({` on the next line, everything indented 2 further.
    pub break_after_eq: bool,
    /// `"  "` when `break_after_eq`, else empty: the extra indentation.
    pub pad: &'static str,
    pub fields: Vec<FieldView>,
}

/// One property of the definition object.
#[derive(Serialize)]
pub struct FieldView {
    pub key: String,
    /// `plain` (value as is), `string` (may move to the next line), `list`
    /// (`items`), `map` (`entries`).
    pub kind: &'static str,
    pub value: String,
    /// string: the value on the next line; list: one item per line.
    pub broken: bool,
    pub items: Vec<String>,
    pub entries: Vec<FieldView>,
}

/// `export const xDefinitions: readonly ErrorDef[] = Object.freeze([...]);`
#[derive(Serialize)]
pub struct ListView {
    pub doc: Vec<String>,
    pub name: String,
    pub items: Vec<String>,
    pub break_after_eq: bool,
    /// `Object.freeze([A, B])` on one line (else one item per line).
    pub items_one_line: bool,
}

/// A value's factory and type guard.
#[derive(Serialize)]
pub struct FunctionsView {
    pub constant: String,
    pub factory_doc: Vec<String>,
    pub factory: String,
    pub parameters: Vec<String>,
    pub parameters_one_line: bool,
    /// The `toError` argument's properties (`user_id: userId`, `sku`).
    pub properties: Vec<String>,
    /// `one_line`, `hug` (`toError({` then a property per line),
    /// `broken` (`toError(`, `{ a, b },`, `);`) or `broken_expanded`.
    pub body: &'static str,
    pub guard_doc: Vec<String>,
    pub guard: String,
    pub guard_signature_one_line: bool,
    pub guard_body_one_line: bool,
}

pub fn file(source: &str, runtime: &str, enums: &[&ErrorEnum]) -> FileView {
    let placeholders = enums
        .iter()
        .flat_map(|e| &e.values)
        .any(|v| !v.message.placeholders.is_empty());
    let names: Vec<&'static str> = RUNTIME_IMPORTS
        .iter()
        .filter(|&&name| name != "TemplateValue" || placeholders)
        .map(|&name| match name {
            "ErrorDef" => "type ErrorDef",
            "GrpcError" => "type GrpcError",
            "TemplateValue" => "type TemplateValue",
            other => other,
        })
        .collect();
    let from = string_literal(runtime);
    let one_line = fits(&format!("import {{ {} }} from {from};", names.join(", ")));
    FileView {
        source: line_comment(source),
        import: ImportView {
            names,
            from,
            one_line,
        },
        enums: enums.iter().map(|e| enumeration(e)).collect(),
    }
}

fn enumeration(enumeration: &ErrorEnum) -> EnumView {
    EnumView {
        definitions: enumeration
            .values
            .iter()
            .map(|v| definition(enumeration, v))
            .collect(),
        list: list(enumeration),
        functions: enumeration
            .values
            .iter()
            .map(|v| functions(enumeration, v))
            .collect(),
    }
}

/// `prose` as doc lines, then an empty line and `sentences` (or the
/// sentences alone when there is no prose).
fn doc(prose: &str, sentences: &[String]) -> Vec<String> {
    let mut lines = doc_lines(prose);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(sentences.iter().map(|s| doc_line(s)));
    lines
}

fn code_sentence(value: &ErrorValue) -> String {
    format!(
        "Code {} (HTTP {}), reason {}.",
        code_span(&value.code.to_string()),
        value.http_status(),
        code_span(&string_content(&value.reason))
    )
}

fn definition(enumeration: &ErrorEnum, value: &ErrorValue) -> DefinitionView {
    let name = names::value_names(enumeration, value).constant;
    let break_after_eq = !fits(&format!("export const {name}: ErrorDef = defineError({{"));
    let pad = if break_after_eq { "  " } else { "" };
    // Properties sit at 2 columns, 4 when the call moved to the next line.
    let indent = pad.len() + 2;
    let string = |key: &str, text: &str| string_field(key.to_owned(), string_literal(text), indent);
    let placeholders: Vec<String> = value
        .message
        .placeholders
        .iter()
        .map(|p| string_literal(p))
        .collect();
    let placeholders_line = format!("{:indent$}placeholders: [{}],", "", placeholders.join(", "));
    let mut i18n: Vec<&(String, _)> = value.i18n.iter().collect();
    // Ascending UTF-16 code units, as JavaScript sorts strings.
    i18n.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
    let fields = vec![
        plain("code", format!("Code.{}", value.code)),
        string("reason", &value.reason),
        string("domain", &value.domain),
        string("message", &value.message.text),
        FieldView {
            kind: "list",
            broken: !fits(&placeholders_line),
            items: placeholders,
            ..plain("placeholders", String::new())
        },
        FieldView {
            kind: "map",
            entries: i18n
                .iter()
                .map(|(language, template)| {
                    string_field(
                        property_key(language),
                        string_literal(&template.text),
                        indent + 2,
                    )
                })
                .collect(),
            ..plain("i18n", String::new())
        },
        string("protoName", &value.full_name),
        plain("number", value.number.to_string()),
    ];
    DefinitionView {
        doc: doc(&value.doc, &[code_sentence(value)]),
        name,
        break_after_eq,
        pad,
        fields,
    }
}

fn plain(key: &str, value: String) -> FieldView {
    FieldView {
        key: key.to_owned(),
        kind: "plain",
        value,
        broken: false,
        items: Vec::new(),
        entries: Vec::new(),
    }
}

/// A property whose value is a string literal, at `indent` columns: the
/// literal moves to the next line when the line would pass 80 columns and
/// the key is wide enough for prettier to break after it.
fn string_field(key: String, literal: String, indent: usize) -> FieldView {
    let line = format!("{:indent$}{key}: {literal},", "");
    let broken = !fits(&line) && display_width(&key) >= SHORT_KEY;
    FieldView {
        kind: "string",
        broken,
        ..plain(&key, literal)
    }
}

fn list(enumeration: &ErrorEnum) -> ListView {
    let name = names::list_name(enumeration);
    let items: Vec<String> = enumeration
        .values
        .iter()
        .map(|v| names::value_names(enumeration, v).constant)
        .collect();
    let head = format!("export const {name}: readonly ErrorDef[] =");
    let call = format!("Object.freeze([{}]);", items.join(", "));
    let (break_after_eq, items_one_line) = if fits(&format!("{head} {call}")) {
        (false, true)
    } else if fits(&format!("{head} Object.freeze([")) {
        (false, false)
    } else {
        (true, fits(&format!("  {call}")))
    };
    ListView {
        doc: doc(
            &enumeration.doc,
            &[format!(
                "The errors of {}, in declaration order.",
                code_span(&enumeration.full_name)
            )],
        ),
        name,
        items,
        break_after_eq,
        items_one_line,
    }
}

fn functions(enumeration: &ErrorEnum, value: &ErrorValue) -> FunctionsView {
    let names = names::value_names(enumeration, value);
    let constant = names.constant;
    let placeholders = &value.message.placeholders;
    let parameters: Vec<String> = names::parameters(placeholders)
        .into_iter()
        .map(|p| format!("{p}: TemplateValue"))
        .collect();
    // `()` cannot break.
    let parameters_one_line = parameters.is_empty()
        || fits(&format!(
            "export function {}({}): GrpcError {{",
            names.factory,
            parameters.join(", ")
        ));
    let properties: Vec<String> = placeholders
        .iter()
        .zip(names::parameters(placeholders))
        .map(|(placeholder, parameter)| {
            let key = property_key(placeholder);
            if key == parameter {
                parameter
            } else {
                format!("{key}: {parameter}")
            }
        })
        .collect();
    let object = format!("{{ {} }}", properties.join(", "));
    let body = if fits(&format!("  return {constant}.toError({object});")) {
        "one_line"
    } else if fits(&format!("  return {constant}.toError({{")) {
        "hug"
    } else if fits(&format!("    {object},")) {
        "broken"
    } else {
        "broken_expanded"
    };
    let mut sentences = vec![code_sentence(value)];
    if !placeholders.is_empty() {
        sentences.push(format!(
            "Message {}; each argument is also sent as metadata",
            code_span(&string_content(&value.message.text))
        ));
        sentences.push("under its placeholder's name.".to_owned());
    }
    FunctionsView {
        factory_doc: doc(&value.doc, &sentences),
        factory: names.factory,
        parameters,
        parameters_one_line,
        properties,
        body,
        guard_doc: doc(
            "",
            &[
                "Whether `error` is a GrpcError with the reason and domain of".to_owned(),
                format!("{}.", code_span(&value.full_name)),
            ],
        ),
        guard_signature_one_line: fits(&format!(
            "export function {}(error: unknown): error is GrpcError {{",
            names.guard
        )),
        guard_body_one_line: fits(&format!("  return {constant}.matches(error);")),
        guard: names.guard,
        constant,
    }
}
