//! From the model's comments and options to a validated [`Catalog`].

use std::collections::{BTreeMap, HashMap};

use super::{
    Catalog, Code, ErrorEnum, ErrorValue, PLACEHOLDER_RULE, ReasonStyle, Settings, Template,
};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::model::annotation::Annotation;
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
        for message in self.file.all_messages() {
            self.check_message_annotations(message);
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
        let problems_before = self.problems.len();
        let enum_misannotated = self.check_keys(&enumeration.docs, &what, ENUM_KEYS);
        // A value with a misspelt or misplaced annotation is reported once,
        // for that, not again for the code it then seems to lack.
        let misannotated: Vec<bool> = enumeration
            .values
            .iter()
            .map(|value| self.check_keys(&value.docs, &value.name, VALUE_KEYS))
            .collect();
        if enum_misannotated {
            // Its values' codes may well be in the misspelt @default_code.
            return None;
        }
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
                &enumeration.docs,
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
                let at = source_location(&enumeration.docs, &source, &enumeration.location);
                Some(self.code(&name, &source, &what, &at)?)
            }
            None => None,
        };
        let values: Vec<ErrorValue> = enumeration
            .values
            .iter()
            .zip(misannotated)
            .filter(|(_, misannotated)| !misannotated)
            .filter_map(|(value, _)| self.value(enumeration, default_code, value))
            .collect();
        if values.is_empty() && self.problems.len() == problems_before {
            self.report_no_errors(enumeration);
        }
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
        if value.number == 0 && value.name.ends_with("_UNSPECIFIED") {
            self.check_zero_value_annotations(value).ok()?;
        }

        let code_comment = self.comment(&value.docs, "code", what, at);
        let code = match self
            .merge(
                &value.docs,
                "code",
                code_comment,
                options.code.as_deref(),
                VALUE_OPTION,
                what,
                at,
            )
            .ok()?
        {
            Some((name, source)) => {
                let code_at = source_location(&value.docs, &source, at);
                self.code(&name, &source, what, &code_at)?
            }
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
                &value.docs,
                "msg",
                msg_comment,
                options.msg.as_deref(),
                VALUE_OPTION,
                what,
                at,
            )
            .ok()?;
        let msg_at = message_text.as_ref().map_or_else(
            || at.clone(),
            |(_, source)| source_location(&value.docs, source, at),
        );
        let message_text = message_text.map_or_else(|| value.name.clone(), |(text, _)| text);
        let message = match Template::parse(&message_text) {
            Ok(template) => template,
            Err(problem) => {
                self.report(
                    &msg_at,
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
                    self.report(&msg_at, format!(
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
        let mut places: BTreeMap<String, Location> = BTreeMap::new();
        for annotation in value
            .docs
            .annotations()
            .filter(|a| a.key == "i18n" || a.key.starts_with("i18n."))
        {
            let language = annotation.key.strip_prefix("i18n.").unwrap_or("");
            let annotation_at = annotation.location.as_ref().unwrap_or(at);
            if language.is_empty() {
                self.report(
                    annotation_at,
                    format!(
                        "@{} of {what} names no language: write @i18n.<lang>=\"text\", e.g. @i18n.zh=\"...\"",
                        annotation.key
                    ),
                );
                return None;
            }
            if let Some(problem) = &annotation.problem {
                self.report(
                    annotation_at,
                    format!("cannot read @{} of {what}: {problem}", annotation.key),
                );
                return None;
            }
            self.check_language_tag(language, &format!("@i18n.{language}"), what, annotation_at)
                .ok()?;
            self.check_duplicate_language(&places, language, what, annotation_at)
                .ok()?;
            texts.insert(language.to_owned(), annotation.value.clone());
            places.insert(language.to_owned(), annotation_at.clone());
        }
        for (language, text) in from_option {
            // Only the empty key is refused here: the emitters' tests feed
            // keys such as "__proto__" through the option on purpose.
            if language.is_empty() {
                self.check_language_tag(
                    language,
                    &format!("i18n key \"{language}\" in {VALUE_OPTION}"),
                    what,
                    at,
                )
                .ok()?;
            }
            match texts.get(language) {
                Some(comment) if comment != text => {
                    self.report(&places[language], format!(
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
            let language_at = places.get(&language).unwrap_or(at).clone();
            let at = &language_at;
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
            let at = annotation.location.as_ref().unwrap_or(at);
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
    #[allow(clippy::too_many_arguments)]
    fn merge(
        &mut self,
        docs: &Docs,
        key: &str,
        comment: Result<Option<String>, Reported>,
        option: Option<&str>,
        option_name: &str,
        what: &str,
        at: &Location,
    ) -> Result<Option<(String, String)>, Reported> {
        match (comment?, option) {
            (Some(comment), Some(option)) if comment != option => {
                let at = annotation_location(docs, key, at);
                self.report(&at, format!(
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

/// An enum is an error enum when it or one of its values carries an error
/// annotation, or something meant as one (misspelt, misshapen or detached),
/// so that the mistake is reported instead of the enum being skipped.
fn is_error_enum(enumeration: &Enum) -> bool {
    enumeration.error_options.is_some()
        || meant_as_error_annotation(&enumeration.docs)
        || enumeration
            .values
            .iter()
            .any(|v| v.error_options.is_some() || meant_as_error_annotation(&v.docs))
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

// Checks of the annotations themselves: unknown keys, lookalikes, detached
// comments, language tags, placeholder names, annotations that do nothing.

/// The annotation keys an error enum's own comment may carry: its error key,
/// and the keys other tools read (ego's opt-in, the docs' `@exclude`,
/// `protosmith breaking`'s `@allow_breaking`).
const ENUM_KEYS: &[&str] = &["default_code", "plugins", "exclude", "allow_breaking"];
/// The annotation keys an error value's comment may carry (`i18n.<lang>` too).
const VALUE_KEYS: &[&str] = &["code", "msg", "i18n", "exclude", "allow_breaking"];
/// Every key that is an error annotation somewhere.
const ERROR_KEYS: &[&str] = &["code", "default_code", "msg", "i18n"];

/// The location of the first `@key` annotation of `docs`, else `fallback`.
fn annotation_location(docs: &Docs, key: &str, fallback: &Location) -> Location {
    docs.annotation(key)
        .and_then(|a| a.location.clone())
        .unwrap_or_else(|| fallback.clone())
}

/// Where a merged value came from: its annotation (`source` is `@key`), else `fallback`.
fn source_location(docs: &Docs, source: &str, fallback: &Location) -> Location {
    match source.strip_prefix('@') {
        Some(key) => annotation_location(docs, key, fallback),
        None => fallback.clone(),
    }
}

/// The key as written for `@i18n.<lang>` keys: `i18n`.
fn key_family(key: &str) -> &str {
    key.split_once('.').map_or(key, |(family, _)| family)
}

/// The known key `key` is a misspelling of, among `known`.
fn misspelt<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    did_you_mean(key_family(key), known.iter().copied())
}

/// The suggested spelling of `@key`, keeping an `.<lang>` suffix.
fn respelt(key: &str, family: &str) -> String {
    match key.split_once('.') {
        Some((_, language)) => format!("{family}.{language}"),
        None => family.to_owned(),
    }
}

/// What a lookalike line (`@code NOT_FOUND`, `@Code: X`) was meant to be, if
/// it reads as an error annotation: its key, near enough, and a value shaped
/// like one (a code name or a quoted text) unless the key is exact.
fn meant_lookalike(lookalike: &Annotation) -> Option<&'static str> {
    let family = key_family(&lookalike.key).to_ascii_lowercase();
    if let Some(exact) = ERROR_KEYS.iter().find(|k| **k == family) {
        return Some(exact);
    }
    let value_like = lookalike.value.starts_with('"')
        || (!lookalike.value.is_empty()
            && lookalike
                .value
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_'));
    if value_like {
        misspelt(&family, ERROR_KEYS)
    } else {
        None
    }
}

/// Whether `docs` carry an error annotation or something plainly meant as one.
fn meant_as_error_annotation(docs: &Docs) -> bool {
    let near = |key: &str| {
        ERROR_KEYS.iter().any(|known| {
            strsim::damerau_levenshtein(&key_family(key).to_ascii_lowercase(), known) <= 1
        })
    };
    docs.annotations().any(|a| near(&a.key))
        || docs
            .leading
            .lookalikes
            .iter()
            .chain(&docs.trailing.lookalikes)
            .any(|a| meant_lookalike(a).is_some())
        || docs
            .detached
            .iter()
            .flat_map(|comment| &comment.annotations)
            .any(|a| is_error_key(&a.key))
}

/// A BCP 47-like language tag: a primary subtag of 2 or 3 letters, then
/// subtags of 1 to 8 letters or digits, each after `-` (or `_`, as POSIX
/// locales write it).
fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split(['-', '_']);
    let primary = subtags.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Language tags are case-insensitive, and `_` is read as `-`.
fn normalized_tag(tag: &str) -> String {
    tag.to_ascii_lowercase().replace('_', "-")
}

impl Resolver<'_> {
    /// Reports every annotation in `docs` (an error enum's or one of its
    /// values' comments) whose key is not one of `allowed`, and every
    /// lookalike line meant as one, and every error annotation in a detached
    /// comment; `what` names the element. Returns whether it reported any.
    fn check_keys(&mut self, docs: &Docs, what: &str, allowed: &[&str]) -> bool {
        let before = self.problems.len();
        let fallback = Location::file_only(&self.file.name);
        let place = |a: &Annotation| a.location.clone().unwrap_or_else(|| fallback.clone());
        let takes = if allowed.contains(&"default_code") {
            "an error enum takes @default_code (and @plugins, @exclude)"
        } else {
            "an error value takes @code, @msg and @i18n.<lang> (and @exclude)"
        };
        for annotation in docs.annotations() {
            let key = annotation.key.as_str();
            if allowed.contains(&key) || (key.starts_with("i18n.") && allowed.contains(&"i18n")) {
                continue;
            }
            let misplaced = ERROR_KEYS.contains(&key_family(key));
            let hint = match misspelt(key, allowed) {
                _ if misplaced && allowed.contains(&"default_code") => {
                    format!("@{key} belongs on a value's comment; {takes}")
                }
                _ if misplaced => format!("@{key} belongs on the enum's comment; {takes}"),
                Some(near) => format!("did you mean @{}? ({takes})", respelt(key, near)),
                None => format!("{takes}; if the line is prose, do not start it with @{key}"),
            };
            self.report(
                &place(annotation),
                if misplaced {
                    format!("@{key} in the comment of {what} does nothing there: {hint}")
                } else {
                    format!("unknown annotation @{key} in the comment of {what}: {hint}")
                },
            );
        }
        for lookalike in docs
            .leading
            .lookalikes
            .iter()
            .chain(&docs.trailing.lookalikes)
        {
            let Some(family) = meant_lookalike(lookalike) else {
                continue;
            };
            let key = respelt(&lookalike.key, family);
            self.report(
                &place(lookalike),
                format!(
                    "\"@{} {}\" in the comment of {what} is not an annotation, so it would be ignored: write @{key}={}",
                    lookalike.key, lookalike.value, lookalike.value
                ),
            );
        }
        for annotation in docs.detached.iter().flat_map(|c| &c.annotations) {
            if !is_error_key(&annotation.key) {
                continue;
            }
            self.report(
                &place(annotation),
                format!(
                    "@{} is in a comment separated from {what} by a blank line, so it belongs to nothing and would be \
                     ignored: remove the blank line to make it {what}'s",
                    annotation.key
                ),
            );
        }
        self.problems.len() > before
    }

    /// proto3's zero value annotated only in its trailing comment: often a
    /// comment meant for the value below, which a blank line after it gives
    /// to the zero value instead.
    fn check_zero_value_annotations(&mut self, value: &EnumValue) -> Result<(), Reported> {
        let leading = value
            .docs
            .leading
            .annotations
            .iter()
            .any(|a| is_error_key(&a.key));
        let Some(trailing) = value
            .docs
            .trailing
            .annotations
            .iter()
            .find(|a| is_error_key(&a.key))
        else {
            return Ok(());
        };
        if leading || value.error_options.is_some() {
            return Ok(());
        }
        self.report(&value.location, format!(
            "{} = 0 is proto3's \"not set\" marker, yet the comment after it gives it @{}: a comment on the line below \
             a value and followed by a blank line belongs to the value above; if it is meant for the next value, \
             remove the blank line after it; if the zero value is meant to be an error, put the annotation above it",
            value.name, trailing.key
        ));
        Err(Reported)
    }

    /// Reports a language tag that is not one.
    fn check_language_tag(
        &mut self,
        language: &str,
        written: &str,
        what: &str,
        at: &Location,
    ) -> Result<(), Reported> {
        if is_language_tag(language) {
            return Ok(());
        }
        self.report(at, format!(
            "{written} of {what}: \"{language}\" is not a language tag; write a BCP 47 tag such as zh, zh-CN or pt-BR"
        ));
        Err(Reported)
    }

    /// Reports a language given twice in one value's comments (also when
    /// spelt differently: `zh-CN`, `zh_cn`).
    fn check_duplicate_language(
        &mut self,
        seen: &BTreeMap<String, Location>,
        language: &str,
        what: &str,
        at: &Location,
    ) -> Result<(), Reported> {
        let normalized = normalized_tag(language);
        let Some((earlier, earlier_at)) =
            seen.iter().find(|(l, _)| normalized_tag(l) == normalized)
        else {
            return Ok(());
        };
        self.report(at, format!(
            "{what} has @i18n.{earlier} at {earlier_at} and @i18n.{language} here, one language twice; keep one"
        ));
        Err(Reported)
    }

    /// An error enum that resolved to no errors at all.
    fn report_no_errors(&mut self, enumeration: &Enum) {
        let values = match enumeration.values.as_slice() {
            [only] => format!(
                "its only value, {} = {}, is proto3's \"not set\" marker, not an error",
                only.name, only.number
            ),
            _ => "every value is proto3's \"not set\" marker".to_owned(),
        };
        self.report(&enumeration.location, format!(
            "enum {} is an error enum but defines no errors: {values}; add error values (e.g. {}_NOT_FOUND = 1; with \
             @code=NOT_FOUND), or remove its error annotations",
            enumeration.name,
            heck::ToShoutySnakeCase::to_shouty_snake_case(enumeration.name.as_str())
        ));
    }

    /// Error annotations on a message or its fields do nothing: say so.
    fn check_message_annotations(&mut self, message: &Message) {
        let elements = std::iter::once((format!("message {}", message.name), &message.docs)).chain(
            message
                .fields
                .iter()
                .map(|f| (format!("field {}.{}", message.name, f.name), &f.docs)),
        );
        for (what, docs) in elements {
            for annotation in docs.annotations().filter(|a| is_error_key(&a.key)) {
                let at = annotation
                    .location
                    .clone()
                    .unwrap_or_else(|| Location::file_only(&self.file.name));
                self.report(&at, format!(
                    "@{} on {what} does nothing: error annotations go on the values of an error enum (@code, @msg, \
                     @i18n.<lang>) or on the enum (@default_code)",
                    annotation.key
                ));
            }
        }
    }
}
