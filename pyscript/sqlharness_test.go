package pyscript_test

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/revision"
)

// header is the top of every test script, as `alembic revision` writes it.
const header = "from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import postgresql\n\n" +
	"revision = 'a1'\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"

// fullScript wraps an upgrade body (lines without indentation) in a script.
func fullScript(body string) string {
	lines := strings.Split(strings.Trim(body, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return header + strings.Join(lines, "\n") + "\n\n\ndef downgrade():\n    pass\n"
}

// moduleScript puts module code that has its own upgrade() under the
// header's imports and revision identifiers, as record.sh does.
func moduleScript(code string) string {
	return strings.TrimSuffix(header, "def upgrade():\n") + code + "\n\ndef downgrade():\n    pass\n"
}

func dialectNamed(name string) dialect.Dialect {
	switch name {
	case "sqlite":
		return sqlite.New()
	case "mysql":
		return mysql.New()
	}
	return postgres.New()
}

// oneStep is a plan of the single revision a1 running the script's upgrade.
func oneStep(t *testing.T, src string) (*revision.Map, func([]string) ([]migration.PlannedStep, error)) {
	t.Helper()
	s, err := pyscript.Compile("versions/a1_x.py", []byte(src))
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	m, err := revision.New([]*revision.Revision{{ID: "a1", Path: "versions/a1_x.py"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Get("a1")
	if err != nil {
		t.Fatal(err)
	}
	run := func(ctx context.Context, sink ops.Sink) error { return s.Upgrade(ctx, sink, pyscript.Env{}) }
	return m, migration.Plan{Steps: []migration.PlannedStep{{Step: revision.Step{Revision: r, Up: true}, Run: run}}}.Func()
}

// offlineSQL runs the upgrade body with --sql on the dialect and returns the
// statements of the step: what Alembic prints between "Running upgrade"
// and the version table's INSERT.
func offlineSQL(t *testing.T, dialectName, body string) (string, error) {
	t.Helper()
	return offlineScriptSQL(t, dialectName, fullScript(body))
}

// offlineScriptSQL is offlineSQL for a whole script.
func offlineScriptSQL(t *testing.T, dialectName, src string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	c, err := migration.New(dialectNamed(dialectName), nil, &out, migration.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, plan := oneStep(t, src)
	if err := c.RunOffline(context.Background(), m, nil, plan); err != nil {
		return "", err
	}
	return stepSQL(t, out.String()), nil
}

// stepSQL cuts the step's statements out of a whole --sql output.
func stepSQL(t *testing.T, all string) string {
	t.Helper()
	_, rest, ok := strings.Cut(all, "-- Running upgrade  -> a1\n\n")
	if !ok {
		t.Fatalf("no Running upgrade line in\n%s", all)
	}
	i := strings.Index(rest, "INSERT INTO alembic_version")
	if i < 0 {
		t.Fatalf("no version INSERT in\n%s", all)
	}
	return rest[:i]
}

// openDB gives a fresh database of the dialect.
func openDB(t *testing.T, dialectName string) *sql.DB {
	t.Helper()
	switch dialectName {
	case "sqlite":
		db, _ := dbtest.SQLite(t)
		return db
	case "mysql":
		db, _ := dbtest.MySQL(t)
		return db
	}
	db, _ := dbtest.Postgres(t)
	return db
}

// onlineRun runs the setup SQL and then the upgrade body on db.
func onlineRun(t *testing.T, dialectName string, db *sql.DB, body string) error {
	t.Helper()
	c, err := migration.New(dialectNamed(dialectName), db, nil, migration.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, plan := oneStep(t, fullScript(body))
	return c.Run(context.Background(), m, plan)
}

// mustExec runs setup statements.
func mustExec(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// queryStrings returns the first column of every row as text.
func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return out
}
