//! Where grpcio-tools (protoc's Python generator) puts a proto file's
//! module, and which public names that `_pb2` module defines, so modules
//! generated beside it follow its layout and never take one of its names.

use crate::diagnostic::Location;
use crate::model::File;

/// The module path of `proto_file` without extension, as protoc's Python
/// generator forms it: `.proto` removed, `-` replaced by `_`, and every `.`
/// left a package separator. `acme/user/v1/errors.proto` →
/// `acme/user/v1/errors` (whose `_pb2.py` is `acme/user/v1/errors_pb2.py`);
/// `a-b/foo.bar-baz.proto` → `a_b/foo/bar_baz`.
pub fn module_path(proto_file: &str) -> String {
    proto_file
        .strip_suffix(".proto")
        .unwrap_or(proto_file)
        .replace('-', "_")
        .replace('.', "/")
}

/// A public name of a file's `_pb2` module, with what defines it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pb2Name {
    pub name: String,
    /// `message acme.v1.Order`, for diagnostics.
    pub what: String,
    pub location: Location,
}

/// The public names grpcio-tools' `_pb2.py` defines for `file` (checked
/// against grpcio-tools by protoc-gen-errors' `python_toolchain` test): `DESCRIPTOR`,
/// each top-level message and enum, each value of a top-level enum (a
/// module-level constant), and each top-level extension with its
/// `<NAME>_FIELD_NUMBER`. Nested types and values are attributes of their
/// message, not module names. (Files with `py_generic_services` also get
/// service classes, and `import public` re-exports; protosmith's model
/// keeps neither, and neither can take a generated errors name: those end
/// in `Kind` or are snake case.)
pub fn pb2_names(file: &File) -> Vec<Pb2Name> {
    let mut names = vec![Pb2Name {
        name: "DESCRIPTOR".to_owned(),
        what: format!("the file descriptor of {}", file.name),
        location: Location::file_only(&file.name),
    }];
    for message in &file.messages {
        names.push(Pb2Name {
            name: message.name.clone(),
            what: format!("message {}", message.full_name),
            location: message.location.clone(),
        });
    }
    for enumeration in &file.enums {
        names.push(Pb2Name {
            name: enumeration.name.clone(),
            what: format!("enum {}", enumeration.full_name),
            location: enumeration.location.clone(),
        });
        for value in &enumeration.values {
            names.push(Pb2Name {
                name: value.name.clone(),
                what: format!("enum value {}", value.full_name),
                location: value.location.clone(),
            });
        }
    }
    for extension in &file.extensions {
        names.push(Pb2Name {
            name: extension.name.clone(),
            what: format!("extension {}", extension.full_name),
            location: extension.location.clone(),
        });
        names.push(Pb2Name {
            name: format!("{}_FIELD_NUMBER", extension.name.to_ascii_uppercase()),
            what: format!("the field number of extension {}", extension.full_name),
            location: extension.location.clone(),
        });
    }
    // A name with a leading `_` (an enum value `_X`) is private: star
    // imports skip it, and no generated name starts with `_`.
    names.retain(|name| !name.name.starts_with('_'));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths_are_grpcio_tools() {
        assert_eq!(
            module_path("acme/user/v1/errors.proto"),
            "acme/user/v1/errors"
        );
        assert_eq!(module_path("a-b/c-d.proto"), "a_b/c_d");
        assert_eq!(module_path("top.proto"), "top");
        assert_eq!(module_path("a-b/foo.bar-baz.proto"), "a_b/foo/bar_baz");
    }
}
