//! `protosmith`: compile a proto module with protox and run the generators,
//! with no protoc and no buf needed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::BTreeMap;

use protosmith_core::{Diagnostics, GeneratedFile, Input};

mod package;
mod publish;
mod runtime_crate;
mod versions;

const USAGE: &str = "\
usage: protosmith generate [--proto DIR] [--out DIR] [--errors_opt OPTS] [--check] [FILE.proto ...]

Compiles the .proto files under --proto (default: proto) with protox, with no
protoc and no buf, and runs every generator on them, writing under --out
(default: gen):

  errors/rust/   protoc-gen-errors: error registries
  tests/rust/    protoc-gen-test: table-driven tests per service method, merged
                 into the tests already there (nothing you wrote is lost)
  docs/markdown/ docs/html/ docs/json/
                 protoc-gen-docs: API documentation with the error catalog

FILEs, relative to --proto, limit the files generated for; by default every
.proto under --proto is.

  --errors_opt OPTS   protoc-gen-errors parameters, e.g. reason_style=aip,domain=acme.example
  --test_opt OPTS     protoc-gen-test parameters, e.g. module_root=my_service::proto
  --docs_opt OPTS     protoc-gen-docs parameters for all three formats, e.g. sort=name,title=Acme APIs
  --check             write nothing; exit 1 if a file under --out differs from what would be written

usage: protosmith package --name NAME --registry REGISTRY [--version VERSION] ...
       protosmith publish DIR --registry REGISTRY [--dry-run]

package writes the module as a crate for a private cargo registry, publish
publishes it there; protosmith package --help and publish --help tell more.
";

/// One generator run: what `protosmith generate` does for each output folder.
struct Job {
    /// Folder under --out, e.g. `errors/rust`.
    out: &'static str,
    /// The `--<name>_opt` flag that passes parameters to it.
    option: &'static str,
    /// Parameters always given, before the user's (a format, say).
    fixed: &'static str,
    /// Whether the generator reads its previous output (to merge into it)
    /// and so is told the folder with `dir=`.
    merges: bool,
    run: fn(&Input) -> Result<Vec<GeneratedFile>, Diagnostics>,
}

const JOBS: &[Job] = &[
    Job {
        out: "errors/rust",
        option: "errors_opt",
        fixed: "",
        merges: false,
        run: protoc_gen_errors::generate,
    },
    Job {
        out: "tests/rust",
        option: "test_opt",
        fixed: "",
        merges: true,
        run: protoc_gen_test::generate,
    },
    // One job per format; --docs_opt reaches all three.
    Job {
        out: "docs/markdown",
        option: "docs_opt",
        fixed: "format=markdown",
        merges: false,
        run: protoc_gen_docs::generate,
    },
    Job {
        out: "docs/html",
        option: "docs_opt",
        fixed: "format=html",
        merges: false,
        run: protoc_gen_docs::generate,
    },
    Job {
        out: "docs/json",
        option: "docs_opt",
        fixed: "format=json",
        merges: false,
        run: protoc_gen_docs::generate,
    },
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => match generate(&args[1..]) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
        Some("package") => subcommand(&args[1..], package::USAGE, package::run),
        Some("publish") => subcommand(&args[1..], publish::USAGE, publish::run),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Runs a subcommand that reports failure as a message, or prints its usage.
fn subcommand(args: &[String], usage: &str, run: fn(&[String]) -> Result<(), String>) -> ExitCode {
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        print!("{usage}");
        return ExitCode::SUCCESS;
    }
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("protosmith: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    proto: PathBuf,
    out: PathBuf,
    /// Parameters per `--<name>_opt` flag.
    parameters: BTreeMap<&'static str, String>,
    check: bool,
    files: Vec<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        proto: "proto".into(),
        out: "gen".into(),
        parameters: BTreeMap::new(),
        check: false,
        files: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n\n{USAGE}"))
        };
        if let Some(job) = JOBS
            .iter()
            .find(|job| arg.strip_prefix("--") == Some(job.option))
        {
            options.parameters.insert(job.option, value(arg)?);
            continue;
        }
        match arg.as_str() {
            "--proto" => options.proto = value("--proto")?.into(),
            "--out" => options.out = value("--out")?.into(),
            "--check" => options.check = true,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"));
            }
            file => options.files.push(file.into()),
        }
    }
    Ok(options)
}

fn generate(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(args)?;
    let files = if options.files.is_empty() {
        proto_files(&options.proto)?
    } else {
        options.files.clone()
    };
    if files.is_empty() {
        return Err(format!("no .proto files under {}", options.proto.display()));
    }
    let compiled = Input::compile(&files, &[&options.proto], "").map_err(|d| d.to_string())?;
    let mut outputs = Vec::new();
    for job in JOBS {
        let user = options
            .parameters
            .get(job.option)
            .map_or("", String::as_str);
        let out = options.out.join(job.out);
        let dir = if job.merges {
            format!("dir={}", out.display())
        } else {
            String::new()
        };
        let parameter = [job.fixed, &dir, user]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(",");
        let input = Input {
            parameter,
            ..compiled.clone()
        };
        let generated = (job.run)(&input).map_err(|d| d.to_string())?;
        outputs.push((out, generated));
    }
    if options.check {
        let stale: Vec<String> = outputs
            .iter()
            .flat_map(|(out, generated)| {
                generated
                    .iter()
                    .map(move |f| out.join(&f.name))
                    .zip(generated)
            })
            .filter(|(path, f)| {
                std::fs::read_to_string(path).ok().as_deref() != Some(f.content.as_str())
            })
            .map(|(path, _)| path.display().to_string())
            .collect();
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "out of date (run protosmith generate):\n  {}",
            stale.join("\n  ")
        );
        return Ok(ExitCode::FAILURE);
    }
    for (out, generated) in &outputs {
        write_all(out, generated)?;
        eprintln!(
            "protosmith: {} file(s) written to {}",
            generated.len(),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Every .proto under `root`, relative to it, sorted so runs are reproducible.
fn proto_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|e| e == "proto") {
                out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(root, root, &mut out)?;
    out.sort();
    Ok(out)
}

fn write_all(out: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    for file in files {
        let path = out.join(&file.name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &file.content)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
