package cli

import (
	"bytes"
	"context"
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/dbtest"
)

// TestRun_LiveDatabases runs a project through the command line against
// each real database: Alembic's INFO lines name the dialect's impl and its
// DDL transactionality, and "current -v" shows the URL with the password
// replaced by XXXXX.
func TestRun_LiveDatabases(t *testing.T) {
	tests := []struct {
		name          string
		open          func(testing.TB) (*sql.DB, string)
		impl          string
		transactional string
	}{
		{"sqlite", dbtest.SQLite, "SQLiteImpl", "Will assume transactional DDL."},
		{"postgres", dbtest.Postgres, "PostgresqlImpl", "Will assume transactional DDL."},
		{"mysql", dbtest.MySQL, "MySQLImpl", "Will assume non-transactional DDL."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dbURL := tt.open(t)
			ini := writeProject(t)
			src, err := os.ReadFile(ini)
			if err != nil {
				t.Fatal(err)
			}
			withURL := strings.Replace(string(src), "sqlite:///%(here)s/app.db", strings.ReplaceAll(dbURL, "%", "%%"), 1)
			if err := os.WriteFile(ini, []byte(withURL), 0o644); err != nil {
				t.Fatal(err)
			}
			runOK := func(args ...string) (string, string) {
				t.Helper()
				var stdout, stderr bytes.Buffer
				if code := run(context.Background(), append([]string{"-c", ini}, args...), &stdout, &stderr, func(string) string { return "" }); code != exitOK {
					t.Fatalf("retort %s: exit status %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
				}
				return stdout.String(), stderr.String()
			}

			_, stderr := runOK("upgrade", "head")
			if n := strings.Count(stderr, "Context impl"); n != 1 {
				t.Errorf("upgrade says Context impl %d times, want once as Alembic does:\n%s", n, stderr)
			}
			for _, want := range []string{
				"INFO  [alembic.runtime.migration] Context impl " + tt.impl + ".\n",
				"INFO  [alembic.runtime.migration] " + tt.transactional + "\n",
				"INFO  [alembic.runtime.migration] Running upgrade  -> a1b2c3d4, first\n",
			} {
				if !strings.Contains(stderr, want) {
					t.Errorf("upgrade stderr lacks %q:\n%s", want, stderr)
				}
			}
			stdout, _ := runOK("current")
			if stdout != "a1b2c3d4 (head)\n" {
				t.Errorf("current = %q, want %q", stdout, "a1b2c3d4 (head)\n")
			}
			stdout, _ = runOK("current", "-v")
			first, _, _ := strings.Cut(stdout, "\n")
			shown := dbURL
			if u, err := url.Parse(dbURL); err == nil {
				if pw, ok := u.User.Password(); ok && pw != "" {
					shown = strings.Replace(dbURL, ":"+pw+"@", ":XXXXX@", 1)
				}
			}
			if want := "Current revision(s) for " + shown + ":"; first != want {
				t.Errorf("current -v first line = %q, want %q", first, want)
			}
			runOK("downgrade", "base")
			if stdout, _ = runOK("current"); stdout != "" {
				t.Errorf("current after downgrade base = %q, want nothing", stdout)
			}
		})
	}
}
