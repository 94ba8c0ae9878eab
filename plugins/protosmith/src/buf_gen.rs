//! `buf.gen.yaml` (version v2), the file `buf generate` reads, as
//! `protosmith generate`'s configuration.
//!
//! Read in buf's two layers:
//!
//! 1. a strict mirror of the YAML ([`RawTemplate`], [`RawPlugin`]): every key
//!    buf's v2 schema has, each with the line and column it was written at;
//!    an unknown key is an error (`buf.gen.yaml:7:5: unknown key "oout" in
//!    plugins[2]: did you mean out?`);
//! 2. a validated [`GenTemplate`]: exactly one of `local`/`remote`/
//!    `protoc_builtin`, `out` required, `opt` as a string or a list, strategy
//!    `directory` by default, as buf does.
//!
//! What buf can do and protosmith cannot (remote plugins, managed mode,
//! `inputs`, `types`) is an error naming the line, never silently ignored.
//! Every problem found is reported at once, one per line.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A validated buf.gen.yaml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenTemplate {
    /// The file's directory. Paths in the file (`out`, relative `local` programs) are, as buf takes
    /// them, relative to the directory protosmith runs in, not to this one.
    pub dir: PathBuf,
    /// In the order written: buf applies their output in this order.
    pub plugins: Vec<PluginEntry>,
    /// `clean: true`: delete each `out` before writing into it.
    pub clean: bool,
}

/// One entry of `plugins:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginEntry {
    pub source: PluginSource,
    /// As written (relative to [`GenTemplate::dir`] unless absolute).
    pub out: PathBuf,
    /// `opt:` as written: one string, or the items of a list.
    pub opt: Vec<String>,
    pub strategy: Strategy,
    pub include_imports: bool,
    pub include_wkt: bool,
    /// Where the entry starts, e.g. `buf.gen.yaml:12:5`, for messages.
    pub location: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PluginSource {
    /// The program and its arguments, as written: `local: x` or `local: [x, arg]`.
    /// A bare name is looked up on PATH; a path is relative to the template's
    /// directory (see [`GenTemplate::command`]).
    Local(Vec<String>),
    /// `protoc_builtin: java`, run by protoc (`--java_out`).
    ProtocBuiltin {
        name: String,
        protoc_path: Option<String>,
    },
}

/// How files are split into requests (see `external_plugin::requests`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// One request per directory of files (buf's default).
    Directory,
    /// One request with every file.
    All,
}

impl PluginEntry {
    /// The plugin parameter: `opt` joined with `,`, as buf does.
    pub fn parameter(&self) -> String {
        self.opt.join(",")
    }

    /// A short name for messages: the program, or `protoc_builtin java`.
    pub fn name(&self) -> String {
        match &self.source {
            PluginSource::Local(command) => command.first().cloned().unwrap_or_default(),
            PluginSource::ProtocBuiltin { name, .. } => format!("protoc_builtin {name}"),
        }
    }
}

impl GenTemplate {
    /// The command to run for a `local:` plugin, as written: a bare program
    /// name is looked up on PATH when run, a relative path such as
    /// `target/debug/protoc-gen-docs` is relative to the directory protosmith
    /// runs in, as buf takes it (not to the template's directory). `None` for
    /// a protoc built-in.
    pub fn command(&self, entry: &PluginEntry) -> Option<Vec<String>> {
        match &entry.source {
            PluginSource::Local(command) => Some(command.clone()),
            PluginSource::ProtocBuiltin { .. } => None,
        }
    }

    /// The output folder of an entry: `out`, relative to the directory
    /// protosmith runs in, as buf takes it (buf generate -o prefixes it).
    pub fn out_dir(&self, entry: &PluginEntry) -> PathBuf {
        entry.out.clone()
    }
}

/// Reads and validates a buf.gen.yaml. Messages start with `PATH:LINE:COL:`.
pub fn read(path: &Path) -> Result<GenTemplate, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    parse(&text, &path.display().to_string(), dir)
}

/// [`read`] on text already read: `name` is the file name for messages.
pub fn parse(text: &str, name: &str, dir: PathBuf) -> Result<GenTemplate, String> {
    let root = load_yaml(text, name)?;
    let mut errors = Errors {
        file: name,
        messages: Vec::new(),
    };
    let raw = RawTemplate::from_yaml(&root, &mut errors);
    // As in buf, the template is validated only once it has the right shape:
    // an unknown key is not also reported as a missing one.
    let template = raw
        .filter(|_| errors.messages.is_empty())
        .and_then(|raw| validate(raw, dir, &mut errors));
    match template {
        Some(template) if errors.messages.is_empty() => Ok(template),
        _ => Err(errors.messages.join("\n")),
    }
}

// ---------------------------------------------------------------------------
// YAML, with positions
// ---------------------------------------------------------------------------

/// A line and column, both from 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Pos {
    line: usize,
    col: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

impl From<Marker> for Pos {
    fn from(mark: Marker) -> Pos {
        // yaml-rust2 counts lines from 1 and columns from 0.
        Pos {
            line: mark.line(),
            col: mark.col() + 1,
        }
    }
}

#[derive(Clone, Debug)]
struct Node {
    pos: Pos,
    value: Value,
}

#[derive(Clone, Debug)]
enum Value {
    /// `plain` is false for quoted and block scalars (`"true"` is a string).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Keys in the order written, each with its position.
    Map(Vec<(String, Pos, Node)>),
}

impl Node {
    fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn kind(&self) -> &'static str {
        match &self.value {
            _ if self.is_null() => "nothing",
            Value::Scalar { .. } => "a scalar",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Builds [`Node`]s from the parser's events.
#[derive(Default)]
struct TreeBuilder {
    /// Open collections: the node being filled and its anchor.
    stack: Vec<(Node, usize)>,
    /// A mapping's key waiting for its value, per open mapping.
    pending_keys: Vec<Option<(String, Pos)>>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    error: Option<(Pos, String)>,
}

impl TreeBuilder {
    fn complete(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some((parent, _)) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match &mut parent.value {
            Value::Seq(items) => items.push(node),
            Value::Map(entries) => {
                let pending = self.pending_keys.last_mut().expect("one per mapping");
                match pending.take() {
                    Some((key, pos)) => entries.push((key, pos, node)),
                    None => match node.value {
                        Value::Scalar { text, .. } => *pending = Some((text, node.pos)),
                        _ => {
                            if self.error.is_none() {
                                self.error = Some((
                                    node.pos,
                                    "a key must be a plain name, not a list or mapping".into(),
                                ));
                            }
                            *pending = Some((String::new(), node.pos));
                        }
                    },
                }
            }
            Value::Scalar { .. } => unreachable!("scalars are never open"),
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let pos = Pos::from(mark);
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = style == TScalarStyle::Plain;
                self.complete(
                    Node {
                        pos,
                        value: Value::Scalar { text, plain },
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => self.stack.push((
                Node {
                    pos,
                    value: Value::Seq(Vec::new()),
                },
                anchor,
            )),
            Event::MappingStart(anchor, _) => {
                self.stack.push((
                    Node {
                        pos,
                        value: Value::Map(Vec::new()),
                    },
                    anchor,
                ));
                self.pending_keys.push(None);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if matches!(event, Event::MappingEnd) {
                    self.pending_keys.pop();
                }
                if let Some((mut node, anchor)) = self.stack.pop() {
                    // A block mapping starts at its first key (the parser
                    // marks the first value).
                    if let Value::Map(entries) = &node.value {
                        if let Some((_, pos, _)) = entries.first() {
                            node.pos = *pos;
                        }
                    }
                    self.complete(node, anchor);
                }
            }
            Event::Alias(anchor) => match self.anchors.get(&anchor).cloned() {
                Some(mut node) => {
                    node.pos = pos;
                    self.complete(node, 0);
                }
                None => {
                    if self.error.is_none() {
                        self.error = Some((pos, "alias to an unknown anchor".into()));
                    }
                }
            },
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

fn load_yaml(text: &str, name: &str) -> Result<Node, String> {
    let mut builder = TreeBuilder::default();
    Parser::new_from_str(text)
        .load(&mut builder, false)
        .map_err(|e| format!("{name}:{}: {}", Pos::from(*e.marker()), e.info()))?;
    if let Some((pos, message)) = builder.error {
        return Err(format!("{name}:{pos}: {message}"));
    }
    builder.root.filter(|root| !root.is_null()).ok_or_else(|| {
        format!("{name}: the file is empty; it needs at least `version: v2` and `plugins:`")
    })
}

// ---------------------------------------------------------------------------
// Layer 1: a strict mirror of the YAML
// ---------------------------------------------------------------------------

struct Errors<'a> {
    file: &'a str,
    messages: Vec<String>,
}

impl Errors<'_> {
    fn at(&mut self, pos: Pos, message: impl fmt::Display) {
        self.messages
            .push(format!("{}:{pos}: {message}", self.file));
    }
}

/// A value with where it was written.
#[derive(Clone, Debug)]
struct Spanned<T> {
    pos: Pos,
    value: T,
}

/// The top level of a v2 buf.gen.yaml (buf's `externalBufGenYAMLFileV2`).
#[derive(Debug, Default)]
struct RawTemplate {
    version: Option<Spanned<String>>,
    managed: Option<RawManaged>,
    clean: Option<Spanned<bool>>,
    plugins: Option<Spanned<Vec<RawPlugin>>>,
    /// Kept as YAML: any input is refused in layer 2.
    inputs: Option<Spanned<Vec<Node>>>,
}

/// `managed:` (buf's `externalGenerateManagedConfigV2`).
#[derive(Debug, Default)]
struct RawManaged {
    enabled: Option<Spanned<bool>>,
    disable: Option<Spanned<Vec<Node>>>,
    r#override: Option<Spanned<Vec<Node>>>,
}

/// One plugin (buf's `externalGeneratePluginConfigV2`).
#[derive(Debug, Default)]
struct RawPlugin {
    /// Where the entry starts.
    pos: Pos,
    remote: Option<Spanned<String>>,
    revision: Option<Spanned<String>>,
    local: Option<Spanned<Vec<String>>>,
    protoc_builtin: Option<Spanned<String>>,
    protoc_path: Option<Spanned<Vec<String>>>,
    out: Option<Spanned<String>>,
    opt: Option<Spanned<Vec<String>>>,
    include_imports: Option<Spanned<bool>>,
    include_wkt: Option<Spanned<bool>>,
    strategy: Option<Spanned<String>>,
    types: Option<Spanned<Vec<String>>>,
    exclude_types: Option<Spanned<Vec<String>>>,
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
fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
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
    fn from_yaml(root: &Node, errors: &mut Errors<'_>) -> Option<RawTemplate> {
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

// ---------------------------------------------------------------------------
// Layer 2: the validated template
// ---------------------------------------------------------------------------

fn validate(raw: RawTemplate, dir: PathBuf, errors: &mut Errors<'_>) -> Option<GenTemplate> {
    if let Some(managed) = &raw.managed {
        if let Some(enabled) = managed.enabled.as_ref().filter(|e| e.value) {
            errors.at(
                enabled.pos,
                "managed mode is not supported by protosmith: set the file options \
                 (go_package, java_package, ...) in the .proto files, or pass them as plugin \
                 options (e.g. opt: Mfoo/v1/foo.proto=example.com/foo/v1 for protoc-gen-go); \
                 `managed: {enabled: false}` or no managed section is accepted",
            );
        }
        for (key, rules) in [
            ("disable", &managed.disable),
            ("override", &managed.r#override),
        ] {
            if let Some(rules) = rules.as_ref().filter(|r| !r.value.is_empty()) {
                errors.at(
                    rules.pos,
                    format!(
                        "managed.{key} is not supported by protosmith (it has no managed mode); \
                         remove it"
                    ),
                );
            }
        }
    }
    if let Some(inputs) = raw.inputs.as_ref().filter(|i| !i.value.is_empty()) {
        errors.at(
            inputs.pos,
            "inputs are not supported by protosmith: it compiles the .proto files under \
             --proto (default proto) with protox; remove inputs and pass --proto DIR",
        );
    }
    let Some(plugins) = raw.plugins else {
        errors.at(
            raw.version.map(|v| v.pos).unwrap_or_default(),
            "no plugins: list at least one under `plugins:`",
        );
        return None;
    };
    if plugins.value.is_empty() {
        errors.at(
            plugins.pos,
            "no plugins: list at least one under `plugins:`",
        );
    }
    let entries: Vec<_> = plugins
        .value
        .into_iter()
        .enumerate()
        .filter_map(|(i, plugin)| validate_plugin(plugin, i, errors))
        .collect();
    Some(GenTemplate {
        dir,
        plugins: entries,
        clean: raw.clean.is_some_and(|c| c.value),
    })
}

/// `buf.build/protocolbuffers/go:v1.36.0` -> `protoc-gen-go`, the usual local name.
fn local_name_for_remote(remote: &str) -> String {
    let name = remote.rsplit('/').next().unwrap_or(remote);
    let name = name.split(':').next().unwrap_or(name);
    format!("protoc-gen-{name}")
}

fn validate_plugin(raw: RawPlugin, index: usize, errors: &mut Errors<'_>) -> Option<PluginEntry> {
    let context = format!("plugins[{index}]");
    let before = errors.messages.len();
    let given: Vec<&str> = [
        ("local", raw.local.is_some()),
        ("remote", raw.remote.is_some()),
        ("protoc_builtin", raw.protoc_builtin.is_some()),
    ]
    .into_iter()
    .filter_map(|(key, set)| set.then_some(key))
    .collect();
    if given.len() > 1 {
        errors.at(
            raw.pos,
            format!(
                "{context} gives {}: exactly one of local, remote or protoc_builtin is allowed",
                given.join(" and ")
            ),
        );
        return None;
    }
    let source = if let Some(local) = raw.local {
        if local.value.is_empty() || local.value[0].is_empty() {
            errors.at(
                local.pos,
                format!("{context}.local needs the plugin program"),
            );
        }
        let name = local.value.first().cloned().unwrap_or_default();
        if let Some(revision) = &raw.revision {
            errors.at(
                revision.pos,
                format!("cannot specify revision for local plugin {name}: revision is for remote plugins"),
            );
        }
        if let Some(path) = &raw.protoc_path {
            errors.at(
                path.pos,
                format!("cannot specify protoc_path for local plugin {name}: protoc_path is for protoc_builtin"),
            );
        }
        PluginSource::Local(local.value)
    } else if let Some(remote) = raw.remote {
        errors.at(
            remote.pos,
            format!(
                "remote plugin {}: remote plugins run on buf's registry (buf.build), which \
                 protosmith does not reach; install the plugin and use a local plugin \
                 instead (e.g. local: {})",
                remote.value,
                local_name_for_remote(&remote.value)
            ),
        );
        return None;
    } else if let Some(builtin) = raw.protoc_builtin {
        let name = builtin
            .value
            .strip_prefix("protoc-gen-")
            .unwrap_or(&builtin.value);
        if name.is_empty() {
            errors.at(
                builtin.pos,
                format!("{context}.protoc_builtin needs a name, e.g. java"),
            );
        }
        if let Some(revision) = &raw.revision {
            errors.at(
                revision.pos,
                format!("cannot specify revision for protoc built-in plugin {name}"),
            );
        }
        let protoc_path = match raw.protoc_path {
            None => None,
            Some(path) if path.value.len() == 1 => path.value.into_iter().next(),
            Some(path) => {
                errors.at(
                    path.pos,
                    format!(
                        "{context}.protoc_path must be one path: extra protoc arguments are not supported by protosmith"
                    ),
                );
                None
            }
        };
        PluginSource::ProtocBuiltin {
            name: name.to_owned(),
            protoc_path,
        }
    } else {
        errors.at(
            raw.pos,
            format!("{context} must give one of local, remote or protoc_builtin"),
        );
        return None;
    };
    let out = match raw.out {
        Some(out) if [".zip", ".jar"].iter().any(|ext| out.value.ends_with(ext)) => {
            errors.at(
                out.pos,
                format!(
                    "{context}.out is an archive ({}): protosmith writes to folders only; name a folder",
                    out.value
                ),
            );
            PathBuf::new()
        }
        Some(out) if !out.value.is_empty() => PathBuf::from(out.value),
        Some(out) => {
            errors.at(out.pos, format!("{context}.out must not be empty"));
            PathBuf::new()
        }
        None => {
            errors.at(
                raw.pos,
                format!("{context} has no out: it is required (the output folder)"),
            );
            PathBuf::new()
        }
    };
    let strategy = match raw.strategy {
        None => Strategy::Directory,
        Some(s) => match s.value.as_str() {
            "directory" => Strategy::Directory,
            "all" => Strategy::All,
            other => {
                let hint = did_you_mean(other, &["directory", "all"])
                    .map(|s| format!(": did you mean {s}?"))
                    .unwrap_or_else(|| ": expected directory or all".to_owned());
                errors.at(s.pos, format!("unknown strategy \"{other}\"{hint}"));
                Strategy::Directory
            }
        },
    };
    let include_imports = raw.include_imports.is_some_and(|b| b.value);
    let include_wkt = match raw.include_wkt {
        Some(wkt) if wkt.value && !include_imports => {
            errors.at(
                wkt.pos,
                "include_wkt needs include_imports: true (buf: cannot include well-known types without including imports)",
            );
            true
        }
        wkt => wkt.is_some_and(|b| b.value),
    };
    for (key, types) in [("types", &raw.types), ("exclude_types", &raw.exclude_types)] {
        if let Some(types) = types.as_ref().filter(|t| !t.value.is_empty()) {
            errors.at(
                types.pos,
                format!("{context}.{key} is not supported by protosmith: remove it (every type of each file is generated)"),
            );
        }
    }
    if errors.messages.len() > before {
        return None;
    }
    Some(PluginEntry {
        source,
        out,
        opt: raw.opt.map(|o| o.value).unwrap_or_default(),
        strategy,
        include_imports,
        include_wkt,
        location: format!("{}:{}", errors.file, raw.pos),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> GenTemplate {
        parse(text, "buf.gen.yaml", PathBuf::from("conf")).unwrap_or_else(|e| panic!("{e}"))
    }

    fn parse_err(text: &str) -> String {
        match parse(text, "buf.gen.yaml", PathBuf::from("conf")) {
            Ok(template) => panic!("expected an error, got {template:?}"),
            Err(message) => message,
        }
    }

    #[test]
    fn reads_the_repository_template() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../buf.gen.yaml"));
        let template = read(path).unwrap();
        // Six languages of errors, tests for Rust and Go, docs in three formats.
        assert_eq!(template.plugins.len(), 11);
        let entry = |out: &str| {
            template
                .plugins
                .iter()
                .find(|p| p.out == Path::new(out))
                .unwrap_or_else(|| panic!("no entry with out: {out}"))
        };
        let test = entry("gen/tests/rust");
        assert_eq!(
            test.source,
            PluginSource::Local(vec!["target/debug/protoc-gen-test".into()])
        );
        assert_eq!(test.parameter(), "dir=gen/tests/rust");
        assert_eq!(test.strategy, Strategy::Directory);
        assert_eq!(
            entry("gen/errors/go").parameter(),
            "lang=go,module=acme.example/gen/go"
        );
        assert_eq!(entry("gen/errors/java").strategy, Strategy::All);
        assert_eq!(entry("gen/docs/markdown").strategy, Strategy::All);
        assert!(
            test.location.ends_with("buf.gen.yaml:79:5"),
            "{}",
            test.location
        );
        assert!(!template.clean);
    }

    #[test]
    fn a_full_entry() {
        let template = parse_ok(
            "version: v2\n\
             clean: true\n\
             managed:\n  enabled: false\n\
             plugins:\n\
             \x20 - local: [protoc-gen-go, --flag]\n\
             \x20   out: gen/go\n\
             \x20   opt:\n\
             \x20     - paths=source_relative\n\
             \x20     - Mfoo.proto=x/y\n\
             \x20   strategy: all\n\
             \x20   include_imports: true\n\
             \x20   include_wkt: true\n\
             \x20 - protoc_builtin: java\n\
             \x20   protoc_path: /opt/protoc/bin/protoc\n\
             \x20   out: gen/java\n\
             \x20   opt: lite\n",
        );
        assert!(template.clean);
        assert_eq!(template.dir, PathBuf::from("conf"));
        let go = &template.plugins[0];
        assert_eq!(
            go.source,
            PluginSource::Local(vec!["protoc-gen-go".into(), "--flag".into()])
        );
        assert_eq!(go.opt, ["paths=source_relative", "Mfoo.proto=x/y"]);
        assert_eq!(go.parameter(), "paths=source_relative,Mfoo.proto=x/y");
        assert_eq!(go.strategy, Strategy::All);
        assert!(go.include_imports && go.include_wkt);
        assert_eq!(go.location, "buf.gen.yaml:6:5");
        let java = &template.plugins[1];
        assert_eq!(
            java.source,
            PluginSource::ProtocBuiltin {
                name: "java".into(),
                protoc_path: Some("/opt/protoc/bin/protoc".into())
            }
        );
        assert_eq!(java.parameter(), "lite");
        assert_eq!(java.strategy, Strategy::Directory);
        assert_eq!(java.location, "buf.gen.yaml:14:5");
        assert_eq!(template.out_dir(java), PathBuf::from("gen/java"));
    }

    #[test]
    fn defaults() {
        let template = parse_ok("version: v2\nplugins:\n  - local: protoc-gen-go\n    out: go\n");
        let entry = &template.plugins[0];
        assert_eq!(entry.strategy, Strategy::Directory);
        assert!(entry.opt.is_empty());
        assert_eq!(entry.parameter(), "");
        assert!(!entry.include_imports && !entry.include_wkt && !template.clean);
    }

    #[test]
    fn commands_are_taken_as_written_relative_to_the_working_directory() {
        let template = parse_ok(
            "version: v2\nplugins:\n  - local: protoc-gen-go\n    out: a\n  - local: [target/debug/protoc-gen-docs, x]\n    out: b\n  - local: /usr/bin/protoc-gen-go\n    out: c\n",
        );
        let commands: Vec<_> = template
            .plugins
            .iter()
            .map(|p| template.command(p).unwrap())
            .collect();
        assert_eq!(commands[0], ["protoc-gen-go"]);
        assert_eq!(commands[1], ["target/debug/protoc-gen-docs", "x"]);
        assert_eq!(commands[2], ["/usr/bin/protoc-gen-go"]);
    }

    #[test]
    fn opt_written_as_a_string_is_kept_whole() {
        let template =
            parse_ok("version: v2\nplugins:\n  - local: p\n    out: o\n    opt: a=1,b=2\n");
        assert_eq!(template.plugins[0].opt, ["a=1,b=2"]);
        assert_eq!(template.plugins[0].parameter(), "a=1,b=2");
    }

    #[test]
    fn unknown_keys_name_the_line_and_suggest() {
        let message = parse_err(
            "version: v2\n\
             plugins:\n\
             \x20 - local: a\n\
             \x20   out: a\n\
             \x20 - local: b\n\
             \x20   out: b\n\
             \x20 - local: c\n\
             \x20   oout: c\n",
        );
        assert_eq!(
            message,
            "buf.gen.yaml:8:5: unknown key \"oout\" in plugins[2]: did you mean out?"
        );
    }

    #[test]
    fn unknown_keys_without_a_close_match_list_the_keys() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    zzz: 1\n"),
            "buf.gen.yaml:5:5: unknown key \"zzz\" in plugins[0]: expected one of remote, revision, local, protoc_builtin, protoc_path, out, opt, include_imports, include_wkt, strategy, types, exclude_types"
        );
        assert_eq!(
            parse_err("version: v2\nplugin:\n  - local: a\n    out: a\n"),
            "buf.gen.yaml:2:1: unknown key \"plugin\" in the top level: did you mean plugins?"
        );
        assert_eq!(
            parse_err(
                "version: v2\nmanaged:\n  enable: false\nplugins:\n  - local: a\n    out: a\n"
            ),
            "buf.gen.yaml:3:3: unknown key \"enable\" in managed: did you mean enabled?"
        );
    }

    #[test]
    fn every_problem_is_reported() {
        // Unknown keys first (the strict mirror), all of them ...
        let message = parse_err(
            "version: v2\nplugins:\n  - local: a\n    oout: a\n  - local: b\n    out: b\n    strateg: all\n",
        );
        assert_eq!(
            message,
            "buf.gen.yaml:4:5: unknown key \"oout\" in plugins[0]: did you mean out?\n\
             buf.gen.yaml:7:5: unknown key \"strateg\" in plugins[1]: did you mean strategy?"
        );
        // ... then, once the shape is right, every rule broken.
        let message = parse_err(
            "version: v2\nplugins:\n  - local: a\n  - local: b\n    out: b\n    strategy: dir\n",
        );
        assert_eq!(
            message,
            "buf.gen.yaml:3:5: plugins[0] has no out: it is required (the output folder)\n\
             buf.gen.yaml:6:15: unknown strategy \"dir\": did you mean directory?"
        );
    }

    #[test]
    fn repeated_keys_are_errors() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    out: b\n"),
            "buf.gen.yaml:5:5: out is given twice in plugins[0]"
        );
    }

    #[test]
    fn version_must_be_v2() {
        assert_eq!(
            parse_err("version: v1\nplugins:\n  - plugin: go\n    out: gen\n"),
            "buf.gen.yaml:1:10: buf.gen.yaml version v1 is not supported: protosmith reads version v2; convert the file with `buf config migrate` (buf 1.32 or later), which rewrites it as v2"
        );
        assert_eq!(
            parse_err("plugins:\n  - local: a\n    out: a\n"),
            "buf.gen.yaml:1:1: missing version: protosmith reads buf.gen.yaml version v2; add `version: v2` (a file without a version is v1beta1: convert it with `buf config migrate`)"
        );
        assert_eq!(
            parse_err("version: v3\nplugins: []\n"),
            "buf.gen.yaml:1:10: unknown buf.gen.yaml version \"v3\": protosmith reads version v2"
        );
    }

    #[test]
    fn exactly_one_source() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - out: a\n"),
            "buf.gen.yaml:3:5: plugins[0] must give one of local, remote or protoc_builtin"
        );
        assert_eq!(
            parse_err(
                "version: v2\nplugins:\n  - local: a\n    protoc_builtin: java\n    out: a\n"
            ),
            "buf.gen.yaml:3:5: plugins[0] gives local and protoc_builtin: exactly one of local, remote or protoc_builtin is allowed"
        );
    }

    #[test]
    fn remote_plugins_are_refused() {
        assert_eq!(
            parse_err(
                "version: v2\nplugins:\n  - remote: buf.build/protocolbuffers/go:v1.36.0\n    out: gen/go\n"
            ),
            "buf.gen.yaml:3:13: remote plugin buf.build/protocolbuffers/go:v1.36.0: remote plugins run on buf's registry (buf.build), which protosmith does not reach; install the plugin and use a local plugin instead (e.g. local: protoc-gen-go)"
        );
    }

    #[test]
    fn out_is_required() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: protoc-gen-go\n    opt: x\n"),
            "buf.gen.yaml:3:5: plugins[0] has no out: it is required (the output folder)"
        );
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: protoc-gen-go\n    out: ''\n"),
            "buf.gen.yaml:4:10: plugins[0].out must not be empty"
        );
    }

    #[test]
    fn archives_are_refused() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - protoc_builtin: java\n    out: gen/java.jar\n"),
            "buf.gen.yaml:4:10: plugins[0].out is an archive (gen/java.jar): protosmith writes to folders only; name a folder"
        );
    }

    #[test]
    fn strategy_must_be_known() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    strategy: each\n"),
            "buf.gen.yaml:5:15: unknown strategy \"each\": expected directory or all"
        );
    }

    #[test]
    fn include_wkt_needs_include_imports() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    include_wkt: true\n"),
            "buf.gen.yaml:5:18: include_wkt needs include_imports: true (buf: cannot include well-known types without including imports)"
        );
    }

    #[test]
    fn options_for_other_kinds_of_plugin() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: a\n    revision: 2\n    out: a\n"),
            "buf.gen.yaml:4:15: cannot specify revision for local plugin a: revision is for remote plugins"
        );
        assert_eq!(
            parse_err(
                "version: v2\nplugins:\n  - local: a\n    protoc_path: /bin/protoc\n    out: a\n"
            ),
            "buf.gen.yaml:4:18: cannot specify protoc_path for local plugin a: protoc_path is for protoc_builtin"
        );
        assert_eq!(
            parse_err(
                "version: v2\nplugins:\n  - protoc_builtin: cpp\n    protoc_path: [protoc, --x]\n    out: a\n"
            ),
            "buf.gen.yaml:4:18: plugins[0].protoc_path must be one path: extra protoc arguments are not supported by protosmith"
        );
    }

    #[test]
    fn types_are_refused() {
        assert_eq!(
            parse_err(
                "version: v2\nplugins:\n  - local: a\n    out: a\n    types: [acme.v1.Foo]\n"
            ),
            "buf.gen.yaml:5:12: plugins[0].types is not supported by protosmith: remove it (every type of each file is generated)"
        );
    }

    #[test]
    fn managed_mode() {
        parse_ok("version: v2\nmanaged:\n  enabled: false\nplugins:\n  - local: a\n    out: a\n");
        parse_ok("version: v2\nmanaged: {enabled: false}\nplugins:\n  - local: a\n    out: a\n");
        assert_eq!(
            parse_err(
                "version: v2\nmanaged:\n  enabled: true\nplugins:\n  - local: a\n    out: a\n"
            ),
            "buf.gen.yaml:3:12: managed mode is not supported by protosmith: set the file options (go_package, java_package, ...) in the .proto files, or pass them as plugin options (e.g. opt: Mfoo/v1/foo.proto=example.com/foo/v1 for protoc-gen-go); `managed: {enabled: false}` or no managed section is accepted"
        );
        assert_eq!(
            parse_err(
                "version: v2\nmanaged:\n  enabled: false\n  override:\n    - file_option: go_package_prefix\n      value: x\nplugins:\n  - local: a\n    out: a\n"
            ),
            "buf.gen.yaml:5:5: managed.override is not supported by protosmith (it has no managed mode); remove it"
        );
    }

    #[test]
    fn inputs_are_refused() {
        parse_ok("version: v2\ninputs: []\nplugins:\n  - local: a\n    out: a\n");
        assert_eq!(
            parse_err(
                "version: v2\ninputs:\n  - directory: proto\nplugins:\n  - local: a\n    out: a\n"
            ),
            "buf.gen.yaml:3:3: inputs are not supported by protosmith: it compiles the .proto files under --proto (default proto) with protox; remove inputs and pass --proto DIR"
        );
    }

    #[test]
    fn wrong_shapes() {
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - local: a\n    out: [a, b]\n"),
            "buf.gen.yaml:4:10: plugins[0].out must be a string, not a list"
        );
        assert_eq!(
            parse_err("version: v2\nclean: yes\nplugins:\n  - local: a\n    out: a\n"),
            "buf.gen.yaml:2:8: clean must be true or false"
        );
        assert_eq!(
            parse_err("version: v2\nplugins:\n  - protoc-gen-go\n"),
            "buf.gen.yaml:3:5: plugins[0] must be a mapping (key: value lines), not a scalar"
        );
        assert_eq!(
            parse_err("version: v2\nplugins: []\n"),
            "buf.gen.yaml:2:10: no plugins: list at least one under `plugins:`"
        );
        assert_eq!(
            parse_err(""),
            "buf.gen.yaml: the file is empty; it needs at least `version: v2` and `plugins:`"
        );
    }

    #[test]
    fn yaml_syntax_errors_name_the_line() {
        let message = parse_err("version: v2\nplugins:\n  - local: a\n   out: [a\n");
        assert!(message.starts_with("buf.gen.yaml:"), "{message}");
    }

    #[test]
    fn anchors_and_aliases() {
        let template = parse_ok(
            "version: v2\nplugins:\n  - local: a\n    out: a\n    opt: &common [x=1, y=2]\n  - local: b\n    out: b\n    opt: *common\n",
        );
        assert_eq!(template.plugins[1].opt, ["x=1", "y=2"]);
    }

    #[test]
    fn never_panics_on_damaged_files() {
        // The repository's template without its comments, damaged one byte
        // at a time.
        let text: String =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../buf.gen.yaml"))
                .unwrap()
                .lines()
                .filter(|line| !line.trim_start().starts_with('#'))
                .map(|line| format!("{line}\n"))
                .collect();
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            for replacement in [
                &b""[..],
                b":",
                b"-",
                b" ",
                b"\n",
                b"[",
                b"{",
                b"&a",
                b"*a",
                b"\t",
                b"'",
            ] {
                let mut damaged = bytes[..i].to_vec();
                damaged.extend_from_slice(replacement);
                damaged.extend_from_slice(&bytes[i + 1..]);
                let damaged = String::from_utf8_lossy(&damaged);
                let _ = parse(&damaged, "buf.gen.yaml", PathBuf::new());
            }
        }
    }

    #[test]
    fn quoted_values_are_strings() {
        let template = parse_ok("version: \"v2\"\nplugins:\n  - local: 'a'\n    out: \"123\"\n");
        assert_eq!(template.plugins[0].out, PathBuf::from("123"));
        assert_eq!(
            parse_err("version: v2\nclean: \"true\"\nplugins:\n  - local: a\n    out: a\n"),
            "buf.gen.yaml:2:8: clean must be true or false"
        );
    }
}
