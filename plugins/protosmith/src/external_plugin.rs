//! Running plugins that are not protosmith's own: any `local:` program of
//! buf.gen.yaml (protoc-gen-go, protoc-gen-es, ...) over the plugin protocol,
//! and protoc's built-in generators (`protoc_builtin: java`) through protoc.
//!
//! The requests are the ones buf 1.75 sends (checked against requests it
//! sent to a plugin that saves its stdin; see the `against_buf` test), so a
//! plugin writes the same files under `protosmith generate` as under
//! `buf generate`:
//!
//! * [`requests`] splits the files as buf does: `All` is one request with
//!   every file, sorted; `Directory` is one request per directory, directories
//!   sorted, files sorted within each.
//! * [`encode_request`] orders `proto_file` as buf builds its images: a
//!   depth-first walk of the files to generate, in the order given, each file
//!   after its imports (in `import` order); `file_to_generate` follows that
//!   order too (so an imported file comes before its importer, where protoc
//!   would keep the command line's order). The descriptors are the
//!   compiler's raw bytes, so custom options and unknown fields reach the
//!   plugin untouched. Like buf (and protoc 22+), the files to generate are
//!   also sent whole in `source_file_descriptors` (field 17), and their
//!   `proto_file` copies lose the options declared
//!   `retention = RETENTION_SOURCE`.
//! * [`encode_requests`] is both for one buf.gen.yaml entry, with
//!   `include_imports` and `include_wkt`.
//! * [`run_local`] runs a plugin program; [`run_protoc_builtin`] runs protoc.
//!
//! Where the bytes still differ from buf's, plugins see the same
//! descriptors: source info (protox records fewer spans than buf's
//! compiler: comments are the same), the order of fields inside options
//! messages (buf writes custom options first, protox like protoc in
//! field-number order), and the well-known types' own descriptors (each
//! compiler bundles its own copy of descriptor.proto & co).
//!
//! Nothing here writes to the output folder: plugins' files are returned, so
//! the caller can write every plugin's output only once all have succeeded.
//!
//! The code: `request` makes the requests, over `wire` (the descriptors'
//! bytes, read and written field by field) and `retention` (the
//! source-retention options taken out); `run` runs a local plugin, `protoc`
//! a protoc built-in.

pub use protoc::run_protoc_builtin;
pub use request::encode_requests;
// Called directly only by the tests; the CLI goes through encode_requests.
#[cfg(test)]
pub use request::{encode_request, requests};
pub use run::run_local;

mod protoc;
mod request;
mod retention;
mod run;
mod wire;

#[cfg(test)]
mod against_buf;
#[cfg(test)]
mod tests;

/// One file a plugin (or protoc) generated, relative to its `out` folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative, with `/` separators, never `..` nor absolute.
    pub name: String,
    pub content: Vec<u8>,
}
