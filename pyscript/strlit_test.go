package pyscript

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

func TestShimStringLiterals(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"adjacent literals", "x = 'WHERE a ' 'AND b'\n", "x = ('WHERE a '+'AND b')\n"},
		{"adjacent without blank", "x = 'a''b'\n", "x = ('a'+'b')\n"},
		{"across lines in parens", "op.execute(\n    \"UPDATE t \"\n    \"SET a = 1\"\n)\n", "op.execute(\n    (\"UPDATE t \"+\n    \"SET a = 1\")\n)\n"},
		{"comment between", "x = ('a'  # one\n     'b')\n", "x = (('a'+ # one\n     'b'))\n"},
		{"u prefix", "x = u'abc'\n", "x = 'abc'\n"},
		{"upper-case prefixes", "x = R'\\d' + B'x' + bR'\\n'\n", "x = r'\\d' + b'x' + rb'\\n'\n"},
		{"non-ASCII hex escape", "x = '\\xe9'\n", "x = '\\u00e9'\n"},
		{"unknown escape kept", "x = '\\d+'\n", "x = '\\\\d+'\n"},
		{"bytes keep \\u literally", "x = b'\\u00'\n", "x = b'\\\\u00'\n"},
		{"plain literals untouched", "x = 'a\\n\\t\\'' + \"\\x41\"\n", "x = 'a\\n\\t\\'' + \"\\x41\"\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := shim(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("shim(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if strings.Count(got, "\n") != strings.Count(tc.in, "\n") {
				t.Errorf("line count changed")
			}
		})
	}
}

// TestStringLiteralPositions: errors after a rewritten literal point at
// the user's column.
func TestStringLiteralPositions(t *testing.T) {
	cases := []struct{ name, body, want string }{
		// "    x = u'\xe9' + 1": the + is column 17.
		{"after escape rewrite", `x = u'\xe9' + 1`, "test.py:8:17: "},
		// "    y = 'a' 'b' + 1": the second + is column 17.
		{"after concatenation", `y = 'a' 'b' + 1`, "test.py:8:17: "},
		{"after f-string", `z = f"{1}" + 1`, "test.py:8:16: "},
		{"N escape refused", `w = '\N{BULLET}'`, "test.py:8:9: retort does not support \\N{...} escapes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runUpgrade(t, script(tc.body), Env{})
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("got %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestConcatenatedSQLReachesExecute(t *testing.T) {
	got := mustUpgrade(t, `op.execute(
    "UPDATE account "
    "SET name = 'x' "  # why
    'WHERE id = %d' % 5
)`)
	if e := got[0].(*ops.Execute); e.SQL != "UPDATE account SET name = 'x' WHERE id = 5" {
		t.Errorf("got %q", e.SQL)
	}
}
