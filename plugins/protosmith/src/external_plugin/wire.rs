//! Protobuf by hand, for the few messages read and written here without
//! decoding them whole: a message walked field by field with the bytes each
//! field spans ([`for_each_field_raw`]), a length-delimited field written
//! ([`put_bytes`]), and views of the descriptor messages that decode only the
//! fields read here.
//!
//! Working on the raw bytes is what keeps a request's descriptors exactly the
//! compiler's: what a view leaves out is never re-encoded.

use prost::Message;
use prost::bytes::Buf;
use prost::encoding::{
    DecodeContext, WireType, decode_key, decode_varint, encode_key, encode_varint, skip_field,
};

// Views of the descriptor messages: only the fields read here. (prost-types
// 0.14's `FieldOptions` predates `retention`, field 17.) What they leave out
// is never re-encoded: requests carry the raw bytes.

#[derive(Clone, PartialEq, Message)]
pub(super) struct FileView {
    #[prost(string, optional, tag = "1")]
    pub(super) name: Option<String>,
    #[prost(string, optional, tag = "2")]
    pub(super) package: Option<String>,
    #[prost(string, repeated, tag = "3")]
    pub(super) dependency: Vec<String>,
    #[prost(message, repeated, tag = "4")]
    pub(super) message_type: Vec<MessageView>,
    #[prost(message, repeated, tag = "7")]
    pub(super) extension: Vec<FieldView>,
}

#[derive(Clone, PartialEq, Message)]
pub(super) struct MessageView {
    #[prost(string, optional, tag = "1")]
    pub(super) name: Option<String>,
    #[prost(message, repeated, tag = "2")]
    pub(super) field: Vec<FieldView>,
    #[prost(message, repeated, tag = "3")]
    pub(super) nested_type: Vec<MessageView>,
    #[prost(message, repeated, tag = "6")]
    pub(super) extension: Vec<FieldView>,
}

#[derive(Clone, PartialEq, Message)]
pub(super) struct FieldView {
    #[prost(string, optional, tag = "2")]
    pub(super) extendee: Option<String>,
    #[prost(int32, optional, tag = "3")]
    pub(super) number: Option<i32>,
    #[prost(message, optional, tag = "8")]
    pub(super) options: Option<FieldOptionsView>,
}

#[derive(Clone, PartialEq, Message)]
pub(super) struct FieldOptionsView {
    #[prost(int32, optional, tag = "17")]
    pub(super) retention: Option<i32>,
}

pub(super) fn put_bytes(out: &mut Vec<u8>, tag: u32, bytes: &[u8]) {
    encode_key(tag, WireType::LengthDelimited, out);
    encode_varint(bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

pub(super) enum FieldValue<'a> {
    Bytes(&'a [u8]),
    Other,
}

/// Calls `visit` with each field of a message and the raw bytes it spans
/// (key included), in order.
pub(super) fn for_each_field_raw<'a>(
    message: &'a [u8],
    mut visit: impl FnMut(u32, FieldValue<'a>, &'a [u8]) -> Result<(), String>,
) -> Result<(), String> {
    let mut rest = message;
    while rest.has_remaining() {
        let start = rest;
        let (tag, wire_type) = decode_key(&mut rest).map_err(|e| e.to_string())?;
        let value = if wire_type == WireType::LengthDelimited {
            let len = usize::try_from(decode_varint(&mut rest).map_err(|e| e.to_string())?)
                .unwrap_or(usize::MAX);
            if len > rest.len() {
                return Err("a field runs past the end of its message".to_owned());
            }
            let (bytes, after) = rest.split_at(len);
            rest = after;
            FieldValue::Bytes(bytes)
        } else {
            skip_field(wire_type, tag, &mut rest, DecodeContext::default())
                .map_err(|e| e.to_string())?;
            FieldValue::Other
        };
        let consumed = start.len() - rest.len();
        visit(tag, value, &start[..consumed])?;
    }
    Ok(())
}

pub(super) fn for_each_field<'a>(
    message: &'a [u8],
    mut visit: impl FnMut(u32, FieldValue<'a>) -> Result<(), String>,
) -> Result<(), String> {
    for_each_field_raw(message, |tag, value, _| visit(tag, value))
}
