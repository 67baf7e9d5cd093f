package cli

import (
	"database/sql"
	"slices"
	"testing"

	"github.com/retort-dev/retort/internal/dbtest"
)

// TestJSON_RunDocumentsLive checks the upgrade, downgrade, log and verify
// documents against real PostgreSQL and MariaDB databases: the steps
// applied, the version table after, and the audit trail read back.
func TestJSON_RunDocumentsLive(t *testing.T) {
	for _, tt := range []struct {
		name string
		open func(testing.TB) (*sql.DB, string)
	}{
		{"postgres", dbtest.Postgres},
		{"mysql", dbtest.MySQL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, url := tt.open(t)
			ini := branchedProject(t)
			withURL(t, ini, url)

			up := runJSON(t, exitOK, "-q", "-c", ini, "upgrade", "b2b2", "--format", "json")
			var revs []string
			for _, s := range up["steps"].([]any) {
				step := s.(map[string]any)
				if step["direction"] != "upgrade" {
					t.Errorf("step %v: direction %v, want upgrade", step["revision"], step["direction"])
				}
				revs = append(revs, step["revision"].(string))
			}
			if !slices.Equal(revs, []string{"a1a1", "b2b2"}) {
				t.Errorf("upgrade steps %v, want [a1a1 b2b2]", revs)
			}
			if got := strs(up["current"]); !slices.Equal(got, []string{"b2b2"}) {
				t.Errorf("current after upgrade %v, want [b2b2]", got)
			}

			down := runJSON(t, exitOK, "-q", "-c", ini, "downgrade", "-1", "--format", "json")
			steps := down["steps"].([]any)
			if len(steps) != 1 || steps[0].(map[string]any)["revision"] != "b2b2" || steps[0].(map[string]any)["direction"] != "downgrade" {
				t.Errorf("downgrade steps %v, want one downgrade of b2b2", steps)
			}
			if got := strs(down["current"]); !slices.Equal(got, []string{"a1a1"}) {
				t.Errorf("current after downgrade %v, want [a1a1]", got)
			}

			log := runJSON(t, exitOK, "-q", "-c", ini, "log", "--format", "json")
			var trail []string
			for _, r := range log["history"].([]any) {
				row := r.(map[string]any)
				trail = append(trail, row["revision"].(string)+" "+row["direction"].(string))
			}
			if want := []string{"b2b2 downgrade", "b2b2 upgrade", "a1a1 upgrade"}; !slices.Equal(trail, want) {
				t.Errorf("log, newest first: %v, want %v", trail, want)
			}

			ver := runJSON(t, exitOK, "-q", "-c", ini, "verify", "--format", "json")
			if ver["ok"] != true || ver["checked"] != float64(1) {
				t.Errorf("verify = %v, want ok with 1 revision checked", ver)
			}
		})
	}
}
