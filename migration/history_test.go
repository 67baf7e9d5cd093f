package migration_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/migration"
)

var audited = migration.AuditOptions{Table: "retort_history", User: "alice", Host: "build-7", Version: "1.2.3"}

// withChecksums sets each planned step's checksum to a value derived from
// its revision, as the command layer does from the script's bytes.
func withChecksums(plan func([]string) ([]migration.PlannedStep, error)) func([]string) ([]migration.PlannedStep, error) {
	return func(current []string) ([]migration.PlannedStep, error) {
		steps, err := plan(current)
		for i := range steps {
			steps[i].Checksum = migration.Checksum([]byte("script " + steps[i].Step.Revision.ID))
		}
		return steps, err
	}
}

// trail is a compact form of the rows: "direction revision before>after".
func trail(t testing.TB, c *migration.Context) []string {
	t.Helper()
	rows, err := c.History(context.Background())
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		before, after := slices.Clone(r.HeadsBefore), slices.Clone(r.HeadsAfter)
		slices.Sort(before)
		slices.Sort(after)
		out[i] = fmt.Sprintf("%s %s %s>%s", r.Direction, r.Revision, strings.Join(before, ","), strings.Join(after, ","))
	}
	return out
}

func TestHistoryRowsMatchSteps(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			p := branched(t)
			c := newContext(t, be.dialect(), db, migration.Options{Lock: true, Audit: audited})
			ctx := context.Background()
			before := time.Now().Add(-time.Second)
			if err := c.Run(ctx, p.m, withChecksums(p.upgrade("heads"))); err != nil {
				t.Fatal(err)
			}
			if err := c.Run(ctx, p.m, withChecksums(p.downgrade("b1"))); err != nil {
				t.Fatal(err)
			}
			if err := c.Stamp(ctx, p.m, []string{"a1"}, false); err != nil {
				t.Fatal(err)
			}
			// Upgrades of a1's children come in the order the graph walk
			// gives; only the set and the shape are fixed.
			got := trail(t, c)
			want := []string{
				"upgrade a1 >a1",
				"upgrade c1 a1>c1", "upgrade b1 c1>b1,c1",
				"upgrade m1 b1,c1>m1",
				"downgrade m1 m1>b1,c1",
				"stamp a1 b1,c1>a1",
			}
			if len(got) == len(want) && got[1] != want[1] {
				want[1], want[2] = "upgrade b1 a1>b1", "upgrade c1 b1>b1,c1"
			}
			if !slices.Equal(got, want) {
				t.Errorf("trail =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			rows, err := c.History(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range rows {
				if r.User != "alice" || r.Host != "build-7" || r.Version != "1.2.3" {
					t.Errorf("row %d: user %q host %q version %q", i, r.User, r.Host, r.Version)
				}
				if r.StartedAt.Before(before) || r.StartedAt.After(time.Now()) || r.Duration < 0 || r.Duration > time.Minute {
					t.Errorf("row %d: started %v, duration %v", i, r.StartedAt, r.Duration)
				}
				if r.Direction != migration.DirectionStamp {
					if r.ScriptPath != "versions/"+r.Revision+".py" || r.Checksum != migration.Checksum([]byte("script "+r.Revision)) {
						t.Errorf("row %d: path %q checksum %q", i, r.ScriptPath, r.Checksum)
					}
				}
			}
			// verify's narrow read: the same rows, only the fields it compares.
			sums, err := c.HistoryChecksums(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(sums) != len(want) {
				t.Fatalf("HistoryChecksums gave %d rows, want %d", len(sums), len(want))
			}
			for i, r := range sums {
				full := rows[i]
				if r.ID != full.ID || r.Revision != full.Revision || r.Direction != full.Direction ||
					r.ScriptPath != full.ScriptPath || r.Checksum != full.Checksum {
					t.Errorf("checksum row %d = %+v, want the fields of %+v", i, r, full)
				}
				if r.HeadsBefore != nil || r.User != "" || !r.StartedAt.IsZero() {
					t.Errorf("checksum row %d read more than it needs: %+v", i, r)
				}
				if r.Direction == migration.DirectionUpgrade && r.Checksum != migration.Checksum([]byte("script "+r.Revision)) {
					t.Errorf("checksum row %d: checksum %q", i, r.Checksum)
				}
			}
			// Unknown values are NULL, not '': only the stamp has no script.
			var nulls, durations int
			if err := db.QueryRow("SELECT COUNT(*) FROM retort_history WHERE script_path IS NULL AND checksum IS NULL").Scan(&nulls); err != nil {
				t.Fatal(err)
			}
			if err := db.QueryRow("SELECT COUNT(*) FROM retort_history WHERE duration_us IS NOT NULL AND os_user = 'alice'").Scan(&durations); err != nil {
				t.Fatal(err)
			}
			if nulls != 1 || durations != len(want) {
				t.Errorf("%d rows with NULL script and checksum, want 1; %d with a duration and user, want %d", nulls, durations, len(want))
			}
			// The version table is still Alembic's: one column.
			if _, err := db.Exec("INSERT INTO alembic_version (version_num) VALUES ('zz')"); err != nil {
				t.Errorf("alembic_version changed shape: %v", err)
			}
		})
	}
}

func TestHistoryFailingStepWritesNoRow(t *testing.T) {
	for _, be := range backends() {
		for _, perMigration := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/per_migration=%v", be.name, perMigration), func(t *testing.T) {
				db, _ := be.open(t)
				p := failing(t)
				d := be.dialect()
				c := newContext(t, d, db, migration.Options{Lock: true, TransactionPerMigration: perMigration, Audit: audited})
				if err := c.Run(context.Background(), p.m, p.upgrade("head")); err == nil {
					t.Fatal("the failing run succeeded")
				}
				want := []string{"upgrade x1 >x1", "upgrade x2 x1>x2"}
				if d.TransactionalDDL() && !perMigration {
					// One transaction rolled back: the history table too
					// (PostgreSQL and SQLite have transactional DDL).
					if _, err := c.History(context.Background()); !errors.Is(err, migration.ErrNoHistory) {
						t.Errorf("History after rolled-back run: %v, want ErrNoHistory", err)
					}
					return
				}
				if got := trail(t, c); !slices.Equal(got, want) {
					t.Errorf("trail = %v, want %v", got, want)
				}
			})
		}
	}
}

func TestHistoryCreatedOnExistingDatabase(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			p := failing(t)
			ctx := context.Background()
			// Migrated before the trail existed.
			old := newContext(t, be.dialect(), db, migration.Options{Lock: true})
			if err := old.Run(ctx, p.m, p.upgrade("x1")); err != nil {
				t.Fatal(err)
			}
			c := newContext(t, be.dialect(), db, migration.Options{Lock: true, Audit: audited})
			if _, err := c.History(ctx); !errors.Is(err, migration.ErrNoHistory) {
				t.Fatalf("History before the trail: %v, want ErrNoHistory", err)
			}
			if err := c.Run(ctx, p.m, p.upgrade("x2")); err != nil {
				t.Fatal(err)
			}
			if got := trail(t, c); !slices.Equal(got, []string{"upgrade x2 x1>x2"}) {
				t.Errorf("trail = %v", got)
			}
		})
	}
}

func TestHistoryOff(t *testing.T) {
	db, _ := backends()[0].open(t)
	p := failing(t)
	c := newContext(t, sqlite.New(), db, migration.Options{Lock: true})
	if err := c.Run(context.Background(), p.m, p.upgrade("x2")); err != nil {
		t.Fatal(err)
	}
	if tableExists(db, "retort_history") {
		t.Error("history table created with the trail off")
	}
}

func TestHistoryConcurrentRuns(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			_, open := be.open(t)
			p := branched(t)
			const runners = 6
			errs := make([]error, runners)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range runners {
				db := open()
				wg.Add(1)
				go func() {
					defer wg.Done()
					c, err := migration.New(be.dialect(), db, nil, migration.Options{Lock: true, TransactionPerMigration: true, Audit: audited})
					if err != nil {
						errs[i] = err
						return
					}
					<-start
					errs[i] = c.Run(context.Background(), p.m, p.upgrade("heads"))
				}()
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("runner %d: %v", i, err)
				}
			}
			c := newContext(t, be.dialect(), open(), migration.Options{Audit: audited})
			got := map[string]int{}
			for _, line := range trail(t, c) {
				got[strings.Fields(line)[1]]++
			}
			if len(got) != 4 || got["a1"] != 1 || got["b1"] != 1 || got["c1"] != 1 || got["m1"] != 1 {
				t.Errorf("history rows per revision = %v, want each of a1, b1, c1, m1 once", got)
			}
		})
	}
}

func TestHistoryOffline(t *testing.T) {
	for _, tc := range []struct {
		name    string
		current []string
	}{{"from base", nil}, {"from a1", []string{"a1"}}} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			p := oracleProject(t)
			c, err := migration.New(postgres.New(), nil, &out, migration.Options{Audit: audited})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.RunOffline(context.Background(), p.m, tc.current, withChecksums(p.upgrade("b1"))); err != nil {
				t.Fatal(err)
			}
			sql := out.String()
			if n := strings.Count(sql, "CREATE TABLE IF NOT EXISTS retort_history ("); n != 1 {
				t.Errorf("%d CREATE TABLE IF NOT EXISTS retort_history in\n%s", n, sql)
			}
			b1 := "INSERT INTO retort_history (revision, direction, heads_before, heads_after, script_path, checksum, started_at, duration_us, os_user, host, retort_version) VALUES ('b1', 'upgrade', 'a1', 'b1', 'versions/b1.py', '" +
				migration.Checksum([]byte("script b1")) + "', '"
			if !strings.Contains(sql, b1) || !strings.Contains(sql, "', NULL, 'alice', 'build-7', '1.2.3');") {
				t.Errorf("no INSERT of b1's row in\n%s", sql)
			}
			// The row comes after the version update, before COMMIT.
			if i, j := strings.Index(sql, "UPDATE alembic_version SET version_num='b1'"), strings.Index(sql, b1); i < 0 || j < i || strings.LastIndex(sql, "COMMIT;") < j {
				t.Errorf("INSERT out of place in\n%s", sql)
			}
			if n := strings.Count(sql, "INSERT INTO retort_history"); n != 2-len(tc.current) {
				t.Errorf("%d history inserts, want %d", n, 2-len(tc.current))
			}
		})
	}
}
