package grpcerrors_test

import (
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"

	"protosmith.dev/grpcerrors"
)

func Example() {
	// Generated code defines each error once (this is errNotFound above):
	//
	//	var ErrUserErrorNotFound = grpcerrors.Define(grpcerrors.Definition{...})
	//
	// A handler returns an instance; the server interceptor localizes it.
	sent := notFound("u-404").WithLocale("de-AT, en;q=0.5")

	// What a client with grpcerrors.UnaryClientInterceptor receives.
	received := grpcerrors.FromStatus(sent.GRPCStatus())
	fmt.Println(errors.Is(received, errNotFound), received.HTTPStatus())
	fmt.Println(received.Message(), received.Metadata())
	localized, _ := received.Localized()
	fmt.Println(localized.Locale, localized.Message)
	// Output:
	// true 404
	// user u-404 not found map[user_id:u-404]
	// de Benutzer u-404 nicht gefunden
}

func ExampleNew() {
	locked := grpcerrors.New(codes.Aborted, "INVENTORY_LOCKED", "sku-1 is locked").
		WithDomain("inventory.acme.example").
		WithMetadata("sku", "sku-1")
	fmt.Println(locked)
	// Output: ABORTED: sku-1 is locked (reason INVENTORY_LOCKED, domain inventory.acme.example)
}
