package grpcerrors

import (
	"strconv"

	"google.golang.org/grpc/codes"
)

// codeNames are google.rpc.Code's names, indexed by number.
var codeNames = [...]string{
	"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
	"NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
	"FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
	"INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
}

// httpStatuses is google/rpc/code.proto's HTTP mapping, indexed by code.
var httpStatuses = [...]int{
	200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401,
}

// HTTPStatus is the HTTP status google/rpc/code.proto gives code; codes
// outside the canonical range are UNKNOWN's 500.
func HTTPStatus(code codes.Code) int {
	if int(code) < len(httpStatuses) {
		return httpStatuses[code]
	}
	return 500
}

// CodeName is code's canonical upper-case name (NOT_FOUND), as the protos
// and the other languages write it; an unknown number is CODE(n).
func CodeName(code codes.Code) string {
	if int(code) < len(codeNames) {
		return codeNames[code]
	}
	return "CODE(" + strconv.FormatUint(uint64(code), 10) + ")"
}

// canonical maps a wire number outside google.rpc.Code to UNKNOWN, as
// code.proto asks of receivers.
func canonical(code int32) codes.Code {
	if code < 0 || int(code) >= len(codeNames) {
		return codes.Unknown
	}
	return codes.Code(code)
}
