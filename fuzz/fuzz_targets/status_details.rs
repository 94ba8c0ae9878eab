//! Hostile `grpc-status-details-bin` bytes: decode to an error, never panic,
//! and whatever was decoded survives being sent on again.
#![no_main]

use grpc_errors::wire::{decode_status, encode_status_details};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let error = decode_status(grpc_errors::Code::Internal, "m", data);
    let again = decode_status(
        error.code(),
        error.message(),
        &encode_status_details(&error),
    );
    assert_eq!(again.code(), error.code());
    assert_eq!(again.reason(), error.reason());
    assert_eq!(again.localized(), error.localized());
    // Metadata travels in ErrorInfo, which only an error with a reason sends.
    if !error.reason().is_empty() {
        assert_eq!(again.domain(), error.domain());
        assert_eq!(again.metadata(), error.metadata());
    }
});
