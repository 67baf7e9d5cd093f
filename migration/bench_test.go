package migration_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/postgres"
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

// BenchmarkUpgrade1000SQLiteTrail measures the audit trail's cost on
// `upgrade head` of 1,000 revisions on a SQLite file: each iteration runs
// the upgrade without and with the trail, in alternating order so that a
// busy machine slows both alike, and the benchmark reports the medians and
// their ratio (budget: under 1.05).
func BenchmarkUpgrade1000SQLiteTrail(b *testing.B) {
	benchTrail(b, sqlite.New(), func(b *testing.B) *sql.DB { db, _ := dbtest.SQLite(b); return db })
}

// BenchmarkUpgrade1000PostgresTrail is BenchmarkUpgrade1000SQLiteTrail on
// PostgreSQL.
func BenchmarkUpgrade1000PostgresTrail(b *testing.B) {
	benchTrail(b, postgres.New(), func(b *testing.B) *sql.DB { db, _ := dbtest.Postgres(b); return db })
}

func benchTrail(b *testing.B, d dialect.Dialect, open func(*testing.B) *sql.DB) {
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
	base := p.upgrade("head")
	plan := func(current []string) ([]migration.PlannedStep, error) {
		steps, err := base(current)
		for i := range steps {
			steps[i].Checksum = migration.Checksum([]byte(steps[i].Step.Revision.ID))
		}
		return steps, err
	}
	// once returns the wall time of one run and the process's CPU time
	// during it, which other work on a busy machine disturbs less.
	once := func(audit migration.AuditOptions) (wall, cpu time.Duration) {
		db := open(b)
		defer db.Close()
		c, err := migration.New(d, db, nil, migration.Options{Lock: true, Audit: audit})
		if err != nil {
			b.Fatal(err)
		}
		cpu0 := cpuTime()
		start := time.Now()
		if err := c.Run(context.Background(), p.m, plan); err != nil {
			b.Fatal(err)
		}
		return time.Since(start), cpuTime() - cpu0
	}
	on := migration.AuditOptions{Table: migration.DefaultHistoryTable, Version: "bench"}
	var offs, ons, offCPU, onCPU []time.Duration
	measure := func(audit migration.AuditOptions, walls, cpus *[]time.Duration) {
		w, c := once(audit)
		*walls, *cpus = append(*walls, w), append(*cpus, c)
	}
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			measure(migration.AuditOptions{}, &offs, &offCPU)
			measure(on, &ons, &onCPU)
		} else {
			measure(on, &ons, &onCPU)
			measure(migration.AuditOptions{}, &offs, &offCPU)
		}
		i++
	}
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2]) / float64(time.Millisecond)
	}
	off, with := median(offs), median(ons)
	b.ReportMetric(off, "off-ms")
	b.ReportMetric(with, "on-ms")
	b.ReportMetric(with/off, "on/off")
	b.ReportMetric(median(onCPU)/median(offCPU), "cpu-on/off")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
