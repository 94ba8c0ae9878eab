package grpcerrors

import "testing"

// The cases of runtime/rust/grpc-errors/src/locale.rs, so both runtimes pick
// the same translation.
var keys = []string{"cn", "de", "zh-TW", "pt_BR"}

func TestNegotiate(t *testing.T) {
	for _, c := range []struct{ name, header, want string }{
		{"exact tags win over their language", "zh-TW", "zh-TW"},
		{"exact, case and separator ignored", "ZH_tw", "zh-TW"},
		{"exact, - matches _", "pt-BR", "pt_BR"},
		{"exact, ego's cn", "cn", "cn"},
		{"regional tag falls back to its language", "de-CH", "de"},
		{"language finds a regional key", "zh", "zh-TW"},
		{"region to another region", "pt-PT", "pt_BR"},
		{"qualities order the choices", "fr, de;q=0.5, zh-TW;q=0.9", "zh-TW"},
		{"ties keep the caller's order", "de;q=0.5, cn;q=0.5", "de"},
		{"q=0 refuses, q=0.001 accepts", "de;q=0, cn;q=0.001", "cn"},
		{"q=1.0", "de;q=1.0", "de"},
		{"empty", "", ""},
		{"wildcard", "*", ""},
		{"no match", "fr, en-GB", ""},
		{"refused", "de;q=0", ""},
		{"quality above 1", "de;q=2", ""},
		{"four decimals", "de;q=0.1234", ""},
		{"parameter without value", "de;q", ""},
		{"only separators", ",,;,", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Negotiate(c.header, keys)
			if got != c.want || ok != (c.want != "") {
				t.Errorf("Negotiate(%q) = %q, %v; want %q", c.header, got, ok, c.want)
			}
		})
	}
	if got, ok := Negotiate("de", nil); ok {
		t.Errorf("Negotiate with no keys = %q, want none", got)
	}
}
