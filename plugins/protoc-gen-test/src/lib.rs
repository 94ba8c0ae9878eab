//! protoc-gen-test: a table-driven test per service method, run over
//! grpc-testkit's in-memory transport; the developer fills in the rows.
//!
//! Per proto file with services it writes `<name>_test.rs` (the tests) and,
//! once, `<name>_setup.rs` (where the user builds the services under test).
//! Both are merged, never overwritten: see [`merge`].

mod merge;
mod render;
mod rust_types;

use std::path::{Path, PathBuf};

use protosmith_core::parameters::Parameters;
use protosmith_core::{Diagnostic, Diagnostics, GeneratedFile, Input, model};

use render::Context;

/// Every parameter the plugin accepts.
pub const PARAMETERS: [&str; 2] = ["dir", "module_root"];

/// What a run produces: the files, and notes for the user (tests whose
/// method is gone, functions to add by hand).
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<GeneratedFile>,
    pub notes: Vec<String>,
}

/// The plugin entry point: [`plan`], with its notes printed on stderr.
pub fn generate(input: &Input) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let plan = plan(input)?;
    for note in &plan.notes {
        eprintln!("protoc-gen-test: {note}");
    }
    Ok(plan.files)
}

pub fn plan(input: &Input) -> Result<Plan, Diagnostics> {
    let parameters = Parameters::parse(&input.parameter);
    parameters.check_known("protoc-gen-test", &PARAMETERS)?;
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
    let root = parameters.get("module_root").unwrap_or("crate");
    syn::parse_str::<syn::Path>(root).map_err(|_| {
        Diagnostic::general(format!(
            "parameter module_root={root_text} is not a Rust path; give the path of the module that holds the \
             proto packages, e.g. module_root=crate or module_root=my_service::proto",
            root_text = root
        ))
    })?;
    let model = model::build(input);
    let mut plan = Plan::default();
    let mut diagnostics = Diagnostics::new();
    for file in model.files_to_generate().filter(|f| !f.services.is_empty()) {
        let ctx = Context {
            model: &model,
            file,
            root,
        };
        if let Err(d) = plan_file(&ctx, &dir, &mut plan) {
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
            let mut additions = Vec::new();
            for (service, method) in &methods {
                let path = render::method_path(service, method);
                let name = render::test_name(service, method);
                let present = existing
                    .functions
                    .iter()
                    .any(|f| f.method.as_deref() == Some(path.as_str()) || f.name == name);
                if !present {
                    additions.push(render::test_fn(ctx, service, method));
                }
            }
            for function in &existing.functions {
                let gone = function.method.as_ref().is_some_and(|path| {
                    !methods
                        .iter()
                        .any(|(s, m)| render::method_path(s, m) == *path)
                });
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
            merge::append(&existing.text, &additions)
        }
    };
    plan.files.push(GeneratedFile {
        name: setup_path,
        content: setup,
    });
    Ok(())
}
