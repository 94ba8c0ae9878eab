//! The generated Go tests run: user_test.go for the example module
//! (proto/acme/user/v1, all four method shapes) is generated into a Go
//! module beside protoc-gen-go v1.36.12 and protoc-gen-go-grpc 1.6.2 output
//! and the example's error registry (the protoc-gen-errors golden file in
//! tests/interop/go/gen), its rows are filled in as a developer would (a
//! success and an expected protosmith error per method), and
//! tests/fixtures/go/user_server_test.go points the hook at a small
//! implementation. Then: regenerating keeps every row, gofmt and go vet are
//! clean, the tests pass, and rows with a wrong response or a wrong error
//! fail, so the generated checks do assert. The naming fixture's tests
//! (tests/fixtures/edge, mapped into the same module) go through go vet too.
//!
//! One `go test -c` builds the test binary; its two runs select the rows
//! with -test.skip and -test.run. Needs Go 1.26 and protoc on the PATH (ci/lang/go.sh
//! installs protoc; protoc-gen-go and protoc-gen-go-grpc are installed into
//! <repo>/.tools/go/bin when missing, as tests/interop/go/build.sh does):
//! this test fails, not skips, without them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use protosmith_core::protocol::PluginRequest;

const PROTOC_GEN_GO: &str = "v1.36.12";
const PROTOC_GEN_GO_GRPC: &str = "v1.6.2";
const MODULE: &str = "acme.example/gen/go";
/// The naming fixture's files, mapped into the example's module.
const EDGE_PACKAGES: &str = "Medge/v1/first.proto=acme.example/gen/go/edge/v1;edgev1,\
    Medge/v1/second.proto=acme.example/gen/go/edge/v1;edgev1,\
    Medge/v1/deep/deep.proto=acme.example/gen/go/edge/v1/deep";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs `program` in `dir` with the tools directory first on the PATH.
fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    let tools = root().join(".tools/go/bin");
    let path = std::env::join_paths(std::iter::once(tools.clone()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("GOBIN", tools)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {program} ({e}): this test needs Go 1.26 and protoc on the PATH")
        })
}

fn ok(dir: &Path, program: &str, args: &[&str]) -> String {
    let output = run(dir, program, args);
    assert!(
        output.status.success(),
        "{program} {} failed:\n{}",
        args.join(" "),
        text(&output)
    );
    text(&output)
}

/// protoc-gen-go and protoc-gen-go-grpc at the versions the interop module uses.
fn install_generators(dir: &Path) {
    let version = |tool: &str| {
        let output = run(dir, tool, &["--version"]);
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    };
    let has =
        |tool: &str, want: String| std::panic::catch_unwind(|| version(tool)).ok() == Some(want);
    if !has("protoc-gen-go", format!("protoc-gen-go {PROTOC_GEN_GO}")) {
        ok(
            dir,
            "go",
            &[
                "install",
                &format!("google.golang.org/protobuf/cmd/protoc-gen-go@{PROTOC_GEN_GO}"),
            ],
        );
    }
    if !has(
        "protoc-gen-go-grpc",
        format!("protoc-gen-go-grpc {}", &PROTOC_GEN_GO_GRPC[1..]),
    ) {
        ok(
            dir,
            "go",
            &[
                "install",
                &format!("google.golang.org/grpc/cmd/protoc-gen-go-grpc@{PROTOC_GEN_GO_GRPC}"),
            ],
        );
    }
}

/// protoc-gen-test's output for user.proto, merged into what `dir` holds.
fn generate_tests(dir: &Path) -> String {
    let input = PluginRequest::compile(
        &["acme/user/v1/user.proto"],
        &[root().join("proto")],
        &format!("lang=go,module={MODULE},dir={}", dir.display()),
    )
    .unwrap();
    let files = input.run(protoc_gen_test::run).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "user/v1/user_test.go");
    files[0].content.clone()
}

/// `text` with the table of `test` holding `rows` instead of the generated
/// example comments, as a developer fills it in.
fn fill(text: &str, test: &str, rows: &str) -> String {
    let function = text
        .find(&format!("func {test}("))
        .unwrap_or_else(|| panic!("no {test}"));
    let open = function + text[function..].find("\t}{\n").unwrap() + "\t}{\n".len();
    let close = open + text[open..].find("\n\t}\n").unwrap() + 1;
    format!("{}{rows}{}", &text[..open], &text[close..])
}

const ADA: &str = "&userv1.User{UserId: \"u-1\", Name: \"Ada\", Email: \"ada@example.com\"}";
const ALAN: &str = "&userv1.User{UserId: \"u-2\", Name: \"Alan\", Email: \"alan@example.com\"}";

fn rows() -> [(&'static str, String); 4] {
    [
        (
            "TestUserService_GetUser",
            format!(
                "\t\t{{name: \"found\", req: &userv1.GetUserRequest{{UserId: \"u-1\"}}, want: &userv1.GetUserResponse{{User: {ADA}}}}},\n\
                 \t\t{{name: \"not found\", req: &userv1.GetUserRequest{{UserId: \"u-9\"}}, wantErr: userv1.ErrUserErrorNotFound}},\n\
                 \t\t{{name: \"wrong response\", req: &userv1.GetUserRequest{{UserId: \"u-1\"}}, want: &userv1.GetUserResponse{{User: {ALAN}}}}},\n\
                 \t\t{{name: \"wrong error\", req: &userv1.GetUserRequest{{UserId: \"u-9\"}}, wantErr: userv1.ErrUserErrorEmailTaken}},\n"
            ),
        ),
        (
            "TestUserService_ListUsers",
            format!(
                "\t\t{{name: \"prefix\", req: &userv1.ListUsersRequest{{NamePrefix: \"A\"}}, want: []*userv1.ListUsersResponse{{{{User: {ADA}}}, {{User: {ALAN}}}}}}},\n\
                 \t\t{{name: \"none\", req: &userv1.ListUsersRequest{{NamePrefix: \"Z\"}}}},\n\
                 \t\t{{name: \"wrong order\", req: &userv1.ListUsersRequest{{NamePrefix: \"A\"}}, want: []*userv1.ListUsersResponse{{{{User: {ALAN}}}, {{User: {ADA}}}}}}},\n"
            ),
        ),
        (
            "TestUserService_ImportUsers",
            "\t\t{name: \"two\", reqs: []*userv1.ImportUsersRequest{{User: &userv1.User{Email: \"grace@example.com\"}}, {User: &userv1.User{Email: \"edsger@example.com\"}}}, want: &userv1.ImportUsersResponse{Created: 2}},\n\
             \t\t{name: \"email taken\", reqs: []*userv1.ImportUsersRequest{{User: &userv1.User{Email: \"ada@example.com\"}}}, wantErr: userv1.ErrUserErrorEmailTaken},\n"
                .to_owned(),
        ),
        (
            "TestUserService_SyncUsers",
            format!(
                "\t\t{{name: \"stored\", reqs: []*userv1.SyncUsersRequest{{{{User: {ADA}}}}}, want: []*userv1.SyncUsersResponse{{{{User: {ADA}}}}}}},\n\
                 \t\t{{name: \"unknown user\", reqs: []*userv1.SyncUsersRequest{{{{User: &userv1.User{{UserId: \"u-9\"}}}}}}, wantErr: userv1.ErrUserErrorNotFound}},\n\
                 \t\t{{name: \"wrong code\", reqs: []*userv1.SyncUsersRequest{{{{User: &userv1.User{{UserId: \"u-9\"}}}}}}, wantErr: grpcerrors.New(13, \"acme.user.v1.USER_ERROR_NOT_FOUND\", \"\")}},\n"
            ),
        ),
    ]
}

#[test]
fn generated_go_tests_pass_against_a_real_server_and_fail_on_wrong_rows() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-run");
    std::fs::remove_dir_all(&scratch).ok();
    let module = scratch.join("gen");
    std::fs::create_dir_all(module.join("user/v1")).unwrap();

    // The module of the example's generated Go code, as tests/interop/go/gen is.
    let interop = root().join("tests/interop/go/gen");
    let go_mod = std::fs::read_to_string(interop.join("go.mod"))
        .unwrap()
        .replace(
            "=> ../../../../runtime/go",
            &format!("=> {}", root().join("runtime/go").display()),
        );
    std::fs::write(module.join("go.mod"), go_mod).unwrap();
    std::fs::copy(interop.join("go.sum"), module.join("go.sum")).unwrap();
    std::fs::copy(
        interop.join("user/v1/errors_errors.pb.go"),
        module.join("user/v1/errors_errors.pb.go"),
    )
    .unwrap();
    install_generators(&module);
    let proto = root().join("proto");
    let proto = proto.to_str().unwrap();
    ok(
        &module,
        "protoc",
        &[
            "-I",
            proto,
            "--go_out=.",
            &format!("--go_opt=module={MODULE}"),
            "--go-grpc_out=.",
            &format!("--go-grpc_opt=module={MODULE}"),
            "acme/user/v1/user.proto",
            "acme/user/v1/errors.proto",
        ],
    );

    // The naming fixture too (nested and well-known types, a message of
    // another package, two files and three services in one Go package, a
    // nested package), to be compiled by go vet with the rest.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let edge_opt = format!("module={MODULE},{EDGE_PACKAGES}");
    let include = std::env::var("PROTOC_INCLUDE").unwrap_or_else(|_| "/usr/include".to_owned());
    ok(
        &module,
        "protoc",
        &[
            "-I",
            fixtures.to_str().unwrap(),
            "-I",
            proto,
            "-I",
            &include,
            "--go_out=.",
            &format!("--go_opt={edge_opt}"),
            "--go-grpc_out=.",
            &format!("--go-grpc_opt={edge_opt}"),
            "edge/v1/first.proto",
            "edge/v1/second.proto",
            "edge/v1/deep/deep.proto",
        ],
    );
    let edge = PluginRequest::compile(
        &[
            "edge/v1/first.proto",
            "edge/v1/second.proto",
            "edge/v1/deep/deep.proto",
        ],
        &[fixtures, root().join("proto")],
        &format!("lang=go,{edge_opt},dir={}", module.display()),
    )
    .unwrap();
    for file in edge.run(protoc_gen_test::run).unwrap() {
        std::fs::write(module.join(&file.name), &file.content).unwrap();
    }

    // First generation, rows filled in, the developer's server beside it.
    let mut tests = generate_tests(&module);
    for (test, rows) in rows() {
        tests = fill(&tests, test, &rows);
    }
    let test_file = module.join("user/v1/user_test.go");
    std::fs::write(&test_file, &tests).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/go/user_server_test.go"),
        module.join("user/v1/user_server_test.go"),
    )
    .unwrap();
    assert_eq!(
        generate_tests(&module),
        tests,
        "regenerating changed the filled-in file"
    );

    assert_eq!(
        ok(&module, "gofmt", &["-l", "user/v1"]),
        "",
        "gofmt would change the filled-in tests"
    );
    ok(&module, "go", &["vet", "./..."]);
    let binary = scratch.join("user.test");
    ok(
        &module,
        "go",
        &["test", "-c", "-o", binary.to_str().unwrap(), "./user/v1"],
    );
    let binary = binary.to_str().unwrap();

    let passing = ok(&module, binary, &["-test.v", "-test.skip", "/wrong"]);
    for row in [
        "TestUserService_GetUser/found",
        "TestUserService_GetUser/not_found",
        "TestUserService_ListUsers/prefix",
        "TestUserService_ListUsers/none",
        "TestUserService_ImportUsers/two",
        "TestUserService_ImportUsers/email_taken",
        "TestUserService_SyncUsers/stored",
        "TestUserService_SyncUsers/unknown_user",
    ] {
        assert!(
            passing.contains(&format!("--- PASS: {row} ")),
            "{row} did not pass:\n{passing}"
        );
    }
    assert!(!passing.contains("SKIP"), "{passing}");

    let failing = run(&module, binary, &["-test.v", "-test.run", "/wrong"]);
    let out = text(&failing);
    assert!(
        !failing.status.success(),
        "rows with wrong expectations passed:\n{out}"
    );
    for (row, says) in [
        ("TestUserService_GetUser/wrong_response", "name:\"Alan\""),
        (
            "TestUserService_GetUser/wrong_error",
            "want ALREADY_EXISTS: USER_ERROR_EMAIL_TAKEN (reason acme.user.v1.USER_ERROR_EMAIL_TAKEN)",
        ),
        ("TestUserService_ListUsers/wrong_order", "], want ["),
        (
            "TestUserService_SyncUsers/wrong_code",
            "got code NotFound, want Internal",
        ),
    ] {
        assert!(
            out.contains(&format!("--- FAIL: {row} ")),
            "{row} did not fail:\n{out}"
        );
        assert!(out.contains(says), "{row}: no {says:?} in:\n{out}");
    }
    std::fs::remove_dir_all(&scratch).ok();
}
