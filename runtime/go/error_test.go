package grpcerrors_test

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"testing"

	"google.golang.org/grpc/codes"

	"protosmith.dev/grpcerrors"
)

// Definitions as generated code declares them.
var (
	errNotFound = grpcerrors.Define(grpcerrors.Definition{
		Code:         codes.NotFound,
		Reason:       "test.v1.TEST_ERROR_NOT_FOUND",
		Message:      "user {user_id} not found",
		Placeholders: []string{"user_id"},
		I18n: []grpcerrors.Translation{
			{Locale: "de", Message: "Benutzer {user_id} nicht gefunden"},
			{Locale: "zh-TW", Message: "使用者 {user_id} 不存在"},
		},
		ProtoName: "test.v1.TEST_ERROR_NOT_FOUND",
		Number:    1,
	})
	errTaken = grpcerrors.Define(grpcerrors.Definition{
		Code:      codes.AlreadyExists,
		Reason:    "test.v1.TEST_ERROR_TAKEN",
		Message:   "TEST_ERROR_TAKEN",
		ProtoName: "test.v1.TEST_ERROR_TAKEN",
		Number:    2,
	})
	errQuota = grpcerrors.Define(grpcerrors.Definition{
		Code:      codes.ResourceExhausted,
		Reason:    "QUOTA",
		Domain:    "test.example",
		Message:   "only {available} of {sku} left",
		ProtoName: "test.v1.Quota.QUOTA",
		Number:    1,
	})
)

func notFound(userID string) *grpcerrors.Error {
	return errNotFound.WithArgs(map[string]string{"user_id": userID})
}

func TestConstructorFillsMessageAndMetadata(t *testing.T) {
	e := notFound("u-1")
	if e.Code() != codes.NotFound || e.HTTPStatus() != 404 || e.Reason() != "test.v1.TEST_ERROR_NOT_FOUND" || e.Domain() != "" {
		t.Errorf("identity: %v %d %q %q", e.Code(), e.HTTPStatus(), e.Reason(), e.Domain())
	}
	if e.Message() != "user u-1 not found" {
		t.Errorf("message %q", e.Message())
	}
	if want := map[string]string{"user_id": "u-1"}; !maps.Equal(e.Metadata(), want) {
		t.Errorf("metadata %v, want %v", e.Metadata(), want)
	}
	if got := e.Error(); got != "NOT_FOUND: user u-1 not found (reason test.v1.TEST_ERROR_NOT_FOUND)" {
		t.Errorf("Error() = %q", got)
	}
	if got := errQuota.Error(); got != "RESOURCE_EXHAUSTED: only {available} of {sku} left (reason QUOTA, domain test.example)" {
		t.Errorf("Error() = %q", got)
	}
}

func TestWithMethodsNeverChangeTheDefinition(t *testing.T) {
	e := notFound("u-1").WithMetadata("request_id", "r-1")
	m := e.Metadata()
	m["user_id"] = "changed"
	_ = e.WithMessage("other").WithDomain("d").WithCause(io.EOF).WithLocale("de").WithMetadata("user_id", "u-2")
	if errNotFound.Message() != "user {user_id} not found" || len(errNotFound.Metadata()) != 0 {
		t.Errorf("definition changed: %q %v", errNotFound.Message(), errNotFound.Metadata())
	}
	if _, ok := errNotFound.Localized(); ok {
		t.Error("definition got a localization")
	}
	if want := map[string]string{"user_id": "u-1", "request_id": "r-1"}; !maps.Equal(e.Metadata(), want) {
		t.Errorf("metadata %v, want %v", e.Metadata(), want)
	}
	if e.Message() != "user u-1 not found" || e.Domain() != "" || e.Unwrap() != nil {
		t.Errorf("instance changed: %v", e)
	}
	def, ok := errNotFound.Definition()
	if !ok || def.Number != 1 || def.Placeholders[0] != "user_id" {
		t.Fatalf("Definition() = %+v, %v", def, ok)
	}
	def.Placeholders[0] = "changed"
	if def, _ := errNotFound.Definition(); def.Placeholders[0] != "user_id" {
		t.Error("Definition() shares its slices")
	}
}

func TestIsComparesReasonAndDomainOnly(t *testing.T) {
	e := notFound("u-1").WithMessage("other").WithMetadata("k", "v")
	if !errors.Is(e, errNotFound) || !e.Is(notFound("u-2")) {
		t.Error("same reason and domain must match whatever the message and metadata")
	}
	if errors.Is(e, errTaken) {
		t.Error("another reason matched")
	}
	if errors.Is(errQuota, errQuota.WithDomain("other.example")) || errors.Is(errQuota.WithDomain(""), errQuota) {
		t.Error("another domain matched")
	}
	if !errors.Is(fmt.Errorf("handler: %w", e), errNotFound) {
		t.Error("a wrapped error must match")
	}
	if !errors.Is(grpcerrors.New(codes.Internal, "test.v1.TEST_ERROR_NOT_FOUND", "x"), errNotFound) {
		t.Error("a hand-made error with the reason must match (the code is not identity)")
	}
}

func TestReasonlessErrorsMatchNothing(t *testing.T) {
	a := grpcerrors.New(codes.Unavailable, "", "try again")
	b := grpcerrors.New(codes.Unavailable, "", "try again")
	if a.Is(b) || a.Is(a) || errors.Is(a, b) || grpcerrors.Is(a, a) || grpcerrors.Is(a, b) {
		t.Error("a reason-less error matched")
	}
	if errors.Is(a, nil) || a.Is((*grpcerrors.Error)(nil)) || errors.Is(errNotFound, nil) {
		t.Error("nil matched")
	}
	if grpcerrors.Is(nil, errNotFound) || errNotFound.Is(io.EOF) {
		t.Error("nil or a foreign error matched")
	}
}

func TestWithCauseIsReachable(t *testing.T) {
	cause := fmt.Errorf("disk: %w", io.ErrUnexpectedEOF)
	e := errTaken.WithCause(cause)
	if !errors.Is(e, io.ErrUnexpectedEOF) || !errors.Is(e, errTaken) || errors.Unwrap(e) != cause {
		t.Error("cause not reachable")
	}
}

func TestLocalize(t *testing.T) {
	e := notFound("u-1").WithLocale("fr, de-AT;q=0.8, zh;q=0.5")
	got, ok := e.Localized()
	if want := (grpcerrors.LocalizedMessage{Locale: "de", Message: "Benutzer u-1 nicht gefunden"}); !ok || got != want {
		t.Errorf("Localized() = %+v, %v; want %+v", got, ok, want)
	}
	if e.Message() != "user u-1 not found" {
		t.Errorf("the message changed with the language: %q", e.Message())
	}
	// Rendered when read: metadata added later still fills the template.
	late := errNotFound.WithLocale("zh").WithArgs(map[string]string{"user_id": "u-9"})
	if got, _ := late.Localized(); got.Message != "使用者 u-9 不存在" || got.Locale != "zh-TW" {
		t.Errorf("late Localized() = %+v", got)
	}
	for _, header := range []string{"", "fr", "*", "de;q=0"} {
		if _, ok := notFound("u-1").WithLocale(header).Localized(); ok {
			t.Errorf("WithLocale(%q) chose a translation", header)
		}
	}
	if _, ok := grpcerrors.New(codes.NotFound, "R", "m").WithLocale("de").Localized(); ok {
		t.Error("an error without definition got a translation")
	}
	given := grpcerrors.New(codes.NotFound, "R", "m").WithLocalizedMessage("fr", "pas trouvé")
	if got, ok := given.Localized(); !ok || got != (grpcerrors.LocalizedMessage{Locale: "fr", Message: "pas trouvé"}) {
		t.Errorf("WithLocalizedMessage: %+v", got)
	}
	if msg, ok := notFound("u-3").LocalizedMessage("de"); !ok || msg != "Benutzer u-3 nicht gefunden" {
		t.Errorf("LocalizedMessage(de) = %q, %v", msg, ok)
	}
	if _, ok := notFound("u-3").LocalizedMessage("de-AT"); ok {
		t.Error("LocalizedMessage takes the key exactly, it does not negotiate")
	}
}

func TestRegistry(t *testing.T) {
	if e, ok := grpcerrors.Lookup("", "test.v1.TEST_ERROR_NOT_FOUND"); !ok || e != errNotFound {
		t.Errorf("Lookup = %v, %v", e, ok)
	}
	if _, ok := grpcerrors.Lookup("other", "test.v1.TEST_ERROR_NOT_FOUND"); ok {
		t.Error("Lookup ignored the domain")
	}
	if _, ok := grpcerrors.Lookup("test.example", "QUOTA"); !ok {
		t.Error("Lookup with a domain failed")
	}
	before := len(grpcerrors.Duplicates())
	second := grpcerrors.Define(grpcerrors.Definition{Code: codes.Internal, Reason: "test.v1.TEST_ERROR_TAKEN", Message: "again", ProtoName: "other.v1.TEST_ERROR_TAKEN"})
	if e, _ := grpcerrors.Lookup("", "test.v1.TEST_ERROR_TAKEN"); e != errTaken {
		t.Error("a duplicate replaced the first definition")
	}
	if !errors.Is(second, errTaken) {
		t.Error("the duplicate's own value must still be usable")
	}
	dups := grpcerrors.Duplicates()
	if len(dups) != before+1 || dups[before].First.ProtoName != "test.v1.TEST_ERROR_TAKEN" || dups[before].Second.ProtoName != "other.v1.TEST_ERROR_TAKEN" {
		t.Errorf("Duplicates() = %+v", dups)
	}
	var reasons []string
	for _, e := range grpcerrors.Registered() {
		reasons = append(reasons, e.Domain()+"/"+e.Reason())
	}
	want := []string{"/test.v1.TEST_ERROR_NOT_FOUND", "/test.v1.TEST_ERROR_TAKEN", "test.example/QUOTA"}
	if fmt.Sprint(reasons) != fmt.Sprint(want) {
		t.Errorf("Registered() = %v, want %v", reasons, want)
	}
}

func TestHTTPStatus(t *testing.T) {
	want := []int{200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401}
	for code, status := range want {
		if got := grpcerrors.HTTPStatus(codes.Code(code)); got != status {
			t.Errorf("HTTPStatus(%v) = %d, want %d", codes.Code(code), got, status)
		}
	}
	if grpcerrors.HTTPStatus(codes.Code(99)) != 500 || grpcerrors.CodeName(codes.Code(99)) != "CODE(99)" {
		t.Error("out-of-range code")
	}
	if grpcerrors.CodeName(codes.FailedPrecondition) != "FAILED_PRECONDITION" {
		t.Error("CodeName")
	}
}
