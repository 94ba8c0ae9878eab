//! Turning .proto files into descriptors, with protox (pure Rust, the
//! default) or with protoc. Both give the same two views of one compilation:
//! the prost-types descriptor set tonic-prost-build wants, and the
//! [`Input`] (a prost-reflect pool that keeps custom options) protosmith's
//! generators want.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use prost::Message;
use prost_types::FileDescriptorSet;
use protosmith_core::Input;

use crate::Error;

/// Which compiler reads the .proto files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Compiler {
    /// protox: no protoc binary needed.
    Protox,
    /// protoc at this path, run with `--descriptor_set_out`.
    Protoc(PathBuf),
}

impl Compiler {
    /// protoc when the `PROTOC` environment variable names one (as
    /// prost-build and tonic-build read it), else protox.
    pub fn from_env() -> Compiler {
        match std::env::var_os("PROTOC") {
            Some(path) if !path.is_empty() => Compiler::Protoc(path.into()),
            _ => Compiler::Protox,
        }
    }
}

/// One compilation, seen the two ways the generators want it.
pub(crate) struct Compiled {
    pub input: Input,
    pub descriptor_set: FileDescriptorSet,
}

pub(crate) fn compile(
    compiler: &Compiler,
    protos: &[PathBuf],
    includes: &[PathBuf],
) -> Result<Compiled, Error> {
    if protos.is_empty() {
        return Err(Error::Usage(
            "no .proto files to compile: pass at least one".to_owned(),
        ));
    }
    match compiler {
        Compiler::Protox => {
            let input = Input::compile(protos, includes)?;
            let descriptor_set = FileDescriptorSet {
                file: input.pool.file_descriptor_protos().cloned().collect(),
            };
            Ok(Compiled {
                input,
                descriptor_set,
            })
        }
        Compiler::Protoc(protoc) => {
            let bytes = run_protoc(protoc, protos, includes)?;
            let files_to_generate = protos
                .iter()
                .map(|proto| proto_name(proto, includes))
                .collect::<Result<_, _>>()?;
            let input =
                Input::from_descriptor_set(&bytes, files_to_generate).map_err(|message| {
                    Error::Codegen(format!(
                        "reading the descriptor set protoc wrote: {message}"
                    ))
                })?;
            // Decoding with prost-types drops custom options, which prost and
            // tonic do not read; the Input above keeps them for protosmith.
            let descriptor_set = FileDescriptorSet::decode(bytes.as_slice()).map_err(|e| {
                Error::Codegen(format!("reading the descriptor set protoc wrote: {e}"))
            })?;
            Ok(Compiled {
                input,
                descriptor_set,
            })
        }
    }
}

/// Runs protoc and returns the descriptor set it wrote, imports and source
/// info (comments, positions) included.
fn run_protoc(protoc: &Path, protos: &[PathBuf], includes: &[PathBuf]) -> Result<Vec<u8>, Error> {
    let out = tempfile::Builder::new()
        .prefix("protosmith-")
        .suffix(".fds")
        .tempfile()
        .map_err(Error::io(std::env::temp_dir()))?;
    let mut command = Command::new(protoc);
    command
        .arg("--include_imports")
        .arg("--include_source_info");
    command.arg(concat_os("--descriptor_set_out=", out.path()));
    for include in includes.iter().chain(&protoc_include()) {
        command.arg(concat_os("--proto_path=", include));
    }
    command.args(protos);
    let described = format!("{command:?}");
    let output = command.output().map_err(|e| Error::Protoc {
        command: described.clone(),
        output: format!(
            "cannot run protoc at {}: {e}; install protoc, point PROTOC at it, or leave PROTOC unset to use protox",
            protoc.display()
        ),
    })?;
    if !output.status.success() {
        let mut text = String::from_utf8_lossy(&output.stderr)
            .trim_end()
            .to_owned();
        if text.is_empty() {
            text = format!("protoc failed ({})", output.status);
        }
        return Err(Error::Protoc {
            command: described,
            output: text,
        });
    }
    std::fs::read(out.path()).map_err(Error::io(out.path()))
}

/// `PROTOC_INCLUDE`, where a protoc installation keeps google/protobuf/*.proto,
/// searched after the user's includes as prost-build does.
fn protoc_include() -> Option<PathBuf> {
    std::env::var_os("PROTOC_INCLUDE")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
}

fn concat_os(flag: &str, path: &Path) -> OsString {
    let mut arg = OsString::from(flag);
    arg.push(path);
    arg
}

/// The name protoc gives a file on its command line: its path relative to
/// the include it is under, when it is a path on disk; else the path as
/// written, which protoc looks up in the includes.
fn proto_name(proto: &Path, includes: &[PathBuf]) -> Result<String, Error> {
    let Ok(absolute) = proto.canonicalize() else {
        return Ok(slash_path(proto));
    };
    includes
        .iter()
        .filter_map(|include| include.canonicalize().ok())
        .find_map(|include| absolute.strip_prefix(include).ok().map(slash_path))
        .ok_or_else(|| {
            Error::Usage(format!(
                "{} is not under any include directory ({}); protoc names files by their path under an include",
                proto.display(),
                includes.iter().map(|i| i.display().to_string()).collect::<Vec<_>>().join(", ")
            ))
        })
}

fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The files on disk the compilation read: each file of the pool found under
/// an include, in the order the compiler searches the includes. Files
/// compiled in (protox's google/protobuf/*) have none.
pub(crate) fn sources(compiler: &Compiler, input: &Input, includes: &[PathBuf]) -> Vec<PathBuf> {
    let extra = match compiler {
        Compiler::Protoc(_) => protoc_include(),
        Compiler::Protox => None,
    };
    let searched: Vec<PathBuf> = includes.iter().cloned().chain(extra).collect();
    input
        .pool
        .files()
        .filter_map(|file| {
            searched
                .iter()
                .map(|include| include.join(file.name()))
                .find(|path| path.is_file())
        })
        .collect()
}
