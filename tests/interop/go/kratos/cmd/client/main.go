// Command client is the go/kratos column of the interop matrix
// (tests/interop/README.md): a kratos v2.9.2 service calling Raise, decoding
// the error with kratos' own runtime (errors.FromError) and comparing it
// with the example module's errors as protoc-gen-errors' flavour=kratos
// generates them (gen/, the golden files of
// plugins/protoc-gen-errors/tests/go_kratos.rs).
//
// The generated code uses the default reason style (the value's full name,
// acme.user.v1.USER_ERROR_NOT_FOUND), because that is what every protosmith
// server sends; with reason_style=kratos (bare value names) no Is<X> helper
// would match an error from them.
//
// It checks what kratos' API shows: Code (an HTTP status, mapped from the
// gRPC code by kratos' table), Reason, Message, Metadata, the generated
// Is<X> helpers on the error as the gRPC client returns it, and errors.Is
// against the generated Error<X> constructors. What kratos cannot see is
// named on the case's ok line instead of compared, so the column shows where
// kratos' runtime differs from the wire contract rather than failing on it:
//   - the ErrorInfo domain and the LocalizedMessage (kratos reads neither);
//   - the gRPC code where its HTTP status stands for several codes
//     (ALREADY_EXISTS and ABORTED are both 409);
//   - errors.Is by domain, and for reason-less errors (kratos compares HTTP
//     code and reason only, so two reason-less 503s are equal).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"strings"
	"time"

	kerrors "github.com/go-kratos/kratos/v2/errors"
	httpstatus "github.com/go-kratos/kratos/v2/transport/http/status"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/wrapperspb"

	orderv1 "acme.example/gen/go/order/v1"
	userv1 "acme.example/gen/go/user/v1"
)

// definition is what the generated code offers for one error.
type definition struct {
	is  func(error) bool
	new func(string, ...any) *kerrors.Error
}

// generated maps each reason of the example module to its generated
// functions.
var generated = map[string]definition{
	"acme.user.v1.USER_ERROR_NOT_FOUND":                {userv1.IsUserErrorNotFound, userv1.ErrorUserErrorNotFound},
	"acme.user.v1.USER_ERROR_EMAIL_TAKEN":              {userv1.IsUserErrorEmailTaken, userv1.ErrorUserErrorEmailTaken},
	"acme.user.v1.USER_ERROR_PASSWORD_MISMATCH":        {userv1.IsUserErrorPasswordMismatch, userv1.ErrorUserErrorPasswordMismatch},
	"acme.user.v1.USER_ERROR_STORAGE_FAILURE":          {userv1.IsUserErrorStorageFailure, userv1.ErrorUserErrorStorageFailure},
	"acme.order.v1.ORDER_ERROR_NOT_FOUND":              {orderv1.IsOrderErrorNotFound, orderv1.ErrorOrderErrorNotFound},
	"acme.order.v1.ORDER_ERROR_OUT_OF_STOCK":           {orderv1.IsOrderErrorOutOfStock, orderv1.ErrorOrderErrorOutOfStock},
	"acme.order.v1.ORDER_ERROR_ALREADY_PAID":           {orderv1.IsOrderErrorAlreadyPaid, orderv1.ErrorOrderErrorAlreadyPaid},
	"acme.order.v1.Payment.ERROR_CARD_DECLINED":        {orderv1.IsPaymentErrorCardDeclined, orderv1.ErrorPaymentErrorCardDeclined},
	"acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE": {orderv1.IsPaymentErrorProviderUnavailable, orderv1.ErrorPaymentErrorProviderUnavailable},
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
		fmt.Fprintln(os.Stderr, "usage: client-kratos ADDR CASES_JSON")
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
	conn, err := grpc.NewClient(os.Args[1], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer func() { _ = conn.Close() }()

	passed, failed := 0, 0
	for _, c := range file.Cases {
		diffs, unseen := run(conn, c)
		switch {
		case len(diffs) > 0:
			failed++
			fmt.Printf("FAIL %s: %s\n", c.Name, strings.Join(diffs, "; "))
		case len(unseen) > 0:
			passed++
			fmt.Printf("ok   %s (not compared, kratos' runtime cannot see: %s)\n", c.Name, strings.Join(unseen, "; "))
		default:
			passed++
			fmt.Printf("ok   %s\n", c.Name)
		}
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		os.Exit(1)
	}
}

// run calls Raise for c and returns what differed from c.Want and what
// kratos' runtime cannot show.
func run(conn *grpc.ClientConn, c testCase) (diffs, unseen []string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if c.AcceptLanguage != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "accept-language", c.AcceptLanguage)
	}
	err := conn.Invoke(ctx, "/protosmith.interop.v1.Interop/Raise", wrapperspb.String(string(c.Raise)), new(wrapperspb.StringValue))
	if err == nil {
		return []string{"no error (want one)"}, nil
	}
	e := kerrors.FromError(err)
	w := c.Want
	differ := func(what string, want, got any) {
		diffs = append(diffs, fmt.Sprintf("%s (want %v, got %v)", what, want, got))
	}
	// kratos' Code is the HTTP status of the wire's gRPC code; the gRPC code
	// itself is seen only where that status maps back to it alone.
	grpcCode := codes.Code(w.Code)
	if want := httpstatus.FromGRPCCode(grpcCode); int(e.Code) != want {
		differ(fmt.Sprintf("code (kratos' HTTP status for gRPC %s)", grpcCode), want, e.Code)
	} else if back := httpstatus.ToGRPCCode(want); back != grpcCode {
		unseen = append(unseen, fmt.Sprintf("gRPC code %s (kratos' %d reads back as %s)", grpcCode, want, back))
	}
	if int(e.Code) != w.HTTP {
		differ("http", w.HTTP, e.Code)
	}
	if e.Reason != w.Reason {
		differ("reason", fmt.Sprintf("%q", w.Reason), fmt.Sprintf("%q", e.Reason))
	}
	if w.Domain != "" {
		unseen = append(unseen, fmt.Sprintf("domain %q", w.Domain))
	}
	if e.Message != w.Message {
		differ("message", fmt.Sprintf("%q", w.Message), fmt.Sprintf("%q", e.Message))
	}
	if !maps.Equal(e.Metadata, w.Metadata) {
		differ("metadata", w.Metadata, e.Metadata)
	}
	// kratos reads no LocalizedMessage, and has no translations of its own.
	if w.Localized != nil {
		unseen = append(unseen, "LocalizedMessage "+w.Localized.Locale)
	}
	if !w.Registered {
		return append(diffs, checkUnregistered(e, w.Reason, w.Domain, &unseen)...), unseen
	}
	def, ok := generated[w.Reason]
	if !ok {
		return append(diffs, fmt.Sprintf("is: no generated function for %q", w.Reason)), unseen
	}
	otherReason := "acme.user.v1.USER_ERROR_EMAIL_TAKEN"
	if w.Reason == otherReason {
		otherReason = "acme.user.v1.USER_ERROR_NOT_FOUND"
	}
	other := generated[otherReason]
	// Is<X> on the error exactly as the gRPC client returned it, as a
	// kratos user writes it; errors.Is on the decoded one.
	if !def.is(err) {
		diffs = append(diffs, fmt.Sprintf("is: the generated Is function of %s is false", w.Reason))
	}
	if other.is(err) {
		diffs = append(diffs, fmt.Sprintf("is: the generated Is function of %s is true too", otherReason))
	}
	if !errors.Is(e, def.new("")) {
		diffs = append(diffs, fmt.Sprintf("is: errors.Is is false for the generated Error function of %s", w.Reason))
	}
	if errors.Is(e, other.new("")) {
		diffs = append(diffs, fmt.Sprintf("is: errors.Is is true for the generated Error function of %s too", otherReason))
	}
	// kratos has no registry: the generated constructor carries the code.
	if generatedCode := def.new("").Code; e.Code != generatedCode {
		diffs = append(diffs, fmt.Sprintf("code not the generated one (want %d, got %d)", generatedCode, e.Code))
	}
	return diffs, unseen
}

func checkUnregistered(e *kerrors.Error, reason, domain string, unseen *[]string) []string {
	if _, ok := generated[reason]; ok {
		return []string{fmt.Sprintf("is: %q is registered, it has generated functions", reason)}
	}
	if reason == "" {
		*unseen = append(*unseen, "is for a reason-less error (kratos matches it to any reason-less error with its HTTP code)")
		return nil
	}
	if domain != "" {
		*unseen = append(*unseen, "is by domain (kratos compares HTTP code and reason)")
	}
	if !errors.Is(e, kerrors.New(int(e.Code), reason, "built locally")) {
		return []string{fmt.Sprintf("is: not an error built locally with reason %q", reason)}
	}
	return nil
}
