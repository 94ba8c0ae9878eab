//! Every PHP name of the output decided (runtime/php/GENERATED.md, "Names"),
//! and every name that PHP could not take or that clashes reported at the
//! enum or value it comes from. Nothing is renamed silently.

use std::collections::HashMap;

use protosmith_core::catalog::{Catalog, ErrorEnum, ErrorValue};
use protosmith_core::lang::php;
use protosmith_core::model::File;
use protosmith_core::{Diagnostic, Diagnostics, Model};

/// The names of the class generated for one error enum.
#[derive(Debug)]
pub struct ClassNames<'a> {
    pub enumeration: &'a ErrorEnum,
    /// The proto file's PHP namespace; empty for the global namespace.
    pub namespace: String,
    pub class: String,
    /// One per error value, in declaration order.
    pub errors: Vec<ErrorNames>,
}

impl ClassNames<'_> {
    pub fn qualified(&self) -> String {
        php::qualified_name(&self.namespace, &self.class)
    }
}

#[derive(Debug)]
pub struct ErrorNames {
    pub factory: String,
    pub check: String,
    /// `(placeholder, variable without $)`, in the message's order.
    pub parameters: Vec<(String, String)>,
}

/// The classes of the error enums of the files to generate, in file and
/// declaration order, or every problem with their names. Enums of imported
/// files are named too, because their classes share namespaces with ours.
pub fn classes<'a>(
    model: &Model,
    catalog: &'a Catalog,
) -> Result<Vec<ClassNames<'a>>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut named = Vec::new();
    for enumeration in catalog.enums.iter().filter(|e| !e.values.is_empty()) {
        let Some(file) = model.file(&enumeration.file) else {
            continue;
        };
        let mut problems = Diagnostics::new();
        let names = class_names(file, enumeration, &mut problems);
        if file.generate {
            diagnostics.extend(problems);
        }
        named.push((file.generate, names));
    }
    check_placement(model, &named, &mut diagnostics);
    check_classes(model, &named, &mut diagnostics);
    let generated = named
        .into_iter()
        .filter_map(|(generate, names)| generate.then_some(names))
        .collect();
    diagnostics.into_result(generated)
}

/// `Payment.Error` with `php_class_prefix = "Xy"` → `XyPaymentErrorErrors`.
fn class_name(file: &File, enumeration: &ErrorEnum) -> String {
    let mut class = file.options.php_class_prefix.clone().unwrap_or_default();
    for part in enumeration.parents.iter().chain([&enumeration.name]) {
        class.push_str(part);
    }
    class.push_str("Errors");
    class
}

fn class_names<'a>(
    file: &File,
    enumeration: &'a ErrorEnum,
    diagnostics: &mut Diagnostics,
) -> ClassNames<'a> {
    let prefix = value_prefix(enumeration);
    // PHP method names ignore case: each taken name, lower-cased, says what took it.
    let mut methods: HashMap<String, String> = HashMap::from([(
        "definitions".to_owned(),
        "the method definitions()".to_owned(),
    )]);
    let mut errors = Vec::with_capacity(enumeration.values.len());
    for value in &enumeration.values {
        let stripped = prefix
            .as_ref()
            .map_or(value.name.as_str(), |p| &value.name[p.len()..]);
        let factory = php::method_name(stripped);
        let check = format!("is{}", php::upper_first(&factory));
        if php::is_identifier(&factory) {
            for (method, role) in [(&factory, "factory"), (&check, "check")] {
                let taken_by = format!("the {role} {method}() of {}", value.name);
                let key = method.to_ascii_lowercase();
                if let Some(other) = methods.get(&key) {
                    diagnostics.push(Diagnostic::at(&value.location, format!(
                        "the PHP method {method}() generated for {} clashes with {other} (PHP method names ignore case); rename one of the values",
                        value.name
                    )));
                } else {
                    methods.insert(key, taken_by);
                }
            }
        } else {
            diagnostics.push(Diagnostic::at(&value.location, format!(
                "{} gives no PHP method name (\"{factory}\"): PHP names start with a letter or _; rename the value so that, without the enum's prefix, it starts with a letter",
                value.name
            )));
        }
        errors.push(ErrorNames {
            factory,
            check,
            parameters: parameters(value, diagnostics),
        });
    }
    ClassNames {
        enumeration,
        namespace: php::namespace(file),
        class: class_name(file, enumeration),
        errors,
    }
}

/// The prefix every value name of the enum loses (`USER_ERROR_`), when all
/// have it and what remains starts with a letter; otherwise none loses one.
fn value_prefix(enumeration: &ErrorEnum) -> Option<String> {
    let prefix = format!("{}_", php::upper_snake(&enumeration.name));
    enumeration
        .values
        .iter()
        .all(|value| {
            value
                .name
                .strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
        })
        .then_some(prefix)
}

/// One variable per placeholder; when two map to one name (`user_id`,
/// `userId`), the later gets `2`, `3`, ... appended.
fn parameters(value: &ErrorValue, diagnostics: &mut Diagnostics) -> Vec<(String, String)> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for placeholder in &value.message.placeholders {
        let base = php::variable_name(placeholder);
        if !php::is_identifier(&base) {
            diagnostics.push(Diagnostic::at(&value.location, format!(
                "placeholder {{{placeholder}}} of {} gives no PHP parameter name (\"${base}\"); name it with a letter first, e.g. {{value}}",
                value.name
            )));
            continue;
        }
        let mut variable = base.clone();
        let mut n = 2;
        while taken.contains(&variable) {
            variable = format!("{base}{n}");
            n += 1;
        }
        taken.push(variable.clone());
        out.push((placeholder.clone(), variable));
    }
    out
}

/// A namespace or class prefix that PHP cannot read is reported once per
/// file, at its first error enum.
fn check_placement(model: &Model, named: &[(bool, ClassNames<'_>)], diagnostics: &mut Diagnostics) {
    let mut seen: Vec<&str> = Vec::new();
    for (_, names) in named.iter().filter(|(generate, _)| *generate) {
        let enumeration = names.enumeration;
        if seen.contains(&enumeration.file.as_str()) {
            continue;
        }
        seen.push(&enumeration.file);
        let Some(file) = model.file(&enumeration.file) else {
            continue;
        };
        if !names.namespace.is_empty() && !php::is_namespace(&names.namespace) {
            diagnostics.push(Diagnostic::at(&enumeration.location, format!(
                "option php_namespace = \"{}\" of {} is not a PHP namespace; write names of letters, digits and _ separated by single backslashes, e.g. \"Acme\\\\User\\\\V1\", or \"\" for the global namespace",
                names.namespace.escape_default(),
                file.name
            )));
        }
        if !php::is_identifier(&names.class) {
            diagnostics.push(Diagnostic::at(&enumeration.location, format!(
                "option php_class_prefix = \"{}\" of {} cannot start a PHP class name ({}); use letters, digits and _, starting with a letter",
                file.options.php_class_prefix.as_deref().unwrap_or_default().escape_default(),
                file.name,
                names.class
            )));
        }
    }
}

/// Our classes against protoc's (`--php_out`, every file of the request) and
/// against each other, ignoring case as PHP does.
fn check_classes(model: &Model, named: &[(bool, ClassNames<'_>)], diagnostics: &mut Diagnostics) {
    let protoc: HashMap<String, String> = model
        .files
        .iter()
        .flat_map(php::protoc_classes)
        .map(|class| (class.name.to_ascii_lowercase(), class.origin))
        .collect();
    let mut ours: HashMap<String, &ErrorEnum> = HashMap::new();
    for (generate, names) in named {
        let enumeration = names.enumeration;
        let qualified = names.qualified();
        let key = qualified.to_ascii_lowercase();
        let relative = relative_name(enumeration);
        if let Some(origin) = protoc.get(&key) {
            if *generate {
                diagnostics.push(Diagnostic::at(&enumeration.location, format!(
                    "PHP class {qualified} for enum {relative} would clash with protoc's class for {origin}; rename one of them"
                )));
            }
        }
        match ours.get(&key) {
            Some(other) if *generate => diagnostics.push(Diagnostic::at(&enumeration.location, format!(
                "PHP class {qualified} for enum {relative} would clash with the one for enum {} at {} (PHP class names ignore case); rename one of them",
                other.full_name, other.location
            ))),
            Some(_) => {}
            None => {
                ours.insert(key, enumeration);
            }
        }
    }
}

/// The enum's name within its package: `Payment.Error`.
fn relative_name(enumeration: &ErrorEnum) -> String {
    let mut parts: Vec<&str> = enumeration.parents.iter().map(String::as_str).collect();
    parts.push(&enumeration.name);
    parts.join(".")
}
