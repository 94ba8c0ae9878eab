// Tests of the services in edge/v1/second.proto, written by protoc-gen-test and
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
	"io"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/proto"
	"protosmith.dev/grpcerrors"

	edgev1 "edge.example/gen/edge/v1"
)

// newGammaServer builds the edge.v1.Gamma under test, afresh for each row.
// Set it in a file protoc-gen-test does not write (second_server_test.go, say)
// to your implementation, with what it needs (fakes, a test database):
//
//	func init() {
//		newGammaServer = func(t *testing.T) edgev1.GammaServer {
//			return myservice.New(...)
//		}
//	}
//
// Until it is set, the tests of Gamma skip.
var newGammaServer func(t *testing.T) edgev1.GammaServer

// dialGamma serves newGammaServer's server on an in-memory connection
// (bufconn), with protosmith's error interceptors as your server runs them, and
// returns a client of it. Both are closed when t ends.
func dialGamma(t *testing.T) edgev1.GammaClient {
	t.Helper()
	if newGammaServer == nil {
		t.Skip("newGammaServer is not set: set it to your Gamma in a file of your own (see second_test.go)")
	}
	listener := bufconn.Listen(1 << 20)
	server := grpc.NewServer(
		grpc.ChainUnaryInterceptor(grpcerrors.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(grpcerrors.StreamServerInterceptor()),
	)
	edgev1.RegisterGammaServer(server, newGammaServer(t))
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return listener.DialContext(ctx)
		}),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	)
	if err != nil {
		t.Fatalf("connecting to the in-memory Gamma: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return edgev1.NewGammaClient(conn)
}

// matchGammaError reports err unless it is the error a row wants (none
// when wantErr is nil), and tells whether it is: the same error by errors.Is
// (reason and domain), with the same gRPC code on the wire.
func matchGammaError(t *testing.T, err error, wantErr *grpcerrors.Error) bool {
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

// recvGamma reads a response stream to its end: the responses, and the
// error that ended it (none at io.EOF). err is the error of opening it.
func recvGamma[M any](stream interface{ Recv() (M, error) }, err error) ([]M, error) {
	if err != nil {
		return nil, err
	}
	var got []M
	for {
		response, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		got = append(got, response)
	}
}

// equalGamma reports whether two response streams hold equal messages in
// the same order.
func equalGamma[M proto.Message](got, want []M) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !proto.Equal(got[i], want[i]) {
			return false
		}
	}
	return true
}

// Get streams.
//
// Tests /edge.v1.Gamma/Get.
func TestGamma_Get(t *testing.T) {
	tests := []struct {
		name    string
		req     *edgev1.Outer
		want    []*edgev1.Outer
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", req: &edgev1.Outer{}, want: []*edgev1.Outer{{}}},
		// {name: "fails", req: &edgev1.Outer{}, wantErr: edgev1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestGamma_Get in second_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialGamma(t)
			stream, err := client.Get(t.Context(), tt.req)
			got, err := recvGamma(stream, err)
			if matchGammaError(t, err, tt.wantErr) && !equalGamma(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// Match is a keyword; client streaming.
//
// Tests /edge.v1.Gamma/Match.
func TestGamma_Match(t *testing.T) {
	tests := []struct {
		name    string
		reqs    []*edgev1.Outer
		want    *edgev1.Outer
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", reqs: []*edgev1.Outer{{}}, want: &edgev1.Outer{}},
		// {name: "fails", reqs: []*edgev1.Outer{{}}, wantErr: edgev1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestGamma_Match in second_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialGamma(t)
			stream, err := client.Match(t.Context())
			if err != nil {
				t.Fatalf("opening the stream: %v", err)
			}
			for _, req := range tt.reqs {
				if err := stream.Send(req); err != nil {
					break // the server ended the call: its error comes next
				}
			}
			got, err := stream.CloseAndRecv()
			if matchGammaError(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// Loop is a keyword; bidirectional.
//
// Tests /edge.v1.Gamma/Loop.
func TestGamma_Loop(t *testing.T) {
	tests := []struct {
		name    string
		reqs    []*edgev1.Outer_Inner
		want    []*edgev1.Outer_Inner
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", reqs: []*edgev1.Outer_Inner{{}}, want: []*edgev1.Outer_Inner{{}}},
		// {name: "fails", reqs: []*edgev1.Outer_Inner{{}}, wantErr: edgev1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestGamma_Loop in second_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialGamma(t)
			stream, err := client.Loop(t.Context())
			if err != nil {
				t.Fatalf("opening the stream: %v", err)
			}
			for _, req := range tt.reqs {
				if err := stream.Send(req); err != nil {
					break // the server ended the call: its error comes next
				}
			}
			if err := stream.CloseSend(); err != nil {
				t.Fatalf("closing the stream: %v", err)
			}
			got, err := recvGamma(stream, nil)
			if matchGammaError(t, err, tt.wantErr) && !equalGamma(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
