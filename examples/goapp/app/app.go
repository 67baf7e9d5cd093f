// Package app holds the example application's migrations: .sql and .py
// scripts embedded in the binary, and one migration written in Go, all in
// one revision graph (a1f0c2d3e4b5.sql -> b2c3d4e5f6a7 in Go ->
// c3d4e5f6a7b8.py).
package app

import (
	"context"
	"embed"
	"io/fs"

	"github.com/retort-dev/retort"
)

//go:embed migrations
var embedded embed.FS

// Scripts is the script directory: versions/ with the .sql and .py scripts.
func Scripts() fs.FS {
	sub, err := fs.Sub(embedded, "migrations")
	if err != nil {
		panic(err) // "migrations" is embedded above: cannot fail
	}
	return sub
}

// Migrations are the revisions written in Go.
func Migrations() []retort.Migration {
	return []retort.Migration{{
		Revision:     "b2c3d4e5f6a7",
		DownRevision: "a1f0c2d3e4b5",
		Message:      "add notes.body and a welcome note",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			body := &retort.Column{Name: "body", Type: &retort.Type{Kind: "Text"}, Nullable: true}
			if err := op.AddColumn("notes", body); err != nil {
				return err
			}
			return op.Execute("INSERT INTO notes (id, title, body) VALUES (1, 'Welcome', 'Migrations in Go')")
		},
		Downgrade: func(ctx context.Context, op *retort.Operations) error {
			if err := op.Execute("DELETE FROM notes WHERE id = 1"); err != nil {
				return err
			}
			return op.DropColumn("notes", "body")
		},
	}}
}

// Options are what both the binary and the tests give retort.
func Options() []retort.Option {
	return []retort.Option{retort.WithScripts(Scripts()), retort.WithMigrations(Migrations()...)}
}
