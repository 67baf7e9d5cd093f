package migration_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
)

// BenchmarkHistory10000SQLite measures reading an audit trail of 10,000
// upgrade rows from a SQLite file, which log and verify do first (budget:
// verify of 10,000 revisions under 200 ms in all).
func BenchmarkHistory10000SQLite(b *testing.B) {
	c := trail10000(b)
	ctx := context.Background()
	for b.Loop() {
		rows, err := c.History(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) != trailRows {
			b.Fatalf("read %d rows, want %d", len(rows), trailRows)
		}
	}
}

// BenchmarkHistoryChecksums10000SQLite measures verify's narrower read of
// the same trail.
func BenchmarkHistoryChecksums10000SQLite(b *testing.B) {
	c := trail10000(b)
	ctx := context.Background()
	for b.Loop() {
		rows, err := c.HistoryChecksums(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) != trailRows {
			b.Fatalf("read %d rows, want %d", len(rows), trailRows)
		}
	}
}

const trailRows = 10000

// trail10000 is a SQLite database whose audit trail holds trailRows
// upgrades, each with a checksum, written by a real run.
func trail10000(b *testing.B) *migration.Context {
	const n = trailRows
	scripts := make([]script, n)
	for i := range scripts {
		scripts[i] = script{id: fmt.Sprintf("r%05d", i), message: "step", up: exec()}
		if i > 0 {
			scripts[i].down = []string{scripts[i-1].id}
		}
	}
	p := newProject(b, scripts...)
	base := p.upgrade("head")
	plan := func(current []string) ([]migration.PlannedStep, error) {
		steps, err := base(current)
		for i := range steps {
			steps[i].Checksum = migration.Checksum([]byte(steps[i].Step.Revision.ID))
		}
		return steps, err
	}
	db, _ := dbtest.SQLite(b)
	audit := migration.AuditOptions{Table: migration.DefaultHistoryTable, Version: "bench"}
	c, err := migration.New(sqlite.New(), db, nil, migration.Options{Audit: audit})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := c.Run(ctx, p.m, plan); err != nil {
		b.Fatal(err)
	}
	return c
}
