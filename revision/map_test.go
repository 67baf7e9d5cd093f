package revision

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name    string
		revs    []*Revision
		want    string
		typeErr any
	}{
		{
			name: "duplicate id",
			revs: []*Revision{{ID: "aaaa", Path: "v/1.py"}, {ID: "aaaa", Path: "v/2.py"}},
			want: "Revision aaaa is present more than once (v/1.py, v/2.py)",
		},
		{
			name: "duplicate id without paths",
			revs: []*Revision{{ID: "aaaa"}, {ID: "bbbb", DownRevisions: []string{"aaaa"}}, {ID: "aaaa"}},
			want: "Revision aaaa is present more than once",
		},
		{
			name: "missing down revision",
			revs: []*Revision{{ID: "aaaa"}, {ID: "bbbb", DownRevisions: []string{"cccc"}, Path: "v/b.py"}},
			want: "Revision cccc referenced from bbbb (v/b.py) is not present",
		},
		{
			name: "down revision naming a label",
			revs: []*Revision{{ID: "aaaa", BranchLabels: []string{"lbl"}}, {ID: "bbbb", DownRevisions: []string{"lbl"}}},
			want: "Revision lbl referenced from bbbb is not present",
		},
		{
			name: "missing dependency",
			revs: []*Revision{{ID: "aaaa"}, {ID: "bbbb", DependsOn: []string{"zzzz"}}},
			want: "Dependency zzzz referenced from bbbb is not present",
		},
		{
			name: "ambiguous dependency prefix",
			revs: []*Revision{{ID: "aaaa1"}, {ID: "aaaa2"}, {ID: "bbbb", DependsOn: []string{"aaaa"}}},
			want: "Dependency aaaa referenced from bbbb is not present",
		},
		{
			name: "self loop",
			revs: []*Revision{{ID: "aaaa", DownRevisions: []string{"aaaa"}}},
			want: "Self-loop is detected in revisions (aaaa)",
		},
		{
			name: "dependency self loop",
			revs: []*Revision{{ID: "aaaa", DependsOn: []string{"aaaa"}}},
			want: "Dependency self-loop is detected in revisions (aaaa)",
		},
		{
			name: "dependency self loop through own label",
			revs: []*Revision{{ID: "aaaa", BranchLabels: []string{"me"}, DependsOn: []string{"me"}}},
			want: "Dependency self-loop is detected in revisions (aaaa)",
		},
		{
			// No revision is a head, so Alembic lists every revision.
			name: "cycle leaving no head",
			revs: []*Revision{{ID: "b0b0"}, {ID: "c1c1", DownRevisions: []string{"b0b0", "e3e3"}},
				{ID: "d2d2", DownRevisions: []string{"c1c1"}}, {ID: "e3e3", DownRevisions: []string{"d2d2"}}},
			want: "Cycle is detected in revisions (b0b0, c1c1, d2d2, e3e3)",
		},
		{
			name: "cycle without base",
			revs: []*Revision{{ID: "c1c1", DownRevisions: []string{"e3e3"}}, {ID: "d2d2", DownRevisions: []string{"c1c1"}},
				{ID: "e3e3", DownRevisions: []string{"d2d2"}}},
			want: "Cycle is detected in revisions (c1c1, d2d2, e3e3)",
		},
		{
			name: "two-node cycle",
			revs: []*Revision{{ID: "aaaa"}, {ID: "bbbb", DownRevisions: []string{"aaaa", "cccc"}}, {ID: "cccc", DownRevisions: []string{"bbbb"}}, {ID: "dddd", DownRevisions: []string{"aaaa"}}},
			want: "Cycle is detected in revisions (bbbb, cccc)",
		},
		{
			name: "dependency cycle",
			revs: []*Revision{{ID: "aaaa"}, {ID: "bbbb", DownRevisions: []string{"aaaa"}, DependsOn: []string{"cccc"}},
				{ID: "cccc", DownRevisions: []string{"aaaa"}, DependsOn: []string{"bbbb"}}},
			want: "Dependency cycle is detected in revisions (aaaa, bbbb, cccc)",
		},
		{
			name: "branch label used twice",
			revs: []*Revision{{ID: "aaaa", BranchLabels: []string{"x"}}, {ID: "bbbb", DownRevisions: []string{"aaaa"}, BranchLabels: []string{"x"}}},
			want: "Branch name 'x' in revision bbbb already used by revision aaaa",
		},
		{
			name: "branch label twice in one revision",
			revs: []*Revision{{ID: "aaaa", BranchLabels: []string{"x", "x"}}},
			want: "Branch name 'x' in revision aaaa already used by revision aaaa",
		},
		{
			name: "branch label equal to a revision id",
			revs: []*Revision{{ID: "aaaa"}, {ID: "bbbb", DownRevisions: []string{"aaaa"}, BranchLabels: []string{"aaaa"}}},
			want: "Branch name 'aaaa' in revision bbbb already used by revision aaaa",
		},
		{
			name: "illegal characters",
			revs: []*Revision{{ID: "a-b+c@d"}},
			want: "Character(s) '+, -, @' not allowed in revision identifier 'a-b+c@d'",
		},
		{
			name: "illegal dash",
			revs: []*Revision{{ID: "ab-cd"}},
			want: "Character(s) '-' not allowed in revision identifier 'ab-cd'",
		},
		{
			name: "empty id",
			revs: []*Revision{{ID: "", Path: "v/x.py"}},
			want: "Empty revision identifier in v/x.py",
		},
		{
			name: "nil revision",
			revs: []*Revision{{ID: "aaaa"}, nil},
			want: "revision number 1 is nil",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(tt.revs)
			if err == nil {
				t.Fatalf("New succeeded with heads %v", revIDs(m.Heads()))
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q\nwant    %q", err.Error(), tt.want)
			}
		})
	}
}

func TestNewErrorTypes(t *testing.T) {
	_, err := New([]*Revision{{ID: "aaaa"}, {ID: "aaaa"}})
	var dup *DuplicateRevisionError
	if !errors.As(err, &dup) || dup.ID != "aaaa" {
		t.Errorf("duplicate: got %T %v", err, err)
	}
	_, err = New([]*Revision{{ID: "aaaa", DependsOn: []string{"nope"}}})
	var missing *MissingRevisionError
	if !errors.As(err, &missing) || !missing.IsDependency || missing.Missing != "nope" || missing.From != "aaaa" {
		t.Errorf("missing: got %T %+v", err, err)
	}
	_, err = New([]*Revision{{ID: "aaaa", DownRevisions: []string{"bbbb"}}, {ID: "bbbb", DownRevisions: []string{"aaaa"}}})
	var cyc *CycleError
	if !errors.As(err, &cyc) || cyc.Kind != Cycle || !slices.Equal(cyc.Revisions, []string{"aaaa", "bbbb"}) {
		t.Errorf("cycle: got %T %v", err, err)
	}
	_, err = New([]*Revision{{ID: "aaaa", BranchLabels: []string{"x"}}, {ID: "bbbb", BranchLabels: []string{"x"}}})
	var lbl *DuplicateLabelError
	if !errors.As(err, &lbl) || lbl.Label != "x" || lbl.UsedBy != "aaaa" {
		t.Errorf("label: got %T %v", err, err)
	}
}

// An empty string in down_revision or depends_on means none, as in Alembic.
func TestEmptyReferences(t *testing.T) {
	m, err := New([]*Revision{{ID: "aaaa", DownRevisions: []string{""}, DependsOn: []string{""}}, {ID: "bbbb", DownRevisions: []string{"aaaa"}}})
	if err != nil {
		t.Fatal(err)
	}
	a := mustGet(t, m, "aaaa")
	if !m.IsBase(a) || !equalStrings(revIDs(m.RealBases()), []string{"aaaa"}) {
		t.Errorf("aaaa is not a real base: bases %v", revIDs(m.RealBases()))
	}
	if got := (Step{Revision: a, Up: true}).String(); got != "upgrade  -> aaaa" {
		t.Errorf("Step.String() = %q", got)
	}
}

func TestNewEmpty(t *testing.T) {
	m, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Heads()) != 0 || len(m.Bases()) != 0 || len(m.Revisions()) != 0 {
		t.Errorf("empty map has revisions")
	}
	steps, err := m.Upgrade(nil, "heads")
	if err != nil || len(steps) != 0 {
		t.Errorf("Upgrade on empty map = %v, %v", steps, err)
	}
	if r, err := m.Get("head"); r != nil || err != nil {
		t.Errorf("Get(head) on empty map = %v, %v", r, err)
	}
	if _, err := m.Get("abcd"); err == nil {
		t.Errorf("Get(abcd) on empty map succeeded")
	}
}

// New resets computed state, so a Revision can be reused to build a
// fresh map (e.g. after the loader adds a file).
func TestNewReusesRevisions(t *testing.T) {
	revs := []*Revision{{ID: "aaaa"}, {ID: "bbbb", DownRevisions: []string{"aaaa"}}}
	if _, err := New(revs); err != nil {
		t.Fatal(err)
	}
	revs = append(revs, &Revision{ID: "cccc", DownRevisions: []string{"bbbb"}})
	m, err := New(revs)
	if err != nil {
		t.Fatal(err)
	}
	if got := revIDs(m.Heads()); !slices.Equal(got, []string{"cccc"}) {
		t.Errorf("heads = %v", got)
	}
	if got := revIDs(m.Children(revs[0])); !slices.Equal(got, []string{"bbbb"}) {
		t.Errorf("children of aaaa = %v (stale state from the first map?)", got)
	}
}

func TestDependsOnForms(t *testing.T) {
	tests := []struct {
		name string
		dep  string
		want string
	}{
		{"full id", "aaaa1111", "aaaa1111"},
		{"unique prefix", "aaaa1", "aaaa1111"},
		{"branch label", "alpha", "aaaa1111"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustMap(t, []testRev{
				{"aaaa1111", nil, nil, []string{"alpha"}},
				{"bbbb2222", nil, []string{tt.dep}, nil},
			})
			b, _ := m.Lookup("bbbb2222")
			if got := revIDs(m.Dependencies(b)); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("Dependencies = %v, want [%s]", got, tt.want)
			}
			if got := m.StepParents(b); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("StepParents = %v, want [%s]", got, tt.want)
			}
			if got := revIDs(m.RealHeads()); !slices.Equal(got, []string{"bbbb2222"}) {
				t.Errorf("RealHeads = %v", got)
			}
		})
	}
}

// A dependency an ancestor already has is not a parent of the step.
func TestDependencyNormalization(t *testing.T) {
	m := mustMap(t, []testRev{
		{"aaaa", nil, nil, nil},
		{"bbbb", nil, nil, nil},
		{"cccc", []string{"bbbb"}, []string{"aaaa"}, nil},
		{"dddd", []string{"cccc"}, []string{"aaaa"}, nil},
	})
	d, _ := m.Lookup("dddd")
	c, _ := m.Lookup("cccc")
	if got := m.StepParents(d); !slices.Equal(got, []string{"cccc"}) {
		t.Errorf("StepParents(dddd) = %v, want [cccc]", got)
	}
	if got := m.StepParents(c); !slices.Equal(got, []string{"bbbb", "aaaa"}) {
		t.Errorf("StepParents(cccc) = %v, want [bbbb aaaa]", got)
	}
	if got := revIDs(m.Dependents(mustGet(t, m, "aaaa"))); !slices.Equal(got, []string{"cccc", "dddd"}) {
		t.Errorf("Dependents(aaaa) = %v", got)
	}
}

func mustGet(t *testing.T, m *Map, id string) *Revision {
	t.Helper()
	r, err := m.Get(id)
	if err != nil {
		t.Fatalf("Get(%q): %v", id, err)
	}
	return r
}

func TestPredicates(t *testing.T) {
	m := mustMap(t, oracleGraphs["merged"])
	tests := []struct {
		id                                  string
		head, realHead, base, branch, merge bool
		children                            []string
	}{
		{"b0a0", false, false, true, false, false, []string{"b1a1"}},
		{"b1a1", false, false, false, true, false, []string{"c2aa", "d2bb"}},
		{"c3aa", false, false, false, false, false, []string{"e4cd"}},
		{"e4cd", false, false, false, false, true, []string{"e5ff"}},
		{"e5ff", true, true, false, false, false, []string{}},
	}
	for _, tt := range tests {
		r := mustGet(t, m, tt.id)
		if m.IsHead(r) != tt.head || m.IsRealHead(r) != tt.realHead || m.IsBase(r) != tt.base ||
			m.IsBranchPoint(r) != tt.branch || m.IsMergePoint(r) != tt.merge {
			t.Errorf("%s: head=%v realHead=%v base=%v branch=%v merge=%v", tt.id,
				m.IsHead(r), m.IsRealHead(r), m.IsBase(r), m.IsBranchPoint(r), m.IsMergePoint(r))
		}
		if got := revIDs(m.Children(r)); !slices.Equal(got, tt.children) {
			t.Errorf("Children(%s) = %v, want %v", tt.id, got, tt.children)
		}
	}
	e := mustGet(t, m, "e4cd")
	if got := revIDs(m.Parents(e)); !slices.Equal(got, []string{"c3aa", "d3bb"}) {
		t.Errorf("Parents(e4cd) = %v", got)
	}
	// Labels propagate to descendants: the merge carries both branches.
	if got := m.BranchLabels(e); !slices.Equal(got, []string{"cbr", "dbr"}) {
		t.Errorf("BranchLabels(e4cd) = %v", got)
	}
	if r, ok := m.Lookup("e4c"); ok {
		t.Errorf("Lookup matched prefix: %v", r.ID)
	}
	if r, ok := m.Lookup("cbr"); ok {
		t.Errorf("Lookup matched label: %v", r.ID)
	}
	if m.Len() != 8 {
		t.Errorf("Len = %d", m.Len())
	}
}

func TestEffectiveHead(t *testing.T) {
	m := mustMap(t, oracleGraphs["effective"])
	dd02 := mustGet(t, m, "dd02")
	if !m.IsHead(dd02) || m.IsRealHead(dd02) {
		t.Errorf("dd02 should be an effective head: head=%v real=%v", m.IsHead(dd02), m.IsRealHead(dd02))
	}
}

func TestParseRelative(t *testing.T) {
	tests := []struct {
		in    string
		ok    bool
		label string
		sym   string
		delta string
		steps int
	}{
		{"+1", true, "", "", "+1", 1},
		{"-2", true, "", "", "-2", -2},
		{"-01", true, "", "", "-01", -1},
		{"+0", true, "", "", "+0", 0},
		{"ae10+2", true, "", "ae10", "+2", 2},
		{"ae10-1", true, "", "ae10", "-1", -1},
		{"br@+3", true, "br", "", "+3", 3},
		{"br@-1", true, "br", "", "-1", -1},
		{"br@ae10+1", true, "br", "ae10", "+1", 1},
		{"a@b@+1", true, "a", "b", "", 0}, // fixed below: label is the shortest prefix that works
		{"a@b@c+1", true, "a@b", "c", "+1", 1},
		{"ae10+2junk", true, "", "ae10", "+2", 2},
		{"head", false, "", "", "", 0},
		{"br@head", false, "", "", "", 0},
		{"ae10", false, "", "", "", 0},
		{"+", false, "", "", "", 0},
		{"-x", false, "", "", "", 0},
		{"@+1", false, "", "", "", 0},
		{"", false, "", "", "", 0},
		{"ü1+1", true, "", "ü1", "+1", 1},
		{"+99999999999999999999", true, "", "", "+99999999999999999999", 0},
	}
	for _, tt := range tests {
		rel, ok := ParseRelative(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseRelative(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		switch tt.in {
		case "a@b@+1":
			// "a" then "b@+1": "b@" is not a symbol, so the label grows to "a@b".
			if rel.Label != "a@b" || rel.Symbol != "" || rel.Steps != 1 {
				t.Errorf("ParseRelative(%q) = %+v", tt.in, rel)
			}
			continue
		case "+99999999999999999999":
			if rel.Steps <= 1<<39 {
				t.Errorf("huge steps not saturated: %d", rel.Steps)
			}
			continue
		}
		if rel.Label != tt.label || rel.Symbol != tt.sym || rel.Delta != tt.delta || rel.Steps != tt.steps {
			t.Errorf("ParseRelative(%q) = %+v, want label=%q symbol=%q delta=%q steps=%d",
				tt.in, rel, tt.label, tt.sym, tt.delta, tt.steps)
		}
	}
}

func TestParseIdentifier(t *testing.T) {
	tests := []struct {
		in   string
		want Identifier
	}{
		{"abc:def", Identifier{IsRange: true, RangeLower: "abc", RangeUpper: "def"}},
		{":head", Identifier{IsRange: true, RangeUpper: "head"}},
		{"-2:", Identifier{IsRange: true, RangeLower: "-2"}},
		{"br@head", Identifier{Label: "br", Symbol: "head"}},
		{"heads", Identifier{Symbol: "heads"}},
	}
	for _, tt := range tests {
		if got := ParseIdentifier(tt.in); got != tt.want {
			t.Errorf("ParseIdentifier(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	rel := ParseIdentifier("br@-1")
	if rel.Relative == nil || rel.Relative.Steps != -1 || rel.Label != "br" {
		t.Errorf("ParseIdentifier(br@-1) = %+v", rel)
	}
}

func FuzzParseIdentifier(f *testing.F) {
	for _, s := range []string{"head", "heads", "base", "+1", "-2", "ae10+2", "br@-1", "br@ae10+1", "a:b",
		"br@head", "1a2b", "a@b@c-3", "@", "+", "ü+1", "\n@+1", "x@\n+1", "-99999999999999999999999"} {
		f.Add(s)
	}
	m, err := New(branchedFuzzGraph())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := ParseIdentifier(s)
		if id.IsRange {
			if id.RangeLower+":"+id.RangeUpper != s {
				t.Errorf("range %q does not rebuild %q", id.RangeLower+":"+id.RangeUpper, s)
			}
			_, _ = m.Walk(id.RangeLower, id.RangeUpper)
			return
		}
		if rel, ok := ParseRelative(s); ok {
			if !strings.HasPrefix(s, rel.labelPart()+rel.Symbol+rel.Delta) {
				t.Errorf("relative parts %+v do not prefix %q", rel, s)
			}
		}
		// Resolution must never panic, whatever the input.
		_, _ = m.Get(s)
		_, _ = m.Resolve(s)
		_, _ = m.Upgrade([]string{"c2aa"}, s)
		_, _ = m.Downgrade([]string{"c3aa", "d3bb"}, s)
		_, _ = m.StampChanges([]string{"c3aa"}, []string{s}, false)
	})
}

func (r Relative) labelPart() string {
	if r.Label == "" {
		return ""
	}
	return r.Label + "@"
}

func branchedFuzzGraph() []*Revision {
	var out []*Revision
	for _, r := range oracleGraphs["merged"] {
		out = append(out, &Revision{ID: r.id, DownRevisions: r.down, DependsOn: r.deps, BranchLabels: r.labels})
	}
	return out
}
