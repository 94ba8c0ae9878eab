package grpcerrors

import (
	"cmp"
	"slices"
	"sync"

	"google.golang.org/grpc/codes"
)

// Definition is one error as a .proto file declares it: what
// protoc-gen-errors knows at generation time. Generated code passes it to
// [Define]; the runtime keeps its own copy, so a definition never changes
// once defined.
type Definition struct {
	// Code is the gRPC code sent with the error.
	Code codes.Code
	// Reason is unique within Domain: acme.user.v1.USER_ERROR_NOT_FOUND (ego
	// style) or USER_ERROR_NOT_FOUND (AIP-193).
	Reason string
	// Domain is the ErrorInfo domain; empty for ego-style reasons.
	Domain string
	// Message is the message template; {name} placeholders are filled from
	// metadata, {{ and }} are literal braces.
	Message string
	// Placeholders are the template's placeholders in order of first
	// appearance.
	Placeholders []string
	// I18n are the message's translations, sorted by locale.
	I18n []Translation
	// ProtoName is the full name of the proto enum value.
	ProtoName string
	// Number is the number of the proto enum value.
	Number int32
}

// Translation is a message template in one locale, keyed as the proto wrote
// it after @i18n. (de, zh-TW, cn).
type Translation struct {
	Locale  string
	Message string
}

// Duplicate is a pair of definitions that share a reason and domain: the
// first one defined (which lookups return) and a later one.
type Duplicate struct {
	First, Second Definition
}

type key struct{ domain, reason string }

var registry struct {
	sync.RWMutex
	byKey      map[key]*Error
	duplicates []Duplicate
}

// Define registers def and returns an error carrying it: the value generated
// code exports as the definition (an errors.Is target) and builds every
// instance from. Generated packages call it while their package variables
// initialise, which Go finishes before any code of an importing package
// runs, so lookups never depend on registration order and there is nothing
// to call by hand.
//
// A second definition with the same reason and domain is recorded in
// [Duplicates]; lookups keep returning the first.
func Define(def Definition) *Error {
	def.Placeholders = slices.Clone(def.Placeholders)
	def.I18n = slices.Clone(def.I18n)
	e := &Error{code: def.Code, reason: def.Reason, domain: def.Domain, message: def.Message, def: &def}
	if def.Reason == "" {
		return e
	}
	registry.Lock()
	defer registry.Unlock()
	k := key{def.Domain, def.Reason}
	if first, ok := registry.byKey[k]; ok {
		registry.duplicates = append(registry.duplicates, Duplicate{*first.def, def})
		return e
	}
	if registry.byKey == nil {
		registry.byKey = make(map[key]*Error)
	}
	registry.byKey[k] = e
	return e
}

// Lookup returns the registered definition of (domain, reason).
func Lookup(domain, reason string) (*Error, bool) {
	registry.RLock()
	defer registry.RUnlock()
	e, ok := registry.byKey[key{domain, reason}]
	return e, ok
}

// Registered returns every registered definition, sorted by domain, then
// reason.
func Registered() []*Error {
	registry.RLock()
	all := make([]*Error, 0, len(registry.byKey))
	for _, e := range registry.byKey {
		all = append(all, e)
	}
	registry.RUnlock()
	slices.SortFunc(all, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.domain, b.domain), cmp.Compare(a.reason, b.reason))
	})
	return all
}

// Duplicates returns the definitions that share a reason and domain with an
// earlier one. protoc-gen-errors rejects duplicates within one generation
// run; this catches those that only meet when separately generated packages
// are linked into one program. A service can check it is empty at start-up.
func Duplicates() []Duplicate {
	registry.RLock()
	defer registry.RUnlock()
	duplicates := make([]Duplicate, len(registry.duplicates))
	for i, d := range registry.duplicates {
		duplicates[i] = Duplicate{d.First.clone(), d.Second.clone()}
	}
	return duplicates
}
