package grpcerrors_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"protosmith.dev/grpcerrors"
)

// raise answers every call with the error its request names.
func raise(ctx context.Context, name string) error {
	switch name {
	case "not-found":
		return notFound("u-404")
	case "wrapped":
		return fmt.Errorf("loading user: %w", notFound("u-404").WithCause(io.ErrUnexpectedEOF))
	case "plain":
		return status.Error(codes.Unavailable, "try again")
	case "localized-by-hand":
		return notFound("u-1").WithLocaleFrom(ctx)
	}
	return nil
}

var testService = grpc.ServiceDesc{
	ServiceName: "protosmith.test.v1.Test",
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Raise",
		Handler: func(_ any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
			in := new(wrapperspb.StringValue)
			if err := dec(in); err != nil {
				return nil, err
			}
			handler := func(ctx context.Context, req any) (any, error) {
				return nil, raise(ctx, req.(*wrapperspb.StringValue).GetValue())
			}
			return interceptor(ctx, in, &grpc.UnaryServerInfo{FullMethod: "/protosmith.test.v1.Test/Raise"}, handler)
		},
	}},
	Streams: []grpc.StreamDesc{{
		StreamName:    "RaiseStream",
		ServerStreams: true,
		Handler: func(_ any, stream grpc.ServerStream) error {
			in := new(wrapperspb.StringValue)
			if err := stream.RecvMsg(in); err != nil {
				return err
			}
			if err := stream.SendMsg(wrapperspb.String("first")); err != nil {
				return err
			}
			return raise(stream.Context(), in.GetValue())
		},
	}},
}

// serve starts a real gRPC server on 127.0.0.1 with the runtime's server
// interceptors and returns a connection to it with the client interceptors,
// and one without.
func serve(t *testing.T) (intercepted, bare *grpc.ClientConn) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer(
		grpc.UnaryInterceptor(grpcerrors.UnaryServerInterceptor()),
		grpc.StreamInterceptor(grpcerrors.StreamServerInterceptor()),
	)
	server.RegisterService(&testService, struct{}{})
	go func() { _ = server.Serve(lis) }()
	t.Cleanup(server.Stop)
	dial := func(opts ...grpc.DialOption) *grpc.ClientConn {
		conn, err := grpc.NewClient(lis.Addr().String(), append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()))...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = conn.Close() })
		return conn
	}
	return dial(
		grpc.WithUnaryInterceptor(grpcerrors.UnaryClientInterceptor()),
		grpc.WithStreamInterceptor(grpcerrors.StreamClientInterceptor()),
	), dial()
}

func call(ctx context.Context, conn *grpc.ClientConn, name string) error {
	return conn.Invoke(ctx, "/protosmith.test.v1.Test/Raise", wrapperspb.String(name), new(wrapperspb.StringValue))
}

func TestOverGRPC(t *testing.T) {
	conn, bare := serve(t)
	ctx := t.Context()

	t.Run("errors.Is on what the intercepted client returns", func(t *testing.T) {
		err := call(ctx, conn, "not-found")
		if !errors.Is(err, errNotFound) || errors.Is(err, errTaken) {
			t.Fatalf("errors.Is: %v", err)
		}
		var e *grpcerrors.Error
		if !errors.As(err, &e) || e.Message() != "user u-404 not found" || e.Metadata()["user_id"] != "u-404" || e.HTTPStatus() != 404 {
			t.Errorf("decoded %v", err)
		}
		if status.Code(err) != codes.NotFound {
			t.Errorf("status.Code = %v", status.Code(err))
		}
		if _, ok := e.Localized(); ok {
			t.Error("localized without accept-language")
		}
	})

	t.Run("without the client interceptor, Is and FromError decode", func(t *testing.T) {
		err := call(ctx, bare, "not-found")
		if errors.Is(err, errNotFound) {
			t.Error("expected grpc-go's own error type here")
		}
		if !grpcerrors.Is(err, errNotFound) || grpcerrors.FromError(err).Metadata()["user_id"] != "u-404" {
			t.Errorf("decoded %v", err)
		}
		// Plain grpc-go reads the same details.
		details := status.Convert(err).Details()
		if info, ok := details[0].(*errdetails.ErrorInfo); !ok || info.Reason != "test.v1.TEST_ERROR_NOT_FOUND" {
			t.Errorf("details %v", details)
		}
	})

	t.Run("a wrapped error is sent with its declared message, the cause stays", func(t *testing.T) {
		err := call(ctx, conn, "wrapped")
		if !errors.Is(err, errNotFound) || errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("decoded %v", err)
		}
		if msg := grpcerrors.FromError(err).Message(); msg != "user u-404 not found" {
			t.Errorf("wire message %q", msg)
		}
	})

	t.Run("accept-language gives a LocalizedMessage, the message stays", func(t *testing.T) {
		for _, name := range []string{"not-found", "localized-by-hand"} {
			err := call(grpcerrors.WithAcceptLanguage(ctx, "de-AT, en;q=0.5"), conn, name)
			e := grpcerrors.FromError(err)
			l, ok := e.Localized()
			if !ok || l.Locale != "de" || l.Message[:8] != "Benutzer" || e.Message()[:4] != "user" {
				t.Errorf("%s: %v %+v", name, e, l)
			}
		}
		err := call(grpcerrors.WithAcceptLanguage(ctx, "fr"), conn, "not-found")
		if _, ok := grpcerrors.FromError(err).Localized(); ok {
			t.Error("no French translation exists")
		}
	})

	t.Run("a plain status has no reason", func(t *testing.T) {
		err := call(ctx, conn, "plain")
		e := grpcerrors.FromError(err)
		if e.Code() != codes.Unavailable || e.Reason() != "" || e.Message() != "try again" || errors.Is(err, errNotFound) {
			t.Errorf("decoded %v", e)
		}
	})

	t.Run("streams", func(t *testing.T) {
		stream, err := conn.NewStream(ctx, &testService.Streams[0], "/protosmith.test.v1.Test/RaiseStream")
		if err != nil {
			t.Fatal(err)
		}
		if err := stream.SendMsg(wrapperspb.String("not-found")); err != nil {
			t.Fatal(err)
		}
		if err := stream.CloseSend(); err != nil {
			t.Fatal(err)
		}
		if err := stream.RecvMsg(new(wrapperspb.StringValue)); err != nil {
			t.Fatalf("first message: %v", err)
		}
		err = stream.RecvMsg(new(wrapperspb.StringValue))
		if !errors.Is(err, errNotFound) {
			t.Errorf("stream error %v", err)
		}
	})
}
