package retort_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort"
)

// TestRun is the command line of a program built on retort.Main: scripts
// from a file system, a Go migration, the URL from the config file.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	ini := filepath.Join(dir, "retort.ini")
	if err := os.WriteFile(ini, []byte("[alembic]\nsqlalchemy.url = sqlite:///"+filepath.Join(dir, "app.db")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := []retort.Option{retort.WithScripts(scripts()), retort.WithMigrations(seed())}
	run := func(args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		code := retort.Run(append([]string{"-c", ini}, args...), &stdout, &stderr, opts...)
		return stdout.String(), stderr.String(), code
	}
	if out, errOut, code := run("upgrade", "head"); code != 0 {
		t.Fatalf("upgrade head: status %d\n%s%s", code, out, errOut)
	} else if !strings.Contains(errOut, "Running upgrade a1 -> b2, email and seed rows") {
		t.Errorf("upgrade log lacks the Go migration's line:\n%s", errOut)
	}
	out, _, code := run("history")
	want := "b2 -> c3 (head), audit table\na1 -> b2, email and seed rows\n<base> -> a1, create users\n"
	if code != 0 || out != want {
		t.Errorf("history: status %d\n%s\nwant:\n%s", code, out, want)
	}
	if out, _, _ := run("current"); out != "c3 (head)\n" {
		t.Errorf("current = %q", out)
	}
	if out, _, code := run("revision", "-m", "x"); code == 0 {
		t.Errorf("revision into an embedded directory succeeded: %s", out)
	}

	// lint reads the embedded scripts and says the Go migration is not linted.
	if out, errOut, code := run("lint", "--all"); code != 0 || out != "No hazards found.\n" || !strings.Contains(errOut, "go:b2: a Go migration is not linted") {
		t.Errorf("lint --all: status %d\n%s%s", code, out, errOut)
	}

	var stderr bytes.Buffer
	code = retort.Run([]string{"heads"}, &bytes.Buffer{}, &stderr, retort.WithLogger(slog.Default()))
	if code != 2 || !strings.Contains(stderr.String(), "Main takes only WithMigrations and WithScripts") {
		t.Errorf("Run with WithLogger: status %d, %s", code, stderr.String())
	}
}
