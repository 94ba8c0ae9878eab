//! The typed model every generator works from: files, messages, fields,
//! enums, services and methods, each with its comments, annotations and
//! position in the source. Built once from an [`Input`](crate::Input); the
//! generators never look at descriptors themselves.

pub mod annotation;
mod build;
mod source_info;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::diagnostic::Location;
use crate::model::annotation::{Annotation, ParsedComment};

pub use build::build;

/// All files of a request, dependencies before the files that import them.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub files: Vec<File>,
    /// Index of `files` by name, built on the first [`Model::file`] call:
    /// emitters look files up per method and per type, and a scan per
    /// lookup made generation quadratic in the number of files.
    by_name: OnceLock<HashMap<String, usize>>,
}

impl Model {
    pub fn new(files: Vec<File>) -> Model {
        Model {
            files,
            by_name: OnceLock::new(),
        }
    }

    /// The files output is generated for, in request order.
    pub fn files_to_generate(&self) -> impl Iterator<Item = &File> {
        self.files.iter().filter(|file| file.generate)
    }

    pub fn file(&self, name: &str) -> Option<&File> {
        let by_name = self.by_name.get_or_init(|| {
            let mut by_name = HashMap::with_capacity(self.files.len());
            for (index, file) in self.files.iter().enumerate() {
                // The first of two files with one name, as a scan would find.
                by_name.entry(file.name.clone()).or_insert(index);
            }
            by_name
        });
        by_name.get(name).map(|&index| &self.files[index])
    }
}

/// The comments attached to one element.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    pub leading: ParsedComment,
    pub trailing: ParsedComment,
    /// Comments above the element separated from it by a blank line
    /// (protobuf's leading detached comments), first to last. They document
    /// nothing; they are kept so that an annotation in one can be reported
    /// instead of silently ignored.
    pub detached: Vec<ParsedComment>,
}

impl Docs {
    /// Annotations from the leading and then the trailing comment.
    pub fn annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.leading
            .annotations
            .iter()
            .chain(&self.trailing.annotations)
    }

    /// The first annotation named `key`.
    pub fn annotation(&self, key: &str) -> Option<&Annotation> {
        self.annotations().find(|annotation| annotation.key == key)
    }

    /// The prose that documents the element: the leading comment, or the
    /// trailing one when there is no leading comment.
    pub fn prose(&self) -> &str {
        if self.leading.prose.is_empty() {
            &self.trailing.prose
        } else {
            &self.leading.prose
        }
    }
}

#[derive(Clone, Debug)]
pub struct File {
    /// Name as the compiler saw it: `example/user/v1/user.proto`.
    pub name: String,
    pub package: String,
    /// Whether output is requested for this file (not merely imported).
    pub generate: bool,
    /// Comments on the `syntax` and `package` statements: the file's header.
    pub docs: Docs,
    /// Every annotation in any comment of the file, for file-wide switches
    /// such as ego's `@plugins=protoc-gen-go-errors`.
    pub annotations: Vec<(Annotation, Location)>,
    pub messages: Vec<Message>,
    pub enums: Vec<Enum>,
    pub services: Vec<Service>,
    /// Top-level `extend` blocks' fields, in declaration order.
    pub extensions: Vec<Extension>,
    pub deprecated: bool,
    /// The file options that say where each language's code goes.
    pub options: FileOptions,
}

/// The standard file options that place generated code, as written (empty
/// or `None` when not set); each language's rules for defaults live with the
/// language, not here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileOptions {
    pub go_package: Option<String>,
    pub java_package: Option<String>,
    pub java_outer_classname: Option<String>,
    pub java_multiple_files: bool,
    pub csharp_namespace: Option<String>,
    pub php_namespace: Option<String>,
    pub php_class_prefix: Option<String>,
    pub php_metadata_namespace: Option<String>,
    pub ruby_package: Option<String>,
    pub objc_class_prefix: Option<String>,
}

impl File {
    /// Every enum of the file, nested ones included, in declaration order.
    pub fn all_enums(&self) -> Vec<&Enum> {
        fn walk<'a>(message: &'a Message, out: &mut Vec<&'a Enum>) {
            out.extend(&message.enums);
            for nested in &message.messages {
                walk(nested, out);
            }
        }
        let mut out: Vec<&Enum> = self.enums.iter().collect();
        for message in &self.messages {
            walk(message, &mut out);
        }
        out
    }

    /// Every message of the file, nested ones included, in declaration order.
    pub fn all_messages(&self) -> Vec<&Message> {
        fn walk<'a>(message: &'a Message, out: &mut Vec<&'a Message>) {
            out.push(message);
            for nested in &message.messages {
                walk(nested, out);
            }
        }
        let mut out = Vec::new();
        for message in &self.messages {
            walk(message, &mut out);
        }
        out
    }
}

#[derive(Clone, Debug)]
pub struct Message {
    pub name: String,
    pub full_name: String,
    pub location: Location,
    pub docs: Docs,
    pub fields: Vec<Field>,
    pub messages: Vec<Message>,
    pub enums: Vec<Enum>,
    /// Fields of `extend` blocks declared inside the message.
    pub extensions: Vec<Extension>,
    pub map_entry: bool,
    pub deprecated: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Label {
    /// proto3 singular without `optional`.
    Singular,
    /// `optional` (proto2, or proto3 with explicit presence).
    Optional,
    Required,
    Repeated,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// A scalar by its proto name: `string`, `int64`, `bytes`...
    Scalar(&'static str),
    Message(String),
    Enum(String),
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub number: u32,
    pub json_name: String,
    pub label: Label,
    pub field_type: FieldType,
    /// For `map<K, V>` fields: key and value types (the field type is then the entry message).
    pub map: Option<(FieldType, FieldType)>,
    /// The real oneof containing the field (not proto3 `optional`'s synthetic one).
    pub oneof: Option<String>,
    pub default_value: Option<String>,
    pub location: Location,
    pub docs: Docs,
    pub deprecated: bool,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub name: String,
    pub full_name: String,
    pub location: Location,
    pub docs: Docs,
    pub values: Vec<EnumValue>,
    /// `(protosmith.errors.v1.errors)` on the enum.
    pub error_options: Option<EnumErrorOptions>,
    pub deprecated: bool,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub name: String,
    /// Package-scoped, as protobuf scopes enum values: `user.v1.USER_ERROR_NOT_FOUND`.
    pub full_name: String,
    pub number: i32,
    pub location: Location,
    pub docs: Docs,
    /// `(protosmith.errors.v1.error)` on the value.
    pub error_options: Option<ValueErrorOptions>,
    pub deprecated: bool,
}

/// The enum-level error option, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnumErrorOptions {
    /// Code name, e.g. `INTERNAL`; an unknown number reads as `code number 42`.
    pub default_code: Option<String>,
}

/// The value-level error option, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueErrorOptions {
    pub code: Option<String>,
    pub msg: Option<String>,
    /// `(language, text)`, sorted by language.
    pub i18n: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub name: String,
    pub full_name: String,
    pub location: Location,
    pub docs: Docs,
    pub methods: Vec<Method>,
    pub deprecated: bool,
}

#[derive(Clone, Debug)]
pub struct Method {
    pub name: String,
    pub full_name: String,
    pub input_type: String,
    pub output_type: String,
    /// The packages of the files declaring `input_type` and `output_type`:
    /// a full name alone cannot tell a package segment from a parent
    /// message (`a.b.C.D`), and finding the declaring file by name would
    /// scan every file for every method.
    pub input_package: String,
    pub output_package: String,
    /// The names of the files declaring `input_type` and `output_type`.
    pub input_file: String,
    pub output_file: String,
    pub client_streaming: bool,
    pub server_streaming: bool,
    pub location: Location,
    pub docs: Docs,
    /// `google.api.http` bindings (HTTP/JSON transcoding): the rule itself
    /// first, then its `additional_bindings`; empty when there is none.
    pub http: Vec<HttpRule>,
    pub deprecated: bool,
}

/// One HTTP binding of a method, from the `google.api.http` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRule {
    /// `GET`, `PUT`, `POST`, `DELETE`, `PATCH`, or a custom pattern's kind as written.
    pub method: String,
    /// The URL path template, e.g. `/v1/{name=users/*}`.
    pub path: String,
    /// The request field sent as the HTTP body: `*` for every field the path does not bind.
    pub body: Option<String>,
    /// The response field returned as the HTTP body, when not the whole response.
    pub response_body: Option<String>,
}

/// A field declared in an `extend` block: a custom option, or an extension of a proto2 message.
#[derive(Clone, Debug)]
pub struct Extension {
    pub name: String,
    /// Scoped where it is declared: `acme.v1.resource` at top level, `acme.v1.Outer.resource` in a message.
    pub full_name: String,
    pub number: u32,
    /// Full name of the message extended, e.g. `google.protobuf.MethodOptions`.
    pub extendee: String,
    pub label: Label,
    pub field_type: FieldType,
    pub default_value: Option<String>,
    pub location: Location,
    pub docs: Docs,
    pub deprecated: bool,
}
