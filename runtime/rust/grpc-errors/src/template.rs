//! Message templates: `password for {user_id} does not match`.
//!
//! `{name}` is replaced by the metadata value `name`; `{{` and `}}` are literal
//! braces. protoc-gen-errors validates templates when it generates code, so
//! at run time a placeholder without a value is simply left as written.

use std::collections::BTreeMap;

/// Renders `template`, taking placeholder values from `values`.
pub fn render(template: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let name = &tail[1..end];
            match values.get(name) {
                Some(value) => out.push_str(value),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
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
}
