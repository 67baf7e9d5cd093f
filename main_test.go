package retort_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/retort-dev/retort"
	"github.com/retort-dev/retort/internal/dbtest"
)

// TestRun is the command line of a program built on retort.Main: scripts
// from a file system, a Go migration, the URL from the config file.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	ini := filepath.Join(dir, "retort.ini")
	if err := os.WriteFile(ini, []byte("[alembic]\nsqlalchemy.url = sqlite:///"+filepath.Join(dir, "app.db")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := []retort.Option{retort.WithScripts(scripts()), retort.WithMigrations(seed())}
	run := func(args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		code := retort.Run(append([]string{"-c", ini}, args...), &stdout, &stderr, opts...)
		return stdout.String(), stderr.String(), code
	}
	if out, errOut, code := run("upgrade", "head"); code != 0 {
		t.Fatalf("upgrade head: status %d\n%s%s", code, out, errOut)
	} else if !strings.Contains(errOut, "Running upgrade a1 -> b2, email and seed rows") {
		t.Errorf("upgrade log lacks the Go migration's line:\n%s", errOut)
	}
	out, _, code := run("history")
	want := "b2 -> c3 (head), audit table\na1 -> b2, email and seed rows\n<base> -> a1, create users\n"
	if code != 0 || out != want {
		t.Errorf("history: status %d\n%s\nwant:\n%s", code, out, want)
	}
	if out, _, _ := run("current"); out != "c3 (head)\n" {
		t.Errorf("current = %q", out)
	}
	if out, _, code := run("revision", "-m", "x"); code == 0 {
		t.Errorf("revision into an embedded directory succeeded: %s", out)
	}

	// lint reads the embedded scripts and says the Go migration is not linted.
	if out, errOut, code := run("lint", "--all"); code != 0 || out != "No hazards found.\n" || !strings.Contains(errOut, "go:b2: a Go migration is not linted") {
		t.Errorf("lint --all: status %d\n%s%s", code, out, errOut)
	}
}

// pyTenant records the -x tenant argument it runs with.
const pyTenant = `"""tenant

Revision ID: t1
Revises:
Create Date: 2024-01-01 00:00:00

"""
from alembic import op, context
import sqlalchemy as sa

revision = 't1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    tenant = context.get_x_argument(as_dictionary=True).get('tenant', 'none')
    op.create_table('tenant', sa.Column('name', sa.String(20)))
    op.execute("INSERT INTO tenant (name) VALUES ('" + tenant + "')")


def downgrade():
    op.drop_table('tenant')
`

// mainProject writes a config file naming the database url with the
// given extra keys, and returns a runner of the program's command line.
func mainProject(t *testing.T, url, keys string, opts ...retort.Option) func(args ...string) (string, string, int) {
	t.Helper()
	ini := filepath.Join(t.TempDir(), "retort.ini")
	if err := os.WriteFile(ini, []byte("[alembic]\nsqlalchemy.url = "+url+"\n"+keys), 0o644); err != nil {
		t.Fatal(err)
	}
	return func(args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		code := retort.Run(append([]string{"-c", ini}, args...), &stdout, &stderr, opts...)
		return stdout.String(), stderr.String(), code
	}
}

func tableRows(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestMainOptionsAreDefaults: Main's options apply where the config file
// says nothing, and its keys (and the command line's -x) win over them.
func TestMainOptionsAreDefaults(t *testing.T) {
	for _, b := range []backend{{retort.SQLite, dbtest.SQLite}, {retort.PostgreSQL, dbtest.Postgres}} {
		t.Run(string(b.dialect), func(t *testing.T) {
			fsys := fstest.MapFS{"versions/t1_tenant.py": {Data: []byte(pyTenant)}}
			var log bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
			opts := []retort.Option{retort.WithScripts(fsys), retort.WithVersionTable("", "app_version"),
				retort.WithXArgs("tenant=acme"), retort.WithLogger(logger)}

			db, url := b.open(t)
			run := mainProject(t, url, "", opts...)
			if out, errOut, code := run("upgrade", "head"); code != 0 {
				t.Fatalf("upgrade: status %d\n%s%s", code, out, errOut)
			} else if errOut != "" {
				t.Errorf("with WithLogger, stderr = %q, want nothing", errOut)
			}
			if got := tableRows(t, db, "SELECT version_num FROM app_version"); !slices.Equal(got, []string{"t1"}) {
				t.Errorf("app_version = %v, want [t1]", got)
			}
			if got := tableRows(t, db, "SELECT version_num FROM alembic_version"); got != nil {
				t.Errorf("alembic_version exists: %v", got)
			}
			if got := tableRows(t, db, "SELECT name FROM tenant"); !slices.Equal(got, []string{"acme"}) {
				t.Errorf("tenant = %v, want the WithXArgs value", got)
			}
			for _, want := range []string{`level=INFO msg="Running upgrade  -> t1, tenant"`, `level=DEBUG msg="CREATE TABLE tenant`} {
				if !strings.Contains(log.String(), want) {
					t.Errorf("log lacks %s:\n%s", want, log.String())
				}
			}
			if out, _, code := run("current"); code != 0 || out != "t1 (head)\n" {
				t.Errorf("current reads app_version: status %d, %q", code, out)
			}
			log.Reset()
			if out, errOut, code := run("-q", "downgrade", "base"); code != 0 {
				t.Fatalf("downgrade: status %d\n%s%s", code, out, errOut)
			}
			if strings.Contains(log.String(), "level=INFO") {
				t.Errorf("with -q the logger got INFO lines:\n%s", log.String())
			}

			// The config file's version_table and -x on the command line win.
			db, url = b.open(t)
			run = mainProject(t, url, "version_table = cfg_version\n", opts...)
			if out, errOut, code := run("-x", "tenant=cli", "upgrade", "head"); code != 0 {
				t.Fatalf("upgrade: status %d\n%s%s", code, out, errOut)
			}
			if got := tableRows(t, db, "SELECT version_num FROM cfg_version"); !slices.Equal(got, []string{"t1"}) {
				t.Errorf("cfg_version = %v, want [t1]: the config key wins", got)
			}
			if got := tableRows(t, db, "SELECT version_num FROM app_version"); got != nil {
				t.Errorf("app_version exists: %v", got)
			}
			if got := tableRows(t, db, "SELECT name FROM tenant"); !slices.Equal(got, []string{"cli"}) {
				t.Errorf("tenant = %v, want the command line's -x", got)
			}
		})
	}
}

// TestMainTransactionPerMigration: with the option a failed run keeps the
// steps before it, unless the config file says otherwise.
func TestMainTransactionPerMigration(t *testing.T) {
	bad := seed()
	bad.Upgrade = func(context.Context, *retort.Operations) error { return errors.New("seed refused") }
	opts := []retort.Option{retort.WithScripts(scripts()), retort.WithMigrations(bad), retort.WithTransactionPerMigration()}
	for _, b := range []backend{{retort.SQLite, dbtest.SQLite}, {retort.PostgreSQL, dbtest.Postgres}} {
		t.Run(string(b.dialect), func(t *testing.T) {
			for _, tc := range []struct{ keys, want string }{
				{"", "a1"}, // the option: a1 committed before b2 failed
				{"transaction_per_migration = false\n", ""}, // the config key: one transaction, rolled back
			} {
				db, url := b.open(t)
				run := mainProject(t, url, tc.keys, opts...)
				if out, errOut, code := run("upgrade", "head"); code == 0 || !strings.Contains(out+errOut, "seed refused") {
					t.Fatalf("upgrade: status %d\n%s%s", code, out, errOut)
				}
				if got := strings.Join(tableRows(t, db, "SELECT version_num FROM alembic_version"), " "); got != tc.want {
					t.Errorf("config %q: version rows %q, want %q", tc.keys, got, tc.want)
				}
			}
		})
	}
}

// TestMainLockTimeout: WithLockTimeout bounds the wait for a run that holds
// the lock.
func TestMainLockTimeout(t *testing.T) {
	db, url := dbtest.Postgres(t)
	holding, release := make(chan struct{}), make(chan struct{})
	hold := retort.Migration{Revision: "a1", Upgrade: func(context.Context, *retort.Operations) error {
		close(holding)
		<-release
		return nil
	}}
	p, err := retort.NewProvider(retort.PostgreSQL, db, nil, retort.WithMigrations(hold))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := p.Upgrade(context.Background(), "head"); done <- err }()
	<-holding
	defer func() { close(release); <-done }()
	run := mainProject(t, url, "", retort.WithMigrations(hold), retort.WithScripts(fstest.MapFS{"versions": {Mode: os.ModeDir}}),
		retort.WithLockTimeout(300*time.Millisecond))
	start := time.Now()
	out, errOut, code := run("upgrade", "head")
	if code == 0 || !strings.Contains(out+errOut, "timed out waiting for another migration run") {
		t.Errorf("upgrade while the lock is held: status %d\n%s%s", code, out, errOut)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the run waited %s, want about 300ms", took)
	}
}

// TestMainTarget: WithTargetMetadata is what check compares with, unless
// the config file names a target_metadata.
func TestMainTarget(t *testing.T) {
	_, url := dbtest.SQLite(t)
	md := &retort.MetaData{Tables: []*retort.Table{usersTable}}
	opts := []retort.Option{retort.WithScripts(fstest.MapFS{"versions/a1_users.py": {Data: []byte(pyUsers)}}), retort.WithTargetMetadata(md)}
	run := mainProject(t, url, "", opts...)
	if out, errOut, code := run("upgrade", "head"); code != 0 {
		t.Fatalf("upgrade: status %d\n%s%s", code, out, errOut)
	}
	if out, errOut, code := run("check"); code != 0 || !strings.Contains(out, "No new upgrade operations detected.") {
		t.Errorf("check against the same schema: status %d\n%s%s", code, out, errOut)
	}
	wider := &retort.MetaData{Tables: []*retort.Table{usersTable, {Name: "audit", Columns: []*retort.Column{
		{Name: "id", Type: &retort.Type{Kind: "Integer"}, PrimaryKey: true}}}}}
	opts[1] = retort.WithTargetMetadata(wider)
	run = mainProject(t, url, "", opts...)
	if out, errOut, code := run("check"); code == 0 || !strings.Contains(out+errOut, "New upgrade operations detected: [('add_table', 'audit')]") {
		t.Errorf("check against a wider schema: status %d\n%s%s", code, out, errOut)
	}
	if len(wider.Tables) != 2 || wider.Tables[1].Name != "audit" {
		t.Errorf("check changed the program's MetaData: %+v", wider.Tables)
	}
	models := filepath.Join(t.TempDir(), "models.py")
	if err := os.WriteFile(models, []byte("import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('users', metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(50)))\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run = mainProject(t, url, "target_metadata = "+models+"\n", opts...)
	if out, errOut, code := run("check"); code != 0 || !strings.Contains(out, "No new upgrade operations detected.") {
		t.Errorf("check with the config's target_metadata: status %d\n%s%s", code, out, errOut)
	}
}

// TestMainVersionLocations: WithVersionLocations picks directories of the
// embedded scripts.
func TestMainVersionLocations(t *testing.T) {
	_, url := dbtest.SQLite(t)
	fsys := fstest.MapFS{"sql/c3_audit.sql": {Data: []byte(strings.Replace(sqlAudit, "-- Revises: b2", "-- Revises:", 1))}}
	run := mainProject(t, url, "", retort.WithScripts(fsys), retort.WithVersionLocations("sql"))
	if out, errOut, code := run("heads"); code != 0 || out != "c3 (head)\n" {
		t.Errorf("heads: status %d\n%s%s", code, out, errOut)
	}
}

// TestMainRefuses the options a command line cannot honour, naming them.
func TestMainRefuses(t *testing.T) {
	for _, tc := range []struct {
		opt  retort.Option
		want string
	}{
		{retort.WithOffline(&bytes.Buffer{}), "Main: WithOffline does not apply to a command line; run the command with --sql"},
		{retort.WithVersionLocations("sql"), "Main: WithVersionLocations names directories of the WithScripts file system"},
	} {
		var stdout, stderr bytes.Buffer
		code := retort.Run([]string{"heads"}, &stdout, &stderr, tc.opt)
		if code != 2 || !strings.HasPrefix(stderr.String(), "retort: "+tc.want) || stdout.Len() != 0 {
			t.Errorf("status %d, stdout %q, stderr %q; want 2 and %q", code, stdout.String(), stderr.String(), tc.want)
		}
	}
}

// TestMainTargetSchemaSQL: WithTargetSchemaSQL is loaded as a config
// file's target_metadata = schema.sql is: on MariaDB into dev_url.
func TestMainTargetSchemaSQL(t *testing.T) {
	for _, b := range []backend{{retort.SQLite, dbtest.SQLite}, {retort.MariaDB, dbtest.MySQL}} {
		t.Run(string(b.dialect), func(t *testing.T) {
			_, url := b.open(t)
			keys := ""
			if b.dialect == retort.MariaDB {
				_, dev := b.open(t)
				keys = "dev_url = " + dev + "\n"
			}
			py := retort.WithScripts(fstest.MapFS{"versions/a1_users.py": {Data: []byte(pyUsers)}})
			same := fstest.MapFS{"db/schema.sql": {Data: []byte("CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50));\n")}}
			run := mainProject(t, url, keys, py, retort.WithTargetSchemaSQL(same, "db"))
			if out, errOut, code := run("upgrade", "head"); code != 0 {
				t.Fatalf("upgrade: status %d\n%s%s", code, out, errOut)
			}
			if out, errOut, code := run("check"); code != 0 || !strings.Contains(out, "No new upgrade operations detected.") {
				t.Errorf("check against the same schema: status %d\n%s%s", code, out, errOut)
			}
			wider := fstest.MapFS{"db/schema.sql": {Data: []byte(string(same["db/schema.sql"].Data) + "CREATE TABLE audit (id INTEGER NOT NULL PRIMARY KEY);\n")}}
			run = mainProject(t, url, keys, py, retort.WithTargetSchemaSQL(wider, "db"))
			if out, errOut, code := run("check"); code == 0 || !strings.Contains(out+errOut, "New upgrade operations detected: [('add_table', 'audit')]") {
				t.Errorf("check against a wider schema: status %d\n%s%s", code, out, errOut)
			}
		})
	}
}
