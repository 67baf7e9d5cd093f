package pyscript

import (
	"strings"
	"testing"
)

func TestShimTry(t *testing.T) {
	in := "try:\n    x()\nexcept (KeyError, ValueError) as e:\n    pass\nexcept Exception:\n    raise\ny = 1\n"
	want := "def _retort_tryfn1():\n    x()\nfor e in _retort_try(_retort_tryfn1, (KeyError, ValueError)):\n    pass\nfor _retort_exc2 in _retort_caught(_retort_tryfn1, Exception, last=True):\n    fail(_retort_exc2)\ny = 1\n"
	got, err := shim(in)
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
}

func TestTryExceptRuns(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"caught by name", "try:\n    {}['k']\nexcept KeyError as e:\n    print('caught', repr(str(e)))", "caught \"'k'\""},
		{"raised by the script", "try:\n    raise ValueError('bad value')\nexcept ValueError as e:\n    print(e, repr(e))", "bad value ValueError('bad value')"},
		{"parent class", "try:\n    [][1]\nexcept LookupError:\n    print('lookup')", "lookup"},
		{"second clause", "try:\n    1 // 0\nexcept KeyError:\n    print('no')\nexcept ZeroDivisionError:\n    print('zero')", "zero"},
		{"no error skips handlers", "try:\n    print('body')\nexcept Exception:\n    print('no')", "body"},
		{"bare except", "try:\n    int('x')\nexcept:\n    print('any')", "any"},
		{"ops before the error stay", "try:\n    op.drop_table('a')\n    raise RuntimeError('x')\nexcept RuntimeError:\n    pass\nprint('after')", "after"},
		{"names bound in the body used only there", "try:\n    n = 1\n    print(n)\nexcept Exception:\n    pass\nn = 2\nprint(n)", "1\n2"},
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
		{"unmatched re-raised", "try:\n    raise ValueError('v')\nexcept KeyError:\n    pass", "test.py:9:13: ValueError: v"},
		{"unmatched re-raised after finally", "try:\n    raise ValueError('v')\nexcept KeyError:\n    pass\nfinally:\n    pass", "test.py:9:13: ValueError: v"},
		{"finally without except re-raises", "try:\n    raise ValueError('v')\nfinally:\n    pass", "test.py:9:13: ValueError: v"},
		{"else without except", "try:\n    pass\nelse:\n    pass", "test.py:10:5: retort does not support try ... else without an except clause before it"},
		{"clause after finally", "try:\n    pass\nfinally:\n    pass\nexcept Exception:\n    pass", "test.py:12:5: retort does not support a clause after finally"},
		// Python runs the finally clause before a handler's exception goes on.
		{"raise in a handler before finally", "try:\n    pass\nexcept ValueError:\n    raise KeyError('k')\nfinally:\n    pass", "test.py:10:1: retort does not support a raise in an except or else clause of a try statement that has a finally clause"},
		{"bare raise re-raises", "try:\n    raise ValueError('v')\nexcept ValueError:\n    raise", "ValueError: v"},
		{"binding read after the try, shadowed by a lambda", "try:\n    x = 1\nexcept Exception:\n    pass\nf = lambda x: x\nprint(x)", "test.py:9:9: retort does not support binding x inside a try block and reading it after the block"},
		{"return in try", "try:\n    return\nexcept Exception:\n    pass", "test.py:9:9: retort does not support return inside a try block"},
		{"refusals are not swallowed", "try:\n    import subprocess\nexcept Exception:\n    pass", "unsupported import: subprocess"},
		{"step limit is not swallowed", "try:\n    for i in range(100000000):\n        pass\nexcept Exception:\n    pass", "steps"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runUpgrade(t, script(tc.body), Env{MaxSteps: 100000})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSeveralContextManagers(t *testing.T) {
	got, err := shim("with a() as x, b() as y:\n    pass\n")
	if want := "for x, y in _retort_with_all( a()     , b()     ):\n    pass\n"; err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	got, err = shim("with (\n    a() as x,\n    b(),\n):\n    pass\n")
	if want := "for x, _retort_with1 in _retort_with_all (\n    a()     ,\n    b(),\n):\n    pass\n"; err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	ops := mustUpgrade(t, `with (op.batch_alter_table("a") as ba, op.batch_alter_table("b") as bb):
    ba.drop_column("x")
    bb.drop_column("y")
with op.batch_alter_table("c") as bc, op.get_context().autocommit_block():
    bc.drop_column("z")
with (op.batch_alter_table("d") as bd):
    bd.drop_column("w")`)
	var tables []string
	for _, o := range ops {
		s := opJSON(o)
		for _, name := range []string{"a", "b", "c", "d"} {
			if strings.Contains(s, `"Table":"`+name+`"`) {
				tables = append(tables, name)
			}
		}
	}
	// The inner manager exits first, as in Python.
	if got := strings.Join(tables, ","); got != "b,a,c,d" {
		t.Errorf("batches closed as %q, want b,a,c,d; ops:\n%v", got, ops)
	}
}

// TestStarlarkFailuresSpeakPython: uncaught failures Starlark reports in
// its own words carry Python's exception name and text.
func TestStarlarkFailuresSpeakPython(t *testing.T) {
	cases := []struct{ body, want string }{
		{"d = {}\nd['k']", "test.py:9:6: KeyError: 'k'"},
		{"x = [1][3]", "IndexError: list index out of range"},
		{"x = 1 // 0", "ZeroDivisionError: division by zero"},
		{"x = 1 + 'a'", "TypeError: unknown binary op: int + string"},
		{"x = (1).foo", "AttributeError: int has no .foo field or method"},
	}
	for _, tc := range cases {
		t.Run(tc.body, func(t *testing.T) {
			_, err := runUpgrade(t, script(tc.body), Env{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestExceptionMessages(t *testing.T) {
	cases := []struct{ body, want string }{
		{"raise ValueError(['a', 1])", "ValueError: ['a', 1]"},
		{"raise RuntimeError('a', 2)", "RuntimeError: ('a', 2)"},
		{"raise NotImplementedError()", "NotImplementedError"},
	}
	for _, tc := range cases {
		t.Run(tc.body, func(t *testing.T) {
			_, err := runUpgrade(t, script(tc.body), Env{})
			if err == nil || !strings.Contains(err.Error(), ": "+tc.want+"\n") {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}
