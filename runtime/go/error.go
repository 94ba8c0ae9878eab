package grpcerrors

import (
	"context"
	"maps"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
)

// AcceptLanguageKey is the request metadata key callers name their languages
// with, an Accept-Language list such as "de-CH, de;q=0.9".
const AcceptLanguageKey = "accept-language"

// Error is a gRPC error with a machine-readable identity: (reason, domain).
//
// Values are immutable: every With method returns a new *Error, so errors
// built from a generated definition never change the definition. Neither a
// nil *Error nor a zero Error is a valid error: build errors with generated
// constructors or [New].
type Error struct {
	code     codes.Code
	reason   string
	domain   string
	message  string
	metadata map[string]string // shared between copies: never written after construction
	def      *Definition
	loc      *localization
	cause    error
}

// localization is the translation an error carries on the wire.
type localization struct {
	// key of a translation of the definition, rendered when asked for so that
	// metadata added afterwards still fills its placeholders; or, when given
	// is set, the locale of a finished message.
	key     string
	given   bool
	message string
}

// New returns an error that no proto declared; prefer generated
// constructors. An empty reason gives an error that is sent without
// ErrorInfo and matches nothing.
func New(code codes.Code, reason, message string) *Error {
	return &Error{code: code, reason: reason, message: message}
}

// Code is the gRPC code.
func (e *Error) Code() codes.Code { return e.code }

// Reason is the reason; empty when the error came without one (a plain
// status).
func (e *Error) Reason() string { return e.reason }

// Domain is the ErrorInfo domain.
func (e *Error) Domain() string { return e.domain }

// Message is the message, the declared one with its placeholders filled.
func (e *Error) Message() string { return e.message }

// Metadata returns a copy of the metadata: the placeholders' values under
// their names, and whatever WithMetadata added.
func (e *Error) Metadata() map[string]string {
	if e.metadata == nil {
		return map[string]string{}
	}
	return maps.Clone(e.metadata)
}

// HTTPStatus is the HTTP status for the code (google/rpc/code.proto).
func (e *Error) HTTPStatus() int { return HTTPStatus(e.code) }

// Definition returns what the proto declares for this error: the definition
// it was made from or, for a received error, the registered definition its
// reason names.
func (e *Error) Definition() (Definition, bool) {
	if e.def == nil {
		return Definition{}, false
	}
	return e.def.clone(), true
}

// Error formats the error for logs: "NOT_FOUND: user 42 not found (reason
// acme.user.v1.USER_ERROR_NOT_FOUND)". The cause is not included; it stays
// reachable through Unwrap.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(CodeName(e.code))
	b.WriteString(": ")
	b.WriteString(e.message)
	if e.reason != "" {
		b.WriteString(" (reason ")
		b.WriteString(e.reason)
		if e.domain != "" {
			b.WriteString(", domain ")
			b.WriteString(e.domain)
		}
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns the cause given to WithCause, so errors.Is and errors.As
// reach it. The cause stays in this process: it is never sent.
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether target is an *Error with the same reason and domain.
// Code, message and metadata are ignored. An error without a reason matches
// nothing, not even another reason-less error (errors.Is still reports an
// error equal to itself before calling Is).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && e != nil && t != nil && e.reason != "" && e.reason == t.reason && e.domain == t.domain
}

// WithMessage returns a copy with another message.
func (e *Error) WithMessage(message string) *Error {
	c := *e
	c.message = message
	return &c
}

// WithMetadata returns a copy with one more metadata entry; an existing key
// is replaced, other keys are kept.
func (e *Error) WithMetadata(key, value string) *Error {
	c := *e
	c.metadata = maps.Clone(e.metadata)
	if c.metadata == nil {
		c.metadata = make(map[string]string, 1)
	}
	c.metadata[key] = value
	return &c
}

// WithArgs returns a copy whose metadata also holds args and whose message
// is the definition's template (for an error without definition, its
// message) rendered with the metadata. Generated constructors use it.
func (e *Error) WithArgs(args map[string]string) *Error {
	c := *e
	c.metadata = make(map[string]string, len(e.metadata)+len(args))
	maps.Copy(c.metadata, e.metadata)
	maps.Copy(c.metadata, args)
	template := e.message
	if e.def != nil {
		template = e.def.Message
	}
	c.message = render(template, c.metadata)
	return &c
}

// WithDomain returns a copy with another domain, for errors built with New;
// generated errors carry theirs.
func (e *Error) WithDomain(domain string) *Error {
	c := *e
	c.domain = domain
	return &c
}

// WithCause returns a copy carrying cause, reachable through Unwrap. The
// cause stays in this process: it is never sent.
func (e *Error) WithCause(cause error) *Error {
	c := *e
	c.cause = cause
	return &c
}

// WithLocale returns a copy that carries, as AIP-193's LocalizedMessage, the
// proto's translation best suited to acceptLanguage (an Accept-Language value
// such as "de-CH, de;q=0.9"; see [Negotiate]). Without a suitable
// translation, the error is returned as it was: the caller still gets the
// message, which never changes with the language.
func (e *Error) WithLocale(acceptLanguage string) *Error {
	if e.def == nil || acceptLanguage == "" {
		return e
	}
	keys := make([]string, len(e.def.I18n))
	for i, t := range e.def.I18n {
		keys[i] = t.Locale
	}
	chosen, ok := Negotiate(acceptLanguage, keys)
	if !ok {
		return e
	}
	c := *e
	c.loc = &localization{key: chosen}
	return &c
}

// WithLocaleFrom is WithLocale with the caller's accept-language taken from
// the incoming gRPC metadata of ctx (see [AcceptLanguage]).
func (e *Error) WithLocaleFrom(ctx context.Context) *Error {
	return e.WithLocale(AcceptLanguage(ctx))
}

// WithLocalizedMessage returns a copy carrying message as the translation for
// locale, for errors that no proto declared.
func (e *Error) WithLocalizedMessage(locale, message string) *Error {
	c := *e
	c.loc = &localization{key: locale, given: true, message: message}
	return &c
}

// Localized returns the localized message this error carries on the wire:
// chosen with WithLocale, set with WithLocalizedMessage, or received.
func (e *Error) Localized() (LocalizedMessage, bool) {
	if e.loc == nil {
		return LocalizedMessage{}, false
	}
	if e.loc.given {
		return LocalizedMessage{Locale: e.loc.key, Message: e.loc.message}, true
	}
	message, ok := e.LocalizedMessage(e.loc.key)
	return LocalizedMessage{Locale: e.loc.key, Message: message}, ok
}

// LocalizedMessage returns the definition's translation whose key is
// locale, exactly as the proto wrote it, rendered with this error's
// metadata.
func (e *Error) LocalizedMessage(locale string) (string, bool) {
	if e.def == nil {
		return "", false
	}
	for _, t := range e.def.I18n {
		if t.Locale == locale {
			return render(t.Message, e.metadata), true
		}
	}
	return "", false
}

// AcceptLanguage returns the caller's accept-language from the incoming gRPC
// metadata of ctx, several values joined with ", "; empty when there is none.
func AcceptLanguage(ctx context.Context) string {
	return strings.Join(metadata.ValueFromIncomingContext(ctx, AcceptLanguageKey), ", ")
}

// WithAcceptLanguage returns a context whose outgoing gRPC metadata names the
// caller's languages (an Accept-Language value), for servers to localize
// errors with.
func WithAcceptLanguage(ctx context.Context, acceptLanguage string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, AcceptLanguageKey, acceptLanguage)
}

func (d *Definition) clone() Definition {
	c := *d
	c.Placeholders = slices.Clone(d.Placeholders)
	c.I18n = slices.Clone(d.I18n)
	return c
}
