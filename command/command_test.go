package command

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/script"
)

// project writes an alembic.ini (with the given URL) and scripts into a
// temporary directory and returns the Env that loads it.
func project(t *testing.T, url string, scripts map[string]string) Env {
	t.Helper()
	dir := t.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	ini := "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = " + url + "\n"
	if err := os.WriteFile(filepath.Join(dir, "alembic.ini"), []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, src := range scripts {
		if err := os.WriteFile(filepath.Join(versions, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Env{ConfigPath: filepath.Join(dir, "alembic.ini"), Getenv: func(string) string { return "" }}
}

// pyScript is a revision script whose upgrade and downgrade run the given
// op lines.
func pyScript(id, down, doc, upgrade, downgrade string) string {
	downRev := "None"
	if down != "" {
		downRev = "'" + down + "'"
	}
	return `"""` + doc + `"""
from alembic import op
import sqlalchemy as sa

revision = '` + id + `'
down_revision = ` + downRev + `
branch_labels = None
depends_on = None


def upgrade():
    ` + upgrade + `


def downgrade():
    ` + downgrade + `
`
}

var linearScripts = map[string]string{
	"a1a1_accounts.py": pyScript("a1a1", "", "create accounts",
		"op.create_table('accounts', sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(40), nullable=False))",
		"op.drop_table('accounts')"),
	"b2b2_email.py": pyScript("b2b2", "a1a1", "add email",
		"op.add_column('accounts', sa.Column('email', sa.String(100)))",
		"op.drop_column('accounts', 'email')"),
}

func ids(scripts []*script.Script) []string {
	out := make([]string, len(scripts))
	for i, s := range scripts {
		out[i] = s.Revision.ID
	}
	return out
}

func TestDialects(t *testing.T) {
	want := map[string]string{"postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql", "sqlite": "sqlite"}
	for name, wantName := range want {
		d, ok := LookupDialect(name)
		if !ok || d.Name() != wantName {
			t.Errorf("LookupDialect(%q) = %v, %v; want a %s dialect", name, d, ok, wantName)
		}
	}
	if d, ok := LookupDialect("oracle"); ok || d != nil {
		t.Errorf("LookupDialect(oracle) = %v, %v; want nil, false", d, ok)
	}
}

func TestLoad_Errors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	noLocation := write("nolocation.ini", "[alembic]\nsqlalchemy.url = sqlite://\n")
	tests := []struct {
		name    string
		env     Env
		wantMsg string
	}{
		{"missing file", Env{ConfigPath: filepath.Join(dir, "none.ini")}, "No config file '" + filepath.Join(dir, "none.ini") + "' found, or file has no '[alembic]' section"},
		{"missing section", Env{ConfigPath: noLocation, Section: "prod"}, "No config file '" + noLocation + "' found, or file has no '[prod]' section"},
		{"no script_location", Env{ConfigPath: noLocation}, "No 'script_location' key found in configuration."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.env)
			if err == nil || err.Error() != tt.wantMsg {
				t.Fatalf("Load: %v, want %q", err, tt.wantMsg)
			}
		})
	}
	var nc *NoConfigError
	if _, err := Load(Env{ConfigPath: filepath.Join(dir, "none.ini")}); !errors.As(err, &nc) {
		t.Errorf("missing file: %T, want *NoConfigError", err)
	}
}

func TestReadCommands(t *testing.T) {
	scripts := map[string]string{
		"a1a1_base.py":   pyScript("a1a1", "", "base", "pass", "pass"),
		"b2b2_left.py":   pyScript("b2b2", "a1a1", "left", "pass", "pass"),
		"c3c3_right.py":  pyScript("c3c3", "a1a1", "right", "pass", "pass"),
		"d4d4_on_top.py": pyScript("d4d4", "b2b2", "on top of left", "pass", "pass"),
	}
	p, err := Load(project(t, "sqlite://", scripts))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	heads, err := Heads(p, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(heads); !slices.Equal(got, []string{"c3c3", "d4d4"}) {
		t.Errorf("Heads = %v, want [c3c3 d4d4]", got)
	}
	points, err := Branches(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(points); !slices.Equal(got, []string{"a1a1"}) {
		t.Errorf("Branches = %v, want [a1a1]", got)
	}

	historyTests := []struct {
		rng     string
		want    []string
		wantErr string
	}{
		{"b2b2:", []string{"d4d4", "b2b2"}, ""},
		{":b2b2", []string{"b2b2", "a1a1"}, ""},
		{"b2b2", nil, "History range requires [start]:[end], [start]:, or :[end]"},
		{"a:b:c", nil, "History range requires [start]:[end], [start]:, or :[end]"},
		{"zzzz:", nil, "Can't locate revision identified by 'zzzz'"},
	}
	for _, tt := range historyTests {
		res, err := History(ctx, p, HistoryOptions{Range: tt.rng, HasRange: true})
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("History(%q) error = %v, want %q", tt.rng, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("History(%q): %v", tt.rng, err)
			continue
		}
		if got := ids(res.Scripts); !slices.Equal(got, tt.want) {
			t.Errorf("History(%q) = %v, want %v", tt.rng, got, tt.want)
		}
	}

	showTests := []struct {
		rev     string
		want    []string
		wantErr string
	}{
		{"heads", []string{"c3c3", "d4d4"}, ""},
		{"b2b2", []string{"b2b2"}, ""},
		{"base", nil, ""},
		{"head", nil, "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"},
	}
	for _, tt := range showTests {
		got, err := Show(ctx, p, tt.rev)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("Show(%q) error = %v, want %q", tt.rev, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Show(%q): %v", tt.rev, err)
			continue
		}
		if !slices.Equal(ids(got), tt.want) {
			t.Errorf("Show(%q) = %v, want %v", tt.rev, ids(got), tt.want)
		}
	}
}

// liveDatabases are the servers the runtime tests run against; the
// PostgreSQL and MariaDB ones skip without their environment variables.
var liveDatabases = []struct {
	name string
	open func(testing.TB) (*sql.DB, string)
}{
	{"sqlite", dbtest.SQLite},
	{"postgres", dbtest.Postgres},
	{"mysql", dbtest.MySQL},
}

// tableExists asks the database's catalog through database/sql.
func tableExists(t *testing.T, db *sql.DB, dialect, table string) bool {
	t.Helper()
	var q string
	switch dialect {
	case "sqlite":
		q = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	case "postgres":
		q = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
	default:
		q = "SELECT count(*) FROM information_schema.tables WHERE table_schema = database() AND table_name = ?"
	}
	var n int
	if err := db.QueryRow(q, table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

func TestUpgradeDowngrade_Live(t *testing.T) {
	for _, live := range liveDatabases {
		t.Run(live.name, func(t *testing.T) {
			db, url := live.open(t)
			p, err := Load(project(t, url, linearScripts))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			current := func() []string {
				t.Helper()
				revs, err := Current(ctx, p)
				if err != nil {
					t.Fatalf("Current: %v", err)
				}
				return ids(revs)
			}

			if err := Upgrade(ctx, p, "head", MigrateOptions{}); err != nil {
				t.Fatalf("Upgrade head: %v", err)
			}
			if got := current(); !slices.Equal(got, []string{"b2b2"}) {
				t.Errorf("current after upgrade = %v, want [b2b2]", got)
			}
			if !tableExists(t, db, live.name, "accounts") {
				t.Errorf("accounts missing after upgrade")
			}
			if err := Downgrade(ctx, p, "-1", MigrateOptions{}); err != nil {
				t.Fatalf("Downgrade -1: %v", err)
			}
			if got := current(); !slices.Equal(got, []string{"a1a1"}) {
				t.Errorf("current after downgrade -1 = %v, want [a1a1]", got)
			}
			if err := Downgrade(ctx, p, "base", MigrateOptions{}); err != nil {
				t.Fatalf("Downgrade base: %v", err)
			}
			if got := current(); len(got) != 0 {
				t.Errorf("current after downgrade base = %v, want none", got)
			}
			if tableExists(t, db, live.name, "accounts") {
				t.Errorf("accounts still there after downgrade base")
			}
			if err := Stamp(ctx, p, []string{"heads"}, StampOptions{}); err != nil {
				t.Fatalf("Stamp heads: %v", err)
			}
			if got := current(); !slices.Equal(got, []string{"b2b2"}) {
				t.Errorf("current after stamp = %v, want [b2b2]", got)
			}
		})
	}
}

// A script that does not compile stops the run before the first statement:
// the valid step before it must not have been applied either.
func TestUpgrade_ValidatesBeforeRunning(t *testing.T) {
	_, url := dbtest.SQLite(t)
	scripts := map[string]string{
		"a1a1_accounts.py": linearScripts["a1a1_accounts.py"],
		"b2b2_broken.py":   pyScript("b2b2", "a1a1", "broken", "op.add_column('accounts', sa.Column('x', sa.Integer)", "pass"),
	}
	p, err := Load(project(t, url, scripts))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = Upgrade(ctx, p, "head", MigrateOptions{})
	if err == nil || !strings.Contains(err.Error(), "b2b2_broken.py") {
		t.Fatalf("Upgrade: %v, want an error naming b2b2_broken.py", err)
	}
	revs, err := Current(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 0 {
		t.Errorf("current = %v after a refused run, want none", ids(revs))
	}
}

func TestOffline(t *testing.T) {
	env := project(t, "postgresql://app:secret@db.invalid/app", linearScripts)
	var out bytes.Buffer
	env.Stdout = &out
	p, err := Load(env)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() error
		want []string // substrings, in order
	}{
		{"upgrade head", func() error { return Upgrade(ctx, p, "head", MigrateOptions{SQL: true}) },
			[]string{"BEGIN;", "CREATE TABLE alembic_version", "-- Running upgrade  -> a1a1", "CREATE TABLE accounts", "-- Running upgrade a1a1 -> b2b2", "ALTER TABLE accounts ADD COLUMN email", "COMMIT;"}},
		{"upgrade range", func() error { return Upgrade(ctx, p, "a1a1:b2b2", MigrateOptions{SQL: true}) },
			[]string{"-- Running upgrade a1a1 -> b2b2", "UPDATE alembic_version SET version_num='b2b2' WHERE alembic_version.version_num = 'a1a1'"}},
		{"downgrade range", func() error { return Downgrade(ctx, p, "b2b2:base", MigrateOptions{SQL: true}) },
			[]string{"-- Running downgrade b2b2 -> a1a1", "ALTER TABLE accounts DROP COLUMN email", "DROP TABLE accounts", "DROP TABLE alembic_version"}},
		{"stamp", func() error { return Stamp(ctx, p, []string{"b2b2"}, StampOptions{SQL: true}) },
			[]string{"CREATE TABLE alembic_version", "INSERT INTO alembic_version (version_num) VALUES ('b2b2')"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out.Reset()
			if err := tt.run(); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestFindEditor(t *testing.T) {
	dir := t.TempDir()
	editor := filepath.Join(dir, "my-editor")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	tests := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"EDITOR path", map[string]string{"EDITOR": editor}, editor},
		{"VISUAL path", map[string]string{"VISUAL": editor}, editor},
		{"EDITOR wins", map[string]string{"EDITOR": editor, "VISUAL": "/nonexistent/other"}, editor},
	}
	for _, tt := range tests {
		got, err := findEditor(env(tt.vars))
		if err != nil || got != tt.want {
			t.Errorf("%s: findEditor = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	t.Setenv("PATH", dir)
	if _, err := findEditor(env(map[string]string{"EDITOR": "/nonexistent/editor"})); err == nil || !strings.Contains(err.Error(), "No suitable editor found") {
		t.Errorf("no editor: %v, want the no-suitable-editor error", err)
	}
	got, err := findEditor(env(map[string]string{"EDITOR": "my-editor"}))
	if err != nil || got != editor {
		t.Errorf("EDITOR on PATH: %q, %v; want %q", got, err, editor)
	}
}

func TestProject_MaskedURL(t *testing.T) {
	tests := []struct{ url, want string }{
		{"postgresql+psycopg2://app:s3cret@db:5432/prod", "postgresql+psycopg2://app:XXXXX@db:5432/prod"},
		{"mysql://root@localhost/app", "mysql://root@localhost/app"},
		{"sqlite:////var/app.db", "sqlite:////var/app.db"},
	}
	for _, tt := range tests {
		p, err := Load(project(t, tt.url, nil))
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.MaskedURL()
		if err != nil || got != tt.want {
			t.Errorf("MaskedURL(%q) = %q, %v; want %q", tt.url, got, err, tt.want)
		}
	}
}

func TestConnectionError_OneLine(t *testing.T) {
	err := &ConnectionError{
		URL: "postgresql://app:***@db/app",
		Err: errors.New("failed to connect to `user=app`:\n\tdb:5432: dial error: refused\n\tdb:5432: dial error: refused\n"),
	}
	want := "postgresql://app:***@db/app: failed to connect to `user=app`:; db:5432: dial error: refused"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
