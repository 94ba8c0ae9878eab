// Tests of the services in acme/user/v1/user.proto, written by protoc-gen-test and
// yours from then on: fill in the rows of each table (what to send, what
// you want back), add rows and code as you like. Regenerating keeps all of
// it and adds only what is missing: tests of new methods and what they need.
//
// A row wants either responses (want) or an error (wantErr): an error of the
// generated registry, such as userv1.ErrXxx, matched by errors.Is and by its
// gRPC code on the wire. Streamed responses are compared in order.
//
// The tests call your servers: set each new...Server hook below once, in a
// file of your own; until then the tests skip.

package userv1_test

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

	userv1 "acme.example/gen/go/user/v1"
)

// newUserServiceServer builds the acme.user.v1.UserService under test, afresh for each row.
// Set it in a file protoc-gen-test does not write (user_server_test.go, say)
// to your implementation, with what it needs (fakes, a test database):
//
//	func init() {
//		newUserServiceServer = func(t *testing.T) userv1.UserServiceServer {
//			return myservice.New(...)
//		}
//	}
//
// Until it is set, the tests of UserService skip.
var newUserServiceServer func(t *testing.T) userv1.UserServiceServer

// dialUserService serves newUserServiceServer's server on an in-memory connection
// (bufconn), with protosmith's error interceptors as your server runs them, and
// returns a client of it. Both are closed when t ends.
func dialUserService(t *testing.T) userv1.UserServiceClient {
	t.Helper()
	if newUserServiceServer == nil {
		t.Skip("newUserServiceServer is not set: set it to your UserService in a file of your own (see user_test.go)")
	}
	listener := bufconn.Listen(1 << 20)
	server := grpc.NewServer(
		grpc.ChainUnaryInterceptor(grpcerrors.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(grpcerrors.StreamServerInterceptor()),
	)
	userv1.RegisterUserServiceServer(server, newUserServiceServer(t))
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return listener.DialContext(ctx)
		}),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	)
	if err != nil {
		t.Fatalf("connecting to the in-memory UserService: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return userv1.NewUserServiceClient(conn)
}

// matchUserServiceError reports err unless it is the error a row wants (none
// when wantErr is nil), and tells whether it is: the same error by errors.Is
// (reason and domain), with the same gRPC code on the wire.
func matchUserServiceError(t *testing.T, err error, wantErr *grpcerrors.Error) bool {
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

// recvUserService reads a response stream to its end: the responses, and the
// error that ended it (none at io.EOF). err is the error of opening it.
func recvUserService[M any](stream interface{ Recv() (M, error) }, err error) ([]M, error) {
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

// equalUserService reports whether two response streams hold equal messages in
// the same order.
func equalUserService[M proto.Message](got, want []M) bool {
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

// GetUser returns one user by id.
//
// Tests /acme.user.v1.UserService/GetUser.
func TestUserService_GetUser(t *testing.T) {
	tests := []struct {
		name    string
		req     *userv1.GetUserRequest
		want    *userv1.GetUserResponse
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", req: &userv1.GetUserRequest{}, want: &userv1.GetUserResponse{}},
		// {name: "fails", req: &userv1.GetUserRequest{}, wantErr: userv1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestUserService_GetUser in user_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialUserService(t)
			got, err := client.GetUser(t.Context(), tt.req)
			if matchUserServiceError(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// ListUsers streams every user whose name starts with a prefix.
//
// Tests /acme.user.v1.UserService/ListUsers.
func TestUserService_ListUsers(t *testing.T) {
	tests := []struct {
		name    string
		req     *userv1.ListUsersRequest
		want    []*userv1.ListUsersResponse
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", req: &userv1.ListUsersRequest{}, want: []*userv1.ListUsersResponse{{}}},
		// {name: "fails", req: &userv1.ListUsersRequest{}, wantErr: userv1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestUserService_ListUsers in user_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialUserService(t)
			stream, err := client.ListUsers(t.Context(), tt.req)
			got, err := recvUserService(stream, err)
			if matchUserServiceError(t, err, tt.wantErr) && !equalUserService(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// ImportUsers creates users from a stream and reports how many were created.
//
// Tests /acme.user.v1.UserService/ImportUsers.
func TestUserService_ImportUsers(t *testing.T) {
	tests := []struct {
		name    string
		reqs    []*userv1.ImportUsersRequest
		want    *userv1.ImportUsersResponse
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", reqs: []*userv1.ImportUsersRequest{{}}, want: &userv1.ImportUsersResponse{}},
		// {name: "fails", reqs: []*userv1.ImportUsersRequest{{}}, wantErr: userv1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestUserService_ImportUsers in user_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialUserService(t)
			stream, err := client.ImportUsers(t.Context())
			if err != nil {
				t.Fatalf("opening the stream: %v", err)
			}
			for _, req := range tt.reqs {
				if err := stream.Send(req); err != nil {
					break // the server ended the call: its error comes next
				}
			}
			got, err := stream.CloseAndRecv()
			if matchUserServiceError(t, err, tt.wantErr) && !proto.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// SyncUsers answers each incoming change with the user as stored.
//
// Tests /acme.user.v1.UserService/SyncUsers.
func TestUserService_SyncUsers(t *testing.T) {
	tests := []struct {
		name    string
		reqs    []*userv1.SyncUsersRequest
		want    []*userv1.SyncUsersResponse
		wantErr *grpcerrors.Error
	}{
		// {name: "ok", reqs: []*userv1.SyncUsersRequest{{}}, want: []*userv1.SyncUsersResponse{{}}},
		// {name: "fails", reqs: []*userv1.SyncUsersRequest{{}}, wantErr: userv1.ErrXxx},
	}
	if len(tests) == 0 {
		t.Skip("no rows yet: fill in the table of TestUserService_SyncUsers in user_test.go")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := dialUserService(t)
			stream, err := client.SyncUsers(t.Context())
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
			got, err := recvUserService(stream, nil)
			if matchUserServiceError(t, err, tt.wantErr) && !equalUserService(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
