//! The plugin parameter: `key=value` pairs separated by commas, as protoc's
//! `--errors_opt=` and buf.gen.yaml's `opt:` pass them.

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parameters {
    entries: Vec<(String, String)>,
}

impl Parameters {
    pub fn parse(parameter: &str) -> Parameters {
        let entries = parameter
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| match entry.split_once('=') {
                Some((key, value)) => (key.trim().to_owned(), value.trim().to_owned()),
                None => (entry.to_owned(), String::new()),
            })
            .collect();
        Parameters { entries }
    }

    /// Rejects keys `plugin` does not know, suggesting the closest known one.
    pub fn check_known(&self, plugin: &str, known: &[&str]) -> Result<(), Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        for (key, _) in &self.entries {
            if !known.contains(&key.as_str()) {
                let hint = match did_you_mean(key, known.iter().copied()) {
                    Some(near) => format!("did you mean {near}?"),
                    None => format!("{plugin} accepts {}", known.join(", ")),
                };
                diagnostics.push(Diagnostic::general(format!(
                    "unknown parameter \"{key}\" for {plugin}: {hint}"
                )));
            }
        }
        diagnostics.into_result(())
    }

    /// The last value given for `key` (later entries override earlier ones, as with protoc's repeated `--opt`).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean parameter: `key`, `key=true` or `key=false`.
    pub fn flag(&self, key: &str) -> Result<bool, Diagnostic> {
        match self.get(key) {
            None | Some("false") => Ok(false),
            Some("" | "true") => Ok(true),
            Some(other) => Err(Diagnostic::general(format!(
                "parameter {key}={other}: expected {key}=true or {key}=false"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_flags_and_overrides() {
        let p = Parameters::parse(
            "reason_style=aip, domain=a.example.com,unique_numbers,domain=b.example.com",
        );
        assert_eq!(p.get("reason_style"), Some("aip"));
        assert_eq!(p.get("domain"), Some("b.example.com"));
        assert_eq!(p.flag("unique_numbers"), Ok(true));
        assert_eq!(p.flag("missing"), Ok(false));
        let err = p
            .check_known("protoc-gen-errors", &["reason_style", "domain"])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown parameter \"unique_numbers\" for protoc-gen-errors: protoc-gen-errors accepts reason_style, domain"
        );
        let err = Parameters::parse("reasn_style=aip")
            .check_known("x", &["reason_style", "domain"])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown parameter \"reasn_style\" for x: did you mean reason_style?"
        );
    }
}
