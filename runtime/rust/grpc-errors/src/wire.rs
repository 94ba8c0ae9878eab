//! The wire contract: `grpc-status-details-bin` holds a serialized
//! `google.rpc.Status` whose details carry one `google.rpc.ErrorInfo` and,
//! when the caller asked for a language the proto translates to, one
//! `google.rpc.LocalizedMessage`.
//!
//! The messages are declared here with prost's derive instead of taken
//! from tonic-types so the runtime has no tonic dependency when the `tonic`
//! feature is off; tests check the bytes against tonic-types.

use std::collections::BTreeMap;

use prost::Message;

use crate::locale::LocalizedMessage;
use crate::{Code, Error};

/// Type URL of `google.rpc.ErrorInfo` inside `google.protobuf.Any`.
pub const ERROR_INFO_TYPE_URL: &str = "type.googleapis.com/google.rpc.ErrorInfo";

/// Type URL of `google.rpc.LocalizedMessage` inside `google.protobuf.Any`.
pub const LOCALIZED_MESSAGE_TYPE_URL: &str = "type.googleapis.com/google.rpc.LocalizedMessage";

#[derive(Clone, PartialEq, Message)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
    #[prost(message, repeated, tag = "3")]
    details: Vec<Any>,
}

#[derive(Clone, PartialEq, Message)]
struct Any {
    #[prost(string, tag = "1")]
    type_url: String,
    #[prost(bytes = "vec", tag = "2")]
    value: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
struct RpcLocalizedMessage {
    #[prost(string, tag = "1")]
    locale: String,
    #[prost(string, tag = "2")]
    message: String,
}

#[derive(Clone, PartialEq, Message)]
struct ErrorInfo {
    #[prost(string, tag = "1")]
    reason: String,
    #[prost(string, tag = "2")]
    domain: String,
    #[prost(btree_map = "string, string", tag = "3")]
    metadata: BTreeMap<String, String>,
}

/// Serializes `error` as the `google.rpc.Status` that goes into `grpc-status-details-bin`.
///
/// An error without a reason carries no ErrorInfo: there is nothing to identify.
/// A localized message, when the error has one, follows as a second detail.
pub fn encode_status_details(error: &Error) -> Vec<u8> {
    let mut details = Vec::new();
    if !error.reason().is_empty() {
        let info = ErrorInfo {
            reason: error.reason().to_owned(),
            domain: error.domain().to_owned(),
            metadata: error.metadata().clone(),
        };
        details.push(Any {
            type_url: ERROR_INFO_TYPE_URL.to_owned(),
            value: info.encode_to_vec(),
        });
    }
    if let Some(localized) = error.localized() {
        let localized = RpcLocalizedMessage {
            locale: localized.locale,
            message: localized.message,
        };
        details.push(Any {
            type_url: LOCALIZED_MESSAGE_TYPE_URL.to_owned(),
            value: localized.encode_to_vec(),
        });
    }
    RpcStatus {
        code: error.code() as i32,
        message: error.message().to_owned(),
        details,
    }
    .encode_to_vec()
}

/// Rebuilds an error from a status code, message and the raw details bytes.
///
/// Empty details, or details without ErrorInfo, give the wire code with an
/// empty reason; undecodable details give `UNKNOWN`. A LocalizedMessage detail
/// is kept when present; one that does not decode is dropped, since the
/// error's identity does not depend on it. Decoding is bounded by the input:
/// prost checks every length prefix against the bytes actually present
/// before allocating.
pub fn decode_status(code: Code, message: &str, details: &[u8]) -> Error {
    let unknown = || {
        Error::from_wire(
            Code::Unknown,
            message.to_owned(),
            String::new(),
            String::new(),
            BTreeMap::new(),
            None,
        )
    };
    let Ok(status) = RpcStatus::decode(details) else {
        return unknown();
    };
    let detail = |type_url: &str| {
        status
            .details
            .iter()
            .find(|any| any.type_url == type_url)
            .map(|any| any.value.as_slice())
    };
    let info = match detail(ERROR_INFO_TYPE_URL).map(ErrorInfo::decode) {
        None => ErrorInfo::default(),
        Some(Ok(info)) => info,
        Some(Err(_)) => return unknown(),
    };
    let localized = detail(LOCALIZED_MESSAGE_TYPE_URL)
        .and_then(|bytes| RpcLocalizedMessage::decode(bytes).ok())
        .map(|localized| LocalizedMessage {
            locale: localized.locale,
            message: localized.message,
        });
    Error::from_wire(
        code,
        message.to_owned(),
        info.reason,
        info.domain,
        info.metadata,
        localized,
    )
}
