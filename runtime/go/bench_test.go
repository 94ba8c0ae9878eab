package grpcerrors_test

import (
	"testing"

	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"protosmith.dev/grpcerrors"
)

// The runtime/rust/grpc-errors benchmarks (README "Benchmarks"), in Go:
//
//	go test -run '^$' -bench . -benchmem
func BenchmarkEncode(b *testing.B) {
	e := notFound("u-404").WithMetadata("request_id", "r-1")
	for b.Loop() {
		_ = e.GRPCStatus()
	}
}

func BenchmarkFromStatusRegistered(b *testing.B) {
	s := notFound("u-404").WithMetadata("request_id", "r-1").GRPCStatus()
	for b.Loop() {
		_ = grpcerrors.FromStatus(s)
	}
}

// The floor: grpc-go's own decoding of the same details.
func BenchmarkStatusDetailsFloor(b *testing.B) {
	s := notFound("u-404").WithMetadata("request_id", "r-1").GRPCStatus()
	for b.Loop() {
		_ = s.Details()
	}
}

func BenchmarkFromStatusDetailsBytes(b *testing.B) {
	wire, _ := proto.Marshal(notFound("u-404").GRPCStatus().Proto())
	for b.Loop() {
		_ = grpcerrors.FromStatusDetails(5, "user u-404 not found", wire)
	}
}

func BenchmarkIs(b *testing.B) {
	received := grpcerrors.FromStatus(status.Convert(notFound("u-404").GRPCStatus().Err()))
	for b.Loop() {
		_ = received.Is(errNotFound)
	}
}
