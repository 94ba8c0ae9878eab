//! The Java names of an error enum's class and members
//! (runtime/java/GENERATED.md, "Names"), and the clashes they can have.

use std::collections::BTreeMap;

use protosmith_core::catalog::{ErrorEnum, ErrorValue};
use protosmith_core::lang::java;
use protosmith_core::{Diagnostic, Diagnostics, Model};

/// Java classes already taken, per Java package, compared ignoring ASCII
/// case: the generated files must coexist on case-insensitive file systems.
#[derive(Default)]
pub struct TakenClasses {
    by_package: BTreeMap<String, Vec<String>>,
}

impl TakenClasses {
    /// The classes protoc and grpc-java write for every file of the request.
    pub fn of_protoc(model: &Model) -> TakenClasses {
        let mut taken = TakenClasses::default();
        for file in &model.files {
            for name in java::protoc_class_names(file) {
                taken.add(java::java_package(file), name);
            }
        }
        taken
    }

    /// `<enum path>Errors`, with `Errors` appended again while a class of
    /// the package has that name; the name is then taken.
    pub fn name_class(&mut self, package: &str, enumeration: &ErrorEnum) -> String {
        let mut name: String = enumeration.parents.concat();
        name.push_str(&enumeration.name);
        name.push_str("Errors");
        while self.contains(package, &name) {
            name.push_str("Errors");
        }
        self.add(package, name.clone());
        name
    }

    fn contains(&self, package: &str, name: &str) -> bool {
        self.by_package
            .get(package)
            .is_some_and(|names| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
    }

    fn add(&mut self, package: &str, name: String) {
        self.by_package
            .entry(package.to_owned())
            .or_default()
            .push(name);
    }
}

/// The members generated for one error value.
pub struct ValueNames {
    /// The definition constant: `NOT_FOUND`.
    pub constant: String,
    /// The factory: `notFound`.
    pub factory: String,
    /// The check: `isNotFound`.
    pub is_method: String,
    /// The factory's parameters, one per placeholder, in placeholder order.
    pub parameters: Vec<String>,
}

/// The member names of every value of `enumeration`, or the diagnostics
/// saying which values cannot have Java names or would share one.
pub fn value_names(enumeration: &ErrorEnum) -> Result<Vec<ValueNames>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let stems = stems(enumeration);
    let mut names: Vec<ValueNames> = Vec::new();
    for (value, stem) in enumeration.values.iter().zip(&stems) {
        let camel = java::lower_camel(stem);
        if !starts_identifier(&camel) {
            diagnostics.push(Diagnostic::at(&value.location, format!(
                "{} gives no Java method name: {stem} split at '_' must begin with a word that starts with a letter; rename the value",
                value.full_name
            )));
            continue;
        }
        let parameters = java::parameter_names(&value.message.placeholders);
        for (placeholder, parameter) in value.message.placeholders.iter().zip(&parameters) {
            if !starts_identifier(parameter) {
                diagnostics.push(Diagnostic::at(&value.location, format!(
                    "placeholder {{{placeholder}}} of {} gives no Java parameter name: without its underscores it must start with a letter; rename it, e.g. {{value}}",
                    value.full_name
                )));
            }
        }
        let mut constant = stem.to_ascii_uppercase();
        if constant == "ALL" {
            constant.push('_');
        }
        let mut is_method = String::from("is");
        let mut chars = camel.chars();
        if let Some(first) = chars.next() {
            is_method.push(first.to_ascii_uppercase());
            is_method.push_str(chars.as_str());
        }
        let candidate = ValueNames {
            constant,
            factory: java::method_name(stem),
            is_method,
            parameters,
        };
        for (other, other_names) in enumeration.values.iter().zip(&names) {
            if let Some(what) = clash(&candidate, other_names) {
                diagnostics.push(Diagnostic::at(&value.location, format!(
                    "the Java {what} generated for {} clashes with the one for {} at {}; rename one of the values",
                    value.full_name, other.full_name, other.location
                )));
            }
        }
        names.push(candidate);
    }
    diagnostics.into_result(names)
}

/// The value names with the enum's UPPER_SNAKE prefix stripped, when every
/// value has it and every remainder starts with a letter; else the names.
fn stems(enumeration: &ErrorEnum) -> Vec<String> {
    let prefix = java::upper_snake(&enumeration.name) + "_";
    let stripped: Option<Vec<String>> = enumeration
        .values
        .iter()
        .map(|value: &ErrorValue| {
            value
                .name
                .strip_prefix(&prefix)
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
                .map(str::to_owned)
        })
        .collect();
    stripped.unwrap_or_else(|| enumeration.values.iter().map(|v| v.name.clone()).collect())
}

fn starts_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
}

fn clash(a: &ValueNames, b: &ValueNames) -> Option<String> {
    if a.constant == b.constant {
        Some(format!("constant {}", a.constant))
    } else if a.factory == b.factory {
        Some(format!("method {}", a.factory))
    } else {
        None
    }
}
