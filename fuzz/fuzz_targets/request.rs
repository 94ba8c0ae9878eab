//! Any bytes on stdin: the plugin decodes them, builds the model and
//! generates, and must answer with files or an error, never a panic.
//! (`plugin::respond` would catch a panic, so this calls the steps directly.)
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(request) = protosmith_core::Input::from_request(data) {
        let _ = request.run(protoc_gen_errors::run);
    }
});
