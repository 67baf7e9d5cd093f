package difftest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/cli"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/sqlfile"
)

var root = func() string { p, _ := filepath.Abs("../.."); return p }()

// projects are the runtime projects record.sh ran Alembic on.
var projects = map[string]string{
	"demo":    filepath.Join(root, "examples", "demo"),
	"kitchen": filepath.Join(root, "testdata", "runtime", "projects", "kitchen"),
	// realworld: what public projects' scripts do, r3 under the project's Python.
	"realworld": filepath.Join(root, "testdata", "runtime", "projects", "realworld"),
}

// offlineURLs are the URLs record.sh used for --sql runs.
var offlineURLs = map[string]string{
	"postgresql": "postgresql://scott@localhost/test",
	"mysql":      "mysql://scott@localhost/test",
	"sqlite":     "sqlite:///offline.db",
}

var urlLine = regexp.MustCompile(`(?m)^sqlalchemy\.url = .*$`)

// copyProject copies a project into a temporary directory with its URL
// replaced and retort's audit trail turned off (Alembic keeps none, and
// the goldens are Alembic's), and returns the path of its alembic.ini.
func copyProject(t *testing.T, src, url string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "alembic.ini" {
			data = urlLine.ReplaceAll(data, []byte("sqlalchemy.url = "+url+"\nhistory_table = false"))
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dst, "alembic.ini")
}

func retort(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := cli.Main(args, &stdout, &stderr); code != 0 {
		t.Fatalf("retort %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// dump runs each query of a dump file and returns its rows, one per line,
// formatted as the command-line clients print single-column results.
func dump(t *testing.T, db *sql.DB, dialect, file string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, q := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		rows, err := db.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var v sql.NullString
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			switch {
			case v.Valid:
				out.WriteString(v.String)
			case dialect == "mysql":
				out.WriteString("NULL")
			}
			out.WriteString("\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out.String()
}

func compareGolden(t *testing.T, what, golden, got string) {
	t.Helper()
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from Alembic's (%s):\n%s", what, golden, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only one side has, in order, marked - (Alembic) and + (retort).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	inW, inG := map[string]int{}, map[string]int{}
	for _, l := range w {
		inW[l]++
	}
	for _, l := range g {
		inG[l]++
	}
	var b strings.Builder
	for _, l := range w {
		if inG[l] == 0 {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range g {
		if inW[l] == 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	if b.Len() == 0 {
		b.WriteString("(same lines, different order)\n--- alembic\n" + want + "--- retort\n" + got)
	}
	return b.String()
}

var openers = map[string]func(testing.TB) (*sql.DB, string){
	"postgresql": dbtest.Postgres,
	"mysql":      dbtest.MySQL,
	"sqlite":     dbtest.SQLite,
}

// TestOnlineMatchesAlembic upgrades each project to head on a fresh database
// of each dialect and compares the schema, version rows and data with what
// Alembic left; then downgrades to base and compares again.
func TestOnlineMatchesAlembic(t *testing.T) {
	for name, dir := range projects {
		for _, dialect := range []string{"postgresql", "mysql", "sqlite"} {
			t.Run(name+"/"+dialect, func(t *testing.T) {
				golden := filepath.Join(root, "testdata", "runtime", "golden", name, dialect)
				db, url := openers[dialect](t)
				ini := copyProject(t, dir, url)
				retort(t, "-q", "-c", ini, "upgrade", "head")
				dumpFile := filepath.Join(root, "testdata", "runtime", "dump", dialect+".sql")
				got := dump(t, db, dialect, dumpFile) + dump(t, db, dialect, filepath.Join(dir, "check.sql"))
				compareGolden(t, "schema after upgrade head", filepath.Join(golden, "schema-head.txt"), got)
				retort(t, "-q", "-c", ini, "downgrade", "base")
				compareGolden(t, "schema after downgrade base", filepath.Join(golden, "schema-base.txt"), dump(t, db, dialect, dumpFile))
			})
		}
	}
}

// TestOfflineMatchesAlembic compares `upgrade head --sql` and
// `downgrade head:base --sql` with Alembic's output, where Alembic produced one.
func TestOfflineMatchesAlembic(t *testing.T) {
	for name, dir := range projects {
		for dialect, url := range offlineURLs {
			golden := filepath.Join(root, "testdata", "runtime", "golden", name, dialect)
			for file, args := range map[string][]string{
				"upgrade.sql":   {"upgrade", "head", "--sql"},
				"downgrade.sql": {"downgrade", "head:base", "--sql"},
			} {
				if _, err := os.Stat(filepath.Join(golden, file)); err != nil {
					continue // Alembic could not run this one offline (SQLite batch without copy_from)
				}
				t.Run(name+"/"+dialect+"/"+file, func(t *testing.T) {
					ini := copyProject(t, dir, url)
					got := retort(t, append([]string{"-c", ini}, args...)...)
					if dialect == "sqlite" {
						// The one deliberate difference: retort's SQLite is
						// transactional, Alembic's pysqlite impl is not.
						got = strings.TrimPrefix(got, "BEGIN;\n\n")
						got = strings.Replace(got, "\nCOMMIT;\n\n", "\n", 1)
						got = strings.TrimSuffix(got, "\n") + "\n"
					}
					compareGolden(t, "offline SQL", filepath.Join(golden, file), got)
				})
			}
		}
	}
}

// TestOfflineScriptBuildsTheOnlineSchema applies the output of
// `upgrade head --sql` to a fresh database and checks that it leaves the same
// schema, version rows and data as the online run did (Alembic's recorded
// schema-head.txt). SQLite is left out: both projects use batch mode, which
// needs a live connection on SQLite.
func TestOfflineScriptBuildsTheOnlineSchema(t *testing.T) {
	for name, dir := range projects {
		for _, dialect := range []string{"postgresql", "mysql"} {
			t.Run(name+"/"+dialect, func(t *testing.T) {
				db, url := openers[dialect](t)
				script := retort(t, "-q", "-c", copyProject(t, dir, url), "upgrade", "head", "--sql")
				stmts, err := sqlfile.Split(script, dialect)
				if err != nil {
					t.Fatal(err)
				}
				conn, err := db.Conn(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				for _, s := range stmts {
					if _, err := conn.ExecContext(context.Background(), s.SQL); err != nil {
						t.Fatalf("line %d: %s: %v", s.Line, s.SQL, err)
					}
				}
				golden := filepath.Join(root, "testdata", "runtime", "golden", name, dialect, "schema-head.txt")
				dumpFile := filepath.Join(root, "testdata", "runtime", "dump", dialect+".sql")
				got := dump(t, db, dialect, dumpFile) + dump(t, db, dialect, filepath.Join(dir, "check.sql"))
				compareGolden(t, "schema built by the offline script", golden, got)
			})
		}
	}
}
