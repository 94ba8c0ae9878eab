//! From the model's comments and options to a validated [`Catalog`].

use std::collections::{BTreeMap, HashMap};

use super::{
    Catalog, Code, ErrorEnum, ErrorValue, PLACEHOLDER_RULE, ReasonStyle, Settings, Template,
};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::model::{Docs, Enum, EnumValue, File, Message, Model};

const VALUE_OPTION: &str = "option (protosmith.errors.v1.error)";
const ENUM_OPTION: &str = "option (protosmith.errors.v1.errors)";
/// `@plugins=` values that make every top-level enum of a file an error enum.
const OPT_IN_PLUGINS: [&str; 2] = ["protoc-gen-go-errors", "protoc-gen-errors"];
/// AIP-193: a reason is at most 63 characters.
const AIP_REASON_MAX: usize = 63;
/// google.rpc.ErrorInfo: a metadata key is at most 64 characters.
const AIP_METADATA_KEY_MAX: usize = 64;

/// Reads every error enum of `model`. Problems in files being generated are
/// reported, all at once; imported files only contribute their errors to the
/// uniqueness checks.
pub fn resolve(model: &Model, settings: &Settings) -> Result<Catalog, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut enums = Vec::new();
    for file in &model.files {
        let mut resolver = Resolver {
            settings,
            file,
            problems: Diagnostics::new(),
        };
        enums.extend(resolver.file());
        if file.generate {
            diagnostics.extend(resolver.problems);
        }
    }
    let generated = |file: &str| model.file(file).is_some_and(|f| f.generate);
    check_unique(
        &enums,
        &mut diagnostics,
        &generated,
        |v| (v.domain.clone(), v.reason.clone()),
        |value, other| {
            let domain = if value.domain.is_empty() {
                String::new()
            } else {
                format!(" in domain \"{}\"", value.domain)
            };
            format!(
                "duplicate error reason \"{}\"{domain}: {} here and {} at {} both have it; every error needs its own reason{}",
                value.reason,
                value.full_name,
                other.full_name,
                other.location,
                if settings.domain.is_some() {
                    " (one domain= covers several packages here)"
                } else {
                    ""
                }
            )
        },
    );
    if settings.unique_numbers {
        check_unique(
            &enums,
            &mut diagnostics,
            &generated,
            |v| v.number,
            |value, other| {
                format!(
                    "error number {} of {} is already used by {} at {}; unique_numbers=true asks for numbers unique across all error enums",
                    value.number, value.full_name, other.full_name, other.location
                )
            },
        );
    }
    diagnostics.into_result(Catalog { enums })
}

/// Reports every value whose `key` an earlier value already has, at the later
/// value when its file is generated, else at the earlier one.
fn check_unique<K: std::hash::Hash + Eq>(
    enums: &[ErrorEnum],
    diagnostics: &mut Diagnostics,
    generated: &dyn Fn(&str) -> bool,
    key: impl Fn(&ErrorValue) -> K,
    message: impl Fn(&ErrorValue, &ErrorValue) -> String,
) {
    let mut first: HashMap<K, &ErrorValue> = HashMap::new();
    for value in enums.iter().flat_map(|e| &e.values) {
        match first.get(&key(value)) {
            None => {
                first.insert(key(value), value);
            }
            Some(other) if generated(&value.location.file) => {
                diagnostics.push(Diagnostic::at(&value.location, message(value, other)));
            }
            Some(other) if generated(&other.location.file) => {
                diagnostics.push(Diagnostic::at(&other.location, message(other, value)));
            }
            Some(_) => {}
        }
    }
}

fn is_error_key(key: &str) -> bool {
    matches!(key, "code" | "default_code" | "msg") || key == "i18n" || key.starts_with("i18n.")
}

/// A problem was found and reported; the caller stops without reporting more about it.
struct Reported;

struct Resolver<'a> {
    settings: &'a Settings,
    file: &'a File,
    problems: Diagnostics,
}

impl Resolver<'_> {
    fn file(&mut self) -> Vec<ErrorEnum> {
        let opted_in = self.file.annotations.iter().any(|(annotation, _)| {
            annotation.key == "plugins"
                && annotation
                    .value
                    .split(',')
                    .any(|p| OPT_IN_PLUGINS.contains(&p.trim()))
        });
        let mut found = Vec::new();
        for enumeration in &self.file.enums {
            if opted_in || is_error_enum(enumeration) {
                found.extend(self.enumeration(enumeration, &[]));
            }
        }
        for message in &self.file.messages {
            self.nested(message, &mut Vec::new(), &mut found);
        }
        found
    }

    fn nested(&mut self, message: &Message, parents: &mut Vec<String>, found: &mut Vec<ErrorEnum>) {
        parents.push(message.name.clone());
        for enumeration in &message.enums {
            if is_error_enum(enumeration) {
                found.extend(self.enumeration(enumeration, parents));
            }
        }
        for nested in &message.messages {
            self.nested(nested, parents, found);
        }
        parents.pop();
    }

    fn enumeration(&mut self, enumeration: &Enum, parents: &[String]) -> Option<ErrorEnum> {
        let what = format!("enum {}", enumeration.name);
        let from_comment = self.comment(
            &enumeration.docs,
            "default_code",
            &what,
            &enumeration.location,
        );
        let from_option = enumeration
            .error_options
            .as_ref()
            .and_then(|o| o.default_code.as_deref());
        let default_code = match self
            .merge(
                "default_code",
                from_comment,
                from_option,
                ENUM_OPTION,
                &what,
                &enumeration.location,
            )
            .ok()?
        {
            Some((name, source)) => {
                Some(self.code(&name, &source, &what, &enumeration.location)?)
            }
            None => None,
        };
        let values = enumeration
            .values
            .iter()
            .filter_map(|value| self.value(enumeration, default_code, value))
            .collect();
        Some(ErrorEnum {
            file: self.file.name.clone(),
            package: self.file.package.clone(),
            name: enumeration.name.clone(),
            full_name: enumeration.full_name.clone(),
            parents: parents.to_vec(),
            location: enumeration.location.clone(),
            doc: enumeration.docs.prose().to_owned(),
            default_code,
            values,
            deprecated: enumeration.deprecated,
        })
    }

    fn value(
        &mut self,
        enumeration: &Enum,
        default_code: Option<Code>,
        value: &EnumValue,
    ) -> Option<ErrorValue> {
        let annotated =
            value.error_options.is_some() || value.docs.annotations().any(|a| is_error_key(&a.key));
        // proto3's zero value (`FOO_UNSPECIFIED = 0`, as buf lint asks) is the
        // "not set" marker, not an error, unless someone annotated it.
        if value.number == 0 && value.name.ends_with("_UNSPECIFIED") && !annotated {
            return None;
        }
        let at = &value.location;
        let what = value.name.as_str();
        let options = value.error_options.clone().unwrap_or_default();

        let code_comment = self.comment(&value.docs, "code", what, at);
        let code = match self
            .merge(
                "code",
                code_comment,
                options.code.as_deref(),
                VALUE_OPTION,
                what,
                at,
            )
            .ok()?
        {
            Some((name, source)) => self.code(&name, &source, what, at)?,
            None => match default_code {
                Some(code) => code,
                None => {
                    self.report(at, format!(
                        "error {what} has no gRPC code: add \"@code=<CODE>\" to its comment (or code in {VALUE_OPTION}), \
                         or \"@default_code=<CODE>\" to enum {}",
                        enumeration.name
                    ));
                    return None;
                }
            },
        };

        let msg_comment = self.comment(&value.docs, "msg", what, at);
        let message_text = self
            .merge(
                "msg",
                msg_comment,
                options.msg.as_deref(),
                VALUE_OPTION,
                what,
                at,
            )
            .ok()?
            .map_or_else(|| value.name.clone(), |(text, _)| text);
        let message = match Template::parse(&message_text) {
            Ok(template) => template,
            Err(problem) => {
                self.report(
                    at,
                    format!("malformed @msg of {what}: {problem} in \"{message_text}\"; {PLACEHOLDER_RULE}"),
                );
                return None;
            }
        };
        let i18n = self.translations(value, &options.i18n, &message)?;

        let (reason, domain) = match self.settings.reason_style {
            ReasonStyle::Ego => (
                value.full_name.clone(),
                self.settings.domain.clone().unwrap_or_default(),
            ),
            ReasonStyle::Kratos => (
                value.name.clone(),
                self.settings.domain.clone().unwrap_or_default(),
            ),
            ReasonStyle::Aip => {
                let reason = value.name.clone();
                if !is_aip_reason(&reason) {
                    self.report(at, format!(
                        "reason \"{reason}\" of {what} breaks AIP-193 (reason_style=aip): a reason is UPPER_SNAKE_CASE, \
                         matches [A-Z][A-Z0-9_]+[A-Z0-9] and has at most {AIP_REASON_MAX} characters ({} here); rename the value",
                        reason.chars().count()
                    ));
                    return None;
                }
                if let Some(key) = message
                    .placeholders
                    .iter()
                    .find(|key| !is_aip_metadata_key(key))
                {
                    self.report(at, format!(
                        "placeholder {{{key}}} in the @msg of {what} breaks AIP-193 (reason_style=aip): placeholders \
                         become ErrorInfo metadata keys, which match [a-z][a-zA-Z0-9-_]+, have at most \
                         {AIP_METADATA_KEY_MAX} characters ({} here) and are ideally lowerCamelCase; write {{{}}}",
                        key.chars().count(),
                        lower_camel(key),
                    ));
                    return None;
                }
                (
                    reason,
                    self.settings
                        .domain
                        .clone()
                        .unwrap_or_else(|| self.file.package.clone()),
                )
            }
        };

        Some(ErrorValue {
            name: value.name.clone(),
            full_name: value.full_name.clone(),
            number: value.number,
            code,
            reason,
            domain,
            message,
            i18n,
            doc: value.docs.prose().to_owned(),
            location: at.clone(),
            deprecated: value.deprecated,
        })
    }

    fn translations(
        &mut self,
        value: &EnumValue,
        from_option: &[(String, String)],
        message: &Template,
    ) -> Option<Vec<(String, Template)>> {
        let at = &value.location;
        let what = value.name.as_str();
        let mut texts: BTreeMap<String, String> = BTreeMap::new();
        for annotation in value
            .docs
            .annotations()
            .filter(|a| a.key == "i18n" || a.key.starts_with("i18n."))
        {
            let language = annotation.key.strip_prefix("i18n.").unwrap_or("");
            if language.is_empty() {
                self.report(
                    at,
                    format!(
                        "@{} of {what} names no language: write @i18n.<lang>=\"text\", e.g. @i18n.zh=\"...\"",
                        annotation.key
                    ),
                );
                return None;
            }
            if let Some(problem) = &annotation.problem {
                self.report(
                    at,
                    format!("cannot read @{} of {what}: {problem}", annotation.key),
                );
                return None;
            }
            if let Some(earlier) = texts.insert(language.to_owned(), annotation.value.clone()) {
                if earlier != annotation.value {
                    self.report(
                        at,
                        format!(
                            "{what} has two @i18n.{language} texts (\"{earlier}\" and \"{}\"); keep one",
                            annotation.value
                        ),
                    );
                    return None;
                }
            }
        }
        for (language, text) in from_option {
            match texts.get(language) {
                Some(comment) if comment != text => {
                    self.report(at, format!(
                        "{what} has @i18n.{language}=\"{comment}\" in its comment but \"{text}\" in {VALUE_OPTION}; keep one of them"
                    ));
                    return None;
                }
                _ => {
                    texts.insert(language.clone(), text.clone());
                }
            }
        }
        let mut out = Vec::with_capacity(texts.len());
        for (language, text) in texts {
            let template = match Template::parse(&text) {
                Ok(template) => template,
                Err(problem) => {
                    self.report(
                        at,
                        format!("malformed @i18n.{language} of {what}: {problem} in \"{text}\"; {PLACEHOLDER_RULE}"),
                    );
                    return None;
                }
            };
            if let Some(unknown) = template
                .placeholders
                .iter()
                .find(|p| !message.placeholders.contains(p))
            {
                let known = if message.placeholders.is_empty() {
                    "none".to_owned()
                } else {
                    message.placeholders.join(", ")
                };
                self.report(at, format!(
                    "@i18n.{language} of {what} uses {{{unknown}}}, which @msg does not have; a translation can only use the message's placeholders ({known})"
                ));
                return None;
            }
            out.push((language, template));
        }
        Some(out)
    }

    /// The value of `@key` in a comment, reporting unreadable or contradictory values.
    fn comment(
        &mut self,
        docs: &Docs,
        key: &str,
        what: &str,
        at: &Location,
    ) -> Result<Option<String>, Reported> {
        let mut found: Option<String> = None;
        for annotation in docs.annotations().filter(|a| a.key == key) {
            if let Some(problem) = &annotation.problem {
                self.report(at, format!("cannot read @{key} of {what}: {problem}"));
                return Err(Reported);
            }
            match &found {
                Some(earlier) if *earlier != annotation.value => {
                    self.report(
                        at,
                        format!(
                            "{what} has two @{key} annotations (\"{earlier}\" and \"{}\"); keep one",
                            annotation.value
                        ),
                    );
                    return Err(Reported);
                }
                _ => found = Some(annotation.value.clone()),
            }
        }
        Ok(found)
    }

    /// One value from a comment annotation and an option field that must agree;
    /// returns it with a description of where it came from.
    fn merge(
        &mut self,
        key: &str,
        comment: Result<Option<String>, Reported>,
        option: Option<&str>,
        option_name: &str,
        what: &str,
        at: &Location,
    ) -> Result<Option<(String, String)>, Reported> {
        match (comment?, option) {
            (Some(comment), Some(option)) if comment != option => {
                self.report(at, format!(
                    "{what} has @{key}=\"{comment}\" in its comment but {key} \"{option}\" in {option_name}; keep one of them"
                ));
                Err(Reported)
            }
            (Some(comment), _) => Ok(Some((comment, format!("@{key}")))),
            (None, Some(option)) => {
                Ok(Some((option.to_owned(), format!("{key} of {option_name}"))))
            }
            (None, None) => Ok(None),
        }
    }

    fn code(&mut self, name: &str, source: &str, what: &str, at: &Location) -> Option<Code> {
        match Code::from_name(name) {
            Some(Code::Ok) => {
                self.report(at, format!(
                    "{source} of {what} is OK, which clients read as success; an error needs an error code such as UNKNOWN, INTERNAL or FAILED_PRECONDITION"
                ));
                None
            }
            Some(code) => Some(code),
            None => {
                let names = Code::ALL.iter().skip(1).map(|c| c.name());
                let hint = match did_you_mean(name, names.clone()) {
                    Some(near) => format!("did you mean {near}?"),
                    None => format!("use one of {}", names.collect::<Vec<_>>().join(", ")),
                };
                self.report(
                    at,
                    format!("unknown gRPC code \"{name}\" in {source} of {what}: {hint}"),
                );
                None
            }
        }
    }

    fn report(&mut self, at: &Location, message: String) {
        self.problems.push(Diagnostic::at(at, message));
    }
}

/// An enum is an error enum when it or one of its values carries an error annotation.
fn is_error_enum(enumeration: &Enum) -> bool {
    enumeration.error_options.is_some()
        || enumeration.docs.annotations().any(|a| is_error_key(&a.key))
        || enumeration.values.iter().any(|v| {
            v.error_options.is_some() || v.docs.annotations().any(|a| is_error_key(&a.key))
        })
}

fn is_aip_reason(reason: &str) -> bool {
    let bytes = reason.as_bytes();
    bytes.len() >= 3
        && bytes.len() <= AIP_REASON_MAX
        && bytes[0].is_ascii_uppercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        && bytes.last().is_some_and(|b| *b != b'_')
}

/// google.rpc.ErrorInfo's rule for metadata keys (placeholders are already
/// identifiers, so `-` never occurs here).
fn is_aip_metadata_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    bytes.len() >= 2
        && bytes.len() <= AIP_METADATA_KEY_MAX
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
}

/// The lowerCamelCase spelling suggested for a rejected key, cut to the limit.
fn lower_camel(key: &str) -> String {
    use heck::{ToLowerCamelCase, ToUpperCamelCase};
    let camel = key.to_lower_camel_case();
    let camel = if is_aip_metadata_key(&camel) || camel.len() > AIP_METADATA_KEY_MAX {
        camel
    } else {
        // Too short, or not starting with a letter once the underscores go.
        format!("value{}", key.to_upper_camel_case())
    };
    camel.chars().take(AIP_METADATA_KEY_MAX).collect()
}
