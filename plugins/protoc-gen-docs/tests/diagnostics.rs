//! Bad input gets a clear diagnostic, never a panic.

mod common;

use common::{fixtures, nasty};
use protosmith_core::protocol::PluginRequest;

fn error(input: &PluginRequest) -> String {
    input
        .run(protoc_gen_docs::run)
        .expect_err("the run should fail")
        .to_string()
}

#[test]
fn unknown_and_malformed_parameters() {
    assert_eq!(
        error(&nasty("formt=html")),
        "unknown parameter \"formt\" for protoc-gen-docs: did you mean format?"
    );
    assert_eq!(
        error(&nasty("format=html,template=x.tera")),
        "parameters format= and template= both given: a run writes one format, built in (format=) or from a Tera template (template=)"
    );
    assert_eq!(
        error(&nasty("reason_style=google")),
        "parameter reason_style=google: expected reason_style=ego (reason = full name of the value, as ego) \
         or reason_style=aip (AIP-193: UPPER_SNAKE reason plus domain) or reason_style=kratos (the bare value name, as kratos)"
    );
}

#[test]
fn bad_error_annotations_are_reported_where_they_are() {
    let input = PluginRequest::compile(&["bad/v1/bad.proto"], &[fixtures()], "").unwrap();
    assert_eq!(
        error(&input),
        "bad/v1/bad.proto:10:6: unknown gRPC code \"NOT_FOUNDD\" in @code of BAD_ERROR_MISSING: did you mean NOT_FOUND?"
    );
}

#[test]
fn template_problems_name_the_template_and_the_line() {
    let missing = fixtures()
        .join("templates/missing.tera")
        .display()
        .to_string();
    let message = error(&nasty(&format!("template={missing}")));
    assert!(
        message.starts_with(&format!("cannot read the template {missing}: ")),
        "{message}"
    );

    let broken = fixtures()
        .join("templates/broken.md.tera")
        .display()
        .to_string();
    let message = error(&nasty(&format!("template={broken}")));
    assert!(
        message.starts_with(&format!("{broken}: Failed to parse")),
        "{message}"
    );
    assert!(message.contains("4:"), "no line in: {message}");

    let unknown = fixtures()
        .join("templates/unknown_variable.md.tera")
        .display()
        .to_string();
    let message = error(&nasty(&format!("template={unknown}")));
    assert!(message.contains("no_such_thing"), "{message}");
}

#[test]
fn two_pages_with_one_name_are_refused() {
    let input = PluginRequest::compile(
        &["index.proto"],
        &[fixtures().join("collide")],
        "per_file=true",
    )
    .unwrap();
    assert_eq!(
        error(&input),
        "protoc-gen-docs would write index.md twice, for the index and for index.proto: choose another name for the index with file=NAME"
    );
    let input = PluginRequest {
        parameter: "per_file=true,file=README.md".to_owned(),
        ..input
    };
    assert!(input.run(protoc_gen_docs::run).is_ok());
}

#[test]
fn truncated_and_corrupted_requests_never_panic() {
    let request = nasty("format=html").to_request();
    let step = (request.len() / 120).max(1);
    for end in (0..request.len()).step_by(step) {
        let response = protosmith_core::protocol::plugin::respond::<protoc_gen_docs::Options>(
            &request[..end],
            protoc_gen_docs::run,
        );
        let text = String::from_utf8_lossy(&response);
        assert!(
            !text.contains("internal error"),
            "panic on the request cut at {end} bytes"
        );
    }
    for at in (0..request.len()).step_by(step) {
        let mut corrupted = request.clone();
        corrupted[at] ^= 0x55;
        let response = protosmith_core::protocol::plugin::respond::<protoc_gen_docs::Options>(
            &corrupted,
            protoc_gen_docs::run,
        );
        assert!(
            !String::from_utf8_lossy(&response).contains("internal error"),
            "panic with byte {at} flipped"
        );
    }
}

/// Compiles `proto` as `shop.proto` from a fresh directory.
fn scratch(proto: &str, parameter: &str) -> PluginRequest {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "protosmith-docs-diag-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("shop.proto"), proto).unwrap();
    let input = PluginRequest::compile(&["shop.proto"], &[&dir], parameter);
    std::fs::remove_dir_all(&dir).ok();
    input.unwrap()
}

#[test]
fn misspelt_and_detached_annotations_fail_the_docs_too() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  \
                 // @cdoe=NOT_FOUND\n  SHOP_ERROR_A = 1;\n\n  // @code=INTERNAL\n\n  SHOP_ERROR_B = 2;\n}\n";
    let expected = "shop.proto:5:6: unknown annotation @cdoe in the comment of SHOP_ERROR_A: did you mean @code? \
                    (an error value takes @code, @msg and @i18n.<lang> (and @exclude))\n\
                    shop.proto:8:6: @code is in a comment separated from SHOP_ERROR_B by a blank line, so it belongs \
                    to nothing and would be ignored: remove the blank line to make it SHOP_ERROR_B's";
    let input = scratch(proto, "");
    assert_eq!(error(&input), expected);
    // The same text and positions from a CodeGeneratorRequest, as protoc and buf send it.
    let response = protosmith_core::protocol::plugin::respond::<protoc_gen_docs::Options>(
        &input.to_request(),
        protoc_gen_docs::run,
    );
    let response = <prost_types::compiler::CodeGeneratorResponse as prost::Message>::decode(
        response.as_slice(),
    )
    .unwrap();
    assert_eq!(response.error.as_deref(), Some(expected));
}

#[test]
fn the_docs_keep_exclude_and_prose_in_error_enums() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// @see ShopService\nenum ShopError {\n  \
                 SHOP_ERROR_UNSPECIFIED = 0;\n  // Internal only.\n  // @exclude\n  // @code=INTERNAL\n  \
                 SHOP_ERROR_A = 1;\n  // @see the runbook\n  // @code=NOT_FOUND\n  SHOP_ERROR_B = 2;\n}\n";
    let files = common::generate(&scratch(proto, ""));
    let page = files.values().next().expect("a page");
    assert!(page.contains("SHOP_ERROR_B"), "{page}");
    assert!(
        !page.contains("SHOP_ERROR_A"),
        "@exclude still leaves the value out: {page}"
    );
}
