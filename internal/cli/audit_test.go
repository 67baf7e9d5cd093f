package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/dbtest"
)

func TestLogAndVerify_Live(t *testing.T) {
	for _, live := range []struct {
		name string
		open func(testing.TB) (*sql.DB, string)
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}, {"mysql", dbtest.MySQL}} {
		t.Run(live.name, func(t *testing.T) {
			_, dbURL := live.open(t)
			ini := writeProject(t)
			src, err := os.ReadFile(ini)
			if err != nil {
				t.Fatal(err)
			}
			withURL := strings.Replace(string(src), "sqlite:///%(here)s/app.db", strings.ReplaceAll(dbURL, "%", "%%"), 1)
			if err := os.WriteFile(ini, []byte(withURL), 0o644); err != nil {
				t.Fatal(err)
			}
			script := filepath.Join(filepath.Dir(ini), "migrations", "versions", "a1b2c3d4_first.py")
			retort := func(wantCode int, args ...string) (string, string) {
				t.Helper()
				var stdout, stderr bytes.Buffer
				if code := run(context.Background(), append([]string{"-c", ini}, args...), &stdout, &stderr, func(string) string { return "" }); code != wantCode {
					t.Fatalf("retort %s: exit status %d, want %d\n%s%s", strings.Join(args, " "), code, wantCode, stdout.String(), stderr.String())
				}
				return stdout.String(), stderr.String()
			}

			if out, _ := retort(exitOK, "log"); out != "no history yet\n" {
				t.Errorf("log on a fresh database = %q", out)
			}
			if out, _ := retort(exitOK, "verify"); out != "no history yet\n" {
				t.Errorf("verify on a fresh database = %q", out)
			}
			retort(exitOK, "upgrade", "head")
			retort(exitOK, "downgrade", "base")
			retort(exitOK, "upgrade", "head")
			out, _ := retort(exitOK, "log")
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != 4 || !strings.HasPrefix(lines[0], "ID  STARTED (UTC)") {
				t.Fatalf("log =\n%s", out)
			}
			row := regexp.MustCompile(`^(\d+) +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +(\w+) +a1b2c3d4 +(\S+ -> \S+) +\S+ +\S+@\S+ +devel +[0-9a-f]{12}$`)
			var got []string
			for _, l := range lines[1:] {
				m := row.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("log row %q does not match %s", l, row)
				}
				got = append(got, m[1]+" "+m[2]+" "+m[3])
			}
			if want := []string{"3 upgrade base -> a1b2c3d4", "2 downgrade a1b2c3d4 -> base", "1 upgrade base -> a1b2c3d4"}; !slices.Equal(got, want) {
				t.Errorf("log rows = %q, want %q", got, want)
			}
			if out, _ := retort(exitOK, "log", "-n", "1"); strings.Count(out, "\n") != 2 || !strings.Contains(out, "\n3 ") {
				t.Errorf("log -n 1 =\n%s", out)
			}
			if out, _ := retort(exitOK, "log", "-n2", "-r", "a1b2c3d4:"); strings.Count(out, "\n") != 3 {
				t.Errorf("log -n2 -r a1b2c3d4: =\n%s", out)
			}
			if out, _ := retort(exitOK, "verify"); out != "1 applied revision(s) checked: 0 changed, 0 missing\n" {
				t.Errorf("verify = %q", out)
			}

			// An edited applied script: verify fails and names it; the next
			// upgrade warns, even with -q.
			body, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(script, append(body, "# edited\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
			out, _ = retort(exitFailed, "verify")
			if !strings.HasPrefix(out, "changed  a1b2c3d4  "+script+" (applied with sha256 ") ||
				!strings.HasSuffix(out, "1 applied revision(s) checked: 1 changed, 0 missing\nFAILED: 1 applied script(s) disagree with the audit trail\n") {
				t.Errorf("verify after edit =\n%s", out)
			}
			_, stderr := retort(exitOK, "-q", "upgrade", "head")
			if want := "WARNING: script " + script + " of applied revision a1b2c3d4 has changed since it was applied (see the verify command)\n"; stderr != want {
				t.Errorf("upgrade stderr = %q, want %q", stderr, want)
			}

			// The script is gone.
			if err := os.Remove(script); err != nil {
				t.Fatal(err)
			}
			out, _ = retort(exitFailed, "verify")
			if !strings.HasPrefix(out, "missing  a1b2c3d4  "+script+" (applied, script gone)\n") {
				t.Errorf("verify with the script gone =\n%s", out)
			}
		})
	}
}

func TestLogShorthand(t *testing.T) {
	tests := []struct{ in, want string }{
		{"log -n 5", "log --limit 5"},
		{"log -n5", "log --limit=5"},
		{"-n prod log -n 5", "-n prod log --limit 5"},
		{"-n prod history", "-n prod history"},
		{"history -n prod", "history -n prod"},
		{"log -- -n", "log -- -n"},
		{"-c x.ini log -r a: -n 2", "-c x.ini log -r a: --limit 2"},
	}
	for _, tt := range tests {
		if got := strings.Join(logShorthand(strings.Fields(tt.in)), " "); got != tt.want {
			t.Errorf("logShorthand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLog_NoHistoryTableOff(t *testing.T) {
	ini := writeProject(t)
	f, err := os.OpenFile(ini, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("history_table = false\n")
	f.Close()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-c", ini, "log"}, &stdout, &stderr, func(string) string { return "" }); code != exitFailed ||
		stdout.String() != "FAILED: the audit trail is turned off (history_table = false)\n" {
		t.Errorf("log with the trail off: %d %q %q", code, stdout.String(), stderr.String())
	}
}
