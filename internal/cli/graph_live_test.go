package cli

import (
	"bytes"
	"context"
	"database/sql"
	neturl "net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/dbtest"
)

// withURL points a project's config at another database.
func withURL(t *testing.T, ini, url string) {
	t.Helper()
	src, err := os.ReadFile(ini)
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Replace(string(src), "sqlite:///%(here)s/app.db", strings.ReplaceAll(url, "%", "%%"), 1)
	if err := os.WriteFile(ini, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runText runs retort in-process and returns its status and output.
func runText(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr, func(string) string { return "" })
	return code, stdout.String(), stderr.String()
}

// TestGraph_LiveDatabases marks the revisions a real PostgreSQL (and
// MariaDB) database is at, in the picture and in current's JSON.
func TestGraph_LiveDatabases(t *testing.T) {
	for _, tt := range []struct {
		name, scheme string
		open         func(testing.TB) (*sql.DB, string)
	}{
		{"postgres", "postgresql", dbtest.Postgres},
		{"mysql", "mysql", dbtest.MySQL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, url := tt.open(t)
			liveGraph(t, url, tt.scheme)
		})
	}
}

func liveGraph(t *testing.T, url, scheme string) {
	ini := branchedProject(t)
	withURL(t, ini, url)
	if code, out, errs := runText("-q", "-c", ini, "upgrade", "b2b2"); code != exitOK {
		t.Fatalf("upgrade: %d\n%s%s", code, out, errs)
	}
	code, out, errs := runText("-q", "-c", ini, "graph")
	want := "*-. d4d4 (head) (mergepoint) merge\n" +
		"@ | b2b2 [billing] (current) create invoice\n" +
		"| * c3c3 create shipment\n" +
		"*-' a1a1 (branchpoint) create account\n" +
		"    * e5e5 [audit] (head) (depends on c3c3) create audit\n"
	if code != exitOK || out != want || errs != "" {
		t.Errorf("graph: status %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errs, out, want)
	}
	code, out, _ = runText("-q", "-c", ini, "graph", "--no-db")
	if code != exitOK || strings.Contains(out, "@") || strings.Contains(out, "(current)") {
		t.Errorf("graph --no-db marks current revisions (status %d):\n%s", code, out)
	}

	cur := runJSON(t, exitOK, "-q", "-c", ini, "current", "--format", "json")
	if got := ids(cur["current"]); !slices.Equal(got, []string{"b2b2"}) {
		t.Errorf("current --format json lists %v, want [b2b2]", got)
	}
	first := cur["current"].([]any)[0].(map[string]any)
	if first["current"] != true || !slices.Equal(strs(first["branch_labels"]), []string{"billing"}) {
		t.Errorf("current revision = %v", first)
	}
	shown := cur["url"].(string)
	if !strings.HasPrefix(shown, scheme) {
		t.Errorf("url = %q, want the project's %s URL", shown, scheme)
	}
	if u, err := neturl.Parse(url); err == nil {
		if pw, ok := u.User.Password(); ok && pw != "" && (strings.Contains(shown, ":"+pw+"@") || !strings.Contains(shown, ":XXXXX@")) {
			t.Errorf("url = %q, want the password masked as XXXXX", shown)
		}
	}
}

// TestGraph_UnreachableDatabase draws without marks and says why in one
// line on stderr, the password masked.
func TestGraph_UnreachableDatabase(t *testing.T) {
	ini := branchedProject(t)
	withURL(t, ini, "postgresql://scott:tiger-secret@127.0.0.1:1/nothing")
	code, out, errs := runText("-q", "-c", ini, "graph")
	if code != exitOK {
		t.Fatalf("graph: status %d\n%s%s", code, out, errs)
	}
	if !strings.HasPrefix(out, "*-. d4d4 (head) (mergepoint) merge\n") || strings.Contains(out, "@") {
		t.Errorf("graph stdout:\n%s", out)
	}
	if strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "retort: graph: no current revisions shown: ") || strings.Contains(errs, "tiger-secret") {
		t.Errorf("graph stderr = %q, want one line without the password", errs)
	}
	// A range that names "current" needs the database: that is an error.
	if code, _, errs := runText("-q", "-c", ini, "graph", "-r", "current:"); code == exitOK {
		t.Errorf("graph -r current: on an unreachable database succeeded: %q", errs)
	}
}
