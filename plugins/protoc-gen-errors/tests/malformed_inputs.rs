//! Malformed and hostile inputs on stable Rust: the fuzz seed corpora plus
//! deterministic truncations and bit flips of a real request. None may panic;
//! malformed requests must come back as an error in the response.

use std::path::{Path, PathBuf};

use prost::Message;
use prost_types::compiler::CodeGeneratorResponse;
use protoc_gen_errors::ErrorsOptions;
use protosmith_core::protocol::{Input, PluginRequest, plugin};
use protosmith_core::{catalog::Template, model::annotation};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn valid_request() -> Vec<u8> {
    let files = ["acme/order/v1/order.proto", "acme/user/v1/errors.proto"];
    PluginRequest::compile(&files, &[root().join("proto")], "")
        .unwrap()
        .to_request()
}

/// The same steps as the `request` fuzz target, outside `respond`'s panic guard.
fn run_unguarded(data: &[u8]) {
    if let Ok(input) = Input::from_request(data) {
        let _ = input.run(protoc_gen_errors::run);
    }
}

fn seeds(folder: &str) -> Vec<Vec<u8>> {
    let dir = root().join("fuzz/corpus").join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p: &PathBuf| std::fs::read(Path::new(p)).unwrap())
        .collect()
}

#[test]
fn the_request_seed_is_current() {
    let path = root().join("fuzz/corpus/seed-request/example.bin");
    if std::env::var_os("UPDATE_SEEDS").is_some() {
        std::fs::write(&path, valid_request()).unwrap();
    }
    let seed = std::fs::read(&path).unwrap();
    let input = Input::from_request(&seed).expect("the seed is a valid request");
    assert!(input.run(protoc_gen_errors::run).is_ok());
}

#[test]
fn every_truncation_of_a_request_is_answered() {
    let request = valid_request();
    let step = (request.len() / 400).max(1);
    for len in (0..request.len()).step_by(step) {
        run_unguarded(&request[..len]);
        let response = CodeGeneratorResponse::decode(
            plugin::respond::<ErrorsOptions>(&request[..len], protoc_gen_errors::run).as_slice(),
        )
        .unwrap();
        assert!(
            response
                .error
                .as_deref()
                .is_none_or(|e| !e.starts_with("internal error")),
            "panic on a request cut at {len}: {:?}",
            response.error
        );
    }
}

#[test]
fn bit_flips_in_a_request_never_panic() {
    let request = valid_request();
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3_000 {
        let mut mutated = request.clone();
        for _ in 0..=(next() % 3) {
            let at = (next() as usize) % mutated.len();
            mutated[at] ^= 1 << (next() % 8);
        }
        run_unguarded(&mutated);
    }
}

#[test]
fn seed_corpora_never_panic() {
    for data in seeds("seed-request") {
        run_unguarded(&data);
    }
    for data in seeds("seed-comment") {
        let text = String::from_utf8_lossy(&data);
        for annotation in annotation::parse_comment(&text).annotations {
            let _ = Template::parse(&annotation.value);
        }
        let _ = Template::parse(&text);
    }
    for data in seeds("seed-details") {
        // The fuzz target's property, on stable: decoding never panics and
        // what was decoded survives being encoded and decoded again.
        use grpc_errors::wire::{decode_status, encode_status_details};
        let error = decode_status(grpc_errors::Code::Internal, "m", &data);
        assert!(error.reason().is_empty() || !data.is_empty());
        let again = decode_status(
            error.code(),
            error.message(),
            &encode_status_details(&error),
        );
        assert_eq!(again.reason(), error.reason());
        assert_eq!(again.localized(), error.localized());
        assert!(again.details().eq(error.details()));
    }
}

#[test]
fn garbage_requests_get_a_clear_error() {
    for (bytes, expected) in [
        (&b"\xff"[..], "malformed CodeGeneratorRequest on stdin"),
        (
            b"\x0a\x05ab",
            "malformed CodeGeneratorRequest on stdin: a field is longer than the request",
        ),
        (
            b"\x0a\x01x",
            "file_to_generate names x, which is not among the request's proto_file entries",
        ),
        (
            b"\x7a\x05\x22\x03\xff\xff\xff",
            "the request's proto files do not form a valid descriptor set",
        ),
        (
            b"\x7a\x0d\x0a\x03a.p\x62\x06proto4",
            "malformed CodeGeneratorRequest on stdin: a.p: unknown syntax \"proto4\"",
        ),
        (
            b"\x7a\x0f\x0a\x03e.p\x62\x08editions",
            "malformed CodeGeneratorRequest on stdin: e.p: protobuf editions are not supported yet",
        ),
    ] {
        let response = CodeGeneratorResponse::decode(
            plugin::respond::<ErrorsOptions>(bytes, protoc_gen_errors::run).as_slice(),
        )
        .unwrap();
        let error = response.error.unwrap_or_default();
        assert!(error.starts_with(expected), "{bytes:?}: {error}");
    }
}
