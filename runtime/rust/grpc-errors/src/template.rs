//! Message templates: `password for {user_id} does not match`.
//!
//! The one definition of the grammar, used by protoc-gen-errors to validate
//! templates when it generates code and by [`render`] at run time: `{name}`
//! is a placeholder (a name of ASCII letters, digits and `_`, not starting
//! with a digit), `{{` and `}}` are literal braces, anything else is text.

use std::collections::BTreeMap;

/// A piece of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text, as written.
    Text(&'a str),
    /// `{` or `}`, written doubled.
    Brace(char),
    /// `{name}`: the name.
    Placeholder(&'a str),
}

/// Why a template is malformed; `at` is the 1-based character column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    UnmatchedClose { at: usize },
    Unclosed { at: usize },
    NotAName { name: String, at: usize },
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::UnmatchedClose { at } => write!(f, "unmatched \"}}\" at character {at}"),
            TemplateError::Unclosed { at } => write!(f, "unclosed \"{{\" at character {at}"),
            TemplateError::NotAName { name, at } => {
                write!(
                    f,
                    "placeholder \"{{{name}}}\" at character {at} is not a name"
                )
            }
        }
    }
}

impl std::error::Error for TemplateError {}

/// Calls `visit` with each segment of `template` in order, or stops at the first malformation.
pub fn for_each_segment<'a>(
    template: &'a str,
    mut visit: impl FnMut(Segment<'a>),
) -> Result<(), TemplateError> {
    let mut rest = template;
    // Characters consumed so far, for 1-based columns in errors.
    let mut column = 0;
    while let Some(at) = rest.find(['{', '}']) {
        if at > 0 {
            visit(Segment::Text(&rest[..at]));
        }
        column += rest[..at].chars().count();
        let tail = &rest[at..];
        let brace = if tail.starts_with('{') { '{' } else { '}' };
        if tail[1..].starts_with(brace) {
            visit(Segment::Brace(brace));
            column += 2;
            rest = &tail[2..];
            continue;
        }
        if brace == '}' {
            return Err(TemplateError::UnmatchedClose { at: column + 1 });
        }
        let Some(end) = tail.find('}') else {
            return Err(TemplateError::Unclosed { at: column + 1 });
        };
        let name = &tail[1..end];
        if !is_placeholder_name(name) {
            return Err(TemplateError::NotAName {
                name: name.to_owned(),
                at: column + 1,
            });
        }
        visit(Segment::Placeholder(name));
        column += name.chars().count() + 2;
        rest = &tail[end + 1..];
    }
    if !rest.is_empty() {
        visit(Segment::Text(rest));
    }
    Ok(())
}

/// Whether `name` may stand between braces.
pub fn is_placeholder_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Renders `template`, taking placeholder values from `values`. A placeholder
/// without a value stays as written; so does a malformed template (generated
/// code never has one: protoc-gen-errors rejects them).
pub fn render(template: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let rendered = for_each_segment(template, |segment| match segment {
        Segment::Text(text) => out.push_str(text),
        Segment::Brace(brace) => out.push(brace),
        Segment::Placeholder(name) => match values.get(name) {
            Some(value) => out.push_str(value),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        },
    });
    match rendered {
        Ok(()) => out,
        Err(_) => template.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fills_placeholders_and_keeps_escapes() {
        let v = values(&[("user_id", "42"), ("n", "3")]);
        assert_eq!(
            render("password for {user_id} does not match", &v),
            "password for 42 does not match"
        );
        assert_eq!(render("{{literal}} {n}/{n}", &v), "{literal} 3/3");
        assert_eq!(render("missing {other} stays", &v), "missing {other} stays");
        assert_eq!(
            render("unbalanced { and } survive", &v),
            "unbalanced { and } survive"
        );
        assert_eq!(render("密码 {user_id} 不匹配", &v), "密码 42 不匹配");
    }

    #[test]
    fn reports_malformations_with_character_columns() {
        let error = |t: &str| for_each_segment(t, |_| {}).unwrap_err().to_string();
        assert_eq!(
            error("password for {user_id"),
            "unclosed \"{\" at character 14"
        );
        assert_eq!(
            error("x {} y"),
            "placeholder \"{}\" at character 3 is not a name"
        );
        assert_eq!(
            error("{user id}"),
            "placeholder \"{user id}\" at character 1 is not a name"
        );
        assert_eq!(
            error("{1st}"),
            "placeholder \"{1st}\" at character 1 is not a name"
        );
        assert_eq!(error("a } b"), "unmatched \"}\" at character 3");
        assert_eq!(error("用户 {id"), "unclosed \"{\" at character 4");
        assert_eq!(error("{{a}} {b} }"), "unmatched \"}\" at character 11");
    }
}
