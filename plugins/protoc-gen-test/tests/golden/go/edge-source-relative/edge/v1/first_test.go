// Tests of the services in edge/v1/first.proto, written by protoc-gen-test and
// yours from then on: fill in the rows of each table (what to send, what
// you want back), add rows and code as you like. Regenerating keeps all of
// it and adds only what is missing: tests of new methods and what they need.
//
// A row wants either responses (want) or an error (wantErr): an error of the
// generated registry, such as edgev1.ErrXxx, matched by errors.Is and by its
// gRPC code on the wire. Streamed responses are compared in order.
//
// The tests call your servers: set each new...Server hook below once, in a
// file of your own; until then the tests skip.

package edgev1_test

import (
	"context"
	"errors"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/proto"
	"protosmith.dev/grpcerrors"

	userv1 "acme.example/gen/go/user/v1"
	edgev1 "edge.example/gen/edge/v1"
	emptypb "google.golang.org/protobuf/types/known/emptypb"
)

// newAlphaServer builds the edge.v1.Alpha under test, afresh for each row.
// Set it in a file protoc-gen-test does not write (first_server_test.go, say)
// to your implementation, with what it needs (fakes, a test database):
//
//	func init() {
//		newAlphaServer = func(t *testing.T) edgev1.AlphaServer {
//			return myservice.New(...)
//		}
//	}
//
// Until it is set, the tests of Alpha skip.
var newAlphaServer func(t *testing.T) edgev1.AlphaServer

// dialAlpha serves newAlphaServer's server on an in-memory connection
// (bufconn), with protosmith's error interceptors as your server runs them, and
// returns a client of it. Both are closed when t ends.
func dialAlpha(t *testing.T) edgev1.AlphaClient {
	t.Helper()
	if newAlphaServer == nil {
		t.Skip("newAlphaServer is not set: set it to your Alpha in a file of your own (see first_test.go)")
	}
	listener := bufconn.Listen(1 << 20)
	server := grpc.NewServer(
		grpc.ChainUnaryInterceptor(grpcerrors.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(grpcerrors.StreamServerInterceptor()),
	)
	edgev1.RegisterAlphaServer(server, newAlphaServer(t))
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return listener.DialContext(ctx)
		}),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	)
	if err != nil {
		t.Fatalf("connecting to the in-memory Alpha: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return edgev1.NewAlphaClient(conn)
}

// matchAlphaError reports err unless it is the error a row wants (none
// when wantErr is nil), and tells whether it is: the same error by errors.Is
// (reason and domain), with the same gRPC code on the wire.
func matchAlphaError(t *testing.T, err error, wantErr *grpcerrors.Error) bool {
	t.Helper()
	switch {
	case wantErr == nil && err != nil:
		t.Errorf("got error %v, want none", err)
	case wantErr == nil:
		return true
	case err == nil:
		t.Errorf("got no error, want %v", wantErr)
	case !errors.Is(grpcerrors.FromError(err), wantErr):
		t.Errorf("got error %v, want %v", err, wantErr)
	case status.Code(err) != wantErr.Code():
		t.Errorf("got code %v, want %v: %v", status.Code(err), wantErr.Code(), err)
	default:
		return true
	}
	return false
}

// newBetaServer builds the edge.v1.Beta under test, afresh for each row.
// Set it in a file protoc-gen-test does not write (first_server_test.go, say)
// to your implementation, with what it needs (fakes, a test database):
//
//	func init() {
//		newBetaServer = func(t *testing.T) edgev1.BetaServer {
//			return myservice.New(...)
//		}
//	}
//
// Until it is set, the tests of Beta skip.
var newBetaServer func(t *testing.T) edgev1.BetaServer

// dialBeta serves newBetaServer's server on an in-memory connection
// (bufconn), with protosmith's error interceptors as your server runs them, and
// returns a client of it. Both are closed when t ends.
func dialBeta(t *testing.T) edgev1.BetaClient {
	t.Helper()
	if newBetaServer == nil {
		t.Skip("newBetaServer is not set: set it to your Beta in a file of your own (see first_test.go)")
	}
	listener := bufconn.Listen(1 << 20)
	server := grpc.NewServer(
		grpc.ChainUnaryInterceptor(grpcerrors.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(grpcerrors.StreamServerInterceptor()),
	)
	edgev1.RegisterBetaServer(server, newBetaServer(t))
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return listener.DialContext(ctx)
		}),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	)
	if err != nil {
		t.Fatalf("connecting to the in-memory Beta: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return edgev1.NewBetaClient(conn)
}

// matchBetaError reports err unless it is the error a row wants (none
// when wantErr is nil), and tells whether it is: the same error by errors.Is
// (reason and domain), with the same gRPC code on the wire.
func matchBetaError(t *testing.T, err error, wantErr *grpcerrors.Error) bool {
	t.Helper()
	switch {
	case wantErr == nil && err != nil:
		t.Errorf("got error %v, want none", err)
	case wantErr == nil:
		return true
	case err == nil:
		t.Errorf("got no error, want %v", wantErr)
	case !errors.Is(grpcerrors.FromError(err), wantErr):
		t.Errorf("got error %v, want %v", err, wantErr)
	case status.Code(err) != wantErr.Code():
		t.Errorf("got code %v, want %v: %v", status.Code(err), wantErr.Code(), err)
	default:
		return true
	}
	return false
}

// Get takes a nested message and returns Empty.
//
// Tests /edge.v1.Alpha/Get.
func TestAlpha_Get(t *testing.T) {
	tests := []struct {
		name    string
		req     *edgev1.Outer_Inner
		want    *emptypb.Empty
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", req: &edgev1.Outer_Inner{}, want: &emptypb.Empty{}},
		// {name: "fails", req: &edgev1.Outer_Inner{}, wantErr: edgev1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestAlpha_Get in first_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialAlpha(t)
			got, err := client.Get(t.Context(), tt.req)
			if matchAlphaError(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// Type is a Rust keyword once snake-cased.
//
// Tests /edge.v1.Alpha/Type.
func TestAlpha_Type(t *testing.T) {
	tests := []struct {
		name    string
		req     *emptypb.Empty
		want    *userv1.User
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", req: &emptypb.Empty{}, want: &userv1.User{}},
		// {name: "fails", req: &emptypb.Empty{}, wantErr: edgev1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestAlpha_Type in first_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialAlpha(t)
			got, err := client.Type(t.Context(), tt.req)
			if matchAlphaError(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// Get echoes.
//
// Tests /edge.v1.Beta/Get.
func TestBeta_Get(t *testing.T) {
	tests := []struct {
		name    string
		req     *edgev1.Outer
		want    *edgev1.Outer
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", req: &edgev1.Outer{}, want: &edgev1.Outer{}},
		// {name: "fails", req: &edgev1.Outer{}, wantErr: edgev1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestBeta_Get in first_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialBeta(t)
			got, err := client.Get(t.Context(), tt.req)
			if matchBetaError(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
