//! protoc-gen-test: a table-driven test per service method, run over
//! grpc-testkit's in-memory transport; the developer fills in the rows.
//!
//! Per proto file with services it writes `<name>_test.rs` (the tests) and,
//! once, `<name>_setup.rs` (where the user builds the services under test).
//! Both are merged, never overwritten: see [`merge`]. With `lang=go`, a
//! `<name>_test.go` beside protoc-gen-go's output instead: see [`go`].

mod go;
mod merge;
mod render;
mod rust_types;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use heck::ToPascalCase;

use protosmith_core::lang::go::PackageOptions;
use protosmith_core::options::{Parameters, PluginOptions};
use protosmith_core::protocol::Scope;
use protosmith_core::{Diagnostic, Diagnostics, GeneratedFile, Input, Model, model};

use render::Context;

/// The plugin's options (`--test_opt`, buf's `opt:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestOptions {
    /// The output directory, read to merge into what is there (`dir=`).
    pub dir: PathBuf,
    /// The Rust path of the module that holds the proto packages (`module_root=`).
    pub module_root: String,
    /// The language of the tests (`lang=`).
    pub lang: Lang,
    /// With `lang=go`, where protoc-gen-go puts each package: its `paths`,
    /// `module` and `M` parameters, so the tests land beside its output.
    pub go: PackageOptions,
}

/// The language protoc-gen-test writes tests in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// tonic services, tested through grpc-testkit.
    #[default]
    Rust,
    /// grpc-go services, tested over bufconn.
    Go,
}

impl TestOptions {
    /// Options for tests merged into `dir`, under `crate`.
    pub fn new(dir: impl Into<PathBuf>) -> TestOptions {
        TestOptions {
            dir: dir.into(),
            module_root: "crate".to_owned(),
            lang: Lang::Rust,
            go: PackageOptions::default(),
        }
    }
}

impl PluginOptions for TestOptions {
    const PLUGIN: &'static str = "protoc-gen-test";
    /// Tests are written per service.
    const SCOPE: Scope = Scope::Services;
    const KEYS: &'static [&'static str] = &["dir", "module_root", "lang", "paths", "module"];
    const KEY_PREFIXES: &'static [&'static str] = &[PackageOptions::KEY_PREFIX];

    fn from_parameters(parameters: &Parameters) -> Result<Self, Diagnostics> {
        let dir = match parameters.get("dir") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => {
                return Err(Diagnostic::general(
                    "protoc-gen-test needs dir=<the directory given to --test_out> (buf: opt: dir=<out>) to find the \
                     tests you already wrote and keep them; without it, generating again would overwrite them",
                )
                .into());
            }
        };
        let lang = parameters
            .choice(
                "lang",
                &[("rust", Lang::Rust), ("go", Lang::Go)],
                "lang=rust or lang=go",
            )?
            .unwrap_or_default();
        let root = parameters.get("module_root").unwrap_or("crate");
        syn::parse_str::<syn::Path>(root).map_err(|_| {
            Diagnostic::general(format!(
                "parameter module_root={root} is not a Rust path; give the path of the module that holds the \
                 proto packages, e.g. module_root=crate or module_root=my_service::proto"
            ))
        })?;
        if lang == Lang::Go && parameters.get("module_root").is_some() {
            return Err(Diagnostic::general(
                "parameter module_root= applies to lang=rust only: Go tests are placed like protoc-gen-go's output \
                 (go_package, paths=, module=, M); leave module_root out",
            )
            .into());
        }
        let go = PackageOptions::from_parameters(parameters)?;
        if lang == Lang::Rust && go != PackageOptions::default() {
            return Err(Diagnostic::general(
                "parameters paths=, module= and M<file>= apply to lang=go only; add lang=go or leave them out",
            )
            .into());
        }
        Ok(TestOptions {
            dir,
            module_root: root.to_owned(),
            lang,
            go,
        })
    }
}

/// The plugin's `--help`.
pub const HELP: &str = "\
protoc-gen-test: a table-driven test per service method, merged into the tests you wrote

A protoc plugin: run it through protoc (--test_out=DIR --test_opt=dir=DIR),
buf (buf.gen.yaml: local: protoc-gen-test, out: DIR, opt: dir=DIR) or protosmith generate.

Options (write a ',' inside a value as '\\,'):
  dir=PATH             required: the output directory (it must exist), read to keep what is there
  lang=rust|go         the language of the tests (default rust)
  module_root=PATH     lang=rust: the Rust path of the module holding the proto packages (default crate)
  paths=import|source_relative, module=PREFIX, M<file>=<import path>
                       lang=go: where protoc-gen-go puts each package, so each <name>_test.go lands beside it
";

/// What a run produces: the files, and notes for the user (tests whose
/// method is gone, functions to add by hand).
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<GeneratedFile>,
    pub notes: Vec<String>,
}

/// The plugin entry point for protoc and buf: [`generate`] on the model of
/// `input`, once `dir=` is known to exist.
///
/// protoc and buf write what the plugin returns to their output directory,
/// which they do not tell the plugin: tests are kept only if `dir=` names
/// that directory. A `dir=` that does not exist cannot be it (or it is a
/// first generation into a directory not yet made), so it is refused
/// rather than taken for "no tests yet", which would overwrite the tests in
/// the real output directory.
pub fn run(input: &Input, options: &TestOptions) -> Result<Vec<GeneratedFile>, Diagnostics> {
    check_dir_exists(&options.dir)?;
    let files = generate(&model::build(input), options)?;
    if !files.is_empty() && !files.iter().any(|f| options.dir.join(&f.name).exists()) {
        eprintln!(
            "protoc-gen-test: dir={} holds none of these tests yet, so they are written new; if tests you \
             wrote are in another directory, dir= must name that one",
            options.dir.display()
        );
    }
    Ok(files)
}

fn check_dir_exists(dir: &Path) -> Result<(), Diagnostic> {
    if dir.is_dir() {
        return Ok(());
    }
    let from = if dir.is_relative() {
        let cwd = std::env::current_dir()
            .map(|cwd| cwd.display().to_string())
            .unwrap_or_else(|_| "the current directory".to_owned());
        format!(" (a relative dir= is taken from the directory protoc or buf runs in, {cwd})")
    } else {
        String::new()
    };
    let what = if dir.exists() {
        "is not a directory"
    } else {
        "does not exist"
    };
    Err(Diagnostic::general(format!(
        "protoc-gen-test: dir={shown} {what}{from}. protoc-gen-test reads the tests already in dir= to keep \
         them, so it must be the output directory (protoc's --test_out, buf's out:); otherwise tests you \
         filled in would be overwritten. Fix dir=, or for a first generation create the directory: mkdir -p {shown}",
        shown = dir.display()
    )))
}

/// [`plan`], with its notes printed on stderr. `options.dir` must be the
/// directory the files are written to (shells that write the files
/// themselves, like `protosmith generate`, make sure of it; it may not exist
/// yet); use [`run`] when protoc or buf write them.
pub fn generate(model: &Model, options: &TestOptions) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let plan = plan(model, options)?;
    for note in &plan.notes {
        eprintln!("protoc-gen-test: {note}");
    }
    Ok(plan.files)
}

pub fn plan(model: &Model, options: &TestOptions) -> Result<Plan, Diagnostics> {
    if options.lang == Lang::Go {
        return go::plan(model, options);
    }
    let mut plan = Plan::default();
    let mut diagnostics = Diagnostics::new();
    for file in model.files_to_generate().filter(|f| !f.services.is_empty()) {
        let ctx = Context {
            file,
            root: &options.module_root,
        };
        if let Err(d) = plan_file(&ctx, &options.dir, &mut plan) {
            diagnostics.push(d);
        }
    }
    diagnostics.into_result(plan)
}

/// `acme/user/v1/user.proto` → (`acme/user/v1/user_test.rs`, `acme/user/v1/user_setup.rs`).
fn output_names(proto: &str) -> (String, String) {
    let stem = proto.strip_suffix(".proto").unwrap_or(proto);
    (format!("{stem}_test.rs"), format!("{stem}_setup.rs"))
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn plan_file(ctx: &Context, dir: &Path, plan: &mut Plan) -> Result<(), Diagnostic> {
    let (test_path, setup_path) = output_names(&ctx.file.name);
    let (test_file, setup_file) = (file_name(&test_path), file_name(&setup_path));

    let methods: Vec<_> = ctx
        .file
        .services
        .iter()
        .flat_map(|s| s.methods.iter().map(move |m| (s, m)))
        .collect();
    let test = match merge::read(&dir.join(&test_path), &test_path)? {
        None => {
            let tests: Vec<String> = methods
                .iter()
                .map(|(s, m)| render::test_fn(ctx, s, m))
                .collect();
            merge::append(&render::test_file_head(ctx, setup_file), &tests)
        }
        Some(existing) => {
            // Sets, not scans: a service of thousands of methods is merged in linear time.
            let tested: HashSet<&str> = existing
                .functions
                .iter()
                .filter_map(|f| f.method.as_deref())
                .collect();
            let names: HashSet<&str> = existing.functions.iter().map(|f| f.name.as_str()).collect();
            let paths: HashSet<String> = methods
                .iter()
                .map(|(s, m)| render::method_path(s, m))
                .collect();
            let mut additions = Vec::new();
            for (service, method) in &methods {
                let path = render::method_path(service, method);
                let name = render::test_name(service, method);
                let present = tested.contains(path.as_str()) || names.contains(name.as_str());
                if !present {
                    additions.push(render::test_fn(ctx, service, method));
                }
            }
            for function in &existing.functions {
                let gone = function
                    .method
                    .as_ref()
                    .is_some_and(|path| !paths.contains(path));
                if gone {
                    plan.notes.push(format!(
                        "{test_path}: test {} is for {}, which {} no longer has; it is kept: delete it yourself if you no longer need it",
                        function.name,
                        function.method.as_deref().unwrap_or_default(),
                        ctx.file.name
                    ));
                }
            }
            merge::append(&existing.text, &additions)
        }
    };
    plan.files.push(GeneratedFile {
        name: test_path.clone(),
        content: test,
    });

    let setup = match merge::read(&dir.join(&setup_path), &setup_path)? {
        None => {
            let services: Vec<String> = ctx
                .file
                .services
                .iter()
                .map(|s| render::setup_fn(ctx, s, setup_file))
                .collect();
            merge::append(&render::setup_file_head(ctx, test_file), &services)
        }
        Some(existing) => {
            let mut additions = Vec::new();
            for service in &ctx.file.services {
                let name = render::setup_name(service);
                if !existing.functions.iter().any(|f| f.name == name) {
                    additions.push(render::setup_fn(ctx, service, setup_file));
                    plan.notes.push(format!(
                        "{setup_path}: added {name}() for the new service {}, answering UNIMPLEMENTED: build your implementation there",
                        service.full_name
                    ));
                }
            }
            let insertions = complete_stand_ins(ctx, &existing, &setup_path, setup_file, plan);
            merge::append(&merge::insert(&existing.text, &insertions), &additions)
        }
    };
    plan.files.push(GeneratedFile {
        name: setup_path,
        content: setup,
    });
    Ok(())
}

/// Methods a service gained since its stand-in was written: the stand-in
/// (`TodoShop`, while the setup file still has it) must implement every
/// method of tonic's trait to compile, so the missing ones are added to its
/// `impl` block, answering UNIMPLEMENTED like the others. Methods the
/// service lost are left for the user to delete, with a note.
fn complete_stand_ins<'e>(
    ctx: &Context,
    existing: &'e merge::Existing,
    setup_path: &str,
    setup_file: &str,
    plan: &mut Plan,
) -> Vec<merge::Insertion<'e>> {
    let mut insertions = Vec::new();
    for service in &ctx.file.services {
        let stand_in = render::stand_in_name(service);
        let Some(implementation) = existing
            .impls
            .iter()
            .find(|i| i.self_type == stand_in && i.trait_name == service.name.to_pascal_case())
        else {
            continue;
        };
        let functions: HashSet<&String> = implementation.functions.iter().collect();
        let types: HashSet<&String> = implementation.types.iter().collect();
        let mut items = Vec::new();
        let mut added = Vec::new();
        for method in &service.methods {
            let function = render::trait_fn_name(method);
            if functions.contains(&function) {
                continue;
            }
            let needs_stream_type =
                render::stream_type_name(method).is_some_and(|stream| !types.contains(&stream));
            items.push(render::stand_in_method(
                ctx,
                method,
                setup_file,
                needs_stream_type,
            ));
            added.push(function);
        }
        if !added.is_empty() {
            plan.notes.push(format!(
                "{setup_path}: added {} to the stand-in {stand_in} for the new methods of {}, answering \
                 UNIMPLEMENTED; if {} builds your own service, implement them there",
                added.join(", "),
                service.full_name,
                render::setup_name(service)
            ));
            insertions.push(merge::Insertion {
                into: implementation,
                items,
            });
        }
        let trait_fns: HashSet<String> =
            service.methods.iter().map(render::trait_fn_name).collect();
        for function in &implementation.functions {
            if !trait_fns.contains(function) {
                plan.notes.push(format!(
                    "{setup_path}: the stand-in {stand_in} has {function}, which {} no longer has: delete it \
                     (a method that is not in the trait does not compile)",
                    service.full_name
                ));
            }
        }
    }
    insertions
}
