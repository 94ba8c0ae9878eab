//! The Go emitter's edge fixture (tests/fixtures/go/edge/v1/edge.proto:
//! nested and deprecated enums, keywords and colliding placeholders, long
//! names, comments with `*/`, U+202E and control characters): its output is
//! a golden file (tests/golden/go/), and is built in a scratch Go module
//! with the runtime, checked with `go vet` and `gofmt -l`, and run by a Go
//! test. Go 1.26 must be on the PATH: these tests fail, not skip, without it.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test go_compile` rewrites the golden file.

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

fn edge() -> Vec<GeneratedFile> {
    let input = PluginRequest::compile(
        &["edge/v1/edge.proto"],
        &[manifest().join("tests/fixtures/go")],
        "lang=go,module=edge.example/gen",
    )
    .expect("the edge fixture compiles");
    input
        .run(protoc_gen_errors::run)
        .expect("the edge fixture generates")
}

/// Runs `go` with `args` in `dir`, failing with its output.
fn go(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("go")
        .args(args)
        .current_dir(dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run go ({e}): install Go 1.26 or later (https://go.dev/dl); these tests need it")
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "go {} failed in {}:\n{text}",
        args.join(" "),
        dir.display()
    );
    text
}

/// A Go module holding `files`, requiring the runtime from runtime/go and
/// the versions the interop module pins (so the module cache has them).
fn scratch_module(name: &str, files: &[GeneratedFile]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("protosmith-go-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    let interop = root().join("tests/interop/go/gen");
    let go_mod = std::fs::read_to_string(interop.join("go.mod"))
        .unwrap()
        .replace("module acme.example/gen/go", "module edge.example/gen")
        .replace(
            "=> ../../../../runtime/go",
            &format!(
                "=> {}",
                root().join("runtime/go").canonicalize().unwrap().display()
            ),
        );
    std::fs::write(dir.join("go.mod"), go_mod).unwrap();
    std::fs::copy(interop.join("go.sum"), dir.join("go.sum")).unwrap();
    for file in files {
        let path = dir.join(&file.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.content).unwrap();
    }
    dir
}

#[test]
fn edge_output_matches_its_golden_file() {
    let files = edge();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["edge/v1/edge_errors.pb.go"]);
    protosmith_core::golden::assert_matches(&manifest().join("tests/golden/go"), &files);
}

#[test]
fn edge_output_is_gofmt_clean_vet_clean_and_runs() {
    let mut files = edge();
    files.push(GeneratedFile {
        name: "edge/v1/edge_run_test.go".to_owned(),
        content: RUN_TEST.to_owned(),
    });
    let dir = scratch_module("edge", &files);
    let unformatted = go_fmt_list(&dir);
    assert_eq!(unformatted, "", "gofmt would reformat the generated files");
    go(&dir, &["vet", "./..."]);
    let out = go(&dir, &["test", "-count=1", "-v", "./..."]);
    assert!(out.contains("--- PASS: TestGenerated"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

fn go_fmt_list(dir: &Path) -> String {
    let output = Command::new("gofmt")
        .args(["-l", "."])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gofmt ({e}): install Go 1.26 or later"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn edge_generation_is_deterministic() {
    let first = edge();
    for _ in 0..3 {
        assert_eq!(edge(), first);
    }
}

/// Exercises the generated API: names, escaped parameters, the rendered
/// messages and metadata, nested and negative values, errors.Is.
const RUN_TEST: &str = r#"package edgev1

import (
	"errors"
	"fmt"
	"testing"

	"google.golang.org/grpc/codes"
)

func TestGenerated(t *testing.T) {
	err := NewEdgeErrorClashingPlaceholders("T", "U", "V", "S", "C", "A", "W", "L")
	if got, want := err.Message(), "T U V S C A W L {literal} T"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	md := err.Metadata()
	for key, want := range map[string]string{"type": "T", "user_id": "U", "userID": "V", "string": "S", "codes": "C", "_": "A", "USER_ID": "W", "len": "L"} {
		if md[key] != want {
			t.Errorf("metadata %s = %q, want %q", key, md[key], want)
		}
	}
	if !IsEdgeErrorClashingPlaceholders(err) || !errors.Is(err, ErrEdgeErrorClashingPlaceholders) {
		t.Error("not its own kind")
	}
	if IsEdgeErrorQuotedMessage(err) {
		t.Error("matches another kind")
	}
	if got, want := NewEdgeErrorQuotedMessage("n").Message(), "say \"hi\" to C:\\dir\nnext line \u202e n"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	long := NewEdgeErrorTheUpstreamInventoryReservationServiceDidNotConfirmTheUpstreamInventoryReservationServiceDidNotConfirmTheUpstreamInventoryReservationServiceDidNotConfirm("s", "o", "5")
	if long.Code() != codes.ResourceExhausted || long.Metadata()["timeout_ms"] != "5" {
		t.Errorf("long: %v", long)
	}
	for _, c := range []struct {
		err    error
		code   codes.Code
		reason string
	}{
		{NewError3dsFailed(), codes.Unauthenticated, "edge.v1.ERROR_3DS_FAILED"},
		{NewEdgeErrorOld(), codes.Canceled, "edge.v1.EDGE_ERROR_OLD"},
		{NewEdgeErrorNegative(), codes.DataLoss, "edge.v1.EDGE_ERROR_NEGATIVE"},
		{NewOldErrorGone(), codes.Aborted, "edge.v1.OLD_ERROR_GONE"},
		{NewOuterInnerMsgKindBroken("7"), codes.OutOfRange, "edge.v1.Outer.inner_msg.KIND_BROKEN"},
		{NewOuterStatusDown(), codes.Unavailable, "edge.v1.Outer.STATUS_DOWN"},
	} {
		e := c.err.(interface {
			Code() codes.Code
			Reason() string
		})
		if e.Code() != c.code || e.Reason() != c.reason {
			t.Errorf("%v: code %v reason %q, want %v %q", c.err, e.Code(), e.Reason(), c.code, c.reason)
		}
	}
	if def, ok := ErrEdgeErrorNegative.Definition(); !ok || def.Number != -1 {
		t.Errorf("negative: %+v", def)
	}
	if got := fmt.Sprint(NewOuterInnerMsgKindBroken("7").Message()); got != "7 is out of range" {
		t.Errorf("nested message %q", got)
	}
}
"#;
