package migration

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/internal/dbtest"
)

// BenchmarkFlush1000PostgresTrail measures writing 1,000 audit rows to
// PostgreSQL in one transaction, as upgrade head of 1,000 revisions does
// at its commit.
func BenchmarkFlush1000PostgresTrail(b *testing.B) {
	db, _ := dbtest.Postgres(b)
	ctx := context.Background()
	h := newHistoryTable(postgres.New(), AuditOptions{Table: DefaultHistoryTable, User: "u", Host: "h", Version: "bench"})
	stmts, err := h.d.Compile(ctx, nil, h.createOp())
	if err != nil {
		b.Fatal(err)
	}
	for _, st := range stmts {
		if _, err := db.ExecContext(ctx, st.SQL); err != nil {
			b.Fatal(err)
		}
	}
	rows := make([]HistoryRow, 1000)
	for i := range rows {
		id := fmt.Sprintf("r%04d", i)
		rows[i] = HistoryRow{Revision: id, Direction: DirectionUpgrade, HeadsBefore: []string{"p" + id}, HeadsAfter: []string{id},
			ScriptPath: "versions/" + id + ".py", Checksum: Checksum([]byte(id)), StartedAt: time.Now(), Duration: time.Millisecond}
	}
	for b.Loop() {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		for rest := rows; len(rest) > 0; {
			n := min(len(rest), maxRowsPerInsert)
			st, err := h.record(rest[:n], false)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, st.SQL, st.Args...); err != nil {
				b.Fatal(err)
			}
			rest = rest[n:]
		}
		if err := tx.Rollback(); err != nil {
			b.Fatal(err)
		}
	}
}
