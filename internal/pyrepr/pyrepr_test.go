package pyrepr

import "testing"

// The expectations are what CPython 3.11 prints for repr() and ascii().
func TestStr(t *testing.T) {
	tests := []struct{ in, repr, ascii string }{
		{"users", `'users'`, `'users'`},
		{"it's", `"it's"`, `"it's"`},
		{`say "hi" it's`, `'say "hi" it\'s'`, `'say "hi" it\'s'`},
		{"a\\b\tc\nd\re", `'a\\b\tc\nd\re'`, `'a\\b\tc\nd\re'`},
		{"\x00\x1f\x7f", `'\x00\x1f\x7f'`, `'\x00\x1f\x7f'`},
		{"café", `'café'`, `'caf\xe9'`},
		{"\u00a0", `'\xa0'`, `'\xa0'`},
		{"日本", `'日本'`, `'\u65e5\u672c'`},
		{"\U0001F600", "'\U0001F600'", `'\U0001f600'`},
		{"\u200b", `'\u200b'`, `'\u200b'`},
		{"bad\xff", `'bad\xff'`, `'bad\xff'`},
	}
	for _, tt := range tests {
		if got := Str(tt.in); got != tt.repr {
			t.Errorf("Str(%q) = %s, want %s", tt.in, got, tt.repr)
		}
		if got := ASCII(tt.in); got != tt.ascii {
			t.Errorf("ASCII(%q) = %s, want %s", tt.in, got, tt.ascii)
		}
	}
	if got := List([]string{"a", "b'c"}); got != `['a', "b'c"]` {
		t.Errorf("List = %s", got)
	}
}
