//! Go tests (`lang=go`): per proto file with services, `<name>_test.go` in
//! the directory protoc-gen-go writes `<name>.pb.go` to (placed by the
//! core's [`PackageOptions`], as protoc-gen-errors places its Go files),
//! holding a bufconn harness per service and a table test per method.
//!
//! The file is an external test package (`userv1_test`): the user's server
//! package imports the generated one, so a test inside the generated package
//! could not import the server without an import cycle.
//!
//! The server under test is a hook, `var newUserServiceServer func(*testing.T)
//! userv1.UserServiceServer`, that the user sets once in a file of their own:
//! Go has no optional functions, and a call to a function the user has not
//! written yet would not compile; a nil hook makes the tests skip instead.

mod merge;
mod render;

use std::collections::{BTreeMap, BTreeSet};

use protosmith_core::lang::go::{GoPackage, PackageOptions, go_camel_case};
use protosmith_core::model::{File, Method, Service};
use protosmith_core::{Diagnostic, Diagnostics, GeneratedFile, Model};

use crate::{Plan, TestOptions};

/// What the file of one proto file needs to know to name things.
pub(crate) struct Context<'a> {
    pub file: &'a File,
    /// The test file's base name, `user_test.go`, for messages to the user.
    pub test_file: String,
    /// The generated package: its name (`userv1`) and the alias this file imports it as.
    pub package_name: String,
    pub own_alias: String,
    pub own_path: String,
    /// Go type (`userv1.GetUserRequest`) of every message a method takes or returns.
    types: BTreeMap<String, String>,
    /// Import path → alias of every proto package the file refers to.
    pub proto_imports: BTreeMap<String, String>,
}

impl Context<'_> {
    pub fn message(&self, full_name: &str) -> &str {
        // [`context`] resolved the messages of every tested method or failed.
        self.types.get(full_name).map_or("MISSING", String::as_str)
    }

    /// Where the user's hook settings could go: `user_server_test.go`.
    pub fn server_file(&self) -> String {
        let stem = self
            .test_file
            .strip_suffix("_test.go")
            .unwrap_or(&self.test_file);
        format!("{stem}_server_test.go")
    }

    /// The import of the package declaring message `full_name`: (alias, path).
    pub fn import_of(&self, full_name: &str) -> Option<(String, String)> {
        let alias = self.types.get(full_name)?.split_once('.')?.0;
        self.proto_imports
            .iter()
            .find(|(_, a)| a.as_str() == alias)
            .map(|(path, alias)| (alias.clone(), path.clone()))
    }
}

/// The Go names of a service's harness and tests.
pub(crate) fn service_name(service: &Service) -> String {
    go_camel_case(&service.name)
}

pub(crate) fn method_name(method: &Method) -> String {
    go_camel_case(&method.name)
}

/// The gRPC path a test is for; its doc comment carries it so regeneration
/// can tell which method a test belongs to, whatever the user renamed.
pub(crate) fn method_path(service: &Service, method: &Method) -> String {
    format!("/{}/{}", service.full_name, method.name)
}

pub(crate) fn test_name(service: &Service, method: &Method) -> String {
    format!("Test{}_{}", service_name(service), method_name(method))
}

/// Services with at least one method: a service without methods has
/// nothing to test, and its harness would import things nothing uses.
fn tested(file: &File) -> impl Iterator<Item = &Service> {
    file.services.iter().filter(|s| !s.methods.is_empty())
}

/// The request and response types of `method`, each with the file declaring it.
fn messages(method: &Method) -> [(&String, &String); 2] {
    [
        (&method.input_type, &method.input_file),
        (&method.output_type, &method.output_file),
    ]
}

pub fn plan(model: &Model, options: &TestOptions) -> Result<Plan, Diagnostics> {
    let files: Vec<&File> = model
        .files_to_generate()
        .filter(|f| tested(f).next().is_some())
        .collect();
    // The Go package of every file the tests refer to: their own, and those
    // of their messages (google.protobuf.Empty is emptypb's).
    let mut needed = BTreeSet::new();
    for file in &files {
        needed.insert(file.name.clone());
        for method in tested(file).flat_map(|s| &s.methods) {
            for (_, owner) in messages(method) {
                needed.insert(owner.clone());
            }
        }
    }
    let packages = options.go.resolve(model, &|name| needed.contains(name))?;

    let mut plan = Plan::default();
    let mut diagnostics = Diagnostics::new();
    for file in files {
        match plan_file(model, &options.go, &packages, file, options, &mut plan) {
            Ok(()) => {}
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.into_result(plan)
}

/// Identifiers a package alias must not take: the imports every test file
/// has, and the names its code declares inside functions.
const TAKEN: &[&str] = &[
    "bufconn",
    "client",
    "context",
    "errors",
    "got",
    "grpc",
    "grpcerrors",
    "insecure",
    "io",
    "net",
    "proto",
    "req",
    "status",
    "stream",
    "t",
    "testing",
    "tests",
    "tt",
];

fn context<'a>(
    model: &Model,
    packages: &BTreeMap<String, GoPackage>,
    file: &'a File,
    test_file: String,
) -> Result<Context<'a>, Diagnostic> {
    let own = &packages[&file.name];
    let mut proto_imports: BTreeMap<String, String> = BTreeMap::new();
    let mut used: BTreeSet<String> = TAKEN.iter().map(|s| (*s).to_owned()).collect();
    let mut alias_for = |package: &GoPackage, imports: &mut BTreeMap<String, String>| {
        if let Some(alias) = imports.get(&package.import_path) {
            return alias.clone();
        }
        let mut alias = package.name.clone();
        let mut n = 2;
        while used.contains(&alias) {
            alias = format!("{}{n}", package.name);
            n += 1;
        }
        used.insert(alias.clone());
        imports.insert(package.import_path.clone(), alias.clone());
        alias
    };
    let own_alias = alias_for(own, &mut proto_imports);
    // Messages in declaration order, so aliases do not depend on hash order.
    let mut types = BTreeMap::new();
    for method in tested(file).flat_map(|s| &s.methods) {
        for (message, owner) in messages(method) {
            if types.contains_key(message) {
                continue;
            }
            let Some(owner) = model.file(owner) else {
                return Err(Diagnostic::at(
                    &method.location,
                    format!(
                        "protoc-gen-test: message {message} of {} is not among the compiled files; \
                         pass the file declaring it to protoc (or buf) as an import",
                        method.full_name
                    ),
                ));
            };
            let package = packages.get(&owner.name).ok_or_else(|| {
                Diagnostic::at(
                    &method.location,
                    format!(
                        "protoc-gen-test: {} declares {message} without a Go package; give it \
                         option go_package or an M{}= parameter",
                        owner.name, owner.name
                    ),
                )
            })?;
            let relative = message
                .strip_prefix(&owner.package)
                .map_or(message.as_str(), |rest| rest.trim_start_matches('.'));
            let alias = alias_for(package, &mut proto_imports);
            types.insert(
                message.clone(),
                format!("{alias}.{}", go_camel_case(relative)),
            );
        }
    }
    Ok(Context {
        file,
        test_file,
        package_name: own.name.clone(),
        own_alias,
        own_path: own.import_path.clone(),
        types,
        proto_imports,
    })
}

fn plan_file(
    model: &Model,
    go: &PackageOptions,
    packages: &BTreeMap<String, GoPackage>,
    file: &File,
    options: &TestOptions,
    plan: &mut Plan,
) -> Result<(), Diagnostic> {
    let path = go.output_path(&file.name, &packages[&file.name], "_test.go")?;
    let test_file = path.rsplit('/').next().unwrap_or(&path).to_owned();
    let ctx = context(model, packages, file, test_file)?;
    let services: Vec<&Service> = tested(file).collect();

    let content = match merge::read(&options.dir.join(&path), &path)? {
        None => {
            let mut pieces = Vec::new();
            for service in &services {
                pieces.extend(render::harness(&ctx, service));
            }
            for service in &services {
                for method in &service.methods {
                    pieces.push(render::test(&ctx, service, method));
                }
            }
            let imports = render::Piece::imports_of(&pieces);
            let texts: Vec<String> = pieces.into_iter().map(|p| p.text).collect();
            crate::merge::append(&render::head(&ctx, &imports), &texts)
        }
        Some(existing) => {
            let mut pieces = Vec::new();
            for service in &services {
                // Harness pieces by name: a service new to the file gets all of
                // them, an old one what its new methods need (recv for its first
                // streaming method).
                if !existing.declares(&render::hook_name(service)) {
                    plan.notes.push(format!(
                        "{path}: added the harness of the new service {}; its tests skip until you set {} \
                         in a file of your own",
                        service.full_name,
                        render::hook_name(service)
                    ));
                }
                for piece in render::harness(&ctx, service) {
                    if !existing.declares(&piece.name) {
                        pieces.push(piece);
                    }
                }
            }
            for service in &services {
                for method in &service.methods {
                    let marked = method_path(service, method);
                    if !existing.tests(&marked) && !existing.declares(&test_name(service, method)) {
                        pieces.push(render::test(&ctx, service, method));
                    }
                }
            }
            for (function, marked) in existing.marked_tests() {
                let present = services
                    .iter()
                    .any(|s| s.methods.iter().any(|m| method_path(s, m) == marked));
                if !present {
                    plan.notes.push(format!(
                        "{path}: {function} tests {marked}, which {} no longer has; it is kept, rows and \
                         all, and no longer compiles: move its rows to the method that replaced it, or \
                         delete it",
                        file.name
                    ));
                }
            }
            // Only what the added code uses: an import the user removed with
            // the code that used it stays removed.
            let missing: Vec<(String, String)> = render::Piece::imports_of(&pieces)
                .into_iter()
                .filter(|(_, import_path)| !existing.imports(import_path))
                .collect();
            let texts: Vec<String> = pieces.into_iter().map(|p| p.text).collect();
            crate::merge::append(&merge::add_imports(&existing.text, &missing), &texts)
        }
    };
    plan.files.push(GeneratedFile {
        name: path,
        content,
    });
    Ok(())
}
