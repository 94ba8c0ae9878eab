//! Walks a descriptor pool into the [`Model`](super::Model).

use std::collections::HashSet;

use prost_reflect::{
    Cardinality, DynamicMessage, EnumDescriptor, EnumValueDescriptor, ExtensionDescriptor,
    FieldDescriptor, FileDescriptor, Kind, MapKey, MessageDescriptor, MethodDescriptor,
    ServiceDescriptor, Value,
};

use super::source_info::SourceInfo;
use super::*;
use crate::model::annotation::parse_comment;
use crate::protocol::Input;

/// Full name of the enum-level error option.
pub const ENUM_ERROR_OPTION: &str = "protosmith.errors.v1.errors";
/// Full name of the value-level error option.
pub const VALUE_ERROR_OPTION: &str = "protosmith.errors.v1.error";
/// Full name of the HTTP/JSON transcoding option (google/api/annotations.proto).
pub const HTTP_OPTION: &str = "google.api.http";

struct Builder<'a> {
    info: SourceInfo<'a>,
    enum_option: Option<ExtensionDescriptor>,
    value_option: Option<ExtensionDescriptor>,
    http_option: Option<ExtensionDescriptor>,
}

/// Builds the model of every file in `input`.
pub fn build(input: &Input) -> Model {
    let generate: HashSet<&str> = input.files_to_generate.iter().map(String::as_str).collect();
    let enum_option = input.pool.get_extension_by_name(ENUM_ERROR_OPTION);
    let value_option = input.pool.get_extension_by_name(VALUE_ERROR_OPTION);
    let http_option = input.pool.get_extension_by_name(HTTP_OPTION);
    let files = input
        .pool
        .files()
        .map(|file| {
            let locations = input.source_locations(&file);
            let builder = Builder {
                info: SourceInfo::new(file.name(), locations),
                enum_option: enum_option.clone(),
                value_option: value_option.clone(),
                http_option: http_option.clone(),
            };
            builder.file(&file, generate.contains(file.name()))
        })
        .collect();
    Model::new(files)
}

const PACKAGE_PATH: [i32; 1] = [2];
const SYNTAX_PATH: [i32; 1] = [12];

impl Builder<'_> {
    fn file(&self, file: &FileDescriptor, generate: bool) -> File {
        let proto = file.file_descriptor_proto();
        let package_docs = self.info.docs(&PACKAGE_PATH);
        let docs = if package_docs == Docs::default() {
            self.info.docs(&SYNTAX_PATH)
        } else {
            package_docs
        };
        let annotations = self
            .info
            .all_comments()
            // An annotation is a line starting with '@': most comments have
            // none, and need neither parsing again nor a position.
            .filter(|(comment, _)| comment.contains('@'))
            .flat_map(|(comment, path)| {
                let at = self.info.location(path);
                parse_comment(comment)
                    .annotations
                    .into_iter()
                    .map(move |a| (a, at.clone()))
            })
            .collect();
        File {
            name: file.name().to_owned(),
            package: file.package_name().to_owned(),
            generate,
            docs,
            annotations,
            messages: file.messages().map(|m| self.message(&m)).collect(),
            enums: file.enums().map(|e| self.enumeration(&e)).collect(),
            services: file.services().map(|s| self.service(&s)).collect(),
            extensions: file.extensions().map(|e| self.extension(&e)).collect(),
            deprecated: deprecated(&proto.options),
            options: file_options(proto.options.as_ref()),
        }
    }

    fn message(&self, message: &MessageDescriptor) -> Message {
        let proto = message.descriptor_proto();
        Message {
            name: message.name().to_owned(),
            full_name: message.full_name().to_owned(),
            location: self.info.location(message.path()),
            docs: self.info.docs(message.path()),
            fields: message.fields().map(|f| self.field(&f)).collect(),
            messages: message.child_messages().map(|m| self.message(&m)).collect(),
            enums: message
                .child_enums()
                .map(|e| self.enumeration(&e))
                .collect(),
            extensions: message
                .child_extensions()
                .map(|e| self.extension(&e))
                .collect(),
            map_entry: message.is_map_entry(),
            deprecated: deprecated(&proto.options),
        }
    }

    fn field(&self, field: &FieldDescriptor) -> Field {
        let proto = field.field_descriptor_proto();
        let label = if field.is_list() || field.is_map() {
            Label::Repeated
        } else if proto.label() == prost_types::field_descriptor_proto::Label::Required {
            Label::Required
        } else if field.supports_presence() && !matches!(field.kind(), Kind::Message(_)) {
            Label::Optional
        } else {
            Label::Singular
        };
        let map = match field.kind() {
            Kind::Message(entry) if field.is_map() => Some((
                field_type(&entry.map_entry_key_field().kind()),
                field_type(&entry.map_entry_value_field().kind()),
            )),
            _ => None,
        };
        Field {
            name: field.name().to_owned(),
            number: field.number(),
            json_name: field.json_name().to_owned(),
            label,
            field_type: field_type(&field.kind()),
            map,
            oneof: field
                .containing_oneof()
                .filter(|o| !o.is_synthetic())
                .map(|o| o.name().to_owned()),
            default_value: proto.default_value.clone(),
            location: self.info.location(field.path()),
            docs: self.info.docs(field.path()),
            deprecated: deprecated(&proto.options),
        }
    }

    fn enumeration(&self, enumeration: &EnumDescriptor) -> Enum {
        let proto = enumeration.enum_descriptor_proto();
        let error_options = self.enum_option.as_ref().and_then(|ext| {
            let message = extension_message(&enumeration.options(), ext)?;
            Some(EnumErrorOptions {
                default_code: code_field(&message, "default_code"),
            })
        });
        Enum {
            name: enumeration.name().to_owned(),
            full_name: enumeration.full_name().to_owned(),
            location: self.info.location(enumeration.path()),
            docs: self.info.docs(enumeration.path()),
            values: declaration_order(enumeration.values())
                .iter()
                .map(|v| self.enum_value(v))
                .collect(),
            error_options,
            deprecated: deprecated(&proto.options),
        }
    }

    fn enum_value(&self, value: &EnumValueDescriptor) -> EnumValue {
        let proto = value.enum_value_descriptor_proto();
        let error_options = self.value_option.as_ref().and_then(|ext| {
            let message = extension_message(&value.options(), ext)?;
            let msg = message
                .has_field_by_name("msg")
                .then(|| message.get_field_by_name("msg"))
                .flatten()
                .and_then(|v| v.as_str().map(str::to_owned));
            let mut i18n: Vec<(String, String)> = match message.get_field_by_name("i18n").as_deref()
            {
                Some(Value::Map(entries)) => entries
                    .iter()
                    .filter_map(|(key, value)| match (key, value.as_str()) {
                        (MapKey::String(lang), Some(text)) => Some((lang.clone(), text.to_owned())),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            i18n.sort();
            Some(ValueErrorOptions {
                code: code_field(&message, "code"),
                msg,
                i18n,
            })
        });
        EnumValue {
            name: value.name().to_owned(),
            full_name: value.full_name().to_owned(),
            number: value.number(),
            location: self.info.location(value.path()),
            docs: self.info.docs(value.path()),
            error_options,
            deprecated: deprecated(&proto.options),
        }
    }

    fn service(&self, service: &ServiceDescriptor) -> Service {
        let proto = service.service_descriptor_proto();
        Service {
            name: service.name().to_owned(),
            full_name: service.full_name().to_owned(),
            location: self.info.location(service.path()),
            docs: self.info.docs(service.path()),
            methods: service.methods().map(|m| self.method(&m)).collect(),
            deprecated: deprecated(&proto.options),
        }
    }

    fn method(&self, method: &MethodDescriptor) -> Method {
        let proto = method.method_descriptor_proto();
        Method {
            name: method.name().to_owned(),
            full_name: method.full_name().to_owned(),
            input_type: method.input().full_name().to_owned(),
            output_type: method.output().full_name().to_owned(),
            input_package: method.input().parent_file().package_name().to_owned(),
            output_package: method.output().parent_file().package_name().to_owned(),
            input_file: method.input().parent_file().name().to_owned(),
            output_file: method.output().parent_file().name().to_owned(),
            client_streaming: method.is_client_streaming(),
            server_streaming: method.is_server_streaming(),
            location: self.info.location(method.path()),
            docs: self.info.docs(method.path()),
            http: self.http_option.as_ref().map_or_else(Vec::new, |ext| {
                extension_message(&method.options(), ext)
                    .map_or_else(Vec::new, |rule| http_rules(&rule))
            }),
            deprecated: deprecated(&proto.options),
        }
    }

    fn extension(&self, extension: &ExtensionDescriptor) -> Extension {
        let proto = extension.field_descriptor_proto();
        // An extension always has presence, whatever the file's syntax.
        let label = match extension.cardinality() {
            Cardinality::Repeated => Label::Repeated,
            Cardinality::Required => Label::Required,
            Cardinality::Optional => Label::Optional,
        };
        Extension {
            name: extension.name().to_owned(),
            full_name: extension.full_name().to_owned(),
            number: extension.number(),
            extendee: extension.containing_message().full_name().to_owned(),
            label,
            field_type: field_type(&extension.kind()),
            default_value: proto.default_value.clone(),
            location: self.info.location(extension.path()),
            docs: self.info.docs(extension.path()),
            deprecated: deprecated(&proto.options),
        }
    }
}

/// A `google.api.HttpRule` and its `additional_bindings`, flattened.
fn http_rules(rule: &DynamicMessage) -> Vec<HttpRule> {
    let text = |field: &str| {
        rule.get_field_by_name(field)
            .and_then(|v| v.as_str().map(str::to_owned))
            .filter(|s| !s.is_empty())
    };
    let mut rules = Vec::new();
    let pattern = ["get", "put", "post", "delete", "patch"]
        .into_iter()
        .find_map(|method| Some((method.to_ascii_uppercase(), text(method)?)))
        .or_else(|| match rule.get_field_by_name("custom").as_deref() {
            Some(Value::Message(custom)) if rule.has_field_by_name("custom") => {
                let part = |field: &str| {
                    custom
                        .get_field_by_name(field)
                        .and_then(|v| v.as_str().map(str::to_owned))
                };
                Some((
                    part("kind").unwrap_or_default(),
                    part("path").unwrap_or_default(),
                ))
            }
            _ => None,
        });
    if let Some((method, path)) = pattern {
        rules.push(HttpRule {
            method,
            path,
            body: text("body"),
            response_body: text("response_body"),
        });
    }
    if let Some(Value::List(bindings)) = rule.get_field_by_name("additional_bindings").as_deref() {
        for binding in bindings {
            if let Value::Message(binding) = binding {
                rules.extend(http_rules(binding));
            }
        }
    }
    rules
}

fn extension_message(
    options: &DynamicMessage,
    extension: &ExtensionDescriptor,
) -> Option<DynamicMessage> {
    if !options.has_extension(extension) {
        return None;
    }
    match options.get_extension(extension).into_owned() {
        Value::Message(message) => Some(message),
        _ => None,
    }
}

/// Reads an enum field of our option messages as a code name.
fn code_field(message: &DynamicMessage, field: &str) -> Option<String> {
    if !message.has_field_by_name(field) {
        return None;
    }
    let number = message.get_field_by_name(field)?.as_enum_number()?;
    Some(
        match usize::try_from(number)
            .ok()
            .and_then(|i| grpc_errors::Code::ALL.get(i))
        {
            Some(code) => code.name().to_owned(),
            None => format!("code number {number}"),
        },
    )
}

fn field_type(kind: &Kind) -> FieldType {
    match kind {
        Kind::Double => FieldType::Scalar("double"),
        Kind::Float => FieldType::Scalar("float"),
        Kind::Int32 => FieldType::Scalar("int32"),
        Kind::Int64 => FieldType::Scalar("int64"),
        Kind::Uint32 => FieldType::Scalar("uint32"),
        Kind::Uint64 => FieldType::Scalar("uint64"),
        Kind::Sint32 => FieldType::Scalar("sint32"),
        Kind::Sint64 => FieldType::Scalar("sint64"),
        Kind::Fixed32 => FieldType::Scalar("fixed32"),
        Kind::Fixed64 => FieldType::Scalar("fixed64"),
        Kind::Sfixed32 => FieldType::Scalar("sfixed32"),
        Kind::Sfixed64 => FieldType::Scalar("sfixed64"),
        Kind::Bool => FieldType::Scalar("bool"),
        Kind::String => FieldType::Scalar("string"),
        Kind::Bytes => FieldType::Scalar("bytes"),
        Kind::Message(message) => FieldType::Message(message.full_name().to_owned()),
        Kind::Enum(enumeration) => FieldType::Enum(enumeration.full_name().to_owned()),
    }
}

/// The `deprecated` option every kind of descriptor has.
trait DeprecatedOption {
    fn deprecated(&self) -> Option<bool>;
}

macro_rules! deprecated_option {
    ($($options:ty),* $(,)?) => {$(
        impl DeprecatedOption for $options {
            fn deprecated(&self) -> Option<bool> {
                self.deprecated
            }
        }
    )*};
}

deprecated_option!(
    prost_types::FileOptions,
    prost_types::MessageOptions,
    prost_types::FieldOptions,
    prost_types::EnumOptions,
    prost_types::EnumValueOptions,
    prost_types::ServiceOptions,
    prost_types::MethodOptions,
);

/// Whether `options` say `deprecated = true`.
fn deprecated(options: &Option<impl DeprecatedOption>) -> bool {
    options
        .as_ref()
        .and_then(DeprecatedOption::deprecated)
        .unwrap_or(false)
}

fn file_options(options: Option<&prost_types::FileOptions>) -> FileOptions {
    let Some(options) = options else {
        return FileOptions::default();
    };
    FileOptions {
        go_package: options.go_package.clone(),
        java_package: options.java_package.clone(),
        java_outer_classname: options.java_outer_classname.clone(),
        java_multiple_files: options.java_multiple_files.unwrap_or(false),
        csharp_namespace: options.csharp_namespace.clone(),
        php_namespace: options.php_namespace.clone(),
        php_class_prefix: options.php_class_prefix.clone(),
        php_metadata_namespace: options.php_metadata_namespace.clone(),
        ruby_package: options.ruby_package.clone(),
        objc_class_prefix: options.objc_class_prefix.clone(),
    }
}

/// prost-reflect lists enum values by number; the model keeps the order
/// they are declared in (the last element of a value's path is its index).
fn declaration_order(
    values: impl Iterator<Item = EnumValueDescriptor>,
) -> Vec<EnumValueDescriptor> {
    let mut values: Vec<EnumValueDescriptor> = values.collect();
    values.sort_by_key(|v| v.path().last().copied());
    values
}
