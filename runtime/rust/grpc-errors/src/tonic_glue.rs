//! Conversions between [`Error`] and `tonic::Status`.

use prost::bytes::Bytes;

use crate::{Code, Error, wire};

impl From<Error> for tonic::Status {
    fn from(error: Error) -> Self {
        let details = Bytes::from(wire::encode_status_details(&error));
        tonic::Status::with_details(error.code().into(), error.message().to_owned(), details)
    }
}

impl From<tonic::Status> for Error {
    fn from(status: tonic::Status) -> Self {
        from_status(&status)
    }
}

/// Decodes the error a peer sent: a registered reason gives the registered
/// error (its code, the wire message and metadata); an unknown reason keeps
/// the wire code and reason; a status without ErrorInfo gives the wire code
/// with an empty reason; undecodable details give `UNKNOWN`.
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
}

pub(crate) fn downcast_status(error: &(dyn std::error::Error + 'static)) -> Option<Error> {
    error.downcast_ref::<tonic::Status>().map(from_status)
}
