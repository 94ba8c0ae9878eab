//! `protosmith`: compile a proto module with protox and run the generators,
//! with no protoc and no buf needed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use protosmith_core::{GeneratedFile, Input};

const USAGE: &str = "\
usage: protosmith generate [--proto DIR] [--out DIR] [--errors_opt OPTS] [FILE.proto ...]

Compiles the .proto files under --proto (default: proto) with protox and
writes what protoc-gen-errors generates for them under --out (default: gen),
in gen/errors/rust/. FILEs, relative to --proto, limit the files generated for;
by default every .proto under --proto is.

  --errors_opt OPTS   protoc-gen-errors parameters, e.g. reason_style=aip,domain=acme.example
  --check             write nothing; exit 1 if a file under --out differs from what would be written
";

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

struct Options {
    proto: PathBuf,
    out: PathBuf,
    errors_opt: String,
    check: bool,
    files: Vec<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        proto: "proto".into(),
        out: "gen".into(),
        errors_opt: String::new(),
        check: false,
        files: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("{name} needs a value\n\n{USAGE}"));
        match arg.as_str() {
            "--proto" => options.proto = value("--proto")?.into(),
            "--out" => options.out = value("--out")?.into(),
            "--errors_opt" => options.errors_opt = value("--errors_opt")?,
            "--check" => options.check = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}\n\n{USAGE}")),
            file => options.files.push(file.into()),
        }
    }
    Ok(options)
}

fn generate(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(args)?;
    let files = if options.files.is_empty() { proto_files(&options.proto)? } else { options.files.clone() };
    if files.is_empty() {
        return Err(format!("no .proto files under {}", options.proto.display()));
    }
    let input = Input::compile(&files, &[&options.proto], &options.errors_opt).map_err(|d| d.to_string())?;
    let generated = protoc_gen_errors::generate(&input).map_err(|d| d.to_string())?;
    let out = options.out.join("errors").join("rust");
    if options.check {
        let stale: Vec<String> = generated
            .iter()
            .filter(|f| std::fs::read_to_string(out.join(&f.name)).ok().as_deref() != Some(f.content.as_str()))
            .map(|f| out.join(&f.name).display().to_string())
            .collect();
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("out of date (run protosmith generate):\n  {}", stale.join("\n  "));
        return Ok(ExitCode::FAILURE);
    }
    write_all(&out, &generated)?;
    eprintln!("protosmith: {} file(s) written to {}", generated.len(), out.display());
    Ok(ExitCode::SUCCESS)
}

/// Every .proto under `root`, relative to it, sorted so runs are reproducible.
fn proto_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
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
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &file.content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
