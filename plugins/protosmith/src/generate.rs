//! `protosmith generate`: compile a proto module with protox (no protoc, no
//! buf) and run every generator on it. The model is built once and each
//! error catalog resolved once, then handed to every emitter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use protoc_gen_errors::ErrorsOptions;
use protoc_gen_test::TestOptions;
use protosmith_core::catalog::{self, Catalog, Settings};
use protosmith_core::options::{Parameters, PluginOptions};
use protosmith_core::{Diagnostics, GeneratedFile, Input, Model, model};

use crate::write;

/// Generate error registries, tests and docs from the protos (protox: no protoc, no buf needed).
///
/// Compiles the .proto files under --proto and runs every generator on them,
/// writing under --out:
///
///   errors/rust/   protoc-gen-errors: error registries
///   tests/rust/    protoc-gen-test: table-driven tests per service method, merged
///                  into the tests already there (nothing you wrote is lost)
///   docs/markdown/ docs/html/ docs/json/
///                  protoc-gen-docs: API documentation with the error catalog
///
/// Parameters are `key=value` pairs separated by ','; write a ',' inside a
/// value as '\,'. A flag's keys override the same keys wherever they apply.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The proto root: files are named relative to it, as protoc's -I
    #[arg(long, default_value = "proto", value_name = "DIR")]
    proto: PathBuf,
    /// Where the outputs go
    #[arg(long, default_value = "gen", value_name = "DIR")]
    out: PathBuf,
    /// protoc-gen-errors parameters, e.g. reason_style=aip,domain=acme.example;
    /// its reason_style, domain and unique_numbers reach the docs' catalog too
    #[arg(long = "errors_opt", value_name = "OPTS")]
    errors_opt: Option<String>,
    /// protoc-gen-test parameters, e.g. module_root=my_service::proto
    #[arg(long = "test_opt", value_name = "OPTS")]
    test_opt: Option<String>,
    /// protoc-gen-docs parameters for every format, e.g. sort=name,title=Acme APIs
    #[arg(long = "docs_opt", value_name = "OPTS")]
    docs_opt: Option<String>,
    /// Write nothing; exit 1 if a file under --out differs from what would be written
    #[arg(long)]
    check: bool,
    /// Limit the files generated for (relative to --proto); default: every .proto under it
    #[arg(value_name = "FILE.proto")]
    files: Vec<PathBuf>,
}

/// One generator of a run, with its typed options and output directory.
#[derive(Debug)]
enum Generator {
    Errors(ErrorsOptions),
    Test(TestOptions),
    Docs(protoc_gen_docs::Options),
}

#[derive(Debug)]
struct Job {
    out: PathBuf,
    generator: Generator,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let jobs = default_jobs(&args).map_err(|d| d.to_string())?;
    let files = if args.files.is_empty() {
        proto_files(&args.proto)?
    } else {
        args.files.clone()
    };
    if files.is_empty() {
        return Err(format!("no .proto files under {}", args.proto.display()));
    }
    let input = Input::compile(&files, &[&args.proto]).map_err(|d| d.to_string())?;
    let outputs = generate(&input, &jobs).map_err(|d| d.to_string())?;
    if args.check {
        return check(&outputs);
    }
    for (out, generated) in &outputs {
        for file in generated {
            write::atomic(&out.join(&file.name), file.content.as_bytes())?;
        }
        eprintln!(
            "protosmith: {} file(s) written to {}",
            generated.len(),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs every job on one model; each distinct catalog setting is resolved once.
fn generate(
    input: &Input,
    jobs: &[Job],
) -> Result<Vec<(PathBuf, Vec<GeneratedFile>)>, Diagnostics> {
    let model = model::build(input);
    let mut catalogs = Catalogs::new(&model);
    let mut outputs = Vec::with_capacity(jobs.len());
    for job in jobs {
        let generated = match &job.generator {
            Generator::Errors(options) => {
                protoc_gen_errors::generate(&model, catalogs.get(&options.catalog)?, options)?
            }
            Generator::Test(options) => protoc_gen_test::generate(&model, options)?,
            Generator::Docs(options) => {
                protoc_gen_docs::generate(&model, catalogs.get(&options.errors)?, options)?
            }
        };
        outputs.push((job.out.clone(), generated));
    }
    Ok(outputs)
}

/// Error catalogs by their settings, resolved on first use.
struct Catalogs<'m> {
    model: &'m Model,
    resolved: HashMap<Settings, Catalog>,
}

impl<'m> Catalogs<'m> {
    fn new(model: &'m Model) -> Self {
        Catalogs {
            model,
            resolved: HashMap::new(),
        }
    }

    fn get(&mut self, settings: &Settings) -> Result<&Catalog, Diagnostics> {
        if !self.resolved.contains_key(settings) {
            let catalog = catalog::resolve(self.model, settings)?;
            self.resolved.insert(settings.clone(), catalog);
        }
        Ok(&self.resolved[settings])
    }
}

/// Without a buf.gen.yaml: Rust error registries, Rust tests and the docs in three formats.
fn default_jobs(args: &Args) -> Result<Vec<Job>, Diagnostics> {
    let flag = |value: &Option<String>| Parameters::parse(value.as_deref().unwrap_or(""));
    let (errors_flag, test_flag, docs_flag) = (
        flag(&args.errors_opt)?,
        flag(&args.test_opt)?,
        flag(&args.docs_opt)?,
    );
    // The docs show the same reasons as the code: the catalog settings given
    // to protoc-gen-errors reach them, unless --docs_opt sets its own.
    let mut catalog_keys = Parameters::default();
    for key in catalog::PARAMETER_KEYS {
        if let Some(value) = errors_flag.get(key) {
            catalog_keys = catalog_keys.overridden(Parameters::parse(&entry(key, value))?);
        }
    }
    let errors = typed::<ErrorsOptions>(Parameters::default(), &errors_flag)?;
    let out = |dir: &str| args.out.join(dir);
    let test_dir = out("tests/rust");
    let test = typed::<TestOptions>(
        Parameters::parse(&entry("dir", &test_dir.to_string_lossy()))?,
        &test_flag,
    )?;
    let mut jobs = vec![
        Job {
            out: out("errors/rust"),
            generator: Generator::Errors(errors),
        },
        Job {
            out: test_dir,
            generator: Generator::Test(test),
        },
    ];
    for format in ["markdown", "html", "json"] {
        let base = Parameters::parse(&entry("format", format))?.overridden(catalog_keys.clone());
        let docs = typed::<protoc_gen_docs::Options>(base, &docs_flag)?;
        jobs.push(Job {
            out: out(&format!("docs/{format}")),
            generator: Generator::Docs(docs),
        });
    }
    Ok(jobs)
}

/// `base` overridden by a flag's parameters, typed as `O` by its own reader.
fn typed<O: PluginOptions>(base: Parameters, flag: &Parameters) -> Result<O, Diagnostics> {
    let parameters = base.overridden(flag.clone());
    parameters.check_known(O::PLUGIN, O::KEYS)?;
    O::from_parameters(&parameters)
}

fn entry(key: &str, value: &str) -> String {
    let mut entry = String::new();
    protosmith_core::options::push_entry(&mut entry, key, value);
    entry
}

/// `--check`: exit 1, naming them, when files differ from what would be written.
fn check(outputs: &[(PathBuf, Vec<GeneratedFile>)]) -> Result<ExitCode, String> {
    let stale: Vec<String> = outputs
        .iter()
        .flat_map(|(out, generated)| generated.iter().map(move |f| (out.join(&f.name), f)))
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
    Ok(ExitCode::FAILURE)
}

/// Every .proto under `root`, relative to it, sorted so runs are reproducible.
pub fn proto_files(root: &Path) -> Result<Vec<PathBuf>, String> {
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
