package script

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestScanHeader(t *testing.T) {
	const tail = "\ndef upgrade():\n    pass\n"
	tests := []struct {
		name     string
		src      string
		rev      string
		down     []string
		labels   []string
		deps     []string
		longDoc  string
		lines    [4]int // revision, down_revision, branch_labels, depends_on
		wantNoDn bool   // no down_revision assignment seen
	}{
		{
			name: "alembic 1.8 template",
			src: "\"\"\"add email\n\nRevision ID: 2b3c\nRevises: 1a2b\nCreate Date: 2026-11-22 04:05:06.123456\n\n\"\"\"\n" +
				"from alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\n" +
				"revision = '2b3c'\ndown_revision = '1a2b'\nbranch_labels = None\ndepends_on = None\n" + tail,
			rev: "2b3c", down: []string{"1a2b"},
			longDoc: "add email\n\nRevision ID: 2b3c\nRevises: 1a2b\nCreate Date: 2026-11-22 04:05:06.123456",
			lines:   [4]int{13, 14, 15, 16},
		},
		{
			name: "annotated style",
			src: "\"\"\"msg\"\"\"\nfrom typing import Sequence, Union\n\nrevision: str = \"ae10\"\n" +
				"down_revision: Union[str, None] = \"9f00\"\nbranch_labels: Union[str, Sequence[str], None] = None\n" +
				"depends_on: Union[str, Sequence[str], None] = None\n" + tail,
			rev: "ae10", down: []string{"9f00"}, longDoc: "msg", lines: [4]int{4, 5, 6, 7},
		},
		{
			name: "base revision",
			src:  "revision = 'a1'\ndown_revision = None\n",
			rev:  "a1", lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "merge tuple",
			src:  "revision = 'm'\ndown_revision = ('a', 'b')\n",
			rev:  "m", down: []string{"a", "b"}, lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "merge list",
			src:  "revision = 'm'\ndown_revision = [\"a\", \"b\"]\n",
			rev:  "m", down: []string{"a", "b"}, lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "one-element tuple",
			src:  "revision = 'm'\ndown_revision = ('a',)\n",
			rev:  "m", down: []string{"a"}, lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "parenthesised string",
			src:  "revision = ('m')\ndown_revision = ('a')\n",
			rev:  "m", down: []string{"a"}, lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "bare tuple",
			src:  "revision = 'm'\ndown_revision = 'a', 'b'\n",
			rev:  "m", down: []string{"a", "b"}, lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "multi-line tuple with comments",
			src:  "revision = 'm'\ndown_revision = (\n    'a',  # billing\n    # the other one\n    'b',\n)\nbranch_labels = ('x',)\n",
			rev:  "m", down: []string{"a", "b"}, labels: []string{"x"}, lines: [4]int{1, 2, 7, 0},
		},
		{
			name: "trailing comments",
			src:  "revision = 'r1'  # id\ndown_revision = None # first\nbranch_labels = 'lab' # one label\ndepends_on = 'd1'\n",
			rev:  "r1", labels: []string{"lab"}, deps: []string{"d1"}, lines: [4]int{1, 2, 3, 4},
		},
		{
			name: "depends_on list",
			src:  "revision = 'r'\ndown_revision = None\ndepends_on = ['lab', 'ddd']\n",
			rev:  "r", deps: []string{"lab", "ddd"}, lines: [4]int{1, 2, 0, 3},
		},
		{
			name: "empty tuple labels",
			src:  "revision = 'r'\ndown_revision = None\nbranch_labels = ()\n",
			rev:  "r", lines: [4]int{1, 2, 3, 0},
		},
		{
			name: "double quotes and spacing",
			src:  "revision=\"r\"\ndown_revision   =   \"p\"\n",
			rev:  "r", down: []string{"p"}, lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "semicolon after value",
			src:  "revision = 'r';\ndown_revision = None\n",
			rev:  "r", lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "assignments in docstring are ignored",
			src:  "\"\"\"msg\nrevision = 'fake'\n\"\"\"\nrevision = 'real'\ndown_revision = None\n",
			rev:  "real", longDoc: "msg\nrevision = 'fake'", lines: [4]int{4, 5, 0, 0},
		},
		{
			name: "single-quoted docstring",
			src:  "'''one line'''\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", longDoc: "one line", lines: [4]int{2, 3, 0, 0},
		},
		{
			name: "raw docstring keeps backslashes",
			src:  "r\"\"\"path C:\\new\"\"\"\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", longDoc: `path C:\new`, lines: [4]int{2, 3, 0, 0},
		},
		{
			name: "escaped docstring",
			src:  "\"\"\"tab\\there \\\"q\\\"\"\"\"\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", longDoc: "tab\there \"q\"", lines: [4]int{2, 3, 0, 0},
		},
		{
			name: "encoding line and comments before docstring",
			src:  "# -*- coding: utf-8 -*-\n# comment\n\n\"\"\"café\"\"\"\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", longDoc: "café", lines: [4]int{5, 6, 0, 0},
		},
		{
			name: "no docstring",
			src:  "import sqlalchemy as sa\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", lines: [4]int{2, 3, 0, 0},
		},
		{
			name: "string after import is not a docstring",
			src:  "import os\n\"\"\"not doc\"\"\"\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", lines: [4]int{3, 4, 0, 0},
		},
		{
			name: "first assignment wins",
			src:  "revision = 'a'\ndown_revision = None\nbranch_labels = None\ndepends_on = None\nrevision = 'b'\n",
			rev:  "a", lines: [4]int{1, 2, 3, 4},
		},
		{
			name: "indented assignments are not module level",
			src:  "def f():\n    revision = 'inner'\nrevision = 'outer'\ndown_revision = None\n",
			rev:  "outer", lines: [4]int{3, 4, 0, 0},
		},
		{
			name: "other assignments and calls skipped",
			src:  "x = {'revision': 'no'}\nfoo(\n  revision='no',\n)\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", lines: [4]int{5, 6, 0, 0},
		},
		{
			name: "comparison is not assignment",
			src:  "revision == 'x'\nrevision = 'r'\ndown_revision = None\n",
			rev:  "r", lines: [4]int{2, 3, 0, 0},
		},
		{
			name: "implicit concatenation",
			src:  "revision = 'ab' \"cd\"\ndown_revision = None\n",
			rev:  "abcd", lines: [4]int{1, 2, 0, 0},
		},
		{
			name: "backslash continuation",
			src:  "revision = \\\n    'r'\ndown_revision = None\n",
			rev:  "r", lines: [4]int{1, 3, 0, 0},
		},
		{
			name: "CRLF line endings",
			src:  "\"\"\"msg\r\n\r\nRevision ID: r\r\n\"\"\"\r\nrevision = 'r'\r\ndown_revision = 'p'\r\n",
			rev:  "r", down: []string{"p"}, longDoc: "msg\n\nRevision ID: r", lines: [4]int{5, 6, 0, 0},
		},
		{
			name: "annotation without value skipped",
			src:  "revision: str\nrevision: str = 'r'\ndown_revision: Optional[str] = None\n",
			rev:  "r", lines: [4]int{2, 3, 0, 0},
		},
		{
			name: "no down_revision",
			src:  "revision = 'r'\n",
			rev:  "r", lines: [4]int{1, 0, 0, 0}, wantNoDn: true,
		},
		{
			name: "u and b prefixes",
			src:  "revision = u'r'\ndown_revision = b'p'\n",
			rev:  "r", down: []string{"p"}, lines: [4]int{1, 2, 0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ScanHeader("v.py", []byte(tt.src))
			if err != nil {
				t.Fatalf("ScanHeader: %v", err)
			}
			if h.Revision != tt.rev {
				t.Errorf("Revision = %q, want %q", h.Revision, tt.rev)
			}
			if !reflect.DeepEqual(h.DownRevisions, tt.down) {
				t.Errorf("DownRevisions = %q, want %q", h.DownRevisions, tt.down)
			}
			if !reflect.DeepEqual(h.BranchLabels, tt.labels) {
				t.Errorf("BranchLabels = %q, want %q", h.BranchLabels, tt.labels)
			}
			if !reflect.DeepEqual(h.DependsOn, tt.deps) {
				t.Errorf("DependsOn = %q, want %q", h.DependsOn, tt.deps)
			}
			if h.LongDoc != tt.longDoc {
				t.Errorf("LongDoc = %q, want %q", h.LongDoc, tt.longDoc)
			}
			got := [4]int{h.RevisionLine, h.DownRevisionLine, h.BranchLabelsLine, h.DependsOnLine}
			if got != tt.lines {
				t.Errorf("lines = %v, want %v", got, tt.lines)
			}
			if h.hasDownRevision == tt.wantNoDn {
				t.Errorf("hasDownRevision = %v, want %v", h.hasDownRevision, !tt.wantNoDn)
			}
		})
	}
}

func TestScanHeaderErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // full error text
	}{
		{"call as revision", "revision = make_id()\n", "v.py:1: revision must be a string, a tuple or list of strings, or None; found make_id() (retort reads headers without running the script)"},
		{"name as down_revision", "revision = 'r'\ndown_revision = PARENT\n", "v.py:2: down_revision must be a string, a tuple or list of strings, or None; found PARENT (retort reads headers without running the script)"},
		{"revision None", "revision = None\n", "v.py:1: revision must be a string literal, found None"},
		{"revision tuple", "revision = ('a', 'b')\n", "v.py:1: revision must be a string literal, found a sequence"},
		{"unterminated string", "revision = 'r\ndown_revision = None\n", "v.py:1: unterminated string literal"},
		{"unterminated docstring", "\"\"\"never closed\nrevision = 'r'\n", "v.py:1: unterminated string literal"},
		{"unclosed tuple", "revision = 'r'\ndown_revision = ('a', 'b'\n", "v.py:2: down_revision: unclosed '('"},
		{"missing comma", "revision = 'r'\ndown_revision = ('a' 'b' c)\n", "v.py:2: down_revision: expected ',' or ')' before c)"},
		{"nested tuple", "revision = 'r'\ndown_revision = (('a',),)\n", "v.py:2: down_revision: nested sequences are not supported"},
		{"None in tuple", "revision = 'r'\ndown_revision = ('a', None)\n", "v.py:2: down_revision: None inside a sequence"},
		{"expression after value", "revision = 'r' + suffix\n", "v.py:1: revision: unexpected + suffix after the value"},
		{"f-string", "revision = f'{x}'\n", "v.py:1: f-strings are not supported in revision headers"},
		{"missing value", "revision = 'r'\ndown_revision =", "v.py:2: down_revision: missing value"},
		{"number in tuple", "revision = 'r'\ndepends_on = ('a', 1)\n", "v.py:2: depends_on must be a string, a tuple or list of strings, or None; found 1) (retort reads headers without running the script)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ScanHeader("v.py", []byte(tt.src))
			var he *HeaderError
			if !errors.As(err, &he) {
				t.Fatalf("err = %v, want *HeaderError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("err = %q\nwant  %q", err.Error(), tt.want)
			}
		})
	}
}

func FuzzScanHeader(f *testing.F) {
	seeds := []string{
		"\"\"\"doc\"\"\"\nrevision = 'a'\ndown_revision = ('b', 'c')\nbranch_labels = None\ndepends_on = ['d']\n",
		"revision: str = \"x\"\ndown_revision: Union[str, None] = None\n",
		"revision = 'r\n", "down_revision = (\n", "'''", "revision = \\", "x: [=", "r'''\\", "revision = ('a' 'b'",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		h, err := ScanHeader("f.py", src)
		if err == nil && h == nil {
			t.Fatal("nil header without error")
		}
		if err != nil && !strings.HasPrefix(err.Error(), "f.py") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
