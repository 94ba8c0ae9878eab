//! `protosmith package` and `protosmith publish` as a user runs them, for
//! everything short of a registry (tests/publish.rs has that): the crate
//! written for the example module, and the mistakes that must be refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn proto_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto")
}

fn protosmith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protosmith"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Packages the example module as `acme-api` 1.4.0 for registry `company` into `out`.
fn package(out: &Path) -> Output {
    let proto = proto_root();
    protosmith(&[
        "package",
        "--name",
        "acme-api",
        "--registry",
        "company",
        "--version",
        "1.4.0",
        "--proto",
        proto.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

#[test]
fn the_manifest_has_one_feature_per_package_following_imports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme-api");
    let output = package(&out);
    assert!(output.status.success(), "{}", stderr(&output));

    let manifest: toml::Table = read(out.join("Cargo.toml")).parse().unwrap();
    let package = &manifest["package"];
    assert_eq!(package["name"].as_str(), Some("acme-api"));
    assert_eq!(package["version"].as_str(), Some("1.4.0"));
    assert_eq!(
        package["publish"].as_array().unwrap()[0].as_str(),
        Some("company")
    );
    assert!(package["license"].is_str() && package["description"].is_str());

    let features = manifest["features"].as_table().unwrap();
    let list = |name: &str| -> Vec<&str> {
        features[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect()
    };
    assert_eq!(
        list("default"),
        ["acme-order-v1", "acme-user-v1", "protosmith-errors-v1"]
    );
    // order.proto imports protosmith/errors/v1/options.proto.
    assert_eq!(list("acme-order-v1"), ["protosmith-errors-v1"]);
    assert!(list("acme-user-v1").is_empty());

    let dependencies = manifest["dependencies"].as_table().unwrap();
    let runtime = dependencies["grpc-errors"].as_table().unwrap();
    assert_eq!(runtime["registry"].as_str(), Some("company"));
    for name in ["prost", "tonic", "tonic-prost"] {
        assert!(dependencies.contains_key(name), "{name} missing");
    }
    assert!(
        !dependencies.contains_key("prost-types"),
        "no well-known type is used"
    );
}

#[test]
fn lib_rs_gates_each_package_behind_its_feature() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme-api");
    assert!(package(&out).status.success());
    let lib = read(out.join("src/lib.rs"));
    let expected = r#"    #[cfg(feature = "acme-user-v1")]
    pub mod user {
        pub mod v1 {
            include!("acme.user.v1.rs");
            include!("errors/acme/user/v1/errors.errors.rs");
        }
    }"#;
    assert!(lib.contains(expected), "{lib}");
    assert!(lib.contains("pub use grpc_errors;"), "{lib}");
    assert!(out.join("src/acme.user.v1.rs").is_file());
    assert!(
        out.join("src/errors/acme/order/v1/order.errors.rs")
            .is_file()
    );
}

#[test]
fn the_readme_tells_how_to_depend_and_documents_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme-api");
    assert!(package(&out).status.success());
    let readme = read(out.join("README.md"));
    assert!(
        readme.contains(r#"acme-api = { version = "1.4.0", registry = "company" }"#),
        "{readme}"
    );
    assert!(
        readme.contains("| `acme-order-v1` | `acme.order.v1` | `acme_api::acme::order::v1` | `protosmith-errors-v1` |"),
        "{readme}"
    );
    // From protoc-gen-docs: services and the error catalog.
    assert!(readme.contains("UserService"), "{readme}");
    assert!(
        readme.contains("acme.user.v1.USER_ERROR_NOT_FOUND"),
        "{readme}"
    );
}

#[test]
fn packaging_again_writes_the_same_bytes_and_keeps_files_the_user_added() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme-api");
    assert!(package(&out).status.success());
    let first = read_tree(&out);
    // Was: the whole directory was emptied before writing again.
    let added = [
        ("LICENSE", "Copyright: mine\n"),
        ("src/extra.rs", "// A module of my own.\n"),
        ("examples/demo.rs", "fn main() {}\n"),
    ];
    for (name, text) in added {
        std::fs::create_dir_all(out.join(name).parent().unwrap()).unwrap();
        std::fs::write(out.join(name), text).unwrap();
    }
    let output = package(&out);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut second = read_tree(&out);
    for (name, text) in added {
        let at = second
            .iter()
            .position(|(path, _)| path == Path::new(name))
            .unwrap_or_else(|| panic!("{name} was deleted"));
        assert_eq!(second.remove(at).1, text);
    }
    assert_eq!(first, second, "a second run differs");
}

#[test]
fn a_removed_proto_package_leaves_no_stale_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme-api");
    assert!(package(&out).status.success());
    assert!(out.join("src/acme.user.v1.rs").is_file());
    std::fs::write(out.join("src/mine.rs"), "// mine\n").unwrap();

    let proto = proto_root();
    let output = protosmith(&[
        "package",
        "--name",
        "acme-api",
        "--registry",
        "company",
        "--version",
        "1.4.0",
        "--proto",
        proto.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "acme/order/v1/order.proto",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!out.join("src/acme.user.v1.rs").exists());
    assert!(!out.join("src/errors/acme/user").exists());
    assert!(out.join("src/acme.order.v1.rs").is_file());
    assert_eq!(read(out.join("src/mine.rs")), "// mine\n");
    assert!(!read(out.join("src/lib.rs")).contains("acme.user.v1.rs"));
}

#[test]
fn a_file_of_its_own_the_user_edited_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme-api");
    assert!(package(&out).status.success());
    let readme = read(out.join("README.md"));
    let (_, edited) = readme.split_once('\n').unwrap();
    let edited = format!("{edited}\nMy notes.\n");
    std::fs::write(out.join("README.md"), &edited).unwrap();
    let lib = read(out.join("src/lib.rs"));

    let output = package(&out);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("README.md"), "{message}");
    assert!(message.contains("nothing was written"), "{message}");
    assert!(!message.contains("lib.rs"), "{message}");
    assert_eq!(read(out.join("README.md")), edited);
    assert_eq!(read(out.join("src/lib.rs")), lib);
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push((path.strip_prefix(dir).unwrap().to_path_buf(), read(&path)));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn it_never_overwrites_a_directory_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let output = package(dir.path());
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("was not written by protosmith package"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read(dir.path().join("notes.txt")), "mine");
}

#[test]
fn mistakes_are_refused_with_a_reason() {
    let proto = proto_root();
    let proto = proto.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "package",
                "--registry",
                "company",
                "--version",
                "1.0.0",
                "--proto",
                proto,
            ],
            "--name is required",
        ),
        (
            &[
                "package",
                "--name",
                "acme api",
                "--registry",
                "company",
                "--proto",
                proto,
            ],
            "is not a crate name",
        ),
        (
            &[
                "package",
                "--name",
                "acme-api",
                "--registry",
                "company",
                "--version",
                "1.4",
                "--proto",
                proto,
            ],
            "not a semantic version",
        ),
        (
            &[
                "package",
                "--name",
                "acme-api",
                "--registry",
                "a registry",
                "--proto",
                proto,
            ],
            "registry name",
        ),
        (&["publish", "--registry", "company"], "which crate?"),
    ];
    for (args, expected) in cases {
        let output = protosmith(args);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn publish_refuses_a_registry_the_crate_is_not_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme-api");
    assert!(package(&out).status.success());
    let output = protosmith(&["publish", out.to_str().unwrap(), "--registry", "crates-io"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(r#"may be published to ["company"] only"#),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_broken_proto_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("shop.proto"),
        "syntax = \"proto3\";\npackage shop.v1;\nmessage Item {\n  string name = 1\n}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = protosmith(&[
        "package",
        "--name",
        "shop-api",
        "--registry",
        "company",
        "--version",
        "0.1.0",
        "--proto",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("shop.proto:5:1: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_crate_written_inside_another_workspace_stands_alone() {
    // As in a proto repository that is itself a cargo workspace, or under a service's target/.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    let out = dir.path().join("target/protosmith/acme-api");
    assert!(package(&out).status.success());
    let metadata = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(out.join("Cargo.toml"))
        // --no-deps reads no index, but cargo wants every named registry configured.
        .env(
            "CARGO_REGISTRIES_COMPANY_INDEX",
            "sparse+http://127.0.0.1:9/index/",
        )
        .output()
        .unwrap();
    assert!(metadata.status.success(), "{}", stderr(&metadata));
}
