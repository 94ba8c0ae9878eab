//! Tests of the requests (order, split, imports, source retention), of
//! running local plugins (lookup, responses, failures) and of protoc
//! built-ins. The comparison with `buf generate` itself is `against_buf`.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;

use prost::Message;
use prost_types::compiler::CodeGeneratorResponse;
use prost_types::compiler::code_generator_response::File as ResponseFile;

use super::protoc::run_protoc_builtin_with_path;
use super::request::{FILE_TO_GENERATE, PARAMETER, PROTO_FILE, SOURCE_FILE_DESCRIPTORS};
use super::run::{find_on_path, run_local_with_path};
use super::wire::{FieldValue, FileView, for_each_field, put_bytes};
use super::*;
use crate::buf_gen::Strategy;

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
    let decoded = prost_types::compiler::CodeGeneratorRequest::decode(request.as_slice()).unwrap();
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
        run_err(&command).starts_with("plugin PLUGIN: its output is not a CodeGeneratorResponse ("),
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
    let path = std::env::join_paths([Path::new("/nonexistent"), Path::new("relative"), dir.path()])
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
