//! The builder as a library, in process: what it writes for the example
//! module, that protox and protoc give the same bytes, and how bad protos fail.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use protosmith_build::{Builder, Error, configure};

const EXAMPLE_PROTOS: [&str; 3] = [
    "acme/user/v1/user.proto",
    "acme/user/v1/errors.proto",
    "acme/order/v1/order.proto",
];

fn proto_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto")
}

/// The protoc CI installs (ci/install-tools.sh, exported by ci/env.sh), else the one on PATH.
fn protoc() -> PathBuf {
    std::env::var_os("PROTOC")
        .filter(|p| !p.is_empty())
        .map_or_else(|| "protoc".into(), PathBuf::from)
}

/// Every file under `dir`, by path relative to it.
fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Runs `builder` on `protos` under `root` into a fresh directory, as build.rs would.
fn compile(
    builder: Builder,
    protos: &[&str],
    root: &Path,
) -> Result<BTreeMap<String, String>, Error> {
    let out = tempfile::tempdir().unwrap();
    builder
        .emit_rerun_if_changed(false)
        .out_dir(out.path())
        .compile(protos, &[root])?;
    Ok(read_tree(out.path()))
}

#[test]
fn writes_prost_errors_and_one_include_file() {
    let files = compile(configure().protox(), &EXAMPLE_PROTOS, &proto_root()).unwrap();
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            ".protosmith-build",
            "acme.order.v1.rs",
            "acme.user.v1.rs",
            "errors/acme/order/v1/order.errors.rs",
            "errors/acme/user/v1/errors.errors.rs",
            "protosmith.errors.v1.rs",
            "protosmith.rs",
        ]
    );
    let tree = &files["protosmith.rs"];
    let expected_user = r#"        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/acme.user.v1.rs"));
            include!(concat!(env!("OUT_DIR"), "/errors/acme/user/v1/errors.errors.rs"));
        }"#;
    assert!(tree.contains(expected_user), "{tree}");
    // An imported package is in the tree: prost's code may name its types.
    assert!(tree.contains("pub mod protosmith {"), "{tree}");
    assert!(files["acme.user.v1.rs"].contains("pub mod user_service_client"));
    assert!(files["acme.user.v1.rs"].contains("pub mod user_service_server"));
}

#[test]
fn protox_and_protoc_generate_the_same_bytes() {
    let protox = compile(configure().protox(), &EXAMPLE_PROTOS, &proto_root()).unwrap();
    let protoc = compile(configure().protoc(protoc()), &EXAMPLE_PROTOS, &proto_root())
        .unwrap_or_else(|e| {
            panic!("protoc run failed (bash ci/install-tools.sh installs protoc):{e:?}")
        });
    assert_eq!(
        protox.keys().collect::<Vec<_>>(),
        protoc.keys().collect::<Vec<_>>()
    );
    for (name, content) in &protox {
        assert!(
            protoc[name] == *content,
            "{name} differs between protox and protoc"
        );
    }
}

#[test]
fn output_is_deterministic() {
    let first = compile(configure().protox(), &EXAMPLE_PROTOS, &proto_root()).unwrap();
    let second = compile(configure().protox(), &EXAMPLE_PROTOS, &proto_root()).unwrap();
    assert!(first == second);
}

#[test]
fn generators_can_be_switched_off() {
    let builder = configure()
        .protox()
        .errors(false)
        .build_client(false)
        .build_server(false);
    let files = compile(builder, &["acme/user/v1/user.proto"], &proto_root()).unwrap();
    assert!(!files.keys().any(|name| name.starts_with("errors/")));
    assert!(!files["acme.user.v1.rs"].contains("user_service_client"));
    assert!(!files["acme.user.v1.rs"].contains("user_service_server"));
    assert!(files["acme.user.v1.rs"].contains("pub struct GetUserRequest"));
}

#[test]
fn errors_options_reach_the_generator() {
    let builder = configure()
        .protox()
        .reason_style(protosmith_build::ReasonStyle::Aip)
        .domain("user.example.com");
    let files = compile(builder, &["acme/user/v1/errors.proto"], &proto_root()).unwrap();
    let errors = &files["errors/acme/user/v1/errors.errors.rs"];
    assert!(errors.contains(r#""USER_ERROR_NOT_FOUND","#), "{errors}");
    assert!(
        errors.contains(r#".with_domain("user.example.com")"#),
        "{errors}"
    );

    let unknown = compile(
        configure().protox().errors_opt("reason_stlye=aip"),
        &["acme/user/v1/errors.proto"],
        &proto_root(),
    );
    let message = unknown.unwrap_err().to_string();
    assert!(
        message.contains("reason_stlye") && message.contains("reason_style"),
        "{message}"
    );
}

#[test]
fn sources_are_the_files_read_imports_included() {
    let out = tempfile::tempdir().unwrap();
    let generated = configure()
        .protox()
        .generate(&["acme/order/v1/order.proto"], &[proto_root()], out.path())
        .unwrap();
    let sources: Vec<PathBuf> = generated
        .sources
        .iter()
        .map(|p| p.strip_prefix(proto_root()).unwrap().to_path_buf())
        .collect();
    // google/protobuf/descriptor.proto is compiled into protox: nothing to watch.
    assert_eq!(
        sources,
        [
            PathBuf::from("protosmith/errors/v1/options.proto"),
            PathBuf::from("acme/order/v1/order.proto")
        ]
    );
}

/// A module with one file; returns its root.
fn module(file: &str, content: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(file), content).unwrap();
    dir
}

const SYNTAX_ERROR: &str =
    "syntax = \"proto3\";\npackage shop.v1;\n\nmessage Item {\n  string name = 1\n}\n";

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let dir = module("shop.proto", SYNTAX_ERROR);
    let error = compile(configure().protox(), &["shop.proto"], dir.path()).unwrap_err();
    assert!(matches!(error, Error::Proto(_)));
    let message = format!("{error:?}");
    assert!(message.contains("shop.proto:6:1: "), "{message}");

    let error = compile(configure().protoc(protoc()), &["shop.proto"], dir.path()).unwrap_err();
    let message = format!("{error:?}");
    assert!(message.contains("shop.proto:6:1: "), "{message}");
}

#[test]
fn an_error_annotation_mistake_names_file_line_and_column() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUNDD\n  SHOP_ERROR_MISSING = 1;\n}\n";
    let dir = module("shop.proto", proto);
    let error = compile(configure().protox(), &["shop.proto"], dir.path()).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("shop.proto:6:6: unknown gRPC code \"NOT_FOUNDD\""),
        "{message}"
    );
    assert!(message.contains("did you mean NOT_FOUND?"), "{message}");
}

#[test]
fn a_missing_import_or_file_is_an_error_not_a_panic() {
    let dir = module(
        "shop.proto",
        "syntax = \"proto3\";\nimport \"missing.proto\";\n",
    );
    let message = compile(configure().protox(), &["shop.proto"], dir.path())
        .unwrap_err()
        .to_string();
    assert!(message.contains("missing.proto"), "{message}");

    let message = compile(configure().protox(), &["nowhere.proto"], dir.path())
        .unwrap_err()
        .to_string();
    assert!(message.contains("nowhere.proto"), "{message}");

    let none: [&str; 0] = [];
    let message = compile(configure().protox(), &none, dir.path())
        .unwrap_err()
        .to_string();
    assert!(message.contains("no .proto files"), "{message}");

    let missing_protoc = compile(
        configure().protoc("/nonexistent/protoc"),
        &["shop.proto"],
        dir.path(),
    );
    let message = missing_protoc.unwrap_err().to_string();
    assert!(
        message.contains("cannot run protoc at /nonexistent/protoc"),
        "{message}"
    );
}

#[test]
fn the_order_protos_are_listed_in_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let error_enum = |name: &str, prefix: &str| {
        format!(
            "enum {name} {{\n  {prefix}_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  {prefix}_MISSING = 1;\n}}\n"
        )
    };
    let header = "syntax = \"proto3\";\npackage shop.v1;\n";
    std::fs::write(
        dir.path().join("a.proto"),
        format!("{header}{}", error_enum("AError", "A_ERROR")),
    )
    .unwrap();
    let b = format!(
        "{header}import \"a.proto\";\n{}",
        error_enum("BError", "B_ERROR")
    );
    std::fs::write(dir.path().join("b.proto"), b).unwrap();

    let reference = compile(configure().protox(), &["a.proto", "b.proto"], dir.path()).unwrap();
    assert!(reference["protosmith.rs"].contains("a.errors.rs"));
    for builder in [configure().protox(), configure().protoc(protoc())] {
        let reversed = compile(builder, &["b.proto", "a.proto"], dir.path()).unwrap();
        assert!(reversed == reference, "{reversed:#?}");
    }
}
