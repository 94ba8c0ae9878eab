//! Layer 1 of reading buf.gen.yaml: a strict mirror of buf's v2 schema
//! ([`RawTemplate`], [`RawManaged`], [`RawPlugin`]).
//!
//! Every key buf's schema has is here, each value with where it was written;
//! an unknown key (with the closest known one suggested), a key given twice
//! or a value of the wrong kind is reported. Only the shape is checked: what
//! protosmith supports is decided in [`super::validate`], and only once the
//! shape is right, so that a typo is not also reported as a missing key.

use std::fmt;

use super::yaml::{Node, Pos, Value};

pub(super) struct Errors<'a> {
    pub(super) file: &'a str,
    pub(super) messages: Vec<String>,
}

impl Errors<'_> {
    pub(super) fn at(&mut self, pos: Pos, message: impl fmt::Display) {
        self.messages
            .push(format!("{}:{pos}: {message}", self.file));
    }
}

/// A value with where it was written.
#[derive(Clone, Debug)]
pub(super) struct Spanned<T> {
    pub(super) pos: Pos,
    pub(super) value: T,
}

/// The top level of a v2 buf.gen.yaml (buf's `externalBufGenYAMLFileV2`).
#[derive(Debug, Default)]
pub(super) struct RawTemplate {
    pub(super) version: Option<Spanned<String>>,
    pub(super) managed: Option<RawManaged>,
    pub(super) clean: Option<Spanned<bool>>,
    pub(super) plugins: Option<Spanned<Vec<RawPlugin>>>,
    /// Kept as YAML: any input is refused in layer 2.
    pub(super) inputs: Option<Spanned<Vec<Node>>>,
}

/// `managed:` (buf's `externalGenerateManagedConfigV2`).
#[derive(Debug, Default)]
pub(super) struct RawManaged {
    pub(super) enabled: Option<Spanned<bool>>,
    pub(super) disable: Option<Spanned<Vec<Node>>>,
    pub(super) r#override: Option<Spanned<Vec<Node>>>,
}

/// One plugin (buf's `externalGeneratePluginConfigV2`).
#[derive(Debug, Default)]
pub(super) struct RawPlugin {
    /// Where the entry starts.
    pub(super) pos: Pos,
    pub(super) remote: Option<Spanned<String>>,
    pub(super) revision: Option<Spanned<String>>,
    pub(super) local: Option<Spanned<Vec<String>>>,
    pub(super) protoc_builtin: Option<Spanned<String>>,
    pub(super) protoc_path: Option<Spanned<Vec<String>>>,
    pub(super) out: Option<Spanned<String>>,
    pub(super) opt: Option<Spanned<Vec<String>>>,
    pub(super) include_imports: Option<Spanned<bool>>,
    pub(super) include_wkt: Option<Spanned<bool>>,
    pub(super) strategy: Option<Spanned<String>>,
    pub(super) types: Option<Spanned<Vec<String>>>,
    pub(super) exclude_types: Option<Spanned<Vec<String>>>,
}

const TOP_KEYS: &[&str] = &["version", "managed", "clean", "plugins", "inputs"];
const MANAGED_KEYS: &[&str] = &["enabled", "disable", "override"];
const PLUGIN_KEYS: &[&str] = &[
    "remote",
    "revision",
    "local",
    "protoc_builtin",
    "protoc_path",
    "out",
    "opt",
    "include_imports",
    "include_wkt",
    "strategy",
    "types",
    "exclude_types",
];

/// The closest of `candidates` to `word`, if close enough to suggest.
pub(super) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The entries of a mapping, with unknown and repeated keys reported.
/// `context` names the mapping in messages (`plugins[2]`, `the top level`).
fn entries<'n>(
    node: &'n Node,
    context: &str,
    allowed: &[&str],
    errors: &mut Errors<'_>,
) -> Option<Vec<(&'n str, Pos, &'n Node)>> {
    let Value::Map(map) = &node.value else {
        errors.at(
            node.pos,
            format!(
                "{context} must be a mapping (key: value lines), not {}",
                node.kind()
            ),
        );
        return None;
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (key, pos, value) in map {
        if !allowed.contains(&key.as_str()) {
            let hint = match did_you_mean(key, allowed) {
                Some(close) => format!("did you mean {close}?"),
                None => format!("expected one of {}", allowed.join(", ")),
            };
            errors.at(*pos, format!("unknown key \"{key}\" in {context}: {hint}"));
        } else if seen.contains(&key.as_str()) {
            errors.at(*pos, format!("{key} is given twice in {context}"));
        } else {
            seen.push(key);
            out.push((key.as_str(), *pos, value));
        }
    }
    Some(out)
}

fn string(node: &Node, what: &str, errors: &mut Errors<'_>) -> Option<Spanned<String>> {
    match &node.value {
        _ if node.is_null() => {
            errors.at(node.pos, format!("{what} needs a value"));
            None
        }
        Value::Scalar { text, .. } => Some(Spanned {
            pos: node.pos,
            value: text.clone(),
        }),
        _ => {
            errors.at(
                node.pos,
                format!("{what} must be a string, not {}", node.kind()),
            );
            None
        }
    }
}

fn boolean(node: &Node, what: &str, errors: &mut Errors<'_>) -> Option<Spanned<bool>> {
    let value = match &node.value {
        _ if node.is_null() => Some(false),
        Value::Scalar { text, plain: true } => match text.as_str() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        },
        _ => None,
    };
    match value {
        Some(value) => Some(Spanned {
            pos: node.pos,
            value,
        }),
        None => {
            errors.at(node.pos, format!("{what} must be true or false"));
            None
        }
    }
}

/// A string, or a list of strings (`opt`, `local`, `protoc_path`, `types`).
fn strings(node: &Node, what: &str, errors: &mut Errors<'_>) -> Option<Spanned<Vec<String>>> {
    match &node.value {
        _ if node.is_null() => Some(Spanned {
            pos: node.pos,
            value: Vec::new(),
        }),
        Value::Scalar { text, .. } => Some(Spanned {
            pos: node.pos,
            value: vec![text.clone()],
        }),
        Value::Seq(items) => {
            let mut value = Vec::new();
            for (i, item) in items.iter().enumerate() {
                value.push(string(item, &format!("{what}[{i}]"), errors)?.value);
            }
            Some(Spanned {
                pos: node.pos,
                value,
            })
        }
        Value::Map(_) => {
            errors.at(
                node.pos,
                format!("{what} must be a string or a list of strings, not a mapping"),
            );
            None
        }
    }
}

/// A list of anything (checked later); nothing is an empty list.
fn list(node: &Node, what: &str, errors: &mut Errors<'_>) -> Option<Spanned<Vec<Node>>> {
    match &node.value {
        _ if node.is_null() => Some(Spanned {
            pos: node.pos,
            value: Vec::new(),
        }),
        Value::Seq(items) => Some(Spanned {
            pos: node.pos,
            value: items.clone(),
        }),
        _ => {
            errors.at(
                node.pos,
                format!("{what} must be a list, not {}", node.kind()),
            );
            None
        }
    }
}

impl RawTemplate {
    /// Mirrors the top level. The version is checked first: a v1 file has
    /// other keys, which are better answered with how to migrate than with
    /// a list of unknown keys.
    pub(super) fn from_yaml(root: &Node, errors: &mut Errors<'_>) -> Option<RawTemplate> {
        let Value::Map(map) = &root.value else {
            errors.at(
                root.pos,
                format!(
                    "buf.gen.yaml must be a mapping (version: v2, plugins: ...), not {}",
                    root.kind()
                ),
            );
            return None;
        };
        let version = map.iter().find(|(key, _, _)| key == "version");
        let Some((_, _, version)) = version else {
            errors.at(
                root.pos,
                "missing version: protosmith reads buf.gen.yaml version v2; add `version: v2` \
                 (a file without a version is v1beta1: convert it with `buf config migrate`)",
            );
            return None;
        };
        let version = string(version, "version", errors)?;
        match version.value.as_str() {
            "v2" => {}
            "v1" | "v1beta1" => {
                errors.at(
                    version.pos,
                    format!(
                        "buf.gen.yaml version {} is not supported: protosmith reads version v2; \
                         convert the file with `buf config migrate` (buf 1.32 or later), \
                         which rewrites it as v2",
                        version.value
                    ),
                );
                return None;
            }
            other => {
                errors.at(
                    version.pos,
                    format!(
                        "unknown buf.gen.yaml version \"{other}\": protosmith reads version v2"
                    ),
                );
                return None;
            }
        }
        let mut raw = RawTemplate {
            version: Some(version),
            ..RawTemplate::default()
        };
        for (key, _, value) in entries(root, "the top level", TOP_KEYS, errors)? {
            match key {
                "version" => {}
                "managed" => raw.managed = RawManaged::from_yaml(value, errors),
                "clean" => raw.clean = boolean(value, "clean", errors),
                "plugins" => {
                    let Some(items) = list(value, "plugins", errors) else {
                        continue;
                    };
                    let plugins = items
                        .value
                        .iter()
                        .enumerate()
                        .filter_map(|(i, item)| RawPlugin::from_yaml(item, i, errors))
                        .collect();
                    raw.plugins = Some(Spanned {
                        pos: items.pos,
                        value: plugins,
                    });
                }
                "inputs" => raw.inputs = list(value, "inputs", errors),
                _ => unreachable!("only allowed keys are returned"),
            }
        }
        Some(raw)
    }
}

impl RawManaged {
    fn from_yaml(node: &Node, errors: &mut Errors<'_>) -> Option<RawManaged> {
        if node.is_null() {
            return Some(RawManaged::default());
        }
        let mut raw = RawManaged::default();
        for (key, _, value) in entries(node, "managed", MANAGED_KEYS, errors)? {
            match key {
                "enabled" => raw.enabled = boolean(value, "managed.enabled", errors),
                "disable" => raw.disable = list(value, "managed.disable", errors),
                "override" => raw.r#override = list(value, "managed.override", errors),
                _ => unreachable!("only allowed keys are returned"),
            }
        }
        Some(raw)
    }
}

impl RawPlugin {
    fn from_yaml(node: &Node, index: usize, errors: &mut Errors<'_>) -> Option<RawPlugin> {
        let context = format!("plugins[{index}]");
        let mut raw = RawPlugin {
            pos: node.pos,
            ..RawPlugin::default()
        };
        for (key, _, value) in entries(node, &context, PLUGIN_KEYS, errors)? {
            let what = format!("{context}.{key}");
            match key {
                "remote" => raw.remote = string(value, &what, errors),
                "revision" => raw.revision = string(value, &what, errors),
                "local" => raw.local = strings(value, &what, errors),
                "protoc_builtin" => raw.protoc_builtin = string(value, &what, errors),
                "protoc_path" => raw.protoc_path = strings(value, &what, errors),
                "out" => raw.out = string(value, &what, errors),
                "opt" => raw.opt = strings(value, &what, errors),
                "include_imports" => raw.include_imports = boolean(value, &what, errors),
                "include_wkt" => raw.include_wkt = boolean(value, &what, errors),
                "strategy" => raw.strategy = string(value, &what, errors),
                "types" => raw.types = strings(value, &what, errors),
                "exclude_types" => raw.exclude_types = strings(value, &what, errors),
                _ => unreachable!("only allowed keys are returned"),
            }
        }
        Some(raw)
    }
}
