//! Options declared `retention = RETENTION_SOURCE`, which buf and protoc
//! leave out of the `proto_file` copies of the files to generate (plugins
//! find them in `source_file_descriptors`).
//!
//! [`SourceRetention`] finds those option fields once per descriptor set and
//! rewrites a file descriptor without them, walking the descriptor messages
//! that can hold options ([`Descriptor`]) on the raw bytes: everything else
//! in the file stays byte for byte as the compiler wrote it.

use std::collections::{HashMap, HashSet};

use super::request::SetFiles;
use super::wire::{FieldValue, FieldView, MessageView, for_each_field_raw, put_bytes};

/// The option fields declared `retention = RETENTION_SOURCE`, which buf and
/// protoc leave out of `proto_file` for the files to generate (they stay in
/// `source_file_descriptors`).
pub(super) struct SourceRetention {
    /// Per options message (`google.protobuf.FieldOptions`, ...): the numbers
    /// of its source-retention fields and extensions.
    source_only: HashMap<String, HashSet<i32>>,
}

impl SourceRetention {
    pub(super) fn new(files: &SetFiles<'_>) -> SourceRetention {
        const RETENTION_SOURCE: i32 = 2;
        let mut source_only: HashMap<String, HashSet<i32>> = HashMap::new();
        let mut note = |owner: &str, field: &FieldView| {
            let owner = match &field.extendee {
                Some(extendee) => extendee.trim_start_matches('.').to_owned(),
                None => owner.to_owned(),
            };
            let number = field.number.unwrap_or_default();
            if field
                .options
                .as_ref()
                .is_some_and(|o| o.retention == Some(RETENTION_SOURCE))
            {
                source_only.entry(owner).or_default().insert(number);
            }
        };
        fn walk(prefix: &str, message: &MessageView, note: &mut impl FnMut(&str, &FieldView)) {
            let name = format!("{prefix}{}", message.name.as_deref().unwrap_or_default());
            for field in message.field.iter().chain(&message.extension) {
                note(&name, field);
            }
            for nested in &message.nested_type {
                walk(&format!("{name}."), nested, note);
            }
        }
        for file in &files.files {
            let prefix = match file.view.package.as_deref().unwrap_or_default() {
                "" => String::new(),
                package => format!("{package}."),
            };
            for field in &file.view.extension {
                note("", field);
            }
            for message in &file.view.message_type {
                walk(&prefix, message, &mut note);
            }
        }
        SourceRetention { source_only }
    }

    /// The file without source-retention options, or `None` when it has
    /// none (the bytes are then sent unchanged, as buf does).
    pub(super) fn strip_file(&self, file: &[u8]) -> Option<Vec<u8>> {
        if self.source_only.is_empty() {
            return None;
        }
        let stripped = self.strip(file, Descriptor::File).ok()?;
        (stripped != file).then_some(stripped)
    }

    /// Rewrites a descriptor message, stripping the options inside it.
    fn strip(&self, message: &[u8], kind: Descriptor) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(message.len());
        for_each_field_raw(message, |tag, value, raw| {
            match (value, kind.child(tag)) {
                (FieldValue::Bytes(bytes), Some(Child::Descriptor(child))) => {
                    put_bytes(&mut out, tag, &self.strip(bytes, child)?);
                }
                (FieldValue::Bytes(bytes), Some(Child::Options(options))) => {
                    // An options message left empty is still sent (present, empty).
                    put_bytes(&mut out, tag, &self.strip_options(bytes, options)?);
                }
                _ => out.extend_from_slice(raw),
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Drops the source-retention fields of an options message. Like buf
    /// 1.75, only the options' own fields: a source-retention field inside
    /// a message-typed option value is kept.
    fn strip_options(&self, message: &[u8], type_name: &str) -> Result<Vec<u8>, String> {
        let Some(drop) = self.source_only.get(type_name) else {
            return Ok(message.to_vec());
        };
        let mut out = Vec::with_capacity(message.len());
        for_each_field_raw(message, |tag, _, raw| {
            if !i32::try_from(tag).is_ok_and(|number| drop.contains(&number)) {
                out.extend_from_slice(raw);
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// The descriptor messages that can hold options, for the walk.
#[derive(Clone, Copy, Debug)]
pub(super) enum Descriptor {
    File,
    Message,
    Field,
    Oneof,
    Enum,
    EnumValue,
    Service,
    Method,
    ExtensionRange,
}

pub(super) enum Child {
    Descriptor(Descriptor),
    /// The full name of an options message.
    Options(&'static str),
}

impl Descriptor {
    /// What field `tag` of this descriptor holds, when it can hold options.
    pub(super) fn child(self, tag: u32) -> Option<Child> {
        use Descriptor::*;
        let descriptor = match (self, tag) {
            (File, 4) | (Message, 3) => Message,
            (File, 5) | (Message, 4) => Enum,
            (File, 6) => Service,
            (File, 7) | (Message, 2 | 6) => Field,
            (Message, 5) => ExtensionRange,
            (Message, 8) => Oneof,
            (Enum, 2) => EnumValue,
            (Service, 2) => Method,
            _ => {
                let options = match (self, tag) {
                    (File, 8) => "google.protobuf.FileOptions",
                    (Message, 7) => "google.protobuf.MessageOptions",
                    (Field, 8) => "google.protobuf.FieldOptions",
                    (Oneof, 2) => "google.protobuf.OneofOptions",
                    (Enum, 3) => "google.protobuf.EnumOptions",
                    (EnumValue, 3) => "google.protobuf.EnumValueOptions",
                    (Service, 3) => "google.protobuf.ServiceOptions",
                    (Method, 4) => "google.protobuf.MethodOptions",
                    (ExtensionRange, 3) => "google.protobuf.ExtensionRangeOptions",
                    _ => return None,
                };
                return Some(Child::Options(options));
            }
        };
        Some(Child::Descriptor(descriptor))
    }
}
