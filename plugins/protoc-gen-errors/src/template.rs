//! Rendering the template of a non-Rust emitter.
//!
//! Each language other than Rust is a Tera template in `templates/<lang>/`,
//! embedded in the binary, given a view that the language's module has
//! already named and escaped (with the namer in `protosmith_core::lang`).
//! Templates do layout only: no casing, no escaping, no decisions. Rust is
//! emitted with quote and prettyplease instead, as prost and tonic do.

use protosmith_core::Diagnostic;
use serde::Serialize;

/// Renders `source` (a template named `name`, for messages) with `view`.
/// Autoescaping is off: views hold text already escaped for the target
/// language. A template error is a bug in protosmith, reported as such.
pub fn render(name: &str, source: &str, view: &impl Serialize) -> Result<String, Diagnostic> {
    let bug = |e: tera::Error| {
        let mut message = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(inner) = cause {
            message.push_str(": ");
            message.push_str(&inner.to_string());
            cause = inner.source();
        }
        Diagnostic::general(format!(
            "internal error in protoc-gen-errors (a bug, please report it): template {name}: {message}"
        ))
    };
    let context = tera::Context::from_serialize(view).map_err(bug)?;
    tera::Tera::one_off(source, &context, false).map_err(bug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct View {
        names: Vec<&'static str>,
    }

    #[test]
    fn renders_a_view_without_escaping() {
        let view = View {
            names: vec!["a<b", "c"],
        };
        let out = render("t", "{% for n in names %}{{ n }};{% endfor %}", &view).unwrap();
        assert_eq!(out, "a<b;c;");
    }

    #[test]
    fn a_template_error_names_the_template() {
        let err = render(
            "go/errors.go.tera",
            "{{ missing }}",
            &View { names: vec![] },
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("internal error in protoc-gen-errors (a bug, please report it): template go/errors.go.tera:"),
            "{err}"
        );
    }
}
