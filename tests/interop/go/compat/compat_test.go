// Package compat_test checks that Go services built with ego or kratos and
// services using protosmith's runtime understand each other's errors over
// real gRPC on 127.0.0.1 (docs: /work/shared/anchors.md, "Readers of the wire
// contract"): ego v1.2.7's core/eerrors and kratos v2.9.2's errors.
package compat_test

import (
	"context"
	"errors"
	"maps"
	"net"
	"testing"

	kerrors "github.com/go-kratos/kratos/v2/errors"
	"github.com/gotomicro/ego/core/eerrors"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	userv1 "acme.example/gen/go/user/v1"
	"protosmith.dev/grpcerrors"
)

// serve answers every call with the error raise returns, through the
// runtime's server interceptor, and returns a plain grpc-go connection to it.
func serve(t *testing.T, raise func() error) *grpc.ClientConn {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer(grpc.UnaryInterceptor(grpcerrors.UnaryServerInterceptor()))
	server.RegisterService(&grpc.ServiceDesc{
		ServiceName: "protosmith.compat.v1.Compat",
		HandlerType: (*any)(nil),
		Methods: []grpc.MethodDesc{{
			MethodName: "Raise",
			Handler: func(_ any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
				in := new(wrapperspb.StringValue)
				if err := dec(in); err != nil {
					return nil, err
				}
				info := &grpc.UnaryServerInfo{FullMethod: "/protosmith.compat.v1.Compat/Raise"}
				return interceptor(ctx, in, info, func(context.Context, any) (any, error) { return nil, raise() })
			},
		}},
	}, struct{}{})
	go func() { _ = server.Serve(lis) }()
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func call(t *testing.T, conn *grpc.ClientConn) error {
	t.Helper()
	ctx := grpcerrors.WithAcceptLanguage(t.Context(), "de")
	err := conn.Invoke(ctx, "/protosmith.compat.v1.Compat/Raise", wrapperspb.String(""), new(wrapperspb.StringValue))
	if err == nil {
		t.Fatal("no error")
	}
	return err
}

func TestEgoReadsProtosmithErrors(t *testing.T) {
	err := call(t, serve(t, func() error { return userv1.NewUserErrorNotFound("u-404") }))

	got := eerrors.FromError(err)
	if got.Reason != "acme.user.v1.USER_ERROR_NOT_FOUND" || got.Code != int32(codes.NotFound) ||
		got.Message != "user u-404 not found" || !maps.Equal(got.Metadata, map[string]string{"user_id": "u-404"}) {
		t.Errorf("ego decoded %v", got)
	}
	// An ego service that registered the same error (ego's generator names
	// reasons the same way) compares equal.
	registered := eerrors.New(int(codes.NotFound), "acme.user.v1.USER_ERROR_NOT_FOUND", "USER_ERROR_NOT_FOUND")
	eerrors.Register(registered)
	if !errors.Is(eerrors.FromError(err), registered) {
		t.Error("ego: errors.Is against its registered error")
	}
}

func TestKratosReadsProtosmithErrors(t *testing.T) {
	err := call(t, serve(t, func() error { return userv1.NewUserErrorNotFound("u-404") }))

	got := kerrors.FromError(err)
	if got.Reason != "acme.user.v1.USER_ERROR_NOT_FOUND" || got.Code != 404 || got.Message != "user u-404 not found" ||
		!maps.Equal(got.Metadata, map[string]string{"user_id": "u-404"}) {
		t.Errorf("kratos decoded %v", got)
	}
	if !errors.Is(got, kerrors.New(404, "acme.user.v1.USER_ERROR_NOT_FOUND", "")) {
		t.Error("kratos: errors.Is by HTTP code and reason")
	}
}

func TestProtosmithReadsEgoErrors(t *testing.T) {
	// What an ego service generated from the same proto returns.
	egoErr := eerrors.New(int(codes.Internal), "acme.user.v1.USER_ERROR_NOT_FOUND", "no such user").
		WithMd(map[string]string{"user_id": "u-1"})
	err := call(t, serve(t, func() error { return egoErr }))

	got := grpcerrors.FromError(err)
	if !errors.Is(got, userv1.ErrUserErrorNotFound) || !userv1.IsUserErrorNotFound(err) {
		t.Errorf("not the generated definition: %v", got)
	}
	// The reason is registered here, so the registry's code wins over the wire's.
	if got.Code() != codes.NotFound || got.Message() != "no such user" || got.Metadata()["user_id"] != "u-1" {
		t.Errorf("decoded %v %v", got, got.Metadata())
	}
	// ego sends no domain; the generated ego-style definitions have none.
	if got.Domain() != "" || status.Code(err) != codes.Internal {
		t.Errorf("domain %q, wire code %v", got.Domain(), status.Code(err))
	}
}

func TestProtosmithReadsKratosErrors(t *testing.T) {
	kratosErr := kerrors.New(409, "USER_NOT_FOUND", "user u-1 not found").WithMetadata(map[string]string{"id": "u-1"})
	err := call(t, serve(t, func() error { return kratosErr }))

	got := grpcerrors.FromError(err)
	// kratos sends HTTP 409 as ABORTED; the reason is not registered here, so
	// the wire code stays, and reads back as 409.
	if got.Reason() != "USER_NOT_FOUND" || got.Domain() != "" || got.Code() != codes.Aborted || got.HTTPStatus() != 409 ||
		got.Message() != "user u-1 not found" || got.Metadata()["id"] != "u-1" {
		t.Errorf("decoded %v %v", got, got.Metadata())
	}
	if !errors.Is(got, grpcerrors.New(codes.Unknown, "USER_NOT_FOUND", "")) || errors.Is(got, userv1.ErrUserErrorNotFound) {
		t.Error("identity is (reason, domain)")
	}
}
