// Command client is the Go column of the interop matrix
// (tests/interop/README.md): it calls Raise on the server at ADDR for every
// case of CASES_JSON and checks the error it gets back, decoded by the
// runtime's client interceptor and compared with the generated definitions
// of the example module, exactly as a user would.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/wrapperspb"

	orderv1 "acme.example/gen/go/order/v1"
	userv1 "acme.example/gen/go/user/v1"
	"protosmith.dev/grpcerrors"
)

// definition is what the generated code offers for one error.
type definition struct {
	err *grpcerrors.Error
	is  func(error) bool
}

// generated maps each reason of the example module to its generated
// definition and Is helper.
var generated = map[string]definition{
	"acme.user.v1.USER_ERROR_NOT_FOUND":                {userv1.ErrUserErrorNotFound, userv1.IsUserErrorNotFound},
	"acme.user.v1.USER_ERROR_EMAIL_TAKEN":              {userv1.ErrUserErrorEmailTaken, userv1.IsUserErrorEmailTaken},
	"acme.user.v1.USER_ERROR_PASSWORD_MISMATCH":        {userv1.ErrUserErrorPasswordMismatch, userv1.IsUserErrorPasswordMismatch},
	"acme.user.v1.USER_ERROR_STORAGE_FAILURE":          {userv1.ErrUserErrorStorageFailure, userv1.IsUserErrorStorageFailure},
	"acme.order.v1.ORDER_ERROR_NOT_FOUND":              {orderv1.ErrOrderErrorNotFound, orderv1.IsOrderErrorNotFound},
	"acme.order.v1.ORDER_ERROR_OUT_OF_STOCK":           {orderv1.ErrOrderErrorOutOfStock, orderv1.IsOrderErrorOutOfStock},
	"acme.order.v1.ORDER_ERROR_ALREADY_PAID":           {orderv1.ErrOrderErrorAlreadyPaid, orderv1.IsOrderErrorAlreadyPaid},
	"acme.order.v1.Payment.ERROR_CARD_DECLINED":        {orderv1.ErrPaymentErrorCardDeclined, orderv1.IsPaymentErrorCardDeclined},
	"acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE": {orderv1.ErrPaymentErrorProviderUnavailable, orderv1.IsPaymentErrorProviderUnavailable},
}

type testCase struct {
	Name           string          `json:"name"`
	AcceptLanguage string          `json:"accept_language"`
	Raise          json.RawMessage `json:"raise"`
	Want           struct {
		Code       uint32            `json:"code"`
		HTTP       int               `json:"http"`
		Reason     string            `json:"reason"`
		Domain     string            `json:"domain"`
		Message    string            `json:"message"`
		Metadata   map[string]string `json:"metadata"`
		Registered bool              `json:"registered"`
		Localized  *struct {
			Locale  string `json:"locale"`
			Message string `json:"message"`
		} `json:"localized"`
	} `json:"want"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: client ADDR CASES_JSON")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var file struct {
		Cases []testCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[2], err)
		os.Exit(2)
	}
	conn, err := grpc.NewClient(os.Args[1],
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithUnaryInterceptor(grpcerrors.UnaryClientInterceptor()),
	)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer func() { _ = conn.Close() }()

	passed, failed := 0, 0
	for _, c := range file.Cases {
		if problem := run(conn, c); problem != "" {
			failed++
			fmt.Printf("FAIL %s: %s\n", c.Name, problem)
		} else {
			passed++
			fmt.Printf("ok   %s\n", c.Name)
		}
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		os.Exit(1)
	}
}

// run calls Raise for c and returns what differed from c.Want, or "".
func run(conn *grpc.ClientConn, c testCase) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if c.AcceptLanguage != "" {
		ctx = grpcerrors.WithAcceptLanguage(ctx, c.AcceptLanguage)
	}
	err := conn.Invoke(ctx, "/protosmith.interop.v1.Interop/Raise", wrapperspb.String(string(c.Raise)), new(wrapperspb.StringValue))
	if err == nil {
		return "no error (want one)"
	}
	var e *grpcerrors.Error
	if !errors.As(err, &e) {
		return fmt.Sprintf("the interceptor gave %T, not *grpcerrors.Error: %v", err, err)
	}
	w := c.Want
	var diffs []string
	differ := func(what string, want, got any) {
		diffs = append(diffs, fmt.Sprintf("%s (want %v, got %v)", what, want, got))
	}
	if e.Code() != codes.Code(w.Code) {
		differ("code", w.Code, uint32(e.Code()))
	}
	if e.HTTPStatus() != w.HTTP {
		differ("http", w.HTTP, e.HTTPStatus())
	}
	if e.Reason() != w.Reason {
		differ("reason", fmt.Sprintf("%q", w.Reason), fmt.Sprintf("%q", e.Reason()))
	}
	if e.Domain() != w.Domain {
		differ("domain", fmt.Sprintf("%q", w.Domain), fmt.Sprintf("%q", e.Domain()))
	}
	if e.Message() != w.Message {
		differ("message", fmt.Sprintf("%q", w.Message), fmt.Sprintf("%q", e.Message()))
	}
	if want := w.Metadata; !maps.Equal(e.Metadata(), want) && (len(want) > 0 || len(e.Metadata()) > 0) {
		differ("metadata", want, e.Metadata())
	}
	switch got, ok := e.Localized(); {
	case w.Localized == nil && ok:
		differ("localized", "none", got)
	case w.Localized != nil && !ok:
		differ("localized", *w.Localized, "none")
	case w.Localized != nil && (got.Locale != w.Localized.Locale || got.Message != w.Localized.Message):
		differ("localized", *w.Localized, got)
	}
	// A reason-less error is nothing, whatever the case.
	if errors.Is(err, grpcerrors.New(codes.Unknown, "", "")) {
		diffs = append(diffs, "is: it matches a reason-less error")
	}
	if w.Registered {
		diffs = append(diffs, checkRegistered(err, e, w.Reason)...)
	} else {
		diffs = append(diffs, checkUnregistered(err, e, w.Reason, w.Domain)...)
	}
	if len(diffs) == 0 {
		return ""
	}
	out := diffs[0]
	for _, d := range diffs[1:] {
		out += "; " + d
	}
	return out
}

func checkRegistered(err error, e *grpcerrors.Error, reason string) []string {
	def, ok := generated[reason]
	if !ok {
		return []string{fmt.Sprintf("is: no generated definition for %q", reason)}
	}
	other := generated["acme.user.v1.USER_ERROR_EMAIL_TAKEN"]
	if reason == "acme.user.v1.USER_ERROR_EMAIL_TAKEN" {
		other = generated["acme.user.v1.USER_ERROR_NOT_FOUND"]
	}
	var diffs []string
	if !errors.Is(err, def.err) || !def.is(err) {
		diffs = append(diffs, fmt.Sprintf("is: not the generated %s (errors.Is %v, Is helper %v)", reason, errors.Is(err, def.err), def.is(err)))
	}
	if errors.Is(err, other.err) || other.is(err) {
		diffs = append(diffs, fmt.Sprintf("is: matches the generated %s too", other.err.Reason()))
	}
	if e.Code() != def.err.Code() {
		diffs = append(diffs, fmt.Sprintf("code not from the registry (want %d, got %d)", def.err.Code(), e.Code()))
	}
	if _, ok := e.Definition(); !ok {
		diffs = append(diffs, "the registered definition was not attached")
	}
	return diffs
}

func checkUnregistered(err error, e *grpcerrors.Error, reason, domain string) []string {
	var diffs []string
	if _, ok := e.Definition(); ok {
		diffs = append(diffs, "an unregistered reason got a definition")
	}
	local := grpcerrors.New(codes.Internal, reason, "built locally").WithDomain(domain)
	elsewhere := local.WithDomain(domain + ".elsewhere")
	if reason == "" {
		if errors.Is(err, local) || e.Is(e) || e.Is(local) {
			diffs = append(diffs, "is: a reason-less error matched a reason-less error")
		}
		return diffs
	}
	if !errors.Is(err, local) {
		diffs = append(diffs, fmt.Sprintf("is: not an error built locally with reason %q and domain %q", reason, domain))
	}
	if errors.Is(err, elsewhere) {
		diffs = append(diffs, fmt.Sprintf("is: matches the same reason in domain %q", elsewhere.Domain()))
	}
	return diffs
}
