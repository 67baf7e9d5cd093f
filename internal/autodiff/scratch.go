package autodiff

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/target"
)

// ConnError is a failure to get a connection or start a transaction on the
// scratch database, which callers report as a connection problem.
type ConnError struct{ Err error }

func (e *ConnError) Error() string { return e.Err.Error() }

// Unwrap returns the driver's error.
func (e *ConnError) Unwrap() error { return e.Err }

// LoadSQLite loads desired-state SQL into a private in-memory SQLite
// database and reflects it. fsys holds files; nil is the OS file system.
// The "sqlite" driver must be registered.
func LoadSQLite(ctx context.Context, insp dialect.Inspector, fsys fs.FS, files []string) (*schema.MetaData, error) {
	mem, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	conn, err := mem.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return target.LoadSchemaSQL(ctx, target.Scratch{Conn: conn, FS: fsys}, conn, insp, "sqlite", files)
}

// LoadPostgres loads desired-state SQL into a temporary schema of db
// inside a transaction that is always rolled back: nothing of the load
// survives, whatever it names. suffix makes the schema's name unique.
func LoadPostgres(ctx context.Context, db *sql.DB, insp dialect.Inspector, fsys fs.FS, files []string, suffix string) (*schema.MetaData, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, &ConnError{Err: err}
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, &ConnError{Err: err}
	}
	defer tx.Rollback()
	name := "retort_scratch_" + suffix
	if _, err := tx.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		return nil, fmt.Errorf("creating the scratch schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL search_path TO "+name); err != nil {
		return nil, err
	}
	return target.LoadSchemaSQL(ctx, target.Scratch{Conn: conn, Schema: name, FS: fsys}, tx, insp, "postgresql", files)
}

// LoadMySQL loads desired-state SQL into a scratch database on db's
// server (a dev server), dropped afterwards whether the load worked or
// not. suffix makes the database's name unique.
func LoadMySQL(ctx context.Context, db *sql.DB, insp dialect.Inspector, fsys fs.FS, files []string, suffix string) (*schema.MetaData, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, &ConnError{Err: err}
	}
	defer conn.Close()
	name := "retort_scratch_" + suffix
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("creating the scratch database on dev_url: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+name)
	if _, err := conn.ExecContext(ctx, "USE "+name); err != nil {
		return nil, err
	}
	return target.LoadSchemaSQL(ctx, target.Scratch{Conn: conn, Schema: name, FS: fsys}, conn, insp, "mysql", files)
}
