package grpcerrors

import (
	"slices"
	"strings"
)

// LocalizedMessage is a message in one locale, as carried by
// google.rpc.LocalizedMessage.
type LocalizedMessage struct {
	// Locale is the translation's key as the proto wrote it: de, zh-TW, cn.
	Locale string
	// Message is the translated message with its placeholders filled.
	Message string
}

// Negotiate returns the key in available that best serves acceptLanguage,
// an Accept-Language value such as "de-CH, de;q=0.9, en;q=0.5" (a single
// tag works too), and false when none does.
//
// Languages are tried by descending quality (q=0 means "not this one"), in
// the caller's order when qualities tie; for each, an exact match wins over
// a match on the primary language (de-CH finds de, zh finds zh-TW). Matching
// ignores case and treats - and _ alike. "*" matches nothing: a wildcard
// states no preference that could be honoured. A range with a malformed
// quality is dropped rather than guessed at.
func Negotiate(acceptLanguage string, available []string) (string, bool) {
	type language struct {
		tag     string
		quality int
	}
	var wanted []language
	for _, r := range strings.Split(acceptLanguage, ",") {
		if tag, quality, ok := parseRange(r); ok && quality > 0 && tag != "*" {
			wanted = append(wanted, language{tag, quality})
		}
	}
	slices.SortStableFunc(wanted, func(a, b language) int { return b.quality - a.quality })
	for _, w := range wanted {
		for _, key := range available {
			if sameTag(key, w.tag) {
				return key, true
			}
		}
		for _, key := range available {
			if sameTag(primary(key), primary(w.tag)) {
				return key, true
			}
		}
	}
	return "", false
}

// parseRange reads "de;q=0.8" as ("de", 800): quality in thousandths.
func parseRange(r string) (tag string, quality int, ok bool) {
	parts := strings.Split(r, ";")
	tag = strings.TrimSpace(parts[0])
	if tag == "" {
		return "", 0, false
	}
	quality = 1000
	for _, parameter := range parts[1:] {
		name, value, found := strings.Cut(parameter, "=")
		if !found {
			return "", 0, false
		}
		if strings.EqualFold(strings.TrimSpace(name), "q") {
			if quality, ok = parseQuality(strings.TrimSpace(value)); !ok {
				return "", 0, false
			}
		}
	}
	return tag, quality, true
}

// parseQuality reads an RFC 9110 qvalue: 0, 1, or up to three decimals.
func parseQuality(value string) (int, bool) {
	whole, fraction, _ := strings.Cut(value, ".")
	if len(fraction) > 3 {
		return 0, false
	}
	thousandths := 0
	for i := range 3 {
		thousandths *= 10
		if i < len(fraction) {
			c := fraction[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			thousandths += int(c - '0')
		}
	}
	switch {
	case whole == "0":
		return thousandths, true
	case whole == "1" && thousandths == 0:
		return 1000, true
	}
	return 0, false
}

func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i]
	}
	return tag
}

func sameTag(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if lower(x) != lower(y) && !(isSeparator(x) && isSeparator(y)) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isSeparator(c byte) bool { return c == '-' || c == '_' }
