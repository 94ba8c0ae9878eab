// A team's program using the published Go module of the example API: the
// generated client calls user-server, the generated error API and the
// runtime tell which error came back.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	orderv1 "acme.example/gen/go/order/v1"
	userv1 "acme.example/gen/go/user/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"
	"protosmith.dev/grpcerrors"
	"protosmith.dev/grpcerrors/optionspb"
)

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "consumer:", err)
		os.Exit(1)
	}
}

func run(address string) error {
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := userv1.NewUserServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	reply, err := client.GetUser(ctx, &userv1.GetUserRequest{UserId: "u-1"})
	if err != nil {
		return fmt.Errorf("GetUser(u-1): %w", err)
	}
	if name := reply.GetUser().GetName(); name != "Ada" {
		return fmt.Errorf("GetUser(u-1): name %q, want Ada", name)
	}

	_, err = client.GetUser(ctx, &userv1.GetUserRequest{UserId: "u-404"})
	if !userv1.IsUserErrorNotFound(err) {
		return fmt.Errorf("GetUser(u-404): %v is not USER_ERROR_NOT_FOUND", err)
	}
	if !grpcerrors.Is(err, userv1.NewUserErrorNotFound("any")) {
		return fmt.Errorf("GetUser(u-404): grpcerrors.Is says %v is not USER_ERROR_NOT_FOUND", err)
	}
	decoded := grpcerrors.FromError(err)
	if decoded.Code() != codes.NotFound {
		return fmt.Errorf("GetUser(u-404): code %v, want NotFound", decoded.Code())
	}
	if id := decoded.Metadata()["user_id"]; id != "u-404" {
		return fmt.Errorf("GetUser(u-404): metadata user_id %q, want u-404", id)
	}
	// order.proto's options, read with the runtime's optionspb: the
	// package's code imports it from there and holds no copy of its own.
	options := orderv1.OrderError(0).Descriptor().Options()
	errorsOption, _ := proto.GetExtension(options, optionspb.E_Errors).(*optionspb.ErrorEnumOptions)
	if got := errorsOption.GetDefaultCode(); got != optionspb.Code_FAILED_PRECONDITION {
		return fmt.Errorf("(protosmith.errors.v1.errors) of OrderError: default_code %v, want FAILED_PRECONDITION", got)
	}
	fmt.Printf("ok: u-1 is Ada; u-404 is %s (%v, user_id=%s)\n", decoded.Reason(), decoded.Code(), decoded.Metadata()["user_id"])
	return nil
}
