package grpcerrors

import "testing"

func TestRender(t *testing.T) {
	values := map[string]string{"user_id": "42", "n": "3"}
	for _, c := range []struct{ template, want string }{
		{"password for {user_id} does not match", "password for 42 does not match"},
		{"{{literal}} {n}/{n}", "{literal} 3/3"},
		{"missing {other} stays", "missing {other} stays"},
		{"unbalanced { and } survive", "unbalanced { and } survive"},
		{"密码 {user_id} 不匹配", "密码 42 不匹配"},
		{"{", "{"},
		{"}{n", "}{n"},
		{"{}", "{}"},
		{"", ""},
	} {
		if got := render(c.template, values); got != c.want {
			t.Errorf("render(%q) = %q, want %q", c.template, got, c.want)
		}
	}
}
