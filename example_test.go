package retort_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/retort-dev/retort"
)

// openExampleDB opens a throwaway SQLite file; a real program opens its
// own database (the driver registers as "sqlite", "pgx" or "mysql").
func openExampleDB() (*sql.DB, func()) {
	dir, err := os.MkdirTemp("", "retort-example")
	if err != nil {
		panic(err)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "app.db"))
	if err != nil {
		panic(err)
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }
}

// A .sql script and a Go migration in one revision graph. In a program the
// scripts come from an embed.FS (//go:embed migrations); here from a map.
func ExampleNewProvider() {
	db, done := openExampleDB()
	defer done()
	scripts := fstest.MapFS{"versions/a1_users.sql": {Data: []byte(`-- create users
--
-- Revision ID: a1
-- Revises:
-- retort:upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));
-- retort:downgrade
DROP TABLE users;
`)}}
	seed := retort.Migration{
		Revision: "b2", DownRevision: "a1", Message: "seed users",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			return op.Execute("INSERT INTO users (id, name) VALUES (1, 'ada')")
		},
		Downgrade: func(ctx context.Context, op *retort.Operations) error {
			return op.Execute("DELETE FROM users")
		},
	}
	p, err := retort.NewProvider(retort.SQLite, db, scripts, retort.WithMigrations(seed))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := p.Upgrade(context.Background(), "head")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range res.Steps {
		fmt.Println(s.Direction, s.Revision, s.Path, s.Message)
	}
	current, _ := p.Current(context.Background())
	fmt.Println("current:", current)
	// Output:
	// upgrade a1 versions/a1_users.sql create users
	// upgrade b2 go:b2 seed users
	// current: [b2]
}

// Offline, a Provider writes the SQL instead of running it.
func ExampleWithOffline() {
	var out strings.Builder
	m := retort.Migration{Revision: "a1", Message: "create t",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			return op.CreateTable(&retort.Table{Name: "t", Columns: []*retort.Column{
				{Name: "id", Type: &retort.Type{Kind: "Integer"}, PrimaryKey: true},
			}})
		}}
	p, err := retort.NewProvider(retort.PostgreSQL, nil, nil, retort.WithMigrations(m), retort.WithOffline(&out))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := p.Upgrade(context.Background(), "head"); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "CREATE TABLE t") || strings.HasPrefix(line, "-- Running") {
			fmt.Println(line)
		}
	}
	// Output:
	// -- Running upgrade  -> a1
	// CREATE TABLE t (
}

// A failed step is a *MigrationError; the Result still lists what applied.
func ExampleMigrationError() {
	db, done := openExampleDB()
	defer done()
	ok := retort.Migration{Revision: "a1", Upgrade: func(ctx context.Context, op *retort.Operations) error {
		return op.Execute("CREATE TABLE t (id INTEGER)")
	}}
	bad := retort.Migration{Revision: "b2", DownRevision: "a1", Upgrade: func(ctx context.Context, op *retort.Operations) error {
		return op.Execute("INSERT INTO missing VALUES (1)")
	}}
	p, _ := retort.NewProvider(retort.SQLite, db, nil, retort.WithMigrations(ok, bad), retort.WithTransactionPerMigration())
	res, err := p.Upgrade(context.Background(), "head")
	if me, isStep := err.(*retort.MigrationError); isStep {
		fmt.Println("failed:", me.Revision, me.Statement)
		fmt.Println("database at:", me.Current)
	}
	fmt.Println("applied:", res.Revisions())
	// Output:
	// failed: b2 INSERT INTO missing VALUES (1)
	// database at: [a1]
	// applied: [a1]
}
