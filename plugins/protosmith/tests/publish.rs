//! package → publish → consume, for real: a cargo registry server
//! (cargo-http-registry, installed by ci/install-tools.sh) on 127.0.0.1,
//! `protosmith publish` uploading the runtime and the API crate with cargo
//! publish, and a separate crate that depends on the published version and
//! runs.
//!
//! Cargo runs with a CARGO_HOME of its own (the user's configuration and
//! caches stay untouched; crates.io is still reached for prost, tonic...)
//! and a target directory under target/tmp shared by all its builds, so
//! tonic compiles once per run, and once ever on a developer's machine.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const REGISTRY: &str = "local";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A cargo-http-registry server on an ephemeral port, stopped on drop.
struct Registry {
    server: Child,
    /// `http://127.0.0.1:PORT/git`: the index, as a git repository over HTTP.
    index: String,
    _root: tempfile::TempDir,
}

impl Registry {
    fn start() -> Registry {
        let installed = workspace().join(".tools/cargo/bin/cargo-http-registry");
        assert!(
            installed.is_file(),
            "{} is missing: run bash ci/install-tools.sh (it installs cargo-http-registry from crates.io)",
            installed.display()
        );
        let root = tempfile::tempdir().unwrap();
        let server = Command::new(&installed)
            .arg(root.path().join("registry"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The server writes its address (port 0 picks a free one) into the
        // index's config.json once it listens.
        let config = root.path().join("registry/config.json");
        let started = Instant::now();
        let api = loop {
            let api = std::fs::read_to_string(&config).ok().and_then(|text| {
                let json: serde_json::Value = serde_json::from_str(&text).ok()?;
                json.get("api")?.as_str().map(str::to_owned)
            });
            if let Some(api) = api {
                break api;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "cargo-http-registry did not start in 30s"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(
            api.starts_with("http://127.0.0.1:"),
            "the registry must listen on loopback only, not {api}"
        );
        Registry {
            server,
            index: format!("{api}/git"),
            _root: root,
        }
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// What every cargo (and protosmith) of the test runs with.
struct Environment {
    cargo_home: tempfile::TempDir,
    registry: Registry,
}

impl Environment {
    fn apply(&self, command: &mut Command) {
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-cargo");
        command
            .env("CARGO_HOME", self.cargo_home.path())
            .env("CARGO_TARGET_DIR", target)
            .env(
                format!("CARGO_REGISTRIES_{}_INDEX", REGISTRY.to_uppercase()),
                &self.registry.index,
            )
            // cargo-http-registry takes any token; cargo insists on one.
            .env(
                format!("CARGO_REGISTRIES_{}_TOKEN", REGISTRY.to_uppercase()),
                "e2e-token",
            )
            // Its index is a git repository served over plain HTTP.
            .env("CARGO_NET_GIT_FETCH_WITH_CLI", "true")
            .env_remove("RUSTFLAGS");
    }

    fn protosmith(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_protosmith"));
        command.args(args);
        self.apply(&mut command);
        command.output().unwrap()
    }

    fn cargo(&self, args: &[&str], dir: &Path) -> Output {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command.args(args).current_dir(dir);
        self.apply(&mut command);
        command.output().unwrap()
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn succeeded(what: &str, output: &Output) -> String {
    assert!(output.status.success(), "{what} failed: {}", text(output));
    text(output)
}

const CONSUMER_MANIFEST: &str = r#"[package]
name = "consumer"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
# Only the order API; its feature brings the package it imports.
acme-api = { version = "1.4", registry = "local", default-features = false, features = ["acme-order-v1"] }

[workspace]
"#;

const CONSUMER_MAIN: &str = r#"use acme_api::acme::order::v1::order_service_client::OrderServiceClient;
use acme_api::acme::order::v1::{order_error_not_found, GetOrderRequest, OrderErrorKind};
use acme_api::grpc_errors;

fn main() {
    let error = order_error_not_found("o-1");
    let status: acme_api::tonic::Status = error.into();
    let decoded = grpc_errors::from_status(&status);
    assert!(decoded.is(&order_error_not_found("any")));
    assert_eq!(OrderErrorKind::from_error(&decoded), Some(OrderErrorKind::NotFound));
    let _imported = acme_api::protosmith::errors::v1::ErrorOptions::default();
    let _request = GetOrderRequest { order_id: "o-1".into() };
    let _client: Option<OrderServiceClient<acme_api::tonic::transport::Channel>> = None;
    println!("consumer: {} | {}", decoded.reason(), decoded.message());
}
"#;

#[test]
fn package_publish_and_consume_from_a_registry_on_loopback() {
    let started = Instant::now();
    let environment = Environment {
        cargo_home: tempfile::tempdir().unwrap(),
        registry: Registry::start(),
    };
    let work = tempfile::tempdir().unwrap();
    let proto = workspace().join("proto");
    let crate_dir = work.path().join("acme-api");
    let crate_path = crate_dir.to_str().unwrap();
    let package = |version: &str| {
        environment.protosmith(&[
            "package",
            "--name",
            "acme-api",
            "--registry",
            REGISTRY,
            "--version",
            version,
            "--proto",
            proto.to_str().unwrap(),
            "--out",
            crate_path,
        ])
    };

    succeeded("protosmith package", &package("1.4.0"));
    let published = succeeded(
        "protosmith publish",
        &environment.protosmith(&["publish", crate_path, "--registry", REGISTRY]),
    );
    assert!(
        published.contains("publishing grpc-errors 0.1.0 to local first"),
        "{published}"
    );
    assert!(
        published.contains("Published acme-api v1.4.0"),
        "{published}"
    );
    eprintln!("published 1.4.0 after {:?}", started.elapsed());

    // cargo package on its own, as a proto repository's CI would run it before publishing.
    let packaged = environment.cargo(
        &["package", "--registry", REGISTRY, "--allow-dirty"],
        &crate_dir,
    );
    succeeded("cargo package", &packaged);
    // Generated code is held to the workspace's bar: no warning, no clippy finding.
    let linted = environment.cargo(
        &[
            "clippy",
            "--quiet",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        &crate_dir,
    );
    succeeded("cargo clippy on the packaged crate", &linted);
    eprintln!("packaged and linted after {:?}", started.elapsed());

    // A second release finds the runtime already there.
    succeeded("protosmith package 1.4.1", &package("1.4.1"));
    let again = succeeded(
        "protosmith publish 1.4.1",
        &environment.protosmith(&["publish", crate_path, "--registry", REGISTRY]),
    );
    assert!(
        again.contains("grpc-errors 0.1.0 is already in local"),
        "{again}"
    );
    eprintln!("published 1.4.1 after {:?}", started.elapsed());

    // A dry run verifies and uploads nothing: the consumer below still gets 1.4.1.
    succeeded("protosmith package 1.4.2", &package("1.4.2"));
    let dry = environment.protosmith(&["publish", crate_path, "--registry", REGISTRY, "--dry-run"]);
    let dry = succeeded("protosmith publish --dry-run", &dry);
    assert!(dry.contains("aborting upload due to dry run"), "{dry}");

    let consumer = work.path().join("consumer");
    std::fs::create_dir_all(consumer.join("src")).unwrap();
    std::fs::write(consumer.join("Cargo.toml"), CONSUMER_MANIFEST).unwrap();
    std::fs::write(consumer.join("src/main.rs"), CONSUMER_MAIN).unwrap();
    let ran = succeeded(
        "cargo run of the consumer",
        &environment.cargo(&["run", "--quiet"], &consumer),
    );
    assert!(
        ran.contains("consumer: acme.order.v1.ORDER_ERROR_NOT_FOUND | order o-1 not found"),
        "{ran}"
    );
    let lock = std::fs::read_to_string(consumer.join("Cargo.lock")).unwrap();
    assert!(
        lock.contains("name = \"acme-api\"\nversion = \"1.4.1\""),
        "{lock}"
    );
    eprintln!("consumed after {:?}", started.elapsed());
}
