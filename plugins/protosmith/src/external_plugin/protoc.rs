//! Running one of protoc's built-in generators (`protoc_builtin: java`) on a
//! request, as buf does: protoc is given the request's descriptors as a
//! descriptor set, so it parses no .proto file and sees what every other
//! plugin sees; what it writes into a temporary folder is read back as
//! [`OutputFile`]s.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use prost::Message;

use super::OutputFile;
use super::request::{FILE_TO_GENERATE, PARAMETER, PROTO_FILE, SOURCE_FILE_DESCRIPTORS};
use super::run::find_on_path;
use super::wire::{FieldValue, FileView, for_each_field, put_bytes};

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

pub(super) fn run_protoc_builtin_with_path(
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

pub(super) fn collect_files(
    root: &Path,
    dir: &Path,
    found: &mut Vec<OutputFile>,
) -> Result<(), String> {
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
