package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dburl"
)

// writeProject writes a one-revision project and returns its config path.
func writeProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"alembic.ini":                           "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/app.db\n",
		"migrations/versions/a1b2c3d4_first.py": "\"\"\"first\"\"\"\nrevision = 'a1b2c3d4'\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "alembic.ini")
}

func TestRun_ExitStatus(t *testing.T) {
	ini := writeProject(t)
	missing := filepath.Join(t.TempDir(), "none.ini")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // exact; "" means empty
		wantStderr string // substring; "" means empty
	}{
		{"no command", nil, exitUsage, "", "too few arguments"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", "invalid choice: 'frobnicate' (choose from 'branches', "},
		{"unknown flag", []string{"-c", ini, "heads", "--bogus"}, exitUsage, "", "unknown flag: --bogus"},
		{"extra argument", []string{"-c", ini, "heads", "x"}, exitUsage, "", "unrecognized arguments: x"},
		{"missing argument", []string{"-c", ini, "show"}, exitUsage, "", "the following arguments are required: rev"},
		{"stamp needs revisions", []string{"-c", ini, "stamp"}, exitUsage, "", "the following arguments are required: revisions"},
		{"version", []string{"--version"}, exitOK, "retort devel\n", ""},
		{"success", []string{"-c", ini, "heads"}, exitOK, "a1b2c3d4 (head)\n", ""},
		{"interspersed global flag", []string{"heads", "-c", ini}, exitOK, "a1b2c3d4 (head)\n", ""},
		{"command error", []string{"-c", ini, "show", "zzzz"}, exitFailed, "FAILED: Can't locate revision identified by 'zzzz'\n", ""},
		{"raiseerr", []string{"--raiseerr", "-c", ini, "show", "zzzz"}, exitDatabase, "", "Can't locate revision identified by 'zzzz'"},
		{"missing config", []string{"-c", missing, "heads"}, exitFailed,
			"FAILED: No config file '" + missing + "' found, or file has no '[alembic]' section\n", ""},
		{"missing section", []string{"-c", ini, "-n", "other", "heads"}, exitFailed,
			"FAILED: No config file '" + ini + "' found, or file has no '[other]' section\n", ""},
		{"relative revision is not a flag", []string{"-c", ini, "show", "-1"}, exitOK, "", ""},
		{"relative revision past the base", []string{"-c", ini, "show", "-2"}, exitFailed, "FAILED: Relative revision -2 didn't produce 2 migrations\n", ""},
		{"range without sql", []string{"-c", ini, "upgrade", "a:b"}, exitFailed, "FAILED: Range revision not allowed\n", ""},
		{"offline downgrade needs a range", []string{"-c", ini, "downgrade", "base", "--sql"}, exitFailed, "", "FAILED: downgrade with --sql requires <fromrev>:<torev>\n"},
		{"history range needs a colon", []string{"-c", ini, "history", "-r", "a1b2"}, exitFailed, "FAILED: History range requires [start]:[end], [start]:, or :[end]\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr, func(string) string { return "" })
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d (stdout %q, stderr %q)", code, tt.wantCode, stdout.String(), stderr.String())
			}
			if stdout.String() != tt.wantStdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tt.wantStdout)
			}
			if tt.wantStderr == "" && stderr.Len() > 0 {
				t.Errorf("stderr %q, want nothing", stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}

func TestInvocation_Mask(t *testing.T) {
	project, err := dburl.Parse("postgresql://app:s3cret@db/prod")
	if err != nil {
		t.Fatal(err)
	}
	inv := &invocation{database: project}
	tests := []struct{ in, want string }{
		{"password authentication failed (password=s3cret)", "password authentication failed (password=***)"},
		{"postgresql://app:s3cret@db:5432/prod", "postgresql://app:XXXXX@db:5432/prod"},
		{"can't connect: mysql+pymysql://root:pw@localhost/x failed", "can't connect: mysql+pymysql://root:XXXXX@localhost/x failed"},
		{"sqlite:////tmp/app.db", "sqlite:////tmp/app.db"},
		{"no url here: a:b@c", "no url here: a:b@c"},
	}
	for _, tt := range tests {
		if got := inv.mask(tt.in); got != tt.want {
			t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A flag value that looks like a negative number reaches the command as
// typed, as argparse gives it.
func TestRun_NumericFlagValues(t *testing.T) {
	dir := t.TempDir()
	ini := filepath.Join(dir, "alembic.ini")
	for _, args := range [][]string{
		{"-c", ini, "init", filepath.Join(dir, "migrations")},
		{"-c", ini, "revision", "-m", "-1", "--rev-id", "b2c3d4e5"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr, func(string) string { return "" }); code != exitOK {
			t.Fatalf("%q: exit status %d: %s%s", args, code, stdout.String(), stderr.String())
		}
	}
	src, err := os.ReadFile(filepath.Join(dir, "migrations", "versions", "b2c3d4e5_1.py"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(src), `"""-1`+"\n") {
		t.Errorf("script starts %q, want the message -1", string(src)[:20])
	}
}
