//! Generated Python names that would coincide are reported, never renamed
//! silently: within a module (its public names, beside those of the `_pb2`
//! module grpcio-tools writes for the same file, which users star-import
//! together), within a `Kind` class, and between modules and packages.

use std::collections::HashMap;

use protosmith_core::catalog::ErrorEnum;
use protosmith_core::lang::python::{module_path, pb2_names};
use protosmith_core::model::File;
use protosmith_core::{Diagnostic, Diagnostics, Location, Model};

use super::{names, output_name};

pub fn check(model: &Model, modules: &[(&File, Vec<&ErrorEnum>)]) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    for (file, enums) in modules {
        check_module(file, enums, &mut diagnostics);
    }
    check_paths(model, modules, &mut diagnostics);
    diagnostics.into_result(())
}

fn check_module(file: &File, enums: &[&ErrorEnum], diagnostics: &mut Diagnostics) {
    let pb2 = format!("{}_pb2.py", module_path(&file.name));
    let mut taken: HashMap<String, String> = pb2_names(file)
        .into_iter()
        .map(|name| {
            let owner = format!(
                "{} at {} in {pb2}, the module grpcio-tools generates beside ours",
                name.what, name.location
            );
            (name.name, owner)
        })
        .collect();
    // Claims `name` for `what`; reports and returns false if it is taken.
    let mut claim = |name: String, what: &str, location: &Location| -> bool {
        if let Some(first) = taken.get(&name) {
            diagnostics.push(Diagnostic::at(
                location,
                format!("the Python name {name} of {what} is also that of {first}; rename one"),
            ));
            false
        } else {
            taken.insert(name, format!("{what} at {location}"));
            true
        }
    };
    for enumeration in enums {
        let what = format!("enum {}", enumeration.full_name);
        claim(names::kind(enumeration), &what, &enumeration.location);
        for value in &enumeration.values {
            let base = names::base(enumeration, value);
            // Two values with one factory have one `is_` helper too: say it once.
            if claim(names::factory(&base), &value.full_name, &value.location) {
                claim(names::is_helper(&base), &value.full_name, &value.location);
            }
        }
    }
    for enumeration in enums {
        let kind = names::kind(enumeration);
        let members = names::members(enumeration);
        for (index, (value, member)) in enumeration.values.iter().zip(&members).enumerate() {
            if let Some(first) = members[..index].iter().position(|m| m == member) {
                let other = &enumeration.values[first];
                diagnostics.push(Diagnostic::at(
                    &value.location,
                    format!(
                        "the Python member {kind}.{member} of {} is also that of {} at {}; rename one",
                        value.full_name, other.full_name, other.location
                    ),
                ));
            }
        }
    }
}

/// Two proto files whose modules have one path (`a-b.proto`, `a_b.proto`),
/// or a module with the path of a package directory (`a.proto` gives
/// `a_errors.py`, `a_errors/b.proto` a package `a_errors`).
fn check_paths(model: &Model, modules: &[(&File, Vec<&ErrorEnum>)], diagnostics: &mut Diagnostics) {
    let mut outputs: HashMap<String, &str> = HashMap::new();
    for (file, enums) in modules {
        let at = &enums[0].location;
        let output = output_name(&file.name);
        if let Some(first) = outputs.insert(output.clone(), &file.name) {
            diagnostics.push(Diagnostic::at(at, format!(
                "the Python module {output} of {} is also that of {first}; rename one of the files",
                file.name
            )));
        }
        let package = format!("{}/", output.trim_end_matches(".py"));
        if let Some(other) = model
            .files
            .iter()
            .find(|other| module_path(&other.name).starts_with(&package))
        {
            diagnostics.push(Diagnostic::at(at, format!(
                "the Python module {output} of {} has the name of the package {} that holds the modules of {}; rename or move one of the files",
                file.name,
                package.trim_end_matches('/'),
                other.name
            )));
        }
    }
}
