package pyscript

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// goldenCase is one expression and what CPython made of it.
type goldenCase struct {
	Expr  string   `json:"expr"`
	Setup []string `json:"setup"`
	Out   *string  `json:"out"`
	Err   string   `json:"err"`
}

// runGolden runs every case of a golden file recorded by
// testdata/pyfmt/record.py: print(expr) must print what CPython's expr
// evaluated to, or fail with CPython's exception text.
func runGolden(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Expr, func(t *testing.T) {
			var printed []string
			env := Env{Print: func(msg string) { printed = append(printed, msg) }}
			src := script("print(" + tc.Expr + ")")
			// Setup imports replace the blank line before revision, keeping line 8.
			src = strings.Replace(src, "\n\nrevision", "\n"+strings.Join(tc.Setup, "; ")+"\nrevision", 1)
			s, err := Compile("fmt.py", []byte(src))
			if err == nil {
				err = s.Upgrade(context.Background(), &recordingSink{}, env)
			}
			want := tc.Err
			if strings.HasPrefix(want, "JSONDecodeError: ") {
				// Go's decoder words the reason differently; the type must match.
				want = "JSONDecodeError: "
			}
			switch {
			case tc.Out != nil && err != nil:
				t.Fatalf("got error %v, want %q", err, *tc.Out)
			case tc.Out != nil:
				if len(printed) != 1 || printed[0] != *tc.Out {
					t.Fatalf("got %q, want %q", printed, *tc.Out)
				}
			case err == nil:
				t.Fatalf("got %q, want error %q", printed, tc.Err)
			case !strings.Contains(err.Error(), "fmt.py:8:") || !strings.Contains(err.Error(), want):
				t.Fatalf("got error %v, want fmt.py:8: ... %q", err, want)
			}
		})
	}
}

// TestPythonFormattingGolden compares repr, str, % formatting, str.format,
// format(), f-strings and string literals with CPython.
func TestPythonFormattingGolden(t *testing.T) { runGolden(t, "testdata/pyfmt/golden.json") }

// TestStdlibGolden compares the json, re, base64, datetime, os, time and
// enum modules and the str/bytes methods with CPython.
func TestStdlibGolden(t *testing.T) { runGolden(t, "testdata/pyfmt/golden_stdlib.json") }

func TestPythonFormattingStatements(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"augmented %=", "s = 'id = %r'\ns %= 'x'\nprint(s)", []string{"id = 'x'"}},
		{"integer % still computes", "print(7 % 3, -7 % 3, 7.5 % 2)", []string{"1 2 1.5"}},
		{"print sep and end", "print('a', 'b', sep='-', end='')", []string{"a-b"}},
		{"print list uses repr", "print(['a', None])", []string{"['a', None]"}},
		{"format on a variable template", "tmpl = 'DROP TABLE {!r}'\nprint(tmpl.format('t'))", []string{"DROP TABLE 't'"}},
		{"f-string with variables", "name = 'users'\nw = 8\nprint(f'{name!r:>{w}}|{len(name):03d}')", []string{" 'users'|005"}},
		{"execute gets Python repr", "op.execute(\"DELETE FROM t WHERE name = %r\" % 'bob')\nprint('ok')", []string{"ok"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var printed []string
			_, err := runUpgrade(t, script(tc.body), Env{Print: func(m string) { printed = append(printed, m) }})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(printed, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q, want %q", printed, tc.want)
			}
		})
	}
	got := mustUpgrade(t, "op.execute(\"DELETE FROM t WHERE name = %r\" % 'bob')")
	if e := got[0].(*ops.Execute); e.SQL != "DELETE FROM t WHERE name = 'bob'" {
		t.Errorf("execute: got %q", e.SQL)
	}
}

func TestFormattingErrorPosition(t *testing.T) {
	_, err := runUpgrade(t, script("x = 1\ny = 'a %s %s' % (x,)"), Env{})
	want := "test.py:9:19: TypeError: not enough arguments for format string"
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "_retort") {
		t.Fatalf("got %v, want %q without hidden names", err, want)
	}
}
