//! `lang=go,flavour=kratos`: the example module's output is a golden file
//! (tests/golden/go-kratos/, and the same in tests/interop/go/kratos/gen/,
//! which the interop matrix's go/kratos client compiles), and the drop-in
//! claim is proved by compiling and running, against it, a program written
//! for the API kratos' protoc-gen-go-errors v2.9 generates (`Is<X>`,
//! `Error<X>(format, args...)`) with kratos v2.9.2's errors package. Go 1.26
//! must be on the PATH.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test go_kratos` rewrites
//! the golden files (both copies).

use std::path::{Path, PathBuf};
use std::process::Command;

use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    manifest().join("../..")
}

fn kratos_output() -> Vec<GeneratedFile> {
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
        "protosmith/errors/v1/options.proto",
    ];
    PluginRequest::compile(
        &files,
        &[root().join("proto")],
        "lang=go,flavour=kratos,module=acme.example/gen/go",
    )
    .expect("example protos compile")
    .run(protoc_gen_errors::run)
    .expect("example protos generate")
}

#[test]
fn example_module_matches_its_golden_files() {
    let files = kratos_output();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["order/v1/order_errors.pb.go", "user/v1/errors_errors.pb.go"]
    );
    protosmith_core::golden::assert_matches(&manifest().join("tests/golden/go-kratos"), &files);
    // The same files are what the interop matrix's go/kratos client runs on.
    protosmith_core::golden::assert_matches(&root().join("tests/interop/go/kratos/gen"), &files);
}

#[test]
fn a_program_written_for_kratos_output_compiles_and_runs_with_ours() {
    let mut files = kratos_output();
    files.push(GeneratedFile {
        name: "dropin/dropin_test.go".to_owned(),
        content: DROP_IN.to_owned(),
    });
    let dir = scratch_module(&files);
    let gofmt = Command::new("gofmt")
        .args(["-l", "."])
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gofmt ({e}): install Go 1.26 or later"));
    assert_eq!(
        String::from_utf8_lossy(&gofmt.stdout),
        "",
        "gofmt would reformat these"
    );
    go(&dir, &["vet", "./..."]);
    let out = go(&dir, &["test", "-count=1", "-v", "./dropin"]);
    assert!(out.contains("--- PASS: TestKratosAPI"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A module named like the example's Go module, requiring what the compat
/// tests pin (kratos v2.9.2), so the module cache has everything.
fn scratch_module(files: &[GeneratedFile]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("protosmith-go-kratos-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    let compat = root().join("tests/interop/go/compat");
    let go_mod: String = std::fs::read_to_string(compat.join("go.mod"))
        .unwrap()
        .replace(
            "module protosmith.dev/interop/go/compat",
            "module acme.example/gen/go",
        )
        .lines()
        .filter(|line| !line.contains("acme.example/gen/go v0.0.0") && !line.contains("=> ../gen"))
        .map(|line| {
            line.replace(
                "=> ../../../../runtime/go",
                &format!(
                    "=> {}",
                    root().join("runtime/go").canonicalize().unwrap().display()
                ),
            ) + "\n"
        })
        .collect();
    std::fs::write(dir.join("go.mod"), go_mod).unwrap();
    std::fs::copy(compat.join("go.sum"), dir.join("go.sum")).unwrap();
    for file in files {
        let path = dir.join(&file.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.content).unwrap();
    }
    dir
}

fn go(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("go")
        .args(args)
        .current_dir(dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run go ({e}): install Go 1.26 or later (https://go.dev/dl)")
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "go {} failed:\n{text}",
        args.join(" ")
    );
    text
}

/// Written the way a kratos user writes against kratos' generated errors:
/// `Error<X>(format, args...)` returns `*errors.Error`, `Is<X>(err)` checks
/// reason and HTTP code, also through wrapping and a gRPC status.
const DROP_IN: &str = r#"package dropin

import (
	"fmt"
	"testing"

	"github.com/go-kratos/kratos/v2/errors"

	orderv1 "acme.example/gen/go/order/v1"
	userv1 "acme.example/gen/go/user/v1"
)

func TestKratosAPI(t *testing.T) {
	var err *errors.Error = userv1.ErrorUserErrorNotFound("user %s not found", "u-1")
	if err.Code != 404 || err.Message != "user u-1 not found" || err.Reason != "acme.user.v1.USER_ERROR_NOT_FOUND" {
		t.Errorf("built %v", err)
	}
	if !userv1.IsUserErrorNotFound(err) || !userv1.IsUserErrorNotFound(fmt.Errorf("wrapped: %w", err)) {
		t.Error("not recognised")
	}
	if userv1.IsUserErrorEmailTaken(err) || userv1.IsUserErrorNotFound(nil) {
		t.Error("recognised what it is not")
	}
	// Over the wire, as a kratos client sees it.
	onWire := errors.FromError(err.GRPCStatus().Err())
	if !userv1.IsUserErrorNotFound(onWire) {
		t.Errorf("not recognised after a gRPC status: %v", onWire)
	}
	args := []interface{}{3, "sku-1"}
	stock := orderv1.ErrorOrderErrorOutOfStock("only %d of %s left", args...)
	if stock.Code != 429 || !orderv1.IsOrderErrorOutOfStock(stock) {
		t.Errorf("out of stock: %v", stock)
	}
	if !orderv1.IsPaymentErrorCardDeclined(orderv1.ErrorPaymentErrorCardDeclined("declined")) {
		t.Error("nested enum")
	}
}
"#;

#[test]
fn reason_style_kratos_gives_bare_value_names_without_domain() {
    let generated = PluginRequest::compile(
        &["acme/user/v1/errors.proto"],
        &[root().join("proto")],
        "lang=go,flavour=kratos,reason_style=kratos,module=acme.example/gen/go",
    )
    .unwrap()
    .run(protoc_gen_errors::run)
    .unwrap();
    let content = &generated[0].content;
    assert!(
        content.contains("\treturn e.Reason == \"USER_ERROR_NOT_FOUND\" && e.Code == 404\n"),
        "{content}"
    );
    assert!(
        content.contains(
            "\treturn errors.New(404, \"USER_ERROR_NOT_FOUND\", fmt.Sprintf(format, args...))\n"
        ),
        "{content}"
    );
    // The native flavour takes the same reasons, with no Domain field.
    let native = PluginRequest::compile(
        &["acme/user/v1/errors.proto"],
        &[root().join("proto")],
        "lang=go,reason_style=kratos,module=acme.example/gen/go",
    )
    .unwrap()
    .run(protoc_gen_errors::run)
    .unwrap();
    let content = &native[0].content;
    assert!(
        content.contains("\t\tReason:       \"USER_ERROR_NOT_FOUND\",\n"),
        "{content}"
    );
    assert!(!content.contains("Domain:"), "{content}");
}

#[test]
fn kratos_names_that_protoc_gen_go_declares_are_reported() {
    let dir =
        std::env::temp_dir().join(format!("protosmith-go-kratos-clash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("reason.proto"),
        "syntax = \"proto3\";\npackage shop.v1;\noption go_package = \"shop.example/v1\";\n\
         enum ErrorReason {\n  ERROR_REASON_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  REASON = 1;\n}\n",
    )
    .unwrap();
    let result = PluginRequest::compile(
        &["reason.proto"],
        std::slice::from_ref(&dir),
        "lang=go,flavour=kratos",
    )
    .unwrap()
    .run(protoc_gen_errors::run);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        result.unwrap_err().to_string(),
        "reason.proto:7:3: the Go name ErrorReason generated for shop.v1.REASON clashes with enum shop.v1.ErrorReason at reason.proto:4:1, \
         which protoc-gen-go or protoc-gen-go-grpc declares in the same Go package shop.example/v1; rename one of them"
    );
}
