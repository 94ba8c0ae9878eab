//! Where protoc's `java_out` and grpc-java put a proto file's classes, as
//! their name resolvers decide (protobuf `compiler/java/name_resolver.cc`,
//! grpc-java `java_generator.cpp`), for proto2 and proto3 files.

use crate::model::{File, Message};

/// The file's Java package: `option java_package` when set, else the proto
/// package, as `java_out` does (no keyword escaping, like protoc).
pub fn java_package(file: &File) -> &str {
    file.options
        .java_package
        .as_deref()
        .unwrap_or(&file.package)
}

/// protoc's outer class: `java_outer_classname`, else the file's base name
/// without `.proto` in UpperCamelCase (`user_errors.proto` → `UserErrors`),
/// with `OuterClass` appended when a message, enum or service of the file,
/// nested ones included, has exactly that name.
pub fn outer_class_name(file: &File) -> String {
    if let Some(name) = &file.options.java_outer_classname {
        return name.clone();
    }
    let base = file.name.rsplit('/').next().unwrap_or(&file.name);
    let base = base
        .strip_suffix(".protodevel")
        .or_else(|| base.strip_suffix(".proto"))
        .unwrap_or(base);
    let name = underscores_to_upper_camel(base);
    if declares_type(file, &name) {
        format!("{name}OuterClass")
    } else {
        name
    }
}

/// Every top-level class protoc and grpc-java write for `file` into its Java
/// package: the outer class; with `java_multiple_files`, each top-level
/// message (and its `OrBuilder`), enum and service; grpc-java's
/// `<Service>Grpc`.
pub fn protoc_class_names(file: &File) -> Vec<String> {
    let mut names = vec![outer_class_name(file)];
    if file.options.java_multiple_files {
        for message in &file.messages {
            names.push(message.name.clone());
            names.push(format!("{}OrBuilder", message.name));
        }
        names.extend(file.enums.iter().map(|e| e.name.clone()));
        names.extend(file.services.iter().map(|s| s.name.clone()));
    }
    names.extend(file.services.iter().map(|s| format!("{}Grpc", s.name)));
    names
}

/// protoc's `UnderscoresToCamelCase(name, true)`: letters after a digit or
/// a non-alphanumeric character capitalised, those characters dropped.
fn underscores_to_upper_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut capitalize = true;
    for c in name.chars() {
        if c.is_ascii_lowercase() {
            out.push(if capitalize {
                c.to_ascii_uppercase()
            } else {
                c
            });
            capitalize = false;
        } else if c.is_ascii_uppercase() {
            out.push(c);
            capitalize = false;
        } else if c.is_ascii_digit() {
            out.push(c);
            capitalize = true;
        } else {
            capitalize = true;
        }
    }
    out
}

fn declares_type(file: &File, name: &str) -> bool {
    fn in_message(message: &Message, name: &str) -> bool {
        message.name == name
            || message.enums.iter().any(|e| e.name == name)
            || message.messages.iter().any(|m| in_message(m, name))
    }
    file.enums.iter().any(|e| e.name == name)
        || file.services.iter().any(|s| s.name == name)
        || file.messages.iter().any(|m| in_message(m, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_upper_camel_case() {
        assert_eq!(underscores_to_upper_camel("user_errors"), "UserErrors");
        assert_eq!(underscores_to_upper_camel("foo2bar-baz"), "Foo2BarBaz");
        assert_eq!(underscores_to_upper_camel("HTTP_api"), "HTTPApi");
    }
}
