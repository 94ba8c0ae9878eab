//! Message templates in `@msg` and `@i18n.*`: `{name}` placeholders, `{{`/`}}` for braces.

/// A validated message template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub text: String,
    /// Placeholder names in order of first appearance, without repeats.
    pub placeholders: Vec<String>,
}

impl Template {
    /// Checks `text`; the error says what is wrong and where (1-based character column).
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut placeholders: Vec<String> = Vec::new();
        let mut chars = text.chars().enumerate().peekable();
        while let Some((column, c)) = chars.next() {
            match c {
                '{' if chars.peek().is_some_and(|(_, next)| *next == '{') => {
                    chars.next();
                }
                '}' if chars.peek().is_some_and(|(_, next)| *next == '}') => {
                    chars.next();
                }
                '}' => return Err(format!("unmatched \"}}\" at character {}", column + 1)),
                '{' => {
                    let mut name = String::new();
                    let mut closed = false;
                    for (_, c) in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                    if !closed {
                        return Err(format!("unclosed \"{{\" at character {}", column + 1));
                    }
                    if !is_identifier(&name) {
                        return Err(format!(
                            "placeholder \"{{{name}}}\" at character {} is not a name",
                            column + 1
                        ));
                    }
                    if !placeholders.contains(&name) {
                        placeholders.push(name);
                    }
                }
                _ => {}
            }
        }
        Ok(Template {
            text: text.to_owned(),
            placeholders,
        })
    }
}

/// The placeholder rule, stated the same way in every diagnostic.
pub const PLACEHOLDER_RULE: &str = "placeholders are {name} with a name of letters, digits and _ not starting with a digit; write {{ and }} for literal braces";

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_in_order() {
        let t = Template::parse("{b} and {a} and {b}, {{not}} }}").unwrap();
        assert_eq!(t.placeholders, ["b", "a"]);
    }

    #[test]
    fn reports_malformed_placeholders() {
        assert_eq!(
            Template::parse("password for {user_id").unwrap_err(),
            "unclosed \"{\" at character 14"
        );
        assert_eq!(
            Template::parse("x {} y").unwrap_err(),
            "placeholder \"{}\" at character 3 is not a name"
        );
        assert_eq!(
            Template::parse("{user id}").unwrap_err(),
            "placeholder \"{user id}\" at character 1 is not a name"
        );
        assert_eq!(
            Template::parse("{1st}").unwrap_err(),
            "placeholder \"{1st}\" at character 1 is not a name"
        );
        assert_eq!(
            Template::parse("a } b").unwrap_err(),
            "unmatched \"}\" at character 3"
        );
        assert_eq!(
            Template::parse("用户 {id").unwrap_err(),
            "unclosed \"{\" at character 4"
        );
    }
}
