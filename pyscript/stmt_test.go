package pyscript

import (
	"strings"
	"testing"
)

func TestShimStatements(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"assert", "assert x > 0, 'neg'\n", "_retort_assert( x > 0, 'neg')\n"},
		{"assert is None", "assert x is None\n", "_retort_assert( x == None)\n"},
		{"del names", "del a, b\n", "a, b = None, None\n"},
		{"del key", "del d['k']\n", "d.pop('k')\n"},
		{"global read", "def f():\n    global x\n    return x\n", "def f():\n    pass        \n    return x\n"},
		{"indented bare annotation", "def f():\n    x: int\n", "def f():\n    pass      \n"},
		{"raise from", "raise ValueError('x') from e\n", "fail( ValueError('x'))       \n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := shim(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStatementsRun(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"assert passes", "assert 1 < 2, 'no'\nprint('ok')", "ok"},
		{"del key", "d = {'a': 1, 'b': 2}\ndel d['a']\nprint(d)", "{'b': 2}"},
		{"del list item", "xs = [1, 2, 3]\ndel xs[0]\nprint(xs)", "[2, 3]"},
		{"global read in function", "def g():\n    global revision\n    return revision\nprint(g())", "a1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var printed []string
			_, err := runUpgrade(t, script(tc.body), Env{Print: func(m string) { printed = append(printed, m) }})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(printed, "\n"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	errs := []struct{ name, body, want string }{
		// "    assert n == 2, f'n is {n}'": the assert is column 5.
		{"assert fails", "n = 1\nassert n == 2, f'n is {n}'", "test.py:9:5: AssertionError: n is 1"},
		{"bare assert fails", "assert []", "test.py:8:5: AssertionError"},
		{"raise from", "raise ValueError('bad') from None", "test.py:8:9: ValueError: bad"},
		{"del slice", "xs = [1]\ndel xs[0:1]", "test.py:9:13: retort does not support del of a slice"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runUpgrade(t, script(tc.body), Env{})
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("got %v, want prefix %q", err, tc.want)
			}
		})
	}
}
