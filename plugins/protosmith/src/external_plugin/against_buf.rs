//! `buf generate` and these functions, side by side on the same files: the
//! requests must match field for field (captured by a plugin that saves its
//! stdin), and the output of protoc-gen-go (both strategies, with and
//! without include_imports), protoc-gen-docs' binary and protoc's cpp and
//! python generators byte for byte. Needs buf and protoc (`source
//! ci/env.sh` after ci/install-tools.sh), Go (to install protoc-gen-go) and
//! cargo (to build protoc-gen-docs).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use prost::Message;

use super::protoc::collect_files;
use super::request::{FILE_TO_GENERATE, PARAMETER, PROTO_FILE, SOURCE_FILE_DESCRIPTORS};
use super::retention::{Child, Descriptor};
use super::run::find_on_path;
use super::wire::{FieldValue, FileView, for_each_field, for_each_field_raw, put_bytes};
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
                if let (PROTO_FILE | SOURCE_FILE_DESCRIPTORS, FieldValue::Bytes(b)) = (tag, value) {
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
