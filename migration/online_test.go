package migration_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
)

func logRows(t testing.TB, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query("SELECT rev FROM step_log")
	if err != nil {
		t.Fatalf("reading step_log: %v", err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var rev string
		if err := rows.Scan(&rev); err != nil {
			t.Fatal(err)
		}
		got[rev]++
	}
	return got
}

var allTables = []string{"step_log", "t_a1", "t_b1", "t_c1"}

func TestUpgradeDowngradeBranched(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			p := branched(t)
			c := newContext(t, be.dialect(), db, migration.Options{Lock: true})
			ctx := context.Background()
			moves := []struct {
				up         bool
				target     string
				wantHeads  []string
				wantTables []string
			}{
				{true, "b1", []string{"b1"}, []string{"step_log", "t_a1", "t_b1"}},
				{true, "c1", []string{"b1", "c1"}, allTables},
				{true, "heads", []string{"m1"}, allTables},
				{true, "heads", []string{"m1"}, allTables}, // nothing to do
				{false, "b1", []string{"b1", "c1"}, allTables},
				{false, "a1", []string{"a1"}, []string{"step_log", "t_a1"}},
				{false, "base", nil, nil},
			}
			for _, mv := range moves {
				plan := p.upgrade(mv.target)
				verb := "upgrade"
				if !mv.up {
					plan, verb = p.downgrade(mv.target), "downgrade"
				}
				if err := c.Run(ctx, p.m, plan); err != nil {
					t.Fatalf("%s %s: %v", verb, mv.target, err)
				}
				if got := heads(t, c); !slices.Equal(got, mv.wantHeads) {
					t.Errorf("after %s %s: heads = %v, want %v", verb, mv.target, got, mv.wantHeads)
				}
				if got := existing(db, allTables...); !slices.Equal(got, mv.wantTables) {
					t.Errorf("after %s %s: tables = %v, want %v", verb, mv.target, got, mv.wantTables)
				}
				if verb == "upgrade" && mv.target == "heads" {
					if got := logRows(t, db); len(got) != 3 || got["a1"] != 1 || got["b1"] != 1 || got["c1"] != 1 {
						t.Errorf("step_log = %v, want each of a1, b1, c1 once", got)
					}
				}
			}
			if !tableExists(db, "alembic_version") {
				t.Errorf("online downgrade to base dropped the version table; Alembic keeps it")
			}
		})
	}
}

func TestRunEvents(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			p := branched(t)
			var lines []string
			var statements, commits int
			c := newContext(t, be.dialect(), db, migration.Options{Lock: true, Events: func(e migration.Event) {
				switch e := e.(type) {
				case migration.LogEvent:
					lines = append(lines, e.LogMessage())
				case migration.Statement:
					statements++
				case migration.Committed:
					commits++
				}
			}})
			if err := c.Run(context.Background(), p.m, p.fixed(true, "a1", "c1")); err != nil {
				t.Fatal(err)
			}
			d := be.dialect()
			want := []string{
				"Context impl " + d.ImplName() + ".",
				migration.TransactionalDDL{Transactional: d.TransactionalDDL()}.LogMessage(),
				"Running upgrade  -> a1, create t1",
				"Running upgrade a1 -> c1, branch c",
			}
			if !slices.Equal(lines, want) {
				t.Errorf("log lines = %q, want %q", lines, want)
			}
			// a1: CREATE step_log, CREATE t_a1, INSERT log, INSERT version;
			// c1: CREATE t_c1, INSERT log, UPDATE version; plus the version table.
			if statements != 8 {
				t.Errorf("got %d Statement events, want 8", statements)
			}
			wantCommits := 1
			if !d.TransactionalDDL() {
				wantCommits = 2
			}
			if commits != wantCommits {
				t.Errorf("got %d commits, want %d", commits, wantCommits)
			}
		})
	}
}

func TestStamp(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			p := branched(t)
			c := newContext(t, be.dialect(), db, migration.Options{Lock: true})
			ctx := context.Background()
			if err := c.EnsureVersion(ctx); err != nil {
				t.Fatalf("EnsureVersion: %v", err)
			}
			if !tableExists(db, "alembic_version") {
				t.Fatalf("EnsureVersion did not create alembic_version")
			}
			if err := c.EnsureVersion(ctx); err != nil {
				t.Fatalf("EnsureVersion on an existing table: %v", err)
			}
			steps := []struct {
				targets []string
				purge   bool
				want    []string
			}{
				{[]string{"b1"}, false, []string{"b1"}},
				{[]string{"c1"}, false, []string{"b1", "c1"}},
				{[]string{"m1"}, false, []string{"m1"}},
				{[]string{"a1"}, false, []string{"a1"}},
				{[]string{"base"}, false, nil},
				{[]string{"b1", "c1"}, false, []string{"b1", "c1"}},
				{[]string{"a1"}, true, []string{"a1"}},
			}
			for _, st := range steps {
				if err := c.Stamp(ctx, p.m, st.targets, st.purge); err != nil {
					t.Fatalf("stamp %v (purge=%v): %v", st.targets, st.purge, err)
				}
				if got := heads(t, c); !slices.Equal(got, st.want) {
					t.Errorf("after stamp %v (purge=%v): heads = %v, want %v", st.targets, st.purge, got, st.want)
				}
			}
			// An unknown revision in the table breaks stamp; --purge repairs it.
			if _, err := db.Exec("INSERT INTO alembic_version (version_num) VALUES ('deadbeef')"); err != nil {
				t.Fatal(err)
			}
			if err := c.Stamp(ctx, p.m, []string{"b1"}, false); err == nil {
				t.Errorf("stamp over an unknown revision: want an error")
			}
			if got := heads(t, c); !slices.Equal(got, []string{"a1", "deadbeef"}) {
				t.Errorf("failed stamp changed the table: %v", got)
			}
			if err := c.Stamp(ctx, p.m, []string{"b1"}, true); err != nil {
				t.Fatalf("stamp --purge: %v", err)
			}
			if got := heads(t, c); !slices.Equal(got, []string{"b1"}) {
				t.Errorf("after stamp --purge b1: heads = %v", got)
			}
			if got := existing(db, allTables...); len(got) != 0 {
				t.Errorf("stamp ran scripts: tables %v exist", got)
			}
		})
	}
}

func TestVersionTableOptions(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			p := branched(t)
			c := newContext(t, be.dialect(), db, migration.Options{VersionTable: "Deploy_Versions", Lock: true})
			if err := c.Run(context.Background(), p.m, p.upgrade("b1")); err != nil {
				t.Fatal(err)
			}
			if got := heads(t, c); !slices.Equal(got, []string{"b1"}) {
				t.Errorf("heads = %v", got)
			}
			if tableExists(db, "alembic_version") {
				t.Errorf("alembic_version was created although VersionTable is set")
			}
			other := newContext(t, be.dialect(), db, migration.Options{})
			if got := heads(t, other); len(got) != 0 {
				t.Errorf("default version table has rows %v; the run should have used Deploy_Versions", got)
			}
		})
	}
}

// failing is a -> x2 -> x3 where x3 creates t_x3 and then fails.
func failing(t testing.TB) *project {
	return newProject(t,
		script{id: "x1", message: "one", up: exec("CREATE TABLE t_x1 (id INTEGER)")},
		script{id: "x2", message: "two", down: []string{"x1"}, up: exec("CREATE TABLE t_x2 (id INTEGER)")},
		script{id: "x3", message: "three", down: []string{"x2"}, up: exec("CREATE TABLE t_x3 (id INTEGER)", "INSERT INTO no_such_table VALUES (1)")},
	)
}

func TestFailingStep(t *testing.T) {
	for _, be := range backends() {
		for _, perMigration := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/per_migration=%v", be.name, perMigration), func(t *testing.T) {
				db, _ := be.open(t)
				p := failing(t)
				d := be.dialect()
				c := newContext(t, d, db, migration.Options{Lock: true, TransactionPerMigration: perMigration})
				err := c.Run(context.Background(), p.m, p.upgrade("head"))
				var se *migration.StepError
				if !errors.As(err, &se) {
					t.Fatalf("Run error = %v, want *StepError", err)
				}
				if se.Revision != "x3" || se.Path != "versions/x3.py" || !strings.Contains(se.Statement, "no_such_table") {
					t.Errorf("StepError names revision %q, path %q, statement %q", se.Revision, se.Path, se.Statement)
				}
				var wantHeads, wantTables []string
				switch {
				case d.TransactionalDDL() && !perMigration:
					// One transaction: the run left nothing behind.
					wantHeads, wantTables = nil, nil
				case d.TransactionalDDL():
					wantHeads, wantTables = []string{"x2"}, []string{"t_x1", "t_x2"}
				default:
					// MySQL: DDL committed itself; the version row says x2.
					wantHeads, wantTables = []string{"x2"}, []string{"t_x1", "t_x2", "t_x3"}
				}
				if got := heads(t, c); !slices.Equal(got, wantHeads) {
					t.Errorf("heads after failure = %v, want %v", got, wantHeads)
				}
				if !slices.Equal(se.Applied, wantHeads) {
					t.Errorf("StepError.Applied = %v, want %v", se.Applied, wantHeads)
				}
				if got := existing(db, "t_x1", "t_x2", "t_x3"); !slices.Equal(got, wantTables) {
					t.Errorf("tables after failure = %v, want %v", got, wantTables)
				}
				if se.RolledBack != d.TransactionalDDL() {
					t.Errorf("StepError.RolledBack = %v", se.RolledBack)
				}
				msg := err.Error()
				for _, part := range []string{"x3", "versions/x3.py", "no_such_table", "version table is at"} {
					if !strings.Contains(msg, part) {
						t.Errorf("message %q does not mention %q", msg, part)
					}
				}
				// The connection went back clean: a later run works.
				if err := c.Run(context.Background(), p.m, p.upgrade("x2")); err != nil {
					t.Errorf("run after failure: %v", err)
				}
				if got := heads(t, c); !slices.Equal(got, []string{"x2"}) {
					t.Errorf("heads after retry = %v", got)
				}
			})
		}
	}
}

func TestConcurrentRuns(t *testing.T) {
	for _, be := range backends() {
		for _, perMigration := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/per_migration=%v", be.name, perMigration), func(t *testing.T) {
				_, open := be.open(t)
				p := branched(t)
				const runners = 8
				errs := make([]error, runners)
				var wg sync.WaitGroup
				start := make(chan struct{})
				for i := range runners {
					db := open()
					wg.Add(1)
					go func() {
						defer wg.Done()
						c, err := migration.New(be.dialect(), db, nil, migration.Options{Lock: true, TransactionPerMigration: perMigration})
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
				db := open()
				if got := logRows(t, db); len(got) != 3 || got["a1"] != 1 || got["b1"] != 1 || got["c1"] != 1 {
					t.Errorf("step_log = %v, want each step applied exactly once", got)
				}
				c := newContext(t, be.dialect(), db, migration.Options{})
				if got := heads(t, c); !slices.Equal(got, []string{"m1"}) {
					t.Errorf("heads = %v, want [m1]", got)
				}
			})
		}
	}
}

func TestNoTransactionStep(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			d := be.dialect()
			index := "CREATE INDEX ix_n ON t_n (id)"
			if d.Name() == "postgresql" {
				// Fails inside a transaction block: proves the step ran outside.
				index = "CREATE INDEX CONCURRENTLY ix_n ON t_n (id)"
			}
			p := newProject(t,
				script{id: "n1", up: exec("CREATE TABLE t_n (id INTEGER)")},
				script{id: "n2", down: []string{"n1"}, up: exec(index)},
				script{id: "n3", down: []string{"n2"}, up: func(ctx context.Context, sink ops.Sink) error {
					for _, o := range []ops.Op{
						&ops.Execute{SQL: "INSERT INTO t_n (id) VALUES (1)"},
						&ops.AutocommitBlock{Begin: true},
						&ops.Execute{SQL: strings.ReplaceAll(index, "ix_n", "ix_n2")},
						&ops.AutocommitBlock{Begin: false},
						&ops.Execute{SQL: "INSERT INTO t_n (id) VALUES (2)"},
					} {
						if err := sink.Invoke(ctx, o); err != nil {
							return err
						}
					}
					return nil
				}},
			)
			plan := func(current []string) ([]migration.PlannedStep, error) {
				steps, err := p.upgrade("head")(current)
				for i := range steps {
					steps[i].NoTransaction = steps[i].Step.Revision.ID == "n2"
				}
				return steps, err
			}
			c := newContext(t, d, db, migration.Options{Lock: true})
			if err := c.Run(context.Background(), p.m, plan); err != nil {
				t.Fatalf("Run: %v", err)
			}
			if got := heads(t, c); !slices.Equal(got, []string{"n3"}) {
				t.Errorf("heads = %v", got)
			}
			var n int
			if err := db.QueryRow("SELECT COUNT(*) FROM t_n").Scan(&n); err != nil || n != 2 {
				t.Errorf("t_n has %d rows (%v), want 2", n, err)
			}
		})
	}
}

func TestSinkQuery(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			var got *ops.Rows
			var offline bool
			var dialectName string
			p := newProject(t,
				script{id: "q1", up: exec("CREATE TABLE t_q (id INTEGER, name VARCHAR(10))", "INSERT INTO t_q (id, name) VALUES (1, 'one')")},
				script{id: "q2", down: []string{"q1"}, up: func(ctx context.Context, sink ops.Sink) error {
					offline, dialectName = sink.Offline(), sink.DialectName()
					var err error
					got, err = sink.Query(ctx, "SELECT id, name FROM t_q")
					return err
				}},
			)
			c := newContext(t, be.dialect(), db, migration.Options{})
			if err := c.Run(context.Background(), p.m, p.upgrade("head")); err != nil {
				t.Fatal(err)
			}
			if offline || dialectName != be.dialect().Name() {
				t.Errorf("sink says offline=%v dialect=%q", offline, dialectName)
			}
			if got == nil || len(got.Values) != 1 || !slices.Equal(got.Columns, []string{"id", "name"}) {
				t.Fatalf("Query returned %+v", got)
			}
			if name, ok := got.Values[0][1].(string); !ok || name != "one" {
				t.Errorf("name column = %#v, want the string \"one\"", got.Values[0][1])
			}
		})
	}
}

func TestConnectErrors(t *testing.T) {
	p := branched(t)
	dir := t.TempDir()
	tests := []struct {
		name     string
		backend  string
		driver   string
		dsn      string
		wantIn   []string
		mustNot  string
		wantType bool
	}{
		{"sqlite missing directory", "sqlite", "sqlite", "file:" + dir + "/no/such/dir/x.db", []string{"can't connect to the sqlite database", "directory"}, "", true},
		{"postgresql unreachable", "postgresql", "pgx", "postgresql://bob:topsecret@127.0.0.1:1/app?connect_timeout=2", []string{"can't connect to the postgresql database"}, "topsecret", true},
		{"mysql unreachable", "mariadb", "mysql", "bob:topsecret@tcp(127.0.0.1:1)/app?timeout=2s", []string{"can't connect to the mysql database"}, "topsecret", true},
		{"mysql bad credentials", "mariadb", "mysql", mysqlWithPassword(t, "wrong-secret"), []string{"can't connect to the mysql database", "Access denied"}, "wrong-secret", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var be backend
			for _, b := range backends() {
				if b.name == tt.backend {
					be = b
				}
			}
			if tt.dsn == "skip" {
				t.Skip("no MySQL server configured")
			}
			db := reopen(t, tt.driver, tt.dsn)
			c := newContext(t, be.dialect(), db, migration.Options{Lock: true})
			err := c.Run(context.Background(), p.m, p.upgrade("heads"))
			if err == nil {
				t.Fatal("Run succeeded against an unusable database")
			}
			var ce *migration.ConnectError
			if tt.wantType && !errors.As(err, &ce) {
				t.Errorf("error %v is not a *ConnectError", err)
			}
			for _, want := range tt.wantIn {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			if tt.mustNot != "" && strings.Contains(err.Error(), tt.mustNot) {
				t.Errorf("error %q shows the password", err)
			}
			if _, err := c.Heads(context.Background()); err == nil {
				t.Errorf("Heads succeeded against an unusable database")
			}
		})
	}
}

func TestReadOnlySQLite(t *testing.T) {
	_, u := dbtest.SQLite(t)
	db := reopen(t, "sqlite", "file:"+strings.TrimPrefix(u, "sqlite:///")+"?mode=ro")
	c := newContext(t, sqlite.New(), db, migration.Options{Lock: true})
	p := branched(t)
	err := c.Run(context.Background(), p.m, p.upgrade("heads"))
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("Run on a read-only database: error = %v, want one that says it is read-only", err)
	}
}

func TestLockTimeout(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			_, open := be.open(t)
			holding := make(chan struct{})
			release := make(chan struct{})
			p := newProject(t,
				script{id: "h1", up: func(ctx context.Context, sink ops.Sink) error {
					if err := sink.Invoke(ctx, &ops.Execute{SQL: "CREATE TABLE t_h (id INTEGER)"}); err != nil {
						return err
					}
					close(holding)
					<-release
					return nil
				}},
			)
			holder := newContext(t, be.dialect(), open(), migration.Options{Lock: true})
			done := make(chan error, 1)
			go func() { done <- holder.Run(context.Background(), p.m, p.upgrade("head")) }()
			<-holding
			waiter := newContext(t, be.dialect(), open(), migration.Options{Lock: true, LockTimeout: 300 * time.Millisecond})
			err := waiter.Run(context.Background(), p.m, p.upgrade("head"))
			close(release)
			if herr := <-done; herr != nil {
				t.Fatalf("lock holder: %v", herr)
			}
			var le *migration.LockError
			if !errors.As(err, &le) || !errors.Is(err, migration.ErrLockTimeout) {
				t.Fatalf("waiting run: error = %v, want a *LockError wrapping ErrLockTimeout", err)
			}
			// Once the holder is done, the lock is free again.
			if err := waiter.Run(context.Background(), p.m, p.upgrade("head")); err != nil {
				t.Errorf("run after the holder finished: %v", err)
			}
			if got := heads(t, waiter); !slices.Equal(got, []string{"h1"}) {
				t.Errorf("heads = %v", got)
			}
		})
	}
}

// mysqlWithPassword is the test server's DSN with another password; it
// skips the test when no server is configured.
func mysqlWithPassword(t *testing.T, password string) string {
	raw := os.Getenv(dbtest.MySQLEnv)
	if raw == "" {
		return "skip"
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return dbtest.MySQLDSN(u)
}

func TestVersionTableInSchema(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, _ := be.open(t)
			var schemaName, qualified string
			switch be.name {
			case "postgresql":
				if _, err := db.Exec("CREATE SCHEMA vs"); err != nil {
					t.Fatal(err)
				}
				schemaName, qualified = "vs", `vs."MyVersion"`
			case "mariadb":
				if err := db.QueryRow("SELECT DATABASE()").Scan(&schemaName); err != nil {
					t.Fatal(err)
				}
				qualified = schemaName + ".`MyVersion`"
			default:
				schemaName, qualified = "main", `main."MyVersion"`
			}
			p := branched(t)
			c := newContext(t, be.dialect(), db, migration.Options{VersionTable: "MyVersion", VersionTableSchema: schemaName, Lock: true})
			ctx := context.Background()
			if err := c.Run(ctx, p.m, p.upgrade("c1")); err != nil {
				t.Fatal(err)
			}
			if err := c.Stamp(ctx, p.m, []string{"b1"}, false); err != nil {
				t.Fatal(err)
			}
			var rows []string
			r, err := db.Query("SELECT version_num FROM " + qualified + " ORDER BY version_num")
			if err != nil {
				t.Fatalf("reading %s: %v", qualified, err)
			}
			defer r.Close()
			for r.Next() {
				var v string
				if err := r.Scan(&v); err != nil {
					t.Fatal(err)
				}
				rows = append(rows, v)
			}
			if !slices.Equal(rows, []string{"b1", "c1"}) {
				t.Errorf("%s holds %v, want [b1 c1]", qualified, rows)
			}
			if got := heads(t, c); !slices.Equal(got, []string{"b1", "c1"}) {
				t.Errorf("Heads() = %v", got)
			}
		})
	}
}

// TestSQLiteReplanBetweenTransactions checks the case SQLite's per-transaction
// lock allows: with TransactionPerMigration another run can get in between
// two of this run's transactions; this run must notice and plan again
// instead of applying the other run's steps a second time.
func TestSQLiteReplanBetweenTransactions(t *testing.T) {
	_, u := dbtest.SQLite(t)
	path := strings.TrimPrefix(u, "sqlite:///")
	open := func() *sql.DB { return reopen(t, "sqlite", dbtest.SQLiteDSN(path)) }
	p := branched(t)
	ctx := context.Background()

	other := newContext(t, sqlite.New(), open(), migration.Options{Lock: true, TransactionPerMigration: true})
	var otherErr error
	interrupted := false
	first := newContext(t, sqlite.New(), open(), migration.Options{Lock: true, TransactionPerMigration: true,
		Events: func(e migration.Event) {
			if c, ok := e.(migration.Committed); ok && !interrupted && slices.Equal(c.Heads, []string{"a1"}) {
				// Between the first run's transactions, the other run does everything.
				interrupted = true
				otherErr = other.Run(ctx, p.m, p.upgrade("heads"))
			}
		}})
	if err := first.Run(ctx, p.m, p.upgrade("heads")); err != nil {
		t.Fatalf("first run: %v", err)
	}
	if !interrupted || otherErr != nil {
		t.Fatalf("the other run did not run in between (ran=%v, err=%v)", interrupted, otherErr)
	}
	db := open()
	if got := logRows(t, db); len(got) != 3 || got["a1"] != 1 || got["b1"] != 1 || got["c1"] != 1 {
		t.Errorf("step_log = %v, want each step once", got)
	}
	if got := heads(t, first); !slices.Equal(got, []string{"m1"}) {
		t.Errorf("heads = %v, want [m1]", got)
	}
}
