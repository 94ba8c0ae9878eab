//! `lang=go,flavour=ego`: the example module's output is a golden file
//! (tests/golden/go-ego/, and the same in tests/interop/go/ego/gen/, which
//! the interop matrix's go/ego client compiles), and the drop-in claim is proved against ego's own
//! generator: protoc-gen-go-errors of ego v1.2.7 (built from the module
//! proxy's `github.com/gotomicro/ego` v1.2.7, the module it lives in) and
//! protosmith both generate an ego-style proto, and one program written
//! against ego's output compiles and passes with each; `go doc -short` of
//! the two packages (exported API, beside protoc-gen-go's output) is equal.
//! A second program checks what ego's generator cannot take (the example
//! module: default codes, nested enums, unannotated values).
//! Go 1.26 must be on the PATH; protoc is not needed (both Go plugins get
//! protox's CodeGeneratorRequest on stdin).
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test go_ego` rewrites the golden files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use prost::Message;
use prost_types::compiler::CodeGeneratorResponse;
use protosmith_core::GeneratedFile;
use protosmith_core::protocol::PluginRequest;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    manifest().join("../..")
}

fn example_output() -> Vec<GeneratedFile> {
    let files = [
        "acme/order/v1/order.proto",
        "acme/user/v1/errors.proto",
        "acme/user/v1/user.proto",
        "protosmith/errors/v1/options.proto",
    ];
    PluginRequest::compile(
        &files,
        &[root().join("proto")],
        "lang=go,flavour=ego,module=acme.example/gen/go",
    )
    .expect("example protos compile")
    .run(protoc_gen_errors::run)
    .expect("example protos generate")
}

#[test]
fn example_module_matches_its_golden_files() {
    let files = example_output();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["order/v1/order_errors.pb.go", "user/v1/errors_errors.pb.go"]
    );
    protosmith_core::golden::assert_matches(&manifest().join("tests/golden/go-ego"), &files);
    // The same files are what the interop matrix's go/ego client runs on.
    protosmith_core::golden::assert_matches(&root().join("tests/interop/go/ego/gen"), &files);
}

/// Written the way ego's generator wants it: `@plugins` on the file, `@code`
/// on every value (none OK, which protosmith refuses), leading comments.
const SHOP_PROTO: &str = r#"// Errors of a shop written for ego's protoc-gen-go-errors.
//
// @plugins=protoc-gen-go-errors
syntax = "proto3";

package shop.v1;

option go_package = "acme.example/gen/go/shop/v1;shopv1";

// Err lists what the shop fails with.
enum Err {
  // The cause is not known.
  // @code=UNKNOWN
  ERR_UNKNOWN = 0;
  // The user does not exist.
  // @code=NOT_FOUND
  // @i18n.cn="用户不存在"
  // @i18n.en="user not found"
  USER_NOT_FOUND = 1;
  // @code=INVALID_ARGUMENT
  InvalidName = 2;
  // Card authentication failed.
  // @code=ABORTED
  ERROR_3DS_FAILED = 3;
}
"#;

#[test]
fn a_program_written_for_egos_output_passes_with_egos_and_ours() {
    let protos = scratch_dir("protos");
    std::fs::create_dir_all(protos.join("shop/v1")).unwrap();
    std::fs::write(protos.join("shop/v1/errors.proto"), SHOP_PROTO).unwrap();
    let request = |parameter: &str| {
        PluginRequest::compile(
            &["shop/v1/errors.proto"],
            std::slice::from_ref(&protos),
            parameter,
        )
        .expect("the shop proto compiles")
    };
    let ours: Vec<GeneratedFile> = request("lang=go,flavour=ego,module=acme.example/gen/go")
        .run(protoc_gen_errors::run)
        .expect("protosmith generates the shop proto");

    // ego's generator and protoc-gen-go, built in a module that requires
    // ego v1.2.7 (`go install ...@v1.2.7` is refused: the proxy does not
    // list ego's versions, and go install asks for the list).
    let egos_module = scratch_module("ego", &[]);
    go(
        &egos_module,
        &[
            "build",
            "-o",
            "bin/",
            "github.com/gotomicro/ego/cmd/protoc-gen-go-errors",
            "google.golang.org/protobuf/cmd/protoc-gen-go",
        ],
    );
    let plugin_request = request("module=acme.example/gen/go").to_request();
    let pb_go = plugin(&egos_module.join("bin/protoc-gen-go"), &plugin_request);
    let egos = plugin(
        &egos_module.join("bin/protoc-gen-go-errors"),
        &plugin_request,
    );
    assert_eq!(egos[0].name, "shop/v1/errors_errors.pb.go");
    assert_eq!(ours[0].name, egos[0].name);

    let mut our_files = ours.clone();
    our_files.extend(example_output());
    our_files.extend(two_files_of_one_package(&protos));
    // Hostile comments, deprecated and nested enums: gofmt and go vet below.
    our_files.extend(
        PluginRequest::compile(
            &["edge/v1/edge.proto"],
            &[manifest().join("tests/fixtures/go")],
            "lang=go,flavour=ego,module=edge.example/gen",
        )
        .expect("the edge fixture compiles")
        .run(protoc_gen_errors::run)
        .expect("the edge fixture generates"),
    );
    our_files.extend(pb_go.iter().cloned());
    for (name, content) in [
        ("dropin/shop_test.go", SHOP_PROGRAM),
        ("dropin/example_test.go", EXAMPLE_PROGRAM),
    ] {
        our_files.push(GeneratedFile {
            name: name.to_owned(),
            content: content.to_owned(),
        });
    }
    let our_module = scratch_module("ours", &our_files);
    write_files(&egos_module, &egos);
    write_files(&egos_module, &pb_go);
    write_files(
        &egos_module,
        &[GeneratedFile {
            name: "dropin/shop_test.go".to_owned(),
            content: SHOP_PROGRAM.to_owned(),
        }],
    );

    let gofmt = Command::new("gofmt")
        .args(["-l", "."])
        .current_dir(&our_module)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gofmt ({e}): install Go 1.26 or later"));
    assert_eq!(
        String::from_utf8_lossy(&gofmt.stdout),
        "",
        "gofmt would reformat these"
    );
    go(&our_module, &["vet", "./..."]);
    let out = go(&our_module, &["test", "-count=1", "-v", "./dropin"]);
    assert!(out.contains("--- PASS: TestEgoAPI"), "{out}");
    assert!(
        out.contains("--- PASS: TestEgoFlavourOnTheExampleModule"),
        "{out}"
    );
    let out = go(&egos_module, &["test", "-count=1", "-v", "./dropin"]);
    assert!(
        out.contains("--- PASS: TestEgoAPI"),
        "ego's own output: {out}"
    );

    // The exported API, beside protoc-gen-go's, symbol by symbol.
    let api = |dir: &Path| go(dir, &["doc", "-short", "acme.example/gen/go/shop/v1"]);
    let (our_api, egos_api) = (api(&our_module), api(&egos_module));
    for symbol in [
        "func ReasonI18n(e eerrors.Error, lan string) string",
        "func USERNOTFOUND() eerrors.Error",
        "type Err int32",
    ] {
        assert!(egos_api.contains(symbol), "{symbol} in {egos_api}");
    }
    assert_eq!(our_api, egos_api);
    for dir in [protos, egos_module, our_module] {
        std::fs::remove_dir_all(dir).ok();
    }
}

/// Two proto files generating into one Go package (`many/v1`), given in
/// reverse order: ReasonI18n is declared once, in the first file by path,
/// and knows the translations of both (the example program checks that).
fn two_files_of_one_package(protos: &Path) -> Vec<GeneratedFile> {
    std::fs::create_dir_all(protos.join("many/v1")).unwrap();
    for (file, value) in [("a.proto", "A_FAILED"), ("b.proto", "B_FAILED")] {
        let name = &value[..1];
        std::fs::write(
            protos.join("many/v1").join(file),
            format!(
                "syntax = \"proto3\";\npackage many.v1;\noption go_package = \"acme.example/gen/go/many/v1\";\n\
                 enum {name}Error {{\n  // @code=ABORTED\n  // @i18n.en=\"{name} failed\"\n  {value} = 0;\n}}\n"
            ),
        )
        .unwrap();
    }
    let files = PluginRequest::compile(
        &["many/v1/b.proto", "many/v1/a.proto"],
        &[protos],
        "lang=go,flavour=ego,module=acme.example/gen/go",
    )
    .unwrap()
    .run(protoc_gen_errors::run)
    .unwrap();
    let declares: Vec<&str> = files
        .iter()
        .filter(|f| f.content.contains("\nfunc ReasonI18n("))
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(declares, ["many/v1/a_errors.pb.go"]);
    files
}

/// Runs a protoc plugin binary on `request` and returns its files.
fn plugin(binary: &Path, request: &[u8]) -> Vec<GeneratedFile> {
    let mut child = Command::new(binary)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {} ({e})", binary.display()));
    child.stdin.take().unwrap().write_all(request).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{} failed", binary.display());
    let response = CodeGeneratorResponse::decode(output.stdout.as_slice()).unwrap();
    assert_eq!(response.error, None, "{}", binary.display());
    response
        .file
        .into_iter()
        .map(|f| GeneratedFile {
            name: f.name.unwrap(),
            content: f.content.unwrap(),
        })
        .collect()
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("protosmith-go-ego-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A module named like the example's Go module, requiring what the compat
/// tests pin (ego v1.2.7), so the module cache has everything.
fn scratch_module(name: &str, files: &[GeneratedFile]) -> PathBuf {
    let dir = scratch_dir(name);
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
    write_files(&dir, files);
    dir
}

fn write_files(dir: &Path, files: &[GeneratedFile]) {
    for file in files {
        let path = dir.join(&file.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.content).unwrap();
    }
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

/// Written the way an ego user writes against ego's generated errors: the
/// functions return the registered `eerrors.Error`, changed with WithMsg
/// and WithMd, compared with errors.Is (by reason), translated with
/// ReasonI18n; a registered reason takes its code from the registry.
const SHOP_PROGRAM: &str = r#"package dropin

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gotomicro/ego/core/eerrors"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	shopv1 "acme.example/gen/go/shop/v1"
)

func TestEgoAPI(t *testing.T) {
	var err eerrors.Error = shopv1.USERNOTFOUND()
	e := eerrors.FromError(err)
	if e.Code != int32(codes.NotFound) || e.Reason != "shop.v1.USER_NOT_FOUND" || e.Message != "USER_NOT_FOUND" {
		t.Errorf("built %v", e)
	}
	changed := shopv1.USERNOTFOUND().WithMsg("user u-1 not found").WithMd(map[string]string{"user_id": "u-1"})
	if !errors.Is(changed, shopv1.USERNOTFOUND()) || !errors.Is(fmt.Errorf("wrapped: %w", changed), shopv1.USERNOTFOUND()) {
		t.Error("not recognised")
	}
	if errors.Is(changed, shopv1.InvalidName()) || eerrors.FromError(shopv1.USERNOTFOUND()).Message != "USER_NOT_FOUND" {
		t.Error("recognised what it is not, or the shared error changed")
	}
	for _, c := range []struct {
		fn   func() eerrors.Error
		code codes.Code
	}{
		{shopv1.ERRUNKNOWN, codes.Unknown},
		{shopv1.InvalidName, codes.InvalidArgument},
		{shopv1.ERROR3DSFAILED, codes.Aborted},
	} {
		if got := eerrors.FromError(c.fn()).Code; got != int32(c.code) {
			t.Errorf("code %d, want %v", got, c.code)
		}
	}
	// From the wire with another code: the reason is registered, its code wins.
	st, _ := status.New(codes.Internal, "user u-2 not found").
		WithDetails(&errdetails.ErrorInfo{Reason: "shop.v1.USER_NOT_FOUND", Metadata: map[string]string{"user_id": "u-2"}})
	onWire := eerrors.FromError(st.Err())
	if onWire.Code != int32(codes.NotFound) || onWire.Message != "user u-2 not found" || !errors.Is(onWire, shopv1.USERNOTFOUND()) {
		t.Errorf("from the wire %v", onWire)
	}
	if shopv1.ReasonI18n(onWire, "cn") != "用户不存在" || shopv1.ReasonI18n(changed, "en") != "user not found" ||
		shopv1.ReasonI18n(shopv1.InvalidName(), "cn") != "" {
		t.Error("ReasonI18n")
	}
}
"#;

/// What only protosmith generates: default codes, nested enums, @msg
/// templates as the registered message (placeholders unfilled), packages
/// each with its own ReasonI18n, one of them from two proto files.
const EXAMPLE_PROGRAM: &str = r#"package dropin

import (
	"errors"
	"testing"

	"github.com/gotomicro/ego/core/eerrors"
	"google.golang.org/grpc/codes"

	manyv1 "acme.example/gen/go/many/v1"
	orderv1 "acme.example/gen/go/order/v1"
	userv1 "acme.example/gen/go/user/v1"
)

func TestEgoFlavourOnTheExampleModule(t *testing.T) {
	e := eerrors.FromError(userv1.USERERRORNOTFOUND())
	if e.Code != int32(codes.NotFound) || e.Reason != "acme.user.v1.USER_ERROR_NOT_FOUND" || e.Message != "user {user_id} not found" {
		t.Errorf("built %v", e)
	}
	if got := eerrors.FromError(userv1.USERERRORSTORAGEFAILURE()); got.Code != int32(codes.Internal) || got.Message != "USER_ERROR_STORAGE_FAILURE" {
		t.Errorf("default code: %v", got)
	}
	if userv1.ReasonI18n(userv1.USERERRORNOTFOUND(), "de") != "Benutzer {user_id} nicht gefunden" ||
		userv1.ReasonI18n(userv1.USERERRORPASSWORDMISMATCH(), "cn") != "密码不匹配" ||
		userv1.ReasonI18n(orderv1.ORDERERRORNOTFOUND(), "zh") != "" ||
		orderv1.ReasonI18n(orderv1.ORDERERRORNOTFOUND(), "zh") != "订单 {order_id} 不存在" ||
		userv1.ReasonI18n(nil, "de") != "" {
		t.Error("ReasonI18n")
	}
	for _, c := range []struct {
		fn   func() eerrors.Error
		code codes.Code
	}{
		{orderv1.ORDERERRORALREADYPAID, codes.FailedPrecondition},
		{orderv1.ORDERERROROUTOFSTOCK, codes.ResourceExhausted},
		{orderv1.PaymentERRORCARDDECLINED, codes.FailedPrecondition},
		{orderv1.PaymentERRORPROVIDERUNAVAILABLE, codes.Unavailable},
		{userv1.USERERROREMAILTAKEN, codes.AlreadyExists},
	} {
		if got := eerrors.FromError(c.fn()).Code; got != int32(c.code) {
			t.Errorf("code %d, want %v", got, c.code)
		}
	}
	if manyv1.ReasonI18n(manyv1.AFAILED(), "en") != "A failed" || manyv1.ReasonI18n(manyv1.BFAILED(), "en") != "B failed" {
		t.Error("ReasonI18n of a package of two files")
	}
	if errors.Is(orderv1.PaymentERRORCARDDECLINED(), orderv1.ORDERERRORNOTFOUND()) {
		t.Error("distinct reasons")
	}
}
"#;

#[test]
fn a_domain_which_ego_cannot_send_is_reported() {
    let result = PluginRequest::compile(
        &["acme/user/v1/errors.proto"],
        &[root().join("proto")],
        "lang=go,flavour=ego,domain=user.acme.example",
    )
    .unwrap()
    .run(protoc_gen_errors::run);
    assert_eq!(
        result.unwrap_err().to_string(),
        "flavour=ego: acme.user.v1.USER_ERROR_NOT_FOUND has the domain \"user.acme.example\", which ego's runtime \
         cannot send (its ErrorInfo carries no domain); leave domain= and reason_style=aip out with flavour=ego"
    );
}
