//! The 17 canonical gRPC status codes and their HTTP mapping from google/rpc/code.proto.

use std::fmt;

/// A canonical gRPC status code (google.rpc.Code).
///
/// Kept in this crate rather than borrowed from tonic so the runtime works
/// without the `tonic` feature and so codes outside 0..=16 have one defined
/// meaning: [`Code::Unknown`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(i32)]
pub enum Code {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

impl Code {
    /// All codes in numeric order.
    pub const ALL: [Code; 17] = [
        Code::Ok,
        Code::Cancelled,
        Code::Unknown,
        Code::InvalidArgument,
        Code::DeadlineExceeded,
        Code::NotFound,
        Code::AlreadyExists,
        Code::PermissionDenied,
        Code::ResourceExhausted,
        Code::FailedPrecondition,
        Code::Aborted,
        Code::OutOfRange,
        Code::Unimplemented,
        Code::Internal,
        Code::Unavailable,
        Code::DataLoss,
        Code::Unauthenticated,
    ];

    /// The code for a wire number; numbers outside the canonical range are `Unknown`,
    /// as google/rpc/code.proto asks of receivers.
    pub fn from_i32(value: i32) -> Code {
        usize::try_from(value)
            .ok()
            .and_then(|index| Code::ALL.get(index).copied())
            .unwrap_or(Code::Unknown)
    }

    /// The code for its canonical upper-case name (`NOT_FOUND`).
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|code| code.name() == name)
    }

    /// The canonical upper-case name, as in google/rpc/code.proto.
    pub const fn name(self) -> &'static str {
        match self {
            Code::Ok => "OK",
            Code::Cancelled => "CANCELLED",
            Code::Unknown => "UNKNOWN",
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
            Code::NotFound => "NOT_FOUND",
            Code::AlreadyExists => "ALREADY_EXISTS",
            Code::PermissionDenied => "PERMISSION_DENIED",
            Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
            Code::FailedPrecondition => "FAILED_PRECONDITION",
            Code::Aborted => "ABORTED",
            Code::OutOfRange => "OUT_OF_RANGE",
            Code::Unimplemented => "UNIMPLEMENTED",
            Code::Internal => "INTERNAL",
            Code::Unavailable => "UNAVAILABLE",
            Code::DataLoss => "DATA_LOSS",
            Code::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The HTTP status google/rpc/code.proto maps this code to.
    pub const fn http_status(self) -> u16 {
        match self {
            Code::Ok => 200,
            Code::Cancelled => 499,
            Code::Unknown => 500,
            Code::InvalidArgument => 400,
            Code::DeadlineExceeded => 504,
            Code::NotFound => 404,
            Code::AlreadyExists => 409,
            Code::PermissionDenied => 403,
            Code::ResourceExhausted => 429,
            Code::FailedPrecondition => 400,
            Code::Aborted => 409,
            Code::OutOfRange => 400,
            Code::Unimplemented => 501,
            Code::Internal => 500,
            Code::Unavailable => 503,
            Code::DataLoss => 500,
            Code::Unauthenticated => 401,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(feature = "tonic")]
impl From<Code> for tonic::Code {
    fn from(code: Code) -> Self {
        tonic::Code::from_i32(code as i32)
    }
}

#[cfg(feature = "tonic")]
impl From<tonic::Code> for Code {
    fn from(code: tonic::Code) -> Self {
        Code::from_i32(code as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_round_trip() {
        for (number, code) in Code::ALL.iter().enumerate() {
            assert_eq!(Code::from_i32(number as i32), *code);
            assert_eq!(Code::from_name(code.name()), Some(*code));
        }
        assert_eq!(Code::from_i32(17), Code::Unknown);
        assert_eq!(Code::from_i32(-1), Code::Unknown);
        assert_eq!(Code::from_name("not_found"), None);
    }

    #[test]
    fn http_mapping_is_the_canonical_one() {
        let table: Vec<(&str, u16)> = Code::ALL
            .iter()
            .map(|c| (c.name(), c.http_status()))
            .collect();
        assert_eq!(
            table,
            [
                ("OK", 200),
                ("CANCELLED", 499),
                ("UNKNOWN", 500),
                ("INVALID_ARGUMENT", 400),
                ("DEADLINE_EXCEEDED", 504),
                ("NOT_FOUND", 404),
                ("ALREADY_EXISTS", 409),
                ("PERMISSION_DENIED", 403),
                ("RESOURCE_EXHAUSTED", 429),
                ("FAILED_PRECONDITION", 400),
                ("ABORTED", 409),
                ("OUT_OF_RANGE", 400),
                ("UNIMPLEMENTED", 501),
                ("INTERNAL", 500),
                ("UNAVAILABLE", 503),
                ("DATA_LOSS", 500),
                ("UNAUTHENTICATED", 401),
            ]
        );
    }
}
