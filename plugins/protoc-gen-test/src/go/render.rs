//! The Go code protoc-gen-test writes, laid out as gofmt prints it (a test
//! runs `gofmt -l` on it): the file head, per service a harness (the hook
//! the user sets, an in-memory server and client, the checks), per method a
//! table test.
//!
//! Each top-level declaration is a [`Piece`] with its name and the imports
//! it uses, so regeneration can add exactly the pieces a file lacks, with
//! their imports.

use std::collections::BTreeSet;
use std::fmt::Write;

use protosmith_core::lang::go::comment_lines;
use protosmith_core::model::{Method, Service};

use super::{Context, method_name, method_path, service_name, test_name};

/// An import: (alias, path); an empty alias imports under the package's name.
pub type Import = (String, String);

/// A top-level declaration of a test file.
pub struct Piece {
    /// The declared name, by which regeneration tells whether a file has it.
    pub name: String,
    pub text: String,
    pub imports: BTreeSet<Import>,
}

impl Piece {
    fn new(name: String, text: String, imports: &[&str]) -> Piece {
        Piece {
            name,
            text,
            imports: imports
                .iter()
                .map(|path| (String::new(), (*path).to_owned()))
                .collect(),
        }
    }

    /// Every import the pieces use.
    pub fn imports_of(pieces: &[Piece]) -> BTreeSet<Import> {
        pieces
            .iter()
            .flat_map(|p| p.imports.iter().cloned())
            .collect()
    }
}

const RUNTIME: &str = "protosmith.dev/grpcerrors";

/// The standard library's import paths have no dot in their first element.
pub fn is_std(path: &str) -> bool {
    !path.split('/').next().unwrap_or(path).contains('.')
}

/// The comment, package clause and imports of a new test file: the
/// standard library, then other modules, then the proto packages, each
/// group sorted by path as gofmt sorts it.
pub fn head(ctx: &Context, imports: &BTreeSet<Import>) -> String {
    let mut out = format!(
        "// Tests of the services in {file}, written by protoc-gen-test and\n\
         // yours from then on: fill in the rows of each table (what to send, what\n\
         // you want back), add rows and code as you like. Regenerating keeps all of\n\
         // it and adds only what is missing: tests of new methods and what they need.\n\
         //\n\
         // A row wants either responses (want) or an error (wantErr): an error of the\n\
         // generated registry, such as {own}.ErrXxx, matched by errors.Is and by its\n\
         // gRPC code on the wire. Streamed responses are compared in order.\n\
         //\n\
         // The tests call your servers: set each new...Server hook below once, in a\n\
         // file of your own; until then the tests skip.\n\
         \n\
         package {package}_test\n\
         \n\
         import (\n",
        file = comment_lines(&ctx.file.name).join(" "),
        own = ctx.own_alias,
        package = ctx.package_name,
    );
    let groups: [Vec<&Import>; 3] = [
        imports.iter().filter(|(_, p)| is_std(p)).collect(),
        imports
            .iter()
            .filter(|(_, p)| !is_std(p) && !ctx.proto_imports.contains_key(p))
            .collect(),
        imports
            .iter()
            .filter(|(_, p)| ctx.proto_imports.contains_key(p))
            .collect(),
    ];
    let mut first = true;
    for mut group in groups {
        if group.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        group.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
        for import in group {
            let _ = writeln!(out, "\t{}", import_spec(import));
        }
    }
    out.push_str(")\n");
    out
}

/// `"io"` or `userv1 "acme.example/gen/go/user/v1"`.
pub fn import_spec((alias, path): &Import) -> String {
    if alias.is_empty() {
        format!("\"{path}\"")
    } else {
        format!("{alias} \"{path}\"")
    }
}

pub fn hook_name(service: &Service) -> String {
    format!("new{}Server", service_name(service))
}

fn dial_name(service: &Service) -> String {
    format!("dial{}", service_name(service))
}

fn match_name(service: &Service) -> String {
    format!("match{}Error", service_name(service))
}

fn recv_name(service: &Service) -> String {
    format!("recv{}", service_name(service))
}

fn equal_name(service: &Service) -> String {
    format!("equal{}", service_name(service))
}

/// The harness of a service: its hook, dial and error check, and the
/// stream helpers when a method streams responses.
pub fn harness(ctx: &Context, service: &Service) -> Vec<Piece> {
    let name = service_name(service);
    let own = &ctx.own_alias;
    let own_import = (own.clone(), ctx.own_path.clone());
    let hook = hook_name(service);
    let dial = dial_name(service);
    let mut pieces = Vec::new();

    let mut hook_piece = Piece::new(
        hook.clone(),
        format!(
            "// {hook} builds the {full} under test, afresh for each row.\n\
             // Set it in a file protoc-gen-test does not write ({server_file}, say)\n\
             // to your implementation, with what it needs (fakes, a test database):\n\
             //\n\
             //\tfunc init() {{\n\
             //\t\t{hook} = func(t *testing.T) {own}.{name}Server {{\n\
             //\t\t\treturn myservice.New(...)\n\
             //\t\t}}\n\
             //\t}}\n\
             //\n\
             // Until it is set, the tests of {name} skip.\n\
             var {hook} func(t *testing.T) {own}.{name}Server\n",
            full = service.full_name,
            server_file = ctx.server_file(),
        ),
        &["testing"],
    );
    hook_piece.imports.insert(own_import.clone());
    pieces.push(hook_piece);

    let mut dial_piece = Piece::new(
        dial.clone(),
        format!(
            "// {dial} serves {hook}'s server on an in-memory connection\n\
             // (bufconn), with protosmith's error interceptors as your server runs them, and\n\
             // returns a client of it. Both are closed when t ends.\n\
             func {dial}(t *testing.T) {own}.{name}Client {{\n\
             \tt.Helper()\n\
             \tif {hook} == nil {{\n\
             \t\tt.Skip({skip})\n\
             \t}}\n\
             \tlistener := bufconn.Listen(1 << 20)\n\
             \tserver := grpc.NewServer(\n\
             \t\tgrpc.ChainUnaryInterceptor(grpcerrors.UnaryServerInterceptor()),\n\
             \t\tgrpc.ChainStreamInterceptor(grpcerrors.StreamServerInterceptor()),\n\
             \t)\n\
             \t{own}.Register{name}Server(server, {hook}(t))\n\
             \tgo func() {{ _ = server.Serve(listener) }}()\n\
             \tt.Cleanup(server.Stop)\n\
             \tconn, err := grpc.NewClient(\"passthrough:///bufconn\",\n\
             \t\tgrpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {{\n\
             \t\t\treturn listener.DialContext(ctx)\n\
             \t\t}}),\n\
             \t\tgrpc.WithTransportCredentials(insecure.NewCredentials()),\n\
             \t)\n\
             \tif err != nil {{\n\
             \t\tt.Fatalf(\"connecting to the in-memory {name}: %v\", err)\n\
             \t}}\n\
             \tt.Cleanup(func() {{ _ = conn.Close() }})\n\
             \treturn {own}.New{name}Client(conn)\n\
             }}\n",
            skip = go_string(&format!(
                "{hook} is not set: set it to your {name} in a file of your own (see {})",
                ctx.test_file
            )),
        ),
        &[
            "context",
            "net",
            "testing",
            "google.golang.org/grpc",
            "google.golang.org/grpc/credentials/insecure",
            "google.golang.org/grpc/test/bufconn",
            RUNTIME,
        ],
    );
    dial_piece.imports.insert(own_import);
    pieces.push(dial_piece);

    let check = match_name(service);
    pieces.push(Piece::new(
        check.clone(),
        format!(
            "// {check} reports err unless it is the error a row wants (none\n\
             // when wantErr is nil), and tells whether it is: the same error by errors.Is\n\
             // (reason and domain), with the same gRPC code on the wire.\n\
             func {check}(t *testing.T, err error, wantErr *grpcerrors.Error) bool {{\n\
             \tt.Helper()\n\
             \tswitch {{\n\
             \tcase wantErr == nil && err != nil:\n\
             \t\tt.Errorf(\"got error %v, want none\", err)\n\
             \tcase wantErr == nil:\n\
             \t\treturn true\n\
             \tcase err == nil:\n\
             \t\tt.Errorf(\"got no error, want %v\", wantErr)\n\
             \tcase !errors.Is(grpcerrors.FromError(err), wantErr):\n\
             \t\tt.Errorf(\"got error %v, want %v\", err, wantErr)\n\
             \tcase status.Code(err) != wantErr.Code():\n\
             \t\tt.Errorf(\"got code %v, want %v: %v\", status.Code(err), wantErr.Code(), err)\n\
             \tdefault:\n\
             \t\treturn true\n\
             \t}}\n\
             \treturn false\n\
             }}\n"
        ),
        &[
            "errors",
            "testing",
            "google.golang.org/grpc/status",
            RUNTIME,
        ],
    ));

    if service.methods.iter().any(|m| m.server_streaming) {
        let recv = recv_name(service);
        pieces.push(Piece::new(
            recv.clone(),
            format!(
                "// {recv} reads a response stream to its end: the responses, and the\n\
                 // error that ended it (none at io.EOF). err is the error of opening it.\n\
                 func {recv}[M any](stream interface{{ Recv() (M, error) }}, err error) ([]M, error) {{\n\
                 \tif err != nil {{\n\
                 \t\treturn nil, err\n\
                 \t}}\n\
                 \tvar got []M\n\
                 \tfor {{\n\
                 \t\tresponse, err := stream.Recv()\n\
                 \t\tif errors.Is(err, io.EOF) {{\n\
                 \t\t\treturn got, nil\n\
                 \t\t}}\n\
                 \t\tif err != nil {{\n\
                 \t\t\treturn got, err\n\
                 \t\t}}\n\
                 \t\tgot = append(got, response)\n\
                 \t}}\n\
                 }}\n"
            ),
            &["errors", "io"],
        ));
        let equal = equal_name(service);
        pieces.push(Piece::new(
            equal.clone(),
            format!(
                "// {equal} reports whether two response streams hold equal messages in\n\
                 // the same order.\n\
                 func {equal}[M proto.Message](got, want []M) bool {{\n\
                 \tif len(got) != len(want) {{\n\
                 \t\treturn false\n\
                 \t}}\n\
                 \tfor i := range got {{\n\
                 \t\tif !proto.Equal(got[i], want[i]) {{\n\
                 \t\t\treturn false\n\
                 \t\t}}\n\
                 \t}}\n\
                 \treturn true\n\
                 }}\n"
            ),
            &["google.golang.org/protobuf/proto"],
        ));
    }
    pieces
}

/// The table test of one method, its table empty: rows are the user's.
pub fn test(ctx: &Context, service: &Service, method: &Method) -> Piece {
    let name = test_name(service, method);
    let input = ctx.message(&method.input_type);
    let output = ctx.message(&method.output_type);
    let call = method_name(method);
    let dial = dial_name(service);
    let check = match_name(service);
    let mut out = String::new();
    let prose = comment_lines(method.docs.prose());
    for line in &prose {
        comment(&mut out, "", line);
    }
    if !prose.is_empty() {
        out.push_str("//\n");
    }
    let _ = writeln!(out, "// Tests {}.", method_path(service, method));
    let _ = writeln!(out, "func {name}(t *testing.T) {{");
    let (req_field, req_type, req_example) = if method.client_streaming {
        ("reqs", format!("[]*{input}"), format!("[]*{input}{{{{}}}}"))
    } else {
        ("req ", format!("*{input}"), format!("&{input}{{}}"))
    };
    let (want_type, want_example) = if method.server_streaming {
        (format!("[]*{output}"), format!("[]*{output}{{{{}}}}"))
    } else {
        (format!("*{output}"), format!("&{output}{{}}"))
    };
    let req_key = req_field.trim_end();
    let _ = write!(
        out,
        "\ttests := []struct {{\n\
         \t\tname    string\n\
         \t\t{req_field}    {req_type}\n\
         \t\twant    {want_type}\n\
         \t\twantErr *grpcerrors.Error\n\
         \t}}{{\n\
         \t\t// {{name: \"ok\", {req_key}: {req_example}, want: {want_example}}},\n\
         \t\t// {{name: \"fails\", {req_key}: {req_example}, wantErr: {own}.ErrXxx}},\n\
         \t}}\n\
         \tif len(tests) == 0 {{\n\
         \t\tt.Skip({skip})\n\
         \t}}\n\
         \tfor _, tt := range tests {{\n\
         \t\tt.Run(tt.name, func(t *testing.T) {{\n\
         \t\t\tclient := {dial}(t)\n",
        own = ctx.own_alias,
        skip = go_string(&format!(
            "no rows yet: fill in the table of {name} in {}",
            ctx.test_file
        )),
    );
    let body = match (method.client_streaming, method.server_streaming) {
        (false, false) => format!(
            "got, err := client.{call}(t.Context(), tt.req)\n\
             if {check}(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {{\n\
             \tt.Errorf(\"got %v, want %v\", got, tt.want)\n\
             }}\n"
        ),
        (false, true) => format!(
            "stream, err := client.{call}(t.Context(), tt.req)\n\
             got, err := {recv}(stream, err)\n\
             if {check}(t, err, tt.wantErr) && !{equal}(got, tt.want) {{\n\
             \tt.Errorf(\"got %v, want %v\", got, tt.want)\n\
             }}\n",
            recv = recv_name(service),
            equal = equal_name(service),
        ),
        (true, server_streaming) => {
            let mut body = format!(
                "stream, err := client.{call}(t.Context())\n\
                 if err != nil {{\n\
                 \tt.Fatalf(\"opening the stream: %v\", err)\n\
                 }}\n\
                 for _, req := range tt.reqs {{\n\
                 \tif err := stream.Send(req); err != nil {{\n\
                 \t\tbreak // the server ended the call: its error comes next\n\
                 \t}}\n\
                 }}\n"
            );
            if server_streaming {
                let _ = write!(
                    body,
                    "if err := stream.CloseSend(); err != nil {{\n\
                     \tt.Fatalf(\"closing the stream: %v\", err)\n\
                     }}\n\
                     got, err := {recv}(stream, nil)\n\
                     if {check}(t, err, tt.wantErr) && !{equal}(got, tt.want) {{\n\
                     \tt.Errorf(\"got %v, want %v\", got, tt.want)\n\
                     }}\n",
                    recv = recv_name(service),
                    equal = equal_name(service),
                );
            } else {
                let _ = write!(
                    body,
                    "got, err := stream.CloseAndRecv()\n\
                     if {check}(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {{\n\
                     \tt.Errorf(\"got %v, want %v\", got, tt.want)\n\
                     }}\n"
                );
            }
            body
        }
    };
    for line in body.lines() {
        let _ = writeln!(out, "\t\t\t{line}");
    }
    out.push_str("\t\t})\n\t}\n}\n");

    let mut imports: BTreeSet<Import> = ["testing", RUNTIME]
        .iter()
        .map(|p| (String::new(), (*p).to_owned()))
        .collect();
    if !method.server_streaming {
        imports.insert((String::new(), "google.golang.org/protobuf/proto".to_owned()));
    }
    for message in [&method.input_type, &method.output_type] {
        imports.extend(ctx.import_of(message));
    }
    Piece {
        name,
        text: out,
        imports,
    }
}

fn comment(out: &mut String, indent: &str, line: &str) {
    if line.is_empty() {
        let _ = writeln!(out, "{indent}//");
    } else {
        let _ = writeln!(out, "{indent}// {line}");
    }
}

/// A Go string literal of ASCII text the generator wrote (names are ASCII).
fn go_string(text: &str) -> String {
    protosmith_core::lang::go::string_literal(text)
}
