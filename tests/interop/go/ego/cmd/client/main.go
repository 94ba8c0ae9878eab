// Command client is the go/ego column of the interop matrix
// (tests/interop/README.md): an ego v1.2.7 service calling Raise, decoding
// the error with ego's own runtime (eerrors.FromError) and comparing it with
// the example module's errors as protoc-gen-errors' flavour=ego generates
// them (gen/, the golden files of plugins/protoc-gen-errors/tests/go_ego.rs).
//
// It checks what ego's API shows: code (from ego's registry for a
// registered reason), reason, message, metadata, errors.Is against the
// generated functions, and ReasonI18n, filled from the metadata, against the
// translation the server sent. What ego cannot see is named on the case's
// ok line instead of compared, so the column shows where ego's runtime
// differs from the wire contract rather than failing on it:
//   - the ErrorInfo domain and the LocalizedMessage (ego reads neither);
//   - ego's own HTTP table (RESOURCE_EXHAUSTED is 503, FAILED_PRECONDITION 412);
//   - errors.Is by domain, and for reason-less errors (ego compares reasons
//     only, so two reason-less errors are equal).
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

	"github.com/gotomicro/ego/core/eerrors"
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
	err        func() eerrors.Error
	reasonI18n func(eerrors.Error, string) string
}

// generated maps each reason of the example module to its generated
// function and its package's ReasonI18n.
var generated = map[string]definition{
	"acme.user.v1.USER_ERROR_NOT_FOUND":                {userv1.USERERRORNOTFOUND, userv1.ReasonI18n},
	"acme.user.v1.USER_ERROR_EMAIL_TAKEN":              {userv1.USERERROREMAILTAKEN, userv1.ReasonI18n},
	"acme.user.v1.USER_ERROR_PASSWORD_MISMATCH":        {userv1.USERERRORPASSWORDMISMATCH, userv1.ReasonI18n},
	"acme.user.v1.USER_ERROR_STORAGE_FAILURE":          {userv1.USERERRORSTORAGEFAILURE, userv1.ReasonI18n},
	"acme.order.v1.ORDER_ERROR_NOT_FOUND":              {orderv1.ORDERERRORNOTFOUND, orderv1.ReasonI18n},
	"acme.order.v1.ORDER_ERROR_OUT_OF_STOCK":           {orderv1.ORDERERROROUTOFSTOCK, orderv1.ReasonI18n},
	"acme.order.v1.ORDER_ERROR_ALREADY_PAID":           {orderv1.ORDERERRORALREADYPAID, orderv1.ReasonI18n},
	"acme.order.v1.Payment.ERROR_CARD_DECLINED":        {orderv1.PaymentERRORCARDDECLINED, orderv1.ReasonI18n},
	"acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE": {orderv1.PaymentERRORPROVIDERUNAVAILABLE, orderv1.ReasonI18n},
}

// egoHTTP is where ego's HTTP table (internal/ecode) differs from the wire
// contract's: {contract, ego}.
var egoHTTP = map[codes.Code][2]int{codes.ResourceExhausted: {429, 503}, codes.FailedPrecondition: {400, 412}}

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
		fmt.Fprintln(os.Stderr, "usage: client-ego ADDR CASES_JSON")
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
			fmt.Printf("ok   %s (not compared, ego's runtime differs: %s)\n", c.Name, strings.Join(unseen, "; "))
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
// ego's runtime cannot show.
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
	e := eerrors.FromError(err)
	w := c.Want
	differ := func(what string, want, got any) {
		diffs = append(diffs, fmt.Sprintf("%s (want %v, got %v)", what, want, got))
	}
	if e.Code != int32(w.Code) {
		differ("code", w.Code, e.Code)
	}
	switch got := e.ToHTTPStatusCode(); {
	case got == w.HTTP:
	case [2]int{w.HTTP, got} == egoHTTP[codes.Code(w.Code)]:
		unseen = append(unseen, fmt.Sprintf("http %d (ego's table gives %d)", w.HTTP, got))
	default:
		differ("http", w.HTTP, got)
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
	if !maps.Equal(e.Metadata, w.Metadata) && (len(w.Metadata) > 0 || len(e.Metadata) > 0) {
		differ("metadata", w.Metadata, e.Metadata)
	}
	if !w.Registered {
		return append(diffs, checkUnregistered(e, w.Reason, w.Domain, &unseen)...), unseen
	}
	def, ok := generated[w.Reason]
	if !ok {
		return append(diffs, fmt.Sprintf("is: no generated function for %q", w.Reason)), unseen
	}
	other := generated["acme.user.v1.USER_ERROR_EMAIL_TAKEN"]
	if w.Reason == "acme.user.v1.USER_ERROR_EMAIL_TAKEN" {
		other = generated["acme.user.v1.USER_ERROR_NOT_FOUND"]
	}
	if !errors.Is(e, def.err()) {
		diffs = append(diffs, fmt.Sprintf("is: not the generated %s", w.Reason))
	}
	if errors.Is(e, other.err()) {
		diffs = append(diffs, fmt.Sprintf("is: matches the generated %s too", eerrors.FromError(other.err()).Reason))
	}
	if registered := eerrors.FromError(def.err()).Code; e.Code != registered {
		diffs = append(diffs, fmt.Sprintf("code not from the registry (want %d, got %d)", registered, e.Code))
	}
	// ego reads no LocalizedMessage; its callers translate with ReasonI18n.
	if l := w.Localized; l != nil {
		unseen = append(unseen, "LocalizedMessage")
		if got := fill(def.reasonI18n(e, l.Locale), e.Metadata); got != l.Message {
			differ("ReasonI18n(e, "+l.Locale+") filled from the metadata", fmt.Sprintf("%q", l.Message), fmt.Sprintf("%q", got))
		}
	}
	return diffs, unseen
}

func checkUnregistered(e *eerrors.EgoError, reason, domain string, unseen *[]string) []string {
	if _, ok := generated[reason]; ok {
		return []string{fmt.Sprintf("is: %q is registered, it has a generated function", reason)}
	}
	if reason == "" {
		*unseen = append(*unseen, "is for a reason-less error (ego matches it to any reason-less error)")
		return nil
	}
	if domain != "" {
		*unseen = append(*unseen, "is by domain (ego compares reasons only)")
	}
	if !errors.Is(e, eerrors.New(int(codes.Internal), reason, "built locally")) {
		return []string{fmt.Sprintf("is: not an error built locally with reason %q", reason)}
	}
	return nil
}

// fill replaces each {key} of a message template with the metadata value.
func fill(template string, md map[string]string) string {
	for k, v := range md {
		template = strings.ReplaceAll(template, "{"+k+"}", v)
	}
	return template
}
