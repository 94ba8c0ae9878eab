//! Plugin options: the one reader of the parameter string protoc's
//! `--X_opt=`, buf.gen.yaml's `opt:` and `protosmith generate --X_opt` pass.
//!
//! A plugin declares its options as a struct implementing [`PluginOptions`];
//! the plugin's shell parses the parameter into it once, and nothing below
//! the shell sees the raw string.
//!
//! The format: `key=value` entries separated by `,`. Only the first `=` of an
//! entry separates key and value, so a value may hold `=`. A value holding a
//! `,` writes it as `\,` and a backslash before a comma or at the end as `\\`
//! (`title=Acme\, Inc.`); any other backslash is itself (`dir=C:\gen`). An
//! entry without `=` is a flag (`unique_numbers` is `unique_numbers=true`).
//! A key given twice is an error: protoc and buf users must not have to guess
//! which of two values wins.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};

/// A plugin's typed options.
pub trait PluginOptions: Sized {
    /// The plugin's name, in diagnostics: `protoc-gen-errors`.
    const PLUGIN: &'static str;
    /// The files of a request the plugin reads; the others are not decoded.
    const SCOPE: crate::protocol::Scope = crate::protocol::Scope::Everything;
    /// Every key the plugin accepts, for unknown-key suggestions and `--help`.
    const KEYS: &'static [&'static str];
    /// Prefixes of keys whose rest is data, such as protoc-gen-go's
    /// `M<file>=<import path>`: any key starting with one is known.
    const KEY_PREFIXES: &'static [&'static str] = &[];

    /// Reads the options from parameters whose keys are all in [`Self::KEYS`].
    fn from_parameters(parameters: &Parameters) -> Result<Self, Diagnostics>;

    /// Parses a whole parameter string: tokens, unknown and repeated keys, then values.
    fn parse(parameter: &str) -> Result<Self, Diagnostics> {
        let parameters = Parameters::parse(parameter)?;
        parameters.check_known_with_prefixes(Self::PLUGIN, Self::KEYS, Self::KEY_PREFIXES)?;
        Self::from_parameters(&parameters)
    }
}

/// A parameter string split into its entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parameters {
    entries: Vec<(String, String)>,
}

impl Parameters {
    /// Splits `parameter` into entries; a key given twice is an error.
    pub fn parse(parameter: &str) -> Result<Parameters, Diagnostics> {
        let mut entries: Vec<(String, String)> = Vec::new();
        let mut diagnostics = Diagnostics::new();
        for entry in split_entries(parameter) {
            let entry = entry.trim();
            if entry.is_empty() {
                continue;
            }
            let (key, value) = match entry.split_once('=') {
                Some((key, value)) => (key.trim(), value.trim()),
                None => (entry, ""),
            };
            if let Some((_, first)) = entries.iter().find(|(k, _)| k == key) {
                diagnostics.push(Diagnostic::general(format!(
                    "parameter {key} is given twice ({key}={first} and {key}={value}): give it once"
                )));
                continue;
            }
            entries.push((key.to_owned(), value.to_owned()));
        }
        diagnostics.into_result(Parameters { entries })
    }

    /// Parameters from already separated `(key, value)` pairs, later pairs
    /// replacing earlier ones with the same key: how `protosmith generate`
    /// lets a command-line flag override buf.gen.yaml's `opt`.
    pub fn overridden(mut self, overrides: Parameters) -> Parameters {
        for (key, value) in overrides.entries {
            match self.entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => self.entries.push((key, value)),
            }
        }
        self
    }

    /// Rejects keys `plugin` does not know, suggesting the closest known one.
    pub fn check_known(&self, plugin: &str, known: &[&str]) -> Result<(), Diagnostics> {
        self.check_known_with_prefixes(plugin, known, &[])
    }

    /// [`Parameters::check_known`], also accepting every key that starts
    /// with one of `prefixes` (and is longer than it).
    pub fn check_known_with_prefixes(
        &self,
        plugin: &str,
        known: &[&str],
        prefixes: &[&str],
    ) -> Result<(), Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        for (key, _) in &self.entries {
            let prefixed = prefixes
                .iter()
                .any(|prefix| key.len() > prefix.len() && key.starts_with(prefix));
            if !prefixed && !known.contains(&key.as_str()) {
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

    /// The value given for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The entries whose key starts with `prefix`, as (rest of the key,
    /// value), in the order given: `M<file>=<path>` gives `(<file>, <path>)`.
    pub fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.entries.iter().filter_map(move |(key, value)| {
            key.strip_prefix(prefix)
                .filter(|rest| !rest.is_empty())
                .map(|rest| (rest, value.as_str()))
        })
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

    /// A parameter with one of a fixed set of values; `None` when absent.
    /// `what` explains the choices in the diagnostic.
    pub fn choice<T: Copy>(
        &self,
        key: &str,
        choices: &[(&str, T)],
        what: &str,
    ) -> Result<Option<T>, Diagnostic> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        match choices.iter().find(|(name, _)| *name == value) {
            Some((_, choice)) => Ok(Some(*choice)),
            None => {
                let hint = did_you_mean(value, choices.iter().map(|(name, _)| *name))
                    .map(|near| format!("did you mean {key}={near}? "))
                    .unwrap_or_default();
                Err(Diagnostic::general(format!(
                    "parameter {key}={value}: {hint}expected {what}"
                )))
            }
        }
    }
}

/// Writes `key=value` for a parameter string, escaping what [`Parameters::parse`] would split.
pub fn push_entry(parameter: &mut String, key: &str, value: &str) {
    if !parameter.is_empty() {
        parameter.push(',');
    }
    parameter.push_str(key);
    if value.is_empty() {
        return;
    }
    parameter.push('=');
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ',' => parameter.push_str("\\,"),
            '\\' if matches!(chars.peek(), None | Some(',' | '\\')) => parameter.push_str("\\\\"),
            c => {
                let _ = parameter.write_char(c);
            }
        }
    }
}

/// Splits at unescaped commas, resolving `\,` and `\\`.
fn split_entries(parameter: &str) -> Vec<String> {
    let mut entries = vec![String::new()];
    let mut chars = parameter.chars().peekable();
    while let Some(c) = chars.next() {
        let current = entries.last_mut().expect("never empty");
        match c {
            '\\' if matches!(chars.peek(), Some(',' | '\\')) => {
                current.push(chars.next().expect("peeked"));
            }
            ',' => entries.push(String::new()),
            c => current.push(c),
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_and_flags() {
        let p = Parameters::parse("reason_style=aip, domain=a.example.com,unique_numbers").unwrap();
        assert_eq!(p.get("reason_style"), Some("aip"));
        assert_eq!(p.get("domain"), Some("a.example.com"));
        assert_eq!(p.flag("unique_numbers"), Ok(true));
        assert_eq!(p.flag("missing"), Ok(false));
    }

    #[test]
    fn a_repeated_key_is_an_error() {
        let err = Parameters::parse("reason_style=aip,reason_style=ego").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter reason_style is given twice (reason_style=aip and reason_style=ego): give it once"
        );
    }

    #[test]
    fn values_hold_equals_signs_and_escaped_commas() {
        let p =
            Parameters::parse(r"title=Acme\, Inc. APIs,template=a=b.tera,dir=C:\gen\\").unwrap();
        assert_eq!(p.get("title"), Some("Acme, Inc. APIs"));
        assert_eq!(p.get("template"), Some("a=b.tera"));
        assert_eq!(p.get("dir"), Some(r"C:\gen\"));
    }

    #[test]
    fn entries_print_back_to_what_parses_to_them() {
        let mut s = String::new();
        for (k, v) in [
            ("title", "a, b"),
            ("dir", r"C:\x\"),
            ("flag", ""),
            ("t", r"\,"),
        ] {
            push_entry(&mut s, k, v);
        }
        let p = Parameters::parse(&s).unwrap();
        assert_eq!(p.get("title"), Some("a, b"));
        assert_eq!(p.get("dir"), Some(r"C:\x\"));
        assert_eq!(p.flag("flag"), Ok(true));
        assert_eq!(p.get("t"), Some(r"\,"));
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let p = Parameters::parse("unique_numbers").unwrap();
        let err = p
            .check_known("protoc-gen-errors", &["reason_style", "domain"])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown parameter \"unique_numbers\" for protoc-gen-errors: protoc-gen-errors accepts reason_style, domain"
        );
        let err = Parameters::parse("reasn_style=aip")
            .unwrap()
            .check_known("x", &["reason_style", "domain"])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown parameter \"reasn_style\" for x: did you mean reason_style?"
        );
    }

    #[test]
    fn prefixed_keys_are_known_and_listed() {
        struct Mapped(Vec<(String, String)>);
        impl PluginOptions for Mapped {
            const PLUGIN: &'static str = "protoc-gen-x";
            const KEYS: &'static [&'static str] = &["paths"];
            const KEY_PREFIXES: &'static [&'static str] = &["M"];
            fn from_parameters(parameters: &Parameters) -> Result<Self, Diagnostics> {
                Ok(Mapped(
                    parameters
                        .with_prefix("M")
                        .map(|(k, v)| (k.to_owned(), v.to_owned()))
                        .collect(),
                ))
            }
        }
        let Mapped(mapped) =
            Mapped::parse("Ma/b.proto=x.example/b;b,paths=import,Mc.proto=x.example/c").unwrap();
        assert_eq!(
            mapped,
            [
                ("a/b.proto".to_owned(), "x.example/b;b".to_owned()),
                ("c.proto".to_owned(), "x.example/c".to_owned())
            ]
        );
        // The prefix alone is not a key, and other keys are still checked.
        let err = Mapped::parse("M=x,pahts=import").err().unwrap();
        assert_eq!(
            err.to_string(),
            "unknown parameter \"M\" for protoc-gen-x: protoc-gen-x accepts paths\n\
             unknown parameter \"pahts\" for protoc-gen-x: did you mean paths?"
        );
    }

    #[test]
    fn overrides_replace_keys() {
        let base = Parameters::parse("a=1,b=2").unwrap();
        let p = base.overridden(Parameters::parse("b=3,c=4").unwrap());
        assert_eq!(
            (p.get("a"), p.get("b"), p.get("c")),
            (Some("1"), Some("3"), Some("4"))
        );
    }

    #[test]
    fn choices_suggest_the_closest_value() {
        let p = Parameters::parse("format=htlm").unwrap();
        let err = p
            .choice(
                "format",
                &[("html", 1), ("json", 2)],
                "format=html or format=json",
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter format=htlm: did you mean format=html? expected format=html or format=json"
        );
    }
}
