// Command goclient is an interoperability probe: a plain grpc-go client that
// calls one unary method on a (Rust, tonic) server and reports, as JSON, how
// the outcome looks to Go.
//
// It exists to prove the wire contract for errors: the server sends a
// google.rpc.Status, carrying google.rpc.ErrorInfo details, in the
// grpc-status-details-bin trailer, and a stock Go client must be able to read
// it the standard way — status.FromError followed by Status.Details — with no
// protosmith-specific code. Message types are not compiled in; they are
// loaded at run time from a binary google.protobuf.FileDescriptorSet and
// handled with dynamicpb, so the same binary works against any service.
//
// Usage:
//
//	go run . -addr 127.0.0.1:50051 -descriptors set.binpb \
//		-method /acme.user.v1.UserService/GetUser -request '{"userId":"42"}' \
//		-header accept-language=de
//
// It prints exactly one JSON object on stdout and exits 0, whether or not
// the RPC succeeded:
//
//	{"code":"NOT_FOUND","code_number":5,"message":"user 42 not found",
//	 "details":[{"type":"google.rpc.ErrorInfo","reason":"...","domain":"...",
//	 "metadata":{"user_id":"42"}}],"response":null}
//
// Failures that are not the RPC's own (bad flags, unreadable descriptors,
// malformed request JSON, unreachable server) go to stderr with exit code 2.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/connectivity"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
)

// timeout bounds both connecting to the server and the RPC itself.
const timeout = 10 * time.Second

// codeNames maps gRPC status codes to their canonical upper-snake names, as
// used by the gRPC spec and google.rpc.Code (codes.Code.String() returns
// CamelCase instead).
var codeNames = map[codes.Code]string{
	codes.OK:                 "OK",
	codes.Canceled:           "CANCELLED",
	codes.Unknown:            "UNKNOWN",
	codes.InvalidArgument:    "INVALID_ARGUMENT",
	codes.DeadlineExceeded:   "DEADLINE_EXCEEDED",
	codes.NotFound:           "NOT_FOUND",
	codes.AlreadyExists:      "ALREADY_EXISTS",
	codes.PermissionDenied:   "PERMISSION_DENIED",
	codes.ResourceExhausted:  "RESOURCE_EXHAUSTED",
	codes.FailedPrecondition: "FAILED_PRECONDITION",
	codes.Aborted:            "ABORTED",
	codes.OutOfRange:         "OUT_OF_RANGE",
	codes.Unimplemented:      "UNIMPLEMENTED",
	codes.Internal:           "INTERNAL",
	codes.Unavailable:        "UNAVAILABLE",
	codes.DataLoss:           "DATA_LOSS",
	codes.Unauthenticated:    "UNAUTHENTICATED",
}

// result is the single JSON object written to stdout.
type result struct {
	Code       string          `json:"code"`
	CodeNumber uint32          `json:"code_number"`
	Message    string          `json:"message"`
	Details    []any           `json:"details"` // errorInfo, localizedMessage, otherDetail or badDetail
	Response   json.RawMessage `json:"response"`
}

// errorInfo is the JSON form of a google.rpc.ErrorInfo detail.
type errorInfo struct {
	Type     string            `json:"type"`
	Reason   string            `json:"reason"`
	Domain   string            `json:"domain"`
	Metadata map[string]string `json:"metadata"`
}

// localizedMessage is the JSON form of a google.rpc.LocalizedMessage detail.
type localizedMessage struct {
	Type    string `json:"type"`
	Locale  string `json:"locale"`
	Message string `json:"message"`
}

// headers collects repeated -header key=value flags as outgoing metadata.
type headers []string

func (h *headers) String() string { return strings.Join(*h, ",") }

func (h *headers) Set(value string) error {
	key, val, ok := strings.Cut(value, "=")
	if !ok || key == "" {
		return fmt.Errorf("want key=value, got %q", value)
	}
	*h = append(*h, key, val)
	return nil
}

// otherDetail is the JSON form of any other detail type.
type otherDetail struct {
	Type string `json:"type"`
}

// badDetail is the JSON form of a detail that could not be unpacked.
type badDetail struct {
	Type  string `json:"type"` // always "error"
	Error string `json:"error"`
}

func main() {
	addr := flag.String("addr", "", "server address, HOST:PORT (plaintext)")
	descriptors := flag.String("descriptors", "", "path to a binary google.protobuf.FileDescriptorSet")
	method := flag.String("method", "", "full gRPC method path, /pkg.Service/Method (unary only)")
	request := flag.String("request", "{}", "request message as protobuf JSON")
	var sent headers
	flag.Var(&sent, "header", "request metadata as key=value (repeatable), e.g. accept-language=de")
	flag.Parse()

	if flag.NArg() > 0 {
		fail("unexpected arguments: %q", flag.Args())
	}
	if *addr == "" || *descriptors == "" || *method == "" {
		fail("-addr, -descriptors and -method are required")
	}

	files, err := loadFiles(*descriptors)
	if err != nil {
		fail("%v", err)
	}
	types := dynamicpb.NewTypes(files)

	md, err := findMethod(files, *method)
	if err != nil {
		fail("%v", err)
	}
	req := dynamicpb.NewMessage(md.Input())
	if err := (protojson.UnmarshalOptions{Resolver: types}).Unmarshal([]byte(*request), req); err != nil {
		fail("parsing -request as %s: %v", md.Input().FullName(), err)
	}
	resp := dynamicpb.NewMessage(md.Output())

	conn, err := connect(*addr)
	if err != nil {
		fail("%v", err)
	}
	defer conn.Close()

	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ctx = metadata.AppendToOutgoingContext(ctx, sent...)
	rpcErr := conn.Invoke(ctx, *method, req, resp)

	out, err := report(rpcErr, resp, types)
	if err != nil {
		fail("%v", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fail("encoding result: %v", err)
	}
	if _, err := os.Stdout.Write(buf.Bytes()); err != nil {
		fail("writing result: %v", err)
	}
}

// fail reports a non-RPC failure and exits with status 2.
func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "goclient: "+format+"\n", args...)
	os.Exit(2)
}

// loadFiles reads a binary FileDescriptorSet and builds a registry from it.
// Imports of well-known types missing from the set (for example when it was
// produced without --include_imports) are taken from the ones linked into
// this binary.
func loadFiles(path string) (*protoregistry.Files, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading descriptors: %w", err)
	}
	var set descriptorpb.FileDescriptorSet
	if err := proto.Unmarshal(raw, &set); err != nil {
		return nil, fmt.Errorf("decoding %s as google.protobuf.FileDescriptorSet: %w", path, err)
	}
	present := make(map[string]bool, len(set.File))
	for _, f := range set.File {
		present[f.GetName()] = true
	}
	var missing []*descriptorpb.FileDescriptorProto
	for _, f := range set.File {
		for _, dep := range f.GetDependency() {
			if present[dep] {
				continue
			}
			if fd, err := protoregistry.GlobalFiles.FindFileByPath(dep); err == nil {
				missing = append(missing, protodesc.ToFileDescriptorProto(fd))
				present[dep] = true
			}
		}
	}
	set.File = append(missing, set.File...)

	files, err := protodesc.NewFiles(&set)
	if err != nil {
		return nil, fmt.Errorf("building descriptors from %s: %w", path, err)
	}
	return files, nil
}

// findMethod resolves a gRPC method path such as /pkg.Service/Method to its
// descriptor, requiring it to be unary.
func findMethod(files *protoregistry.Files, path string) (protoreflect.MethodDescriptor, error) {
	service, name, ok := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !strings.HasPrefix(path, "/") || !ok || service == "" || name == "" || strings.Contains(name, "/") {
		return nil, fmt.Errorf("-method %q is not of the form /pkg.Service/Method", path)
	}
	d, err := files.FindDescriptorByName(protoreflect.FullName(service))
	if err != nil {
		return nil, fmt.Errorf("service %s not found in descriptors: %w", service, err)
	}
	sd, ok := d.(protoreflect.ServiceDescriptor)
	if !ok {
		return nil, fmt.Errorf("%s is not a service", service)
	}
	md := sd.Methods().ByName(protoreflect.Name(name))
	if md == nil {
		return nil, fmt.Errorf("service %s has no method %s", service, name)
	}
	if md.IsStreamingClient() || md.IsStreamingServer() {
		return nil, fmt.Errorf("method %s is streaming; only unary methods are supported", md.FullName())
	}
	return md, nil
}

// connect dials addr without TLS and waits until the connection is ready, so
// that an unreachable server is reported as a setup failure rather than being
// mistaken for an UNAVAILABLE status sent by the server.
func connect(addr string) (*grpc.ClientConn, error) {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, fmt.Errorf("creating client for %s: %w", addr, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	conn.Connect()
	for {
		state := conn.GetState()
		switch state {
		case connectivity.Ready:
			return conn, nil
		case connectivity.TransientFailure, connectivity.Shutdown:
			conn.Close()
			return nil, fmt.Errorf("cannot connect to %s (state %s)", addr, state)
		}
		if !conn.WaitForStateChange(ctx, state) {
			conn.Close()
			return nil, fmt.Errorf("cannot connect to %s: %w", addr, ctx.Err())
		}
	}
}

// report turns the outcome of the RPC into the result printed on stdout.
func report(rpcErr error, resp proto.Message, types *dynamicpb.Types) (result, error) {
	st, _ := status.FromError(rpcErr) // a nil error yields an OK status
	out := result{
		Code:       codeName(st.Code()),
		CodeNumber: uint32(st.Code()),
		Message:    st.Message(),
		Details:    []any{},
		Response:   json.RawMessage("null"),
	}
	if rpcErr == nil {
		b, err := (protojson.MarshalOptions{Resolver: types}).Marshal(resp)
		if err != nil {
			return result{}, fmt.Errorf("encoding response as JSON: %w", err)
		}
		out.Response = b
	}

	// Details returns one entry per google.rpc.Status.details element, in
	// order, so the raw Any is available for error messages.
	raw := st.Proto().GetDetails()
	for i, d := range st.Details() {
		out.Details = append(out.Details, describe(d, raw[i].GetTypeUrl()))
	}
	return out, nil
}

// describe converts one element of status.Status.Details into its JSON form.
func describe(d any, typeURL string) any {
	switch d := d.(type) {
	case *errdetails.ErrorInfo:
		md := d.GetMetadata()
		if md == nil {
			md = map[string]string{} // print {} rather than null
		}
		return errorInfo{
			Type:     string(d.ProtoReflect().Descriptor().FullName()),
			Reason:   d.GetReason(),
			Domain:   d.GetDomain(),
			Metadata: md,
		}
	case *errdetails.LocalizedMessage:
		return localizedMessage{
			Type:    string(d.ProtoReflect().Descriptor().FullName()),
			Locale:  d.GetLocale(),
			Message: d.GetMessage(),
		}
	case error:
		return badDetail{Type: "error", Error: fmt.Sprintf("unpacking %s: %v", typeURL, d)}
	case proto.Message:
		return otherDetail{Type: string(d.ProtoReflect().Descriptor().FullName())}
	case protoadapt.MessageV1:
		return otherDetail{Type: string(protoadapt.MessageV2Of(d).ProtoReflect().Descriptor().FullName())}
	default:
		return badDetail{Type: "error", Error: fmt.Sprintf("unexpected detail %T for %s", d, typeURL)}
	}
}

// codeName returns the canonical upper-snake name of c.
func codeName(c codes.Code) string {
	if name, ok := codeNames[c]; ok {
		return name
	}
	return c.String() // "Code(N)" for codes outside the gRPC spec
}
