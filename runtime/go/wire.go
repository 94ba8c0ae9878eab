package grpcerrors

import (
	"errors"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
)

const (
	// ErrorInfoTypeURL is the type URL of google.rpc.ErrorInfo in a
	// google.protobuf.Any.
	ErrorInfoTypeURL = "type.googleapis.com/google.rpc.ErrorInfo"
	// LocalizedMessageTypeURL is the type URL of google.rpc.LocalizedMessage in
	// a google.protobuf.Any.
	LocalizedMessageTypeURL = "type.googleapis.com/google.rpc.LocalizedMessage"
)

// GRPCStatus returns the status grpc-go sends for e: its code and message,
// and as details a google.rpc.ErrorInfo{reason, domain, metadata} (only when
// e has a reason) followed by a google.rpc.LocalizedMessage (only when e
// carries one). Details are serialized deterministically. Strings that are
// not valid UTF-8, which protobuf refuses to encode, have their invalid bytes
// replaced by U+FFFD. An error is never OK: OK is sent as UNKNOWN.
func (e *Error) GRPCStatus() *status.Status {
	return status.FromProto(e.statusProto())
}

func (e *Error) statusProto() *spb.Status {
	code := e.code
	if code == codes.OK {
		code = codes.Unknown
	}
	p := &spb.Status{Code: int32(code), Message: valid(e.message)}
	if e.reason != "" {
		info := &errdetails.ErrorInfo{Reason: valid(e.reason), Domain: valid(e.domain)}
		if len(e.metadata) > 0 {
			info.Metadata = make(map[string]string, len(e.metadata))
			for k, v := range e.metadata {
				info.Metadata[valid(k)] = valid(v)
			}
		}
		p.Details = append(p.Details, pack(ErrorInfoTypeURL, info))
	}
	if l, ok := e.Localized(); ok {
		m := &errdetails.LocalizedMessage{Locale: valid(l.Locale), Message: valid(l.Message)}
		p.Details = append(p.Details, pack(LocalizedMessageTypeURL, m))
	}
	return p
}

func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

func pack(typeURL string, m proto.Message) *anypb.Any {
	// Cannot fail: every string is valid UTF-8 and the messages have no
	// required fields.
	value, _ := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	return &anypb.Any{TypeUrl: typeURL, Value: value}
}

// FromError returns the *Error that err is or wraps, or decodes the first
// gRPC status err is or wraps (anything with a GRPCStatus method, such as the
// errors grpc-go clients return; see [FromStatus]). Any other error gives
// UNKNOWN with its text as message, no reason, and err as cause. A nil err
// gives nil.
func FromError(err error) *Error {
	if err == nil {
		return nil
	}
	var gs interface{ GRPCStatus() *status.Status }
	if errors.As(err, &gs) {
		if e, ok := gs.(*Error); ok {
			if e != nil {
				return e
			}
		} else if s := gs.GRPCStatus(); s != nil {
			return FromStatus(s)
		}
	}
	return &Error{code: codes.Unknown, message: err.Error(), cause: err}
}

// FromStatus decodes a gRPC status following the wire contract.
//
// Details are matched by the type name after the last "/" of their type URL;
// the first google.rpc.ErrorInfo and the first google.rpc.LocalizedMessage
// that decode are used, and details that do not decode are skipped: they
// never change the code or the message. A reason registered in this process
// gives its definition and its registered code, with the wire message and
// metadata; an unknown reason keeps the wire code. A status without ErrorInfo
// gives an error without reason, which matches nothing. A code outside
// google.rpc.Code is UNKNOWN.
func FromStatus(s *status.Status) *Error {
	if s == nil {
		return nil
	}
	return fromProto(s.Proto())
}

// FromStatusDetails decodes an error from a grpc-status code, a grpc-message
// and the raw bytes of a grpc-status-details-bin trailer (a serialized
// google.rpc.Status), for transports other than grpc-go. The code and
// message of the trailers win; details bytes that do not decode are ignored,
// as grpc-go does.
func FromStatusDetails(code codes.Code, message string, details []byte) *Error {
	p := &spb.Status{}
	if proto.Unmarshal(details, p) != nil {
		p = &spb.Status{}
	}
	p.Code = int32(code)
	p.Message = message
	return fromProto(p)
}

func fromProto(p *spb.Status) *Error {
	e := &Error{code: canonical(p.GetCode()), message: p.GetMessage()}
	var info *errdetails.ErrorInfo
	for _, detail := range p.GetDetails() {
		typeURL := detail.GetTypeUrl()
		switch typeURL[strings.LastIndexByte(typeURL, '/')+1:] {
		case "google.rpc.ErrorInfo":
			if m := new(errdetails.ErrorInfo); info == nil && proto.Unmarshal(detail.GetValue(), m) == nil {
				info = m
			}
		case "google.rpc.LocalizedMessage":
			if m := new(errdetails.LocalizedMessage); e.loc == nil && proto.Unmarshal(detail.GetValue(), m) == nil {
				e.loc = &localization{key: m.GetLocale(), given: true, message: m.GetMessage()}
			}
		}
	}
	if info == nil || info.GetReason() == "" {
		return e
	}
	e.reason, e.domain, e.metadata = info.GetReason(), info.GetDomain(), info.GetMetadata()
	if def, ok := Lookup(e.domain, e.reason); ok {
		e.code, e.def = def.code, def.def
	}
	return e
}
