//! Running a `local:` plugin program as buf does: a bare name found on PATH
//! the way Go's `exec.LookPath` finds it, the request on its stdin, its
//! `CodeGeneratorResponse` checked (no insertion points, no file outside the
//! output folder, no file twice) and unpacked into [`OutputFile`]s.
//!
//! A plugin that cannot be found or fails is reported by name, with how to
//! install the well-known ones and what it said on stderr.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use prost::Message;
use prost_types::compiler::CodeGeneratorResponse;

use super::OutputFile;

/// Runs a plugin program: `command` is the program and its arguments. A name
/// without a `/` is looked up on PATH (as buf does); a path is used as it
/// is (see `GenTemplate::command`, which makes relative paths relative to
/// the template's directory). The request goes to its stdin; its stdout must
/// be a `CodeGeneratorResponse`.
pub fn run_local(command: &[String], request: &[u8]) -> Result<Vec<OutputFile>, String> {
    run_local_with_path(command, request, std::env::var_os("PATH").as_deref())
}

pub(super) fn run_local_with_path(
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
pub(super) fn find_on_path(name: &str, path_var: Option<&OsStr>) -> Option<PathBuf> {
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
