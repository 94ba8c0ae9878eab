//! The PHP output checked by PHP itself: `php -l`, `phpcs --standard=PSR12`,
//! and a run with the runtime (runtime/php/src) that must agree with the
//! catalog the classes came from; and the namer's idea of protoc's classes
//! checked against what `protoc --php_out` writes. Needs Debian's php-cli,
//! php-codesniffer and protobuf-compiler (`bash ci/lang/php.sh` installs them).

mod php_support;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use php_support::{
    HOSTILE_FILES, example, fixtures, generate, hostile, model_and_catalog, repo_root, run,
    scratch, text, write,
};
use protosmith_core::lang::php;
use protosmith_core::protocol::PluginRequest;
use serde_json::{Value, json};

fn lint(paths: &[PathBuf]) {
    assert!(!paths.is_empty());
    for path in paths {
        let output = run("php", "php-cli", &[OsStr::new("-l"), path.as_os_str()]);
        assert!(
            output.status.success(),
            "php -l {}:\n{}",
            path.display(),
            text(&output)
        );
    }
}

/// phpcs's PSR-12 findings, one `file:line:column: severity - message` each.
fn phpcs(paths: &[&Path], extra: &[&str]) -> (bool, Vec<String>) {
    let mut args: Vec<&OsStr> = ["--standard=PSR12", "--report=emacs", "-q"]
        .iter()
        .chain(extra)
        .map(OsStr::new)
        .collect();
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let output = run("phpcs", "php-codesniffer", &args);
    let findings = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    (output.status.success(), findings)
}

#[test]
fn example_output_passes_php_lint_and_psr12_without_a_warning() {
    let dir = scratch("lint-example");
    lint(&write(&dir, &generate(&example())));
    let (clean, findings) = phpcs(&[&dir], &[]);
    assert!(
        clean && findings.is_empty(),
        "phpcs --standard=PSR12:\n{}",
        findings.join("\n")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn hostile_output_passes_php_lint_and_psr12() {
    let dir = scratch("lint-hostile");
    let paths = write(&dir, &generate(&hostile()));
    lint(&paths);
    // Literals and withArgs() are never split, so long ones exceed PSR-12's
    // soft limit: a warning, and the only one allowed.
    let allow_long_lines = ["--runtime-set", "ignore_warnings_on_exit", "1"];
    let (namespaced, global): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| p.strip_prefix(&dir).unwrap().components().count() > 1);
    let namespaced: Vec<&Path> = namespaced.iter().map(|p| p.as_path()).collect();
    let (clean, findings) = phpcs(&namespaced, &allow_long_lines);
    // A class in the global namespace (php_namespace = "") breaks PSR-1's
    // "a namespace of at least one level" by the user's choice; protoc's own
    // classes there do too. Everything else must hold for it.
    let global: Vec<&Path> = global.iter().map(|p| p.as_path()).collect();
    assert_eq!(global.len(), 1, "{global:?}");
    let (global_clean, global_findings) = phpcs(
        &global,
        &[
            &allow_long_lines[..],
            &["--exclude=PSR1.Classes.ClassDeclaration"],
        ]
        .concat(),
    );
    let unexpected: Vec<&String> = findings
        .iter()
        .chain(&global_findings)
        .filter(|f| !f.contains(": warning - Line exceeds 120 characters"))
        .collect();
    assert!(
        clean && global_clean && unexpected.is_empty(),
        "phpcs --standard=PSR12, findings other than long lines:\n{unexpected:#?}"
    );
    assert!(
        !findings.is_empty(),
        "the fixture's long literals should draw line-length warnings"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Loads `files` with the runtime and returns what observe.php saw.
fn observe(dir: &Path, classes: &[String]) -> Vec<Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/php/observe.php");
    let runtime = repo_root().join("runtime/php/src");
    let mut args = vec![script.as_os_str(), runtime.as_os_str(), dir.as_os_str()];
    args.extend(classes.iter().map(OsStr::new));
    let output = run("php", "php-cli", &args);
    assert!(
        output.status.success(),
        "observe.php failed:\n{}",
        text(&output)
    );
    assert!(
        output.stderr.is_empty(),
        "observe.php wrote to stderr:\n{}",
        text(&output)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("observe.php printed no JSON ({e}):\n{}", text(&output)))
}

/// Runs the classes generated for `request` with the runtime and checks each
/// against its error enum: definitions, factories (message rendered as the
/// Rust runtime renders it, metadata), checks, registration.
fn run_against_catalog(request: &PluginRequest, name: &str) -> Vec<Value> {
    let files = generate(request);
    let dir = scratch(name);
    write(&dir, &files);
    let (model, catalog) = model_and_catalog(request);
    let enums: Vec<_> = catalog
        .enums
        .iter()
        .filter(|e| !e.values.is_empty() && model.file(&e.file).is_some_and(|f| f.generate))
        .collect();
    let classes: Vec<String> = files
        .iter()
        .map(|f| f.name.trim_end_matches(".php").replace('/', "\\"))
        .collect();
    assert_eq!(classes.len(), enums.len());
    let report = observe(&dir, &classes);
    assert_eq!(report.len(), enums.len());
    for (class, enumeration) in report.iter().zip(enums) {
        let at = &class["class"];
        assert_eq!(class["final"], true, "{at}");
        assert_eq!(class["same_definitions_each_call"], true, "{at}");
        assert_eq!(
            class["registered"],
            json!(vec![true; enumeration.values.len()]),
            "{at}"
        );
        let definitions: Vec<Value> = enumeration
            .values
            .iter()
            .map(|value| {
                let i18n: BTreeMap<&str, &str> = value
                    .i18n
                    .iter()
                    .map(|(language, template)| (language.as_str(), template.text.as_str()))
                    .collect();
                json!({
                    "code": php::upper_first(&php::method_name(&value.code.to_string())),
                    "reason": value.reason,
                    "domain": value.domain,
                    "message": value.message.text,
                    "placeholders": value.message.placeholders,
                    "i18n": i18n,
                    "proto_name": value.full_name,
                    "number": value.number,
                })
            })
            .collect();
        assert_eq!(class["definitions"], json!(definitions), "{at}");
        let errors = class["errors"].as_array().unwrap();
        assert_eq!(errors.len(), enumeration.values.len(), "{at}");
        for (i, (error, value)) in errors.iter().zip(&enumeration.values).enumerate() {
            let arguments: Vec<String> =
                serde_json::from_value(error["arguments"].clone()).unwrap();
            assert_eq!(
                arguments.len(),
                value.message.placeholders.len(),
                "{at} {}",
                value.name
            );
            let metadata: BTreeMap<String, String> = value
                .message
                .placeholders
                .iter()
                .cloned()
                .zip(arguments)
                .collect();
            let message = grpc_errors::template::render(&value.message.text, &metadata);
            let checks: Vec<bool> = (0..errors.len()).map(|j| j == i).collect();
            assert_eq!(error["code"], definitions[i]["code"], "{at} {}", value.name);
            assert_eq!(error["reason"], value.reason, "{at} {}", value.name);
            assert_eq!(error["domain"], value.domain, "{at} {}", value.name);
            assert_eq!(error["message"], message, "{at} {}", value.name);
            assert_eq!(error["metadata"], json!(metadata), "{at} {}", value.name);
            assert_eq!(error["checks"], json!(checks), "{at} {}", value.name);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    report
}

#[test]
fn example_output_runs_with_the_runtime() {
    let report = run_against_catalog(&example(), "run-example");
    let factories: Vec<&Value> = report
        .iter()
        .flat_map(|class| class["errors"].as_array().unwrap())
        .map(|error| &error["factory"])
        .collect();
    assert_eq!(
        factories,
        [
            "notFound",
            "outOfStock",
            "alreadyPaid",
            "cardDeclined",
            "providerUnavailable",
            "notFound",
            "emailTaken",
            "passwordMismatch",
            "storageFailure"
        ]
    );
}

#[test]
fn hostile_output_runs_with_the_runtime() {
    let report = run_against_catalog(&hostile(), "run-hostile");
    // [class, [[factory, check, parameters], ...]] per class.
    let names: Vec<Value> = report
        .iter()
        .map(|class| {
            let errors = class["errors"].as_array().unwrap();
            let methods: Vec<Value> = errors
                .iter()
                .map(|e| json!([e["factory"], e["check"], e["parameters"]]))
                .collect();
            json!([class["class"], methods])
        })
        .collect();
    let expected = json!([
        [
            "Hostile\\PBList\\V1\\HTTPErrorErrors",
            [
                ["list", "isList", ["this_"]],
                ["new", "isNew", ["userId", "userId2", "userId3", "userId22"]],
                ["control", "isControl", ["x"]],
                [
                    "longSignature",
                    "isLongSignature",
                    [
                        "aVeryLongPlaceholderNameNumberOne",
                        "aVeryLongPlaceholderNameNumberTwo"
                    ]
                ]
            ]
        ],
        [
            "Hostile\\PBList\\V1\\EmptyErrorErrors",
            [
                ["error3ds", "isError3ds", []],
                ["errorClass", "isErrorClass", ["class", "new"]]
            ]
        ],
        ["GlobalErrors", [["down", "isDown", []]]],
        [
            "Hostile\\Custom\\Ns\\XyOuterInnerKindErrors",
            [["denied", "isDenied", ["access", "this_"]]]
        ]
    ]);
    assert_eq!(json!(names), expected);
}

/// protoc 3.21's list, checked word by word against the protoc installed:
/// a message named after each reserved word (and a few that are not).
fn reserved_words_proto(dir: &Path) -> &'static str {
    let mut proto = String::from("syntax = \"proto3\";\npackage reserved.v1;\n");
    let words = php::RESERVED_NAMES
        .iter()
        .copied()
        .chain(["object", "mixed", "never", "enum", "Errors"]);
    for word in words {
        proto.push_str(&format!("message {} {{}}\n", php::upper_first(word)));
    }
    proto.push_str(
        "message Outer {\n  message List {}\n  message readonly {}\n  enum Class { CLASS_ZERO = 0; }\n  map<string, string> m = 1;\n}\n",
    );
    std::fs::write(dir.join("reserved_words.proto"), proto).unwrap();
    "reserved_words.proto"
}

#[test]
fn namer_knows_every_class_protoc_writes() {
    let protos = scratch("protoc-protos");
    let reserved = reserved_words_proto(&protos);
    let files: Vec<&str> = HOSTILE_FILES.iter().copied().chain([reserved]).collect();
    let includes = [fixtures(), protos.clone(), repo_root().join("proto")];
    let out = scratch("protoc-out");
    let mut args: Vec<String> = includes
        .iter()
        .map(|i| format!("-I{}", i.display()))
        .chain([
            "-I/usr/include".to_owned(),
            format!("--php_out={}", out.display()),
        ])
        .collect();
    args.extend(files.iter().map(|f| (*f).to_owned()));
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    let output = run("protoc", "protobuf-compiler", &args);
    assert!(
        output.status.success(),
        "protoc --php_out:\n{}",
        text(&output)
    );

    let mut written = BTreeSet::new();
    collect_php(&out, &out, &mut written);
    let request = PluginRequest::compile(&files, &includes, "").unwrap_or_else(|d| panic!("{d}"));
    let model = protosmith_core::model::build(&request.input);
    let expected: BTreeSet<String> = model
        .files_to_generate()
        .flat_map(php::protoc_classes)
        .map(|class| php::psr4_path(&class.name))
        .collect();
    assert_eq!(written, expected);
    assert!(written.contains("Reserved/V1/PBInclude_once.php"));
    assert!(written.contains("Reserved/V1/Object.php"));
    assert!(written.contains("Reserved/V1/Outer/PBreadonly.php"));
    assert!(written.contains("Reserved/V1/Outer/readonly.php"));
    std::fs::remove_dir_all(&protos).ok();
    std::fs::remove_dir_all(&out).ok();
}

fn collect_php(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_php(root, &path, out);
        } else {
            out.insert(
                path.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
}

/// What a user runs: protoc with `--php_out` and `--errors_out` into one
/// PSR-4 tree. The plugin's files are the golden ones, and none is protoc's.
#[test]
fn protoc_php_out_and_errors_out_share_one_tree() {
    let out = scratch("protoc-tree");
    let errors_only = scratch("protoc-errors");
    let plugin = format!(
        "--plugin=protoc-gen-errors={}",
        env!("CARGO_BIN_EXE_protoc-gen-errors")
    );
    let include = format!("-I{}", repo_root().join("proto").display());
    let protos = ["acme/user/v1/errors.proto", "acme/order/v1/order.proto"];
    for (dir, php_out) in [(&out, true), (&errors_only, false)] {
        let mut args = vec![
            plugin.clone(),
            include.clone(),
            "-I/usr/include".to_owned(),
            format!("--errors_out={}", dir.display()),
            "--errors_opt=lang=php".to_owned(),
        ];
        if php_out {
            args.push(format!("--php_out={}", dir.display()));
        }
        args.extend(protos.iter().map(|p| (*p).to_owned()));
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let output = run("protoc", "protobuf-compiler", &args);
        assert!(output.status.success(), "protoc:\n{}", text(&output));
    }
    let mut ours = BTreeSet::new();
    collect_php(&errors_only, &errors_only, &mut ours);
    let mut all = BTreeSet::new();
    collect_php(&out, &out, &mut all);
    let golden = repo_root().join("tests/interop/php/gen");
    for name in &ours {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            std::fs::read_to_string(golden.join(name)).unwrap(),
            "{name}"
        );
    }
    assert_eq!(ours.len(), 3, "{ours:?}");
    assert!(
        all.len() > ours.len() + 3,
        "protoc --php_out wrote nothing? {all:?}"
    );
    // Our classes are there exactly once: protoc wrote none of their paths
    // (it would have overwritten ours, or ours its).
    let protocs_written = {
        let only_protoc = scratch("protoc-php-only");
        let args = [
            include.clone(),
            "-I/usr/include".to_owned(),
            format!("--php_out={}", only_protoc.display()),
        ]
        .into_iter()
        .chain(protos.iter().map(|p| (*p).to_owned()))
        .collect::<Vec<_>>();
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let output = run("protoc", "protobuf-compiler", &args);
        assert!(
            output.status.success(),
            "protoc --php_out:\n{}",
            text(&output)
        );
        let mut written = BTreeSet::new();
        collect_php(&only_protoc, &only_protoc, &mut written);
        std::fs::remove_dir_all(&only_protoc).ok();
        written
    };
    assert!(protocs_written.is_disjoint(&ours), "{protocs_written:?}");
    assert_eq!(all, protocs_written.union(&ours).cloned().collect());
    let lowercase: BTreeSet<String> = all.iter().map(|n| n.to_ascii_lowercase()).collect();
    assert_eq!(
        lowercase.len(),
        all.len(),
        "paths equal ignoring case: {all:?}"
    );
    std::fs::remove_dir_all(&out).ok();
    std::fs::remove_dir_all(&errors_only).ok();
}
