//! `lang=python` output under Python's own tools: the example module's and
//! the hostile proto's modules are ruff's fixed point (`ruff format
//! --check`), lint-clean (`ruff check`), pass `mypy --strict`, and import
//! and run beside the `_pb2` modules grpcio-tools writes for the same protos
//! (tests/python/check_generated.py), whose public names are the ones the
//! namer (`lang::python::pb2_names`) lists.
//!
//! The tools are the pinned ones `bash ci/lang/python.sh` installs into
//! `<repo>/.tools/venv`; this test looks there, then in the main worktree's
//! `.tools/venv` (for `git worktree`s), or where `PROTOSMITH_PYTHON_VENV`
//! points, and fails with what to run when it finds none.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

#[path = "python/fixtures.rs"]
mod fixtures;

use fixtures::root;
use protosmith_core::lang::python::pb2_names;
use protosmith_core::protocol::PluginRequest;

/// The venv's `bin` directory.
fn venv() -> PathBuf {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("PROTOSMITH_PYTHON_VENV") {
        candidates.push(PathBuf::from(dir));
    }
    candidates.push(root().join(".tools/venv"));
    let common = Command::new("git")
        .args(["rev-parse", "--path-format=absolute", "--git-common-dir"])
        .current_dir(root())
        .output();
    if let Ok(output) = common
        && output.status.success()
    {
        let git_dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        if let Some(main) = git_dir.parent() {
            candidates.push(main.join(".tools/venv"));
        }
    }
    candidates
        .iter()
        .map(|venv| venv.join("bin"))
        .find(|bin| {
            ["python", "ruff", "mypy"]
                .iter()
                .all(|t| bin.join(t).is_file())
        })
        .unwrap_or_else(|| {
            panic!(
                "no Python toolchain (python, ruff, mypy) in any of {candidates:?}: \
                 run `bash ci/lang/python.sh` (it installs runtime/python/requirements-dev.txt \
                 into .tools/venv) or set PROTOSMITH_PYTHON_VENV to such a venv"
            )
        })
}

/// The example's and the hostile proto's modules, written once to a fresh directory.
fn generated() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("protoc-gen-errors-python");
        std::fs::remove_dir_all(&dir).ok();
        let example = fixtures::generate("lang=python");
        for file in example.iter().chain(&fixtures::hostile()) {
            let path = dir.join(&file.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &file.content).unwrap();
        }
        let includes = [
            format!("-I{}", fixtures::hostile_dir().display()),
            format!("-I{}", root().join("proto").display()),
        ];
        let out = format!("--python_out={}", dir.display());
        let mut args = vec!["-m", "grpc_tools.protoc", &includes[0], &includes[1], &out];
        args.extend(PB2_PROTOS.iter().map(|(proto, _)| *proto));
        let status = Command::new(venv().join("python"))
            .args(&args)
            .status()
            .expect("grpcio-tools' protoc runs");
        assert!(status.success(), "grpcio-tools' protoc failed: {args:?}");
        dir
    })
}

/// The protos given to grpcio-tools, with the `_pb2` module it writes for each.
const PB2_PROTOS: [(&str, &str); 4] = [
    ("acme/user/v1/errors.proto", "acme.user.v1.errors_pb2"),
    ("acme/order/v1/order.proto", "acme.order.v1.order_pb2"),
    ("hostile/v1/odd-name.proto", "hostile.v1.odd_name_pb2"),
    // Imported by the others; top-level extensions.
    (
        "protosmith/errors/v1/options.proto",
        "protosmith.errors.v1.options_pb2",
    ),
];

fn modules() -> [&'static str; 3] {
    [
        "acme/user/v1/errors_errors.py",
        "acme/order/v1/order_errors.py",
        "hostile/v1/odd_name_errors.py",
    ]
}

/// Runs `tool` from the venv in the generated directory; fails with its
/// output, else returns its standard output.
fn run(tool: &str, args: &[&str]) -> String {
    let dir = generated();
    let output = Command::new(venv().join(tool))
        .args(args)
        .current_dir(dir)
        .env("PYTHONPATH", python_path(dir))
        .env("MYPYPATH", root().join("runtime/python/src"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
    assert!(
        output.status.success(),
        "{tool} {args:?} failed in {}:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn python_path(dir: &Path) -> std::ffi::OsString {
    std::env::join_paths([dir.to_path_buf(), root().join("runtime/python/src")]).unwrap()
}

#[test]
fn generated_modules_are_ruff_formatted_and_lint_clean() {
    let mut args = vec!["format", "--isolated", "--check", "--diff"];
    args.extend(modules());
    run("ruff", &args);
    let mut args = vec!["check", "--isolated"];
    args.extend(modules());
    run("ruff", &args);
}

#[test]
fn generated_modules_pass_mypy_strict() {
    let cache = generated().join(".mypy_cache");
    let cache = cache.to_str().unwrap();
    let mut args = vec!["--strict", "--explicit-package-bases", "--cache-dir", cache];
    args.extend(modules());
    run("mypy", &args);
}

#[test]
fn generated_modules_import_and_run() {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/check_generated.py");
    let dir = generated().to_str().unwrap().to_owned();
    run("python", &[script.to_str().unwrap(), &dir]);
}

#[test]
fn the_namer_knows_the_names_of_grpcio_tools_modules() {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/check_generated.py");
    let request = PluginRequest::compile(
        &PB2_PROTOS.map(|(proto, _)| proto),
        &[fixtures::hostile_dir(), root().join("proto")],
        "",
    )
    .expect("the protos compile");
    let model = protosmith_core::model::build(&request.input);
    for (proto, module) in PB2_PROTOS {
        let listed = run("python", &[script.to_str().unwrap(), "--pb2-names", module]);
        let listed: BTreeSet<&str> = listed.lines().collect();
        let file = model.file(proto).expect("compiled");
        let names = pb2_names(file);
        let namer: BTreeSet<&str> = names.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            namer, listed,
            "{proto}: the namer's _pb2 names, then grpcio-tools'"
        );
    }
}
