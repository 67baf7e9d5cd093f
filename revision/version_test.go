package revision

import (
	"errors"
	"testing"
)

func TestApplyStep(t *testing.T) {
	tests := []struct {
		graph   string
		heads   []string
		rev     string
		up      bool
		change  string
		after   []string
		wantErr string
	}{
		{"linear", nil, "1a2b3c", true, "INSERT 1a2b3c", []string{"1a2b3c"}, ""},
		{"linear", []string{"1a2b3c"}, "2b3c4d", true, "UPDATE 1a2b3c 2b3c4d", []string{"2b3c4d"}, ""},
		{"linear", []string{"2b3c4d"}, "2b3c4d", false, "UPDATE 2b3c4d 1a2b3c", []string{"1a2b3c"}, ""},
		{"linear", []string{"1a2b3c"}, "1a2b3c", false, "DELETE 1a2b3c", []string{}, ""},
		{"linear", []string{"1a2b3c"}, "1a2b3c", true, "", nil, "Can't insert version 1a2b3c: it is already in the version table"},
		{"linear", []string{"3c4d5e"}, "2b3c4d", false, "", nil, "Can't update version 2b3c4d to 1a2b3c: 2b3c4d is not in the version table"},
		// A second branch starts with an INSERT; a branch below another row's
		// lineage is deleted rather than updated.
		{"branched", []string{"c3aa"}, "d2bb", true, "INSERT d2bb", []string{"c3aa", "d2bb"}, ""},
		{"branched", []string{"c3aa", "d2bb"}, "d2bb", false, "DELETE d2bb", []string{"c3aa"}, ""},
		{"branched", []string{"c2aa"}, "c2aa", false, "UPDATE c2aa b1a1", []string{"b1a1"}, ""},
		// Merges: all parent rows but the last are deleted, the last updated.
		{"merged", []string{"c3aa", "d3bb"}, "e4cd", true, "DELETE c3aa | UPDATE d3bb e4cd", []string{"e4cd"}, ""},
		{"merged", []string{"d3bb", "c3aa"}, "e4cd", true, "DELETE c3aa | UPDATE d3bb e4cd", []string{"e4cd"}, ""},
		// Unmerge: rows for the parents, the last by updating the merge row.
		{"merged", []string{"e4cd"}, "e4cd", false, "INSERT c3aa | UPDATE e4cd d3bb", []string{"d3bb", "c3aa"}, ""},
		// A merge with only one parent row is a plain update of that row.
		{"merged", []string{"c3aa", "d2bb"}, "e4cd", true, "UPDATE c3aa e4cd", []string{"e4cd", "d2bb"}, ""},
		{"merged", []string{"c2aa", "d2bb"}, "e4cd", true, "INSERT e4cd", []string{"c2aa", "d2bb", "e4cd"}, ""},
		// Dependencies: the dependent's row replaces the dependency's.
		{"deps", []string{"aa02", "bb01"}, "bb02", true, "DELETE bb01 | UPDATE aa02 bb02", []string{"bb02"}, ""},
		{"deps", []string{"aa02"}, "bb01", true, "INSERT bb01", []string{"aa02", "bb01"}, ""},
		{"deps", []string{"bb02"}, "bb02", false, "INSERT bb01 | UPDATE bb02 aa02", []string{"aa02", "bb01"}, ""},
		{"deps", []string{"bb02", "aa03"}, "bb02", false, "UPDATE bb02 bb01", []string{"bb01", "aa03"}, ""},
		{"linear", []string{"zzzz", "1a2b3c"}, "1a2b3c", false, "DELETE 1a2b3c", []string{"zzzz"}, ""},
		{"linear", []string{"zzzz", "2b3c4d"}, "2b3c4d", false, "", nil, "No such revision or branch 'zzzz'"},
	}
	for _, tt := range tests {
		name := tt.graph + "/" + tt.rev
		if tt.up {
			name += "/up"
		} else {
			name += "/down"
		}
		t.Run(name, func(t *testing.T) {
			m := mustMap(t, oracleGraphs[tt.graph])
			ch, after, err := m.ApplyStep(tt.heads, Step{Revision: mustGet(t, m, tt.rev), Up: tt.up})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := renderChange(ch); got != tt.change {
				t.Errorf("change = %q, want %q", got, tt.change)
			}
			if !equalStrings(after, tt.after) {
				t.Errorf("rows after = %v, want %v", after, tt.after)
			}
		})
	}
}

func TestApplyStepRejectsForeignRevision(t *testing.T) {
	m := mustMap(t, oracleGraphs["linear"])
	if _, _, err := m.ApplyStep(nil, Step{Revision: &Revision{ID: "other"}, Up: true}); err == nil {
		t.Error("ApplyStep accepted a revision from another map")
	}
	if _, _, err := m.ApplyStep(nil, Step{}); err == nil {
		t.Error("ApplyStep accepted an empty step")
	}
}

func TestStampChanges(t *testing.T) {
	tests := []struct {
		name    string
		graph   string
		current []string
		targets []string
		purge   bool
		changes []VersionChange
		rows    []string
		wantErr string
	}{
		{
			name: "purge then insert", graph: "linear", current: []string{"zzzz"}, targets: []string{"head"}, purge: true,
			changes: []VersionChange{{Purge: true}, {Insert: []string{"5e6f7a"}}}, rows: []string{"5e6f7a"},
		},
		{
			name: "unknown row without purge", graph: "linear", current: []string{"zzzz"}, targets: []string{"head"},
			wantErr: "Can't locate revision identified by 'zzzz'",
		},
		{
			name: "no targets means base", graph: "linear", current: []string{"3c4d5e"}, targets: nil,
			changes: []VersionChange{{Delete: []string{"3c4d5e"}}}, rows: []string{},
		},
		{
			name: "already there", graph: "linear", current: []string{"3c4d5e"}, targets: []string{"3c4d5e"},
			changes: nil, rows: []string{"3c4d5e"},
		},
		{
			name: "down to a branch point", graph: "branched", current: []string{"c3aa", "d3bb"}, targets: []string{"b1a1"},
			changes: []VersionChange{{Delete: []string{"c3aa"}, Update: []Update{{From: "d3bb", To: "b1a1"}}}}, rows: []string{"b1a1"},
		},
		{
			name: "up into two branches", graph: "branched", current: []string{"b1a1"}, targets: []string{"heads"},
			changes: []VersionChange{{Update: []Update{{From: "b1a1", To: "c3aa"}}}, {Insert: []string{"d3bb"}}},
			rows:    []string{"c3aa", "d3bb"},
		},
		{
			name: "multiple heads", graph: "branched", current: nil, targets: []string{"head"},
			wantErr: "Multiple heads are present; please specify a single target revision",
		},
		{
			name: "unknown target", graph: "branched", current: nil, targets: []string{"nope"},
			wantErr: "Can't locate revision identified by 'nope'",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustMap(t, oracleGraphs[tt.graph])
			changes, err := m.StampChanges(tt.current, tt.targets, tt.purge)
			if tt.wantErr != "" {
				var ce *CommandError
				if err == nil || err.Error() != tt.wantErr || !errors.As(err, &ce) {
					t.Fatalf("error = %v, want *CommandError %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(changes) != len(tt.changes) {
				t.Fatalf("changes = %+v, want %+v", changes, tt.changes)
			}
			for i := range changes {
				if renderChange(changes[i]) != renderChange(tt.changes[i]) || changes[i].Purge != tt.changes[i].Purge {
					t.Errorf("change %d = %+v, want %+v", i, changes[i], tt.changes[i])
				}
			}
			rows, err := m.StampResult(tt.current, tt.targets, tt.purge)
			if err != nil {
				t.Fatal(err)
			}
			if !equalStrings(sorted(rows), sorted(tt.rows)) {
				t.Errorf("rows = %v, want %v", rows, tt.rows)
			}
		})
	}
}

func TestVersionChangeIsEmpty(t *testing.T) {
	if !(VersionChange{}).IsEmpty() {
		t.Error("zero change is not empty")
	}
	for _, c := range []VersionChange{{Purge: true}, {Delete: []string{"a"}}, {Insert: []string{"a"}}, {Update: []Update{{"a", "b"}}}} {
		if c.IsEmpty() {
			t.Errorf("%+v reported empty", c)
		}
	}
}

// Running every upgrade step through ApplyStep from an empty table must
// end with exactly the heads, and every downgrade back must end empty.
func TestStepsRoundTrip(t *testing.T) {
	for _, name := range []string{"linear", "branched", "merged", "multibase", "deps", "effective", "twobranch", "labelline"} {
		t.Run(name, func(t *testing.T) {
			m := mustMap(t, oracleGraphs[name])
			steps, err := m.Upgrade(nil, "heads")
			if err != nil {
				t.Fatal(err)
			}
			if len(steps) != m.Len() {
				t.Fatalf("%d steps for %d revisions", len(steps), m.Len())
			}
			var rows []string
			for _, s := range steps {
				if _, rows, err = m.ApplyStep(rows, s); err != nil {
					t.Fatalf("%v: %v", s, err)
				}
			}
			if !equalStrings(sorted(rows), sorted(revIDs(m.RealHeads()))) {
				t.Fatalf("rows after upgrade = %v, want %v", rows, revIDs(m.RealHeads()))
			}
			current, err := m.CurrentHeads(rows)
			if err != nil {
				t.Fatal(err)
			}
			if !equalStrings(sorted(revIDs(current)), sorted(revIDs(m.Heads()))) {
				t.Errorf("current = %v, want every head %v", revIDs(current), revIDs(m.Heads()))
			}
			down, err := m.Downgrade(rows, "base")
			if err != nil {
				t.Fatal(err)
			}
			if len(down) != m.Len() {
				t.Fatalf("%d downgrade steps for %d revisions", len(down), m.Len())
			}
			for _, s := range down {
				if _, rows, err = m.ApplyStep(rows, s); err != nil {
					t.Fatalf("%v: %v", s, err)
				}
			}
			if len(rows) != 0 {
				t.Errorf("rows after downgrade to base = %v", rows)
			}
			// Ancestors always come first on the way up.
			seen := map[string]bool{}
			for _, s := range steps {
				for _, p := range m.StepParents(s.Revision) {
					if !seen[p] {
						t.Errorf("%s upgraded before its parent %s", s.Revision.ID, p)
					}
				}
				seen[s.Revision.ID] = true
			}
		})
	}
}

func TestStepString(t *testing.T) {
	m := mustMap(t, oracleGraphs["merged"])
	tests := []struct {
		step Step
		want string
	}{
		{Step{Revision: mustGet(t, m, "e4cd"), Up: true}, "upgrade c3aa, d3bb -> e4cd"},
		{Step{Revision: mustGet(t, m, "e4cd")}, "downgrade e4cd -> c3aa, d3bb"},
		{Step{Revision: mustGet(t, m, "b0a0"), Up: true}, "upgrade  -> b0a0"},
		{Step{}, "<nil step>"},
	}
	for _, tt := range tests {
		if got := tt.step.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
