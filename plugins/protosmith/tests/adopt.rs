//! A team adopting protosmith outside this repository, as the README tells
//! them: install (cargo install, then link-plugins), `protosmith init` in an
//! empty directory, buf lint and format, `protosmith generate` and `buf
//! generate` (same files), and a crate that builds with the generated code.
//! Needs buf on PATH (`source ci/env.sh` after `bash ci/install-tools.sh`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn run(dir: &Path, path: &str, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .unwrap_or_else(|e| panic!("{program} {args:?}: {e}"))
}

fn ok(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn install_init_lint_generate_and_build_outside_the_repository() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let system_path = std::env::var("PATH").unwrap();

    // Install, as the README says (debug, and the workspace's target dir, so
    // the test reuses what `cargo test` built).
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let install = root.join("install");
    ok(
        Command::new(&cargo)
            .args(["install", "--locked", "--debug", "--path"])
            .arg(repo().join("plugins/protosmith"))
            .arg("--root")
            .arg(&install)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap(),
        "cargo install --path plugins/protosmith",
    );
    let bin = install.join("bin");
    let path = format!("{}:{system_path}", bin.display());
    ok(
        run(root, &path, "protosmith", &["link-plugins"]),
        "protosmith link-plugins",
    );
    for plugin in ["protoc-gen-errors", "protoc-gen-test", "protoc-gen-docs"] {
        let version = ok(run(root, &path, plugin, &["--version"]), plugin);
        assert_eq!(
            String::from_utf8_lossy(&version.stdout),
            format!("{plugin} {}\n", env!("CARGO_PKG_VERSION"))
        );
    }

    // init, and init again refuses to overwrite.
    let project = root.join("apis");
    ok(
        run(root, &path, "protosmith", &["init", "apis"]),
        "protosmith init",
    );
    let again = run(root, &path, "protosmith", &["init", "apis"]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("init writes nothing: these files exist already"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    let pipeline = std::fs::read_to_string(project.join(".gitlab-ci.yml")).unwrap();
    assert!(
        pipeline.contains("file: ci/gitlab/protosmith.gitlab-ci.yml"),
        "{pipeline}"
    );

    // buf is happy with what init wrote.
    which(&system_path, "buf");
    ok(run(&project, &path, "buf", &["lint"]), "buf lint");
    ok(
        run(&project, &path, "buf", &["format", "--diff", "--exit-code"]),
        "buf format",
    );

    // protosmith generate, then buf generate with the linked plugins: the same files.
    ok(
        run(&project, &path, "protosmith", &["generate"]),
        "protosmith generate",
    );
    let generated = tree(&project.join("gen"));
    let names: Vec<&str> = generated.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "docs/html/index.html",
            "docs/markdown/index.md",
            "errors/rust/acme/example/v1/errors.errors.rs"
        ]
    );
    ok(
        run(&project, &path, "buf", &["generate", "-o", "from-buf"]),
        "buf generate",
    );
    assert_eq!(tree(&project.join("from-buf/gen")), generated);

    // A crate that uses the generated registry builds (and its test runs).
    let app = root.join("app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        format!(
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\n\
             grpc-errors = {{ path = {:?} }}\n\n[workspace]\n",
            repo().join("runtime/rust/grpc-errors")
        ),
    )
    .unwrap();
    std::fs::write(
        app.join("src/lib.rs"),
        format!(
            "pub mod acme {{ pub mod example {{ pub mod v1 {{ include!({:?}); }} }} }}\n\n\
             #[test]\nfn the_generated_error_is_registered() {{\n    \
             let error = acme::example::v1::example_error_not_found(\"i-1\");\n    \
             assert_eq!(error.message(), \"item i-1 not found\");\n    \
             assert_eq!(error.code(), grpc_errors::Code::NotFound);\n}}\n",
            project.join("gen/errors/rust/acme/example/v1/errors.errors.rs")
        ),
    )
    .unwrap();
    std::fs::copy(repo().join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    ok(
        Command::new(&cargo)
            .args(["test", "--offline"])
            .current_dir(&app)
            .env("CARGO_TARGET_DIR", root.join("app-target"))
            .output()
            .unwrap(),
        "cargo test of a crate using the generated code",
    );
}

fn which(path: &str, program: &str) {
    let found = std::env::split_paths(path).any(|dir| dir.join(program).is_file());
    assert!(
        found,
        "{program} is not on PATH: run `bash ci/install-tools.sh && source ci/env.sh` first"
    );
}
