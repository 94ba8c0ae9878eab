// Package grpcerrors gives gRPC errors errors.Is semantics across services
// and languages.
//
// protoc-gen-errors generates, from annotated proto error enums, one
// definition per error (a *Error registered when its package initialises),
// a constructor with one string parameter per message placeholder, and an
// Is<Name>(err) helper. A server returns such an error; grpc-go sends it as
// is, because *Error implements GRPCStatus: a google.rpc.Status whose details
// hold a google.rpc.ErrorInfo{reason, domain, metadata} and, when the caller
// asked for a language the proto translates to, a google.rpc.LocalizedMessage
// (AIP-193). Any protosmith runtime, ego, kratos or plain grpc-go reads it.
//
// A client compares what it received with errors.Is against the generated
// definition. errors.Is only sees *Error values, and a grpc-go client returns
// its own status error, so install [UnaryClientInterceptor] (and
// [StreamClientInterceptor]) on the connection: they turn every status error
// into an *Error, which still implements GRPCStatus, so status.Code and
// status.FromError keep working. Without them, [FromError] decodes an error by
// hand, and [Is] and the generated Is<Name> helpers decode as needed.
//
// Identity is (reason, domain): code, message and metadata are ignored by Is,
// and an error without a reason matches nothing, not even another
// reason-less error. A received error whose reason is registered in this
// process takes its code from the registry; otherwise it keeps the wire code.
// Values are immutable: WithMessage, WithMetadata, WithCause and the other
// With methods return new values, so a registered definition never changes.
//
// On a server, [UnaryServerInterceptor] (and [StreamServerInterceptor]) reads
// the caller's accept-language metadata and attaches the best translation of
// the returned error, and sends the *Error itself even when the handler
// wrapped it, so the wire message stays the declared one.
package grpcerrors
