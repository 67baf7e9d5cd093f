package pyscript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScriptsPrintWhatPythonPrints runs each testdata/pyrun/*.py
// script's upgrade() and compares what it prints with NAME.out, which
// CPython 3.11 printed for the same file (see record.sh there).
func TestScriptsPrintWhatPythonPrints(t *testing.T) {
	files, err := filepath.Glob("testdata/pyrun/*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(f, ".py") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			var printed []string
			if _, err := runUpgrade(t, string(src), Env{Print: func(m string) { printed = append(printed, m) }}); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(printed, "\n") + "\n"; got != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// What classes, decorators and the new stdlib modules cannot do is a
// clear refusal naming the script's line.
func TestConstructRefusals(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"suppress", "import contextlib\nwith contextlib.suppress(KeyError):\n    pass", "retort does not support contextlib.suppress (use try/except)"},
		{"contextmanager generator", "import contextlib\n@contextlib.contextmanager\ndef cm():\n    yield 1", "retort does not support yield expression"},
		{"defaultdict lambda", "import collections\nd = collections.defaultdict(lambda: 0)", "test.py:9:32: retort does not support defaultdict(<function lambda>)"},
		{"property", "class P:\n    @property\n    def x(self):\n        return 1", "test.py:9:10: retort does not support @property"},
		{"dict base", "class P(dict):\n    pass", "test.py:8:5: retort does not support class P deriving from <built-in function dict>"},
		{"exception __init__", "class E(Exception):\n    def __init__(self, m):\n        self.m = m\nraise E('x')", "test.py:11:12: retort does not support __init__ on an exception class (E)"},
		{"method error line", "class P:\n    def f(self):\n        return {}['k']\nP().f()", "test.py:10:22: KeyError: 'k'"},
		{"enum with bad value", "import enum\nclass Mood(enum.IntEnum):\n    A = 'x'", "test.py:9:5: ValueError: invalid literal for int()"},
		{"unknown enum value", "import enum\nclass Mood(enum.Enum):\n    A = 'a'\nMood('b')", "test.py:11:9: ValueError: 'b' is not a valid Mood"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runUpgrade(t, script(tc.body), Env{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}
