//! `protosmith generate`: compile a proto module with protox (no protoc, no
//! buf) and run every generator on it. The model is built once and each
//! error catalog resolved once, then handed to every emitter.
//!
//! The generators are the `plugins:` of buf.gen.yaml (v2), the file `buf
//! generate` reads: protosmith's own plugins run in-process, any other
//! `local:` plugin gets the request buf would send it, and `protoc_builtin:`
//! entries run protoc. Without a buf.gen.yaml, the defaults below.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use protoc_gen_errors::ErrorsOptions;
use protoc_gen_test::TestOptions;
use protosmith_core::catalog::{self, Catalog, Settings};
use protosmith_core::options::{Parameters, PluginOptions};
use protosmith_core::output;
use protosmith_core::protocol::CompiledSet;
use protosmith_core::{Diagnostics, GeneratedFile, Model, model};

use crate::buf_gen::{self, GenTemplate, PluginEntry, PluginSource};
use crate::external_plugin;

/// Generate error registries, tests and docs from the protos (protox: no protoc, no buf needed).
///
/// Compiles the .proto files under --proto and runs the plugins of
/// buf.gen.yaml (v2, in this directory, or --template) on them, as `buf
/// generate` would: protosmith's plugins in-process, other local plugins as
/// programs, protoc_builtin entries with protoc. --out then prefixes every
/// `out`, like buf's -o. Without a buf.gen.yaml it writes under --out
/// (default gen):
///
///   errors/rust/   protoc-gen-errors: error registries
///   tests/rust/    protoc-gen-test: table-driven tests per service method, merged
///                  into the tests already there (nothing you wrote is lost)
///   docs/markdown/ docs/html/ docs/json/
///                  protoc-gen-docs: API documentation with the error catalog
///
/// Parameters are `key=value` pairs separated by ','; write a ',' inside a
/// value as '\,'. A flag's keys override the same keys wherever they apply.
/// Nothing is written unless every plugin succeeded.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The proto root: files are named relative to it, as protoc's -I
    #[arg(long, default_value = "proto", value_name = "DIR")]
    proto: PathBuf,
    /// The buf.gen.yaml to run (default: ./buf.gen.yaml when there is one)
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Where the outputs go: the base of the default layout (default gen), or
    /// a prefix of every `out` of buf.gen.yaml
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
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
    /// Another program's plugin, or a protoc built-in, run as buf runs it.
    External(PluginEntry, Option<Vec<String>>),
}

/// A file to write: its path relative to the job's output directory.
type Output = (String, Vec<u8>);

#[derive(Debug)]
struct Job {
    out: PathBuf,
    generator: Generator,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let template = match &args.template {
        Some(path) => Some(buf_gen::read(path)?),
        None if Path::new("buf.gen.yaml").is_file() => {
            Some(buf_gen::read(Path::new("buf.gen.yaml"))?)
        }
        None => None,
    };
    let flags = Flags::parse(&args).map_err(|d| d.to_string())?;
    let jobs = match &template {
        Some(template) => template_jobs(template, args.out.as_deref(), &flags),
        None => default_jobs(args.out.as_deref().unwrap_or(Path::new("gen")), &flags),
    }
    .map_err(|d| d.to_string())?;
    let files = if args.files.is_empty() {
        proto_files(&args.proto)?
    } else {
        args.files.clone()
    };
    if files.is_empty() {
        return Err(format!("no .proto files under {}", args.proto.display()));
    }
    let compiled = CompiledSet::compile(&files, &[&args.proto]).map_err(|d| d.to_string())?;
    let (model, foreign) = model_of(compiled, &jobs);
    if args.check {
        let mut stale = Vec::new();
        generate(&model, foreign.as_ref(), &jobs, |out, generated| {
            stale.extend(out_of_date(out, &generated));
            Ok(())
        })?;
        return Ok(report_stale(&stale));
    }
    let mut staging = Staging::default();
    generate(&model, foreign.as_ref(), &jobs, |out, generated| {
        staging.stage(out, generated)
    })?;
    for (out, count) in staging.commit()? {
        eprintln!("protosmith: {count} file(s) written to {}", out.display());
    }
    // The process ends here: freeing a large tree's model (millions of small
    // allocations) is left to the operating system.
    std::mem::forget(model);
    Ok(ExitCode::SUCCESS)
}

/// The files of a run, each written beside its destination as soon as its job
/// has generated it (so the outputs of a large tree do not all stay in memory),
/// and put in place only once every job has succeeded: a failing job leaves
/// every file as it was.
#[derive(Default)]
struct Staging {
    /// The files to put in place; `None` where a later job wrote the same path.
    files: Vec<Option<output::Staged>>,
    /// Where each path is in `files`.
    index: HashMap<PathBuf, usize>,
    /// Each job's output directory and how many files it generated, in order.
    jobs: Vec<(PathBuf, usize)>,
}

impl Staging {
    fn stage(&mut self, out: &Path, generated: Vec<Output>) -> Result<(), String> {
        self.jobs.push((out.to_owned(), generated.len()));
        for (name, content) in generated {
            let path = out.join(name);
            // A path written twice gets the later job's content, as if written in order.
            if let Some(earlier) = self.index.remove(&path) {
                self.files[earlier] = None;
            }
            let staged = output::stage(&path, &content)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            if let Some(staged) = staged {
                self.index.insert(path, self.files.len());
                self.files.push(Some(staged));
            }
        }
        Ok(())
    }

    /// Puts every staged file in place; returns each job's directory and file count.
    fn commit(self) -> Result<Vec<(PathBuf, usize)>, String> {
        for staged in self.files.into_iter().flatten() {
            let path = staged.path().to_owned();
            staged
                .commit()
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        Ok(self.jobs)
    }
}

/// Runs a buf.gen.yaml given as text (a package recipe) on `files` under
/// `proto`, writing under `out` (buf's -o); returns how many files were written.
/// `protosmith package --lang L` builds each language's package this way, so
/// a package holds exactly what the same buf.gen.yaml gives a user.
pub fn generate_from_template(
    template_yaml: &str,
    proto: &Path,
    files: &[PathBuf],
    out: &Path,
) -> Result<usize, String> {
    let template = buf_gen::parse(template_yaml, "package recipe", PathBuf::from("."))?;
    let flags = Flags {
        errors: Parameters::default(),
        test: Parameters::default(),
        docs: Parameters::default(),
    };
    let jobs = template_jobs(&template, Some(out), &flags).map_err(|d| d.to_string())?;
    let compiled = CompiledSet::compile(files, &[proto]).map_err(|d| d.to_string())?;
    let (model, foreign) = model_of(compiled, &jobs);
    let mut staging = Staging::default();
    generate(&model, foreign.as_ref(), &jobs, |out, generated| {
        staging.stage(out, generated)
    })?;
    Ok(staging.commit()?.iter().map(|(_, count)| count).sum())
}

/// What another program's plugin is sent: the compiled set, encoded, and the files asked for.
struct ForeignInput {
    set: Vec<u8>,
    files_to_generate: Vec<String>,
}

/// The model of `compiled` and, when a job runs another program's plugin,
/// the input that plugin needs. The descriptor pool is freed here: the
/// in-process generators read only the model, so on a large tree their peak
/// memory is the model's and their output's, not the pool's as well.
fn model_of(compiled: CompiledSet, jobs: &[Job]) -> (Model, Option<ForeignInput>) {
    let model = model::build(&compiled.to_input());
    let foreign = jobs
        .iter()
        .any(|job| matches!(job.generator, Generator::External(..)))
        .then(|| ForeignInput {
            set: compiled.encode(),
            files_to_generate: compiled.files_to_generate.clone(),
        });
    drop(compiled);
    (model, foreign)
}

/// Runs every job on `model` (`foreign` is for other programs' plugins), in
/// order, handing each job's files to `sink` as soon as they are generated;
/// each distinct catalog setting is resolved once.
fn generate(
    model: &Model,
    foreign: Option<&ForeignInput>,
    jobs: &[Job],
    mut sink: impl FnMut(&Path, Vec<Output>) -> Result<(), String>,
) -> Result<(), String> {
    let mut catalogs = Catalogs::new(model);
    let mut pages = protoc_gen_docs::PageCache::default();
    for job in jobs {
        let generated = match &job.generator {
            Generator::Errors(options) => catalogs
                .get(&options.catalog)
                .and_then(|catalog| protoc_gen_errors::generate(model, catalog, options))
                .map(files),
            Generator::Test(options) => protoc_gen_test::generate(model, options).map(files),
            Generator::Docs(options) => catalogs
                .get(&options.errors)
                .and_then(|catalog| pages.generate(model, catalog, options))
                .map(files),
            Generator::External(entry, command) => foreign
                .ok_or_else(|| "protosmith: no input prepared for other plugins".to_owned())
                .and_then(|foreign| return_external(foreign, entry, command.as_deref()))
                .map_err(|e| Diagnostics::from(protosmith_core::Diagnostic::general(e))),
        };
        sink(&job.out, generated.map_err(|d| d.to_string())?)?;
    }
    Ok(())
}

fn files(generated: Vec<GeneratedFile>) -> Vec<Output> {
    generated
        .into_iter()
        .map(|file| (file.name, file.content.into_bytes()))
        .collect()
}

/// Runs a plugin that is not protosmith's on the requests buf would send it.
fn return_external(
    foreign: &ForeignInput,
    entry: &PluginEntry,
    command: Option<&[String]>,
) -> Result<Vec<Output>, String> {
    let requests = external_plugin::encode_requests(
        &foreign.set,
        entry.strategy,
        &foreign.files_to_generate,
        &entry.parameter(),
        entry.include_imports,
        entry.include_wkt,
    )?;
    let mut outputs: Vec<Output> = Vec::new();
    for request in requests {
        let files = match (&entry.source, command) {
            (_, Some(command)) => external_plugin::run_local(command, &request)?,
            (PluginSource::ProtocBuiltin { name, protoc_path }, None) => {
                external_plugin::run_protoc_builtin(name, protoc_path.as_deref(), &request)?
            }
            (PluginSource::Local(_), None) => unreachable!("a local plugin has a command"),
        };
        for file in files {
            if outputs.iter().any(|(name, _)| *name == file.name) {
                return Err(format!(
                    "{}: plugin {} wrote {} twice (in two of its requests)",
                    entry.location,
                    entry.name(),
                    file.name
                ));
            }
            outputs.push((file.name, file.content));
        }
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

/// The --X_opt flags, split into entries, and the catalog keys of
/// --errors_opt, which reach the docs too: the docs show the same reasons as
/// the code, unless --docs_opt sets its own.
struct Flags {
    errors: Parameters,
    test: Parameters,
    docs: Parameters,
}

impl Flags {
    fn parse(args: &Args) -> Result<Flags, Diagnostics> {
        let flag = |value: &Option<String>| Parameters::parse(value.as_deref().unwrap_or(""));
        let errors = flag(&args.errors_opt)?;
        let mut catalog_keys = Parameters::default();
        for key in catalog::PARAMETER_KEYS {
            if let Some(value) = errors.get(key) {
                catalog_keys = catalog_keys.overridden(Parameters::parse(&entry(key, value))?);
            }
        }
        Ok(Flags {
            errors,
            test: flag(&args.test_opt)?,
            docs: catalog_keys.overridden(flag(&args.docs_opt)?),
        })
    }
}

/// Without a buf.gen.yaml: Rust error registries, Rust tests and the docs in three formats.
fn default_jobs(out: &Path, flags: &Flags) -> Result<Vec<Job>, Diagnostics> {
    let test_dir = out.join("tests/rust");
    let test = test_options(Parameters::default(), &flags.test, &test_dir, None)?;
    let mut jobs = vec![
        Job {
            out: out.join("errors/rust"),
            generator: Generator::Errors(typed(Parameters::default(), &flags.errors)?),
        },
        Job {
            out: test_dir,
            generator: Generator::Test(test),
        },
    ];
    for format in ["markdown", "html", "json"] {
        let base = Parameters::parse(&entry("format", format))?;
        jobs.push(Job {
            out: out.join(format!("docs/{format}")),
            generator: Generator::Docs(typed(base, &flags.docs)?),
        });
    }
    Ok(jobs)
}

/// The jobs of a buf.gen.yaml, in its order; `prefix` is --out.
fn template_jobs(
    template: &GenTemplate,
    prefix: Option<&Path>,
    flags: &Flags,
) -> Result<Vec<Job>, Diagnostics> {
    let general =
        |message: String| Diagnostics::from(protosmith_core::Diagnostic::general(message));
    if template.clean {
        return Err(general(
            "buf.gen.yaml: clean: true is not supported by protosmith generate: it deletes whole output folders, \
             files you wrote included; protosmith overwrites only the files it generates (remove the line)"
                .to_owned(),
        ));
    }
    let mut jobs = Vec::with_capacity(template.plugins.len());
    for plugin in &template.plugins {
        let out = template.out_dir(plugin);
        let out = match prefix {
            Some(prefix) => prefix.join(out),
            None => out,
        };
        let in_context = |d: Diagnostics| {
            general(format!(
                "{}: plugin {}: {d}",
                plugin.location,
                plugin.name()
            ))
        };
        let parameters = Parameters::parse(&plugin.parameter()).map_err(in_context)?;
        let generator = match own_plugin(plugin) {
            Some("protoc-gen-errors") => {
                Generator::Errors(typed(parameters, &flags.errors).map_err(in_context)?)
            }
            Some("protoc-gen-test") => Generator::Test(
                test_options(
                    parameters,
                    &flags.test,
                    &out,
                    Some(&template.out_dir(plugin)),
                )
                .map_err(in_context)?,
            ),
            Some("protoc-gen-docs") => {
                Generator::Docs(typed(parameters, &flags.docs).map_err(in_context)?)
            }
            _ => Generator::External(plugin.clone(), template.command(plugin)),
        };
        jobs.push(Job { out, generator });
    }
    Ok(jobs)
}

/// `protoc-gen-errors`, `protoc-gen-test` or `protoc-gen-docs` when the
/// entry runs one of protosmith's plugins (by name or by path, without
/// arguments): those run in-process on the model built once.
fn own_plugin(entry: &PluginEntry) -> Option<&'static str> {
    let PluginSource::Local(command) = &entry.source else {
        return None;
    };
    let [program] = command.as_slice() else {
        return None;
    };
    let name = Path::new(program).file_name()?.to_str()?;
    let name = name.strip_suffix(".exe").unwrap_or(name);
    ["protoc-gen-errors", "protoc-gen-test", "protoc-gen-docs"]
        .into_iter()
        .find(|own| *own == name)
}

/// `base` overridden by a flag's parameters, typed as `O` by its own reader.
fn typed<O: PluginOptions>(base: Parameters, flag: &Parameters) -> Result<O, Diagnostics> {
    let parameters = base.overridden(flag.clone());
    parameters.check_known_with_prefixes(O::PLUGIN, O::KEYS, O::KEY_PREFIXES)?;
    O::from_parameters(&parameters)
}

/// protoc-gen-test's options for a job writing to `out`. It reads the tests
/// in `dir=` to keep them, so `dir=` must be `out`: it is set here when not
/// given, and a `dir=` naming another directory is refused, since the tests
/// in `out` would be overwritten as if there were none. `as_written` is
/// buf.gen.yaml's `out`, which its `dir=` repeats before --out prefixes it.
fn test_options(
    parameters: Parameters,
    flag: &Parameters,
    out: &Path,
    as_written: Option<&Path>,
) -> Result<TestOptions, Diagnostics> {
    let base = Parameters::parse(&entry("dir", &out.to_string_lossy()))?.overridden(parameters);
    let mut options: TestOptions = typed(base, flag)?;
    let same = same_dir(&options.dir, out) || as_written.is_some_and(|w| same_dir(&options.dir, w));
    if !same {
        return Err(protosmith_core::Diagnostic::general(format!(
            "protoc-gen-test: dir={} is not where its tests are written, {}: it reads the tests in dir= to keep \
             them, so with another directory it would overwrite yours as if there were none; leave dir= out \
             (protosmith generate sets it)",
            options.dir.display(),
            out.display()
        ))
        .into());
    }
    options.dir = out.to_path_buf();
    Ok(options)
}

/// Whether two paths name the same directory: through symlinks when both
/// exist, else once made absolute with `.` and `..` resolved.
fn same_dir(a: &Path, b: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (a.canonicalize(), b.canonicalize()) {
        return a == b;
    }
    let absolute = |path: &Path| {
        let mut resolved = std::env::current_dir().unwrap_or_default();
        for component in path.components() {
            match component {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    resolved.pop();
                }
                other => resolved.push(other),
            }
        }
        resolved
    };
    absolute(a) == absolute(b)
}

fn entry(key: &str, value: &str) -> String {
    let mut entry = String::new();
    protosmith_core::options::push_entry(&mut entry, key, value);
    entry
}

/// `--check`: the files of `generated` that `out` does not hold as generated.
fn out_of_date(out: &Path, generated: &[Output]) -> Vec<String> {
    generated
        .iter()
        .map(|(name, content)| (out.join(name), content))
        .filter(|(path, content)| std::fs::read(path).ok().as_ref() != Some(*content))
        .map(|(path, _)| path.display().to_string())
        .collect()
}

/// `--check`'s verdict: exit 1, naming them, when files differ from what would be written.
fn report_stale(stale: &[String]) -> ExitCode {
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "out of date (run protosmith generate):\n  {}",
        stale.join("\n  ")
    );
    ExitCode::FAILURE
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
