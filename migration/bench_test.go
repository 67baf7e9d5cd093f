package migration_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
)

// benchDDL is the statement of the n-th small step in the SQLite benchmarks.
func benchDDL(n int) string {
	return fmt.Sprintf("CREATE TABLE bench_%04d (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)", n)
}

// BenchmarkUpgrade1000SQLite measures `upgrade head` of 1,000 one-table
// revisions on a SQLite file. Compare it with BenchmarkExecRaw1000SQLite
// (budget: within 1.5x).
func BenchmarkUpgrade1000SQLite(b *testing.B) {
	const n = 1000
	scripts := make([]script, n)
	ids := make([]string, n)
	for i := range scripts {
		ids[i] = fmt.Sprintf("r%04d", i)
		scripts[i] = script{id: ids[i], message: "step", up: exec(benchDDL(i))}
		if i > 0 {
			scripts[i].down = []string{ids[i-1]}
		}
	}
	p := newProject(b, scripts...)
	plan := p.upgrade("head")
	for b.Loop() {
		b.StopTimer()
		db, _ := dbtest.SQLite(b)
		c, err := migration.New(sqlite.New(), db, nil, migration.Options{Lock: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := c.Run(context.Background(), p.m, plan); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkExecRaw1000SQLite executes the same 1,000 CREATE TABLE
// statements directly, in one session and one transaction.
func BenchmarkExecRaw1000SQLite(b *testing.B) {
	const n = 1000
	stmts := make([]string, n)
	for i := range stmts {
		stmts[i] = benchDDL(i)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, _ := dbtest.SQLite(b)
		b.StartTimer()
		if err := execRaw(ctx, db, stmts); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

func execRaw(ctx context.Context, db *sql.DB, stmts []string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}
