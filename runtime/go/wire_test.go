package grpcerrors_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"

	"protosmith.dev/grpcerrors"
)

func TestStatusCarriesErrorInfoThenLocalizedMessage(t *testing.T) {
	e := notFound("u-1").WithMetadata("request_id", "r-1").WithLocale("de")
	s := e.GRPCStatus()
	if s.Code() != codes.NotFound || s.Message() != "user u-1 not found" {
		t.Errorf("status %v %q", s.Code(), s.Message())
	}
	// Plain grpc-go reads it, with the standard detail types.
	details := s.Details()
	if len(details) != 2 {
		t.Fatalf("details %v", details)
	}
	info, ok := details[0].(*errdetails.ErrorInfo)
	if !ok || info.Reason != "test.v1.TEST_ERROR_NOT_FOUND" || info.Domain != "" ||
		!maps.Equal(info.Metadata, map[string]string{"user_id": "u-1", "request_id": "r-1"}) {
		t.Errorf("ErrorInfo %v", details[0])
	}
	loc, ok := details[1].(*errdetails.LocalizedMessage)
	if !ok || loc.Locale != "de" || loc.Message != "Benutzer u-1 nicht gefunden" {
		t.Errorf("LocalizedMessage %v", details[1])
	}
	if p := s.Proto(); p.Details[0].TypeUrl != grpcerrors.ErrorInfoTypeURL || p.Details[1].TypeUrl != grpcerrors.LocalizedMessageTypeURL {
		t.Errorf("type URLs %v", p.Details)
	}
	// status.FromError, as a grpc-go server calls it, finds the same status.
	if got, ok := status.FromError(e); !ok || !proto.Equal(got.Proto(), s.Proto()) {
		t.Errorf("status.FromError = %v", got)
	}
}

func TestReasonlessErrorsSendNoErrorInfo(t *testing.T) {
	s := grpcerrors.New(codes.Unavailable, "", "try again").WithDomain("d").WithMetadata("k", "v").GRPCStatus()
	if len(s.Proto().Details) != 0 || s.Code() != codes.Unavailable {
		t.Errorf("status %v", s.Proto())
	}
	if s := grpcerrors.New(codes.OK, "R", "m").GRPCStatus(); s.Code() != codes.Unknown {
		t.Errorf("an OK error was sent as %v", s.Code())
	}
}

func TestDetailsAreDeterministic(t *testing.T) {
	e := errNotFound
	for i := range 50 {
		e = e.WithMetadata(fmt.Sprintf("key%02d", i), "v")
	}
	first := e.GRPCStatus().Proto().Details[0].Value
	for range 20 {
		if !bytes.Equal(e.GRPCStatus().Proto().Details[0].Value, first) {
			t.Fatal("ErrorInfo bytes differ between two encodings")
		}
	}
}

func TestInvalidUTF8IsReplacedNotDropped(t *testing.T) {
	e := grpcerrors.New(codes.NotFound, "R\xff", "bad \xfe message").WithMetadata("k\xff", "v\xfe")
	wire, err := proto.Marshal(e.GRPCStatus().Proto())
	if err != nil {
		t.Fatalf("the status does not encode: %v", err)
	}
	got := grpcerrors.FromStatusDetails(codes.NotFound, "m", wire)
	if got.Reason() != "R\uFFFD" || got.Metadata()["k\uFFFD"] != "v\uFFFD" {
		t.Errorf("decoded %q %v", got.Reason(), got.Metadata())
	}
}

func TestRoundTrip(t *testing.T) {
	sent := notFound("u-1").WithLocale("zh")
	got := grpcerrors.FromStatus(sent.GRPCStatus())
	if !errors.Is(got, errNotFound) || got.Message() != sent.Message() || got.Code() != codes.NotFound ||
		!maps.Equal(got.Metadata(), sent.Metadata()) {
		t.Errorf("decoded %v %v", got, got.Metadata())
	}
	if l, ok := got.Localized(); !ok || l.Locale != "zh-TW" || l.Message != "使用者 u-1 不存在" {
		t.Errorf("Localized %+v %v", l, ok)
	}
	if _, ok := got.Definition(); !ok {
		t.Error("a registered reason must give its definition")
	}
	if msg, _ := got.LocalizedMessage("de"); msg != "Benutzer u-1 nicht gefunden" {
		t.Errorf("LocalizedMessage(de) from the registry: %q", msg)
	}
}

func TestReceiverRules(t *testing.T) {
	t.Run("registered reason takes the registry's code", func(t *testing.T) {
		got := fromParts(t, codes.Internal, "wire message", info("test.v1.TEST_ERROR_NOT_FOUND", "", "user_id", "u-1"))
		if got.Code() != codes.NotFound || got.Message() != "wire message" || got.Metadata()["user_id"] != "u-1" {
			t.Errorf("%v %v", got, got.Metadata())
		}
	})
	t.Run("unknown reason keeps the wire code", func(t *testing.T) {
		got := fromParts(t, codes.Aborted, "locked", info("LOCKED", "inventory.example", "sku", "s"))
		if got.Code() != codes.Aborted || got.Reason() != "LOCKED" || got.Domain() != "inventory.example" || got.HTTPStatus() != 409 {
			t.Errorf("%v", got)
		}
		if !errors.Is(got, grpcerrors.New(codes.Internal, "LOCKED", "").WithDomain("inventory.example")) ||
			errors.Is(got, grpcerrors.New(codes.Aborted, "LOCKED", "")) {
			t.Error("identity is (reason, domain)")
		}
		if _, ok := got.Definition(); ok {
			t.Error("an unknown reason has no definition")
		}
	})
	t.Run("a registered reason in another domain is not the registered error", func(t *testing.T) {
		got := fromParts(t, codes.Aborted, "m", info("test.v1.TEST_ERROR_NOT_FOUND", "elsewhere", "", ""))
		if got.Code() != codes.Aborted || errors.Is(got, errNotFound) {
			t.Errorf("%v", got)
		}
	})
	t.Run("no ErrorInfo, no reason", func(t *testing.T) {
		got := fromParts(t, codes.Unavailable, "try again")
		if got.Code() != codes.Unavailable || got.Reason() != "" || got.Message() != "try again" || len(got.Metadata()) != 0 {
			t.Errorf("%v", got)
		}
		if errors.Is(got, grpcerrors.New(codes.Unavailable, "", "try again")) {
			t.Error("a reason-less error matched")
		}
	})
	t.Run("type names after the last slash", func(t *testing.T) {
		a := info("test.v1.TEST_ERROR_TAKEN", "", "", "")
		a.TypeUrl = "example.com/custom/prefix/google.rpc.ErrorInfo"
		if got := fromParts(t, codes.AlreadyExists, "m", a); !errors.Is(got, errTaken) {
			t.Errorf("prefixed type URL: %v", got)
		}
		a.TypeUrl = "google.rpc.ErrorInfo"
		if got := fromParts(t, codes.AlreadyExists, "m", a); !errors.Is(got, errTaken) {
			t.Errorf("bare type name: %v", got)
		}
		a.TypeUrl = "type.googleapis.com/google.rpc.ErrorInfoX"
		if got := fromParts(t, codes.AlreadyExists, "m", a); got.Reason() != "" {
			t.Errorf("another type was read as ErrorInfo: %v", got)
		}
	})
	t.Run("undecodable details are skipped, the next one is read", func(t *testing.T) {
		broken := &anypb.Any{TypeUrl: grpcerrors.ErrorInfoTypeURL, Value: []byte{0x0a, 0xff}}
		brokenLoc := &anypb.Any{TypeUrl: grpcerrors.LocalizedMessageTypeURL, Value: []byte{0x12}}
		other, _ := anypb.New(&errdetails.RetryInfo{})
		got := fromParts(t, codes.AlreadyExists, "taken", other, broken, brokenLoc,
			info("test.v1.TEST_ERROR_TAKEN", "", "k", "v"), localized("fr", "pris"), info("SECOND", "", "", ""))
		if got.Code() != codes.AlreadyExists || got.Message() != "taken" || !errors.Is(got, errTaken) || got.Metadata()["k"] != "v" {
			t.Errorf("%v", got)
		}
		if l, ok := got.Localized(); !ok || l != (grpcerrors.LocalizedMessage{Locale: "fr", Message: "pris"}) {
			t.Errorf("Localized %+v", l)
		}
		only := fromParts(t, codes.PermissionDenied, "no", broken)
		if only.Code() != codes.PermissionDenied || only.Message() != "no" || only.Reason() != "" {
			t.Errorf("a broken detail changed the error: %v", only)
		}
	})
	t.Run("codes outside google.rpc.Code are UNKNOWN", func(t *testing.T) {
		if got := grpcerrors.FromStatus(status.New(codes.Code(77), "m")); got.Code() != codes.Unknown {
			t.Errorf("%v", got)
		}
	})
}

func TestFromError(t *testing.T) {
	if grpcerrors.FromError(nil) != nil {
		t.Error("FromError(nil) != nil")
	}
	e := notFound("u-1")
	if grpcerrors.FromError(fmt.Errorf("wrapped: %w", e)) != e {
		t.Error("a wrapped *Error must be returned as is")
	}
	wireErr := e.GRPCStatus().Err() // what a grpc-go client returns
	if errors.Is(wireErr, errNotFound) {
		t.Error("expected plain errors.Is not to see through a grpc-go status error")
	}
	if !errors.Is(grpcerrors.FromError(wireErr), errNotFound) || !grpcerrors.Is(wireErr, errNotFound) ||
		!grpcerrors.Is(fmt.Errorf("call: %w", wireErr), errNotFound) {
		t.Error("FromError / Is must decode a status error")
	}
	if grpcerrors.Is(wireErr, errTaken) {
		t.Error("Is matched another reason")
	}
	if got := grpcerrors.FromError(fmt.Errorf("typed nil: %w", (*grpcerrors.Error)(nil))); got.Code() != codes.Unknown || got.Reason() != "" {
		t.Errorf("FromError(typed nil) = %v", got)
	}
	plain := errors.New("boom")
	got := grpcerrors.FromError(plain)
	if got.Code() != codes.Unknown || got.Reason() != "" || got.Message() != "boom" || !errors.Is(got, plain) {
		t.Errorf("FromError(plain) = %v", got)
	}
}

func TestFromStatusDetailsKeepsTheTrailers(t *testing.T) {
	wire, _ := proto.Marshal(notFound("u-1").GRPCStatus().Proto())
	got := grpcerrors.FromStatusDetails(codes.NotFound, "from grpc-message", wire)
	if !errors.Is(got, errNotFound) || got.Message() != "from grpc-message" {
		t.Errorf("%v", got)
	}
	for _, hostile := range [][]byte{nil, {0xff}, {0x1a, 0x80}, {0x1a, 0x05, 0x0a, 0x03, 'a'}, bytes.Repeat([]byte{0x1a, 0x00}, 1000)} {
		got := grpcerrors.FromStatusDetails(codes.PermissionDenied, "denied", hostile)
		if got.Code() != codes.PermissionDenied || got.Message() != "denied" || got.Reason() != "" {
			t.Errorf("FromStatusDetails(%x) = %v", hostile, got)
		}
	}
}

func FuzzFromStatusDetails(f *testing.F) {
	wire, _ := proto.Marshal(notFound("u-1").WithLocale("de").GRPCStatus().Proto())
	f.Add(wire)
	f.Add([]byte{})
	f.Add([]byte{0x1a, 0x02, 0x0a, 0xff})
	f.Fuzz(func(t *testing.T, details []byte) {
		got := grpcerrors.FromStatusDetails(codes.DataLoss, "m", details)
		if got.Message() != "m" {
			t.Fatalf("message changed: %q", got.Message())
		}
		if got.Reason() == "" && got.Code() != codes.DataLoss {
			t.Fatalf("code changed without a registered reason: %v", got.Code())
		}
		// Whatever was decoded encodes again and decodes to the same identity.
		again := grpcerrors.FromStatus(got.GRPCStatus())
		if again.Reason() != got.Reason() || again.Domain() != got.Domain() || again.Code() != got.Code() {
			t.Fatalf("re-encoding changed %v into %v", got, again)
		}
	})
}

func fromParts(t *testing.T, code codes.Code, message string, details ...*anypb.Any) *grpcerrors.Error {
	t.Helper()
	return grpcerrors.FromStatus(status.FromProto(&spb.Status{Code: int32(code), Message: message, Details: details}))
}

func info(reason, domain, key, value string) *anypb.Any {
	m := &errdetails.ErrorInfo{Reason: reason, Domain: domain}
	if key != "" {
		m.Metadata = map[string]string{key: value}
	}
	a, _ := anypb.New(m)
	return a
}

func localized(locale, message string) *anypb.Any {
	a, _ := anypb.New(&errdetails.LocalizedMessage{Locale: locale, Message: message})
	return a
}
