//! `buf.gen.yaml` (version v2), the file `buf generate` reads, as
//! `protosmith generate`'s configuration.
//!
//! Read in buf's two layers:
//!
//! 1. a strict mirror of the YAML (`raw`, over `yaml`'s tree of values with
//!    their positions): every key buf's v2 schema has, each with the line and
//!    column it was written at; an unknown key is an error (`buf.gen.yaml:7:5:
//!    unknown key "oout" in plugins[2]: did you mean out?`);
//! 2. a validated [`GenTemplate`] (`validate`): exactly one of `local`/
//!    `remote`/`protoc_builtin`, `out` required, `opt` as a string or a list,
//!    strategy `directory` by default, as buf does.
//!
//! What buf can do and protosmith cannot (remote plugins, managed mode,
//! `inputs`, `types`) is an error naming the line, never silently ignored.
//! Every problem found is reported at once, one per line.

use std::path::{Path, PathBuf};

use raw::{Errors, RawTemplate};
use validate::validate;
use yaml::load_yaml;

mod raw;
mod validate;
mod yaml;

#[cfg(test)]
mod tests;

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
