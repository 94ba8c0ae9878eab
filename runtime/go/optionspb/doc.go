// Package optionspb is the generated code of protosmith's custom options,
// proto/protosmith/errors/v1/options.proto: (protosmith.errors.v1.errors) on
// an enum and (protosmith.errors.v1.error) on its values.
//
// It lives in the runtime so that a program registers that proto file once,
// however many API modules it imports: the Go code those modules'
// protoc-gen-go output needs for the import is this package (the file's
// go_package), never a copy of their own, which protobuf-go would refuse at
// init as a registration conflict. options.pb.go is written by
// `bash ci/runtime-options.sh --write go`, which also checks it in CI.
package optionspb
