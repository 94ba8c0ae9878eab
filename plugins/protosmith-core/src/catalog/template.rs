//! Message templates in `@msg` and `@i18n.*`: `{name}` placeholders, `{{`/`}}` for braces.

use grpc_errors::template::{self, Segment};

/// A validated message template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub text: String,
    /// Placeholder names in order of first appearance, without repeats.
    pub placeholders: Vec<String>,
}

impl Template {
    /// Checks `text` against the runtime's grammar (one definition for
    /// generator and runtime); the error says what is wrong and where
    /// (1-based character column).
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut placeholders: Vec<String> = Vec::new();
        template::for_each_segment(text, |segment| {
            if let Segment::Placeholder(name) = segment
                && !placeholders.iter().any(|p| p == name)
            {
                placeholders.push(name.to_owned());
            }
        })
        .map_err(|e| e.to_string())?;
        Ok(Template {
            text: text.to_owned(),
            placeholders,
        })
    }
}

/// The placeholder rule, stated the same way in every diagnostic.
pub const PLACEHOLDER_RULE: &str = "placeholders are {name} with a name of letters, digits and _ not starting with a digit; write {{ and }} for literal braces";

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
