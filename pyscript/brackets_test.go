package pyscript

import (
	"strings"
	"testing"
)

func TestShimBrackets(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"generator argument", "y = any(c == 1 for c in cols)\n", "y = any([c == 1 for c in cols])\n"},
		{"parenthesised generator", "y = next((c for c in cols), None)\n", "y = next([c for c in cols], None)\n"},
		{"set display", "y = {'a', 'b'}\n", "y = set(['a', 'b'])\n"},
		{"set comprehension", "y = {c for c in cols}\n", "y = set([c for c in cols])\n"},
		{"dict untouched", "y = {'a': 1, 'b': {}}\n", "y = {'a': 1, 'b': {}}\n"},
		{"dict comprehension untouched", "y = {k: v for k, v in x}\n", "y = {k: v for k, v in x}\n"},
		{"list comprehension untouched", "y = [c for c in (a, b)]\n", "y = [c for c in (a, b)]\n"},
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

func TestIsinstanceWithSQLAlchemyTypes(t *testing.T) {
	var printed []string
	_, err := runUpgrade(t, script(`ty = sa.String(50)
c = sa.Column("a", sa.Integer)
print(isinstance(ty, sa.String), isinstance(ty, sa.Integer), isinstance(ty, (sa.Integer, sa.String)), isinstance(c, sa.Column), isinstance(c, str))
y = {"a", "b"}
print(len(y), 0 < len(y))`), Env{Print: func(m string) { printed = append(printed, m) }})
	if err != nil {
		t.Fatal(err)
	}
	want := "True False True True False\n2 True"
	if got := strings.Join(printed, "\n"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestBracketPositions: errors after a rewritten set or generator keep
// the user's column.
func TestBracketPositions(t *testing.T) {
	// "    y = {1, 2} + 1": the + is column 16.
	_, err := runUpgrade(t, script(`y = {1, 2} + 1`), Env{})
	if err == nil || !strings.HasPrefix(err.Error(), "test.py:8:16: ") {
		t.Fatalf("got %v, want test.py:8:16", err)
	}
	// "    y = any(x for x in [1]) + None": the + is column 29.
	_, err = runUpgrade(t, script(`y = any(x for x in [1]) + None`), Env{})
	if err == nil || !strings.HasPrefix(err.Error(), "test.py:8:29: ") {
		t.Fatalf("got %v, want test.py:8:29", err)
	}
}

func TestShimChains(t *testing.T) {
	got, err := shim("ok = 0 < x <= 10 and y\n")
	if want := "ok = _retort_chain(0 , \"<\",  x , \"<=\",  10) and y\n"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	if _, err := shim("ok = a < b in c\n"); err == nil || !strings.Contains(err.Error(), "1:12: retort does not support chained comparisons with in or is") {
		t.Errorf("in chain: got %v", err)
	}
	if got, err := shim("for x in y:\n    z = x < 1\n"); err != nil || got != "for x in y:\n    z = x < 1\n" {
		t.Errorf("for-in is no comparison: got %q, %v", got, err)
	}
	// "    y = 0 < 1 < 2 + None": the + is column 19.
	_, err = runUpgrade(t, script(`y = 0 < 1 < 2 + None`), Env{})
	if err == nil || !strings.HasPrefix(err.Error(), "test.py:8:19: ") {
		t.Fatalf("got %v, want test.py:8:19", err)
	}
}

func TestDisplayUnpackingRefused(t *testing.T) {
	for _, src := range []string{"x = [*a, 1]\n", "x = {**a, 'b': 1}\n", "x = (1, *a)\n"} {
		if _, err := shim(src); err == nil || !strings.Contains(err.Error(), "retort does not support unpacking with * or **") {
			t.Errorf("%q: got %v", src, err)
		}
	}
	for _, src := range []string{"x = f(*a, **k)\n", "x = [f(*a)]\n", "x = [a * b, 2 ** 3]\n"} {
		if _, err := shim(src); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}
