//! Clashes in a Go package, reported instead of resolved by renaming
//! (a rename would change a public API silently): two error values with one
//! Go name, a generated name protoc-gen-go or protoc-gen-go-grpc declares
//! too, and an output file another generator writes.

use std::collections::{BTreeMap, HashMap};

use protosmith_core::catalog::{Catalog, ErrorValue};
use protosmith_core::lang::go::{GoPackage, go_camel_case, go_sanitized};
use protosmith_core::{Diagnostic, Diagnostics, Location, Model};

use super::GoOptions;

/// A declaration of another generator or of another error value.
struct Declared {
    what: String,
    at: Location,
}

pub fn check(
    model: &Model,
    catalog: &Catalog,
    options: &GoOptions,
    packages: &BTreeMap<String, GoPackage>,
    outputs: &BTreeMap<String, String>,
) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let generated = |file: &str| model.file(file).is_some_and(|f| f.generate);
    let protoc_gen_go = protoc_gen_go_names(model, packages);
    let mut ours: HashMap<(&str, String), &ErrorValue> = HashMap::new();
    for enumeration in &catalog.enums {
        let Some(package) = packages.get(&enumeration.file) else {
            continue;
        };
        for value in &enumeration.values {
            let (key, exported) = options.flavour.names(enumeration, value);
            for name in &exported {
                let key = (package.import_path.as_str(), name.clone());
                if let Some(other) = protoc_gen_go.get(&key)
                    && generated(&enumeration.file)
                {
                    diagnostics.push(Diagnostic::at(&value.location, format!(
                        "the Go name {name} generated for {} clashes with {} at {}, which protoc-gen-go or protoc-gen-go-grpc declares in the same Go package {}; rename one of them",
                        value.full_name, other.what, other.at, package.import_path
                    )));
                }
            }
            // A value's names share one stem: one clash, one diagnostic.
            if let Some(other) = ours.insert((package.import_path.as_str(), key), value)
                && generated(&enumeration.file)
            {
                let names = match exported.as_slice() {
                    [init @ .., last] => format!("{} and {last}", init.join(", ")),
                    [] => String::new(),
                };
                diagnostics.push(Diagnostic::at(&value.location, format!(
                    "the Go names {names} generated for {} clash with those for {} at {} in the same Go package {}; rename one of the values",
                    value.full_name, other.full_name, other.location, package.import_path
                )));
            }
        }
    }
    check_outputs(model, options, packages, outputs, &mut diagnostics);
    diagnostics.into_result(())
}

/// The exported names protoc-gen-go and protoc-gen-go-grpc declare, by
/// (import path, name), except those with a `_` that cannot equal ours
/// (enum value constants, oneof wrappers, `E_` extensions).
fn protoc_gen_go_names<'a>(
    model: &Model,
    packages: &'a BTreeMap<String, GoPackage>,
) -> HashMap<(&'a str, String), Declared> {
    let mut declared = HashMap::new();
    for file in &model.files {
        let Some(package) = packages.get(&file.name) else {
            continue;
        };
        let path = package.import_path.as_str();
        let mut add = |name: String, what: String, at: &Location| {
            declared.insert(
                (path, name),
                Declared {
                    what,
                    at: at.clone(),
                },
            );
        };
        let relative = |full_name: &str| {
            let name = full_name
                .strip_prefix(&file.package)
                .and_then(|rest| rest.strip_prefix('.'))
                .unwrap_or(full_name);
            go_camel_case(name)
        };
        for message in file.all_messages() {
            add(
                relative(&message.full_name),
                format!("message {}", message.full_name),
                &message.location,
            );
        }
        for enumeration in file.all_enums() {
            add(
                relative(&enumeration.full_name),
                format!("enum {}", enumeration.full_name),
                &enumeration.location,
            );
        }
        for service in &file.services {
            let s = go_camel_case(&service.name);
            let what = format!("service {}", service.full_name);
            for name in [
                format!("{s}Client"),
                format!("New{s}Client"),
                format!("{s}Server"),
                format!("Register{s}Server"),
                format!("Unimplemented{s}Server"),
                format!("Unsafe{s}Server"),
                format!("{s}_ServiceDesc"),
            ] {
                add(name, what.clone(), &service.location);
            }
            for method in &service.methods {
                let name = format!("{s}_{}_FullMethodName", go_camel_case(&method.name));
                add(
                    name,
                    format!("method {}", method.full_name),
                    &method.location,
                );
            }
        }
        add(
            format!("File_{}", go_sanitized(&file.name)),
            format!("the descriptor of {}", file.name),
            &Location::file_only(&file.name),
        );
    }
    declared
}

/// Our files must not overwrite protoc-gen-go's (`a_errors.proto` gives
/// `a_errors.pb.go` too) or each other (two `errors.proto` in one package).
fn check_outputs(
    model: &Model,
    options: &GoOptions,
    packages: &BTreeMap<String, GoPackage>,
    outputs: &BTreeMap<String, String>,
    diagnostics: &mut Diagnostics,
) {
    let mut written: BTreeMap<String, &str> = BTreeMap::new();
    for file in &model.files {
        let path = packages.get(&file.name).and_then(|package| {
            options
                .packages
                .output_path(&file.name, package, ".pb.go")
                .ok()
        });
        if let Some(path) = path {
            written.insert(path, file.name.as_str());
        }
    }
    let mut ours: BTreeMap<&str, &str> = BTreeMap::new();
    for (proto, path) in outputs {
        let at = Location::file_only(proto);
        if let Some(other) = written.get(path) {
            diagnostics.push(Diagnostic::at(&at, format!(
                "protoc-gen-errors would write {path} for {proto}, which is the file protoc-gen-go writes for {other}; rename one of the proto files"
            )));
        }
        if let Some(other) = ours.insert(path, proto) {
            diagnostics.push(Diagnostic::at(&at, format!(
                "protoc-gen-errors would write {path} for both {other} and {proto} (one Go package, one base name); rename one of the proto files"
            )));
        }
    }
}
