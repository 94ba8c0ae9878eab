package grpcerrors

import (
	"context"
	"errors"
	"io"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// UnaryServerInterceptor returns a server interceptor that sends the *Error
// a handler's error is or wraps, localized for the caller's accept-language
// (unless it already carries a localized message). Sending the *Error itself
// keeps the declared message on the wire: grpc-go would otherwise send the
// text of the wrapping error. Other errors pass unchanged.
func UnaryServerInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := handler(ctx, req)
		return resp, toWire(ctx, err)
	}
}

// StreamServerInterceptor is UnaryServerInterceptor for streaming methods.
func StreamServerInterceptor() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		return toWire(ss.Context(), handler(srv, ss))
	}
}

func toWire(ctx context.Context, err error) error {
	var e *Error
	if err == nil || !errors.As(err, &e) || e == nil {
		return err
	}
	if e.loc == nil {
		e = e.WithLocaleFrom(ctx)
	}
	return e
}

// UnaryClientInterceptor returns a client interceptor that turns the status
// errors of grpc-go into *Error values (see [FromStatus]), so that
// errors.Is(err, userv1.ErrUserErrorNotFound) works on what a call returns.
// *Error implements GRPCStatus, so status.Code(err) and status.FromError(err)
// keep working.
func UnaryClientInterceptor() grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return fromClient(invoker(ctx, method, req, reply, cc, opts...))
	}
}

// StreamClientInterceptor is UnaryClientInterceptor for streaming methods:
// errors from opening the stream, Header, SendMsg, RecvMsg and CloseSend are
// turned into *Error values; io.EOF stays io.EOF.
func StreamClientInterceptor() grpc.StreamClientInterceptor {
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		cs, err := streamer(ctx, desc, cc, method, opts...)
		if err != nil {
			return nil, fromClient(err)
		}
		return clientStream{cs}, nil
	}
}

type clientStream struct{ grpc.ClientStream }

func (s clientStream) Header() (metadata.MD, error) {
	md, err := s.ClientStream.Header()
	return md, fromClient(err)
}

func (s clientStream) SendMsg(m any) error { return fromClient(s.ClientStream.SendMsg(m)) }

func (s clientStream) RecvMsg(m any) error { return fromClient(s.ClientStream.RecvMsg(m)) }

func (s clientStream) CloseSend() error { return fromClient(s.ClientStream.CloseSend()) }

func fromClient(err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	if s, ok := status.FromError(err); ok {
		return FromStatus(s)
	}
	return err
}

// Is reports whether err is, wraps, or carries as a gRPC status an error
// with target's reason and domain. It is errors.Is for code that did not
// install the client interceptors: a grpc-go status error is decoded first.
// A target without a reason matches nothing.
func Is(err error, target *Error) bool {
	if err == nil || target == nil || target.reason == "" {
		return false
	}
	return errors.Is(err, target) || FromError(err).Is(target)
}
