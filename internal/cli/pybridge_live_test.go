package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/dbtest"
)

// bridgePython is the interpreter the bridge tests run: Debian's, which
// has SQLAlchemy and Alembic.
const bridgePython = "/usr/bin/python3"

func needAlembicPython(t *testing.T) {
	t.Helper()
	if err := exec.Command(bridgePython, "-c", "import sqlalchemy, alembic").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s cannot import SQLAlchemy and Alembic (%v), and CI=true: the Python bridge tests must run in CI", bridgePython, err)
		}
		t.Skipf("%s cannot import SQLAlchemy and Alembic: %v", bridgePython, err)
	}
}

// copyTree copies the fixture directory src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// bridgeDatabase is one of the real databases the bridge tests run on;
// transactional says whether a failed step's DDL is rolled back.
type bridgeDatabase struct {
	name          string
	open          func(testing.TB) (*sql.DB, string)
	transactional bool
}

func bridgeDatabases() []bridgeDatabase {
	return []bridgeDatabase{
		{"sqlite", dbtest.SQLite, true},
		{"postgres", dbtest.Postgres, true},
		{"mysql", dbtest.MySQL, false},
	}
}

// TestPythonBridge_LiveDatabases runs scripts the embedded interpreter
// cannot run (an ORM class and the app's own import, a helper class with
// sa.inspect) under the project's Python, next to one that runs embedded,
// on each real database: the rows the scripts wrote are there, each
// Python script is announced, a failing statement under Python names the
// script and line and leaves the last committed state, and downgrade base
// removes everything.
func TestPythonBridge_LiveDatabases(t *testing.T) {
	needAlembicPython(t)
	for _, tt := range bridgeDatabases() {
		t.Run(tt.name, func(t *testing.T) {
			db, dbURL := tt.open(t)
			dir := t.TempDir()
			copyTree(t, filepath.Join("testdata", "pybridge"), dir)
			ini := filepath.Join(dir, "alembic.ini")
			conf := "[alembic]\nscript_location = %(here)s/migrations\nprepend_sys_path = " + dir + "\npython = " + bridgePython +
				"\nsqlalchemy.url = " + strings.ReplaceAll(dbURL, "%", "%%") + "\n"
			if err := os.WriteFile(ini, []byte(conf), 0o644); err != nil {
				t.Fatal(err)
			}
			retort := func(args ...string) (int, string, string) {
				t.Helper()
				var stdout, stderr bytes.Buffer
				code := run(context.Background(), append([]string{"-c", ini}, args...), &stdout, &stderr, func(string) string { return "" })
				return code, stdout.String(), stderr.String()
			}

			code, stdout, stderr := retort("upgrade", "head")
			if code != exitOK {
				t.Fatalf("upgrade head: exit %d\n%s%s", code, stdout, stderr)
			}
			for _, want := range []string{"retort: running a1 under Python: ", "retort: running c3 under Python: the special method __call__ (in class Renamer) at line 16\n"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("upgrade stderr lacks %q:\n%s", want, stderr)
				}
			}
			if strings.Contains(stderr, "running b2 under Python") {
				t.Errorf("b2 runs on the embedded interpreter, but stderr says Python:\n%s", stderr)
			}
			if stdout != "renamed 2 rows\n" {
				t.Errorf("upgrade stdout = %q, want the script's print", stdout)
			}
			if got := queryRows(t, db, "SELECT id, name, rank FROM status ORDER BY id"); got != "1|new-v2|10\n2|done-v2|20\n" {
				t.Errorf("status rows = %q", got)
			}
			if _, stdout, _ = retort("current"); stdout != "c3 (head)\n" {
				t.Errorf("current = %q, want c3 (head)", stdout)
			}

			// A statement failing under Python: the message names the
			// script's line and the statement; the state stays at c3.
			broken, err := os.ReadFile(filepath.Join(dir, "d4_broken.py"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "migrations", "versions", "d4_broken.py"), broken, 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr = retort("upgrade", "head")
			if code == exitOK {
				t.Fatalf("upgrade to the broken d4 succeeded:\n%s", stderr)
			}
			if !strings.Contains(stderr, "d4_broken.py:20: ") || !strings.Contains(stderr, "INSERT INTO no_such_table VALUES (1)") {
				t.Errorf("failure does not name d4_broken.py:20 and the statement:\n%s", stderr)
			}
			if strings.Contains(stderr, "Traceback") || strings.Contains(stderr, "sqlalche.me") {
				t.Errorf("failure shows Python's internals:\n%s", stderr)
			}
			if _, stdout, _ = retort("current"); stdout != "c3\n" {
				t.Errorf("current after the failure = %q, want c3", stdout)
			}
			if tt.transactional && tableExists(t, db, "scratch") {
				t.Errorf("table scratch survived the failed step's rollback")
			}
			os.Remove(filepath.Join(dir, "migrations", "versions", "d4_broken.py"))
			if !tt.transactional {
				db.Exec("DROP TABLE scratch")
			}

			if code, stdout, stderr = retort("downgrade", "base"); code != exitOK {
				t.Fatalf("downgrade base: exit %d\n%s%s", code, stdout, stderr)
			}
			if tableExists(t, db, "status") {
				t.Errorf("table status survived downgrade base")
			}
		})
	}
}

func queryRows(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
		}
		b.WriteString(strings.Join(parts, "|") + "\n")
	}
	return b.String()
}

func tableExists(t *testing.T, db *sql.DB, name string) bool {
	t.Helper()
	_, err := db.Exec("SELECT 1 FROM " + name + " WHERE 1 = 0")
	return err == nil
}

// TestPythonBridge_AutocommitPostgres runs, under python_scripts = always,
// a script whose ALTER TYPE ... ADD VALUE must run outside a transaction
// (op.get_context().autocommit_block()) and which then uses the new value
// and reads it back: the block commits and resumes retort's transaction.
func TestPythonBridge_AutocommitPostgres(t *testing.T) {
	needAlembicPython(t)
	db, dbURL := dbtest.Postgres(t)
	dir := t.TempDir()
	copyTree(t, filepath.Join("testdata", "pybridge_pg"), dir)
	ini := filepath.Join(dir, "alembic.ini")
	conf := "[alembic]\nscript_location = %(here)s/migrations\npython_scripts = always\npython = " + bridgePython +
		"\nsqlalchemy.url = " + strings.ReplaceAll(dbURL, "%", "%%") + "\n"
	if err := os.WriteFile(ini, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"upgrade", "head"}, {"downgrade", "base"}, {"upgrade", "head"}} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), append([]string{"-c", ini}, args...), &stdout, &stderr, func(string) string { return "" }); code != exitOK {
			t.Fatalf("retort %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
		if args[0] == "upgrade" && stdout.String() != "b\n" {
			t.Errorf("upgrade printed %q, want the row's new enum value b", stdout.String())
		}
	}
	if got := queryRows(t, db, "SELECT id, m FROM t"); got != "1|b\n" {
		t.Errorf("rows of t = %q", got)
	}
	if got := queryRows(t, db, "SELECT enumlabel FROM pg_enum JOIN pg_type ON pg_type.oid = enumtypid WHERE typname = 'mood' ORDER BY enumsortorder"); got != "a\nb\n" {
		t.Errorf("labels of mood = %q", got)
	}
}

// TestConnectionCommit_Postgres: a script's connection.commit() (SQLAlchemy
// 2.0's) commits the migration's transaction and the step goes on in a new
// one, so a value added to an enum can be used after it, as under Alembic.
func TestConnectionCommit_Postgres(t *testing.T) {
	db, dbURL := dbtest.Postgres(t)
	ini := writeProject(t)
	dir := filepath.Dir(ini)
	conf := "[alembic]\nscript_location = %(here)s/migrations\npython_scripts = never\nsqlalchemy.url = " + strings.ReplaceAll(dbURL, "%", "%%") + "\n"
	script := "\"\"\"enum\"\"\"\nfrom alembic import op\n\nrevision = 'a1b2c3d4'\ndown_revision = None\n\n\ndef upgrade():\n" +
		"    op.execute(\"CREATE TYPE m2 AS ENUM ('a')\")\n    op.execute(\"ALTER TYPE m2 ADD VALUE 'b'\")\n    op.get_bind().commit()\n" +
		"    op.execute(\"CREATE TABLE t2 (m m2 DEFAULT 'b')\")\n\n\ndef downgrade():\n    op.execute('DROP TABLE t2')\n    op.execute('DROP TYPE m2')\n"
	if err := os.WriteFile(ini, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "migrations", "versions", "a1b2c3d4_first.py"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-c", ini, "upgrade", "head"}, &stdout, &stderr, func(string) string { return "" }); code != exitOK {
		t.Fatalf("upgrade head: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if got := queryRows(t, db, "SELECT column_default FROM information_schema.columns WHERE table_name = 't2'"); got != "'b'::m2\n" {
		t.Errorf("default of t2.m = %q", got)
	}
}

// TestPythonBridge_RerunAfterEffects: a script the embedded interpreter
// gives up on half-way (a correlated scalar subquery as an UPDATE value,
// after an ADD COLUMN) runs again under Python where the database rolled
// the step back (SQLite, PostgreSQL): the run starts again, says so, and
// the rows are the subquery's. On MySQL the ADD COLUMN has committed
// itself, so nothing runs again: the embedded interpreter's error stands
// and the version table stays at the step before.
func TestPythonBridge_RerunAfterEffects(t *testing.T) {
	needAlembicPython(t)
	const base = `revision = 'a1'
down_revision = None
from alembic import op
import sqlalchemy as sa


def upgrade():
    op.create_table('commentset', sa.Column('id', sa.Integer, primary_key=True))
    op.create_table('comment', sa.Column('id', sa.Integer, primary_key=True),
                    sa.Column('commentset_id', sa.Integer), sa.Column('created_at', sa.Integer))
    op.execute("INSERT INTO commentset (id) VALUES (1), (2)")
    op.execute("INSERT INTO comment (id, commentset_id, created_at) VALUES (1, 1, 10), (2, 1, 30), (3, 2, 20)")


def downgrade():
    op.drop_table('comment')
    op.drop_table('commentset')
`
	const last = `revision = 'b2'
down_revision = 'a1'
from alembic import op
import sqlalchemy as sa

commentset = sa.table('commentset', sa.column('id'), sa.column('last_comment_at'))
comment = sa.table('comment', sa.column('commentset_id'), sa.column('created_at'))


def upgrade():
    op.add_column('commentset', sa.Column('last_comment_at', sa.Integer(), nullable=True))
    op.execute(commentset.update().values(
        last_comment_at=sa.select(sa.func.max(comment.c.created_at)).where(
            comment.c.commentset_id == commentset.c.id).scalar_subquery()))


def downgrade():
    op.drop_column('commentset', 'last_comment_at')
`
	for _, tt := range bridgeDatabases() {
		t.Run(tt.name, func(t *testing.T) {
			db, dbURL := tt.open(t)
			dir := t.TempDir()
			versions := filepath.Join(dir, "migrations", "versions")
			if err := os.MkdirAll(versions, 0o755); err != nil {
				t.Fatal(err)
			}
			files := map[string]string{
				filepath.Join(versions, "a1_base.py"): base,
				filepath.Join(versions, "b2_last.py"): last,
				filepath.Join(dir, "alembic.ini"): "[alembic]\nscript_location = %(here)s/migrations\npython = " + bridgePython +
					"\nsqlalchemy.url = " + strings.ReplaceAll(dbURL, "%", "%%") + "\n",
			}
			for path, text := range files {
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			retort := func(args ...string) (int, string, string) {
				t.Helper()
				var stdout, stderr bytes.Buffer
				code := run(context.Background(), append([]string{"-c", filepath.Join(dir, "alembic.ini")}, args...), &stdout, &stderr, func(string) string { return "" })
				return code, stdout.String(), stderr.String()
			}
			code, stdout, stderr := retort("upgrade", "head")
			const notice = "retort: running b2 under Python: the embedded interpreter stopped at line 14 "
			if !tt.transactional { // no rollback, so no rerun
				if code == exitOK || strings.Contains(stderr, notice) {
					t.Fatalf("upgrade head: exit %d, want the embedded error and no rerun\n%s", code, stderr)
				}
				if !strings.Contains(stderr, "b2_last.py:14:") || !strings.Contains(stderr, "another table (commentset.id)") {
					t.Errorf("stderr does not name the script's line and what stopped it:\n%s", stderr)
				}
				if _, stdout, _ = retort("current"); stdout != "a1\n" {
					t.Errorf("current = %q, want a1", stdout)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("upgrade head: exit %d\n%s%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, notice) || !strings.Contains(stderr, "the run was rolled back and starts again\n") {
				t.Errorf("stderr lacks the rerun notice:\n%s", stderr)
			}
			if got := queryRows(t, db, "SELECT id, last_comment_at FROM commentset ORDER BY id"); got != "1|30\n2|20\n" {
				t.Errorf("commentset rows = %q, want the latest comment of each", got)
			}
			if got := queryRows(t, db, "SELECT revision FROM retort_history ORDER BY id"); got != "a1\nb2\n" {
				t.Errorf("history = %q, want one row a step", got)
			}
		})
	}
}
