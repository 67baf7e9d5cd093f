package retorttest_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/retorttest"
)

const sqlUsers = `-- create users
--
-- Revision ID: a1
-- Revises:
-- retort:upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));
-- retort:downgrade
DROP TABLE users;
`

const pyOrders = `"""orders

Revision ID: c3
Revises: b2
Create Date: 2024-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'c3'
down_revision = 'b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('orders', sa.Column('id', sa.Integer, primary_key=True))


def downgrade():
    op.drop_table('orders')
`

// tags is a Go migration whose downgrade can be made to forget its table.
func tags(forgetDrop bool) retort.Migration {
	return retort.Migration{Revision: "b2", DownRevision: "a1", Message: "tags",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			return op.Execute("CREATE TABLE tags (id INTEGER PRIMARY KEY)")
		},
		Downgrade: func(ctx context.Context, op *retort.Operations) error {
			if forgetDrop {
				return nil
			}
			return op.Execute("DROP TABLE tags")
		}}
}

func provider(t *testing.T, d retort.Dialect, db *sql.DB, forgetDrop bool) *retort.Provider {
	fsys := fstest.MapFS{
		"versions/a1_users.sql": {Data: []byte(sqlUsers)},
		"versions/c3_orders.py": {Data: []byte(pyOrders)},
	}
	p, err := retort.NewProvider(d, db, fsys, retort.WithMigrations(tags(forgetDrop)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeT records a helper's failure; Fatalf ends the goroutine as the
// testing package's does.
type fakeT struct {
	testing.TB
	failed string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func run(t *testing.T, helper func(testing.TB, *retort.Provider), p *retort.Provider) string {
	f := &fakeT{TB: t}
	done := make(chan struct{})
	go func() { defer close(done); helper(f, p) }()
	<-done
	return f.failed
}

var backends = []struct {
	d    retort.Dialect
	open func(testing.TB) (*sql.DB, string)
}{{retort.SQLite, dbtest.SQLite}, {retort.PostgreSQL, dbtest.Postgres}, {retort.MariaDB, dbtest.MySQL}}

func TestStairway(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b.d), func(t *testing.T) {
			db, _ := b.open(t)
			retorttest.Stairway(t, provider(t, b.d, db, false))
			var v string
			if err := db.QueryRow("SELECT version_num FROM alembic_version").Scan(&v); err != nil || v != "c3" {
				t.Errorf("after Stairway the database is at %q (%v), want c3", v, err)
			}

			db2, _ := b.open(t)
			msg := run(t, retorttest.Stairway, provider(t, b.d, db2, true))
			if !strings.HasPrefix(msg, "stairway: upgrade to b2 after its downgrade: ") || !strings.Contains(msg, "tags") {
				t.Errorf("Stairway on a downgrade that forgets its table: %q", msg)
			}
		})
	}
}

func TestUpgradeDowngradeRoundTrip(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b.d), func(t *testing.T) {
			db, _ := b.open(t)
			retorttest.UpgradeDowngradeRoundTrip(t, provider(t, b.d, db, false))

			db2, _ := b.open(t)
			msg := run(t, retorttest.UpgradeDowngradeRoundTrip, provider(t, b.d, db2, true))
			if want := "round trip: after downgrade base the tables are [tags], before the upgrade they were []"; msg != want {
				t.Errorf("round trip failure = %q, want %q", msg, want)
			}
		})
	}
}

// TestStairwayBranches walks two branches and their merge.
func TestStairwayBranches(t *testing.T) {
	table := func(id, parent, name string) retort.Migration {
		m := retort.Migration{Revision: id, DownRevision: parent, Message: name,
			Upgrade: func(ctx context.Context, op *retort.Operations) error {
				return op.Execute("CREATE TABLE " + name + " (id INTEGER PRIMARY KEY)")
			},
			Downgrade: func(ctx context.Context, op *retort.Operations) error {
				return op.Execute("DROP TABLE " + name)
			}}
		return m
	}
	merge := retort.Migration{Revision: "m4", DownRevisions: []string{"b2", "c3"}, Message: "merge",
		Upgrade: func(context.Context, *retort.Operations) error { return nil }}
	merge.Downgrade = merge.Upgrade
	for _, b := range backends {
		t.Run(string(b.d), func(t *testing.T) {
			db, _ := b.open(t)
			p, err := retort.NewProvider(b.d, db, nil, retort.WithMigrations(
				table("a1", "", "base_t"), table("b2", "a1", "left_t"), table("c3", "a1", "right_t"), merge))
			if err != nil {
				t.Fatal(err)
			}
			retorttest.Stairway(t, p)
			var v string
			if err := db.QueryRow("SELECT version_num FROM alembic_version").Scan(&v); err != nil || v != "m4" {
				t.Errorf("after Stairway the database is at %q (%v), want m4", v, err)
			}
		})
	}
}

// TestModelsMatchHead: a schema.sql equal to what the migrations build
// passes; one with a table more fails naming it.
func TestModelsMatchHead(t *testing.T) {
	open := func(t *testing.T, schemaSQL string) *retort.Provider {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "migrations", "versions"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "migrations", "versions", "a1_users.sql"), []byte(sqlUsers), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "schema.sql"), []byte(schemaSQL), 0o644); err != nil {
			t.Fatal(err)
		}
		ini := "[alembic]\nscript_location = " + filepath.Join(dir, "migrations") +
			"\nsqlalchemy.url = sqlite:///" + filepath.Join(dir, "app.db") + "\ntarget_metadata = schema.sql\n"
		if err := os.WriteFile(filepath.Join(dir, "retort.ini"), []byte(ini), 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := retort.Open(filepath.Join(dir, "retort.ini"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		return p
	}
	users := "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
	retorttest.ModelsMatchHead(t, open(t, users))

	msg := run(t, retorttest.ModelsMatchHead, open(t, users+"CREATE TABLE extra (id INTEGER PRIMARY KEY);\n"))
	if want := "models match head: New upgrade operations detected: [('add_table', 'extra')]"; msg != want {
		t.Errorf("failure = %q, want %q", msg, want)
	}
}

// TestModelsMatchHeadWithoutConfig: NewProvider with a target option, on
// SQLite and PostgreSQL, passes when the schema.sql matches the
// migrations and fails naming the table the migrations lack.
func TestModelsMatchHeadWithoutConfig(t *testing.T) {
	users := "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
	schemas := fstest.MapFS{
		"match.sql": {Data: []byte(users)},
		"extra.sql": {Data: []byte(users + "CREATE TABLE extra (id INTEGER PRIMARY KEY);\n")},
	}
	open := func(t *testing.T, d retort.Dialect, open func(testing.TB) (*sql.DB, string), schemaFile string) *retort.Provider {
		db, _ := open(t)
		fsys := fstest.MapFS{"versions/a1_users.sql": {Data: []byte(sqlUsers)}}
		p, err := retort.NewProvider(d, db, fsys, retort.WithTargetSchemaSQL(schemas, schemaFile))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, b := range backends[:2] {
		t.Run(string(b.d), func(t *testing.T) {
			retorttest.ModelsMatchHead(t, open(t, b.d, b.open, "match.sql"))
			msg := run(t, retorttest.ModelsMatchHead, open(t, b.d, b.open, "extra.sql"))
			if want := "models match head: New upgrade operations detected: [('add_table', 'extra')]"; msg != want {
				t.Errorf("failure = %q, want %q", msg, want)
			}
		})
	}
}
