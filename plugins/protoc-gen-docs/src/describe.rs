//! From the core model to the documentation of one proto file: what is shown,
//! in which order, with comments reduced to their prose. Anchors and links
//! are left empty here; [`crate::site`] fills them once it knows the pages.

use std::collections::HashMap;

use protosmith_core::catalog::{Catalog, ErrorEnum, ErrorValue};
use protosmith_core::model::{
    Docs, Enum, Extension, Field, FieldType, File, Label, Message, Method, Service,
};

use crate::options::Sort;
use crate::page::*;

/// `@exclude` in an element's comment leaves the element out of the docs, with
/// everything inside it (a message's fields and nested types, say). As in
/// protoc-gen-doc, the line may go on with a note (`@exclude internal only`),
/// which the annotation parser keeps as prose.
pub fn is_excluded(docs: &Docs) -> bool {
    let excludes = |prose: &str| {
        prose.lines().map(str::trim).any(|line| {
            line.strip_prefix("@exclude")
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        })
    };
    docs.annotation("exclude").is_some()
        || excludes(&docs.leading.prose)
        || excludes(&docs.trailing.prose)
}

/// The error enums and values of a catalog, by full name.
#[derive(Debug, Default)]
pub struct ErrorIndex<'a> {
    enums: HashMap<&'a str, &'a ErrorEnum>,
    values: HashMap<&'a str, &'a ErrorValue>,
}

impl<'a> ErrorIndex<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        ErrorIndex {
            enums: catalog
                .enums
                .iter()
                .map(|e| (e.full_name.as_str(), e))
                .collect(),
            values: catalog
                .enums
                .iter()
                .flat_map(|e| &e.values)
                .map(|v| (v.full_name.as_str(), v))
                .collect(),
        }
    }
}

/// Describes one file.
pub fn file(file: &File, errors: &ErrorIndex, sort: Sort) -> FileDoc {
    let describer = Describer {
        package: &file.package,
        errors,
    };
    let mut messages = Vec::new();
    let mut enums: Vec<EnumDoc> = file
        .enums
        .iter()
        .filter(|e| !is_excluded(&e.docs))
        .map(|e| describer.enumeration(e))
        .collect();
    let mut extensions: Vec<ExtensionDoc> = file
        .extensions
        .iter()
        .filter(|e| !is_excluded(&e.docs))
        .map(|e| describer.extension(e))
        .collect();
    for message in file.messages.iter().filter(|m| !is_excluded(&m.docs)) {
        describer.message(message, &mut messages, &mut enums, &mut extensions);
    }
    let mut services: Vec<ServiceDoc> = file
        .services
        .iter()
        .filter(|s| !is_excluded(&s.docs))
        .map(|s| describer.service(s, sort))
        .collect();
    if sort == Sort::Name {
        services.sort_by(|a, b| a.name.cmp(&b.name));
        messages.sort_by(|a, b| a.name.cmp(&b.name));
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        extensions.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    }
    FileDoc {
        name: file.name.clone(),
        package: file.package.clone(),
        anchor: String::new(),
        description: file.docs.prose().to_owned(),
        deprecated: file.deprecated,
        services,
        messages,
        enums,
        extensions,
    }
}

struct Describer<'a> {
    package: &'a str,
    errors: &'a ErrorIndex<'a>,
}

impl Describer<'_> {
    fn service(&self, service: &Service, sort: Sort) -> ServiceDoc {
        let mut methods: Vec<MethodDoc> = service
            .methods
            .iter()
            .filter(|m| !is_excluded(&m.docs))
            .map(|m| self.method(m))
            .collect();
        if sort == Sort::Name {
            methods.sort_by(|a, b| a.name.cmp(&b.name));
        }
        ServiceDoc {
            name: service.name.clone(),
            full_name: service.full_name.clone(),
            anchor: String::new(),
            line: service.location.line,
            description: service.docs.prose().to_owned(),
            deprecated: service.deprecated,
            methods,
        }
    }

    fn method(&self, method: &Method) -> MethodDoc {
        let streaming = match (method.client_streaming, method.server_streaming) {
            (false, false) => Streaming::Unary,
            (false, true) => Streaming::Server,
            (true, false) => Streaming::Client,
            (true, true) => Streaming::Bidi,
        };
        MethodDoc {
            name: method.name.clone(),
            full_name: method.full_name.clone(),
            anchor: String::new(),
            line: method.location.line,
            description: method.docs.prose().to_owned(),
            deprecated: method.deprecated,
            request: self.type_ref(&FieldType::Message(method.input_type.clone())),
            response: self.type_ref(&FieldType::Message(method.output_type.clone())),
            client_streaming: method.client_streaming,
            server_streaming: method.server_streaming,
            streaming,
            http: method
                .http
                .iter()
                .map(|rule| HttpBinding {
                    method: rule.method.clone(),
                    path: rule.path.clone(),
                    body: rule.body.clone(),
                    response_body: rule.response_body.clone(),
                })
                .collect(),
        }
    }

    /// Adds `message` and, after it, what is nested in it.
    fn message(
        &self,
        message: &Message,
        messages: &mut Vec<MessageDoc>,
        enums: &mut Vec<EnumDoc>,
        extensions: &mut Vec<ExtensionDoc>,
    ) {
        if message.map_entry {
            return;
        }
        messages.push(MessageDoc {
            name: self.relative(&message.full_name),
            full_name: message.full_name.clone(),
            anchor: String::new(),
            line: message.location.line,
            description: message.docs.prose().to_owned(),
            deprecated: message.deprecated,
            fields: message
                .fields
                .iter()
                .filter(|f| !is_excluded(&f.docs))
                .map(|f| self.field(f))
                .collect(),
        });
        enums.extend(
            message
                .enums
                .iter()
                .filter(|e| !is_excluded(&e.docs))
                .map(|e| self.enumeration(e)),
        );
        extensions.extend(
            message
                .extensions
                .iter()
                .filter(|e| !is_excluded(&e.docs))
                .map(|e| self.extension(e)),
        );
        for nested in message.messages.iter().filter(|m| !is_excluded(&m.docs)) {
            self.message(nested, messages, enums, extensions);
        }
    }

    fn field(&self, field: &Field) -> FieldDoc {
        FieldDoc {
            name: field.name.clone(),
            number: field.number,
            label: label(&field.label),
            field_type: self.type_ref(&field.field_type),
            map: field.map.as_ref().map(|(key, value)| MapTypes {
                key: self.type_ref(key),
                value: self.type_ref(value),
            }),
            oneof: field.oneof.clone(),
            default_value: field.default_value.clone(),
            json_name: field.json_name.clone(),
            line: field.location.line,
            description: field.docs.prose().to_owned(),
            deprecated: field.deprecated,
        }
    }

    fn enumeration(&self, enumeration: &Enum) -> EnumDoc {
        let error_enum = self.errors.enums.get(enumeration.full_name.as_str());
        let values = enumeration
            .values
            .iter()
            .filter(|v| !is_excluded(&v.docs))
            .map(|value| EnumValueDoc {
                name: value.name.clone(),
                full_name: value.full_name.clone(),
                number: value.number,
                line: value.location.line,
                description: value.docs.prose().to_owned(),
                deprecated: value.deprecated,
                error: self
                    .errors
                    .values
                    .get(value.full_name.as_str())
                    .map(|error| error_doc(error)),
            })
            .collect();
        EnumDoc {
            name: self.relative(&enumeration.full_name),
            full_name: enumeration.full_name.clone(),
            anchor: String::new(),
            line: enumeration.location.line,
            description: enumeration.docs.prose().to_owned(),
            deprecated: enumeration.deprecated,
            is_error_enum: error_enum.is_some(),
            default_code: error_enum
                .and_then(|e| e.default_code)
                .map(|code| code.name().to_owned()),
            values,
        }
    }

    fn extension(&self, extension: &Extension) -> ExtensionDoc {
        ExtensionDoc {
            name: extension.name.clone(),
            full_name: extension.full_name.clone(),
            number: extension.number,
            label: label(&extension.label),
            extendee: self.type_ref(&FieldType::Message(extension.extendee.clone())),
            field_type: self.type_ref(&extension.field_type),
            default_value: extension.default_value.clone(),
            line: extension.location.line,
            description: extension.docs.prose().to_owned(),
            deprecated: extension.deprecated,
        }
    }

    fn type_ref(&self, field_type: &FieldType) -> TypeRef {
        let (full_name, kind) = match field_type {
            FieldType::Scalar(name) => ((*name).to_owned(), TypeKind::Scalar),
            FieldType::Message(name) => (name.clone(), TypeKind::Message),
            FieldType::Enum(name) => (name.clone(), TypeKind::Enum),
        };
        let name = if kind == TypeKind::Scalar {
            full_name.clone()
        } else {
            self.relative(&full_name)
        };
        TypeRef {
            name,
            full_name,
            kind,
            link: None,
        }
    }

    /// A full name as seen from this file's package.
    fn relative(&self, full_name: &str) -> String {
        match full_name
            .strip_prefix(self.package)
            .and_then(|rest| rest.strip_prefix('.'))
        {
            Some(relative) if !self.package.is_empty() => relative.to_owned(),
            _ => full_name.to_owned(),
        }
    }
}

pub fn error_doc(error: &ErrorValue) -> ErrorDoc {
    ErrorDoc {
        reason: error.reason.clone(),
        domain: error.domain.clone(),
        code: error.code.name().to_owned(),
        code_number: error.code as i32,
        http_status: error.http_status(),
        message: error.message.text.clone(),
        placeholders: error.message.placeholders.clone(),
        i18n: error
            .i18n
            .iter()
            .map(|(lang, template)| Translation {
                lang: lang.clone(),
                message: template.text.clone(),
            })
            .collect(),
    }
}

fn label(label: &Label) -> &'static str {
    match label {
        Label::Singular => "",
        Label::Optional => "optional",
        Label::Required => "required",
        Label::Repeated => "repeated",
    }
}
