package pyscript_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOfflineSQLMatchesAlembic runs each case under testdata/alembic with
// --sql on every dialect Alembic's output was recorded for (record.sh
// there) and compares the step's statements.
func TestOfflineSQLMatchesAlembic(t *testing.T) {
	cases, err := filepath.Glob("testdata/alembic/*.py")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".py")
		body, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{"postgresql", "sqlite", "mysql"} {
			want, err := os.ReadFile(filepath.Join("testdata/alembic", name+"."+d+".sql"))
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Run(name+"/"+d, func(t *testing.T) {
				src := fullScript(unindent(string(body)))
				if strings.HasPrefix(string(body), "def upgrade():") || strings.Contains(string(body), "\ndef upgrade():") {
					src = moduleScript(string(body))
				}
				got, err := offlineScriptSQL(t, d, src)
				if err != nil {
					t.Fatalf("upgrade --sql: %v", err)
				}
				if got != string(want) {
					t.Errorf("differs from Alembic's\n--- got\n%s\n--- want\n%s", got, want)
				}
			})
		}
	}
}

// unindent removes the four spaces the case files indent upgrade's body by.
func unindent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "    ")
	}
	return strings.Join(lines, "\n")
}
