package engine

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

const pyUsers = `"""create users

Revision ID: a1
Revises:
Create Date: 2024-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'a1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users', sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(50)))


def downgrade():
    op.drop_table('users')
`

const sqlEmail = `-- add email
--
-- Revision ID: c3
-- Revises: b2
-- retort:upgrade
ALTER TABLE users ADD COLUMN email VARCHAR(100);
-- retort:downgrade
ALTER TABLE users DROP COLUMN email;
`

// project is a .py revision, a Go revision and a .sql revision, in that
// order; the Go one fails when failGo is set.
func project(t *testing.T, d dialect.Dialect, db *sql.DB, failGo bool) *Engine {
	t.Helper()
	g := &script.Script{Kind: script.KindGo, Path: "go:b2", Doc: "seed", Message: "seed",
		Revision: &revision.Revision{ID: "b2", DownRevisions: []string{"a1"}, Path: "go:b2"}}
	dir, err := script.Open(script.Options{
		FS: fstest.MapFS{
			"versions/a1_users.py":  {Data: []byte(pyUsers)},
			"versions/c3_email.sql": {Data: []byte(sqlEmail)},
		},
		Extra: []*script.Script{g},
	})
	if err != nil {
		t.Fatal(err)
	}
	up := func(ctx context.Context, sink ops.Sink) error {
		if err := sink.Invoke(ctx, &ops.Execute{SQL: "INSERT INTO users (id, name) VALUES (1, 'ada')"}); err != nil {
			return err
		}
		if failGo {
			return sink.Invoke(ctx, &ops.Execute{SQL: "INSERT INTO no_such_table VALUES (1)"})
		}
		return nil
	}
	down := func(ctx context.Context, sink ops.Sink) error {
		return sink.Invoke(ctx, &ops.Execute{SQL: "DELETE FROM users WHERE id = 1"})
	}
	return &Engine{Dialect: d, DB: db, Scripts: dir,
		Go:      map[string]GoSteps{"b2": {Upgrade: up, Downgrade: down}},
		Options: migration.Options{TransactionPerMigration: true, Lock: true}}
}

type backend struct {
	name string
	open func(t *testing.T) (dialect.Dialect, *sql.DB)
}

var backends = []backend{
	{"sqlite", func(t *testing.T) (dialect.Dialect, *sql.DB) { db, _ := dbtest.SQLite(t); return sqlite.New(), db }},
	{"postgresql", func(t *testing.T) (dialect.Dialect, *sql.DB) { db, _ := dbtest.Postgres(t); return postgres.New(), db }},
}

func revisions(r *Result) string {
	var parts []string
	for _, s := range r.Steps {
		parts = append(parts, s.Direction+" "+s.Revision)
	}
	return strings.Join(parts, ", ")
}

func TestUpgradeDowngradeResult(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			d, db := b.open(t)
			e := project(t, d, db, false)
			res, err := e.Upgrade(ctx, "head")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := revisions(res), "upgrade a1, upgrade b2, upgrade c3"; got != want {
				t.Fatalf("steps = %s, want %s", got, want)
			}
			b2 := res.Steps[1]
			if b2.Path != "go:b2" || b2.Message != "seed" || len(b2.Statements) != 2 ||
				b2.Statements[0] != "INSERT INTO users (id, name) VALUES (1, 'ada')" ||
				b2.Statements[1] != "UPDATE alembic_version SET version_num='b2' WHERE alembic_version.version_num = 'a1'" {
				t.Errorf("go step = %+v", b2)
			}
			if res.Steps[2].Path != "versions/c3_email.sql" || res.Steps[2].Statements[0] != "ALTER TABLE users ADD COLUMN email VARCHAR(100)" {
				t.Errorf("sql step = %+v", res.Steps[2])
			}
			var name string
			if err := db.QueryRow("SELECT name FROM users WHERE id = 1").Scan(&name); err != nil || name != "ada" {
				t.Errorf("seeded row: %q, %v", name, err)
			}
			cur, err := e.Current(ctx)
			if err != nil || len(cur) != 1 || cur[0].Revision.ID != "c3" {
				t.Errorf("current = %v, %v", cur, err)
			}
			hist, err := e.History(ctx, "a1:current")
			if err != nil || len(hist) != 3 || hist[0].Revision.ID != "c3" {
				t.Errorf("history a1:current = %d scripts, %v", len(hist), err)
			}
			res, err = e.Downgrade(ctx, "base")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := revisions(res), "downgrade c3, downgrade b2, downgrade a1"; got != want {
				t.Errorf("steps = %s, want %s", got, want)
			}
			if rows, err := e.Rows(ctx); err != nil || len(rows) != 0 {
				t.Errorf("rows after downgrade base = %v, %v", rows, err)
			}
		})
	}
}

// TestFailingGoMigration: the step before the failing one is reported and
// durable; the failure names the revision and the statement.
func TestFailingGoMigration(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			d, db := b.open(t)
			e := project(t, d, db, true)
			res, err := e.Upgrade(ctx, "head")
			var se *migration.StepError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want a *migration.StepError", err)
			}
			if se.Revision != "b2" || se.Path != "go:b2" || se.Statement != "INSERT INTO no_such_table VALUES (1)" {
				t.Errorf("step error: revision %q path %q statement %q", se.Revision, se.Path, se.Statement)
			}
			if got := revisions(res); got != "upgrade a1" {
				t.Errorf("applied = %q, want upgrade a1", got)
			}
			rows, err := e.Rows(ctx)
			if err != nil || len(rows) != 1 || rows[0] != "a1" {
				t.Errorf("version table = %v, %v; want [a1]", rows, err)
			}
			var n int
			if err := db.QueryRow("SELECT count(*) FROM users").Scan(&n); err != nil || n != 0 {
				t.Errorf("users rows = %d, %v; the failed step's insert must be rolled back", n, err)
			}
		})
	}
}

// TestOffline writes the SQL of the three kinds of step without a database.
func TestOffline(t *testing.T) {
	var out strings.Builder
	e := project(t, sqlite.New(), nil, false)
	e.Out = &out
	res, err := e.Upgrade(context.Background(), "head")
	if err != nil {
		t.Fatal(err)
	}
	if got := revisions(res); got != "upgrade a1, upgrade b2, upgrade c3" {
		t.Errorf("steps = %s", got)
	}
	for _, want := range []string{"CREATE TABLE users", "INSERT INTO users (id, name) VALUES (1, 'ada');", "ALTER TABLE users ADD COLUMN email VARCHAR(100);", "-- Running upgrade b2 -> c3"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("offline SQL lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := e.Downgrade(context.Background(), "base"); err == nil {
		t.Error("offline downgrade without a range succeeded")
	}
}

// failingWriter refuses every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestOfflineWriteFailure: the offline script is written once the run
// ends, and a writer that refuses it fails the run with a message saying
// so.
func TestOfflineWriteFailure(t *testing.T) {
	e := project(t, sqlite.New(), nil, false)
	e.Out = failingWriter{}
	_, err := e.Upgrade(context.Background(), "head")
	if err == nil || err.Error() != "writing the SQL script: broken pipe" {
		t.Fatalf("err = %v, want the write failure", err)
	}
}
