//! Any comment text through the annotation parser and the message template parser.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = protosmith_core::model::annotation::parse_comment(text);
        for annotation in &parsed.annotations {
            let _ = protosmith_core::catalog::Template::parse(&annotation.value);
        }
        let _ = protosmith_core::catalog::Template::parse(text);
    }
});
