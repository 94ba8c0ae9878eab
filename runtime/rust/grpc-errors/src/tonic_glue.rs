//! Conversions between [`Error`] and `tonic::Status`, and between an error's
//! details and tonic-types' `ErrorDetails`.

use prost::Message;
use prost::bytes::Bytes;
use tonic_types::{ErrorDetails, RpcStatusExt, StatusExt};

use crate::{Code, Error, wire};

impl From<Error> for tonic::Status {
    fn from(error: Error) -> Self {
        let details = Bytes::from(wire::encode_status_details(&error));
        let code = error.code().into();
        tonic::Status::with_details(code, error.into_message(), details)
    }
}

impl From<tonic::Status> for Error {
    fn from(status: tonic::Status) -> Self {
        from_status(&status)
    }
}

/// Decodes the error a peer sent, by the receiver rules of
/// [`wire::decode_status`]: a registered reason gives the registered error
/// (its code, the wire message and metadata); an unknown reason keeps the
/// wire code and reason; a status without an ErrorInfo that decodes gives
/// the wire code with an empty reason. Malformed details never change the
/// code or the message. Details other than ErrorInfo and LocalizedMessage
/// are kept and sent again when the error is.
pub fn from_status(status: &tonic::Status) -> Error {
    wire::decode_status(
        Code::from(status.code()),
        status.message(),
        status.details(),
    )
}

/// The metadata key gRPC clients put their languages under.
pub const ACCEPT_LANGUAGE: &str = "accept-language";

impl Error {
    /// [`Error::with_locale`] with the languages of a request: its
    /// `accept-language` metadata, every value of it, in order. A handler
    /// that consumes its request with `into_inner()` keeps
    /// `request.metadata().clone()` for this first.
    #[must_use]
    pub fn with_locale_from(self, metadata: &tonic::metadata::MetadataMap) -> Self {
        let accept_language = metadata
            .get_all(ACCEPT_LANGUAGE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        if accept_language.is_empty() {
            return self;
        }
        self.with_locale(&accept_language)
    }

    /// Everything this error sends, as tonic-types reads it: the ErrorInfo
    /// (reason, domain, metadata), the LocalizedMessage and every standard
    /// detail it carries (RetryInfo, DebugInfo, QuotaFailure,
    /// PreconditionFailure, BadRequest, RequestInfo, ResourceInfo, Help).
    /// Details are recognised by the name after the last `/` of their type
    /// URL; one that does not decode, and non-standard ones, are left out
    /// (they are still in [`Error::details`] and still sent).
    pub fn error_details(&self) -> ErrorDetails {
        let bytes = wire::encode_status_details(self);
        let Ok(status) = tonic_types::pb::Status::decode(bytes.as_slice()) else {
            return ErrorDetails::new();
        };
        // tonic-types matches exact type URLs and gives up on the first
        // detail that does not decode: hand it the standard ones that do,
        // under their canonical URLs.
        let details = status
            .details
            .into_iter()
            .filter_map(|any| {
                let name = wire::type_name(&any.type_url);
                name.starts_with("google.rpc.").then(|| prost_types::Any {
                    type_url: format!("type.googleapis.com/{name}"),
                    value: any.value,
                })
            })
            .filter(|any| {
                let alone = tonic_types::pb::Status {
                    details: vec![any.clone()],
                    ..Default::default()
                };
                alone.check_error_details().is_ok()
            })
            .collect();
        tonic_types::pb::Status {
            details,
            ..Default::default()
        }
        .get_error_details()
    }

    /// A copy carrying the details of `details`: each standard detail
    /// replaces one of the same type this error carries; a LocalizedMessage
    /// becomes the error's localized message (as with
    /// [`Error::with_localized_message`]); an ErrorInfo's metadata is added to
    /// the error's metadata, while its reason and domain are not taken: the
    /// identity of an error is its definition's (use [`Error::from_error_details`]
    /// to build an error from a whole `ErrorDetails`).
    #[must_use]
    pub fn with_error_details(mut self, details: ErrorDetails) -> Self {
        let decoded = Error::from_error_details(self.code(), String::new(), details);
        for detail in decoded.details() {
            self = self.with_detail(detail.type_url(), detail.value());
        }
        for (key, value) in decoded.metadata() {
            self = self.with_metadata(key.clone(), value.clone());
        }
        if let Some(localized) = decoded.localized() {
            self = self.with_localized_message(localized.locale, localized.message);
        }
        self
    }

    /// The error a peer sent as a code, a message and details tonic-types
    /// already decoded, by the same receiver rules as [`from_status`]: the
    /// ErrorInfo gives the identity (and, when registered, the code).
    pub fn from_error_details(
        code: Code,
        message: impl Into<String>,
        details: ErrorDetails,
    ) -> Error {
        let status = tonic::Status::with_error_details(code.into(), "", details);
        wire::decode_status_owned(code, message.into(), status.details())
    }
}

pub(crate) fn downcast_status(error: &(dyn std::error::Error + 'static)) -> Option<Error> {
    error.downcast_ref::<tonic::Status>().map(from_status)
}
