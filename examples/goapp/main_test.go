package main

import (
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain lets the test binary stand in for the goapp binary: run with
// GOAPP_AS_MAIN=1 it is main() itself.
func TestMain(m *testing.M) {
	if os.Getenv("GOAPP_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// goapp runs the binary's main with args and returns its stdout.
func goapp(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "GOAPP_AS_MAIN=1")
	var stderr []byte
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = ee.Stderr
	}
	if err != nil {
		t.Fatalf("goapp %v: %v\n%s%s", args, err, out, stderr)
	}
	return string(out)
}

// TestBinary upgrades a SQLite file with the embedded scripts and the Go
// migration through the command line, as a user of the binary would.
func TestBinary(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "app.db")
	ini := filepath.Join(dir, "retort.ini")
	if err := os.WriteFile(ini, []byte("[alembic]\nsqlalchemy.url = sqlite:///"+dbPath+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "b2c3d4e5f6a7 -> c3d4e5f6a7b8 (head), create tags\n" +
		"a1f0c2d3e4b5 -> b2c3d4e5f6a7, add notes.body and a welcome note\n" +
		"<base> -> a1f0c2d3e4b5, create notes\n"
	if got := goapp(t, "-c", ini, "history"); got != want {
		t.Errorf("history:\n%s\nwant:\n%s", got, want)
	}
	goapp(t, "-c", ini, "upgrade", "head")
	if got := goapp(t, "-c", ini, "current"); got != "c3d4e5f6a7b8 (head)\n" {
		t.Errorf("current = %q", got)
	}
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var title string
	if err := db.QueryRow("SELECT title FROM notes WHERE id = 1").Scan(&title); err != nil || title != "Welcome" {
		t.Errorf("welcome note = %q, %v", title, err)
	}
	goapp(t, "-c", ini, "downgrade", "base")
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name IN ('notes', 'tags')").Scan(&n); err != nil || n != 0 {
		t.Errorf("after downgrade base %d of the app's tables remain (%v)", n, err)
	}
}
