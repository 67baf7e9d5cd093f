package e2e

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bin is the retort binary built once for the package's tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "retort-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "retort")
	build := exec.Command("go", "build", "-o", bin, "github.com/retort-dev/retort/cmd/retort")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building retort:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// revision is one generated migration script.
type revision struct {
	id, down           string
	upgrade, downgrade []string // Python statements, one per line
}

// writeProject writes an Alembic-format project with the given revisions and
// extra [alembic] settings, and returns the config path.
func writeProject(t *testing.T, url string, settings string, revs []revision) string {
	t.Helper()
	dir := t.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	ini := fmt.Sprintf("[alembic]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n%s\n", url, settings)
	write(t, filepath.Join(dir, "alembic.ini"), ini)
	for _, r := range revs {
		down := "None"
		if r.down != "" {
			down = "'" + r.down + "'"
		}
		body := func(lines []string) string {
			if len(lines) == 0 {
				return "    pass\n"
			}
			return "    " + strings.Join(lines, "\n    ") + "\n"
		}
		src := fmt.Sprintf("\"\"\"step %[1]s\n\nRevision ID: %[1]s\nRevises: %[2]s\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '%[1]s'\ndown_revision = %[3]s\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n%[4]s\n\ndef downgrade():\n%[5]s",
			r.id, r.down, down, body(r.upgrade), body(r.downgrade))
		write(t, filepath.Join(versions, r.id+"_step.py"), src)
	}
	return filepath.Join(dir, "alembic.ini")
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// result is what one retort process did.
type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("retort %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return result{code, stdout.String(), stderr.String()}
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := run(t, args...)
	if r.code != 0 {
		t.Fatalf("retort %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// noStackTrace fails the test when output looks like a Go panic or trace.
func noStackTrace(t *testing.T, r result) {
	t.Helper()
	for _, marker := range []string{"panic:", "goroutine ", ".go:", "runtime error"} {
		if strings.Contains(r.stdout+r.stderr, marker) {
			t.Errorf("output contains %q:\nstdout: %s\nstderr: %s", marker, r.stdout, r.stderr)
		}
	}
}

func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
