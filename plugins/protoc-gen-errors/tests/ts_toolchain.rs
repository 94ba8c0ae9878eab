//! `lang=ts` output checked by the TypeScript toolchain itself: it compiles
//! with `tsc --strict` (the interop programs' settings, `noEmit`), prettier
//! leaves it unchanged, and the names protoc-gen-es exports are the ones
//! `lang::ts::es_exports` says. Uses the toolchain of tests/interop/ts
//! (its node_modules), installing it with that directory's build.sh
//! (`npm ci`) when it is missing; Node.js 20+ must be installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ts")
}

fn interop() -> PathBuf {
    root().join("tests/interop/ts")
}

/// tests/interop/ts's node_modules, with the runtime installed in it.
fn toolchain() -> PathBuf {
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.as_ref().is_ok_and(|o| o.status.success()),
        "node is not installed, and this test runs tsc and prettier on the generated TypeScript: \
         install Node.js 20+ (https://nodejs.org, or apt-get install nodejs npm)"
    );
    let modules = interop().join("node_modules");
    let runtime = modules.join("@protosmith/grpc-errors/dist/index.d.ts");
    if !modules.join(".bin/tsc").exists()
        || !modules.join(".bin/prettier").exists()
        || !runtime.exists()
    {
        eprintln!("tests/interop/ts has no toolchain yet: running its build.sh (npm ci)");
        let status = Command::new("bash")
            .arg(interop().join("build.sh"))
            .status()
            .expect("bash runs tests/interop/ts/build.sh");
        assert!(
            status.success(),
            "tests/interop/ts/build.sh failed: see its output above"
        );
    }
    modules
}

fn generate(files: &[&str], include: &Path, parameter: &str) -> Vec<GeneratedFile> {
    PluginRequest::compile(
        files,
        &[include.to_owned(), root().join("proto")],
        parameter,
    )
    .unwrap_or_else(|d| panic!("{d}"))
    .run(protoc_gen_errors::run)
    .unwrap_or_else(|d| panic!("{d}"))
}

/// Everything the TypeScript emitter writes for the example module and the
/// fixtures, importing the runtime by its package name.
fn all_outputs() -> Vec<GeneratedFile> {
    let mut files = generate(
        &["acme/order/v1/order.proto", "acme/user/v1/errors.proto"],
        &root().join("proto"),
        "lang=ts",
    );
    files.extend(generate(
        &["stress/v1/stress.proto"],
        &fixtures(),
        "lang=ts,domain=stress.example",
    ));
    files.extend(generate(
        &["edge/v1/edge.proto"],
        &fixtures(),
        "lang=ts,domain=edge.example",
    ));
    files
}

/// A scratch directory seeing tests/interop/ts's packages, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(modules: &Path, name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("protosmith-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        std::os::unix::fs::symlink(modules, dir.join("node_modules")).unwrap();
        std::fs::write(
            dir.join("package.json"),
            "{ \"private\": true, \"type\": \"module\" }\n",
        )
        .unwrap();
        Scratch(dir)
    }

    fn write(&self, files: &[GeneratedFile]) -> Vec<PathBuf> {
        files
            .iter()
            .map(|file| {
                let path = self.0.join("gen").join(&file.name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &file.content).unwrap();
                path
            })
            .collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn run(command: &mut Command, what: &str) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generated_typescript_compiles_with_tsc_strict() {
    let modules = toolchain();
    let scratch = Scratch::new(&modules, "tsc");
    let written = scratch.write(&all_outputs());
    assert_eq!(written.len(), 4);
    std::fs::write(
        scratch.0.join("tsconfig.json"),
        r#"{
  "compilerOptions": {
    "target": "es2022",
    "lib": ["es2022"],
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "types": [],
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "noUncheckedIndexedAccess": true,
    "noImplicitOverride": true,
    "noImplicitReturns": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "noPropertyAccessFromIndexSignature": true,
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["gen"]
}
"#,
    )
    .unwrap();
    run(
        Command::new(modules.join(".bin/tsc"))
            .arg("-p")
            .arg(scratch.0.join("tsconfig.json")),
        "tsc --strict --noEmit on the generated TypeScript",
    );
}

#[test]
fn generated_typescript_is_prettier_formatted() {
    let modules = toolchain();
    let scratch = Scratch::new(&modules, "prettier");
    let mut files = all_outputs();
    // A short specifier puts the import on one line.
    let mut short = generate(
        &["edge/v1/edge.proto"],
        &fixtures(),
        "lang=ts,runtime_path=rt",
    );
    assert!(short[0].content.contains("\nimport { Code, type ErrorDef, type GrpcError, type TemplateValue, defineError } from \"rt\";\n")
        || short[0].content.contains("\nimport {\n"));
    short[0].name = "short/edge_errors.ts".to_owned();
    files.extend(short);
    let written = scratch.write(&files);
    // The API, not the CLI: the CLI skips files its ignore files name.
    let script = scratch.0.join("check.mjs");
    std::fs::write(
        &script,
        r#"import { readFileSync } from "node:fs";
import * as prettier from "prettier";
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const formatted = await prettier.format(text, { filepath: file });
  if (formatted !== text) {
    failed++;
    const ours = text.split("\n");
    const theirs = formatted.split("\n");
    let line = 0;
    while (ours[line] === theirs[line]) line++;
    const around = (lines) => lines.slice(Math.max(0, line - 3), line + 6).join("\n");
    console.log(`${file}:${line + 1} is not as prettier writes it; ours:\n${around(ours)}\nprettier's:\n${around(theirs)}\n`);
  } else {
    console.log(`ok ${file}`);
  }
}
process.exit(failed ? 1 : 0);
"#,
    )
    .unwrap();
    let output = Command::new("node")
        .arg(&script)
        .args(&written)
        .current_dir(&scratch.0)
        .stderr(Stdio::inherit())
        .output()
        .expect("node runs the prettier check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        written.len(),
        "{stdout}"
    );
}

/// The names `export`ed by the files of a CodeGeneratorResponse.
fn exported_names(response: &prost_types::compiler::CodeGeneratorResponse) -> Vec<String> {
    let mut names = Vec::new();
    for file in &response.file {
        for line in file.content().lines() {
            let Some(rest) = line.strip_prefix("export ") else {
                continue;
            };
            let rest = ["declare const ", "const ", "enum ", "type "]
                .iter()
                .find_map(|kind| rest.strip_prefix(kind));
            if let Some(rest) = rest {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .unwrap_or(rest.len());
                names.push(rest[..end].to_owned());
            }
        }
    }
    names.sort();
    names
}

fn protoc_gen_es(
    modules: &Path,
    request: &PluginRequest,
) -> prost_types::compiler::CodeGeneratorResponse {
    use prost::Message;
    use std::io::Write;
    let mut child = Command::new(modules.join(".bin/protoc-gen-es"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("protoc-gen-es runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&request.to_request())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let response =
        prost_types::compiler::CodeGeneratorResponse::decode(output.stdout.as_slice()).unwrap();
    assert_eq!(response.error, None);
    response
}

#[test]
fn es_exports_are_what_protoc_gen_es_exports() {
    let modules = toolchain();
    let cases: [(&str, PathBuf); 4] = [
        ("es/v1/names.proto", fixtures()),
        ("edge/v1/edge.proto", fixtures()),
        ("acme/order/v1/order.proto", root().join("proto")),
        ("acme/user/v1/user.proto", root().join("proto")),
    ];
    for (file, include) in cases {
        let request = PluginRequest::compile(
            &[file],
            &[include, root().join("proto")],
            "target=ts,json_types=true",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let theirs = exported_names(&protoc_gen_es(&modules, &request));
        let model = protosmith_core::model::build(&request.input);
        let mut ours: Vec<String> =
            protosmith_core::lang::ts::es_exports(model.file(file).unwrap())
                .into_iter()
                .map(|e| e.name)
                // `Valid` types need protovalidate rules and valid_types=.
                .filter(|name| {
                    !name
                        .trim_end_matches(|c: char| c == '$' || c.is_ascii_digit())
                        .ends_with("Valid")
                })
                .collect();
        ours.sort();
        assert_eq!(ours, theirs, "{file}");
    }
}
