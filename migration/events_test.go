package migration

import (
	"errors"
	"strings"
	"testing"

	"github.com/retort-dev/retort/revision"
)

func TestLogMessages(t *testing.T) {
	tests := []struct {
		name  string
		event LogEvent
		want  string
	}{
		{"impl", ContextImpl{Impl: "PostgresqlImpl"}, "Context impl PostgresqlImpl."},
		{"static", StaticSQL{}, "Generating static SQL"},
		{"transactional", TransactionalDDL{Transactional: true}, "Will assume transactional DDL."},
		{"non-transactional", TransactionalDDL{}, "Will assume non-transactional DDL."},
		{"upgrade from base", StepStarted{Kind: KindUpgrade, ToIDs: []string{"ae1027a6acf"}, Message: "create account table"},
			"Running upgrade  -> ae1027a6acf, create account table"},
		{"merge", StepStarted{Kind: KindUpgrade, FromIDs: []string{"a", "b"}, ToIDs: []string{"c"}, Message: "merge"},
			"Running upgrade a, b -> c, merge"},
		{"unmerge", StepStarted{Kind: KindDowngrade, FromIDs: []string{"c"}, ToIDs: []string{"a", "b"}, Message: "merge"},
			"Running downgrade c -> a, b, merge"},
		{"downgrade to base", StepStarted{Kind: KindDowngrade, FromIDs: []string{"a1"}, Message: "create t1"},
			"Running downgrade a1 -> , create t1"},
		{"no message", StepStarted{Kind: KindUpgrade, FromIDs: []string{"a1"}, ToIDs: []string{"b1"}},
			"Running upgrade a1 -> b1"},
		{"stamp", StepStarted{Kind: KindStamp, ToIDs: []string{"x"}}, "Running stamp_revision  -> x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.event.LogMessage(); got != tt.want {
				t.Errorf("LogMessage() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestApplyChange(t *testing.T) {
	tests := []struct {
		name   string
		heads  []string
		change revision.VersionChange
		want   []string
	}{
		{"insert first row", nil, revision.VersionChange{Insert: []string{"a"}}, []string{"a"}},
		{"update in place", []string{"x", "a"}, revision.VersionChange{Update: []revision.Update{{From: "a", To: "b"}}}, []string{"x", "b"}},
		{"merge", []string{"b", "c"}, revision.VersionChange{Delete: []string{"b"}, Update: []revision.Update{{From: "c", To: "m"}}}, []string{"m"}},
		{"unmerge", []string{"m"}, revision.VersionChange{Insert: []string{"b"}, Update: []revision.Update{{From: "m", To: "c"}}}, []string{"c", "b"}},
		{"delete last", []string{"a"}, revision.VersionChange{Delete: []string{"a"}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := applyChange(tt.heads, tt.change)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("applyChange(%v) = %v, want %v", tt.heads, got, tt.want)
			}
		})
	}
}

func TestStampUnitsDescribeMoves(t *testing.T) {
	units := stampUnits([]revision.VersionChange{
		{Delete: []string{"b1"}, Update: []revision.Update{{From: "c1", To: "m1"}}},
		{Insert: []string{"x"}},
	})
	if len(units) != 2 {
		t.Fatalf("got %d units, want 2", len(units))
	}
	first := StepStarted{Kind: units[0].kind, FromIDs: units[0].from, ToIDs: units[0].to}.LogMessage()
	if first != "Running stamp_revision b1, c1 -> m1" {
		t.Errorf("merge stamp line = %q", first)
	}
	second := StepStarted{Kind: units[1].kind, FromIDs: units[1].from, ToIDs: units[1].to}.LogMessage()
	if second != "Running stamp_revision  -> x" {
		t.Errorf("new branch stamp line = %q", second)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"failed to connect to postgresql://bob:s3cret@db:5432/app", "failed to connect to postgresql://bob:***@db:5432/app"},
		{"Error 1045: bob:hunter2@tcp(127.0.0.1:3306)/app", "Error 1045: bob:***@tcp(127.0.0.1:3306)/app"},
		{"no credentials here: host:5432", "no credentials here: host:5432"},
	}
	for _, tt := range tests {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStepErrorMessage(t *testing.T) {
	cause := &statementError{SQL: "CREATE TABLE t3 (id INTEGER)", Err: errors.New(`relation "t3" already exists`)}
	tests := []struct {
		name string
		err  *StepError
		want string
	}{
		{
			"transactional",
			&StepError{Kind: KindUpgrade, Revision: "c1", FromIDs: []string{"b1"}, ToIDs: []string{"c1"}, Path: "versions/c1.py",
				Statement: cause.SQL, Applied: []string{"b1"}, RolledBack: true, Err: cause},
			`upgrade b1 -> c1 (versions/c1.py) failed: relation "t3" already exists; statement: CREATE TABLE t3 (id INTEGER); rolled back, the version table is at b1`,
		},
		{
			"non-transactional at base",
			&StepError{Kind: KindUpgrade, Revision: "a1", ToIDs: []string{"a1"}, Statement: "BAD", Err: errors.New("syntax error")},
			`upgrade  -> a1 failed: syntax error; statement: BAD; DDL is not transactional on this database: statements of a1 before the failing one stay applied; the version table is at base (no rows) (fix the schema, then "stamp" if needed)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
			}
			if !errors.Is(tt.err, tt.err.Err) {
				t.Errorf("StepError does not unwrap to its cause")
			}
		})
	}
}
