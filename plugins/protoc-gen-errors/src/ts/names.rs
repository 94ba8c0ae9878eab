//! TypeScript names for an error enum's generated symbols
//! (runtime/ts/GENERATED.md, "Names"), and the check that every name a
//! module exports is its own: unique in the module, not a reserved word,
//! not a name the module imports, not a name protoc-gen-es exports for the
//! same proto file.

use std::collections::HashMap;

use protosmith_core::catalog::{Catalog, ErrorEnum, ErrorValue};
use protosmith_core::lang::ts::{
    camel, es_exports, is_identifier_name, is_reserved, pascal, safe_identifier, snake,
};
use protosmith_core::{Diagnostic, Diagnostics, Location, Model};

/// The names the module imports from the runtime: an export may not take one.
pub const RUNTIME_IMPORTS: [&str; 5] = [
    "Code",
    "ErrorDef",
    "GrpcError",
    "TemplateValue",
    "defineError",
];

/// The names generated for one error value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueNames {
    /// `USER_ERROR_NOT_FOUND`, `PAYMENT_ERROR_CARD_DECLINED`.
    pub constant: String,
    /// `userErrorNotFound`.
    pub factory: String,
    /// `isUserErrorNotFound`.
    pub guard: String,
}

/// The words of a value: `snake` of each enclosing message, then the value
/// name, lower-cased: `Payment.ERROR_CARD_DECLINED` → `payment_error_card_declined`.
fn base(enumeration: &ErrorEnum, value: &ErrorValue) -> String {
    let mut words: Vec<String> = enumeration.parents.iter().map(|p| snake(p)).collect();
    words.push(value.name.to_lowercase());
    words.join("_")
}

pub fn value_names(enumeration: &ErrorEnum, value: &ErrorValue) -> ValueNames {
    let base = base(enumeration, value);
    ValueNames {
        constant: base.to_uppercase(),
        factory: camel(&base),
        guard: format!("is{}", pascal(&base)),
    }
}

/// The enum's list of definitions: `userErrorDefinitions`, `paymentErrorDefinitions`.
pub fn list_name(enumeration: &ErrorEnum) -> String {
    let words: Vec<String> = enumeration
        .parents
        .iter()
        .chain(std::iter::once(&enumeration.name))
        .map(|name| snake(name))
        .collect();
    format!("{}Definitions", camel(&words.join("_")))
}

/// The factory's parameters, one per placeholder in template order:
/// `camel` of the placeholder (`arg` when that is empty, `_` before a
/// leading digit), numbered `_2`, `_3` from its second occurrence, and with
/// a `$` when it is a reserved word (`class$`).
pub fn parameters(placeholders: &[String]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    placeholders
        .iter()
        .map(|placeholder| {
            let mut name = camel(placeholder);
            if name.is_empty() {
                name = "arg".to_owned();
            } else if name.starts_with(|c: char| c.is_ascii_digit()) {
                name.insert(0, '_');
            }
            let count = seen.entry(name.clone()).or_default();
            *count += 1;
            if *count == 1 {
                safe_identifier(&name)
            } else {
                format!("{name}_{count}")
            }
        })
        .collect()
}

/// One exported symbol, for the clash check.
struct Export<'a> {
    name: String,
    what: String,
    location: &'a Location,
}

/// Every name each generated module exports must be its own; a clash is
/// reported at the later of the two symbols (file:line:col of the value or
/// enum it is generated for).
pub fn check(model: &Model, catalog: &Catalog) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    for file in model.files_to_generate() {
        let mut exports: Vec<Export> = Vec::new();
        for enumeration in catalog
            .enums_in(&file.name)
            .filter(|e| !e.values.is_empty())
        {
            exports.push(Export {
                name: list_name(enumeration),
                what: format!("the definition list of enum {}", enumeration.full_name),
                location: &enumeration.location,
            });
            for value in &enumeration.values {
                let names = value_names(enumeration, value);
                for (name, kind) in [
                    (names.constant, "definition constant"),
                    (names.factory, "factory"),
                    (names.guard, "type guard"),
                ] {
                    exports.push(Export {
                        name,
                        what: format!("the {kind} of {}", value.full_name),
                        location: &value.location,
                    });
                }
            }
        }
        if exports.is_empty() {
            continue;
        }
        let es = es_exports(file);
        let mut seen: HashMap<&str, &Export> = HashMap::new();
        // Two values whose names meet meet thrice (constant, factory,
        // guard): one report per pair is enough.
        let mut reported: Vec<(&Location, &Location)> = Vec::new();
        for export in &exports {
            let name = export.name.as_str();
            if !is_identifier_name(name) {
                diagnostics.push(Diagnostic::at(export.location, format!(
                    "the TypeScript name \"{name}\" of {} is not an identifier; rename the value so that it has a letter after its underscores",
                    export.what
                )));
            } else if is_reserved(name) {
                diagnostics.push(Diagnostic::at(export.location, format!(
                    "the TypeScript name {name} of {} is a reserved word; rename the value (e.g. with its enum's name in front)",
                    export.what
                )));
            } else if RUNTIME_IMPORTS.contains(&name) {
                diagnostics.push(Diagnostic::at(export.location, format!(
                    "the TypeScript name {name} of {} is the runtime's {name}, which the generated module imports; rename the value",
                    export.what
                )));
            }
            if let Some(other) = seen.get(name) {
                let (first, second) = if other.location <= export.location {
                    (*other, export)
                } else {
                    (export, *other)
                };
                if !reported.contains(&(first.location, second.location)) {
                    reported.push((first.location, second.location));
                    diagnostics.push(Diagnostic::at(second.location, format!(
                        "the TypeScript name {name} of {} clashes with {} at {}, in the same module; rename one of them",
                        second.what, first.what, first.location
                    )));
                }
            } else {
                seen.insert(name, export);
            }
            if let Some(theirs) = es.iter().find(|e| e.name == name) {
                diagnostics.push(Diagnostic::at(export.location, format!(
                    "the TypeScript name {name} of {} is also what protoc-gen-es exports for {} at {}; a module re-exporting both would not compile (TS2308): rename one of them",
                    export.what, theirs.element, theirs.location
                )));
            }
        }
    }
    diagnostics.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|&n| n.to_owned()).collect()
    }

    #[test]
    fn parameters_are_unique_and_never_reserved() {
        assert_eq!(
            parameters(&strings(&["class", "user_id", "userId", "__proto__"])),
            ["class$", "userId", "userId_2", "proto"]
        );
        assert_eq!(
            parameters(&strings(&["_", "__", "_1x", "last4"])),
            ["arg", "arg_2", "_1x", "last4"]
        );
    }
}
