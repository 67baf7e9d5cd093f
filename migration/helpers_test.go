package migration_test

import (
	"context"
	"database/sql"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/revision"
)

// backend is one database kind the tests run against.
type backend struct {
	name    string
	dialect func() dialect.Dialect
	// open returns a fresh database and a function that opens another
	// *sql.DB on the same database (a second "process").
	open func(t testing.TB) (*sql.DB, func() *sql.DB)
}

func backends() []backend {
	return []backend{
		{"sqlite", func() dialect.Dialect { return sqlite.New() }, func(t testing.TB) (*sql.DB, func() *sql.DB) {
			db, u := dbtest.SQLite(t)
			path := strings.TrimPrefix(u, "sqlite:///")
			return db, func() *sql.DB { return reopen(t, "sqlite", dbtest.SQLiteDSN(path)) }
		}},
		{"postgresql", func() dialect.Dialect { return postgres.New() }, func(t testing.TB) (*sql.DB, func() *sql.DB) {
			db, u := dbtest.Postgres(t)
			return db, func() *sql.DB { return reopen(t, "pgx", u) }
		}},
		{"mariadb", func() dialect.Dialect { return mysql.NewMariaDB() }, func(t testing.TB) (*sql.DB, func() *sql.DB) {
			db, u := dbtest.MySQL(t)
			parsed, err := url.Parse(u)
			if err != nil {
				t.Fatal(err)
			}
			return db, func() *sql.DB { return reopen(t, "mysql", dbtest.MySQLDSN(parsed)) }
		}},
	}
}

func reopen(t testing.TB, driver, dsn string) *sql.DB {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// script is a revision with its upgrade and downgrade bodies.
type script struct {
	id, message string
	down        []string
	up, dn      migration.StepFunc
}

func exec(sqls ...string) migration.StepFunc {
	return func(ctx context.Context, sink ops.Sink) error {
		for _, s := range sqls {
			if err := sink.Invoke(ctx, &ops.Execute{SQL: s}); err != nil {
				return err
			}
		}
		return nil
	}
}

// project is a revision graph plus the step bodies of each revision.
type project struct {
	m       *revision.Map
	scripts map[string]script
}

func newProject(t testing.TB, scripts ...script) *project {
	t.Helper()
	p := &project{scripts: map[string]script{}}
	var revs []*revision.Revision
	for _, s := range scripts {
		revs = append(revs, &revision.Revision{ID: s.id, DownRevisions: s.down, Path: "versions/" + s.id + ".py", Doc: s.message})
		p.scripts[s.id] = s
	}
	m, err := revision.New(revs)
	if err != nil {
		t.Fatalf("revision.New: %v", err)
	}
	p.m = m
	return p
}

// branched is the graph a1 -> (b1, c1) -> m1: each revision creates its own
// table t_<id> and records itself in step_log (created by a1).
func branched(t testing.TB) *project {
	body := func(id string) (migration.StepFunc, migration.StepFunc) {
		return exec("CREATE TABLE t_"+id+" (id INTEGER)", "INSERT INTO step_log (rev) VALUES ('"+id+"')"),
			exec("DROP TABLE t_"+id, "DELETE FROM step_log WHERE rev = '"+id+"'")
	}
	a1u, a1d := body("a1")
	b1u, b1d := body("b1")
	c1u, c1d := body("c1")
	return newProject(t,
		script{id: "a1", message: "create t1",
			up: func(ctx context.Context, sink ops.Sink) error {
				if err := exec("CREATE TABLE step_log (rev VARCHAR(32))")(ctx, sink); err != nil {
					return err
				}
				return a1u(ctx, sink)
			},
			dn: func(ctx context.Context, sink ops.Sink) error {
				if err := a1d(ctx, sink); err != nil {
					return err
				}
				return exec("DROP TABLE step_log")(ctx, sink)
			}},
		script{id: "b1", message: "branch b", down: []string{"a1"}, up: b1u, dn: b1d},
		script{id: "c1", message: "branch c", down: []string{"a1"}, up: c1u, dn: c1d},
		script{id: "m1", message: "merge", down: []string{"b1", "c1"}},
	)
}

func (p *project) planned(steps []revision.Step) []migration.PlannedStep {
	out := make([]migration.PlannedStep, len(steps))
	for i, st := range steps {
		s := p.scripts[st.Revision.ID]
		run := s.up
		if !st.Up {
			run = s.dn
		}
		out[i] = migration.PlannedStep{Step: st, Run: run, Path: st.Revision.Path, Message: s.message}
	}
	return out
}

// upgrade and downgrade are the plan functions the command layer builds.
func (p *project) upgrade(target string) func([]string) ([]migration.PlannedStep, error) {
	return func(current []string) ([]migration.PlannedStep, error) {
		steps, err := p.m.Upgrade(current, target)
		if err != nil {
			return nil, err
		}
		return p.planned(steps), nil
	}
}

func (p *project) downgrade(target string) func([]string) ([]migration.PlannedStep, error) {
	return func(current []string) ([]migration.PlannedStep, error) {
		steps, err := p.m.Downgrade(current, target)
		if err != nil {
			return nil, err
		}
		return p.planned(steps), nil
	}
}

// fixed is a plan of the given revisions in the given order.
func (p *project) fixed(up bool, ids ...string) func([]string) ([]migration.PlannedStep, error) {
	var steps []revision.Step
	for _, id := range ids {
		r, err := p.m.Get(id)
		if err != nil {
			panic(err)
		}
		steps = append(steps, revision.Step{Revision: r, Up: up})
	}
	return migration.Plan{Steps: p.planned(steps)}.Func()
}

func heads(t testing.TB, c *migration.Context) []string {
	t.Helper()
	h, err := c.Heads(context.Background())
	if err != nil {
		t.Fatalf("Heads: %v", err)
	}
	slices.Sort(h)
	return h
}

func tableExists(db *sql.DB, name string) bool {
	rows, err := db.Query("SELECT 1 FROM " + name + " WHERE 1 = 0")
	if err != nil {
		return false
	}
	rows.Close()
	return true
}

func existing(db *sql.DB, names ...string) []string {
	var out []string
	for _, n := range names {
		if tableExists(db, n) {
			out = append(out, n)
		}
	}
	return out
}

func newContext(t testing.TB, d dialect.Dialect, db *sql.DB, opts migration.Options) *migration.Context {
	t.Helper()
	c, err := migration.New(d, db, nil, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}
