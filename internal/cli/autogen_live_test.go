package cli

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

	"github.com/retort-dev/retort/internal/dbtest"
)

// The models of the autogenerate catalogue, before and after a change of
// every kind autogenerate detects: a table added and one removed, a column
// added (with a unique constraint) and one removed, a type widened, a
// column made NOT NULL, an index added and one removed, a foreign key
// added, a table comment.
const modelsBefore = `import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

sa.Table("account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("nickname", sa.String(20)),
    sa.Column("legacy", sa.Integer),
)

sa.Table("tag", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("label", sa.String(30)),
    sa.Index("ix_tag_label", "label"),
)

sa.Table("obsolete", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
)
`

const modelsAfter = `import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

sa.Table("account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(80), nullable=False, index=True),
    sa.Column("nickname", sa.String(20), nullable=False),
    sa.Column("email", sa.String(120), unique=True),
    comment="people who sign in",
)

sa.Table("tag", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("label", sa.String(30)),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id")),
)

sa.Table("post", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
    sa.Column("body", sa.Text),
    sa.Index("ix_post_account_id", "account_id"),
)
`

// TestAutogenerate_Catalogue walks the autogenerate loop a user lives, on
// each real database, from the command line: autogenerate from the models,
// upgrade, check finds nothing; change the models; check fails and names
// the changes; autogenerate again, upgrade (rows survive, also SQLite's
// batch move-and-copy), check finds nothing; downgrade one step and check
// refuses a database behind the heads; downgrade to base and upgrade to
// head, and check finds nothing.
func TestAutogenerate_Catalogue(t *testing.T) {
	tests := []struct {
		name  string
		open  func(testing.TB) (*sql.DB, string)
		batch bool
	}{
		{"sqlite", dbtest.SQLite, true},
		{"postgres", dbtest.Postgres, false},
		{"mysql", dbtest.MySQL, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, dbURL := tt.open(t)
			dir := t.TempDir()
			extra := ""
			if tt.batch {
				extra = "render_as_batch = true\n"
			}
			retort := modelsProject(t, dir, dbURL, extra)
			models := filepath.Join(dir, "models.py")

			write(t, models, modelsBefore)
			out := retort(true, "revision", "--autogenerate", "-m", "first")
			first := generatedPath(t, out)
			for _, want := range []string{"op.create_table('account',", "op.create_table('tag',", "create_index('ix_tag_label', "} {
				if !strings.Contains(readFile(t, first), want) {
					t.Errorf("first revision lacks %q:\n%s", want, readFile(t, first))
				}
			}
			retort(true, "upgrade", "head")
			if out := retort(true, "check"); !strings.Contains(out, "No new upgrade operations detected.") {
				t.Errorf("check after the first upgrade: %s", out)
			}
			if _, err := db.Exec("INSERT INTO account (id, name, nickname, legacy) VALUES (1, 'ada', 'a', 7)"); err != nil {
				t.Fatal(err)
			}

			write(t, models, modelsAfter)
			out = retort(false, "check")
			for _, want := range []string{"FAILED: New upgrade operations detected: [", "('add_table', 'post')", "('remove_table', 'obsolete')", "('remove_column', None, 'account', 'legacy')"} {
				if !strings.Contains(out, want) {
					t.Errorf("check output lacks %q:\n%s", want, out)
				}
			}
			out = retort(true, "revision", "--autogenerate", "-m", "second")
			second := readFile(t, generatedPath(t, out))
			for _, want := range []string{"op.create_table('post',", "op.drop_table('obsolete')", "'legacy'", "'email'", "ix_account_name", "uq_account_email", "fk_tag_account_id_account"} {
				if !strings.Contains(second, want) {
					t.Errorf("second revision lacks %q:\n%s", want, second)
				}
			}
			retort(true, "upgrade", "head")
			if out := retort(true, "check"); !strings.Contains(out, "No new upgrade operations detected.") {
				t.Errorf("check after the second upgrade:\n%s\n%s", out, second)
			}
			var name string
			if err := db.QueryRow("SELECT name FROM account WHERE id = 1").Scan(&name); err != nil || name != "ada" {
				t.Errorf("the account row after the upgrade: %q, %v", name, err)
			}

			// Behind the heads, autogenerate refuses to compare, as Alembic does.
			retort(true, "downgrade", "-1")
			if out := retort(false, "check"); !strings.Contains(out, "FAILED: Target database is not up to date.") {
				t.Errorf("check after downgrade -1:\n%s", out)
			}
			retort(true, "downgrade", "base")
			retort(true, "upgrade", "head")
			if out := retort(true, "check"); !strings.Contains(out, "No new upgrade operations detected.") {
				t.Errorf("check after base -> head: %s", out)
			}

			// With nothing to change, autogenerate writes an empty script.
			out = retort(true, "revision", "--autogenerate", "-m", "nothing")
			if got := readFile(t, generatedPath(t, out)); !strings.Contains(got, "# ### commands auto generated by Alembic - please adjust! ###\n    pass\n    # ### end Alembic commands ###") {
				t.Errorf("empty autogenerate:\n%s", got)
			}
		})
	}
}

// modelsProject initialises a project in dir on the database at dbURL with
// target_metadata = models.py (plus extra settings), and returns a runner
// of retort on it that fails the test when the exit status is not the one
// wanted and returns stdout and stderr together.
func modelsProject(t *testing.T, dir, dbURL, extra string) func(wantOK bool, args ...string) string {
	t.Helper()
	ini := filepath.Join(dir, "alembic.ini")
	retort := func(wantOK bool, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"-c", ini}, args...), &stdout, &stderr, func(string) string { return "" })
		if (code == exitOK) != wantOK {
			t.Fatalf("retort %s: exit status %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
		return stdout.String() + stderr.String()
	}
	retort(true, "init", filepath.Join(dir, "migrations"))
	src, err := os.ReadFile(ini)
	if err != nil {
		t.Fatal(err)
	}
	settings := "sqlalchemy.url = " + strings.ReplaceAll(dbURL, "%", "%%") + "\ntarget_metadata = models.py\n" + extra
	write(t, ini, regexp.MustCompile(`(?m)^sqlalchemy\.url = .*\n`).ReplaceAllLiteralString(string(src), settings))
	return retort
}

var generatedLine = regexp.MustCompile(`Generating (\S+) \.\.\.  done`)

func generatedPath(t *testing.T, out string) string {
	t.Helper()
	m := generatedLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no 'Generating' line in:\n%s", out)
	}
	return m[1]
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const enumModels = `import sqlalchemy as sa
metadata = sa.MetaData()
sa.Table("person", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("mood", sa.Enum(%s, name="mood")),
)
sa.Table("diary", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("mood", sa.Enum(%s, name="mood"), nullable=False),
)
`

// TestAutogenerate_PostgresEnums: beyond Alembic, a PostgreSQL enum type
// shared by two tables is created once before them and dropped after the
// last, so downgrade base then upgrade head works; a value added to the
// models becomes ALTER TYPE ... ADD VALUE, undone by re-creating the type.
func TestAutogenerate_PostgresEnums(t *testing.T) {
	db, dbURL := dbtest.Postgres(t)
	dir := t.TempDir()
	labels := func() string {
		t.Helper()
		var s sql.NullString
		if err := db.QueryRow("SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'mood'").Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s.String
	}
	retort := modelsProject(t, dir, dbURL, "")
	models := filepath.Join(dir, "models.py")
	values := func(v string) string { return fmt.Sprintf(enumModels, v, v) }

	write(t, models, values(`"happy", "sad"`))
	first := readFile(t, generatedPath(t, retort(true, "revision", "--autogenerate", "-m", "moods")))
	if strings.Count(first, "CREATE TYPE mood") != 1 || !strings.Contains(first, "postgresql.ENUM('happy', 'sad', name='mood', create_type=False)") {
		t.Errorf("first revision:\n%s", first)
	}
	retort(true, "upgrade", "head")
	retort(true, "downgrade", "base")
	if got := labels(); got != "" {
		t.Errorf("after downgrade base the type is still there: %q", got)
	}
	retort(true, "upgrade", "head")
	if out := retort(true, "check"); !strings.Contains(out, "No new upgrade operations detected.") {
		t.Errorf("check: %s", out)
	}

	write(t, models, values(`"happy", "meh", "sad", "angry"`))
	second := readFile(t, generatedPath(t, retort(true, "revision", "--autogenerate", "-m", "more moods")))
	for _, want := range []string{"with op.get_context().autocommit_block():", `op.execute("ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad'")`, `op.execute("ALTER TYPE mood ADD VALUE 'angry'")`} {
		if !strings.Contains(second, want) {
			t.Errorf("second revision lacks %q:\n%s", want, second)
		}
	}
	retort(true, "upgrade", "head")
	if got := labels(); got != "happy,meh,sad,angry" {
		t.Errorf("labels after the upgrade: %q", got)
	}
	if _, err := db.Exec("INSERT INTO diary (id, mood) VALUES (1, 'sad')"); err != nil {
		t.Fatal(err)
	}
	if out := retort(true, "check"); !strings.Contains(out, "No new upgrade operations detected.") {
		t.Errorf("check: %s", out)
	}
	retort(true, "downgrade", "-1")
	if got := labels(); got != "happy,sad" {
		t.Errorf("labels after the downgrade: %q", got)
	}
	var mood string
	if err := db.QueryRow("SELECT mood::text FROM diary WHERE id = 1").Scan(&mood); err != nil || mood != "sad" {
		t.Errorf("the diary row after the downgrade: %q, %v", mood, err)
	}
}
