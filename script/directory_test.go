package script

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/sqlfile"
)

// pyRev is the text of a minimal revision script in Alembic's layout.
func pyRev(id, doc string, down any, extra string) string {
	var d string
	switch x := down.(type) {
	case nil:
		d = "None"
	case string:
		d = fmt.Sprintf("%q", x)
	case []string:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = fmt.Sprintf("'%s'", p)
		}
		d = "(" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprintf("\"\"\"%s\n\nRevision ID: %s\nCreate Date: 2026-01-02 03:04:05\n\n\"\"\"\nrevision = '%s'\ndown_revision = %s\n%s\ndef upgrade():\n    pass\n", doc, id, id, d, extra)
}

// project makes a script directory with the generic template and the
// given files (relative to the script directory).
func project(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	tmpl, err := templateFS.ReadFile("templates/generic/script.py.mako")
	if err != nil {
		t.Fatal(err)
	}
	files["script.py.mako"] = string(tmpl)
	if err := os.MkdirAll(filepath.Join(dir, "versions"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func ids(rs []*revision.Revision) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func TestOpen(t *testing.T) {
	dir := project(t, map[string]string{
		"versions/a1_first.py":      pyRev("a1", "first one\nsecond line\n\nlong part", nil, ""),
		"versions/b2_second.py":     pyRev("b2", "second", "a1", "branch_labels = ('lab',)\n"),
		"versions/c3_third.py":      pyRev("c3", "", "b2", "depends_on = 'a1'\n"),
		"versions/__init__.py":      "",
		"versions/.#a1_first.py":    "garbage",
		"versions/notes.txt":        "not a script",
		"versions/__pycache__/x.py": "garbage",
		"versions/sub/d4_deeper.py": pyRev("d4", "deeper", "c3", ""),
	})
	d, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(d.Map.Heads()); strings.Join(got, ",") != "c3" {
		t.Errorf("heads = %v, want [c3] (subdirectories are not loaded without Recursive)", got)
	}
	s := d.Script("a1")
	if s == nil {
		t.Fatal("Script(a1) = nil")
	}
	if s.Doc != "first one\nsecond line" || s.Message != "first one" || s.CreateDate != "2026-01-02 03:04:05" || s.Kind != KindPy {
		t.Errorf("a1: Doc=%q Message=%q CreateDate=%q Kind=%q", s.Doc, s.Message, s.CreateDate, s.Kind)
	}
	if !strings.HasPrefix(s.LongDoc, "first one\nsecond line\n\nlong part\n\nRevision ID: a1") {
		t.Errorf("a1 LongDoc = %q", s.LongDoc)
	}
	if s.Path != filepath.Join(dir, "versions", "a1_first.py") || s.Revision.Path != s.Path {
		t.Errorf("a1 Path = %q / %q", s.Path, s.Revision.Path)
	}
	if got := d.Script("b2").Revision.BranchLabels; len(got) != 1 || got[0] != "lab" {
		t.Errorf("b2 labels = %v", got)
	}
	if got := d.Script("c3").Revision.DependsOn; len(got) != 1 || got[0] != "a1" {
		t.Errorf("c3 depends_on = %v", got)
	}
	// An empty message leaves the docstring starting at "Revision ID:",
	// which is then what Alembic's history prints.
	if c3 := d.Script("c3"); c3.Doc != "Revision ID: c3\nCreate Date: 2026-01-02 03:04:05" || c3.Message != "Revision ID: c3" {
		t.Errorf("c3 without message: Doc=%q Message=%q", c3.Doc, c3.Message)
	}
	if got := len(d.Scripts()); got != 3 {
		t.Errorf("len(Scripts()) = %d, want 3", got)
	}
	if r, err := d.Map.Get("lab@head"); err != nil || r.ID != "c3" {
		t.Errorf("Map.Get(lab@head) = %v, %v", r, err)
	}

	d, err = Open(Options{Dir: dir, Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(d.Map.Heads()); strings.Join(got, ",") != "d4" {
		t.Errorf("recursive heads = %v, want [d4]", got)
	}
}

func TestOpenVersionLocations(t *testing.T) {
	dir := project(t, map[string]string{
		"versions/a1_first.py": pyRev("a1", "first", nil, ""),
		"other/b2_second.py":   pyRev("b2", "second", "a1", ""),
	})
	d, err := Open(Options{Dir: dir, VersionLocations: []string{
		filepath.Join(dir, "versions"), filepath.Join(dir, "other"), filepath.Join(dir, "not-yet"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(d.Map.Heads()); strings.Join(got, ",") != "b2" {
		t.Errorf("heads = %v", got)
	}
	// The same directory listed twice is loaded once.
	d, err = Open(Options{Dir: dir, VersionLocations: []string{filepath.Join(dir, "versions"), filepath.Join(dir, "versions") + "/"}})
	if err != nil {
		t.Fatalf("duplicate location: %v", err)
	}
	if len(d.Scripts()) != 1 {
		t.Errorf("duplicate location loaded %d scripts", len(d.Scripts()))
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // error text, with DIR for the versions directory
		as    any    // a typed error the result must match
	}{
		{
			name:  "duplicate revision id",
			files: map[string]string{"versions/a_one.py": pyRev("a1", "x", nil, ""), "versions/b_two.py": pyRev("a1", "y", nil, "")},
			want:  "DIR/b_two.py:7: revision a1 is already declared in DIR/a_one.py",
			as:    new(*HeaderError),
		},
		{
			name:  "missing down_revision target",
			files: map[string]string{"versions/a.py": pyRev("a1", "x", "zz", "")},
			want:  "DIR/a.py:8: Revision zz referenced from a1 is not present",
			as:    new(*revision.MissingRevisionError),
		},
		{
			name:  "missing dependency",
			files: map[string]string{"versions/a.py": pyRev("a1", "x", nil, "depends_on = 'nothere'\n")},
			want:  "DIR/a.py:9: Dependency nothere referenced from a1 is not present",
			as:    new(*revision.MissingRevisionError),
		},
		{
			name: "cycle",
			files: map[string]string{
				"versions/a.py": pyRev("a1", "x", "b2", ""), "versions/b.py": pyRev("b2", "y", "a1", ""),
			},
			want: "DIR/a.py:8: Cycle is detected in revisions (a1, b2)",
			as:   new(*revision.CycleError),
		},
		{
			name: "duplicate branch label",
			files: map[string]string{
				"versions/a.py": pyRev("a1", "x", nil, "branch_labels = ('lab',)\n"),
				"versions/b.py": pyRev("b2", "y", "a1", "branch_labels = 'lab'\n"),
			},
			want: "DIR/b.py:9: Branch name 'lab' in revision b2 already used by revision a1",
			as:   new(*revision.DuplicateLabelError),
		},
		{
			name:  "unreadable header",
			files: map[string]string{"versions/a.py": "revision = compute()\ndown_revision = None\n"},
			want:  "DIR/a.py:1: revision must be a string, a tuple or list of strings, or None; found compute() (retort reads headers without running the script)",
			as:    new(*HeaderError),
		},
		{
			name:  "no down_revision",
			files: map[string]string{"versions/a.py": "revision = 'a'\n"},
			want:  "DIR/a.py: no down_revision assignment (use down_revision = None for a first revision)",
			as:    new(*HeaderError),
		},
		{
			name:  "no revision and no id in file name",
			files: map[string]string{"versions/first.py": "down_revision = None\n"},
			want:  "DIR/first.py: Could not determine revision id from filename first.py. Be sure the 'revision' variable is declared inside the script.",
			as:    new(*HeaderError),
		},
		{
			name:  "sql header without revision",
			files: map[string]string{"versions/a.sql": "-- just a note\n\n-- retort:upgrade\nSELECT 1;\n"},
			want:  "DIR/a.sql:1: missing '-- Revision ID:' line in the header comment",
			as:    new(*sqlfile.SyntaxError),
		},
		{
			name:  "sql script with a missing parent",
			files: map[string]string{"versions/a.sql": "-- one\n--\n-- Revision ID: s1\n-- Revises: gone\n\n-- retort:upgrade\n"},
			want:  "DIR/a.sql: Revision gone referenced from s1 is not present",
			as:    new(*revision.MissingRevisionError),
		},
		{
			name:  "illegal character in id",
			files: map[string]string{"versions/a.py": "revision = 'a@b'\ndown_revision = None\n"},
			want:  "DIR/a.py:1: Character(s) '@' not allowed in revision identifier 'a@b'",
			as:    new(*revision.RevisionError),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t, tt.files)
			_, err := Open(Options{Dir: dir})
			if err == nil {
				t.Fatal("Open succeeded")
			}
			want := strings.ReplaceAll(tt.want, "DIR", filepath.Join(dir, "versions"))
			if err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
			if !errors.As(err, tt.as) {
				t.Errorf("err %T does not match %T", err, tt.as)
			}
		})
	}
}

func TestOpenLegacyFileNameID(t *testing.T) {
	dir := project(t, map[string]string{"versions/abc123.py": "down_revision = None\n"})
	d, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if d.Script("abc123") == nil {
		t.Error("revision id not taken from the file name")
	}
}

func TestOpenMissingDirectories(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	_, err := Open(Options{Dir: missing})
	want := fmt.Sprintf("Path doesn't exist: '%s'.  Please use the 'init' command to create a new scripts folder.", missing)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	dir := t.TempDir()
	_, err = Open(Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "versions directory "+filepath.Join(dir, "versions")+" does not exist") {
		t.Errorf("missing versions dir: err = %v", err)
	}
}

func TestOpenLargeHeader(t *testing.T) {
	// A docstring longer than the first read block forces the second read.
	long := strings.Repeat("very long text\n", headerReadSize/10)
	dir := project(t, map[string]string{"versions/a.py": pyRev("a1", "big"+long, nil, "")})
	d, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if d.Script("a1") == nil {
		t.Fatal("a1 not loaded")
	}
}

func BenchmarkOpen10k(b *testing.B) {
	files := map[string]string{}
	const n = 10000
	for i := 0; i < n; i++ {
		var down any
		if i > 0 {
			down = fmt.Sprintf("%012x", i-1)
		}
		files[fmt.Sprintf("versions/%012x_step_%d.py", i, i)] = pyRev(fmt.Sprintf("%012x", i), fmt.Sprintf("step %d", i), down,
			"branch_labels = None\ndepends_on = None\n")
	}
	dir := project(b, files)
	b.ResetTimer()
	for b.Loop() {
		d, err := Open(Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		if d.Map.Len() != n {
			b.Fatalf("loaded %d revisions", d.Map.Len())
		}
	}
}

func TestOpenMixedKinds(t *testing.T) {
	dir := project(t, map[string]string{
		"versions/a1.py":  pyRev("a1a1", "python one", nil, ""),
		"versions/b2.sql": "-- sql two\n-- more words\n--\n-- Revision ID: b2b2\n-- Revises: a1a1\n-- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\nSELECT 1;\n",
	})
	d, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Script("b2b2")
	if s == nil || s.Kind != KindSQL || s.Message != "sql two" || s.Doc != "sql two\nmore words" || s.CreateDate != "2026-01-01 00:00:00" {
		t.Fatalf("sql script = %+v", s)
	}
	if got := s.Revision.DownRevisions; len(got) != 1 || got[0] != "a1a1" {
		t.Errorf("sql down = %v", got)
	}
}

func TestOpenReportsManyBrokenFiles(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 12; i++ {
		files[fmt.Sprintf("versions/r%02d.py", i)] = "revision = broken()\n"
	}
	_, err := Open(Options{Dir: project(t, files)})
	if err == nil {
		t.Fatal("Open succeeded")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 11 || !strings.HasSuffix(lines[0], "r00.py:1: revision must be a string, a tuple or list of strings, or None; found broken() (retort reads headers without running the script)") ||
		lines[10] != "... and 2 more unreadable scripts" {
		t.Errorf("error =\n%v", err)
	}
}

func TestOpenBadSourceKind(t *testing.T) {
	_, err := Open(Options{Dir: project(t, map[string]string{}), SourceKind: "rb"})
	if err == nil || err.Error() != `source kind "rb": expected "py" or "sql"` {
		t.Errorf("err = %v", err)
	}
}
