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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use prost::Message;
use prost::bytes::Buf;
use prost::encoding::{
    DecodeContext, WireType, decode_key, decode_varint, encode_key, encode_varint, skip_field,
};
use prost_types::compiler::CodeGeneratorResponse;

use crate::buf_gen::Strategy;

/// One file a plugin (or protoc) generated, relative to its `out` folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative, with `/` separators, never `..` nor absolute.
    pub name: String,
    pub content: Vec<u8>,
}

// CodeGeneratorRequest fields.
const FILE_TO_GENERATE: u32 = 1;
const PARAMETER: u32 = 2;
const PROTO_FILE: u32 = 15;
const SOURCE_FILE_DESCRIPTORS: u32 = 17;

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

/// Runs a plugin program: `command` is the program and its arguments. A name
/// without a `/` is looked up on PATH (as buf does); a path is used as it
/// is (see `GenTemplate::command`, which makes relative paths relative to
/// the template's directory). The request goes to its stdin; its stdout must
/// be a `CodeGeneratorResponse`.
pub fn run_local(command: &[String], request: &[u8]) -> Result<Vec<OutputFile>, String> {
    run_local_with_path(command, request, std::env::var_os("PATH").as_deref())
}

fn run_local_with_path(
    command: &[String],
    request: &[u8],
    path_var: Option<&OsStr>,
) -> Result<Vec<OutputFile>, String> {
    let Some((name, args)) = command.split_first() else {
        return Err("a local plugin needs a program to run".to_owned());
    };
    let program = if name.contains('/') {
        let path = PathBuf::from(name);
        if !path.is_file() {
            return Err(format!("plugin {name} not found: there is no file {name}"));
        }
        path
    } else {
        find_on_path(name, path_var).ok_or_else(|| {
            format!(
                "plugin {name} not found on PATH: install it ({}) or give its path",
                install_hint(name)
            )
        })?
    };
    let spawn = || {
        Command::new(&program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    };
    // A plugin written just before (a build step, a test) can be briefly
    // "busy" while another thread forks: wait a little and try again.
    let mut child = spawn();
    for _ in 0..20 {
        match &child {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(50));
                child = spawn();
            }
            _ => break,
        }
    }
    let mut child =
        child.map_err(|e| format!("plugin {name}: cannot run {}: {e}", program.display()))?;
    // Write from another thread: a plugin may start answering before it has
    // read all of a large request. A plugin that exits without reading is
    // judged by its exit status and response, so a failed write is ignored.
    let mut stdin = child.stdin.take();
    let request = request.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&request);
        }
    });
    let output = child
        .wait_with_output()
        .map_err(|e| format!("plugin {name}: {e}"))?;
    let _ = writer.join();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let status = match output.status.code() {
            Some(code) => format!("exited with status {code}"),
            None => format!("was stopped ({})", output.status),
        };
        let stderr = stderr.trim_end();
        return Err(if stderr.is_empty() {
            format!("plugin {name}: {status}")
        } else {
            format!("plugin {name}: {status}:\n{stderr}")
        });
    }
    // What a successful plugin says on stderr is passed on, as buf does.
    if !stderr.is_empty() {
        eprint!("{stderr}");
    }
    response_files(name, &output.stdout)
}

/// Checks and unpacks a `CodeGeneratorResponse`.
fn response_files(name: &str, stdout: &[u8]) -> Result<Vec<OutputFile>, String> {
    let response = CodeGeneratorResponse::decode(stdout).map_err(|e| {
        format!(
            "plugin {name}: its output is not a CodeGeneratorResponse ({e}); is it a protoc plugin?"
        )
    })?;
    if let Some(error) = response.error {
        return Err(format!("plugin {name}: {error}"));
    }
    let mut files: Vec<OutputFile> = Vec::new();
    let mut names = HashSet::new();
    for file in response.file {
        if let Some(point) = file.insertion_point.as_deref().filter(|p| !p.is_empty()) {
            return Err(format!(
                "plugin {name}: {} uses insertion point \"{point}\", which protosmith does not support (insertion points edit another plugin's output: run those plugins with buf or protoc)",
                file.name()
            ));
        }
        let content = file.content.unwrap_or_default().into_bytes();
        match file.name.as_deref() {
            // The protocol: a file without a name continues the previous one.
            None | Some("") => match files.last_mut() {
                Some(previous) => previous.content.extend_from_slice(&content),
                None => {
                    return Err(format!("plugin {name}: its first file has no name"));
                }
            },
            Some(file_name) => {
                let normalized = normalize_output_name(file_name).ok_or_else(|| {
                    format!(
                        "plugin {name}: file name \"{file_name}\" is outside the output directory (it must be relative, without ..)"
                    )
                })?;
                if !names.insert(normalized.clone()) {
                    return Err(format!("plugin {name}: wrote {normalized} twice"));
                }
                files.push(OutputFile {
                    name: normalized,
                    content,
                });
            }
        }
    }
    Ok(files)
}

/// `a/./b.go` -> `a/b.go`; `None` for absolute names and names with `..`.
fn normalize_output_name(name: &str) -> Option<String> {
    if name.starts_with(['/', '\\']) || name.contains('\\') {
        return None;
    }
    let mut parts = Vec::new();
    for component in Path::new(name).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// How to install a well-known plugin, for the not-found message.
fn install_hint(name: &str) -> String {
    let how = match name {
        "protoc-gen-go" => "go install google.golang.org/protobuf/cmd/protoc-gen-go@latest",
        "protoc-gen-go-grpc" => "go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@latest",
        "protoc-gen-connect-go" => {
            "go install connectrpc.com/connect/cmd/protoc-gen-connect-go@latest"
        }
        "protoc-gen-es" => {
            "npm install --save-dev @bufbuild/protoc-gen-es, then add node_modules/.bin to PATH"
        }
        "protoc-gen-prost" => "cargo install protoc-gen-prost",
        "protoc-gen-tonic" => "cargo install protoc-gen-tonic",
        "protoc-gen-errors" | "protoc-gen-test" | "protoc-gen-docs" => {
            return format!("cargo build -p {name}, then use local: target/debug/{name}");
        }
        _ => return "see the plugin's documentation".to_owned(),
    };
    how.to_owned()
}

/// The first executable file called `name` in the PATH's directories, as
/// Go's `exec.LookPath` (which buf uses) finds it.
fn find_on_path(name: &str, path_var: Option<&OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path_var?)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Runs one of protoc's own generators (`protoc_builtin: java`) on a
/// request made by [`encode_request`] or [`encode_requests`], as buf does:
/// protoc gets the request's descriptors with `--descriptor_set_in` (the
/// files to generate with their source-retention options, as in
/// `source_file_descriptors`), `--<name>_out` (a temporary folder, whose
/// files are returned for the caller to write with the other plugins'
/// output), `--<name>_opt` with the request's parameter, and the files to
/// generate. So protoc parses nothing and needs no include path, and sees
/// the same descriptors as every other plugin. `protoc` is `protoc_path` of
/// buf.gen.yaml; without it, protoc is looked up on PATH.
pub fn run_protoc_builtin(
    name: &str,
    protoc: Option<&str>,
    request: &[u8],
) -> Result<Vec<OutputFile>, String> {
    run_protoc_builtin_with_path(name, protoc, request, std::env::var_os("PATH").as_deref())
}

fn run_protoc_builtin_with_path(
    name: &str,
    protoc: Option<&str>,
    request: &[u8],
    path_var: Option<&OsStr>,
) -> Result<Vec<OutputFile>, String> {
    let plugin = format!("protoc_builtin \"{name}\"");
    let program = match protoc {
        Some(path) if path.contains('/') => {
            let path = PathBuf::from(path);
            if !path.is_file() {
                return Err(format!("{plugin}: protoc_path {} does not exist", path.display()));
            }
            path
        }
        Some(program) => find_on_path(program, path_var)
            .ok_or_else(|| format!("{plugin}: protoc_path {program} is not on PATH"))?,
        None => find_on_path("protoc", path_var).ok_or_else(|| {
            format!(
                "{plugin} needs protoc, which is not installed: install it (apt-get install protobuf-compiler) or set protoc_path"
            )
        })?,
    };
    // The request, taken apart: its descriptors (the source versions of the
    // files to generate), parameter and files to generate.
    let mut files_to_generate = Vec::new();
    let mut parameter = String::new();
    let mut proto_files: Vec<&[u8]> = Vec::new();
    let mut source_files: HashMap<String, &[u8]> = HashMap::new();
    for_each_field(request, |tag, value| {
        let FieldValue::Bytes(bytes) = value else {
            return Ok(());
        };
        let text =
            || String::from_utf8(bytes.to_vec()).map_err(|_| "a string is not UTF-8".to_owned());
        match tag {
            FILE_TO_GENERATE => files_to_generate.push(text()?),
            PARAMETER => parameter = text()?,
            PROTO_FILE => proto_files.push(bytes),
            SOURCE_FILE_DESCRIPTORS => {
                let view = FileView::decode(bytes).map_err(|e| e.to_string())?;
                source_files.insert(view.name.unwrap_or_default(), bytes);
            }
            _ => {}
        }
        Ok(())
    })
    .map_err(|e| format!("{plugin}: malformed CodeGeneratorRequest: {e}"))?;
    let mut descriptor_set = Vec::new();
    for file in proto_files {
        let view = FileView::decode(file)
            .map_err(|e| format!("{plugin}: malformed CodeGeneratorRequest: {e}"))?;
        let file = view
            .name
            .and_then(|name| source_files.get(&name).copied())
            .unwrap_or(file);
        put_bytes(&mut descriptor_set, 1, file);
    }
    let work = tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let set_path = work.path().join("request.binpb");
    std::fs::write(&set_path, &descriptor_set)
        .map_err(|e| format!("cannot write {}: {e}", set_path.display()))?;
    let out = work.path().join("out");
    std::fs::create_dir(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    let mut args: Vec<OsString> = Vec::new();
    let mut set_arg = OsString::from("--descriptor_set_in=");
    set_arg.push(&set_path);
    args.push(set_arg);
    let mut out_arg = OsString::from(format!("--{name}_out="));
    out_arg.push(&out);
    args.push(out_arg);
    // protoc 3.12 to 3.14 take proto3 optional fields only when asked to.
    if protoc_version(&program).is_some_and(|v| ((3, 12)..(3, 15)).contains(&v)) {
        args.push("--experimental_allow_proto3_optional".into());
    }
    if !parameter.is_empty() {
        args.push(format!("--{name}_opt={parameter}").into());
    }
    args.extend(files_to_generate.iter().map(OsString::from));
    let output = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{plugin}: cannot run {}: {e}", program.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{plugin}: protoc failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    if !output.stderr.is_empty() {
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
    }
    let mut found = Vec::new();
    collect_files(&out, &out, &mut found)?;
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// protoc's (major, minor) version, from `protoc --version` ("libprotoc 3.21.12",
/// "libprotoc 29.3": minor versions since 4.x are printed as majors).
fn protoc_version(protoc: &Path) -> Option<(u32, u32)> {
    let output = Command::new(protoc).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let version = text.split_whitespace().nth(1)?;
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten().unwrap_or(0);
    Some((major, minor))
}

fn collect_files(root: &Path, dir: &Path, found: &mut Vec<OutputFile>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_files(root, &path, found)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let content =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            found.push(OutputFile { name, content });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The descriptor set, raw
// ---------------------------------------------------------------------------

/// One file of the set: its raw bytes, and a decoded view of them.
struct SetFile<'a> {
    name: String,
    raw: &'a [u8],
    view: FileView,
}

// Views of the descriptor messages: only the fields read here. (prost-types
// 0.14's `FieldOptions` predates `retention`, field 17.) What they leave out
// is never re-encoded: requests carry the raw bytes.

#[derive(Clone, PartialEq, Message)]
struct FileView {
    #[prost(string, optional, tag = "1")]
    name: Option<String>,
    #[prost(string, optional, tag = "2")]
    package: Option<String>,
    #[prost(string, repeated, tag = "3")]
    dependency: Vec<String>,
    #[prost(message, repeated, tag = "4")]
    message_type: Vec<MessageView>,
    #[prost(message, repeated, tag = "7")]
    extension: Vec<FieldView>,
}

#[derive(Clone, PartialEq, Message)]
struct MessageView {
    #[prost(string, optional, tag = "1")]
    name: Option<String>,
    #[prost(message, repeated, tag = "2")]
    field: Vec<FieldView>,
    #[prost(message, repeated, tag = "3")]
    nested_type: Vec<MessageView>,
    #[prost(message, repeated, tag = "6")]
    extension: Vec<FieldView>,
}

#[derive(Clone, PartialEq, Message)]
struct FieldView {
    #[prost(string, optional, tag = "2")]
    extendee: Option<String>,
    #[prost(int32, optional, tag = "3")]
    number: Option<i32>,
    #[prost(message, optional, tag = "8")]
    options: Option<FieldOptionsView>,
}

#[derive(Clone, PartialEq, Message)]
struct FieldOptionsView {
    #[prost(int32, optional, tag = "17")]
    retention: Option<i32>,
}

struct SetFiles<'a> {
    files: Vec<SetFile<'a>>,
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

fn put_bytes(out: &mut Vec<u8>, tag: u32, bytes: &[u8]) {
    encode_key(tag, WireType::LengthDelimited, out);
    encode_varint(bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

enum FieldValue<'a> {
    Bytes(&'a [u8]),
    Other,
}

/// Calls `visit` with each field of a message and the raw bytes it spans
/// (key included), in order.
fn for_each_field_raw<'a>(
    message: &'a [u8],
    mut visit: impl FnMut(u32, FieldValue<'a>, &'a [u8]) -> Result<(), String>,
) -> Result<(), String> {
    let mut rest = message;
    while rest.has_remaining() {
        let start = rest;
        let (tag, wire_type) = decode_key(&mut rest).map_err(|e| e.to_string())?;
        let value = if wire_type == WireType::LengthDelimited {
            let len = usize::try_from(decode_varint(&mut rest).map_err(|e| e.to_string())?)
                .unwrap_or(usize::MAX);
            if len > rest.len() {
                return Err("a field runs past the end of its message".to_owned());
            }
            let (bytes, after) = rest.split_at(len);
            rest = after;
            FieldValue::Bytes(bytes)
        } else {
            skip_field(wire_type, tag, &mut rest, DecodeContext::default())
                .map_err(|e| e.to_string())?;
            FieldValue::Other
        };
        let consumed = start.len() - rest.len();
        visit(tag, value, &start[..consumed])?;
    }
    Ok(())
}

fn for_each_field<'a>(
    message: &'a [u8],
    mut visit: impl FnMut(u32, FieldValue<'a>) -> Result<(), String>,
) -> Result<(), String> {
    for_each_field_raw(message, |tag, value, _| visit(tag, value))
}

// ---------------------------------------------------------------------------
// Source-retention options
// ---------------------------------------------------------------------------

/// The option fields declared `retention = RETENTION_SOURCE`, which buf and
/// protoc leave out of `proto_file` for the files to generate (they stay in
/// `source_file_descriptors`).
struct SourceRetention {
    /// Per options message (`google.protobuf.FieldOptions`, ...): the numbers
    /// of its source-retention fields and extensions.
    source_only: HashMap<String, HashSet<i32>>,
}

impl SourceRetention {
    fn new(files: &SetFiles<'_>) -> SourceRetention {
        const RETENTION_SOURCE: i32 = 2;
        let mut source_only: HashMap<String, HashSet<i32>> = HashMap::new();
        let mut note = |owner: &str, field: &FieldView| {
            let owner = match &field.extendee {
                Some(extendee) => extendee.trim_start_matches('.').to_owned(),
                None => owner.to_owned(),
            };
            let number = field.number.unwrap_or_default();
            if field
                .options
                .as_ref()
                .is_some_and(|o| o.retention == Some(RETENTION_SOURCE))
            {
                source_only.entry(owner).or_default().insert(number);
            }
        };
        fn walk(prefix: &str, message: &MessageView, note: &mut impl FnMut(&str, &FieldView)) {
            let name = format!("{prefix}{}", message.name.as_deref().unwrap_or_default());
            for field in message.field.iter().chain(&message.extension) {
                note(&name, field);
            }
            for nested in &message.nested_type {
                walk(&format!("{name}."), nested, note);
            }
        }
        for file in &files.files {
            let prefix = match file.view.package.as_deref().unwrap_or_default() {
                "" => String::new(),
                package => format!("{package}."),
            };
            for field in &file.view.extension {
                note("", field);
            }
            for message in &file.view.message_type {
                walk(&prefix, message, &mut note);
            }
        }
        SourceRetention { source_only }
    }

    /// The file without source-retention options, or `None` when it has
    /// none (the bytes are then sent unchanged, as buf does).
    fn strip_file(&self, file: &[u8]) -> Option<Vec<u8>> {
        if self.source_only.is_empty() {
            return None;
        }
        let stripped = self.strip(file, Descriptor::File).ok()?;
        (stripped != file).then_some(stripped)
    }

    /// Rewrites a descriptor message, stripping the options inside it.
    fn strip(&self, message: &[u8], kind: Descriptor) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(message.len());
        for_each_field_raw(message, |tag, value, raw| {
            match (value, kind.child(tag)) {
                (FieldValue::Bytes(bytes), Some(Child::Descriptor(child))) => {
                    put_bytes(&mut out, tag, &self.strip(bytes, child)?);
                }
                (FieldValue::Bytes(bytes), Some(Child::Options(options))) => {
                    // An options message left empty is still sent (present, empty).
                    put_bytes(&mut out, tag, &self.strip_options(bytes, options)?);
                }
                _ => out.extend_from_slice(raw),
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Drops the source-retention fields of an options message. Like buf
    /// 1.75, only the options' own fields: a source-retention field inside
    /// a message-typed option value is kept.
    fn strip_options(&self, message: &[u8], type_name: &str) -> Result<Vec<u8>, String> {
        let Some(drop) = self.source_only.get(type_name) else {
            return Ok(message.to_vec());
        };
        let mut out = Vec::with_capacity(message.len());
        for_each_field_raw(message, |tag, _, raw| {
            if !i32::try_from(tag).is_ok_and(|number| drop.contains(&number)) {
                out.extend_from_slice(raw);
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// The descriptor messages that can hold options, for the walk.
#[derive(Clone, Copy, Debug)]
enum Descriptor {
    File,
    Message,
    Field,
    Oneof,
    Enum,
    EnumValue,
    Service,
    Method,
    ExtensionRange,
}

enum Child {
    Descriptor(Descriptor),
    /// The full name of an options message.
    Options(&'static str),
}

impl Descriptor {
    /// What field `tag` of this descriptor holds, when it can hold options.
    fn child(self, tag: u32) -> Option<Child> {
        use Descriptor::*;
        let descriptor = match (self, tag) {
            (File, 4) | (Message, 3) => Message,
            (File, 5) | (Message, 4) => Enum,
            (File, 6) => Service,
            (File, 7) | (Message, 2 | 6) => Field,
            (Message, 5) => ExtensionRange,
            (Message, 8) => Oneof,
            (Enum, 2) => EnumValue,
            (Service, 2) => Method,
            _ => {
                let options = match (self, tag) {
                    (File, 8) => "google.protobuf.FileOptions",
                    (Message, 7) => "google.protobuf.MessageOptions",
                    (Field, 8) => "google.protobuf.FieldOptions",
                    (Oneof, 2) => "google.protobuf.OneofOptions",
                    (Enum, 3) => "google.protobuf.EnumOptions",
                    (EnumValue, 3) => "google.protobuf.EnumValueOptions",
                    (Service, 3) => "google.protobuf.ServiceOptions",
                    (Method, 4) => "google.protobuf.MethodOptions",
                    (ExtensionRange, 3) => "google.protobuf.ExtensionRangeOptions",
                    _ => return None,
                };
                return Some(Child::Options(options));
            }
        };
        Some(Child::Descriptor(descriptor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost_types::compiler::code_generator_response::File as ResponseFile;

    const PROTO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../proto");

    /// protox's descriptor set for `files` under `root`, as `protosmith generate` makes it.
    fn compile(root: &Path, files: &[&str]) -> Vec<u8> {
        let mut compiler = protox::Compiler::new([root]).unwrap();
        compiler.include_imports(true).include_source_info(true);
        compiler.open_files(files).unwrap();
        compiler.encode_file_descriptor_set()
    }

    /// The length-delimited fields of a message: (tag, bytes), in order.
    fn fields(message: &[u8]) -> Vec<(u32, Vec<u8>)> {
        let mut out = Vec::new();
        for_each_field(message, |tag, value| {
            if let FieldValue::Bytes(bytes) = value {
                out.push((tag, bytes.to_vec()));
            }
            Ok(())
        })
        .unwrap();
        out
    }

    fn file_name(file: &[u8]) -> String {
        FileView::decode(file).unwrap().name.unwrap()
    }

    fn names(request: &[u8], tag: u32) -> Vec<String> {
        fields(request)
            .into_iter()
            .filter(|(t, _)| *t == tag)
            .map(|(_, bytes)| match tag {
                FILE_TO_GENERATE | PARAMETER => String::from_utf8(bytes).unwrap(),
                _ => file_name(&bytes),
            })
            .collect()
    }

    fn set_files(set: &[u8]) -> HashMap<String, Vec<u8>> {
        fields(set)
            .into_iter()
            .map(|(_, bytes)| (file_name(&bytes), bytes))
            .collect()
    }

    #[test]
    fn request_carries_the_raw_descriptors_with_custom_options() {
        let set = compile(Path::new(PROTO), &["acme/order/v1/order.proto"]);
        let request = encode_request(&set, &["acme/order/v1/order.proto".into()], "a=b,c").unwrap();
        assert_eq!(
            names(&request, FILE_TO_GENERATE),
            ["acme/order/v1/order.proto"]
        );
        assert_eq!(names(&request, PARAMETER), ["a=b,c"]);
        assert_eq!(
            names(&request, PROTO_FILE),
            [
                "google/protobuf/descriptor.proto",
                "protosmith/errors/v1/options.proto",
                "acme/order/v1/order.proto"
            ]
        );
        assert_eq!(
            names(&request, SOURCE_FILE_DESCRIPTORS),
            ["acme/order/v1/order.proto"]
        );
        // Byte for byte what protox produced: nothing decoded and re-encoded.
        let originals = set_files(&set);
        for (tag, bytes) in fields(&request) {
            if tag == PROTO_FILE || tag == SOURCE_FILE_DESCRIPTORS {
                assert_eq!(bytes, originals[&file_name(&bytes)]);
            }
        }
        // No compiler_version (3), as buf; fields in number order.
        let tags: Vec<u32> = fields(&request).iter().map(|(t, _)| *t).collect();
        assert_eq!(tags, [1, 2, 15, 15, 15, 17]);

        // A plugin reading it sees the custom options.
        let decoded = protosmith_core::Input::from_request(&request).unwrap();
        assert_eq!(decoded.parameter, "a=b,c");
        assert_eq!(
            decoded.input.files_to_generate,
            ["acme/order/v1/order.proto"]
        );
        let pool = &decoded.input.pool;
        let extension = pool
            .get_extension_by_name("protosmith.errors.v1.error")
            .unwrap();
        let value = pool
            .get_enum_by_name("acme.order.v1.OrderError")
            .unwrap()
            .get_value_by_name("ORDER_ERROR_NOT_FOUND")
            .unwrap()
            .options();
        assert!(
            value.has_extension(&extension),
            "the (protosmith.errors.v1.error) option was lost"
        );
        let error = value.get_extension(&extension);
        let msg = error
            .as_message()
            .unwrap()
            .get_field_by_name("msg")
            .unwrap();
        assert_eq!(msg.as_str(), Some("order {order_id} not found"));
    }

    #[test]
    fn request_decodes_with_prost_types() {
        let set = compile(
            Path::new(PROTO),
            &["acme/user/v1/user.proto", "acme/user/v1/errors.proto"],
        );
        let files = [
            "acme/user/v1/user.proto".to_owned(),
            "acme/user/v1/errors.proto".to_owned(),
        ];
        let request = encode_request(&set, &files, "").unwrap();
        let decoded =
            prost_types::compiler::CodeGeneratorRequest::decode(request.as_slice()).unwrap();
        assert_eq!(decoded.parameter, None, "an empty parameter is left out");
        assert_eq!(decoded.compiler_version, None);
        // Neither imports the other: the order given (sorted, by requests()).
        assert_eq!(decoded.file_to_generate, files);
        assert_eq!(decoded.proto_file.len(), 2);
        assert_eq!(names(&request, SOURCE_FILE_DESCRIPTORS), files);
    }

    /// A module in a temp dir: (path, content) pairs.
    fn module(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        dir
    }

    #[test]
    fn proto_files_are_ordered_as_buf_builds_images() {
        // a/a.proto imports d/y.proto; d/x.proto imports nothing. The whole
        // set is y, a, x; buf's request for directory d is x, y: a depth-first
        // walk of the files to generate, imports first.
        let dir = module(&[
            (
                "a/a.proto",
                "syntax = \"proto3\"; package a; import \"d/y.proto\";",
            ),
            ("d/x.proto", "syntax = \"proto3\"; package d;"),
            (
                "d/y.proto",
                "syntax = \"proto3\"; package d; import \"e/z.proto\";",
            ),
            ("e/z.proto", "syntax = \"proto3\"; package e;"),
        ]);
        let set = compile(
            dir.path(),
            &["a/a.proto", "d/x.proto", "d/y.proto", "e/z.proto"],
        );
        let all = ["a/a.proto", "d/x.proto", "d/y.proto", "e/z.proto"].map(String::from);
        let by_dir = requests(Strategy::Directory, &all);
        assert_eq!(
            by_dir,
            [
                vec!["a/a.proto".to_owned()],
                vec!["d/x.proto".to_owned(), "d/y.proto".to_owned()],
                vec!["e/z.proto".to_owned()]
            ]
        );
        let request = encode_request(&set, &by_dir[1], "").unwrap();
        assert_eq!(
            names(&request, FILE_TO_GENERATE),
            ["d/x.proto", "d/y.proto"]
        );
        assert_eq!(
            names(&request, PROTO_FILE),
            ["d/x.proto", "e/z.proto", "d/y.proto"]
        );
        // With every file, an imported file comes before its importer, in
        // file_to_generate too (protoc would keep the command line's order).
        let request = encode_request(&set, &requests(Strategy::All, &all)[0], "").unwrap();
        assert_eq!(
            names(&request, FILE_TO_GENERATE),
            ["e/z.proto", "d/y.proto", "a/a.proto", "d/x.proto"]
        );
        assert_eq!(
            names(&request, FILE_TO_GENERATE),
            names(&request, PROTO_FILE)
        );
    }

    #[test]
    fn include_imports_as_buf_does() {
        // What buf 1.75 sent for `buf generate --path p/b/b.proto --path p/c`
        // (b/b.proto imports z/z.proto and b/x.proto; b/x.proto and c/c.proto
        // import a/a.proto), captured with a plugin that saves its stdin.
        let dir = module(&[
            ("a/a.proto", "syntax = \"proto3\"; package a;"),
            ("z/z.proto", "syntax = \"proto3\"; package z;"),
            (
                "b/b.proto",
                "syntax = \"proto3\"; package b; import \"z/z.proto\"; import \"b/x.proto\";",
            ),
            (
                "b/x.proto",
                "syntax = \"proto3\"; package b; import \"a/a.proto\";",
            ),
            (
                "c/c.proto",
                "syntax = \"proto3\"; package c; import \"a/a.proto\";",
            ),
            (
                "google/protobuf/empty.proto",
                "syntax = \"proto3\"; package google.protobuf; message Empty {}",
            ),
            (
                "d/d.proto",
                "syntax = \"proto3\"; package d; import \"google/protobuf/empty.proto\";",
            ),
        ]);
        let set = compile(dir.path(), &["b/b.proto", "c/c.proto", "d/d.proto"]);
        let files = ["c/c.proto", "b/b.proto"].map(String::from);
        let summary = |requests: Vec<Vec<u8>>| -> Vec<(Vec<String>, Vec<String>)> {
            requests
                .iter()
                .map(|r| (names(r, FILE_TO_GENERATE), names(r, PROTO_FILE)))
                .collect()
        };
        let all = encode_requests(&set, Strategy::All, &files, "", true, false).unwrap();
        assert_eq!(
            summary(all),
            [(
                vec![
                    "z/z.proto",
                    "a/a.proto",
                    "b/x.proto",
                    "b/b.proto",
                    "c/c.proto"
                ]
                .into_iter()
                .map(String::from)
                .collect(),
                vec![
                    "z/z.proto",
                    "a/a.proto",
                    "b/x.proto",
                    "b/b.proto",
                    "c/c.proto"
                ]
                .into_iter()
                .map(String::from)
                .collect(),
            )]
        );
        // Each import in its own directory's request.
        let by_dir = encode_requests(&set, Strategy::Directory, &files, "", true, false).unwrap();
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            summary(by_dir),
            [
                (s(&["a/a.proto"]), s(&["a/a.proto"])),
                (
                    s(&["b/x.proto", "b/b.proto"]),
                    s(&["z/z.proto", "a/a.proto", "b/x.proto", "b/b.proto"])
                ),
                (s(&["c/c.proto"]), s(&["a/a.proto", "c/c.proto"])),
                (s(&["z/z.proto"]), s(&["z/z.proto"])),
            ]
        );
        // Without include_imports: the files alone.
        let plain = encode_requests(&set, Strategy::Directory, &files, "", false, true).unwrap();
        assert_eq!(
            summary(plain),
            [
                (
                    s(&["b/b.proto"]),
                    s(&["z/z.proto", "a/a.proto", "b/x.proto", "b/b.proto"])
                ),
                (s(&["c/c.proto"]), s(&["a/a.proto", "c/c.proto"])),
            ]
        );
        // Well-known types only with include_wkt.
        let d = ["d/d.proto".to_owned()];
        let without = encode_requests(&set, Strategy::All, &d, "", true, false).unwrap();
        assert_eq!(names(&without[0], FILE_TO_GENERATE), ["d/d.proto"]);
        let with = encode_requests(&set, Strategy::All, &d, "", true, true).unwrap();
        assert_eq!(
            names(&with[0], FILE_TO_GENERATE),
            ["google/protobuf/empty.proto", "d/d.proto"]
        );
    }

    #[test]
    fn requests_group_by_directory_like_buf() {
        let files = [
            "b/v1/z.proto",
            "a/v1/y.proto",
            "root.proto",
            "a/v1/x.proto",
            "a/v1/sub/w.proto",
            "a/v1/x.proto",
        ]
        .map(String::from);
        assert_eq!(
            requests(Strategy::Directory, &files),
            [
                vec!["root.proto"],
                vec!["a/v1/x.proto", "a/v1/y.proto"],
                vec!["a/v1/sub/w.proto"],
                vec!["b/v1/z.proto"],
            ]
        );
        assert_eq!(
            requests(Strategy::All, &files),
            [vec![
                "a/v1/sub/w.proto",
                "a/v1/x.proto",
                "a/v1/y.proto",
                "b/v1/z.proto",
                "root.proto"
            ]]
        );
        assert!(requests(Strategy::All, &[]).is_empty());
        assert!(requests(Strategy::Directory, &[]).is_empty());
    }

    const RETENTION: &str = r#"syntax = "proto3";
package r.v1;
import "google/protobuf/descriptor.proto";
message Tags {
  string source_only = 1 [retention = RETENTION_SOURCE];
  string kept = 2;
}
extend google.protobuf.MessageOptions {
  string note = 50001 [retention = RETENTION_SOURCE];
  string label = 50002;
  Tags tags = 50003;
}
message M {
  option (note) = "only in source";
  option (label) = "kept";
  option (tags) = {source_only: "x", kept: "y"};
  string f = 1;
}
"#;

    #[test]
    fn source_retention_options_only_reach_source_file_descriptors() {
        let dir = module(&[("r/v1/r.proto", RETENTION)]);
        let set = compile(dir.path(), &["r/v1/r.proto"]);
        let request = encode_request(&set, &["r/v1/r.proto".into()], "").unwrap();
        let proto_file = fields(&request)
            .into_iter()
            .find(|(tag, bytes)| *tag == PROTO_FILE && file_name(bytes) == "r/v1/r.proto")
            .unwrap()
            .1;
        let source = fields(&request)
            .into_iter()
            .find(|(tag, _)| *tag == SOURCE_FILE_DESCRIPTORS)
            .unwrap()
            .1;
        assert_eq!(source, set_files(&set)["r/v1/r.proto"]);
        let contains = |haystack: &[u8], needle: &str| {
            haystack
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
        };
        assert!(contains(&source, "only in source"));
        assert!(!contains(&proto_file, "only in source"));
        assert!(contains(&proto_file, "kept"));
        // Not inside a message-typed option value: buf 1.75 keeps
        // `source_only: "x"` there (field 1, length 1, "x").
        assert!(contains(&proto_file, "\x0a\x01x"));
        assert!(contains(&proto_file, "\x12\x01y"));
        // Imports keep everything.
        let request = encode_request(&set, &[], "").unwrap();
        assert!(names(&request, PROTO_FILE).is_empty());
    }

    #[test]
    fn encode_request_errors() {
        let set = compile(Path::new(PROTO), &["acme/user/v1/user.proto"]);
        assert_eq!(
            encode_request(&set, &["nope.proto".into()], "").unwrap_err(),
            "nope.proto is not in the descriptor set"
        );
        let partial = fields(&compile(Path::new(PROTO), &["acme/order/v1/order.proto"]))
            .into_iter()
            .filter(|(_, bytes)| file_name(bytes) == "acme/order/v1/order.proto")
            .fold(Vec::new(), |mut set, (_, bytes)| {
                put_bytes(&mut set, 1, &bytes);
                set
            });
        assert_eq!(
            encode_request(&partial, &["acme/order/v1/order.proto".into()], "").unwrap_err(),
            "acme/order/v1/order.proto imports protosmith/errors/v1/options.proto, which is not in the descriptor set"
        );
        assert!(
            encode_request(&[0x0a, 0x05, 1], &[], "")
                .unwrap_err()
                .starts_with("malformed FileDescriptorSet: ")
        );
    }

    // -- running plugins ----------------------------------------------------

    /// A plugin that reads its request and answers `response`.
    fn canned_plugin(dir: &Path, response: &[u8]) -> Vec<String> {
        let answer = dir.join("response.bin");
        std::fs::write(&answer, response).unwrap();
        script(
            dir,
            &format!("cat > /dev/null\ncat '{}'\n", answer.display()),
        )
    }

    fn script(dir: &Path, body: &str) -> Vec<String> {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("protoc-gen-canned");
        std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        vec![path.display().to_string()]
    }

    fn response(files: Vec<ResponseFile>, error: Option<&str>) -> Vec<u8> {
        CodeGeneratorResponse {
            error: error.map(str::to_owned),
            file: files,
            ..Default::default()
        }
        .encode_to_vec()
    }

    fn file(name: Option<&str>, content: &str) -> ResponseFile {
        ResponseFile {
            name: name.map(str::to_owned),
            content: Some(content.to_owned()),
            ..Default::default()
        }
    }

    fn run_err(command: &[String]) -> String {
        let error = run_local(command, b"request").unwrap_err();
        error.replace(&command[0], "PLUGIN")
    }

    #[test]
    fn run_local_returns_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let command = canned_plugin(
            dir.path(),
            &response(
                vec![
                    file(Some("a/./b.txt"), "one "),
                    file(None, "continued"),
                    file(Some("c.txt"), ""),
                ],
                None,
            ),
        );
        let files = run_local(&command, &[1; 300_000]).unwrap();
        assert_eq!(
            files,
            [
                OutputFile {
                    name: "a/b.txt".into(),
                    content: b"one continued".to_vec()
                },
                OutputFile {
                    name: "c.txt".into(),
                    content: Vec::new()
                }
            ]
        );
    }

    #[test]
    fn run_local_passes_arguments_and_the_request() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("seen");
        let mut command = script(
            dir.path(),
            &format!(
                "cat > '{}'\necho \"$1\" >> '{}'\n",
                copy.display(),
                copy.display()
            ),
        );
        command.push("--flag".into());
        assert_eq!(run_local(&command, b"REQ\n").unwrap(), []);
        assert_eq!(std::fs::read_to_string(copy).unwrap(), "REQ\n--flag\n");
    }

    #[test]
    fn plugin_errors() {
        let dir = tempfile::tempdir().unwrap();
        let command = canned_plugin(dir.path(), &response(vec![], Some("bad option x")));
        assert_eq!(run_err(&command), "plugin PLUGIN: bad option x");

        let command = script(dir.path(), "cat > /dev/null\necho 'it broke' >&2\nexit 3\n");
        assert_eq!(
            run_err(&command),
            "plugin PLUGIN: exited with status 3:\nit broke"
        );

        let command = script(dir.path(), "exit 1\n");
        assert_eq!(run_err(&command), "plugin PLUGIN: exited with status 1");

        let command = script(
            dir.path(),
            "cat > /dev/null\nprintf 'not a response\\377'\n",
        );
        assert!(
            run_err(&command)
                .starts_with("plugin PLUGIN: its output is not a CodeGeneratorResponse ("),
            "{}",
            run_err(&command)
        );
        assert!(run_err(&command).ends_with("); is it a protoc plugin?"));
    }

    #[test]
    fn insertion_points_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut insert = file(Some("a.pb.go"), "x");
        insert.insertion_point = Some("imports".into());
        let command = canned_plugin(dir.path(), &response(vec![insert], None));
        assert_eq!(
            run_err(&command),
            "plugin PLUGIN: a.pb.go uses insertion point \"imports\", which protosmith does not support (insertion points edit another plugin's output: run those plugins with buf or protoc)"
        );
    }

    #[test]
    fn file_names_must_stay_in_the_output_directory() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["../evil.go", "/etc/passwd", "a/../../b", "a\\..\\b", "."] {
            let command = canned_plugin(dir.path(), &response(vec![file(Some(name), "x")], None));
            assert_eq!(
                run_err(&command),
                format!(
                    "plugin PLUGIN: file name \"{name}\" is outside the output directory (it must be relative, without ..)"
                )
            );
        }
        let command = canned_plugin(dir.path(), &response(vec![file(None, "x")], None));
        assert_eq!(
            run_err(&command),
            "plugin PLUGIN: its first file has no name"
        );
        let command = canned_plugin(
            dir.path(),
            &response(
                vec![file(Some("a.go"), "x"), file(Some("./a.go"), "y")],
                None,
            ),
        );
        assert_eq!(run_err(&command), "plugin PLUGIN: wrote a.go twice");
    }

    #[test]
    fn missing_plugins() {
        let no_path = Some(OsStr::new(""));
        assert_eq!(
            run_local_with_path(&["protoc-gen-go".into()], b"", no_path).unwrap_err(),
            "plugin protoc-gen-go not found on PATH: install it (go install google.golang.org/protobuf/cmd/protoc-gen-go@latest) or give its path"
        );
        assert_eq!(
            run_local_with_path(&["protoc-gen-mine".into()], b"", no_path).unwrap_err(),
            "plugin protoc-gen-mine not found on PATH: install it (see the plugin's documentation) or give its path"
        );
        assert_eq!(
            run_local_with_path(&["protoc-gen-docs".into()], b"", None).unwrap_err(),
            "plugin protoc-gen-docs not found on PATH: install it (cargo build -p protoc-gen-docs, then use local: target/debug/protoc-gen-docs) or give its path"
        );
        assert_eq!(
            run_local(&["./no/such/protoc-gen-x".into()], b"").unwrap_err(),
            "plugin ./no/such/protoc-gen-x not found: there is no file ./no/such/protoc-gen-x"
        );
        assert_eq!(
            run_local(&[], b"").unwrap_err(),
            "a local plugin needs a program to run"
        );
    }

    #[test]
    fn plugins_are_found_on_path() {
        let dir = tempfile::tempdir().unwrap();
        // canned_plugin writes dir/protoc-gen-canned.
        canned_plugin(dir.path(), &response(vec![file(Some("x"), "y")], None));
        let path =
            std::env::join_paths([Path::new("/nonexistent"), Path::new("relative"), dir.path()])
                .unwrap();
        let files = run_local_with_path(&["protoc-gen-canned".into()], b"", Some(&path)).unwrap();
        assert_eq!(files.len(), 1);
        // Not executable: skipped, as exec.LookPath does.
        std::fs::write(dir.path().join("protoc-gen-text"), "").unwrap();
        assert!(run_local_with_path(&["protoc-gen-text".into()], b"", Some(&path)).is_err());
    }

    #[test]
    fn protoc_builtin_without_protoc() {
        assert_eq!(
            run_protoc_builtin_with_path("java", None, &[], Some(OsStr::new(""))).unwrap_err(),
            "protoc_builtin \"java\" needs protoc, which is not installed: install it (apt-get install protobuf-compiler) or set protoc_path"
        );
        assert_eq!(
            run_protoc_builtin("java", Some("/no/such/protoc"), &[]).unwrap_err(),
            "protoc_builtin \"java\": protoc_path /no/such/protoc does not exist"
        );
    }

    /// protoc is on CI's machines (ci/install-tools.sh installs it).
    fn protoc() -> String {
        let protoc = std::env::var("PROTOC").unwrap_or_else(|_| "protoc".into());
        let found = if protoc.contains('/') {
            Path::new(&protoc).is_file()
        } else {
            find_on_path(&protoc, std::env::var_os("PATH").as_deref()).is_some()
        };
        assert!(
            found,
            "protoc is needed for this test: run ci/install-tools.sh and `source ci/env.sh`"
        );
        protoc
    }

    #[test]
    fn protoc_builtin_runs_protoc() {
        let protoc = protoc();
        let files = [
            "acme/user/v1/errors.proto".to_owned(),
            "acme/user/v1/user.proto".to_owned(),
        ];
        let set = compile(
            Path::new(PROTO),
            &["acme/user/v1/errors.proto", "acme/user/v1/user.proto"],
        );
        let request = encode_request(&set, &files, "").unwrap();
        let out = run_protoc_builtin("cpp", Some(&protoc), &request).unwrap();
        let names: Vec<&str> = out.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "acme/user/v1/errors.pb.cc",
                "acme/user/v1/errors.pb.h",
                "acme/user/v1/user.pb.cc",
                "acme/user/v1/user.pb.h"
            ]
        );
        assert!(String::from_utf8_lossy(&out[3].content).contains("class GetUserRequest"));
        let request = encode_request(&set, &files, "bogus_option").unwrap();
        let error = run_protoc_builtin("cpp", Some(&protoc), &request).unwrap_err();
        assert!(
            error.starts_with("protoc_builtin \"cpp\": protoc failed ("),
            "{error}"
        );
        assert!(error.contains("bogus_option"), "{error}");
        assert_eq!(
            run_protoc_builtin("cpp", Some(&protoc), &[0x7a, 0x05, 1]).unwrap_err(),
            "protoc_builtin \"cpp\": malformed CodeGeneratorRequest: a field runs past the end of its message"
        );
    }
}

/// `buf generate` and these functions, side by side on the same files: the
/// requests must match field for field (captured by a plugin that saves its
/// stdin), and the output of protoc-gen-go (both strategies, with and
/// without include_imports), protoc-gen-docs' binary and protoc's cpp and
/// python generators byte for byte. Needs buf and protoc (`source
/// ci/env.sh` after ci/install-tools.sh), Go (to install protoc-gen-go) and
/// cargo (to build protoc-gen-docs).
#[cfg(test)]
mod against_buf {
    use super::*;
    use crate::buf_gen;

    const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    const PROTOC_GEN_GO: &str = "v1.36.12";

    /// target/, from this test binary's path (target/debug/deps/protosmith-...).
    fn target_dir() -> PathBuf {
        let exe = std::env::current_exe().unwrap();
        exe.ancestors().nth(3).unwrap().to_path_buf()
    }

    fn buf() -> PathBuf {
        find_on_path("buf", std::env::var_os("PATH").as_deref()).unwrap_or_else(|| {
            panic!(
                "buf is not on PATH: this test compares protosmith with buf generate. \
                 Install it with `bash ci/install-tools.sh`, then `source ci/env.sh`"
            )
        })
    }

    /// protoc-gen-go at a pinned version, installed under target/ once.
    fn protoc_gen_go() -> PathBuf {
        let bin = target_dir().join(format!("gobin/protoc-gen-go-{PROTOC_GEN_GO}"));
        let program = bin.join("protoc-gen-go");
        if !program.is_file() {
            let status = Command::new("go")
                .args([
                    "install",
                    &format!("google.golang.org/protobuf/cmd/protoc-gen-go@{PROTOC_GEN_GO}"),
                ])
                .env("GOBIN", &bin)
                .status()
                .unwrap_or_else(|e| panic!("go is needed to install protoc-gen-go: {e}"));
            assert!(
                status.success(),
                "go install protoc-gen-go@{PROTOC_GEN_GO} failed"
            );
        }
        program
    }

    /// protoc-gen-docs' binary, built (or found up to date) by cargo.
    fn protoc_gen_docs() -> PathBuf {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "-j", "1", "-p", "protoc-gen-docs"])
            .env("CARGO_TARGET_DIR", target_dir())
            .current_dir(REPO)
            .status()
            .unwrap();
        assert!(status.success(), "cargo build -p protoc-gen-docs failed");
        target_dir().join("debug/protoc-gen-docs")
    }

    /// Every file under `dir`, by relative name.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut found = Vec::new();
        if dir.exists() {
            collect_files(dir, dir, &mut found).unwrap();
        }
        found.into_iter().map(|f| (f.name, f.content)).collect()
    }

    /// A descriptor without its source info (`source_code_info`, field 9 of
    /// a file: protox and buf's compiler record different spans), and with
    /// the fields of each options message in field-number order: buf
    /// encodes a message's options with Go, which writes extensions (custom
    /// options) before the other fields; protox, like protoc, writes all in
    /// number order. Plugins decode both to the same descriptors.
    fn canonical(message: &[u8], kind: Descriptor) -> Vec<u8> {
        let mut out = Vec::new();
        for_each_field_raw(message, |tag, value, raw| {
            match (value, kind.child(tag)) {
                _ if matches!(kind, Descriptor::File) && tag == 9 => {}
                (FieldValue::Bytes(bytes), Some(Child::Descriptor(child))) => {
                    put_bytes(&mut out, tag, &canonical(bytes, child));
                }
                (FieldValue::Bytes(bytes), Some(Child::Options(_))) => {
                    let mut fields = Vec::new();
                    for_each_field_raw(bytes, |tag, _, raw| {
                        fields.push((tag, raw.to_vec()));
                        Ok(())
                    })
                    .unwrap();
                    fields.sort_by_key(|(tag, _)| *tag);
                    put_bytes(&mut out, tag, &fields.concat_bytes());
                }
                _ => out.extend_from_slice(raw),
            }
            Ok(())
        })
        .unwrap();
        out
    }

    trait ConcatBytes {
        fn concat_bytes(&self) -> Vec<u8>;
    }

    impl ConcatBytes for Vec<(u32, Vec<u8>)> {
        fn concat_bytes(&self) -> Vec<u8> {
            self.iter()
                .flat_map(|(_, raw)| raw.iter().copied())
                .collect()
        }
    }

    /// The file that shows source-retention options are dropped as buf does.
    const RETENTION: &str = r#"syntax = "proto3";
package retention.v1;
import "google/protobuf/descriptor.proto";
option go_package = "example.com/retention/v1;retentionv1";
// Tags is a message-typed option.
message Tags {
  string source_only = 1 [retention = RETENTION_SOURCE];
  string kept = 2;
}
extend google.protobuf.MessageOptions {
  string note = 50001 [retention = RETENTION_SOURCE];
  string label = 50002;
  Tags tags = 50003;
}
extend google.protobuf.FieldOptions {
  string field_note = 50001 [retention = RETENTION_SOURCE];
}
// M has options of every kind.
message M {
  option (note) = "only in source";
  option (label) = "kept";
  option (tags) = {source_only: "x", kept: "y"};
  string f = 1 [deprecated = true, (field_note) = "gone"];
}
"#;

    const DUMP: &str = "#!/bin/sh\nmkdir -p \"$1\"\ncat > \"$(mktemp \"$1/req.XXXXXX\")\"\n";

    #[test]
    fn same_requests_and_same_files_as_buf_generate() {
        let buf = buf();
        let go = protoc_gen_go();
        let docs = protoc_gen_docs();
        let work = tempfile::tempdir().unwrap();
        let root = work.path();
        // The repository's protos, plus one with source-retention options.
        let status = Command::new("cp")
            .args(["-r", &format!("{REPO}/proto"), &root.display().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::create_dir_all(root.join("proto/retention/v1")).unwrap();
        std::fs::write(root.join("proto/retention/v1/retention.proto"), RETENTION).unwrap();
        std::fs::write(
            root.join("buf.yaml"),
            "version: v2\nmodules:\n  - path: proto\n",
        )
        .unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::write(root.join("dump.sh"), DUMP).unwrap();
            std::fs::set_permissions(root.join("dump.sh"), std::fs::Permissions::from_mode(0o755))
                .unwrap();
        }
        let (go, docs, dir) = (go.display(), docs.display(), root.display());
        let proto = root.join("proto");
        let mut files: Vec<String> = tree(&proto).into_keys().collect();
        files.sort();
        let set = compile(
            &proto,
            &files.iter().map(String::as_str).collect::<Vec<_>>(),
        );

        // Every file, each strategy.
        let template = format!(
            "version: v2
plugins:
  - local: {go}
    out: gen/go-directory
    opt: paths=source_relative
  - local: {go}
    out: gen/go-all
    opt: [paths=source_relative]
    strategy: all
  - local: {docs}
    out: gen/docs-markdown
    opt: format=markdown
    strategy: all
  - local: {docs}
    out: gen/docs-json
    opt: [format=json, title=Acme]
    strategy: all
  - protoc_builtin: cpp
    out: gen/cpp-directory
  - protoc_builtin: python
    out: gen/python-all
    strategy: all
  - local: [./dump.sh, {dir}/requests/directory]
    out: gen/none
    opt: [a=b, c]
  - local: [./dump.sh, {dir}/requests/all]
    out: gen/none
    strategy: all
"
        );
        check(&buf, root, "buf.gen.yaml", &template, &[], &set, &files);

        // Some files (buf generate --path), with their imports.
        let template = format!(
            "version: v2
plugins:
  - local: {go}
    out: gen/imports/go-directory
    opt: paths=source_relative
    include_imports: true
  - local: [./dump.sh, {dir}/requests/imports-directory]
    out: gen/none
    include_imports: true
  - local: [./dump.sh, {dir}/requests/imports-wkt-all]
    out: gen/none
    strategy: all
    include_imports: true
    include_wkt: true
"
        );
        let acme: Vec<String> = files
            .iter()
            .filter(|f| f.starts_with("acme/"))
            .cloned()
            .collect();
        check(
            &buf,
            root,
            "imports.gen.yaml",
            &template,
            &["--path", "proto/acme"],
            &set,
            &acme,
        );

        // The docs show the custom options came through the process boundary.
        let markdown = tree(&root.join("gen/docs-markdown"));
        let all: String = markdown
            .values()
            .map(|c| String::from_utf8_lossy(c))
            .collect();
        assert!(
            all.contains("order {order_id} not found"),
            "custom options lost:\n{all}"
        );
    }

    /// Runs `buf generate` with `template` (and `buf_args`), then the same
    /// template through [`buf_gen::read`], [`encode_requests`] and
    /// [`run_local`] on protox's `set`, for `files`; compares the requests
    /// (captured by dump.sh) and every output file.
    fn check(
        buf: &Path,
        root: &Path,
        template_name: &str,
        template: &str,
        buf_args: &[&str],
        set: &[u8],
        files: &[String],
    ) {
        std::fs::write(root.join(template_name), template).unwrap();
        let output = Command::new(buf)
            .args(["generate", "--template", template_name])
            .args(buf_args)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "buf generate failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        // What buf's runs of dump.sh captured; ours write to requests/ again.
        let captured = root.join(format!("requests-{template_name}"));
        std::fs::rename(root.join("requests"), &captured).unwrap();

        let template = buf_gen::read(&root.join(template_name)).unwrap();
        for entry in &template.plugins {
            let ours = encode_requests(
                set,
                entry.strategy,
                files,
                &entry.parameter(),
                entry.include_imports,
                entry.include_wkt,
            )
            .unwrap();
            let mut produced = BTreeMap::new();
            for request in &ours {
                let files = match &entry.source {
                    buf_gen::PluginSource::Local(_) => {
                        // buf ran in `root`: relative programs are relative to it.
                        let mut command = template.command(entry).unwrap();
                        if command[0].starts_with("./") {
                            command[0] = root.join(&command[0]).to_string_lossy().into_owned();
                        }
                        run_local(&command, request)
                    }
                    buf_gen::PluginSource::ProtocBuiltin { name, protoc_path } => {
                        run_protoc_builtin(name, protoc_path.as_deref(), request)
                    }
                };
                for file in files.unwrap() {
                    let name = file.name.clone();
                    assert!(
                        produced.insert(file.name, file.content).is_none(),
                        "{} wrote {name} twice",
                        entry.location
                    );
                }
            }
            let command = template.command(entry).unwrap_or_default();
            if command.first().is_some_and(|c| c.ends_with("dump.sh")) {
                let name = Path::new(&command[1]).file_name().unwrap();
                let bufs = tree(&captured.join(name));
                let bufs: Vec<&Vec<u8>> = bufs.values().collect();
                assert_requests_match(&bufs, &ours, &entry.location);
                continue;
            }
            let expected = tree(&root.join(template.out_dir(entry)));
            assert!(
                !expected.is_empty(),
                "buf wrote nothing for {}",
                entry.location
            );
            let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(
                names(&produced),
                names(&expected),
                "files of {}",
                entry.location
            );
            for (name, content) in &expected {
                assert!(
                    produced[name] == *content,
                    "{name} of {} differs from buf's:\n--- buf\n{}\n--- protosmith\n{}",
                    entry.location,
                    String::from_utf8_lossy(content),
                    String::from_utf8_lossy(&produced[name])
                );
            }
        }
    }

    /// buf's requests (in any order: buf runs them concurrently) against ours.
    fn assert_requests_match(bufs: &[&Vec<u8>], ours: &[Vec<u8>], location: &str) {
        let key = |r: &[u8]| names_of(r, FILE_TO_GENERATE);
        assert_eq!(bufs.len(), ours.len(), "number of requests for {location}");
        for theirs in bufs {
            let mine = ours
                .iter()
                .find(|o| key(o) == key(theirs))
                .unwrap_or_else(|| panic!("no request of ours generates {:?}", key(theirs)));
            let tags = |r: &[u8]| {
                let mut tags = Vec::new();
                for_each_field(r, |tag, _| {
                    tags.push(tag);
                    Ok(())
                })
                .unwrap();
                tags
            };
            assert_eq!(tags(mine), tags(theirs), "fields of {:?}", key(theirs));
            for tag in [PARAMETER, PROTO_FILE, SOURCE_FILE_DESCRIPTORS] {
                assert_eq!(names_of(mine, tag), names_of(theirs, tag), "field {tag}");
            }
            // The descriptors: equal but for source info, which protox and
            // buf's compiler record differently, and the well-known types,
            // which each bundles in its own version.
            let descriptors = |r: &[u8]| {
                let mut out = Vec::new();
                for_each_field(r, |tag, value| {
                    if let (PROTO_FILE | SOURCE_FILE_DESCRIPTORS, FieldValue::Bytes(b)) =
                        (tag, value)
                    {
                        out.push((tag, b.to_vec()));
                    }
                    Ok(())
                })
                .unwrap();
                out
            };
            for ((tag, a), (_, b)) in descriptors(mine).iter().zip(descriptors(theirs)) {
                let name = FileView::decode(a.as_slice()).unwrap().name.unwrap();
                if name.starts_with("google/protobuf/") {
                    continue;
                }
                assert!(
                    canonical(a, Descriptor::File) == canonical(&b, Descriptor::File),
                    "field {tag}: {name} differs from buf's"
                );
            }
        }
    }

    fn names_of(request: &[u8], tag: u32) -> Vec<String> {
        let mut out = Vec::new();
        for_each_field(request, |t, value| {
            if let (true, FieldValue::Bytes(b)) = (t == tag, value) {
                out.push(match tag {
                    FILE_TO_GENERATE | PARAMETER => String::from_utf8_lossy(b).into_owned(),
                    _ => FileView::decode(b).unwrap().name.unwrap_or_default(),
                });
            }
            Ok(())
        })
        .unwrap();
        out
    }

    fn compile(root: &Path, files: &[&str]) -> Vec<u8> {
        let mut compiler = protox::Compiler::new([root]).unwrap();
        compiler.include_imports(true).include_source_info(true);
        compiler.open_files(files).unwrap();
        compiler.encode_file_descriptor_set()
    }
}
