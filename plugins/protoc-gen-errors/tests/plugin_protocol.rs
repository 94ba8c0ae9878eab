//! The `protoc-gen-errors` binary over the plugin protocol: the request protoc
//! and buf send on stdin, the response on stdout, problems in its `error`.

use std::path::PathBuf;

use protosmith_core::protocol::PluginRequest;

fn example_input() -> PluginRequest {
    let proto = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
    ];
    PluginRequest::compile(&files, &[proto], "").expect("example protos compile")
}

#[test]
fn the_plugin_binary_speaks_the_protoc_protocol() {
    use prost::Message;
    use prost_types::compiler::CodeGeneratorResponse;
    use std::io::Write;
    use std::process::{Command, Stdio};

    let run = |request: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_protoc-gen-errors"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(request).unwrap();
        let output = child.wait_with_output().unwrap();
        (output.status.success(), output.stdout)
    };

    let input = example_input();
    let (ok, stdout) = run(&input.to_request());
    assert!(ok);
    let response = CodeGeneratorResponse::decode(stdout.as_slice()).unwrap();
    assert_eq!(response.error, None);
    assert_eq!(response.supported_features, Some(1), "proto3 optional");
    let direct = input.run(protoc_gen_errors::run).unwrap();
    let via_binary: Vec<(String, String)> = response
        .file
        .into_iter()
        .map(|f| (f.name.unwrap(), f.content.unwrap()))
        .collect();
    assert_eq!(
        via_binary,
        direct
            .into_iter()
            .map(|f| (f.name, f.content))
            .collect::<Vec<_>>()
    );

    let (ok, stdout) = run(&PluginRequest {
        parameter: "reason_style=nope".into(),
        ..input
    }
    .to_request());
    assert!(
        ok,
        "problems in the protos are reported in the response, not by the exit code"
    );
    let response = CodeGeneratorResponse::decode(stdout.as_slice()).unwrap();
    assert!(
        response
            .error
            .unwrap()
            .starts_with("parameter reason_style=nope: expected")
    );
    assert!(response.file.is_empty());

    let (ok, stdout) = run(b"\x0a\xff\xff\xff\xff\x0f garbage");
    assert!(ok);
    let response = CodeGeneratorResponse::decode(stdout.as_slice()).unwrap();
    assert!(
        response
            .error
            .unwrap()
            .starts_with("malformed CodeGeneratorRequest on stdin")
    );
}
