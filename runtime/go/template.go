package grpcerrors

import "strings"

// render fills a message template: {name} is replaced by values[name], {{
// and }} are literal braces. protoc-gen-errors validates templates, so at run
// time a placeholder without a value is left as written.
func render(template string, values map[string]string) string {
	var out strings.Builder
	out.Grow(len(template))
	rest := template
	for {
		at := strings.IndexAny(rest, "{}")
		if at < 0 {
			break
		}
		out.WriteString(rest[:at])
		tail := rest[at:]
		end := strings.IndexByte(tail, '}')
		switch {
		case strings.HasPrefix(tail, "{{"), strings.HasPrefix(tail, "}}"):
			out.WriteByte(tail[0])
			rest = tail[2:]
		case tail[0] == '{' && end > 0:
			if value, ok := values[tail[1:end]]; ok {
				out.WriteString(value)
			} else {
				out.WriteString(tail[:end+1])
			}
			rest = tail[end+1:]
		default:
			out.WriteByte(tail[0])
			rest = tail[1:]
		}
	}
	out.WriteString(rest)
	return out.String()
}
