// Tests of the hand-written generated code in gen/ (protoc-gen-errors' Go
// golden files), beside protoc-gen-go's output for the same protos: run
// build.sh first, which generates that output.
package interop_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	orderv1 "acme.example/gen/go/order/v1"
	userv1 "acme.example/gen/go/user/v1"
	"protosmith.dev/grpcerrors"
)

// definitions are the example module's errors, in generation order.
var definitions = []*grpcerrors.Error{
	userv1.ErrUserErrorNotFound,
	userv1.ErrUserErrorEmailTaken,
	userv1.ErrUserErrorPasswordMismatch,
	userv1.ErrUserErrorStorageFailure,
	orderv1.ErrOrderErrorNotFound,
	orderv1.ErrOrderErrorOutOfStock,
	orderv1.ErrOrderErrorAlreadyPaid,
	orderv1.ErrPaymentErrorCardDeclined,
	orderv1.ErrPaymentErrorProviderUnavailable,
}

func TestConstructorsFillTemplatesAndMetadata(t *testing.T) {
	for _, c := range []struct {
		err      *grpcerrors.Error
		is       func(error) bool
		message  string
		metadata map[string]string
	}{
		{userv1.NewUserErrorNotFound("u-1"), userv1.IsUserErrorNotFound, "user u-1 not found", map[string]string{"user_id": "u-1"}},
		{userv1.NewUserErrorEmailTaken(), userv1.IsUserErrorEmailTaken, "USER_ERROR_EMAIL_TAKEN", map[string]string{}},
		{userv1.NewUserErrorPasswordMismatch("u-7"), userv1.IsUserErrorPasswordMismatch, "password for u-7 does not match", map[string]string{"user_id": "u-7"}},
		{userv1.NewUserErrorStorageFailure(), userv1.IsUserErrorStorageFailure, "USER_ERROR_STORAGE_FAILURE", map[string]string{}},
		{orderv1.NewOrderErrorNotFound("o-1"), orderv1.IsOrderErrorNotFound, "order o-1 not found", map[string]string{"order_id": "o-1"}},
		{orderv1.NewOrderErrorOutOfStock("2", "sku-9"), orderv1.IsOrderErrorOutOfStock, "only 2 of sku-9 left", map[string]string{"available": "2", "sku": "sku-9"}},
		{orderv1.NewOrderErrorAlreadyPaid("o-2"), orderv1.IsOrderErrorAlreadyPaid, "order o-2 is already paid", map[string]string{"order_id": "o-2"}},
		{orderv1.NewPaymentErrorCardDeclined("4242"), orderv1.IsPaymentErrorCardDeclined, "card ending in 4242 was declined", map[string]string{"last4": "4242"}},
		{orderv1.NewPaymentErrorProviderUnavailable(), orderv1.IsPaymentErrorProviderUnavailable, "ERROR_PROVIDER_UNAVAILABLE", map[string]string{}},
	} {
		t.Run(c.err.Reason(), func(t *testing.T) {
			if c.err.Message() != c.message || !maps.Equal(c.err.Metadata(), c.metadata) {
				t.Errorf("got %q %v, want %q %v", c.err.Message(), c.err.Metadata(), c.message, c.metadata)
			}
			matches := 0
			for _, def := range definitions {
				if errors.Is(c.err, def) {
					matches++
				}
			}
			wire := c.err.GRPCStatus().Err() // what a grpc-go client returns
			if matches != 1 || !c.is(c.err) || !c.is(fmt.Errorf("wrapped: %w", c.err)) || !c.is(wire) {
				t.Errorf("matches %d definitions; Is helper on it, wrapped, from the wire: %v %v %v",
					matches, c.is(c.err), c.is(fmt.Errorf("wrapped: %w", c.err)), c.is(wire))
			}
			if c.is(grpcerrors.New(c.err.Code(), "", c.err.Message())) || c.is(nil) {
				t.Error("the Is helper matched a reason-less error or nil")
			}
		})
	}
	if userv1.IsUserErrorNotFound(orderv1.NewOrderErrorNotFound("o-1")) {
		t.Error("two NOT_FOUND errors of different enums matched")
	}
}

func TestEveryDefinitionIsRegisteredOnce(t *testing.T) {
	if d := grpcerrors.Duplicates(); len(d) != 0 {
		t.Errorf("duplicates: %+v", d)
	}
	registered := grpcerrors.Registered()
	if len(registered) != len(definitions) {
		t.Errorf("%d registered, %d generated", len(registered), len(definitions))
	}
	for _, def := range definitions {
		if got, ok := grpcerrors.Lookup(def.Domain(), def.Reason()); !ok || got != def {
			t.Errorf("Lookup(%q) = %v, %v", def.Reason(), got, ok)
		}
	}
}

// The generated definitions name real enum values of the protos, as
// protoc-gen-go registered them from the same package.
func TestDefinitionsNameTheProtoValues(t *testing.T) {
	for _, e := range definitions {
		def, _ := e.Definition()
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(def.ProtoName))
		if err != nil {
			t.Errorf("%s: %v", def.ProtoName, err)
			continue
		}
		value, ok := d.(protoreflect.EnumValueDescriptor)
		if !ok || value.Number() != protoreflect.EnumNumber(def.Number) {
			t.Errorf("%s: %v", def.ProtoName, d)
		}
	}
	// And the names of both generators live side by side in one package.
	if int32(userv1.UserError_USER_ERROR_NOT_FOUND) != 1 || int32(orderv1.Payment_ERROR_CARD_DECLINED) != 1 {
		t.Error("protoc-gen-go's enum values differ")
	}
}

// catalogEntry is one entry of the error catalog protoc-gen-docs writes for
// the example module (gen/docs/json/index.json, kept current by
// ci/check-protos.sh): the language-neutral record of what every generator
// declares, so this test does not depend on how another language's output
// is spelled.
type catalogEntry struct {
	Value string `json:"value"`
	Error struct {
		Reason       string   `json:"reason"`
		Domain       string   `json:"domain"`
		Code         string   `json:"code"`
		CodeNumber   int      `json:"code_number"`
		HTTPStatus   int      `json:"http_status"`
		Message      string   `json:"message"`
		Placeholders []string `json:"placeholders"`
		I18n         []struct {
			Lang    string `json:"lang"`
			Message string `json:"message"`
		} `json:"i18n"`
	} `json:"error"`
}

// The Go definitions say what the error catalog says: every field but the
// enum number, which the catalog does not have (TestDefinitionsNameTheProtoValues
// checks it against protoc-gen-go's descriptors).
func TestDefinitionsMatchTheErrorCatalog(t *testing.T) {
	src, err := os.ReadFile("../../../gen/docs/json/index.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ErrorCatalog []catalogEntry `json:"error_catalog"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	const line = "%s %s %d %d %q %q %q %q %q"
	var catalog []string
	for _, e := range doc.ErrorCatalog {
		i18n := []string{}
		for _, tr := range e.Error.I18n {
			i18n = append(i18n, tr.Lang, tr.Message)
		}
		catalog = append(catalog, fmt.Sprintf(line, e.Value, e.Error.Code, e.Error.CodeNumber, e.Error.HTTPStatus,
			e.Error.Reason, e.Error.Domain, e.Error.Message, e.Error.Placeholders, i18n))
	}
	var golang []string
	for _, e := range definitions {
		def, _ := e.Definition()
		i18n := []string{}
		for _, tr := range def.I18n {
			i18n = append(i18n, tr.Locale, tr.Message)
		}
		golang = append(golang, fmt.Sprintf(line, def.ProtoName, grpcerrors.CodeName(def.Code), def.Code,
			grpcerrors.HTTPStatus(def.Code), def.Reason, def.Domain, def.Message, def.Placeholders, i18n))
	}
	slices.Sort(catalog)
	slices.Sort(golang)
	if len(catalog) != 9 || !slices.Equal(catalog, golang) {
		t.Errorf("error catalog:\n%s\nGo:\n%s", strings.Join(catalog, "\n"), strings.Join(golang, "\n"))
	}
}

func TestGeneratedFilesAreFormattedAndMarked(t *testing.T) {
	header := regexp.MustCompile(`^// Code generated by protoc-gen-errors\. DO NOT EDIT\.\n// source: acme/\w+/v1/\w+\.proto\n\npackage \w+v1\n`)
	for _, file := range []string{"gen/user/v1/errors_errors.pb.go", "gen/order/v1/order_errors.pb.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		formatted, err := format.Source(src)
		if err != nil || !bytes.Equal(formatted, src) {
			t.Errorf("%s is not gofmt-clean (%v)", file, err)
		}
		if !header.Match(src) {
			t.Errorf("%s: header", file)
		}
	}
}
