//! The view the template lays out: every name decided (by [`super::names`]),
//! every text escaped (by protosmith-core's Python namer) and every
//! width-dependent choice made, as ruff would make it at 88 columns.

use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::python::{comment_text, docstring, fits, is_identifier, string_literal};
use serde::Serialize;

use super::names;

#[derive(Debug, Serialize)]
pub struct ModuleView {
    /// The proto path for the `# source:` comment, escaped.
    pub source: String,
    pub docstring: String,
    /// The runtime module imported as `_errors`.
    pub runtime: String,
    /// String literals of `__all__`'s names, sorted by code point.
    pub exported: Vec<String>,
    pub kinds: Vec<KindView>,
}

#[derive(Debug, Serialize)]
pub struct KindView {
    pub name: String,
    /// `class Name(_errors.ErrorKind):` fits on one line.
    pub header_fits: bool,
    pub docstring: String,
    pub members: Vec<MemberView>,
    /// `_errors.register(Name)` fits on one line.
    pub register_fits: bool,
    pub errors: Vec<ErrorView>,
}

/// One member of a `Kind` class: an `ErrorDef`, its fields as literals.
#[derive(Debug, Serialize)]
pub struct MemberView {
    pub name: String,
    pub code: &'static str,
    pub reason: String,
    pub domain: String,
    pub message: String,
    pub placeholders: Vec<String>,
    pub i18n: Vec<TranslationView>,
    pub proto_name: String,
    pub number: i32,
    pub docstring: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TranslationView {
    pub language: String,
    pub text: String,
}

/// The factory and the `is_` helper of one value.
#[derive(Debug, Serialize)]
pub struct ErrorView {
    pub factory: String,
    /// Keyword-only parameters, in placeholder order.
    pub parameters: Vec<String>,
    /// Without parameters: `def name() -> _errors.GrpcError:` fits.
    pub header_fits: bool,
    pub docstring: String,
    pub returns: CallView,
    pub is_helper: String,
    pub is_header_fits: bool,
    pub is_docstring: String,
    pub is_returns: CallView,
}

/// A `return <head>args)` statement in the shape ruff gives it.
#[derive(Debug, Serialize)]
pub struct CallView {
    pub shape: Shape,
    /// `Kind.MEMBER.error(`: the call up to and including its `(`.
    pub head: String,
    /// The arguments on one line, for the flat shapes.
    pub flat_args: String,
    /// The arguments one per line, for the split shapes: each argument's
    /// lines (relative indentation kept), the last with its comma.
    pub args: Vec<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// `    return head(args)`
    Flat,
    /// `    return head(`, the arguments at 8, `    )`
    Split,
    /// `    return (`, `        head(args)`, `    )`
    Wrapped,
    /// `    return (`, `        head(`, the arguments at 12, `        )`, `    )`
    WrappedSplit,
}

const ABOUT_DEPRECATED_ENUM: &str = "Deprecated: the proto declares this enum deprecated.";
const ABOUT_DEPRECATED_ERROR: &str = "Deprecated: the proto declares this error deprecated.";
const ABOUT_IS_HELPER: &str = "Same reason and domain; ``error`` may be a ``GrpcError``, a ``grpc.RpcError``\nor an exception caused by one.";

pub fn module(proto_file: &str, package: &str, runtime: &str, enums: &[&ErrorEnum]) -> ModuleView {
    let about = if package.is_empty() {
        format!("Errors declared in ``{proto_file}``.")
    } else {
        format!("Errors declared in ``{proto_file}`` (package ``{package}``).")
    };
    let kinds: Vec<KindView> = enums.iter().map(|e| kind(e)).collect();
    let mut exported: Vec<&str> = kinds
        .iter()
        .flat_map(|kind| {
            std::iter::once(kind.name.as_str()).chain(
                kind.errors
                    .iter()
                    .flat_map(|e| [e.factory.as_str(), e.is_helper.as_str()]),
            )
        })
        .collect();
    exported.sort_unstable();
    ModuleView {
        source: comment_text(proto_file),
        docstring: docstring(&about, ""),
        runtime: runtime.to_owned(),
        exported: exported.into_iter().map(string_literal).collect(),
        kinds,
    }
}

fn kind(enumeration: &ErrorEnum) -> KindView {
    let name = names::kind(enumeration);
    let about = format!(
        "The errors of ``{}``.\n``{name}.from_error(error)`` tells which one an error is.",
        enumeration.full_name
    );
    let deprecated = if enumeration.deprecated {
        ABOUT_DEPRECATED_ENUM
    } else {
        ""
    };
    let members = names::members(enumeration);
    KindView {
        header_fits: fits(&format!("class {name}(_errors.ErrorKind):")),
        register_fits: fits(&format!("_errors.register({name})")),
        docstring: docstring(&paragraphs(&[&enumeration.doc, &about, deprecated]), "    "),
        errors: enumeration
            .values
            .iter()
            .zip(&members)
            .map(|(value, member)| error(enumeration, value, &name, member))
            .collect(),
        members: enumeration
            .values
            .iter()
            .zip(members)
            .map(|(value, name)| member(value, name))
            .collect(),
        name,
    }
}

fn member(value: &ErrorValue, name: String) -> MemberView {
    MemberView {
        name,
        code: value.code.name(),
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
        number: value.number,
        docstring: (!value.doc.trim().is_empty()).then(|| docstring(&value.doc, "    ")),
    }
}

fn error(enumeration: &ErrorEnum, value: &ErrorValue, kind: &str, member: &str) -> ErrorView {
    let base = names::base(enumeration, value);
    let factory = names::factory(&base);
    let is_helper = names::is_helper(&base);
    let pairs = names::parameters(value);

    let mut facts = format!(
        "Code ``{}`` (HTTP {}), reason\n``{}``.",
        value.code,
        value.http_status(),
        value.reason
    );
    if !value.domain.is_empty() {
        facts.push_str(&format!("\nDomain ``{}``.", value.domain));
    }
    if !pairs.is_empty() {
        facts.push_str(&format!(
            "\nMessage ``{}``; each argument is\nalso sent as metadata under its placeholder's name.",
            value.message.text
        ));
    }
    let deprecated = if value.deprecated {
        ABOUT_DEPRECATED_ERROR
    } else {
        ""
    };
    let arguments = pairs
        .iter()
        .map(|(placeholder, parameter)| {
            if is_identifier(placeholder) {
                format!("{placeholder}={parameter}")
            } else {
                // Always exploded (a magic trailing comma): ruff keeps it so.
                format!(
                    "**{{\n    {}: {parameter},\n}}",
                    string_literal(placeholder)
                )
            }
        })
        .collect();
    let is_about = format!(
        "Whether ``error`` is ``{}``.\n\n{ABOUT_IS_HELPER}",
        value.reason
    );
    ErrorView {
        header_fits: fits(&format!("def {factory}() -> _errors.GrpcError:")),
        docstring: docstring(&paragraphs(&[&value.doc, &facts, deprecated]), "    "),
        returns: returned_call(format!("{kind}.{member}.error("), arguments, true),
        parameters: pairs.into_iter().map(|(_, parameter)| parameter).collect(),
        factory,
        is_header_fits: fits(&format!(
            "def {is_helper}(error: BaseException | None) -> bool:"
        )),
        is_docstring: docstring(&is_about, "    "),
        is_returns: returned_call(
            format!("{kind}.{member}.matches("),
            vec!["error".to_owned()],
            false,
        ),
        is_helper,
    }
}

/// `return <head><arguments>)` as ruff lays it out: flat when it fits (never
/// with a magic trailing comma, which keeps the arguments one per line);
/// else split, one argument per line; but when `    return <head>` is too
/// long and `        <head>` is not, the call goes inside `return (...)`,
/// flat if it fits there. A call without arguments is flat, or wrapped when
/// only that fits.
fn returned_call(head: String, arguments: Vec<String>, magic_comma: bool) -> CallView {
    let flat_args = arguments.join(", ");
    let shape = if arguments.is_empty() {
        if fits(&format!("    return {head})")) || !fits(&format!("        {head})")) {
            Shape::Flat
        } else {
            Shape::Wrapped
        }
    } else if !magic_comma && fits(&format!("    return {head}{flat_args})")) {
        Shape::Flat
    } else if fits(&format!("    return {head}")) || !fits(&format!("        {head}")) {
        Shape::Split
    } else if !magic_comma && fits(&format!("        {head}{flat_args})")) {
        Shape::Wrapped
    } else {
        Shape::WrappedSplit
    };
    let comma = if magic_comma { "," } else { "" };
    let args = arguments
        .iter()
        .map(|argument| {
            format!("{argument}{comma}")
                .split('\n')
                .map(str::to_owned)
                .collect()
        })
        .collect();
    CallView {
        shape,
        head,
        flat_args,
        args,
    }
}

/// The non-empty parts, separated by blank lines.
fn paragraphs(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|part| !part.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(head_length: usize, arguments: &[&str], magic: bool) -> Shape {
        let head = format!("{}(", "K".repeat(head_length - 1));
        let arguments = arguments.iter().map(|a| (*a).to_owned()).collect();
        returned_call(head, arguments, magic).shape
    }

    #[test]
    fn returned_calls_take_ruffs_shapes() {
        // `    return ` is 11 columns and `)` one more: a head of 76 fits flat.
        assert_eq!(shape(76, &[], true), Shape::Flat);
        assert_eq!(shape(77, &[], true), Shape::Wrapped);
        assert_eq!(shape(80, &[], true), Shape::Flat);
        assert_eq!(shape(60, &["error"], false), Shape::Flat);
        assert_eq!(shape(60, &["a=a"], true), Shape::Split);
        assert_eq!(shape(78, &["error"], false), Shape::WrappedSplit);
        assert_eq!(shape(81, &["error"], false), Shape::Split);
    }
}
