//! The wire contract: `grpc-status-details-bin` holds a serialized
//! `google.rpc.Status` whose details carry one `google.rpc.ErrorInfo`, when
//! the caller asked for a language the proto translates to one
//! `google.rpc.LocalizedMessage`, and then whatever other details the error
//! carries (RetryInfo, BadRequest, ... as a peer sent them).
//!
//! Both directions are written by hand over the bytes (`wire_reader`)
//! rather than through prost messages: decoding borrows from the input and
//! allocates only what the decoded [`Error`] keeps, and encoding writes each
//! string once into a buffer of the exact size. Tests check the bytes
//! against tonic-types, and the fuzz target `status_details` against
//! hostile input.

use std::collections::BTreeMap;

use prost::encoding::{encode_varint, encoded_len_varint};

use crate::locale::LocalizedMessage;
use crate::{Code, Error};

use crate::wire_reader::{Fields, Malformed, Value};

/// Type URL of `google.rpc.ErrorInfo` inside `google.protobuf.Any`.
pub const ERROR_INFO_TYPE_URL: &str = "type.googleapis.com/google.rpc.ErrorInfo";

/// Type URL of `google.rpc.LocalizedMessage` inside `google.protobuf.Any`.
pub const LOCALIZED_MESSAGE_TYPE_URL: &str = "type.googleapis.com/google.rpc.LocalizedMessage";

const ERROR_INFO: &str = "google.rpc.ErrorInfo";
const LOCALIZED_MESSAGE: &str = "google.rpc.LocalizedMessage";

/// The message type a type URL names: what follows its last `/`, as grpc-go
/// and tonic-types match it (`type.googleapis.com/google.rpc.ErrorInfo` and
/// `example.com/x/google.rpc.ErrorInfo` both name `google.rpc.ErrorInfo`).
pub fn type_name(type_url: &str) -> &str {
    type_url.rsplit('/').next().unwrap_or(type_url)
}

// Field numbers of google.rpc.Status, google.protobuf.Any, google.rpc.ErrorInfo
// (with its map entries) and google.rpc.LocalizedMessage.
const STATUS_CODE: u32 = 1;
const STATUS_MESSAGE: u32 = 2;
const STATUS_DETAILS: u32 = 3;
const ANY_TYPE_URL: u32 = 1;
const ANY_VALUE: u32 = 2;
const INFO_REASON: u32 = 1;
const INFO_DOMAIN: u32 = 2;
const INFO_METADATA: u32 = 3;
const ENTRY_KEY: u32 = 1;
const ENTRY_VALUE: u32 = 2;
const LOCALIZED_LOCALE: u32 = 1;
const LOCALIZED_MESSAGE_TEXT: u32 = 2;

/// The details of a status other than its ErrorInfo and LocalizedMessage,
/// kept as the peer sent them: the encoded `google.rpc.Status.details`
/// fields, verbatim. Holding the bytes instead of decoded messages keeps
/// every detail (standard or not), costs no more memory than the input, and
/// sends them on unchanged when the error is encoded again.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct KeptDetails(Vec<u8>);

impl KeptDetails {
    pub(crate) fn iter(&self) -> impl Iterator<Item = Detail<'_>> {
        // Only complete, valid Any fields are ever appended, so this reads them all.
        Fields::new(&self.0).map_while(|field| match field {
            Ok((STATUS_DETAILS, Value::Bytes(any))) => decode_any(any).ok(),
            _ => None,
        })
    }

    /// Appends an Any as it was encoded in the peer's Status.
    fn push_encoded(&mut self, any: &[u8]) {
        self.0.reserve(field_len(STATUS_DETAILS, any.len()));
        put_key(STATUS_DETAILS, &mut self.0);
        encode_varint(any.len() as u64, &mut self.0);
        self.0.extend_from_slice(any);
    }

    pub(crate) fn push(&mut self, type_url: &str, value: &[u8]) {
        let any_len = any_encoded_len(type_url, value);
        self.0.reserve(field_len(STATUS_DETAILS, any_len));
        put_key(STATUS_DETAILS, &mut self.0);
        encode_varint(any_len as u64, &mut self.0);
        put_any(type_url, value, &mut self.0);
    }

    /// Drops the details whose type is `name`.
    pub(crate) fn remove(&mut self, name: &str) {
        let mut kept = KeptDetails::default();
        for detail in self.iter().filter(|detail| detail.type_name() != name) {
            kept.push(detail.type_url, detail.value);
        }
        *self = kept;
    }
}

/// One `google.protobuf.Any` in the details of a status, borrowed from the
/// error that carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detail<'a> {
    type_url: &'a str,
    value: &'a [u8],
}

impl<'a> Detail<'a> {
    /// The type URL as sent, e.g. `type.googleapis.com/google.rpc.RetryInfo`.
    pub fn type_url(&self) -> &'a str {
        self.type_url
    }

    /// The message type: the type URL after its last `/`, e.g. `google.rpc.RetryInfo`.
    pub fn type_name(&self) -> &'a str {
        type_name(self.type_url)
    }

    /// The serialized message.
    pub fn value(&self) -> &'a [u8] {
        self.value
    }
}

/// Serializes `error` as the `google.rpc.Status` that goes into `grpc-status-details-bin`.
///
/// An error without a reason carries no ErrorInfo: there is nothing to identify.
/// A localized message, when the error has one, follows, then every other
/// detail the error carries, in the order received or added.
pub fn encode_status_details(error: &Error) -> Vec<u8> {
    let info = (!error.reason().is_empty()).then(|| ErrorInfoFields {
        reason: error.reason(),
        domain: error.domain(),
        metadata: error.metadata(),
    });
    let localized = error.localized();
    let code = error.code() as i32 as u64;
    let message = error.message();
    let kept = error.kept_details();

    let info_len = info.as_ref().map(ErrorInfoFields::encoded_len);
    let localized_len = localized.as_ref().map(|l| {
        string_len(LOCALIZED_LOCALE, &l.locale) + string_len(LOCALIZED_MESSAGE_TEXT, &l.message)
    });
    let info_any_len = info_len.map(|len| any_len(ERROR_INFO_TYPE_URL, len));
    let localized_any_len = localized_len.map(|len| any_len(LOCALIZED_MESSAGE_TYPE_URL, len));
    let total = if code == 0 {
        0
    } else {
        1 + encoded_len_varint(code)
    } + string_len(STATUS_MESSAGE, message)
        + info_any_len.map_or(0, |len| field_len(STATUS_DETAILS, len))
        + localized_any_len.map_or(0, |len| field_len(STATUS_DETAILS, len))
        + kept.0.len();

    let mut out = Vec::with_capacity(total);
    if code != 0 {
        put_varint_field(STATUS_CODE, code, &mut out);
    }
    put_string(STATUS_MESSAGE, message, &mut out);
    if let (Some(info), Some(info_len), Some(any_len)) = (&info, info_len, info_any_len) {
        put_key(STATUS_DETAILS, &mut out);
        encode_varint(any_len as u64, &mut out);
        put_string(ANY_TYPE_URL, ERROR_INFO_TYPE_URL, &mut out);
        put_key(ANY_VALUE, &mut out);
        encode_varint(info_len as u64, &mut out);
        info.put(&mut out);
    }
    if let (Some(localized), Some(len), Some(any_len)) =
        (&localized, localized_len, localized_any_len)
    {
        put_key(STATUS_DETAILS, &mut out);
        encode_varint(any_len as u64, &mut out);
        put_string(ANY_TYPE_URL, LOCALIZED_MESSAGE_TYPE_URL, &mut out);
        // An empty LocalizedMessage is an empty `value`, which proto3 omits
        // (and `any_len` does not count).
        if len != 0 {
            put_key(ANY_VALUE, &mut out);
            encode_varint(len as u64, &mut out);
        }
        put_string(LOCALIZED_LOCALE, &localized.locale, &mut out);
        put_string(LOCALIZED_MESSAGE_TEXT, &localized.message, &mut out);
    }
    out.extend_from_slice(&kept.0);
    debug_assert_eq!(out.len(), total);
    out
}

/// Rebuilds an error from a status code, message and the raw details bytes,
/// following the receiver rules of the wire contract:
///
/// - The code and message are always the ones given (`grpc-status`,
///   `grpc-message`): details never change them, however malformed. Only a
///   registered reason does, by giving its registered code.
/// - Details are recognised by the type name after the last `/` of their
///   type URL. The first ErrorInfo that decodes gives the identity; one that
///   does not decode is skipped and the next one read. The same holds for
///   LocalizedMessage. Further ErrorInfo and LocalizedMessage details are
///   dropped; every other detail is kept, bytes as sent, and sent again when
///   the error is encoded.
/// - Bytes that are not a `google.rpc.Status` (broken framing, invalid
///   UTF-8 in a string, a broken Any) give no details at all, as grpc-go,
///   protobuf-python and protobuf-es, which decode a Status whole, do.
///
/// Nothing panics, and allocation is bounded by the input: length prefixes
/// are checked against the bytes present before anything is read, strings
/// are borrowed until the error keeps them, and kept details are copied
/// once. A registered reason allocates neither reason nor domain.
pub fn decode_status(code: Code, message: &str, details: &[u8]) -> Error {
    decode_status_owned(code, message.to_owned(), details)
}

pub(crate) fn decode_status_owned(code: Code, message: String, details: &[u8]) -> Error {
    match decode_details(details) {
        Ok(Details {
            info,
            localized,
            kept,
        }) => {
            let localized = localized.map(|(locale, message)| LocalizedMessage {
                locale: locale.to_owned(),
                message: message.to_owned(),
            });
            Error::from_wire(code, message, info, localized, kept)
        }
        Err(Malformed) => Error::from_wire(code, message, None, None, KeptDetails::default()),
    }
}

/// What a Status's details hold, strings borrowed from the input.
struct Details<'a> {
    info: Option<ErrorInfoView<'a>>,
    localized: Option<(&'a str, &'a str)>,
    kept: KeptDetails,
}

/// One pass over a Status: every Any is decoded once, the first ErrorInfo
/// and LocalizedMessage that decode are read, other details copied as they
/// are. Malformed bytes anywhere in the Status lose all of it.
fn decode_details(bytes: &[u8]) -> Result<Details<'_>, Malformed> {
    let mut details = Details {
        info: None,
        localized: None,
        kept: KeptDetails::default(),
    };
    for field in Fields::new(bytes) {
        match field? {
            (STATUS_MESSAGE, Value::Bytes(message)) => {
                utf8(message)?;
            }
            (STATUS_DETAILS, Value::Bytes(any)) => {
                let detail = decode_any(any)?;
                match detail.type_name() {
                    ERROR_INFO => {
                        if details.info.is_none() {
                            details.info = ErrorInfoView::decode(detail.value).ok();
                        }
                    }
                    LOCALIZED_MESSAGE => {
                        if details.localized.is_none() {
                            details.localized = decode_localized(detail.value).ok();
                        }
                    }
                    _ => details.kept.push_encoded(any),
                }
            }
            _ => {}
        }
    }
    Ok(details)
}

/// An ErrorInfo that decoded; reason and domain borrowed from the input, so
/// a registered reason is never copied.
pub(crate) struct ErrorInfoView<'a> {
    pub(crate) reason: &'a str,
    pub(crate) domain: &'a str,
    /// A key given twice keeps its last value, as protobuf maps do.
    pub(crate) metadata: BTreeMap<String, String>,
}

impl<'a> ErrorInfoView<'a> {
    fn decode(bytes: &'a [u8]) -> Result<Self, Malformed> {
        let mut info = ErrorInfoView {
            reason: "",
            domain: "",
            metadata: BTreeMap::new(),
        };
        for field in Fields::new(bytes) {
            match field? {
                (INFO_REASON, Value::Bytes(reason)) => info.reason = utf8(reason)?,
                (INFO_DOMAIN, Value::Bytes(domain)) => info.domain = utf8(domain)?,
                (INFO_METADATA, Value::Bytes(entry)) => {
                    let (key, value) = decode_entry(entry)?;
                    info.metadata.insert(key.to_owned(), value.to_owned());
                }
                _ => {}
            }
        }
        Ok(info)
    }
}

fn decode_entry(entry: &[u8]) -> Result<(&str, &str), Malformed> {
    let (mut key, mut value) = ("", "");
    for field in Fields::new(entry) {
        match field? {
            (ENTRY_KEY, Value::Bytes(bytes)) => key = utf8(bytes)?,
            (ENTRY_VALUE, Value::Bytes(bytes)) => value = utf8(bytes)?,
            _ => {}
        }
    }
    Ok((key, value))
}

fn decode_localized(bytes: &[u8]) -> Result<(&str, &str), Malformed> {
    let (mut locale, mut message) = ("", "");
    for field in Fields::new(bytes) {
        match field? {
            (LOCALIZED_LOCALE, Value::Bytes(bytes)) => locale = utf8(bytes)?,
            (LOCALIZED_MESSAGE_TEXT, Value::Bytes(bytes)) => message = utf8(bytes)?,
            _ => {}
        }
    }
    Ok((locale, message))
}

fn decode_any(bytes: &[u8]) -> Result<Detail<'_>, Malformed> {
    let mut detail = Detail {
        type_url: "",
        value: &[],
    };
    for field in Fields::new(bytes) {
        match field? {
            (ANY_TYPE_URL, Value::Bytes(type_url)) => detail.type_url = utf8(type_url)?,
            (ANY_VALUE, Value::Bytes(value)) => detail.value = value,
            _ => {}
        }
    }
    Ok(detail)
}

fn utf8(bytes: &[u8]) -> Result<&str, Malformed> {
    std::str::from_utf8(bytes).map_err(|_| Malformed)
}

struct ErrorInfoFields<'a> {
    reason: &'a str,
    domain: &'a str,
    metadata: &'a BTreeMap<String, String>,
}

impl ErrorInfoFields<'_> {
    fn encoded_len(&self) -> usize {
        string_len(INFO_REASON, self.reason)
            + string_len(INFO_DOMAIN, self.domain)
            + self
                .metadata
                .iter()
                .map(|(key, value)| field_len(INFO_METADATA, entry_len(key, value)))
                .sum::<usize>()
    }

    fn put(&self, out: &mut Vec<u8>) {
        put_string(INFO_REASON, self.reason, out);
        put_string(INFO_DOMAIN, self.domain, out);
        for (key, value) in self.metadata {
            put_key(INFO_METADATA, out);
            encode_varint(entry_len(key, value) as u64, out);
            put_string(ENTRY_KEY, key, out);
            put_string(ENTRY_VALUE, value, out);
        }
    }
}

// Encoding helpers. Every field number here is below 16, so a key is one
// byte; proto3 leaves empty strings out, and so does prost in map entries.

fn entry_len(key: &str, value: &str) -> usize {
    string_len(ENTRY_KEY, key) + string_len(ENTRY_VALUE, value)
}

fn any_len(type_url: &str, value_len: usize) -> usize {
    string_len(ANY_TYPE_URL, type_url)
        + if value_len == 0 {
            0
        } else {
            field_len(ANY_VALUE, value_len)
        }
}

fn any_encoded_len(type_url: &str, value: &[u8]) -> usize {
    any_len(type_url, value.len())
}

fn put_any(type_url: &str, value: &[u8], out: &mut Vec<u8>) {
    put_string(ANY_TYPE_URL, type_url, out);
    if !value.is_empty() {
        put_key(ANY_VALUE, out);
        encode_varint(value.len() as u64, out);
        out.extend_from_slice(value);
    }
}

/// Length of a length-delimited field holding `len` bytes.
fn field_len(_tag: u32, len: usize) -> usize {
    1 + encoded_len_varint(len as u64) + len
}

fn string_len(tag: u32, text: &str) -> usize {
    if text.is_empty() {
        0
    } else {
        field_len(tag, text.len())
    }
}

fn put_key(tag: u32, out: &mut Vec<u8>) {
    // Wire type 2, length-delimited.
    out.push((tag << 3 | 2) as u8);
}

fn put_varint_field(tag: u32, value: u64, out: &mut Vec<u8>) {
    out.push((tag << 3) as u8);
    encode_varint(value, out);
}

fn put_string(tag: u32, text: &str, out: &mut Vec<u8>) {
    if !text.is_empty() {
        put_key(tag, out);
        encode_varint(text.len() as u64, out);
        out.extend_from_slice(text.as_bytes());
    }
}
