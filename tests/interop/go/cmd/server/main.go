// Command server is the Go row of the interop matrix (tests/interop/README.md):
// it answers /protosmith.interop.v1.Interop/Raise with the protosmith error
// the request describes, built with the runtime and the generated code of the
// example module, and localized by the runtime's server interceptor.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	// The generated code registers the example module's errors.
	_ "acme.example/gen/go/order/v1"
	_ "acme.example/gen/go/user/v1"
	"protosmith.dev/grpcerrors"
)

// raise is the request's JSON: a registered reason with its placeholder
// values, or an error built by hand.
type raise struct {
	Reason        string            `json:"reason"`
	Args          map[string]string `json:"args"`
	ExtraMetadata map[string]string `json:"extra_metadata"`
	Custom        *struct {
		Code     uint32            `json:"code"`
		Reason   string            `json:"reason"`
		Domain   string            `json:"domain"`
		Message  string            `json:"message"`
		Metadata map[string]string `json:"metadata"`
	} `json:"custom"`
}

func build(request string) error {
	var r raise
	if err := json.Unmarshal([]byte(request), &r); err != nil {
		return status.Errorf(codes.Internal, "unreadable raise JSON: %v", err)
	}
	if c := r.Custom; c != nil {
		e := grpcerrors.New(codes.Code(c.Code), c.Reason, c.Message).WithDomain(c.Domain)
		for _, k := range slices.Sorted(maps.Keys(c.Metadata)) {
			e = e.WithMetadata(k, c.Metadata[k])
		}
		return e
	}
	var def *grpcerrors.Error
	for _, registered := range grpcerrors.Registered() {
		if registered.Reason() == r.Reason {
			def = registered
			break
		}
	}
	if def == nil {
		return status.Errorf(codes.Internal, "reason %q is not registered", r.Reason)
	}
	e := def.WithArgs(r.Args)
	for _, k := range slices.Sorted(maps.Keys(r.ExtraMetadata)) {
		e = e.WithMetadata(k, r.ExtraMetadata[k])
	}
	return e
}

var service = grpc.ServiceDesc{
	ServiceName: "protosmith.interop.v1.Interop",
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Raise",
		Handler: func(_ any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
			in := new(wrapperspb.StringValue)
			if err := dec(in); err != nil {
				return nil, err
			}
			info := &grpc.UnaryServerInfo{FullMethod: "/protosmith.interop.v1.Interop/Raise"}
			return interceptor(ctx, in, info, func(_ context.Context, req any) (any, error) {
				return nil, build(req.(*wrapperspb.StringValue).GetValue())
			})
		},
	}},
}

func main() {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	if dups := grpcerrors.Duplicates(); len(dups) > 0 {
		log.Fatalf("duplicate error definitions: %+v", dups)
	}
	server := grpc.NewServer(grpc.UnaryInterceptor(grpcerrors.UnaryServerInterceptor()))
	server.RegisterService(&service, struct{}{})
	// os.Stdout is unbuffered: the line is out before Serve starts.
	fmt.Printf("listening %s\n", lis.Addr())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop <- syscall.SIGTERM
	}()
	go func() {
		<-stop
		server.Stop()
	}()
	if err := server.Serve(lis); err != nil {
		log.Fatal(err)
	}
}
