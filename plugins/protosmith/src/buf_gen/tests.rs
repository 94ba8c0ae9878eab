//! Tests of reading buf.gen.yaml: the repository's own file, the keys and
//! their defaults, and the message for each file protosmith refuses (none a
//! panic, even for a damaged file).

use super::*;

fn parse_ok(text: &str) -> GenTemplate {
    parse(text, "buf.gen.yaml", PathBuf::from("conf")).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_err(text: &str) -> String {
    match parse(text, "buf.gen.yaml", PathBuf::from("conf")) {
        Ok(template) => panic!("expected an error, got {template:?}"),
        Err(message) => message,
    }
}

#[test]
fn reads_the_repository_template() {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../buf.gen.yaml"));
    let template = read(path).unwrap();
    // Six languages of errors, tests for Rust and Go, docs in three formats.
    assert_eq!(template.plugins.len(), 11);
    let entry = |out: &str| {
        template
            .plugins
            .iter()
            .find(|p| p.out == Path::new(out))
            .unwrap_or_else(|| panic!("no entry with out: {out}"))
    };
    let test = entry("gen/tests/rust");
    assert_eq!(
        test.source,
        PluginSource::Local(vec!["target/debug/protoc-gen-test".into()])
    );
    assert_eq!(test.parameter(), "dir=gen/tests/rust");
    assert_eq!(test.strategy, Strategy::Directory);
    assert_eq!(
        entry("gen/errors/go").parameter(),
        "lang=go,module=acme.example/gen/go"
    );
    assert_eq!(entry("gen/errors/java").strategy, Strategy::All);
    assert_eq!(entry("gen/docs/markdown").strategy, Strategy::All);
    assert!(
        test.location.ends_with("buf.gen.yaml:79:5"),
        "{}",
        test.location
    );
    assert!(!template.clean);
}

#[test]
fn a_full_entry() {
    let template = parse_ok(
        "version: v2\n\
             clean: true\n\
             managed:\n  enabled: false\n\
             plugins:\n\
             \x20 - local: [protoc-gen-go, --flag]\n\
             \x20   out: gen/go\n\
             \x20   opt:\n\
             \x20     - paths=source_relative\n\
             \x20     - Mfoo.proto=x/y\n\
             \x20   strategy: all\n\
             \x20   include_imports: true\n\
             \x20   include_wkt: true\n\
             \x20 - protoc_builtin: java\n\
             \x20   protoc_path: /opt/protoc/bin/protoc\n\
             \x20   out: gen/java\n\
             \x20   opt: lite\n",
    );
    assert!(template.clean);
    assert_eq!(template.dir, PathBuf::from("conf"));
    let go = &template.plugins[0];
    assert_eq!(
        go.source,
        PluginSource::Local(vec!["protoc-gen-go".into(), "--flag".into()])
    );
    assert_eq!(go.opt, ["paths=source_relative", "Mfoo.proto=x/y"]);
    assert_eq!(go.parameter(), "paths=source_relative,Mfoo.proto=x/y");
    assert_eq!(go.strategy, Strategy::All);
    assert!(go.include_imports && go.include_wkt);
    assert_eq!(go.location, "buf.gen.yaml:6:5");
    let java = &template.plugins[1];
    assert_eq!(
        java.source,
        PluginSource::ProtocBuiltin {
            name: "java".into(),
            protoc_path: Some("/opt/protoc/bin/protoc".into())
        }
    );
    assert_eq!(java.parameter(), "lite");
    assert_eq!(java.strategy, Strategy::Directory);
    assert_eq!(java.location, "buf.gen.yaml:14:5");
    assert_eq!(template.out_dir(java), PathBuf::from("gen/java"));
}

#[test]
fn defaults() {
    let template = parse_ok("version: v2\nplugins:\n  - local: protoc-gen-go\n    out: go\n");
    let entry = &template.plugins[0];
    assert_eq!(entry.strategy, Strategy::Directory);
    assert!(entry.opt.is_empty());
    assert_eq!(entry.parameter(), "");
    assert!(!entry.include_imports && !entry.include_wkt && !template.clean);
}

#[test]
fn commands_are_taken_as_written_relative_to_the_working_directory() {
    let template = parse_ok(
        "version: v2\nplugins:\n  - local: protoc-gen-go\n    out: a\n  - local: [target/debug/protoc-gen-docs, x]\n    out: b\n  - local: /usr/bin/protoc-gen-go\n    out: c\n",
    );
    let commands: Vec<_> = template
        .plugins
        .iter()
        .map(|p| template.command(p).unwrap())
        .collect();
    assert_eq!(commands[0], ["protoc-gen-go"]);
    assert_eq!(commands[1], ["target/debug/protoc-gen-docs", "x"]);
    assert_eq!(commands[2], ["/usr/bin/protoc-gen-go"]);
}

#[test]
fn opt_written_as_a_string_is_kept_whole() {
    let template = parse_ok("version: v2\nplugins:\n  - local: p\n    out: o\n    opt: a=1,b=2\n");
    assert_eq!(template.plugins[0].opt, ["a=1,b=2"]);
    assert_eq!(template.plugins[0].parameter(), "a=1,b=2");
}

#[test]
fn unknown_keys_name_the_line_and_suggest() {
    let message = parse_err(
        "version: v2\n\
             plugins:\n\
             \x20 - local: a\n\
             \x20   out: a\n\
             \x20 - local: b\n\
             \x20   out: b\n\
             \x20 - local: c\n\
             \x20   oout: c\n",
    );
    assert_eq!(
        message,
        "buf.gen.yaml:8:5: unknown key \"oout\" in plugins[2]: did you mean out?"
    );
}

#[test]
fn unknown_keys_without_a_close_match_list_the_keys() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    zzz: 1\n"),
        "buf.gen.yaml:5:5: unknown key \"zzz\" in plugins[0]: expected one of remote, revision, local, protoc_builtin, protoc_path, out, opt, include_imports, include_wkt, strategy, types, exclude_types"
    );
    assert_eq!(
        parse_err("version: v2\nplugin:\n  - local: a\n    out: a\n"),
        "buf.gen.yaml:2:1: unknown key \"plugin\" in the top level: did you mean plugins?"
    );
    assert_eq!(
        parse_err("version: v2\nmanaged:\n  enable: false\nplugins:\n  - local: a\n    out: a\n"),
        "buf.gen.yaml:3:3: unknown key \"enable\" in managed: did you mean enabled?"
    );
}

#[test]
fn every_problem_is_reported() {
    // Unknown keys first (the strict mirror), all of them ...
    let message = parse_err(
        "version: v2\nplugins:\n  - local: a\n    oout: a\n  - local: b\n    out: b\n    strateg: all\n",
    );
    assert_eq!(
        message,
        "buf.gen.yaml:4:5: unknown key \"oout\" in plugins[0]: did you mean out?\n\
             buf.gen.yaml:7:5: unknown key \"strateg\" in plugins[1]: did you mean strategy?"
    );
    // ... then, once the shape is right, every rule broken.
    let message = parse_err(
        "version: v2\nplugins:\n  - local: a\n  - local: b\n    out: b\n    strategy: dir\n",
    );
    assert_eq!(
        message,
        "buf.gen.yaml:3:5: plugins[0] has no out: it is required (the output folder)\n\
             buf.gen.yaml:6:15: unknown strategy \"dir\": did you mean directory?"
    );
}

#[test]
fn repeated_keys_are_errors() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    out: b\n"),
        "buf.gen.yaml:5:5: out is given twice in plugins[0]"
    );
}

#[test]
fn version_must_be_v2() {
    assert_eq!(
        parse_err("version: v1\nplugins:\n  - plugin: go\n    out: gen\n"),
        "buf.gen.yaml:1:10: buf.gen.yaml version v1 is not supported: protosmith reads version v2; convert the file with `buf config migrate` (buf 1.32 or later), which rewrites it as v2"
    );
    assert_eq!(
        parse_err("plugins:\n  - local: a\n    out: a\n"),
        "buf.gen.yaml:1:1: missing version: protosmith reads buf.gen.yaml version v2; add `version: v2` (a file without a version is v1beta1: convert it with `buf config migrate`)"
    );
    assert_eq!(
        parse_err("version: v3\nplugins: []\n"),
        "buf.gen.yaml:1:10: unknown buf.gen.yaml version \"v3\": protosmith reads version v2"
    );
}

#[test]
fn exactly_one_source() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - out: a\n"),
        "buf.gen.yaml:3:5: plugins[0] must give one of local, remote or protoc_builtin"
    );
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    protoc_builtin: java\n    out: a\n"),
        "buf.gen.yaml:3:5: plugins[0] gives local and protoc_builtin: exactly one of local, remote or protoc_builtin is allowed"
    );
}

#[test]
fn remote_plugins_are_refused() {
    assert_eq!(
        parse_err(
            "version: v2\nplugins:\n  - remote: buf.build/protocolbuffers/go:v1.36.0\n    out: gen/go\n"
        ),
        "buf.gen.yaml:3:13: remote plugin buf.build/protocolbuffers/go:v1.36.0: remote plugins run on buf's registry (buf.build), which protosmith does not reach; install the plugin and use a local plugin instead (e.g. local: protoc-gen-go)"
    );
}

#[test]
fn out_is_required() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: protoc-gen-go\n    opt: x\n"),
        "buf.gen.yaml:3:5: plugins[0] has no out: it is required (the output folder)"
    );
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: protoc-gen-go\n    out: ''\n"),
        "buf.gen.yaml:4:10: plugins[0].out must not be empty"
    );
}

#[test]
fn archives_are_refused() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - protoc_builtin: java\n    out: gen/java.jar\n"),
        "buf.gen.yaml:4:10: plugins[0].out is an archive (gen/java.jar): protosmith writes to folders only; name a folder"
    );
}

#[test]
fn strategy_must_be_known() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    strategy: each\n"),
        "buf.gen.yaml:5:15: unknown strategy \"each\": expected directory or all"
    );
}

#[test]
fn include_wkt_needs_include_imports() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    include_wkt: true\n"),
        "buf.gen.yaml:5:18: include_wkt needs include_imports: true (buf: cannot include well-known types without including imports)"
    );
}

#[test]
fn options_for_other_kinds_of_plugin() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    revision: 2\n    out: a\n"),
        "buf.gen.yaml:4:15: cannot specify revision for local plugin a: revision is for remote plugins"
    );
    assert_eq!(
        parse_err(
            "version: v2\nplugins:\n  - local: a\n    protoc_path: /bin/protoc\n    out: a\n"
        ),
        "buf.gen.yaml:4:18: cannot specify protoc_path for local plugin a: protoc_path is for protoc_builtin"
    );
    assert_eq!(
        parse_err(
            "version: v2\nplugins:\n  - protoc_builtin: cpp\n    protoc_path: [protoc, --x]\n    out: a\n"
        ),
        "buf.gen.yaml:4:18: plugins[0].protoc_path must be one path: extra protoc arguments are not supported by protosmith"
    );
}

#[test]
fn types_are_refused() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    out: a\n    types: [acme.v1.Foo]\n"),
        "buf.gen.yaml:5:12: plugins[0].types is not supported by protosmith: remove it (every type of each file is generated)"
    );
}

#[test]
fn managed_mode() {
    parse_ok("version: v2\nmanaged:\n  enabled: false\nplugins:\n  - local: a\n    out: a\n");
    parse_ok("version: v2\nmanaged: {enabled: false}\nplugins:\n  - local: a\n    out: a\n");
    assert_eq!(
        parse_err("version: v2\nmanaged:\n  enabled: true\nplugins:\n  - local: a\n    out: a\n"),
        "buf.gen.yaml:3:12: managed mode is not supported by protosmith: set the file options (go_package, java_package, ...) in the .proto files, or pass them as plugin options (e.g. opt: Mfoo/v1/foo.proto=example.com/foo/v1 for protoc-gen-go); `managed: {enabled: false}` or no managed section is accepted"
    );
    assert_eq!(
        parse_err(
            "version: v2\nmanaged:\n  enabled: false\n  override:\n    - file_option: go_package_prefix\n      value: x\nplugins:\n  - local: a\n    out: a\n"
        ),
        "buf.gen.yaml:5:5: managed.override is not supported by protosmith (it has no managed mode); remove it"
    );
}

#[test]
fn inputs_are_refused() {
    parse_ok("version: v2\ninputs: []\nplugins:\n  - local: a\n    out: a\n");
    assert_eq!(
        parse_err(
            "version: v2\ninputs:\n  - directory: proto\nplugins:\n  - local: a\n    out: a\n"
        ),
        "buf.gen.yaml:3:3: inputs are not supported by protosmith: it compiles the .proto files under --proto (default proto) with protox; remove inputs and pass --proto DIR"
    );
}

#[test]
fn wrong_shapes() {
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - local: a\n    out: [a, b]\n"),
        "buf.gen.yaml:4:10: plugins[0].out must be a string, not a list"
    );
    assert_eq!(
        parse_err("version: v2\nclean: yes\nplugins:\n  - local: a\n    out: a\n"),
        "buf.gen.yaml:2:8: clean must be true or false"
    );
    assert_eq!(
        parse_err("version: v2\nplugins:\n  - protoc-gen-go\n"),
        "buf.gen.yaml:3:5: plugins[0] must be a mapping (key: value lines), not a scalar"
    );
    assert_eq!(
        parse_err("version: v2\nplugins: []\n"),
        "buf.gen.yaml:2:10: no plugins: list at least one under `plugins:`"
    );
    assert_eq!(
        parse_err(""),
        "buf.gen.yaml: the file is empty; it needs at least `version: v2` and `plugins:`"
    );
}

#[test]
fn yaml_syntax_errors_name_the_line() {
    let message = parse_err("version: v2\nplugins:\n  - local: a\n   out: [a\n");
    assert!(message.starts_with("buf.gen.yaml:"), "{message}");
}

#[test]
fn anchors_and_aliases() {
    let template = parse_ok(
        "version: v2\nplugins:\n  - local: a\n    out: a\n    opt: &common [x=1, y=2]\n  - local: b\n    out: b\n    opt: *common\n",
    );
    assert_eq!(template.plugins[1].opt, ["x=1", "y=2"]);
}

#[test]
fn never_panics_on_damaged_files() {
    // The repository's template without its comments, damaged one byte
    // at a time.
    let text: String =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../buf.gen.yaml"))
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .map(|line| format!("{line}\n"))
            .collect();
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        for replacement in [
            &b""[..],
            b":",
            b"-",
            b" ",
            b"\n",
            b"[",
            b"{",
            b"&a",
            b"*a",
            b"\t",
            b"'",
        ] {
            let mut damaged = bytes[..i].to_vec();
            damaged.extend_from_slice(replacement);
            damaged.extend_from_slice(&bytes[i + 1..]);
            let damaged = String::from_utf8_lossy(&damaged);
            let _ = parse(&damaged, "buf.gen.yaml", PathBuf::new());
        }
    }
}

#[test]
fn quoted_values_are_strings() {
    let template = parse_ok("version: \"v2\"\nplugins:\n  - local: 'a'\n    out: \"123\"\n");
    assert_eq!(template.plugins[0].out, PathBuf::from("123"));
    assert_eq!(
        parse_err("version: v2\nclean: \"true\"\nplugins:\n  - local: a\n    out: a\n"),
        "buf.gen.yaml:2:8: clean must be true or false"
    );
}
