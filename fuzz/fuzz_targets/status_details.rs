//! Hostile `grpc-status-details-bin` bytes: decode to an error that keeps
//! the wire code and message, never panic, and whatever was decoded (kept
//! details included) survives being sent on again.
#![no_main]

use grpc_errors::wire::{decode_status, encode_status_details};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let error = decode_status(grpc_errors::Code::Internal, "m", data);
    assert_eq!(error.message(), "m");
    // Kept details are copies of input bytes: never more than the input.
    assert!(
        error
            .details()
            .map(|d| d.type_url().len() + d.value().len())
            .sum::<usize>()
            <= data.len()
    );
    let again = decode_status(
        error.code(),
        error.message(),
        &encode_status_details(&error),
    );
    assert_eq!(again.code(), error.code());
    assert_eq!(again.reason(), error.reason());
    assert_eq!(again.localized(), error.localized());
    assert!(again.details().eq(error.details()));
    // Metadata travels in ErrorInfo, which only an error with a reason sends.
    if !error.reason().is_empty() {
        assert_eq!(again.domain(), error.domain());
        assert_eq!(again.metadata(), error.metadata());
    }
});
