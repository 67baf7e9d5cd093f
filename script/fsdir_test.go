package script

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort/revision"
)

const fsPyScript = `"""create users

Revision ID: a1
Revises:
Create Date: 2024-01-01 00:00:00

"""
revision = 'a1'
down_revision = None
branch_labels = None
depends_on = None

def upgrade():
    pass

def downgrade():
    pass
`

const fsSQLScript = `-- add email
--
-- Revision ID: b2
-- Revises: a1
-- retort:upgrade
ALTER TABLE users ADD COLUMN email TEXT;
-- retort:downgrade
ALTER TABLE users DROP COLUMN email;
`

// TestOpenFS reads a directory held in an fstest.MapFS: both kinds of
// script join one graph, paths are the FS's, and ReadFile returns the body.
func TestOpenFS(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/versions/a1_create_users.py": {Data: []byte(fsPyScript)},
		"migrations/versions/b2_add_email.sql":   {Data: []byte(fsSQLScript)},
		"migrations/versions/__init__.py":        {Data: nil},
		"migrations/versions/notes.txt":          {Data: []byte("x")},
	}
	d, err := Open(Options{FS: fsys, Dir: "migrations"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Scripts() {
		got = append(got, s.Revision.ID+" "+s.Kind+" "+s.Path)
	}
	want := []string{"a1 py migrations/versions/a1_create_users.py", "b2 sql migrations/versions/b2_add_email.sql"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("scripts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	heads := d.Map.Heads()
	if len(heads) != 1 || heads[0].ID != "b2" {
		t.Errorf("heads = %v, want [b2]", heads)
	}
	if s := d.Script("b2"); s.Message != "add email" {
		t.Errorf("b2 message = %q, want %q", s.Message, "add email")
	}
	body, err := d.ReadFile(d.Script("b2"))
	if err != nil || string(body) != fsSQLScript {
		t.Errorf("ReadFile = %q, %v", body, err)
	}
	if _, err := d.Generate(GenerateOptions{Message: "x"}); err == nil {
		t.Error("Generate on an fs.FS directory succeeded; want a read-only error")
	}
}

// TestOpenFSVersionLocations: explicit locations inside the FS, a missing
// one skipped as Alembic skips it, the root written as "".
func TestOpenFSVersionLocations(t *testing.T) {
	fsys := fstest.MapFS{
		"a/a1.py":  {Data: []byte(fsPyScript)},
		"b/b2.sql": {Data: []byte(fsSQLScript)},
	}
	d, err := Open(Options{FS: fsys, VersionLocations: []string{"a", "b", "missing"}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Scripts()); n != 2 {
		t.Fatalf("loaded %d scripts, want 2", n)
	}
	if _, err := Open(Options{FS: fsys, Dir: "nope"}); err == nil {
		t.Error("Open of a missing directory in the FS succeeded")
	}
	if _, err := Open(Options{FS: fsys, Dir: "../x"}); err == nil {
		t.Error("Open of ../x succeeded; fs.FS paths cannot leave the root")
	}
}

// TestOpenDirFSMatchesOpen: the same directory opened by path and through
// os.DirFS yields the same revisions in the same order.
func TestOpenDirFSMatchesOpen(t *testing.T) {
	root := t.TempDir()
	versions := filepath.Join(root, "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(versions, "a1_x.py"), []byte(fsPyScript), 0o644)
	os.WriteFile(filepath.Join(versions, "b2_y.sql"), []byte(fsSQLScript), 0o644)
	byPath, err := Open(Options{Dir: root})
	if err != nil {
		t.Fatal(err)
	}
	byFS, err := Open(Options{FS: os.DirFS(root)})
	if err != nil {
		t.Fatal(err)
	}
	a, b := byPath.Scripts(), byFS.Scripts()
	if len(a) != 2 || len(b) != 2 {
		t.Fatalf("got %d and %d scripts, want 2 and 2", len(a), len(b))
	}
	for i := range a {
		if a[i].Revision.ID != b[i].Revision.ID || a[i].Doc != b[i].Doc {
			t.Errorf("script %d: path %s %q, fs %s %q", i, a[i].Revision.ID, a[i].Doc, b[i].Revision.ID, b[i].Doc)
		}
	}
	if b[0].Path != "versions/a1_x.py" {
		t.Errorf("fs path = %q, want versions/a1_x.py", b[0].Path)
	}
}

// TestExtraScripts: a revision defined in code joins the graph between
// file scripts, in both directions (a file follows it, it follows a file).
func TestExtraScripts(t *testing.T) {
	sqlAfterGo := strings.Replace(fsSQLScript, "Revises: a1", "Revises: g1", 1)
	fsys := fstest.MapFS{
		"versions/a1.py":  {Data: []byte(fsPyScript)},
		"versions/b2.sql": {Data: []byte(sqlAfterGo)},
	}
	g := &Script{Kind: KindGo, Path: "go:g1", Doc: "seed", Message: "seed",
		Revision: &revision.Revision{ID: "g1", DownRevisions: []string{"a1"}, Path: "go:g1"}}
	d, err := Open(Options{FS: fsys, Extra: []*Script{g}})
	if err != nil {
		t.Fatal(err)
	}
	walk, err := d.Map.Walk("", "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range walk {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, " "); got != "b2 g1 a1" {
		t.Errorf("history = %s, want b2 g1 a1", got)
	}
	if _, err := d.ReadFile(g); err == nil {
		t.Error("ReadFile of a Go revision succeeded")
	}
	dup := &Script{Kind: KindGo, Path: "go:a1", Revision: &revision.Revision{ID: "a1"}}
	if _, err := Open(Options{FS: fsys, Extra: []*Script{g, dup}}); err == nil || !strings.Contains(err.Error(), "already declared") {
		t.Errorf("duplicate id error = %v", err)
	}
}
