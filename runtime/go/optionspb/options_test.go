package optionspb_test

import (
	"testing"

	"google.golang.org/protobuf/reflect/protoregistry"

	"protosmith.dev/grpcerrors/optionspb"
)

// The options keep their proto path and field numbers: API modules' code
// refers to them by both.
func TestTheOptionsAreRegisteredUnderTheirProtoPath(t *testing.T) {
	file, err := protoregistry.GlobalFiles.FindFileByPath("protosmith/errors/v1/options.proto")
	if err != nil {
		t.Fatal(err)
	}
	if got := file.Package(); got != "protosmith.errors.v1" {
		t.Errorf("package %q, want protosmith.errors.v1", got)
	}
	for _, ext := range []int32{optionspb.E_Errors.Field, optionspb.E_Error.Field} {
		if ext != 51820 {
			t.Errorf("extension field %d, want 51820", ext)
		}
	}
}
