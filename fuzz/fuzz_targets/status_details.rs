//! Hostile `grpc-status-details-bin` bytes: decode to an error, never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let error = grpc_errors::wire::decode_status(grpc_errors::Code::Internal, "m", data);
    let _ = grpc_errors::wire::encode_status_details(&error);
});
