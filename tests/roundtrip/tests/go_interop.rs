//! A real grpc-go client (tests/go-client) calls our tonic server and reads
//! the errors the standard Go way: `status.FromError(err).Details()` must give
//! an `*errdetails.ErrorInfo` with our reason and metadata, and an
//! `*errdetails.LocalizedMessage` in the language the Go caller asked for.

use std::path::PathBuf;
use std::process::Command;

use protosmith_tests::server::TestServer;
use serde_json::Value;

fn go_client(
    server: &TestServer,
    descriptors: &std::path::Path,
    method: &str,
    request: &str,
    headers: &[&str],
) -> Value {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../go-client");
    let output = Command::new("go")
        .current_dir(&dir)
        .args([
            "run",
            ".",
            "-addr",
            &server.addr.to_string(),
            "-descriptors",
        ])
        .arg(descriptors)
        .args(["-method", method, "-request", request])
        .args(headers.iter().flat_map(|header| ["-header", header]))
        .output()
        .expect(
            "`go` must be installed to run the Go interop test (ci/install-tools.sh checks it)",
        );
    assert!(
        output.status.success(),
        "go client failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "go client printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn grpc_go_reads_reason_and_metadata_from_error_info()
-> Result<(), Box<dyn std::error::Error>> {
    let server = TestServer::start().await?;
    let descriptors = std::env::temp_dir().join(format!(
        "protosmith-go-interop-{}.binpb",
        std::process::id()
    ));
    std::fs::write(&descriptors, protosmith_tests::DESCRIPTOR_SET)?;

    let not_found = go_client(
        &server,
        &descriptors,
        "/acme.user.v1.UserService/GetUser",
        r#"{"userId":"u-404"}"#,
        &[],
    );
    assert_eq!(not_found["code"], "NOT_FOUND");
    assert_eq!(not_found["message"], "user u-404 not found");
    assert_eq!(
        not_found["details"],
        serde_json::json!([{
            "type": "google.rpc.ErrorInfo",
            "reason": "acme.user.v1.USER_ERROR_NOT_FOUND",
            "domain": "",
            "metadata": {"user_id": "u-404"}
        }])
    );

    let out_of_stock = go_client(
        &server,
        &descriptors,
        "/acme.order.v1.OrderService/PlaceOrder",
        r#"{"sku":"book","quantity":50}"#,
        &[],
    );
    assert_eq!(out_of_stock["code"], "RESOURCE_EXHAUSTED");
    assert_eq!(
        out_of_stock["details"][0]["reason"],
        "acme.order.v1.ORDER_ERROR_OUT_OF_STOCK"
    );
    assert_eq!(
        out_of_stock["details"][0]["metadata"],
        serde_json::json!({"available": "5", "sku": "book"})
    );

    let found = go_client(
        &server,
        &descriptors,
        "/acme.user.v1.UserService/GetUser",
        r#"{"userId":"u-1"}"#,
        &[],
    );
    assert_eq!(found["code"], "OK");
    assert_eq!(found["response"]["user"]["name"], "Ada");

    // AIP-193's LocalizedMessage, chosen by the Go caller's accept-language,
    // is the second detail; ErrorInfo is unchanged.
    let localized = go_client(
        &server,
        &descriptors,
        "/acme.user.v1.UserService/GetUser",
        r#"{"userId":"u-404"}"#,
        &["accept-language=zh-CN, de;q=0.5"],
    );
    assert_eq!(localized["message"], "user u-404 not found");
    assert_eq!(localized["details"][0], not_found["details"][0]);
    assert_eq!(
        localized["details"][1],
        serde_json::json!({
            "type": "google.rpc.LocalizedMessage",
            "locale": "zh",
            "message": "用户 u-404 不存在"
        })
    );

    std::fs::remove_file(&descriptors).ok();
    server.shutdown().await
}
