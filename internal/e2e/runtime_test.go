package e2e

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/dbtest"
)

type dialectCase struct {
	name   string
	open   func(testing.TB) (*sql.DB, string)
	tables string // lists the user's tables, one column, sorted
}

var dialects = []dialectCase{
	{"postgresql", dbtest.Postgres, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"},
	{"mysql", dbtest.MySQL, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1"},
	{"sqlite", dbtest.SQLite, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"},
}

func tables(t *testing.T, db *sql.DB, d dialectCase) []string {
	return queryStrings(t, db, d.tables)
}

// versions returns the version table's rows, or nil when it does not exist.
func versions(t *testing.T, db *sql.DB, d dialectCase) []string {
	if !slices.Contains(tables(t, db, d), "alembic_version") {
		return nil
	}
	return queryStrings(t, db, "SELECT version_num FROM alembic_version ORDER BY 1")
}

// checkTrail asserts the audit trail agrees with what committed: one
// upgrade row per step recorded in table applied, in the same order, and
// no row for a step that did not commit.
func checkTrail(t *testing.T, db *sql.DB, d dialectCase) {
	t.Helper()
	all := tables(t, db, d)
	var applied, trail []string
	if slices.Contains(all, "applied") {
		applied = queryStrings(t, db, "SELECT rev FROM applied ORDER BY rev")
	}
	if slices.Contains(all, "retort_history") {
		trail = queryStrings(t, db, "SELECT revision FROM retort_history WHERE direction = 'upgrade' ORDER BY id")
	}
	if !slices.Equal(trail, applied) {
		t.Errorf("audit trail %v, want exactly the committed steps %v", trail, applied)
	}
}

// chain returns n revisions r01..rNN; the first creates table applied, and
// every one records itself in it, so a step applied twice shows.
func chain(n int) []revision {
	var revs []revision
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("r%02d", i)
		r := revision{id: id}
		if i > 1 {
			r.down = fmt.Sprintf("r%02d", i-1)
		} else {
			r.upgrade = append(r.upgrade, "op.create_table('applied', sa.Column('rev', sa.String(10), nullable=False))")
		}
		r.upgrade = append(r.upgrade,
			fmt.Sprintf("op.create_table('t_%s', sa.Column('id', sa.Integer, primary_key=True))", id),
			fmt.Sprintf("op.execute(\"INSERT INTO applied (rev) VALUES ('%s')\")", id))
		r.downgrade = append(r.downgrade, fmt.Sprintf("op.drop_table('t_%s')", id))
		if i == 1 {
			r.downgrade = append(r.downgrade, "op.drop_table('applied')")
		}
		revs = append(revs, r)
	}
	return revs
}

// TestConcurrentUpgradeAppliesEachStepOnce starts 8 processes running
// `upgrade head` at once: all must exit 0 and every step must run once.
func TestConcurrentUpgradeAppliesEachStepOnce(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			db, url := d.open(t)
			ini := writeProject(t, url, "", chain(12))
			var wg sync.WaitGroup
			results := make([]result, 8)
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i] = run(t, "-c", ini, "upgrade", "head")
				}()
			}
			wg.Wait()
			for i, r := range results {
				if r.code != 0 {
					t.Errorf("process %d: exit %d\nstdout: %s\nstderr: %s", i, r.code, r.stdout, r.stderr)
				}
			}
			applied := queryStrings(t, db, "SELECT rev FROM applied ORDER BY rev")
			var want []string
			for _, r := range chain(12) {
				want = append(want, r.id)
			}
			if !slices.Equal(applied, want) {
				t.Errorf("steps applied %v, want each of %v once", applied, want)
			}
			if got := versions(t, db, d); !slices.Equal(got, []string{"r12"}) {
				t.Errorf("version rows %v, want [r12]", got)
			}
			checkTrail(t, db, d)
		})
	}
}

// failing returns three revisions; the third creates a table and then runs
// a statement that fails.
func failing() []revision {
	revs := chain(2)
	return append(revs, revision{id: "r03", down: "r02", upgrade: []string{
		"op.create_table('t_r03', sa.Column('id', sa.Integer, primary_key=True))",
		"op.execute('INSERT INTO no_such_table VALUES (1)')",
	}, downgrade: []string{"op.drop_table('t_r03')"}})
}

// TestFailingStatementLeavesLastGoodState checks where a run that fails in
// its third step leaves the database, and what the error says.
func TestFailingStatementLeavesLastGoodState(t *testing.T) {
	for _, d := range dialects {
		for _, perMigration := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/transaction_per_migration=%v", d.name, perMigration), func(t *testing.T) {
				db, url := d.open(t)
				ini := writeProject(t, url, fmt.Sprintf("transaction_per_migration = %v", perMigration), failing())
				r := run(t, "-c", ini, "upgrade", "head")
				if r.code == 0 {
					t.Fatalf("upgrade succeeded, want failure\nstdout: %s", r.stdout)
				}
				noStackTrace(t, r)
				msg := r.stdout + r.stderr
				for _, want := range []string{"r03", "r03_step.py", "no_such_table"} {
					if !strings.Contains(msg, want) {
						t.Errorf("error output lacks %q:\n%s", want, msg)
					}
				}
				var wantVersions, wantTables []string
				switch {
				case d.name == "mysql":
					// DDL auto-commits: r01 and r02 are applied and recorded; r03's
					// CREATE TABLE stays, and the version table says r02.
					wantVersions = []string{"r02"}
					wantTables = []string{"alembic_version", "applied", "retort_history", "t_r01", "t_r02", "t_r03"}
					if !strings.Contains(msg, "r02") {
						t.Errorf("error output does not say r02 is applied:\n%s", msg)
					}
				case perMigration:
					wantVersions = []string{"r02"}
					wantTables = []string{"alembic_version", "applied", "retort_history", "t_r01", "t_r02"}
				default:
					wantVersions = nil
					wantTables = nil
				}
				got := slices.DeleteFunc(tables(t, db, d), func(s string) bool { return s == "alembic_version" && wantTables == nil })
				if !slices.Equal(got, wantTables) {
					t.Errorf("tables %v, want %v", got, wantTables)
				}
				if v := versions(t, db, d); !slices.Equal(v, wantVersions) {
					t.Errorf("version rows %v, want %v", v, wantVersions)
				}
				checkTrail(t, db, d)
				// current agrees with the version table.
				cur := mustRun(t, "-c", ini, "current")
				if len(wantVersions) > 0 && !strings.Contains(cur.stdout, "r02") {
					t.Errorf("current says %q, want r02", cur.stdout)
				}
				if len(wantVersions) == 0 && strings.TrimSpace(cur.stdout) != "" {
					t.Errorf("current says %q, want nothing", cur.stdout)
				}
			})
		}
	}
}

// TestKilledRunLeavesCommittedState kills retort with SIGKILL while a long
// statement runs and checks that the database is at a committed state that
// `current` reports truthfully.
func TestKilledRunLeavesCommittedState(t *testing.T) {
	slow := map[string]string{
		"postgresql": "op.execute('SELECT pg_sleep(30)')",
		"sqlite":     "op.execute('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) SELECT count(*) FROM c')",
	}
	for _, d := range dialects {
		if slow[d.name] == "" {
			continue
		}
		for _, perMigration := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/transaction_per_migration=%v", d.name, perMigration), func(t *testing.T) {
				db, url := d.open(t)
				revs := append(chain(2), revision{id: "r03", down: "r02", upgrade: []string{
					"op.create_table('t_r03', sa.Column('id', sa.Integer, primary_key=True))", slow[d.name]}})
				ini := writeProject(t, url, fmt.Sprintf("transaction_per_migration = %v", perMigration), revs)
				cmd := exec.Command(bin, "-c", ini, "upgrade", "head")
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(3 * time.Second)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				_ = cmd.Wait()
				if d.name == "postgresql" {
					// The server notices the dead client; wait until its backend is gone.
					for i := 0; i < 100; i++ {
						var n int
						_ = db.QueryRow("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()").Scan(&n)
						if n == 0 {
							break
						}
						time.Sleep(100 * time.Millisecond)
					}
				}
				wantVersions, wantTables := []string(nil), []string(nil)
				if perMigration {
					wantVersions = []string{"r02"}
					wantTables = []string{"alembic_version", "applied", "retort_history", "t_r01", "t_r02"}
				}
				got := slices.DeleteFunc(tables(t, db, d), func(s string) bool { return s == "alembic_version" && wantTables == nil })
				if !slices.Equal(got, wantTables) {
					t.Errorf("tables %v, want %v", got, wantTables)
				}
				if v := versions(t, db, d); !slices.Equal(v, wantVersions) {
					t.Errorf("version rows %v, want %v", v, wantVersions)
				}
				checkTrail(t, db, d)
				cur := mustRun(t, "-c", ini, "current")
				if want := strings.Join(wantVersions, ""); !strings.Contains(cur.stdout, want) || (want == "" && strings.TrimSpace(cur.stdout) != "") {
					t.Errorf("current says %q, want %q", cur.stdout, want)
				}
			})
		}
	}
}

// TestConnectionErrorsAreOneClearLine checks bad connection settings.
func TestConnectionErrorsAreOneClearLine(t *testing.T) {
	dir := t.TempDir()
	readonly := filepath.Join(dir, "ro.db")
	// A database the process may not write to: opened read-only by URL.
	write(t, readonly, "")
	for _, tc := range []struct {
		name, url string
		want      []string
	}{
		{"unreachable postgres", "postgresql://u:sekret@127.0.0.1:1/db", []string{"127.0.0.1"}},
		{"unreachable mysql", "mysql://u:sekret@127.0.0.1:1/db", []string{"127.0.0.1"}},
		{"bad postgres credentials", postgresWithUser(t, "nobody_here"), []string{"nobody_here"}},
		{"bad mysql credentials", mysqlWithPassword(t, "sekret"), []string{"denied"}},
		{"missing sqlite directory", "sqlite:///" + filepath.Join(dir, "no", "such", "dir", "x.db"), []string{filepath.Join(dir, "no", "such", "dir")}},
		{"read-only sqlite", "sqlite:///file:" + readonly + "?mode=ro&uri=true", []string{"read"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ini := writeProject(t, tc.url, "", chain(1))
			r := run(t, "-c", ini, "upgrade", "head")
			if r.code == 0 {
				t.Fatalf("upgrade succeeded, want an error")
			}
			noStackTrace(t, r)
			msg := r.stdout + r.stderr
			// Like Alembic, nothing about the migration context is said before
			// the database has answered.
			if !strings.HasPrefix(tc.name, "read-only") && strings.Contains(msg, "Context impl") {
				t.Errorf("output announces the context before the connection failed:\n%s", msg)
			}
			if strings.Contains(msg, "sekret") {
				t.Errorf("output shows the password:\n%s", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
					t.Errorf("output lacks %q:\n%s", w, msg)
				}
			}
			if lines := strings.Count(strings.TrimSpace(r.stdout), "\n") + 1; lines > 2 {
				t.Errorf("error is %d lines, want one clear message:\n%s", lines, r.stdout)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Errorf("retort created the missing sqlite directory")
	}
}

func postgresWithUser(t *testing.T, user string) string {
	u := os.Getenv(dbtest.PostgresEnv)
	if u == "" {
		t.Skip("no postgres")
	}
	rest := u[strings.Index(u, "@")+1:]
	return "postgresql://" + user + ":sekret@" + rest
}

func mysqlWithPassword(t *testing.T, password string) string {
	u := os.Getenv(dbtest.MySQLEnv)
	if u == "" {
		t.Skip("no mysql")
	}
	rest := u[strings.Index(u, "@")+1:]
	return "mysql://retort:" + password + "@" + rest
}

// TestKilledRunAuditTrailMySQL mirrors TestKilledRunLeavesCommittedState on
// MariaDB, where each step commits on its own: killed during the third
// step, the trail holds the two committed steps and nothing of the third.
func TestKilledRunAuditTrailMySQL(t *testing.T) {
	d := dialects[1]
	db, url := d.open(t)
	revs := append(chain(2), revision{id: "r03", down: "r02", upgrade: []string{
		"op.create_table('t_r03', sa.Column('id', sa.Integer, primary_key=True))", "op.execute('SELECT SLEEP(30)')"}})
	ini := writeProject(t, url, "", revs)
	cmd := exec.Command(bin, "-c", ini, "upgrade", "head")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if v := versions(t, db, d); !slices.Equal(v, []string{"r02"}) {
		t.Errorf("version rows %v, want [r02]", v)
	}
	checkTrail(t, db, d)
	if got := queryStrings(t, db, "SELECT revision FROM retort_history ORDER BY id"); !slices.Equal(got, []string{"r01", "r02"}) {
		t.Errorf("audit trail %v, want [r01 r02]", got)
	}
}
