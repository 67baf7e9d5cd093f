package retort_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
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

// Open reads a config file: the database URL, script_location and the
// runtime settings.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "retort-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	os.MkdirAll(filepath.Join(dir, "migrations", "versions"), 0o755)
	os.WriteFile(filepath.Join(dir, "migrations", "versions", "a1_t.sql"), []byte("-- create t\n--\n-- Revision ID: a1\n-- Revises:\n-- retort:upgrade\nCREATE TABLE t (id INTEGER);\n-- retort:downgrade\nDROP TABLE t;\n"), 0o644)
	ini := "[alembic]\nscript_location = " + filepath.Join(dir, "migrations") + "\nsqlalchemy.url = sqlite:///" + filepath.Join(dir, "app.db") + "\n"
	os.WriteFile(filepath.Join(dir, "retort.ini"), []byte(ini), 0o644)

	p, err := retort.Open(filepath.Join(dir, "retort.ini"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()
	res, err := p.Upgrade(context.Background(), "head")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Dialect(), res.Revisions())
	// Output:
	// sqlite [a1]
}

// Run is the command line of a program built on retort.Main, here with
// scripts from a file system and a Go migration.
func ExampleRun() {
	dir, err := os.MkdirTemp("", "retort-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	ini := filepath.Join(dir, "retort.ini")
	os.WriteFile(ini, []byte("[alembic]\nsqlalchemy.url = sqlite:///"+filepath.Join(dir, "app.db")+"\n"), 0o644)
	scripts := fstest.MapFS{"versions/a1_t.sql": {Data: []byte("-- create t\n--\n-- Revision ID: a1\n-- Revises:\n-- retort:upgrade\nCREATE TABLE t (id INTEGER);\n-- retort:downgrade\nDROP TABLE t;\n")}}
	seed := retort.Migration{Revision: "b2", DownRevision: "a1", Message: "seed t",
		Upgrade: func(ctx context.Context, op *retort.Operations) error { return op.Execute("INSERT INTO t VALUES (1)") }}
	opts := []retort.Option{retort.WithScripts(scripts), retort.WithMigrations(seed)}
	retort.Run([]string{"-c", ini, "-q", "upgrade", "head"}, os.Stdout, os.Stdout, opts...)
	retort.Run([]string{"-c", ini, "history"}, os.Stdout, os.Stdout, opts...)
	// Output:
	// a1 -> b2 (head), seed t
	// <base> -> a1, create t
}

// Main's options are the program's defaults: here the version table and
// a logger for the progress lines. A key of the config file would win
// over WithVersionTable, as -x on the command line wins over WithXArgs.
func ExampleRun_defaults() {
	dir, err := os.MkdirTemp("", "retort-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	ini := filepath.Join(dir, "retort.ini")
	os.WriteFile(ini, []byte("[alembic]\nsqlalchemy.url = sqlite:///"+filepath.Join(dir, "app.db")+"\n"), 0o644)
	create := retort.Migration{Revision: "a1", Message: "create t",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			return op.Execute("CREATE TABLE t (id INTEGER)")
		}}
	var log strings.Builder
	logger := slog.New(slog.NewTextHandler(&log, nil))
	opts := []retort.Option{retort.WithMigrations(create), retort.WithScripts(fstest.MapFS{"versions": {Mode: fs.ModeDir}}),
		retort.WithVersionTable("", "app_version"), retort.WithLogger(logger)}
	retort.Run([]string{"-c", ini, "upgrade", "head"}, os.Stdout, os.Stdout, opts...)
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.Contains(line, "Running") {
			fmt.Println(line[strings.Index(line, "level="):])
		}
	}

	db, _ := sql.Open("sqlite", filepath.Join(dir, "app.db"))
	defer db.Close()
	var version string
	db.QueryRow("SELECT version_num FROM app_version").Scan(&version)
	fmt.Println("app_version:", version)
	// Output:
	// level=INFO msg="Running upgrade  -> a1, create t"
	// app_version: a1
}

// Check against a schema.sql kept beside the migrations (sqlc users
// already have one): it fails while the schema names a table no migration
// creates.
func ExampleWithTargetSchemaSQL() {
	db, done := openExampleDB()
	defer done()
	files := fstest.MapFS{
		"versions/a1_users.sql": {Data: []byte(`-- create users
--
-- Revision ID: a1
-- Revises:
-- retort:upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));
-- retort:downgrade
DROP TABLE users;
`)},
		"schema.sql": {Data: []byte(`CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));
CREATE TABLE tags (id INTEGER PRIMARY KEY);
`)},
	}
	p, err := retort.NewProvider(retort.SQLite, db, files, retort.WithTargetSchemaSQL(files, "schema.sql"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if _, err := p.Upgrade(ctx, "head"); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Check(ctx))
	// Output: New upgrade operations detected: [('add_table', 'tags')]
}

// A data migration hands the step's transaction to code that takes a
// *sql.Tx, such as sqlc's Queries.WithTx; its changes commit or roll back
// with the step.
func ExampleOperations_Tx() {
	db, done := openExampleDB()
	defer done()
	schema := retort.Migration{
		Revision: "a1", Message: "create users",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			return op.Execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50))")
		},
	}
	backfill := retort.Migration{
		Revision: "b2", DownRevision: "a1", Message: "backfill names",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			tx := op.Tx() // nil offline: this migration needs the database
			if tx == nil {
				return errors.New("backfill names needs a database, not --sql")
			}
			for i, name := range []string{"ada", "bob"} {
				if _, err := tx.ExecContext(ctx, "INSERT INTO users (id, name) VALUES (?, ?)", i+1, name); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n); err != nil {
				return err
			}
			fmt.Println("users in the step's transaction:", n)
			return nil
		},
	}
	p, err := retort.NewProvider(retort.SQLite, db, nil, retort.WithMigrations(schema, backfill))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := p.Upgrade(context.Background(), "head"); err != nil {
		fmt.Println(err)
		return
	}
	var names string
	db.QueryRow("SELECT group_concat(name, ',') FROM users").Scan(&names)
	fmt.Println("committed:", names)
	// Output:
	// users in the step's transaction: 2
	// committed: ada,bob
}
