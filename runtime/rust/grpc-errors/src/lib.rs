//! errors.Is semantics for gRPC errors.
//!
//! A service returns an [`Error`] made by code that protoc-gen-errors generated
//! from annotated proto enums. On the wire it travels as a `google.rpc.Status`
//! with a `google.rpc.ErrorInfo{reason, domain, metadata}` in
//! `grpc-status-details-bin`, the form grpc-go, ego and kratos read. The
//! receiving side decodes it with [`from_status`] or [`from_error`] and
//! compares with [`Error::is`]: same reason and domain, whatever the language
//! of the service that sent it.
//!
//! ```
//! use grpc_errors::{Code, Error};
//!
//! let sent = Error::new(Code::NotFound, "user.v1.USER_ERROR_NOT_FOUND", "no such user")
//!     .with_metadata("userId", "42");
//! # #[cfg(feature = "tonic")] {
//! let status: tonic::Status = sent.clone().into();
//! let received = grpc_errors::from_status(&status);
//! assert!(received.is(&sent));
//! assert_eq!(received.metadata()["userId"], "42");
//! # }
//! ```

mod code;
mod error;
pub mod locale;
pub mod registry;
pub mod template;
#[cfg(feature = "tonic")]
mod tonic_glue;
pub mod wire;
mod wire_reader;

pub use code::Code;
pub use error::Error;
pub use locale::LocalizedMessage;
pub use registry::{ErrorDef, Registration};
#[cfg(feature = "tonic")]
pub use tonic_glue::{ACCEPT_LANGUAGE, from_status};

/// Re-exports for generated code; not part of the stable API.
#[doc(hidden)]
pub mod __private {
    pub use inventory;
}

/// Registers a static slice of [`ErrorDef`]s so that [`from_status`] and
/// [`from_error`] find them by reason. Generated code calls this once per
/// error enum; it runs before `main`, with no call to forget.
#[macro_export]
macro_rules! register {
    ($definitions:path) => {
        $crate::__private::inventory::submit! {
            $crate::Registration::new(&$definitions)
        }
    };
}

/// Finds the gRPC error in a chain of errors: the first [`Error`] (or, with
/// the `tonic` feature, `tonic::Status`) reached by following `source()`.
/// Anything else is `UNKNOWN` with an empty reason and the outermost error's text.
pub fn from_error(error: &(dyn std::error::Error + 'static)) -> Error {
    let mut current = Some(error);
    while let Some(candidate) = current {
        if let Some(own) = candidate.downcast_ref::<Error>() {
            return own.clone();
        }
        #[cfg(feature = "tonic")]
        if let Some(decoded) = tonic_glue::downcast_status(candidate) {
            return decoded;
        }
        current = candidate.source();
    }
    Error::new(Code::Unknown, "", error.to_string())
}
