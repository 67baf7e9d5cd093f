package e2e

// Seed-guide tests: retort was specified from four Alembic guides kept in
// /work/shared/seeds (a Cognee how-to, a project's "Managing Alembic" page,
// a SQLAlchemy/Alembic tutorial and the Zyeta backend's migration guide).
// Each test below walks through one guide the way its reader would: in a
// project directory, running `retort` where the guide runs `alembic`, editing
// the generated files by hand, and checking what the guide says to check
// (command output, the tables, the alembic_version rows).

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// seedProject is the directory a guide's reader works in; retort runs there
// as a separate process, like `alembic` run from the project root.
type seedProject struct {
	t   *testing.T
	dir string
	// env holds extra KEY=VALUE entries for every process.
	env []string
}

// run starts retort in the project directory. RETORT_URL and DATABASE_URL
// from the test's own environment are removed so that only what a test
// sets decides which database is used.
func (p *seedProject) run(args ...string) result {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = p.dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "RETORT_URL=") && !strings.HasPrefix(kv, "DATABASE_URL=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	// The project's Python is Debian's, which has SQLAlchemy (.ci/run
	// installs it); a python3 earlier on PATH may not.
	cmd.Env = append(cmd.Env, "RETORT_PYTHON=/usr/bin/python3")
	cmd.Env = append(cmd.Env, p.env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			p.t.Fatalf("retort %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return result{code, stdout.String(), stderr.String()}
}

func (p *seedProject) mustRun(args ...string) result {
	p.t.Helper()
	r := p.run(args...)
	if r.code != 0 {
		p.t.Fatalf("retort %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	noStackTrace(p.t, r)
	return r
}

// mustFail runs a command that must be refused with a message containing
// every one of want (case-insensitive), and no stack trace.
func (p *seedProject) mustFail(args []string, want ...string) result {
	p.t.Helper()
	r := p.run(args...)
	if r.code == 0 {
		p.t.Fatalf("retort %s succeeded, want an error\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.stdout, r.stderr)
	}
	noStackTrace(p.t, r)
	msg := strings.ToLower(r.stdout + r.stderr)
	for _, w := range want {
		if !strings.Contains(msg, strings.ToLower(w)) {
			p.t.Errorf("retort %s: output lacks %q:\nstdout: %s\nstderr: %s", strings.Join(args, " "), w, r.stdout, r.stderr)
		}
	}
	return r
}

func (p *seedProject) path(rel string) string { return filepath.Join(p.dir, filepath.FromSlash(rel)) }

// newSeedProject runs `retort init alembic` in a new directory, as every guide
// starts, and points sqlalchemy.url at url (left empty when url is "").
func newSeedProject(t *testing.T, url string) *seedProject {
	t.Helper()
	p := &seedProject{t: t, dir: t.TempDir()}
	p.mustRun("init", "alembic")
	p.setURL(url)
	return p
}

var seedURLLine = regexp.MustCompile(`(?m)^sqlalchemy\.url\s*=.*$`)

// setURL edits the sqlalchemy.url line of alembic.ini, the way the
// tutorial's reader does ("sqlalchemy.url = postgresql://scott:tiger@...").
func (p *seedProject) setURL(url string) {
	p.t.Helper()
	ini := p.path("alembic.ini")
	src, err := os.ReadFile(ini)
	if err != nil {
		p.t.Fatal(err)
	}
	if !seedURLLine.Match(src) {
		p.t.Fatalf("alembic.ini written by init has no sqlalchemy.url line:\n%s", src)
	}
	// ConfigParser interpolation: a literal % is written %%.
	line := strings.TrimSpace("sqlalchemy.url = " + strings.ReplaceAll(url, "%", "%%"))
	write(p.t, ini, seedURLLine.ReplaceAllLiteralString(string(src), line))
}

var (
	seedGeneratedLine = regexp.MustCompile(`(?m)^Generating (.+) \.\.\.  done$`)
	seedRevisionLine  = regexp.MustCompile(`(?m)^revision(?:: str)? = ['"]([^'"]+)['"]`)
)

// newRevision runs `retort revision -m message` and returns the new
// revision's id and file, as printed on stdout and written in the file.
func (p *seedProject) newRevision(message string) (id, path string) {
	p.t.Helper()
	r := p.mustRun("revision", "-m", message)
	m := seedGeneratedLine.FindStringSubmatch(r.stdout)
	if m == nil {
		p.t.Fatalf("revision -m %q: no \"Generating <file> ...  done\" line on stdout:\n%s", message, r.stdout)
	}
	path = m[1]
	src, err := os.ReadFile(path)
	if err != nil {
		p.t.Fatalf("revision -m %q: the file it announced: %v", message, err)
	}
	id = seedSubmatch(p.t, seedRevisionLine, string(src), path)
	if !strings.Contains(filepath.Base(path), id) {
		p.t.Errorf("file name %s does not contain the revision id %s", filepath.Base(path), id)
	}
	if filepath.Dir(path) != p.path("alembic/versions") {
		p.t.Errorf("revision written to %s, want alembic/versions", path)
	}
	return id, path
}

func seedSubmatch(t *testing.T, re *regexp.Regexp, s, where string) string {
	t.Helper()
	m := re.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("%s: no match for %s in:\n%s", where, re, s)
	}
	return m[1]
}

// seedFillBodies replaces the `pass` bodies of a generated revision's upgrade()
// and downgrade() with the given lines, as a reader edits the file.
func seedFillBodies(t *testing.T, path string, upgrade, downgrade []string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	for _, fn := range []struct {
		name  string
		lines []string
	}{{"upgrade", upgrade}, {"downgrade", downgrade}} {
		stub := "def " + fn.name + "() -> None:\n    pass\n"
		if !strings.Contains(text, stub) {
			t.Fatalf("%s has no %q stub to fill:\n%s", path, stub, text)
		}
		text = strings.Replace(text, stub, "def "+fn.name+"() -> None:\n    "+strings.Join(fn.lines, "\n    ")+"\n", 1)
	}
	write(t, path, text)
}

// seedAddImport adds an import below the template's `import sqlalchemy as sa`,
// as a reader does when a migration uses postgresql.UUID.
func seedAddImport(t *testing.T, path, line string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const anchor = "import sqlalchemy as sa\n"
	if !strings.Contains(string(src), anchor) {
		t.Fatalf("%s has no %q line:\n%s", path, anchor, src)
	}
	write(t, path, strings.Replace(string(src), anchor, anchor+line+"\n", 1))
}

// versionFiles lists the files in alembic/versions.
func (p *seedProject) versionFiles() []string {
	p.t.Helper()
	entries, err := os.ReadDir(p.path("alembic/versions"))
	if err != nil {
		p.t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// seedColumns lists a table's column names in table order.
func seedColumns(t *testing.T, db *sql.DB, d dialectCase, table string) []string {
	t.Helper()
	switch d.name {
	case "postgresql":
		return queryStrings(t, db, fmt.Sprintf("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '%s' ORDER BY ordinal_position", table))
	case "mysql":
		return queryStrings(t, db, fmt.Sprintf("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '%s' ORDER BY ordinal_position", table))
	default:
		return queryStrings(t, db, fmt.Sprintf("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table))
	}
}

// seedColumn describes one column as "<length>,<NULL|NOT NULL>", e.g.
// "100,NOT NULL" for a VARCHAR(100) NOT NULL.
func seedColumn(t *testing.T, db *sql.DB, d dialectCase, table, name string) string {
	t.Helper()
	var q string
	switch d.name {
	case "postgresql":
		q = fmt.Sprintf("SELECT character_maximum_length::text || ',' || CASE is_nullable WHEN 'YES' THEN 'NULL' ELSE 'NOT NULL' END FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '%s' AND column_name = '%s'", table, name)
	case "mysql":
		q = fmt.Sprintf("SELECT CONCAT(character_maximum_length, ',', CASE is_nullable WHEN 'YES' THEN 'NULL' ELSE 'NOT NULL' END) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '%s' AND column_name = '%s'", table, name)
	default:
		q = fmt.Sprintf("SELECT substr(type, instr(type, '(') + 1, length(type) - instr(type, '(') - 1) || ',' || CASE \"notnull\" WHEN 0 THEN 'NULL' ELSE 'NOT NULL' END FROM pragma_table_info('%s') WHERE name = '%s'", table, name)
	}
	got := queryStrings(t, db, q)
	if len(got) != 1 {
		t.Fatalf("column %s.%s: found %d", table, name, len(got))
	}
	return got[0]
}

// seedWantLines fails unless every line appears as a whole line of out.
func seedWantLines(t *testing.T, what, out string, lines ...string) {
	t.Helper()
	have := strings.Split(out, "\n")
	for _, l := range lines {
		if !slices.Contains(have, l) {
			t.Errorf("%s lacks the line %q:\n%s", what, l, out)
		}
	}
}

// seedNoLineContains fails when out contains s anywhere.
func seedNoLineContains(t *testing.T, what, out, s string) {
	t.Helper()
	if strings.Contains(out, s) {
		t.Errorf("%s unexpectedly contains %q:\n%s", what, s, out)
	}
}

// seedEqual fails unless got and want hold the same strings in order.
func seedEqual(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// seedUniquePrefix returns the shortest prefix (at least minLen characters)
// of id that no other id starts with: the "partial number" the tutorial types.
func seedUniquePrefix(id string, minLen int, others ...string) string {
	for n := minLen; n < len(id); n++ {
		clash := false
		for _, o := range others {
			if o != id && strings.HasPrefix(o, id[:n]) {
				clash = true
			}
		}
		if !clash {
			return id[:n]
		}
	}
	return id
}

// seedLog starts every progress line retort writes to stderr, as Alembic's
// logging configuration does.
const seedLog = "INFO  [alembic.runtime.migration] "

// TestSeedManagingAlembicLayout follows the "Managing Alembic" page and
// the tutorial's first steps, which need no database: init, the directory
// structure, list_templates and revision file naming.
func TestSeedManagingAlembicLayout(t *testing.T) {
	p := &seedProject{t: t, dir: t.TempDir()}
	r := p.mustRun("init", "alembic")
	// Alembic's exact progress lines, in Alembic's order.
	want := strings.Join([]string{
		"Creating directory " + p.path("alembic") + " ...  done",
		"Creating directory " + p.path("alembic/versions") + " ...  done",
		"Generating " + p.path("alembic/script.py.mako") + " ...  done",
		"Generating " + p.path("alembic/README") + " ...  done",
		"Generating " + p.path("alembic/env.py") + " ...  done",
		"Generating " + p.path("alembic.ini") + " ...  done",
		"Please edit configuration/connection/logging settings in '" + p.path("alembic.ini") + "' before proceeding.",
	}, "\n") + "\n"
	if r.stdout != want {
		t.Errorf("init alembic printed:\n%s\nwant:\n%s", r.stdout, want)
	}

	// "The Alembic directory structure is as follows", plus alembic.ini at the root.
	var files []string
	err := filepath.WalkDir(p.dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || path == p.dir {
			return err
		}
		rel, _ := filepath.Rel(p.dir, path)
		if e.IsDir() {
			rel += "/"
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	seedEqual(t, "files after init", files, []string{"alembic.ini", "alembic/", "alembic/README", "alembic/env.py", "alembic/script.py.mako", "alembic/versions/"})
	ini, err := os.ReadFile(p.path("alembic.ini"))
	if err != nil {
		t.Fatal(err)
	}
	seedWantLines(t, "alembic.ini", string(ini), "[alembic]", "script_location = alembic")
	if !seedURLLine.Match(ini) {
		t.Errorf("alembic.ini has no sqlalchemy.url setting to edit:\n%s", ini)
	}

	// Running init twice must not overwrite the environment.
	envPy, _ := os.ReadFile(p.path("alembic/env.py"))
	p.mustFail([]string{"init", "alembic"}, "alembic", "already exists")
	if again, _ := os.ReadFile(p.path("alembic/env.py")); string(again) != string(envPy) {
		t.Errorf("a refused second init changed alembic/env.py")
	}

	// "Alembic has other templates based on project setup".
	lt := p.mustRun("list_templates")
	if !strings.HasPrefix(lt.stdout, "Available templates:\n\n") {
		t.Errorf("list_templates does not start with the heading:\n%s", lt.stdout)
	}
	seedWantLines(t, "list_templates", lt.stdout,
		"generic - Generic single-database configuration.",
		"multidb - Rudimentary multi-database configuration.",
		"Templates are used via the 'init' command, e.g.:")
	for _, tmpl := range []string{"generic", "multidb"} {
		q := &seedProject{t: t, dir: t.TempDir()}
		q.mustRun("init", "--template", tmpl, "./scripts")
		if _, err := os.Stat(q.path("scripts/script.py.mako")); err != nil {
			t.Errorf("init --template %s ./scripts: %v", tmpl, err)
		}
	}

	// "Each script is named with a unique identifier and a descriptive
	// name, e.g., 5c626978d652_create_user.py"; the page's own example
	// message is add_users_table.
	id1, path1 := p.newRevision("create user")
	if !regexp.MustCompile(`^[0-9a-f]{12}_create_user\.py$`).MatchString(filepath.Base(path1)) {
		t.Errorf("revision -m \"create user\" wrote %s, want <12 hex digits>_create_user.py", filepath.Base(path1))
	}
	id2, path2 := p.newRevision("add_users_table")
	if filepath.Base(path2) != id2+"_add_users_table.py" {
		t.Errorf("revision -m add_users_table wrote %s, want %s_add_users_table.py", filepath.Base(path2), id2)
	}
	src2, _ := os.ReadFile(path2)
	seedWantLines(t, filepath.Base(path2), string(src2), "Revises: "+id1, "down_revision = '"+id1+"'")
	hist := p.mustRun("history")
	if want := fmt.Sprintf("%s -> %s (head), add_users_table\n<base> -> %s, create user\n", id1, id2, id1); hist.stdout != want {
		t.Errorf("history printed:\n%s\nwant:\n%s", hist.stdout, want)
	}
	if heads := p.mustRun("heads"); heads.stdout != id2+" (head)\n" {
		t.Errorf("heads printed %q, want %q", heads.stdout, id2+" (head)\n")
	}
}

var seedCreateDateLine = regexp.MustCompile(`(?m)^Create Date: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})$`)

// seedVerboseEntry is one revision as `history --verbose` prints it: Alembic's
// layout, the docstring indented by four spaces.
func seedVerboseEntry(t *testing.T, id, marks, parent, path, message, revises string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	date := seedSubmatch(t, seedCreateDateLine, string(src), path)
	return fmt.Sprintf("Rev: %s%s\nParent: %s\nPath: %s\n\n    %s\n    \n    Revision ID: %s\n    Revises: %s\n    Create Date: %s\n\n",
		id, marks, parent, path, message, id, revises, date)
}

var seedContextImpl = map[string]string{"postgresql": "PostgresqlImpl", "mysql": "MySQLImpl", "sqlite": "SQLiteImpl"}

// TestSeedTutorial follows the SQLAlchemy/Alembic tutorial: create a
// migration environment, write the "create product table" and "Add a
// column" migrations into the generated files, and move the database up
// and down with head, base, full and partial ids and relative steps.
func TestSeedTutorial(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			db, url := d.open(t)
			p := newSeedProject(t, url)

			// "Create a Migration Script": the generated file is the template's.
			id1, path1 := p.newRevision("create product table")
			src1, _ := os.ReadFile(path1)
			if !strings.HasPrefix(string(src1), "\"\"\"create product table\n\nRevision ID: "+id1+"\nRevises: \nCreate Date: ") {
				t.Errorf("%s does not start with the message and header:\n%s", path1, src1)
			}
			seedWantLines(t, filepath.Base(path1), string(src1),
				"from alembic import op", "import sqlalchemy as sa", "# revision identifiers, used by Alembic.",
				"revision = '"+id1+"'", "down_revision = None", "branch_labels = None", "depends_on = None",
				"def upgrade() -> None:", "def downgrade() -> None:")
			seedFillBodies(t, path1, []string{
				"op.create_table(",
				"    'product',",
				"    sa.Column('id', sa.Integer, primary_key=True),",
				"    sa.Column('name', sa.String(50), nullable=False),",
				"    sa.Column('description', sa.Unicode(200)),",
				")",
			}, []string{"op.drop_table('product')"})

			// "Run to the most recent migration": alembic_version is created too.
			up := p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr,
				seedLog+"Context impl "+seedContextImpl[d.name]+".",
				seedLog+"Running upgrade  -> "+id1+", create product table")
			seedEqual(t, "tables", tables(t, db, d), []string{"alembic_version", "product", "retort_history"})
			seedEqual(t, "product columns", seedColumns(t, db, d, "product"), []string{"id", "name", "description"})
			seedEqual(t, "alembic_version", versions(t, db, d), []string{id1})

			// "Run to a specific version": already there, nothing runs.
			again := p.mustRun("upgrade", id1)
			seedNoLineContains(t, "upgrade "+id1+" at "+id1, again.stderr, "Running upgrade")

			// "Running the Second Migration".
			id2, path2 := p.newRevision("Add a column")
			src2, _ := os.ReadFile(path2)
			seedWantLines(t, filepath.Base(path2), string(src2), "Revises: "+id1, "down_revision = '"+id1+"'")
			seedFillBodies(t, path2,
				[]string{"op.add_column('product', sa.Column('last_modified_date', sa.DateTime))"},
				[]string{"op.drop_column('product', 'last_modified_date')"})

			// "A partial number can be used as long as the portion of the hash is unique".
			partial2 := seedUniquePrefix(id2, 3, id1)
			up = p.mustRun("upgrade", partial2)
			seedWantLines(t, "upgrade "+partial2+" stderr", up.stderr, seedLog+"Running upgrade "+id1+" -> "+id2+", Add a column")
			seedEqual(t, "product columns", seedColumns(t, db, d, "product"), []string{"id", "name", "description", "last_modified_date"})

			// "Getting Info".
			cur := p.mustRun("current")
			if cur.stdout != id2+" (head)\n" {
				t.Errorf("current printed %q, want %q", cur.stdout, id2+" (head)\n")
			}
			seedWantLines(t, "current stderr", cur.stderr, seedLog+"Context impl "+seedContextImpl[d.name]+".")
			if d.name == "postgresql" {
				seedWantLines(t, "current stderr", cur.stderr, seedLog+"Will assume transactional DDL.")
			}
			hist := p.mustRun("history")
			wantHist := fmt.Sprintf("%s -> %s (head), Add a column\n<base> -> %s, create product table\n", id1, id2, id1)
			if hist.stdout != wantHist {
				t.Errorf("history printed:\n%s\nwant:\n%s", hist.stdout, wantHist)
			}
			verbose := p.mustRun("history", "--verbose")
			wantVerbose := seedVerboseEntry(t, id2, " (head)", id1, path2, "Add a column", id1) +
				seedVerboseEntry(t, id1, "", "<base>", path1, "create product table", "")
			if verbose.stdout != wantVerbose {
				t.Errorf("history --verbose printed:\n%s\nwant:\n%s", verbose.stdout, wantVerbose)
			}
			ind := p.mustRun("history", "-i")
			wantInd := fmt.Sprintf("%s -> %s (head) (current), Add a column\n<base> -> %s, create product table\n", id1, id2, id1)
			if ind.stdout != wantInd {
				t.Errorf("history -i printed:\n%s\nwant:\n%s", ind.stdout, wantInd)
			}

			// "alembic downgrade -1 # move 1 version down".
			down := p.mustRun("downgrade", "-1")
			seedWantLines(t, "downgrade -1 stderr", down.stderr, seedLog+"Running downgrade "+id2+" -> "+id1+", Add a column")
			seedEqual(t, "product columns", seedColumns(t, db, d, "product"), []string{"id", "name", "description"})
			if cur := p.mustRun("current"); cur.stdout != id1+"\n" {
				t.Errorf("current after downgrade -1 printed %q, want %q", cur.stdout, id1+"\n")
			}

			// "To downgrade back to the beginning".
			down = p.mustRun("downgrade", "base")
			seedWantLines(t, "downgrade base stderr", down.stderr, seedLog+"Running downgrade "+id1+" -> , create product table")
			seedEqual(t, "tables after downgrade base", tables(t, db, d), []string{"alembic_version", "retort_history"})
			seedEqual(t, "alembic_version after downgrade base", versions(t, db, d), nil)
			if cur := p.mustRun("current"); cur.stdout != "" {
				t.Errorf("current at base printed %q, want nothing", cur.stdout)
			}

			// A third migration, so that "+2" and "ae10+2" move two steps.
			id3, path3 := p.newRevision("Add a price column")
			seedFillBodies(t, path3,
				[]string{"op.add_column('product', sa.Column('price', sa.Numeric(10, 2), nullable=True))"},
				[]string{"op.drop_column('product', 'price')"})

			// "alembic upgrade +2 # move 2 versions up".
			up = p.mustRun("upgrade", "+2")
			seedWantLines(t, "upgrade +2 stderr", up.stderr,
				seedLog+"Running upgrade  -> "+id1+", create product table",
				seedLog+"Running upgrade "+id1+" -> "+id2+", Add a column")
			seedNoLineContains(t, "upgrade +2 stderr", up.stderr, id3)
			seedEqual(t, "alembic_version after upgrade +2", versions(t, db, d), []string{id2})

			// "alembic upgrade ae10+2 # move to ae10 + 2 versions", from base.
			p.mustRun("downgrade", "base")
			partial1 := seedUniquePrefix(id1, 4, id2, id3)
			up = p.mustRun("upgrade", partial1+"+2")
			seedWantLines(t, "upgrade "+partial1+"+2 stderr", up.stderr,
				seedLog+"Running upgrade  -> "+id1+", create product table",
				seedLog+"Running upgrade "+id1+" -> "+id2+", Add a column",
				seedLog+"Running upgrade "+id2+" -> "+id3+", Add a price column")
			seedEqual(t, "alembic_version after upgrade "+partial1+"+2", versions(t, db, d), []string{id3})
			seedEqual(t, "product columns", seedColumns(t, db, d, "product"), []string{"id", "name", "description", "last_modified_date", "price"})

			// "To revert to a specific migration" (Managing Alembic).
			down = p.mustRun("downgrade", id1)
			seedWantLines(t, "downgrade "+id1+" stderr", down.stderr,
				seedLog+"Running downgrade "+id3+" -> "+id2+", Add a price column",
				seedLog+"Running downgrade "+id2+" -> "+id1+", Add a column")
			seedEqual(t, "alembic_version after downgrade "+id1, versions(t, db, d), []string{id1})

			// "Back up again".
			p.mustRun("upgrade", "head")
			seedEqual(t, "alembic_version after upgrade head", versions(t, db, d), []string{id3})
			seedEqual(t, "product columns", seedColumns(t, db, d, "product"), []string{"id", "name", "description", "last_modified_date", "price"})

			// Ids that are not in the graph are refused and change nothing.
			p.mustFail([]string{"upgrade", "ffff0000ffff"}, "ffff0000ffff")
			p.mustFail([]string{"downgrade", "-5"}, "-5")
			seedEqual(t, "alembic_version after refused commands", versions(t, db, d), []string{id3})
			before := p.versionFiles()
			// init's env.py keeps target_metadata = None: autogenerate says
			// so in Alembic's words and writes nothing.
			p.mustFail([]string{"revision", "--autogenerate"}, "FAILED: Can't proceed with --autogenerate option; environment script ")
			seedEqual(t, "alembic/versions after revision --autogenerate", p.versionFiles(), before)

			// "How to Start Afresh": drop the tables, empty alembic_version,
			// remove the migration files, write and run the migrations again.
			if _, err := db.Exec("DROP TABLE product"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("DELETE FROM alembic_version"); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{path1, path2, path3} {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
			}
			fresh, freshPath := p.newRevision("create product table")
			freshSrc, _ := os.ReadFile(freshPath)
			seedWantLines(t, filepath.Base(freshPath), string(freshSrc), "down_revision = None")
			seedFillBodies(t, freshPath,
				[]string{"op.create_table('product', sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(50), nullable=False))"},
				[]string{"op.drop_table('product')"})
			up = p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr, seedLog+"Running upgrade  -> "+fresh+", create product table")
			seedEqual(t, "alembic_version after starting afresh", versions(t, db, d), []string{fresh})
			seedEqual(t, "product columns after starting afresh", seedColumns(t, db, d, "product"), []string{"id", "name"})
		})
	}
}

// cogneeRevision is the Cognee guide's "manually adjusting a migration
// script" example: the annotated header of Alembic's newer template and a
// column rename autogenerate cannot detect.
const cogneeRevision = `"""rename user fullname

Revision ID: 8057ae7329c2
Revises: 
Create Date: 2025-01-14 10:12:31.512205

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "8057ae7329c2" # Unique identifier for the migration
down_revision: Union[str, None] = None # Previous migration revision ID
branch_labels: Union[str, Sequence[str], None] = None # Optional labels for migration branching
depends_on: Union[str, Sequence[str], None] = None # Specify migrations that must run prior

def upgrade():
    op.alter_column('user', 'fullname', new_column_name='full_name')

def downgrade():
    op.alter_column('user', 'full_name', new_column_name='fullname')
`

// seedQuoteIdent quotes a name the way a user writes raw SQL for each database.
func seedQuoteIdent(d dialectCase, name string) string {
	if d.name == "mysql" {
		return "`" + name + "`"
	}
	return `"` + name + `"`
}

// TestSeedCognee follows the Cognee how-to: the database URL comes from
// the .env file of the project, the application already has its "user"
// table, the hand-written rename migration runs, `current` and
// `SELECT * FROM alembic_version` agree, and autogenerate is refused.
func TestSeedCognee(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			db, url := d.open(t)
			// "Alembic is configured to work seamlessly with your cognee .env file."
			p := newSeedProject(t, "")
			write(t, p.path(".env"), "# cognee settings\nDATABASE_URL="+url+"\n")

			// The application created its tables before migrations existed.
			user := seedQuoteIdent(d, "user")
			if _, err := db.Exec("CREATE TABLE " + user + " (id INTEGER NOT NULL PRIMARY KEY, fullname VARCHAR(100))"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("INSERT INTO " + user + " (id, fullname) VALUES (1, 'Ada Lovelace')"); err != nil {
				t.Fatal(err)
			}
			renamePath := p.path("alembic/versions/8057ae7329c2_rename_user_fullname.py")
			write(t, renamePath, cogneeRevision)
			if d.name == "mysql" {
				// As in Alembic, MySQL's CHANGE COLUMN needs the column's type:
				// the guide's PostgreSQL script is refused before any change,
				// naming the file and line, and works once existing_type is given.
				p.mustFail([]string{"upgrade", "head"}, "existing type", renamePath+":20")
				seedEqual(t, "user columns after the refused rename", seedColumns(t, db, d, "user"), []string{"id", "fullname"})
				seedEqual(t, "SELECT * FROM alembic_version", queryStrings(t, db, "SELECT * FROM alembic_version"), nil)
				write(t, renamePath, strings.ReplaceAll(cogneeRevision, "new_column_name=", "existing_type=sa.String(100), new_column_name="))
			}

			// "To migrate your database to the latest version".
			up := p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr, seedLog+"Running upgrade  -> 8057ae7329c2, rename user fullname")
			seedEqual(t, "user columns", seedColumns(t, db, d, "user"), []string{"id", "full_name"})
			seedEqual(t, "user rows", queryStrings(t, db, "SELECT full_name FROM "+user), []string{"Ada Lovelace"})

			// "Check the current migration version with: alembic current or
			// SELECT * FROM alembic_version;".
			if cur := p.mustRun("current"); cur.stdout != "8057ae7329c2 (head)\n" {
				t.Errorf("current printed %q, want %q", cur.stdout, "8057ae7329c2 (head)\n")
			}
			seedEqual(t, "SELECT * FROM alembic_version", queryStrings(t, db, "SELECT * FROM alembic_version"), []string{"8057ae7329c2"})

			// Manual adjustments for "complex data transformations" and
			// "custom SQL commands": a second, hand-filled revision.
			id2, path2 := p.newRevision("add display name")
			seedFillBodies(t, path2, []string{
				"op.add_column('user', sa.Column('display_name', sa.String(100), nullable=True))",
				"op.execute('UPDATE " + user + " SET display_name = full_name')",
			}, []string{"op.drop_column('user', 'display_name')"})
			src2, _ := os.ReadFile(path2)
			seedWantLines(t, filepath.Base(path2), string(src2), "Revises: 8057ae7329c2", "down_revision = '8057ae7329c2'")
			p.mustRun("upgrade", "head")
			seedEqual(t, "display names", queryStrings(t, db, "SELECT display_name FROM "+user), []string{"Ada Lovelace"})

			// "Reviewing Migration History".
			hist := p.mustRun("history")
			wantHist := fmt.Sprintf("8057ae7329c2 -> %s (head), add display name\n<base> -> 8057ae7329c2, rename user fullname\n", id2)
			if hist.stdout != wantHist {
				t.Errorf("history printed:\n%s\nwant:\n%s", hist.stdout, wantHist)
			}

			// "To revert to a previous migration".
			down := p.mustRun("downgrade", "-1")
			seedWantLines(t, "downgrade -1 stderr", down.stderr, seedLog+"Running downgrade "+id2+" -> 8057ae7329c2, add display name")
			p.mustRun("downgrade", "-1")
			seedEqual(t, "user columns after two downgrades", seedColumns(t, db, d, "user"), []string{"id", "fullname"})
			seedEqual(t, "SELECT * FROM alembic_version", queryStrings(t, db, "SELECT * FROM alembic_version"), nil)

			// "You can also migrate to a specific migration using its revision ID".
			p.mustRun("upgrade", "8057ae7329c2")
			seedEqual(t, "user columns", seedColumns(t, db, d, "user"), []string{"id", "full_name"})
			seedEqual(t, "SELECT * FROM alembic_version", queryStrings(t, db, "SELECT * FROM alembic_version"), []string{"8057ae7329c2"})

			// "Automatic Migrations": with env.py's target_metadata = None, as
			// init writes it, autogenerate says so as Alembic does and writes nothing.
			before := p.versionFiles()
			p.mustFail([]string{"revision", "--autogenerate", "-m", "Your migration message"}, "does not provide a MetaData object or sequence of objects to the context.")
			seedEqual(t, "alembic/versions after revision --autogenerate", p.versionFiles(), before)
			seedEqual(t, "SELECT * FROM alembic_version", queryStrings(t, db, "SELECT * FROM alembic_version"), []string{"8057ae7329c2"})
		})
	}
}

// TestSeedDatabaseURLFromEnvironment checks where the database URL comes
// from when it is not written in alembic.ini, as the Cognee guide's ".env
// file" implies: RETORT_URL, else sqlalchemy.url, else DATABASE_URL, with
// the process environment winning over the .env file beside the config.
func TestSeedDatabaseURLFromEnvironment(t *testing.T) {
	const target, decoy = "@target", "@decoy" // replaced by SQLite URLs
	for _, tc := range []struct {
		name        string
		iniURL      string
		dotenv      string
		environment []string
		migrated    string   // target, decoy, or "" when the command must fail
		wantErr     []string // words of the error when migrated is ""
	}{
		{name: ".env DATABASE_URL with an empty sqlalchemy.url", dotenv: "DATABASE_URL=" + target, migrated: target},
		{name: "DATABASE_URL with an empty sqlalchemy.url", environment: []string{"DATABASE_URL=" + target}, migrated: target},
		{name: "DATABASE_URL does not replace a configured url", iniURL: decoy, environment: []string{"DATABASE_URL=" + target}, migrated: decoy},
		{name: "RETORT_URL replaces the configured url", iniURL: decoy, environment: []string{"RETORT_URL=" + target}, migrated: target},
		{name: ".env RETORT_URL replaces the configured url", iniURL: decoy, dotenv: "export RETORT_URL=\"" + target + "\"", migrated: target},
		{name: "the environment wins over .env", dotenv: "DATABASE_URL=" + decoy, environment: []string{"DATABASE_URL=" + target}, migrated: target},
		{name: "environment reference in sqlalchemy.url, set in .env", iniURL: "${COGNEE_DB_URL}", dotenv: "COGNEE_DB_URL=" + target, migrated: target},
		{name: "no url anywhere", wantErr: []string{"sqlalchemy.url", "DATABASE_URL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{target: filepath.Join(dir, "target.db"), decoy: filepath.Join(dir, "decoy.db")}
			urls := strings.NewReplacer(target, "sqlite:///"+files[target], decoy, "sqlite:///"+files[decoy])
			p := newSeedProject(t, urls.Replace(tc.iniURL))
			if tc.dotenv != "" {
				write(t, p.path(".env"), urls.Replace(tc.dotenv)+"\n")
			}
			for _, kv := range tc.environment {
				p.env = append(p.env, urls.Replace(kv))
			}
			_, path := p.newRevision("create account table")
			seedFillBodies(t, path,
				[]string{"op.create_table('account', sa.Column('id', sa.Integer, primary_key=True))"},
				[]string{"op.drop_table('account')"})

			if tc.migrated == "" {
				p.mustFail([]string{"upgrade", "head"}, tc.wantErr...)
			} else {
				p.mustRun("upgrade", "head")
			}
			for name, file := range files {
				got := seedSQLiteVersions(t, file)
				if name == tc.migrated && len(got) != 1 {
					t.Errorf("%s database: version rows %q, want the new revision", name, got)
				}
				if name != tc.migrated && got != nil {
					t.Errorf("%s database was migrated (version rows %q), want it untouched", name, got)
				}
			}
		})
	}
}

// seedSQLiteVersions returns the alembic_version rows of a SQLite file, or nil
// when the file or the table does not exist.
func seedSQLiteVersions(t *testing.T, file string) []string {
	t.Helper()
	if _, err := os.Stat(file); err != nil {
		return nil
	}
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if len(queryStrings(t, db, "SELECT name FROM sqlite_master WHERE name = 'alembic_version'")) == 0 {
		return nil
	}
	return queryStrings(t, db, "SELECT version_num FROM alembic_version")
}

// zyetaDialect holds the few words of the Zyeta examples that are
// PostgreSQL's own; the PostgreSQL case runs the guide's text unchanged.
type zyetaDialect struct {
	uuid        string // column type of ids
	idDefault   string // server default of generated ids, with a trailing ", "
	trueDefault string // server default of is_active
	// baseUp and baseDown are the base migration's extra SQL: the trigger
	// function Zyeta's update trigger calls (PostgreSQL only).
	baseUp, baseDown []string
	createTrigger    []string
	dropTrigger      string
	batch            bool // SQLite alters columns and constraints in batch mode
}

var zyetaDialects = map[string]zyetaDialect{
	"postgresql": {
		uuid:        "postgresql.UUID()",
		idDefault:   `server_default=sa.text("gen_random_uuid()"), `,
		trueDefault: `"true"`,
		baseUp: []string{
			`op.execute("""`,
			`    CREATE OR REPLACE FUNCTION update_updated_at_column()`,
			`    RETURNS TRIGGER AS $$`,
			`    BEGIN`,
			`        NEW.updated_at = CURRENT_TIMESTAMP;`,
			`        RETURN NEW;`,
			`    END;`,
			`    $$ language 'plpgsql';`,
			`""")`,
		},
		baseDown: []string{`op.execute("DROP FUNCTION IF EXISTS update_updated_at_column()")`},
		createTrigger: []string{
			`op.execute(f"""`,
			`    CREATE TRIGGER update_your_table_name_updated_at`,
			`        BEFORE UPDATE ON your_table_name`,
			`        FOR EACH ROW`,
			`        EXECUTE PROCEDURE update_updated_at_column();`,
			`""")`,
		},
		dropTrigger: `op.execute("DROP TRIGGER IF EXISTS update_your_table_name_updated_at ON your_table_name")`,
	},
	"mysql": {
		uuid:        "sa.String(36)",
		trueDefault: `sa.text("1")`,
		createTrigger: []string{
			`op.execute(f"""`,
			`    CREATE TRIGGER update_your_table_name_updated_at`,
			`        BEFORE UPDATE ON your_table_name`,
			`        FOR EACH ROW`,
			`        SET NEW.updated_at = CURRENT_TIMESTAMP`,
			`""")`,
		},
		dropTrigger: `op.execute("DROP TRIGGER IF EXISTS update_your_table_name_updated_at")`,
	},
	"sqlite": {
		uuid:        "sa.String(36)",
		trueDefault: `"true"`,
		createTrigger: []string{
			`op.execute(f"""`,
			`    CREATE TRIGGER update_your_table_name_updated_at`,
			`        AFTER UPDATE ON your_table_name`,
			`        FOR EACH ROW`,
			`        BEGIN`,
			`            UPDATE your_table_name SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;`,
			`        END;`,
			`""")`,
		},
		dropTrigger: `op.execute("DROP TRIGGER IF EXISTS update_your_table_name_updated_at")`,
		batch:       true,
	},
}

// zyetaFile renders a revision file in the Zyeta guide's "Migration File
// Format": typed module variables and `-> None` functions.
func zyetaFile(id, down, message string, upgrade, downgrade []string) string {
	downRepr := "None"
	if down != "" {
		downRepr = `"` + down + `"`
	}
	return fmt.Sprintf(`"""%[3]s

Revision ID: %[1]s
Revises: %[2]s
Create Date: 2025-03-02 09:30:00.000000
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers
revision: str = "%[1]s"
down_revision: Union[str, None] = %[4]s
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

def upgrade() -> None:
    # Migration code that brings the database one step forward
    %[5]s

def downgrade() -> None:
    # Migration code that brings the database one step backward
    %[6]s
`, id, down, message, downRepr, strings.Join(upgrade, "\n    "), strings.Join(downgrade, "\n    "))
}

// zyetaStep is one revision of the Zyeta walk-through.
type zyetaStep struct{ id, down, message string }

// seedHistoryText is `history` output for a straight chain of steps, newest
// first, with marks after the head (e.g. " (head) (current)").
func seedHistoryText(steps []zyetaStep, headMarks string, current string) string {
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		down := s.down
		if down == "" {
			down = "<base>"
		}
		marks := ""
		if i == len(steps)-1 {
			marks = headMarks
		}
		if s.id == current && i != len(steps)-1 {
			marks = " (current)"
		}
		fmt.Fprintf(&b, "%s -> %s%s, %s\n", down, s.id, marks, s.message)
	}
	return b.String()
}

// seedRenameRevision moves a generated file to the Zyeta naming convention
// ("mv alembic/versions/<revision_id>_description_of_changes.py
// alembic/versions/<revision_id>_011_your_feature_name.py").
func seedRenameRevision(t *testing.T, path, id, numbered string) string {
	t.Helper()
	newPath := filepath.Join(filepath.Dir(path), id+"_"+numbered+".py")
	if err := os.Rename(path, newPath); err != nil {
		t.Fatal(err)
	}
	return newPath
}

// seedTriggers lists the triggers on your_table_name.
func seedTriggers(t *testing.T, db *sql.DB, d dialectCase) []string {
	t.Helper()
	switch d.name {
	case "postgresql":
		return queryStrings(t, db, "SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'your_table_name'")
	case "mysql":
		return queryStrings(t, db, "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND event_object_table = 'your_table_name'")
	default:
		return queryStrings(t, db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'your_table_name'")
	}
}

// seedIndexes lists the indexes a migration created on your_table_name: not
// the primary key's, nor those MySQL adds by itself for foreign keys.
func seedIndexes(t *testing.T, db *sql.DB, d dialectCase) []string {
	t.Helper()
	switch d.name {
	case "postgresql":
		return queryStrings(t, db, "SELECT indexname FROM pg_indexes WHERE tablename = 'your_table_name' AND indexname <> 'your_table_name_pkey' ORDER BY 1")
	case "mysql":
		return queryStrings(t, db, "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'your_table_name' AND index_name <> 'PRIMARY' AND index_name NOT LIKE 'organization_id%' AND index_name NOT IN (SELECT constraint_name FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()) ORDER BY 1")
	default:
		return queryStrings(t, db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'your_table_name' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY 1")
	}
}

// seedForeignKeyTargets lists the referenced tables of your_table_name's foreign keys.
func seedForeignKeyTargets(t *testing.T, db *sql.DB, d dialectCase) []string {
	t.Helper()
	switch d.name {
	case "postgresql":
		return queryStrings(t, db, "SELECT ccu.table_name FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name WHERE tc.table_name = 'your_table_name' AND tc.constraint_type = 'FOREIGN KEY' ORDER BY 1")
	case "mysql":
		return queryStrings(t, db, "SELECT referenced_table_name FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND table_name = 'your_table_name' ORDER BY 1")
	default:
		return queryStrings(t, db, "SELECT \"table\" FROM pragma_foreign_key_list('your_table_name') ORDER BY 1")
	}
}

const zyetaOrgID = "0b0e5d5e-3c1f-4c8e-9a57-7d1f8e0c2a11"

// TestSeedZyeta follows the Zyeta backend's migration guide: numbered
// migration files, `revision -m` plus the guide's renaming, its table,
// column, foreign key, trigger and seed-data examples, upgrade and
// downgrade by id, relative step and base, `history -i`, and the
// "Fixing a Failed Migration" procedure with stamp.
func TestSeedZyeta(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			z := zyetaDialects[d.name]
			db, url := d.open(t)
			p := newSeedProject(t, url)

			// The project's existing, sequentially numbered migrations.
			steps := []zyetaStep{{"001", "", "create base tables"}, {"002", "001", "create models and agents"}}
			write(t, p.path("alembic/versions/001_create_base_tables.py"), zyetaFile("001", "", "create base tables",
				append([]string{
					`op.create_table(`,
					`    "organizations",`,
					`    sa.Column("id", ` + z.uuid + `, ` + z.idDefault + `nullable=False),`,
					`    sa.Column("name", sa.String(255), nullable=False),`,
					`    sa.PrimaryKeyConstraint("id"),`,
					`)`,
					`op.execute("INSERT INTO organizations (id, name) VALUES ('` + zyetaOrgID + `', 'Zyeta')")`,
				}, z.baseUp...),
				append(z.baseDown, `op.drop_table("organizations")`)))
			write(t, p.path("alembic/versions/002_create_models_and_agents.py"), zyetaFile("002", "001", "create models and agents",
				[]string{`op.create_table("parent_table", sa.Column("id", ` + z.uuid + `, nullable=False), sa.PrimaryKeyConstraint("id"))`},
				[]string{`op.drop_table("parent_table")`}))

			// "To upgrade to a specific revision" and "a relative number of steps".
			up := p.mustRun("upgrade", "001")
			seedWantLines(t, "upgrade 001 stderr", up.stderr, seedLog+"Running upgrade  -> 001, create base tables")
			seedEqual(t, "organizations", queryStrings(t, db, "SELECT name FROM organizations"), []string{"Zyeta"})
			up = p.mustRun("upgrade", "+1")
			seedWantLines(t, "upgrade +1 stderr", up.stderr, seedLog+"Running upgrade 001 -> 002, create models and agents")

			// "Creating a New Migration", renamed to the next number.
			id3, path3 := p.newRevision("Description of changes")
			if filepath.Base(path3) != id3+"_description_of_changes.py" {
				t.Errorf("revision wrote %s, want %s_description_of_changes.py", filepath.Base(path3), id3)
			}
			src3, _ := os.ReadFile(path3)
			seedWantLines(t, filepath.Base(path3), string(src3), "Revises: 002", "down_revision = '002'")
			path3 = seedRenameRevision(t, path3, id3, "003_create_your_table_name")
			steps = append(steps, zyetaStep{id3, "002", "Description of changes"})
			seedFillBodies(t, path3, append([]string{
				`op.create_table(`,
				`    "your_table_name",`,
				`    sa.Column("id", ` + z.uuid + `, ` + z.idDefault + `nullable=False),`,
				`    sa.Column("name", sa.String(255), nullable=False),`,
				`    sa.Column("description", sa.Text(), nullable=True),`,
				`    sa.Column("existing_column", sa.String(50), server_default="n/a", nullable=True),`,
				`    sa.Column("organization_id", ` + z.uuid + `, nullable=False),`,
				`    sa.Column("is_active", sa.Boolean(), server_default=` + z.trueDefault + `, nullable=False),`,
				`    sa.Column("created_at", sa.TIMESTAMP(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),`,
				`    sa.Column("updated_at", sa.TIMESTAMP(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),`,
				`    sa.PrimaryKeyConstraint("id"),`,
				`    sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),`,
				`)`,
				``,
				`# Create index on columns`,
				`op.create_index("ix_your_table_name_organization_id", "your_table_name", ["organization_id"])`,
				``,
				`# Create update trigger for updated_at column`,
			}, z.createTrigger...), []string{
				`# Remove the trigger first`,
				z.dropTrigger,
				``,
				`# Then drop the table`,
				`op.drop_table("your_table_name")`,
			})
			if d.name == "postgresql" {
				seedAddImport(t, path3, "from sqlalchemy.dialects import postgresql")
			}
			up = p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr, seedLog+"Running upgrade 002 -> "+id3+", Description of changes")
			seedEqual(t, "tables", tables(t, db, d), []string{"alembic_version", "organizations", "parent_table", "retort_history", "your_table_name"})
			seedEqual(t, "indexes", seedIndexes(t, db, d), []string{"ix_your_table_name_organization_id"})
			seedEqual(t, "triggers", seedTriggers(t, db, d), []string{"update_your_table_name_updated_at"})
			// The trigger keeps updated_at current.
			if _, err := db.Exec("INSERT INTO your_table_name (id, name, organization_id, updated_at) VALUES ('9d7b3c1e-0000-4000-8000-000000000001', 'probe', '" + zyetaOrgID + "', '2000-01-01 00:00:00')"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("UPDATE your_table_name SET name = 'probe 2'"); err != nil {
				t.Fatal(err)
			}
			seedEqual(t, "rows touched by the update trigger", queryStrings(t, db, "SELECT name FROM your_table_name WHERE updated_at > '2001-01-01'"), []string{"probe 2"})

			// "Adding a Column".
			id4, path4 := p.newRevision("add new column")
			path4 = seedRenameRevision(t, path4, id4, "004_add_new_column")
			steps = append(steps, zyetaStep{id4, id3, "add new column"})
			seedFillBodies(t, path4,
				[]string{`op.add_column("your_table_name", sa.Column("new_column", sa.String(100), nullable=True))`},
				[]string{`op.drop_column("your_table_name", "new_column")`})

			// "Adding a Foreign Key"; SQLite changes constraints in batch mode.
			id5, path5 := p.newRevision("add parent foreign key")
			path5 = seedRenameRevision(t, path5, id5, "005_add_parent_foreign_key")
			steps = append(steps, zyetaStep{id5, id4, "add parent foreign key"})
			if z.batch {
				seedFillBodies(t, path5, []string{
					`with op.batch_alter_table("your_table_name") as batch_op:`,
					`    batch_op.add_column(sa.Column("parent_id", ` + z.uuid + `, nullable=True))`,
					`    batch_op.create_foreign_key("fk_your_table_name_parent", "parent_table", ["parent_id"], ["id"], ondelete="CASCADE")`,
				}, []string{
					`with op.batch_alter_table("your_table_name") as batch_op:`,
					`    batch_op.drop_constraint("fk_your_table_name_parent", type_="foreignkey")`,
					`    batch_op.drop_column("parent_id")`,
				})
			} else {
				seedFillBodies(t, path5, []string{
					`op.add_column("your_table_name", sa.Column("parent_id", ` + z.uuid + `, nullable=True))`,
					`op.create_foreign_key(`,
					`    "fk_your_table_name_parent",`,
					`    "your_table_name", "parent_table", `,
					`    ["parent_id"], ["id"],`,
					`    ondelete="CASCADE"`,
					`)`,
				}, []string{
					`op.drop_constraint("fk_your_table_name_parent", "your_table_name", type_="foreignkey")`,
					`op.drop_column("your_table_name", "parent_id")`,
				})
			}

			if d.name == "postgresql" {
				seedAddImport(t, path5, "from sqlalchemy.dialects import postgresql")
			}

			// "To apply all pending migrations".
			up = p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr,
				seedLog+"Running upgrade "+id3+" -> "+id4+", add new column",
				seedLog+"Running upgrade "+id4+" -> "+id5+", add parent foreign key")
			seedEqual(t, "your_table_name columns", seedColumns(t, db, d, "your_table_name"), []string{
				"id", "name", "description", "existing_column", "organization_id", "is_active", "created_at", "updated_at", "new_column", "parent_id"})
			seedEqual(t, "foreign key targets", seedForeignKeyTargets(t, db, d), []string{"organizations", "parent_table"})

			// "Inserting Seed Data", as the guide writes it: uuid4 comes from
			// Python's uuid module, which retort's sandbox offers.
			id6, path6 := p.newRevision("insert seed data")
			path6 = seedRenameRevision(t, path6, id6, "006_insert_seed_data")
			steps = append(steps, zyetaStep{id6, id5, "insert seed data"})
			seedUp := []string{
				`# Generate a UUID for new record`,
				`new_id = str(uuid4())`,
				``,
				`op.execute(f"""`,
				`    INSERT INTO your_table_name (id, name, description, organization_id, created_at, updated_at)`,
				`    VALUES (`,
				`        '{new_id}',`,
				`        'Default Item',`,
				`        'This is a default item created by migration',`,
				`        '` + zyetaOrgID + `',`,
				`        CURRENT_TIMESTAMP,`,
				`        CURRENT_TIMESTAMP`,
				`    )`,
				`""")`,
			}
			seedFillBodies(t, path6, seedUp, []string{
				`op.execute("""`,
				`    DELETE FROM your_table_name`,
				`    WHERE name = 'Default Item'`,
				`""")`,
			})
			src6, _ := os.ReadFile(path6)
			importAt := strings.Index(string(src6), "from alembic import op\n")
			if importAt < 0 {
				t.Fatalf("%s has no \"from alembic import op\" line:\n%s", path6, src6)
			}
			write(t, path6, string(src6[:importAt])+"from uuid import uuid4\n\n"+string(src6[importAt:]))
			seedID := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
			seedRow := func(when string) {
				t.Helper()
				ids := queryStrings(t, db, "SELECT id FROM your_table_name WHERE name = 'Default Item'")
				if len(ids) != 1 || !seedID.MatchString(ids[0]) {
					t.Errorf("seed rows %s: %q, want one row with a uuid4 id", when, ids)
				}
			}
			up = p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr, seedLog+"Running upgrade "+id5+" -> "+id6+", insert seed data")
			seedRow("after upgrade head")

			// "To downgrade a relative number of steps" and back up.
			p.mustRun("downgrade", "-1")
			seedEqual(t, "seed rows after downgrade -1", queryStrings(t, db, "SELECT id FROM your_table_name WHERE name = 'Default Item'"), nil)
			p.mustRun("upgrade", "+1")
			seedRow("after upgrade +1")

			// "Modifying a Column"; SQLite alters columns in batch mode.
			id7, path7 := p.newRevision("modify existing column")
			path7 = seedRenameRevision(t, path7, id7, "007_modify_existing_column")
			steps = append(steps, zyetaStep{id7, id6, "modify existing column"})
			alter := func(from, to int, nullable string) []string {
				if z.batch {
					return []string{
						`with op.batch_alter_table("your_table_name") as batch_op:`,
						fmt.Sprintf(`    batch_op.alter_column("existing_column", existing_type=sa.String(%d), type_=sa.String(%d), nullable=%s)`, from, to, nullable),
					}
				}
				return []string{
					`op.alter_column("your_table_name", "existing_column", `,
					fmt.Sprintf(`               existing_type=sa.String(%d),`, from),
					fmt.Sprintf(`               type_=sa.String(%d),`, to),
					fmt.Sprintf(`               nullable=%s)`, nullable),
				}
			}
			seedFillBodies(t, path7, alter(50, 100, "False"), alter(100, 50, "True"))
			p.mustRun("upgrade", "head")
			if got := seedColumn(t, db, d, "your_table_name", "existing_column"); got != "100,NOT NULL" {
				t.Errorf("existing_column after upgrade is %s, want 100,NOT NULL", got)
			}
			seedEqual(t, "rows kept by the column change", queryStrings(t, db, "SELECT name FROM your_table_name ORDER BY name"), []string{"Default Item", "probe 2"})
			seedEqual(t, "indexes kept by the column change", seedIndexes(t, db, d), []string{"ix_your_table_name_organization_id"})
			seedEqual(t, "foreign keys kept by the column change", seedForeignKeyTargets(t, db, d), []string{"organizations", "parent_table"})

			// "To see which migrations need to be applied".
			ind := p.mustRun("history", "-i")
			if want := seedHistoryText(steps, " (head) (current)", id7); ind.stdout != want {
				t.Errorf("history -i printed:\n%s\nwant:\n%s", ind.stdout, want)
			}
			p.mustRun("downgrade", "-1")
			if got := seedColumn(t, db, d, "your_table_name", "existing_column"); got != "50,NULL" {
				t.Errorf("existing_column after downgrade is %s, want 50,NULL", got)
			}
			ind = p.mustRun("history", "-i")
			if want := seedHistoryText(steps, " (head)", id6); ind.stdout != want {
				t.Errorf("history -i after downgrade -1 printed:\n%s\nwant:\n%s", ind.stdout, want)
			}
			p.mustRun("upgrade", "head")

			// "Fixing a Failed Migration": a migration fails midway.
			id8, path8 := p.newRevision("create audit log")
			path8 = seedRenameRevision(t, path8, id8, "008_create_audit_log")
			steps = append(steps, zyetaStep{id8, id7, "create audit log"})
			seedFillBodies(t, path8, []string{
				`op.create_table("audit_log", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("created_at", sa.TIMESTAMP(), nullable=False))`,
				`op.create_index("ix_audit_log_created_at", "audit_log", ["created"])`,
			}, []string{
				`op.drop_index("ix_audit_log_created_at", table_name="audit_log")`,
				`op.drop_table("audit_log")`,
			})
			p.mustFail([]string{"upgrade", "head"}, filepath.Base(path8), "created")
			seedEqual(t, "alembic_version after the failed migration", versions(t, db, d), []string{id7})
			if cur := p.mustRun("current"); cur.stdout != id7+"\n" {
				t.Errorf("current after the failed migration printed %q, want %q", cur.stdout, id7+"\n")
			}
			left := slices.Contains(tables(t, db, d), "audit_log")
			if left != (d.name == "mysql") {
				// PostgreSQL and SQLite roll the step back; MariaDB commits DDL as it runs.
				t.Errorf("audit_log left behind = %v, want %v", left, d.name == "mysql")
			}
			// "Manually fix the database state if necessary", "Mark the current
			// revision: alembic stamp <last_successful_revision>", fix the
			// script, "Then try upgrading again".
			if _, err := db.Exec("DROP TABLE IF EXISTS audit_log"); err != nil {
				t.Fatal(err)
			}
			p.mustRun("stamp", id7)
			seedEqual(t, "alembic_version after stamp", versions(t, db, d), []string{id7})
			src8, _ := os.ReadFile(path8)
			write(t, path8, strings.Replace(string(src8), `["created"]`, `["created_at"]`, 1))
			up = p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr, seedLog+"Running upgrade "+id7+" -> "+id8+", create audit log")
			seedEqual(t, "alembic_version after the repaired upgrade", versions(t, db, d), []string{id8})

			// stamp moves only the version table.
			stamp := p.mustRun("stamp", id6)
			seedWantLines(t, "stamp stderr", stamp.stderr, seedLog+"Running stamp_revision "+id8+" -> "+id6)
			seedEqual(t, "alembic_version after stamp "+id6, versions(t, db, d), []string{id6})
			if !slices.Contains(tables(t, db, d), "audit_log") {
				t.Errorf("stamp dropped audit_log; it must only change alembic_version")
			}
			p.mustRun("stamp", "head")
			seedEqual(t, "alembic_version after stamp head", versions(t, db, d), []string{id8})

			// "To see migration history" with the renamed, numbered files.
			hist := p.mustRun("history")
			if want := seedHistoryText(steps, " (head)", ""); hist.stdout != want {
				t.Errorf("history printed:\n%s\nwant:\n%s", hist.stdout, want)
			}
			files := p.versionFiles()
			slices.Sort(files)
			wantFiles := []string{
				"001_create_base_tables.py", "002_create_models_and_agents.py",
				id3 + "_003_create_your_table_name.py", id4 + "_004_add_new_column.py",
				id5 + "_005_add_parent_foreign_key.py", id6 + "_006_insert_seed_data.py",
				id7 + "_007_modify_existing_column.py", id8 + "_008_create_audit_log.py"}
			slices.Sort(wantFiles)
			seedEqual(t, "alembic/versions", files, wantFiles)

			// "To downgrade to a previous revision" and "to the base".
			down := p.mustRun("downgrade", "002")
			seedWantLines(t, "downgrade 002 stderr", down.stderr, seedLog+"Running downgrade "+id3+" -> 002, Description of changes")
			seedEqual(t, "tables after downgrade 002", tables(t, db, d), []string{"alembic_version", "organizations", "parent_table", "retort_history"})
			p.mustRun("downgrade", "base")
			seedEqual(t, "tables after downgrade base", tables(t, db, d), []string{"alembic_version", "retort_history"})
			if d.name == "postgresql" {
				seedEqual(t, "trigger function after downgrade base", queryStrings(t, db, "SELECT proname FROM pg_proc WHERE proname = 'update_updated_at_column'"), nil)
			}
			// "Test both upgrade and downgrade paths": all the way up again.
			p.mustRun("upgrade", "head")
			seedEqual(t, "alembic_version after the second upgrade head", versions(t, db, d), []string{id8})

			// "Generate a migration with alembic revision --autogenerate".
			before := p.versionFiles()
			p.mustFail([]string{"revision", "--autogenerate", "-m", "description"}, "does not provide a MetaData object or sequence of objects to the context.")
			seedEqual(t, "alembic/versions after revision --autogenerate", p.versionFiles(), before)
		})
	}
}

// TestSeedFileTemplate follows the tutorial's "Editing the Alembic.ini
// File": uncommenting the file_template init writes, and the tokens,
// timezone and slug truncation it explains.
func TestSeedFileTemplate(t *testing.T) {
	dated := regexp.MustCompile(`^(\d{4})_(\d\d)_(\d\d)_(\d\d)(\d\d)-([0-9a-f]{12})_(\w*)\.py$`)
	createDate := regexp.MustCompile(`(?m)^Create Date: (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):\d\d\.\d{6}(\+00:00)?$`)
	for _, tc := range []struct {
		name     string
		settings map[string]string // ini lines to uncomment, with their new value
		message  string
		slug     string
		utc      bool
	}{
		{name: "date and time prefix", settings: map[string]string{"file_template": ""}, message: "create product table", slug: "create_product_table"},
		{name: "in UTC", settings: map[string]string{"file_template": "", "timezone": "UTC"}, message: "Add a column", slug: "add_a_column", utc: true},
		{name: "truncated slug", settings: map[string]string{"file_template": "", "truncate_slug_length": "10"}, message: "create product table", slug: "create_"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newSeedProject(t, "sqlite:///app.db")
			src, err := os.ReadFile(p.path("alembic.ini"))
			if err != nil {
				t.Fatal(err)
			}
			ini := string(src)
			for key, value := range tc.settings {
				commented := regexp.MustCompile(`(?m)^# ` + key + ` =(.*)$`)
				if !commented.MatchString(ini) {
					t.Fatalf("alembic.ini from init has no commented %q line to uncomment:\n%s", key, ini)
				}
				if value == "" {
					ini = commented.ReplaceAllString(ini, key+" =$1")
				} else {
					ini = commented.ReplaceAllLiteralString(ini, key+" = "+value)
				}
			}
			write(t, p.path("alembic.ini"), ini)

			id, path := p.newRevision(tc.message)
			m := dated.FindStringSubmatch(filepath.Base(path))
			if m == nil {
				t.Fatalf("revision file %s does not follow %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s", filepath.Base(path))
			}
			if m[6] != id || m[7] != tc.slug {
				t.Errorf("file %s: rev %q slug %q, want %q and %q", filepath.Base(path), m[6], m[7], id, tc.slug)
			}
			body, _ := os.ReadFile(path)
			cd := createDate.FindStringSubmatch(string(body))
			if cd == nil {
				t.Fatalf("%s has no Create Date line in the expected form:\n%s", path, body)
			}
			if !slices.Equal(cd[1:6], m[1:6]) {
				t.Errorf("file name date %v differs from the Create Date %v", m[1:6], cd[1:6])
			}
			if tc.utc != (cd[6] == "+00:00") {
				t.Errorf("Create Date offset %q with timezone UTC = %v", cd[6], tc.utc)
			}
			if tc.utc {
				stamp, err := time.Parse("2006-01-02 15:04", fmt.Sprintf("%s-%s-%s %s:%s", cd[1], cd[2], cd[3], cd[4], cd[5]))
				if err != nil {
					t.Fatal(err)
				}
				if age := time.Now().UTC().Sub(stamp); age < 0 || age > 2*time.Minute {
					t.Errorf("Create Date %v is not the current UTC time %s", cd[1:6], time.Now().UTC())
				}
			}
			if hist := p.mustRun("history"); hist.stdout != "<base> -> "+id+" (head), "+tc.message+"\n" {
				t.Errorf("history printed %q", hist.stdout)
			}
		})
	}

	t.Run("epoch", func(t *testing.T) {
		p := newSeedProject(t, "sqlite:///app.db")
		src, _ := os.ReadFile(p.path("alembic.ini"))
		write(t, p.path("alembic.ini"), regexp.MustCompile(`(?m)^# file_template =.*$`).ReplaceAllLiteralString(string(src), "file_template = %%(epoch)s_%%(rev)s_%%(slug)s"))
		before := time.Now().Unix()
		id, path := p.newRevision("epoch named")
		after := time.Now().Unix()
		var epoch int64
		var rest string
		if _, err := fmt.Sscanf(filepath.Base(path), "%d_%s", &epoch, &rest); err != nil || rest != id+"_epoch_named.py" {
			t.Fatalf("file %s is not <epoch>_%s_epoch_named.py", filepath.Base(path), id)
		}
		if epoch < before || epoch > after {
			t.Errorf("epoch %d is not between %d and %d", epoch, before, after)
		}
	})
}

// TestSeedConflictingMigrations follows the guides' "Conflicting
// Migrations" advice: two developers add a revision on the same parent,
// `upgrade head` refuses the two heads, and a merge revision joins them.
func TestSeedConflictingMigrations(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			db, url := d.open(t)
			p := newSeedProject(t, url)
			base, basePath := p.newRevision("create account table")
			seedFillBodies(t, basePath,
				[]string{"op.create_table('account', sa.Column('id', sa.Integer, primary_key=True))"},
				[]string{"op.drop_table('account')"})
			p.mustRun("upgrade", "head")

			// Both developers started from base; the second file arrives by a
			// merge of their branches, still pointing at base.
			x, xPath := p.newRevision("add x")
			seedFillBodies(t, xPath,
				[]string{"op.add_column('account', sa.Column('x', sa.Integer))"},
				[]string{"op.drop_column('account', 'x')"})
			y, yPath := p.newRevision("add y")
			seedFillBodies(t, yPath,
				[]string{"op.add_column('account', sa.Column('y', sa.Integer))"},
				[]string{"op.drop_column('account', 'y')"})
			ySrc, _ := os.ReadFile(yPath)
			write(t, yPath, strings.NewReplacer("down_revision = '"+x+"'", "down_revision = '"+base+"'", "Revises: "+x, "Revises: "+base).Replace(string(ySrc)))

			heads := strings.Split(strings.TrimSpace(p.mustRun("heads").stdout), "\n")
			slices.Sort(heads)
			want := []string{x + " (head)", y + " (head)"}
			slices.Sort(want)
			seedEqual(t, "heads", heads, want)
			p.mustFail([]string{"upgrade", "head"}, "Multiple head revisions are present for given argument 'head'", "'heads' for all heads")
			seedEqual(t, "alembic_version after the refused upgrade", versions(t, db, d), []string{base})

			r := p.mustRun("merge", "heads", "-m", "merge x and y")
			m := seedGeneratedLine.FindStringSubmatch(r.stdout)
			if m == nil {
				t.Fatalf("merge printed no Generating line:\n%s", r.stdout)
			}
			mergeSrc, _ := os.ReadFile(m[1])
			merge := seedSubmatch(t, seedRevisionLine, string(mergeSrc), m[1])
			if h := p.mustRun("heads"); h.stdout != merge+" (head)\n" {
				t.Errorf("heads after merge printed %q, want %q", h.stdout, merge+" (head)\n")
			}
			up := p.mustRun("upgrade", "head")
			parents := []string{x, y}
			if !strings.Contains(string(mergeSrc), "down_revision = ('"+x+"', '"+y+"')") {
				parents = []string{y, x}
			}
			seedWantLines(t, "upgrade head stderr", up.stderr,
				seedLog+"Running upgrade "+base+" -> "+x+", add x",
				seedLog+"Running upgrade "+base+" -> "+y+", add y",
				seedLog+"Running upgrade "+parents[0]+", "+parents[1]+" -> "+merge+", merge x and y")
			seedEqual(t, "alembic_version after the merge", versions(t, db, d), []string{merge})
			// The two branches run in either order, so the columns too.
			cols := seedColumns(t, db, d, "account")
			slices.Sort(cols)
			seedEqual(t, "account columns", cols, []string{"id", "x", "y"})
			if cur := p.mustRun("current"); cur.stdout != merge+" (head) (mergepoint)\n" {
				t.Errorf("current printed %q, want %q", cur.stdout, merge+" (head) (mergepoint)\n")
			}
			hist := strings.Split(strings.TrimSuffix(p.mustRun("history").stdout, "\n"), "\n")
			if len(hist) != 4 {
				t.Fatalf("history printed %d lines, want 4:\n%s", len(hist), strings.Join(hist, "\n"))
			}
			if want := parents[0] + ", " + parents[1] + " -> " + merge + " (head) (mergepoint), merge x and y"; hist[0] != want {
				t.Errorf("history line 1 = %q, want %q", hist[0], want)
			}
			branches := []string{hist[1], hist[2]}
			slices.Sort(branches)
			want = []string{base + " -> " + x + ", add x", base + " -> " + y + ", add y"}
			slices.Sort(want)
			seedEqual(t, "history branch lines", branches, want)
			if want := "<base> -> " + base + " (branchpoint), create account table"; hist[3] != want {
				t.Errorf("history line 4 = %q, want %q", hist[3], want)
			}
		})
	}
}

// TestSeedConnectionTroubleshooting covers the guides' "Database
// Connection Issues: ensure the database connection URL in alembic.ini is
// correct": a wrong URL is one clear error that names it, password hidden.
func TestSeedConnectionTroubleshooting(t *testing.T) {
	for _, tc := range []struct {
		name, url string
		want      []string
	}{
		{"alembic's placeholder url", "driver://scott:tiger@localhost/dbname", []string{"driver"}},
		{"server not listening", "postgresql://scott:tiger@127.0.0.1:1/test", []string{"127.0.0.1"}},
		{"not a url", "notaurl", []string{"notaurl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newSeedProject(t, tc.url)
			_, path := p.newRevision("create account table")
			seedFillBodies(t, path,
				[]string{"op.create_table('account', sa.Column('id', sa.Integer, primary_key=True))"},
				[]string{"op.drop_table('account')"})
			for _, args := range [][]string{{"upgrade", "head"}, {"current"}} {
				r := p.mustFail(args, tc.want...)
				if strings.Contains(r.stdout+r.stderr, "tiger") {
					t.Errorf("retort %s shows the password:\n%s%s", strings.Join(args, " "), r.stdout, r.stderr)
				}
				if n := strings.Count(strings.TrimSpace(r.stdout), "\n") + 1; n > 1 {
					t.Errorf("retort %s: error is %d lines on stdout, want one:\n%s", strings.Join(args, " "), n, r.stdout)
				}
			}
		})
	}
}

// cogneeEnumValue is, per database, the hand-written upgrade that adds a
// value to an enum: the Cognee guide's "Adding/Changing enum values",
// which autogenerate does not detect.
var cogneeEnumValue = map[string][]string{
	"postgresql": {`op.execute("ALTER TYPE job_status ADD VALUE 'archived'")`},
	"mysql": {
		`op.alter_column('job', 'status',`,
		`                existing_type=sa.Enum('queued', 'done', name='job_status'),`,
		`                type_=sa.Enum('queued', 'done', 'archived', name='job_status'),`,
		`                existing_nullable=False)`,
	},
	// SQLite keeps a non-native enum as a VARCHAR without a CHECK
	// constraint (SQLAlchemy 1.4's default) and ignores its length:
	// there is nothing to change.
	"sqlite": {`pass`},
}

// TestSeedCogneeEnumValues follows the Cognee guide's list of changes that
// need manual migrations: a table with an enum column, then a new enum
// value written by hand for each database.
func TestSeedCogneeEnumValues(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			db, url := d.open(t)
			p := newSeedProject(t, url)
			id1, path1 := p.newRevision("create job table")
			dropType := []string{}
			if d.name == "postgresql" {
				// Dropping the table leaves PostgreSQL's enum type behind.
				dropType = []string{`op.execute("DROP TYPE IF EXISTS job_status")`}
			}
			seedFillBodies(t, path1, []string{
				`op.create_table('job',`,
				`    sa.Column('id', sa.Integer, primary_key=True),`,
				`    sa.Column('status', sa.Enum('queued', 'done', name='job_status'), nullable=False),`,
				`)`,
			}, append([]string{`op.drop_table('job')`}, dropType...))
			id2, path2 := p.newRevision("add archived job status")
			// A value cannot be removed from an enum type again: the
			// downgrade leaves it, as is usual for this change.
			seedFillBodies(t, path2, cogneeEnumValue[d.name], []string{"pass"})

			p.mustRun("upgrade", id1)
			if _, err := db.Exec("INSERT INTO job (id, status) VALUES (1, 'queued')"); err != nil {
				t.Fatal(err)
			}
			if d.name != "sqlite" {
				if _, err := db.Exec("INSERT INTO job (id, status) VALUES (2, 'archived')"); err == nil {
					t.Errorf("the enum accepted 'archived' before the migration that adds it")
				}
			}
			up := p.mustRun("upgrade", "head")
			seedWantLines(t, "upgrade head stderr", up.stderr, seedLog+"Running upgrade "+id1+" -> "+id2+", add archived job status")
			if _, err := db.Exec("INSERT INTO job (id, status) VALUES (2, 'archived')"); err != nil {
				t.Errorf("inserting the new enum value: %v", err)
			}
			seedEqual(t, "job statuses", queryStrings(t, db, "SELECT status FROM job ORDER BY id"), []string{"queued", "archived"})

			p.mustRun("downgrade", "base")
			seedEqual(t, "tables after downgrade base", tables(t, db, d), []string{"alembic_version", "retort_history"})
			// The way back up works again: the enum type was dropped too.
			p.mustRun("upgrade", "head")
			seedEqual(t, "alembic_version after upgrade head", versions(t, db, d), []string{id2})
		})
	}
}
