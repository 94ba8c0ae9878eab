//! Finding where a serialized file descriptor nests too deep to decode.
//! prost stops at 100 levels of messages (an error, "failed to decode file
//! descriptor set", with no place); protoc accepts option values nested far
//! deeper. When decoding failed, this walks the file's bytes to name the
//! element (message, field, enum value, ...) whose options nest too deep.

use prost::Message;
use prost::bytes::Buf;
use prost::encoding::{WireType, decode_key, decode_varint};

use crate::diagnostic::Location;

/// Levels of messages inside a file descriptor beyond which prost's decoders
/// (whose limit of 100 counts from the descriptor set) may give up.
const DEEPEST_DECODABLE: usize = 97;

/// Where `file` (a serialized `FileDescriptorProto` named `name`) nests too
/// deep, if it does: the declaration holding the deep value when the source
/// info says where it is, else the file alone.
pub fn too_deep(name: &str, file: &[u8]) -> Option<Location> {
    let mut path = Vec::new();
    if !deeper_than(file, DEEPEST_DECODABLE, &mut path) {
        return None;
    }
    let element = element_path(&path);
    let location = prost_types::FileDescriptorProto::decode(file)
        .ok()
        .and_then(|proto| proto.source_code_info)
        .and_then(|info| {
            info.location
                .into_iter()
                .filter(|l| element.starts_with(&l.path))
                .max_by_key(|l| l.path.len())
        })
        .and_then(|l| Some((*l.span.first()?, *l.span.get(1)?)));
    Some(match location {
        Some((line, column)) => Location {
            file: name.to_owned(),
            line: u32::try_from(line).unwrap_or(0) + 1,
            column: u32::try_from(column).unwrap_or(0) + 1,
        },
        None => Location::file_only(name),
    })
}

/// Whether `bytes`, read as a message, holds messages nested more than
/// `levels` deep; `path` receives the (field number, index among the
/// field's repeats) steps to the deepest point. Any length-delimited field
/// that parses as a message counts as one, which can only overestimate the
/// depth of strings that happen to parse; it is asked only of input the
/// decoder already refused.
fn deeper_than(bytes: &[u8], levels: usize, path: &mut Vec<(u32, usize)>) -> bool {
    if levels == 0 {
        return true;
    }
    let Some(fields) = length_delimited_fields(bytes) else {
        return false;
    };
    let mut seen: Vec<(u32, usize)> = Vec::new();
    for (number, payload) in fields {
        let index = match seen.iter_mut().find(|(n, _)| *n == number) {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                seen.push((number, 1));
                0
            }
        };
        path.push((number, index));
        if length_delimited_fields(payload).is_some() && deeper_than(payload, levels - 1, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// The length-delimited fields of `bytes` if it parses as a message (groups
/// are not read: descriptors have none).
fn length_delimited_fields(mut bytes: &[u8]) -> Option<Vec<(u32, &[u8])>> {
    let mut fields = Vec::new();
    while bytes.has_remaining() {
        let (number, wire_type) = decode_key(&mut bytes).ok()?;
        match wire_type {
            WireType::Varint => {
                decode_varint(&mut bytes).ok()?;
            }
            WireType::SixtyFourBit | WireType::ThirtyTwoBit => {
                let size = if wire_type == WireType::SixtyFourBit {
                    8
                } else {
                    4
                };
                if bytes.len() < size {
                    return None;
                }
                bytes = &bytes[size..];
            }
            WireType::LengthDelimited => {
                let len = usize::try_from(decode_varint(&mut bytes).ok()?).ok()?;
                if len > bytes.len() {
                    return None;
                }
                let (payload, rest) = bytes.split_at(len);
                fields.push((number, payload));
                bytes = rest;
            }
            WireType::StartGroup | WireType::EndGroup => return None,
        }
    }
    Some(fields)
}

/// The source-info path of the declaration a byte path runs through: the
/// steps into repeated declarations (messages, fields, enums, values,
/// services, methods, extensions), up to the first step that is not one
/// (an `options` field, say).
fn element_path(path: &[(u32, usize)]) -> Vec<i32> {
    #[derive(Clone, Copy)]
    enum In {
        File,
        Message,
        Enum,
        Service,
        Leaf,
    }
    let mut at = In::File;
    let mut out = Vec::new();
    for &(number, index) in path {
        let next = match (at, number) {
            (In::File, 4) | (In::Message, 3) => In::Message,
            (In::File, 5) | (In::Message, 4) => In::Enum,
            (In::File, 6) => In::Service,
            (In::File, 7) | (In::Message, 2 | 6) | (In::Enum, 2) | (In::Service, 2) => In::Leaf,
            _ => break,
        };
        out.extend([
            i32::try_from(number).unwrap_or(0),
            i32::try_from(index).unwrap_or(0),
        ]);
        at = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::encoding::{encode_key, encode_varint};

    fn wrap(number: u32, payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        encode_key(number, WireType::LengthDelimited, &mut out);
        encode_varint(payload.len() as u64, &mut out);
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn finds_the_declaration_holding_a_deep_option() {
        let mut value = Vec::new();
        for _ in 0..120 {
            value = wrap(1, &value);
        }
        // message_type[1].field[0].options.<extension 50000> = value
        let options = wrap(50000, &value);
        let field = wrap(8, &options);
        let message = wrap(2, &field);
        let mut file = wrap(1, b"deep.proto");
        file.extend(wrap(4, &[]));
        file.extend(wrap(4, &message));
        let mut path = Vec::new();
        assert!(deeper_than(&file, DEEPEST_DECODABLE, &mut path));
        assert_eq!(element_path(&path), [4, 1, 2, 0]);
        assert_eq!(
            too_deep("deep.proto", &file),
            Some(Location::file_only("deep.proto"))
        );
        assert_eq!(too_deep("deep.proto", &wrap(4, &message[..10])), None);
    }
}
