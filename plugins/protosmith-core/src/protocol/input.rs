//! What a generator is given: a descriptor pool (with custom options kept)
//! and the files to generate, whether it came from protoc or buf over the
//! plugin protocol or from .proto files compiled with protox. The plugin
//! parameter stays beside it, in [`PluginRequest`], until the plugin's shell
//! has read it into typed options.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use prost::Message;
use prost::bytes::Buf;
use prost::encoding::{
    DecodeContext, WireType, decode_key, decode_varint, encode_key, encode_varint, skip_field,
};
use prost_reflect::{DescriptorPool, FileDescriptor};
use prost_types::SourceCodeInfo;
use prost_types::source_code_info::Location as SourceLocation;

use super::scope::{self, Kept, RawFile, Scope, for_each_bytes_field};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// The input of one generation run.
#[derive(Clone, Debug)]
pub struct Input {
    /// Every file of the request (the files to generate and all they import).
    pub pool: DescriptorPool,
    /// Names (as the compiler saw them) of the files to generate output for.
    pub files_to_generate: Vec<String>,
    /// The source info of files read from a request, by file name, kept out
    /// of the pool: the descriptor library would decode it and then keep it
    /// twice (its own descriptors and prost's), which made the comments of a
    /// large request most of a plugin's time and memory. Read through
    /// [`Input::source_locations`]; empty when the pool holds it.
    source_info: Arc<HashMap<String, SourceCodeInfo>>,
}

/// .proto files compiled with protox: the compiler's descriptor pool
/// (imports included, with source info and custom options) and the names of
/// the files asked for.
#[derive(Clone, Debug)]
pub struct CompiledSet {
    pub files_to_generate: Vec<String>,
    /// The compiler's own pool: decoding an encoded set again would cost a
    /// tenth of a large `protosmith generate`.
    pool: DescriptorPool,
}

impl CompiledSet {
    /// Compiles `files` (paths under one of `includes`, or relative to one).
    pub fn compile(
        files: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
    ) -> Result<CompiledSet, Diagnostics> {
        let mut compiler = protox::Compiler::with_file_resolver(CheckedSources::new(includes));
        compiler.include_imports(true).include_source_info(true);
        if let Err(error) = compiler.open_files(files) {
            return Err(protox_diagnostic(error, &compiler.descriptor_pool()));
        }
        let files_to_generate = compiler
            .files()
            .filter(|file| !file.is_import())
            .map(|file| file.name().to_owned())
            .collect();
        Ok(CompiledSet {
            files_to_generate,
            pool: compiler.descriptor_pool(),
        })
    }

    /// The serialized `FileDescriptorSet`, dependencies first, with source
    /// info and custom options: what another program's plugin is sent. The
    /// same bytes as protox's `encode_file_descriptor_set` with imports and
    /// source info, made only when asked for (a large tree's set is as big as
    /// its protoc request).
    pub fn encode(&self) -> Vec<u8> {
        self.pool.encode_to_vec()
    }

    /// The generators' input: the compiled files, custom options and
    /// comments kept.
    pub fn to_input(&self) -> Input {
        Input {
            pool: self.pool.clone(),
            files_to_generate: self.files_to_generate.clone(),
            source_info: Arc::default(),
        }
    }
}

/// A decoded `CodeGeneratorRequest`: the input and the raw plugin parameter
/// (`opt` of buf.gen.yaml, `--errors_opt` of protoc), which only the plugin's
/// shell reads, into its typed options.
#[derive(Clone, Debug)]
pub struct PluginRequest {
    pub input: Input,
    pub parameter: String,
}

impl PluginRequest {
    /// The request protoc would send for `files` with `parameter`, compiled with protox.
    pub fn compile(
        files: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
        parameter: &str,
    ) -> Result<PluginRequest, Diagnostics> {
        Ok(PluginRequest {
            input: Input::compile(files, includes)?,
            parameter: parameter.to_owned(),
        })
    }

    /// What a plugin's shell does with a request: the parameter typed as `O`
    /// (the only reading of the string), then `generate`.
    pub fn run<O: crate::PluginOptions, T>(
        &self,
        generate: impl FnOnce(&Input, &O) -> Result<T, Diagnostics>,
    ) -> Result<T, Diagnostics> {
        let options = O::parse(&self.parameter)?;
        generate(&self.input, &options)
    }

    /// Encodes this request as the CodeGeneratorRequest protoc would send,
    /// for running plugin binaries on protox output.
    pub fn to_request(&self) -> Vec<u8> {
        self.input.to_request(&self.parameter)
    }
}

const FILE_TO_GENERATE: u32 = 1;
const PARAMETER: u32 = 2;
const PROTO_FILE: u32 = 15;

impl Input {
    /// Decodes a `google.protobuf.compiler.CodeGeneratorRequest`, every file of it.
    pub fn from_request(bytes: &[u8]) -> Result<PluginRequest, String> {
        Input::from_request_in(bytes, Scope::Everything)
    }

    /// Decodes the files of a `CodeGeneratorRequest` that `scope` keeps (see
    /// [`Scope`]); `files_to_generate` keeps the names of those only.
    ///
    /// The `proto_file` entries are handed to prost-reflect as raw bytes:
    /// decoding them with prost-types first would drop the custom options
    /// (extensions) that error annotations may live in.
    pub fn from_request_in(bytes: &[u8], scope: Scope) -> Result<PluginRequest, String> {
        let mut files_to_generate = Vec::new();
        let mut parameter = String::new();
        let mut raw_files = Vec::new();
        let malformed = |what: String| format!("malformed CodeGeneratorRequest on stdin: {what}");
        for_each_bytes_field(bytes, |tag, field| {
            match tag {
                PROTO_FILE => {
                    let name = check_syntax(field)?;
                    raw_files.push((name, field));
                }
                FILE_TO_GENERATE => files_to_generate.push(utf8(field)?),
                PARAMETER => parameter = utf8(field)?,
                _ => {}
            }
            Ok(())
        })
        .map_err(malformed)?;
        let present: HashSet<&str> = raw_files.iter().map(|(name, _)| name.as_str()).collect();
        let generate: HashSet<&str> = files_to_generate.iter().map(String::as_str).collect();
        for name in &files_to_generate {
            if !present.contains(name.as_str()) {
                return Err(format!(
                    "file_to_generate names {name}, which is not among the request's proto_file entries"
                ));
            }
        }
        let raw: Vec<RawFile<'_>> = raw_files
            .iter()
            .map(|(name, bytes)| RawFile {
                name: name.as_bytes(),
                bytes,
                generate: generate.contains(name.as_str()),
            })
            .collect();
        let kept = scope::select(scope, &raw);
        let mut descriptor_set =
            Vec::with_capacity(kept.iter().map(|&(i, _)| raw[i].bytes.len() + 8).sum());
        let mut source_info = HashMap::new();
        let mut file = Vec::new();
        for &(index, why) in &kept {
            file.clear();
            let (name, info) = split_source_info(raw[index].bytes, &mut file, why == Kept::Read)
                .map_err(malformed)?;
            encode_key(1, WireType::LengthDelimited, &mut descriptor_set);
            encode_varint(file.len() as u64, &mut descriptor_set);
            descriptor_set.extend_from_slice(&file);
            if let Some(info) = info {
                source_info.insert(name, info);
            }
        }
        let pool = decode_pool(&descriptor_set)?;
        files_to_generate.retain(|name| pool.get_file_by_name(name).is_some());
        Ok(PluginRequest {
            input: Input {
                pool,
                files_to_generate,
                source_info: Arc::new(source_info),
            },
            parameter,
        })
    }

    /// Compiles .proto files with protox (no protoc needed). `files` are paths
    /// under one of `includes` (or relative to it), as protoc takes them.
    pub fn compile(
        files: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
    ) -> Result<Input, Diagnostics> {
        Ok(CompiledSet::compile(files, includes)?.to_input())
    }

    /// Reads a serialized `google.protobuf.FileDescriptorSet`, such as protoc
    /// writes with `--include_imports --include_source_info --descriptor_set_out`.
    /// `files_to_generate` must name files of the set. Like [`Input::from_request`],
    /// it keeps custom options and answers malformed sets with an error, never a panic.
    pub fn from_descriptor_set(
        bytes: &[u8],
        files_to_generate: Vec<String>,
    ) -> Result<Input, String> {
        const FILE: u32 = 1;
        for_each_bytes_field(bytes, |tag, field| {
            if tag == FILE {
                check_syntax(field).map(drop)
            } else {
                Ok(())
            }
        })
        .map_err(|what| format!("malformed FileDescriptorSet: {what}"))?;
        let pool = decode_pool(bytes)?;
        if let Some(name) = files_to_generate
            .iter()
            .find(|name| pool.get_file_by_name(name).is_none())
        {
            return Err(format!("{name} is not in the descriptor set"));
        }
        Ok(Input {
            pool,
            files_to_generate,
            source_info: Arc::default(),
        })
    }

    /// Encodes this input and `parameter` as the CodeGeneratorRequest protoc
    /// would send, for running plugin binaries on protox output.
    pub fn to_request(&self, parameter: &str) -> Vec<u8> {
        let mut request = prost_types::compiler::CodeGeneratorRequest {
            file_to_generate: self.files_to_generate.clone(),
            parameter: (!parameter.is_empty()).then(|| parameter.to_owned()),
            ..Default::default()
        }
        .encode_to_vec();
        for file in self.pool.files() {
            let mut bytes = file.encode_to_vec();
            if let Some(info) = self.source_info.get(file.name()) {
                encode_key(FILE_SOURCE_CODE_INFO, WireType::LengthDelimited, &mut bytes);
                info.encode_length_delimited(&mut bytes)
                    .expect("a Vec grows as needed");
            }
            encode_key(PROTO_FILE, WireType::LengthDelimited, &mut request);
            encode_varint(bytes.len() as u64, &mut request);
            request.extend_from_slice(&bytes);
        }
        request
    }

    /// The source info (comments and positions) of `file`, a file of the pool.
    pub fn source_locations<'a>(&'a self, file: &'a FileDescriptor) -> &'a [SourceLocation] {
        self.source_info
            .get(file.name())
            .or(file.file_descriptor_proto().source_code_info.as_ref())
            .map_or(&[][..], |info| &info.location)
    }
}

/// Copies the file descriptor `file` into `out` without its source info,
/// which it returns decoded (if `keep_source_info`), with the file's name.
fn split_source_info(
    mut file: &[u8],
    out: &mut Vec<u8>,
    keep_source_info: bool,
) -> Result<(String, Option<SourceCodeInfo>), String> {
    let (mut name, mut info) = (String::new(), None::<SourceCodeInfo>);
    let context = DecodeContext::default();
    while file.has_remaining() {
        let start = file;
        let (tag, wire_type) = decode_key(&mut file).map_err(|e| e.to_string())?;
        if wire_type == WireType::LengthDelimited
            && matches!(tag, FILE_NAME | FILE_SOURCE_CODE_INFO)
        {
            let len = usize::try_from(decode_varint(&mut file).map_err(|e| e.to_string())?)
                .unwrap_or(usize::MAX);
            if len > file.remaining() {
                return Err("a field is longer than the request".to_owned());
            }
            let (field, rest) = file.split_at(len);
            file = rest;
            if tag == FILE_SOURCE_CODE_INFO {
                if !keep_source_info {
                    continue;
                }
                // Repeated occurrences of a message field merge, as protobuf says.
                info.get_or_insert_default()
                    .merge(field)
                    .map_err(|e| format!("source info: {e}"))?;
                continue;
            }
            name = String::from_utf8_lossy(field).into_owned();
        } else {
            skip_field(wire_type, tag, &mut file, context.clone()).map_err(|e| e.to_string())?;
        }
        out.extend_from_slice(&start[..start.len() - file.len()]);
    }
    Ok((name, info))
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| "a string is not UTF-8".to_owned())
}

const FILE_NAME: u32 = 1;
const FILE_SOURCE_CODE_INFO: u32 = 9;
const FILE_SYNTAX: u32 = 12;

/// Rejects syntaxes the descriptor library cannot read, before it sees them:
/// prost-reflect 0.16 panics on an unknown `syntax` (such as the
/// `"editions"` protoc sends for `edition = "2023"` files) instead of
/// returning its error.
fn check_syntax(file: &[u8]) -> Result<String, String> {
    let (mut name, mut syntax) = (String::new(), String::new());
    for_each_bytes_field(file, |tag, field| {
        match tag {
            FILE_NAME => name = String::from_utf8_lossy(field).into_owned(),
            FILE_SYNTAX => syntax = String::from_utf8_lossy(field).into_owned(),
            _ => {}
        }
        Ok(())
    })?;
    match syntax.as_str() {
        "" | "proto2" | "proto3" => Ok(name),
        "editions" => Err(format!(
            "{name}: protobuf editions are not supported yet; protosmith reads files with syntax = \"proto2\" or \"proto3\""
        )),
        other => Err(format!(
            "{name}: unknown syntax \"{other}\"; expected \"proto2\" or \"proto3\""
        )),
    }
}

/// prost-reflect 0.16 can panic while describing why a malformed descriptor
/// set is invalid (an out-of-range file index in `Label::new`, found by our
/// fuzzing). [`check_syntax`] avoids the known trigger; any other is still
/// answered with an error rather than a crash.
fn decode_pool(descriptor_set: &[u8]) -> Result<DescriptorPool, String> {
    let invalid = "the request's proto files do not form a valid descriptor set";
    match std::panic::catch_unwind(|| DescriptorPool::decode(descriptor_set)) {
        Ok(Ok(pool)) => check_identifiers(&pool).map(|()| pool),
        Ok(Err(e)) => Err(too_deep(descriptor_set).unwrap_or_else(|| format!("{invalid}: {e}"))),
        Err(_) => Err(format!("{invalid} (the descriptor checker failed on it)")),
    }
}

/// Rejects names protoc never sends: prost-reflect accepts an empty or
/// non-identifier name for a message, field, enum, value, service or method,
/// and every emitter would then have to name a thing that has no name
/// (found by fuzzing: an empty enum value name reached the Rust emitter).
fn check_identifiers(pool: &DescriptorPool) -> Result<(), String> {
    fn identifier(name: &str) -> bool {
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    }
    let invalid = |what: &str, name: &str, file: &str| {
        format!(
            "the request's proto files do not form a valid descriptor set: {file}: {what} {name:?} is not a proto identifier \
             (letters, digits and _, not starting with a digit)"
        )
    };
    for message in pool.all_messages() {
        let file = message.parent_file();
        if !identifier(message.name()) {
            return Err(invalid("a message named", message.name(), file.name()));
        }
        for field in message.fields() {
            if !identifier(field.name()) {
                return Err(invalid(
                    &format!("a field of {} named", message.full_name()),
                    field.name(),
                    file.name(),
                ));
            }
        }
    }
    for enumeration in pool.all_enums() {
        let file = enumeration.parent_file();
        if !identifier(enumeration.name()) {
            return Err(invalid("an enum named", enumeration.name(), file.name()));
        }
        for value in enumeration.values() {
            if !identifier(value.name()) {
                return Err(invalid(
                    &format!("a value of {} named", enumeration.full_name()),
                    value.name(),
                    file.name(),
                ));
            }
        }
    }
    for service in pool.services() {
        let file = service.parent_file();
        if !identifier(service.name()) {
            return Err(invalid("a service named", service.name(), file.name()));
        }
        for method in service.methods() {
            if !identifier(method.name()) {
                return Err(invalid(
                    &format!("a method of {} named", service.full_name()),
                    method.name(),
                    file.name(),
                ));
            }
        }
    }
    Ok(())
}

/// protox's usual file resolver (the include directories, then the
/// well-known types), with each file's text checked before protox parses it
/// ([`source_check`](super::source_check)): what the parser cannot take
/// gracefully becomes a diagnostic instead of an abort.
struct CheckedSources {
    includes: Vec<std::path::PathBuf>,
    resolver: protox::file::ChainFileResolver,
}

impl CheckedSources {
    fn new(includes: &[impl AsRef<Path>]) -> Self {
        use protox::file::{ChainFileResolver, GoogleFileResolver, IncludeFileResolver};
        let includes: Vec<_> = includes.iter().map(|i| i.as_ref().to_owned()).collect();
        let mut resolver = ChainFileResolver::new();
        for include in &includes {
            resolver.add(IncludeFileResolver::new(include.clone()));
        }
        resolver.add(GoogleFileResolver::new());
        CheckedSources { includes, resolver }
    }
}

impl protox::file::FileResolver for CheckedSources {
    fn resolve_path(&self, path: &Path) -> Option<String> {
        self.resolver.resolve_path(path)
    }

    /// Checks the text the include resolver would read (it parses while it
    /// opens, so the check must come first), then lets it open the file.
    fn open_file(&self, name: &str) -> Result<protox::file::File, protox::Error> {
        let text = self
            .includes
            .iter()
            .map(|include| include.join(name))
            .find(|path| path.is_file())
            .and_then(|path| std::fs::read_to_string(path).ok());
        if let Some(text) = text {
            super::source_check::check(name, &text)
                .map_err(|diagnostic| protox::Error::new(diagnostic.to_string()))?;
        }
        self.resolver.open_file(name)
    }
}

/// The diagnostic for a descriptor set the decoder refused because a file
/// nests too deep, naming the file and, where its source info tells, the
/// declaration.
fn too_deep(descriptor_set: &[u8]) -> Option<String> {
    const FILE: u32 = 1;
    let mut found = None;
    for_each_bytes_field(descriptor_set, |tag, file| {
        if tag == FILE && found.is_none() {
            let mut name = String::new();
            for_each_bytes_field(file, |tag, field| {
                if tag == FILE_NAME {
                    name = String::from_utf8_lossy(field).into_owned();
                }
                Ok(())
            })?;
            found = super::nesting::too_deep(&name, file);
        }
        Ok(())
    })
    .ok()?;
    let at = found?;
    Some(
        Diagnostic::at(
            &at,
            "an option value here nests deeper than the protobuf decoders accept (prost stops at 100 levels of \
             messages); flatten it",
        )
        .to_string(),
    )
}

/// Turns a protox error into `file.proto:LINE:COL: message`; `pool` holds
/// the files compiled before the error, to name what an option could hold.
fn protox_diagnostic(error: protox::Error, pool: &DescriptorPool) -> Diagnostics {
    use miette::Diagnostic as _;
    let message = option_value_message(&error, pool).unwrap_or_else(|| error.to_string());
    let file = error.file().map(str::to_owned);
    let position = error
        .labels()
        .and_then(|mut labels| labels.next())
        .and_then(|label| {
            let source = error.source_code()?;
            let contents = source.read_span(label.inner(), 0, 0).ok()?;
            Some((contents.line() as u32 + 1, contents.column() as u32 + 1))
        });
    let diagnostic = match (file, position) {
        (Some(file), Some((line, column))) => {
            Diagnostic::at(&Location { file, line, column }, message)
        }
        (Some(file), None) if !message.contains(&file) => {
            Diagnostic::at(&Location::file_only(&file), message)
        }
        _ => Diagnostic::general(message),
    };
    diagnostic.into()
}

/// A clearer message for an invalid value in a message-typed option
/// (`[(protosmith.errors.v1.error) = {code: NOT_FOUNDD}]`): prost-reflect says
/// only "invalid value of type 'ErrorOptions' for option '...'", and keeps
/// what is wrong in the error's source ("value 'NOT_FOUNDD' was not found for
/// enum '...'"). This names the field, the valid values and the closest one.
fn option_value_message(error: &protox::Error, pool: &DescriptorPool) -> Option<String> {
    // The explanation is reachable through miette's diagnostic sources or
    // std's error sources, depending on the layer.
    let mut chain: Vec<String> = Vec::new();
    let mut next: Option<&dyn miette::Diagnostic> = Some(error);
    while let Some(current) = next {
        chain.push(current.to_string());
        let mut source = current.source();
        while let Some(inner) = source {
            chain.push(inner.to_string());
            source = inner.source();
        }
        next = current.diagnostic_source();
    }
    let (option, message_type) = chain.iter().find_map(|m| {
        let rest = m.strip_prefix("invalid value of type '")?;
        let (message_type, rest) = rest.split_once("' for option '")?;
        Some((rest.strip_suffix('\'')?, message_type))
    })?;
    let inner = chain.last()?;
    let message = pool.get_message_by_name(message_type.trim_start_matches('.'));
    if let Some((value, enum_name)) = inner
        .strip_prefix("value '")
        .and_then(|rest| rest.strip_suffix('\''))
        .and_then(|rest| rest.split_once("' was not found for enum '"))
    {
        let enumeration = pool.get_enum_by_name(enum_name)?;
        let names: Vec<String> = enumeration.values().map(|v| v.name().to_owned()).collect();
        let fields: Vec<String> = message
            .iter()
            .flat_map(|m| m.fields())
            .filter(|f| {
                f.kind()
                    .as_enum()
                    .is_some_and(|e| e.full_name() == enum_name)
            })
            .map(|f| f.name().to_owned())
            .collect();
        let field = match fields.as_slice() {
            [one] => format!("field {one}"),
            _ => format!("a field of type {enum_name}"),
        };
        let hint = match crate::diagnostic::did_you_mean(value, names.iter().map(String::as_str)) {
            Some(near) => format!("did you mean {near}? "),
            None => String::new(),
        };
        return Some(format!(
            "unknown value {value} for {field} in option {option}: {hint}The values of {enum_name} are {}",
            names.join(", ")
        ));
    }
    if let Some((field, _)) = inner
        .strip_prefix("field '")
        .and_then(|rest| rest.split_once("' not found for message '"))
    {
        let message = message?;
        let names: Vec<String> = message.fields().map(|f| f.name().to_owned()).collect();
        let hint = match crate::diagnostic::did_you_mean(field, names.iter().map(String::as_str)) {
            Some(near) => format!("did you mean {near}? "),
            None => String::new(),
        };
        return Some(format!(
            "unknown field {field} in option {option}: {hint}The fields of {} are {}",
            message.full_name(),
            names.join(", ")
        ));
    }
    Some(format!("invalid value in option {option}: {inner}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request decoded keeps its source info beside the pool, and gives
    /// it back whole when encoded again (for other programs' plugins).
    #[test]
    fn source_info_survives_a_round_trip() {
        let proto = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto");
        let compiled = Input::compile(&["acme/user/v1/user.proto"], &[&proto]).unwrap();
        let request = compiled.to_request("a=b");
        let decoded = Input::from_request(&request).unwrap();
        assert_eq!(decoded.parameter, "a=b");
        for file in decoded.input.pool.files() {
            assert!(file.file_descriptor_proto().source_code_info.is_none());
            let original = compiled.pool.get_file_by_name(file.name()).unwrap();
            assert_eq!(
                decoded.input.source_locations(&file),
                compiled.source_locations(&original),
                "{}",
                file.name()
            );
        }
        let user = decoded
            .input
            .pool
            .get_file_by_name("acme/user/v1/user.proto")
            .unwrap();
        assert!(!decoded.input.source_locations(&user).is_empty());
        let again = Input::from_request(&decoded.to_request()).unwrap();
        assert_eq!(again.to_request(), decoded.to_request());
    }
}
