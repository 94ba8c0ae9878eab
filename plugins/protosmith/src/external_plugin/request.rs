//! The `CodeGeneratorRequest`s buf sends: how the files to generate are
//! split into requests ([`requests`]), which imports join them
//! ([`encode_requests`]) and in what order the descriptors go
//! ([`SetFiles::encode`]).
//!
//! The descriptors are the compiler's bytes, copied: decoding them into
//! `prost_types` and encoding them again would drop unknown fields and
//! reorder custom options, which plugins would then not see as buf sends them.

use std::collections::{BTreeMap, HashMap, HashSet};

use prost::Message;

use super::retention::SourceRetention;
use super::wire::{FieldValue, FileView, for_each_field, put_bytes};
use crate::buf_gen::Strategy;

// CodeGeneratorRequest fields.
pub(super) const FILE_TO_GENERATE: u32 = 1;
pub(super) const PARAMETER: u32 = 2;
pub(super) const PROTO_FILE: u32 = 15;
pub(super) const SOURCE_FILE_DESCRIPTORS: u32 = 17;

/// Encodes the `CodeGeneratorRequest` buf sends for `files_to_generate`.
///
/// `descriptor_set` is a serialized `FileDescriptorSet` holding every file
/// to generate and all it imports (what protox's
/// `Compiler::encode_file_descriptor_set` gives with `include_imports`).
/// Fields: `file_to_generate` (1), `parameter` (2, omitted when empty),
/// `proto_file` (15), `source_file_descriptors` (17); no `compiler_version`,
/// as buf sends none.
#[cfg(test)]
pub fn encode_request(
    descriptor_set: &[u8],
    files_to_generate: &[String],
    parameter: &str,
) -> Result<Vec<u8>, String> {
    let files = SetFiles::decode(descriptor_set)?;
    let generate: HashSet<&str> = files_to_generate.iter().map(String::as_str).collect();
    files.encode(files_to_generate, parameter, |name| generate.contains(name))
}

/// Every request buf 1.75 sends one plugin entry for `files_to_generate`.
///
/// Without `include_imports`, one [`encode_request`] per group of
/// [`requests`]. With it, the imports of those files are generated too (the
/// well-known types only with `include_wkt`), as buf does it:
/// * `All`: one request, the files to generate walked as usual, every
///   import met on the way (but the excluded well-known types) generated too;
/// * `Directory`: the imports join the files to generate before they are
///   split by directory, so an import is generated in its own directory's
///   request, never in its importer's.
pub fn encode_requests(
    descriptor_set: &[u8],
    strategy: Strategy,
    files_to_generate: &[String],
    parameter: &str,
    include_imports: bool,
    include_wkt: bool,
) -> Result<Vec<Vec<u8>>, String> {
    let files = SetFiles::decode(descriptor_set)?;
    let mut roots = files_to_generate.to_vec();
    roots.sort();
    roots.dedup();
    let mut generate: HashSet<String> = roots.iter().cloned().collect();
    if include_imports {
        let mut order = Vec::new();
        let mut seen = HashSet::new();
        for name in &roots {
            files.visit(name, &mut seen, &mut order, &mut Vec::new())?;
        }
        generate.extend(
            order
                .iter()
                .map(|&index| files.files[index].name.clone())
                .filter(|name| include_wkt || !WELL_KNOWN_TYPES.contains(&name.as_str())),
        );
    }
    match strategy {
        Strategy::All => requests(strategy, &roots)
            .iter()
            .map(|group| files.encode(group, parameter, |name| generate.contains(name)))
            .collect(),
        Strategy::Directory => requests(strategy, &generate.into_iter().collect::<Vec<_>>())
            .iter()
            .map(|group| files.encode(group, parameter, |name| group.iter().any(|g| g == name)))
            .collect(),
    }
}

/// The files buf counts as well-known types (its `datawkt` package).
const WELL_KNOWN_TYPES: &[&str] = &[
    "google/protobuf/any.proto",
    "google/protobuf/api.proto",
    "google/protobuf/compiler/plugin.proto",
    "google/protobuf/cpp_features.proto",
    "google/protobuf/descriptor.proto",
    "google/protobuf/duration.proto",
    "google/protobuf/empty.proto",
    "google/protobuf/field_mask.proto",
    "google/protobuf/go_features.proto",
    "google/protobuf/java_features.proto",
    "google/protobuf/source_context.proto",
    "google/protobuf/struct.proto",
    "google/protobuf/timestamp.proto",
    "google/protobuf/type.proto",
    "google/protobuf/wrappers.proto",
];

/// Splits the files to generate into requests as buf does: `All` is one
/// request; `Directory` is one per directory (the path up to its last `/`,
/// `.` for none), directories sorted, the files sorted in each. Duplicates
/// are dropped; no files, no requests.
pub fn requests(strategy: Strategy, files_to_generate: &[String]) -> Vec<Vec<String>> {
    let mut files = files_to_generate.to_vec();
    files.sort();
    files.dedup();
    if files.is_empty() {
        return Vec::new();
    }
    match strategy {
        Strategy::All => vec![files],
        Strategy::Directory => {
            let mut by_dir: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for file in &files {
                let dir = file.rsplit_once('/').map_or(".", |(dir, _)| dir);
                by_dir.entry(dir).or_default().push(file.clone());
            }
            by_dir.into_values().collect()
        }
    }
}

/// One file of the set: its raw bytes, and a decoded view of them.
pub(super) struct SetFile<'a> {
    name: String,
    raw: &'a [u8],
    pub(super) view: FileView,
}

pub(super) struct SetFiles<'a> {
    pub(super) files: Vec<SetFile<'a>>,
    by_name: HashMap<String, usize>,
    /// Found once, on the first request that needs it.
    source_retention: std::cell::OnceCell<SourceRetention>,
}

impl<'a> SetFiles<'a> {
    fn decode(descriptor_set: &'a [u8]) -> Result<SetFiles<'a>, String> {
        const FILE: u32 = 1;
        let mut files = Vec::new();
        let mut by_name = HashMap::new();
        for_each_field(descriptor_set, |tag, field| {
            let FieldValue::Bytes(raw) = field else {
                return Ok(());
            };
            if tag != FILE {
                return Ok(());
            }
            let view = FileView::decode(raw).map_err(|e| format!("a file does not decode: {e}"))?;
            let name = view.name.clone().unwrap_or_default();
            if by_name.insert(name.clone(), files.len()).is_some() {
                return Err(format!("{name} is in it twice"));
            }
            files.push(SetFile { name, raw, view });
            Ok(())
        })
        .map_err(|e| format!("malformed FileDescriptorSet: {e}"))?;
        Ok(SetFiles {
            files,
            by_name,
            source_retention: std::cell::OnceCell::new(),
        })
    }

    /// The request for an image of `roots` (buf's `ImageWithOnlyPaths`):
    /// each root after its imports, depth first. `generate` is asked, in
    /// that order, whether each file is one to generate.
    fn encode(
        &self,
        roots: &[String],
        parameter: &str,
        mut generate: impl FnMut(&str) -> bool,
    ) -> Result<Vec<u8>, String> {
        for name in roots {
            if !self.by_name.contains_key(name.as_str()) {
                return Err(format!("{name} is not in the descriptor set"));
            }
        }
        let mut order = Vec::new();
        let mut seen = HashSet::new();
        for name in roots {
            self.visit(name, &mut seen, &mut order, &mut Vec::new())?;
        }
        let to_generate: Vec<bool> = order
            .iter()
            .map(|&index| generate(&self.files[index].name))
            .collect();
        let source_retention = self
            .source_retention
            .get_or_init(|| SourceRetention::new(self));
        let mut request = Vec::new();
        for (&index, _) in order.iter().zip(&to_generate).filter(|(_, g)| **g) {
            put_bytes(
                &mut request,
                FILE_TO_GENERATE,
                self.files[index].name.as_bytes(),
            );
        }
        if !parameter.is_empty() {
            put_bytes(&mut request, PARAMETER, parameter.as_bytes());
        }
        // Like buf (and protoc), the files to generate lose their
        // source-retention options here and are sent whole below.
        for (&index, &generated) in order.iter().zip(&to_generate) {
            let raw = self.files[index].raw;
            let stripped = generated
                .then(|| source_retention.strip_file(raw))
                .flatten();
            put_bytes(&mut request, PROTO_FILE, stripped.as_deref().unwrap_or(raw));
        }
        for (&index, _) in order.iter().zip(&to_generate).filter(|(_, g)| **g) {
            put_bytes(&mut request, SOURCE_FILE_DESCRIPTORS, self.files[index].raw);
        }
        Ok(request)
    }

    /// Appends `name`'s imports (depth first, in import order), then `name`.
    fn visit(
        &self,
        name: &str,
        seen: &mut HashSet<usize>,
        order: &mut Vec<usize>,
        path: &mut Vec<String>,
    ) -> Result<(), String> {
        let Some(&index) = self.by_name.get(name) else {
            return Err(format!(
                "{} imports {name}, which is not in the descriptor set",
                path.last().map_or("a file", String::as_str)
            ));
        };
        if !seen.insert(index) {
            return Ok(());
        }
        path.push(name.to_owned());
        for dependency in &self.files[index].view.dependency {
            self.visit(dependency, seen, order, path)?;
        }
        path.pop();
        order.push(index);
        Ok(())
    }
}
