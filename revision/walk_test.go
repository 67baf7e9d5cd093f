package revision

import (
	"errors"
	"testing"
)

// Expectations recorded from Alembic 1.8.1's walk_revisions with a tuple
// of version rows as one end (history -r current: / -r :current).
func TestWalkCurrent(t *testing.T) {
	tests := []struct {
		graph          string
		rows           []string
		other          string
		currentIsLower bool
		want           []string
		wantErr        string
	}{
		{"linear", []string{"2b3c4d"}, "", true, []string{"5e6f7a", "4d5e6f", "3c4d5e", "2b3c4d"}, ""},
		{"linear", []string{"3c4d5e"}, "", false, []string{"3c4d5e", "2b3c4d", "1a2b3c"}, ""},
		{"branched", []string{"c3aa", "d2bb"}, "heads", true, []string{"c3aa", "d3bb", "d2bb"}, ""},
		{"branched", []string{"c3aa", "d2bb"}, "base", false, []string{"d2bb", "c3aa", "c2aa", "b1a1", "b0a0"}, ""},
		{"linear", []string{"4d5e6f"}, "2b3c4d", true, nil,
			"Requested range ('4d5e6f',):2b3c4d does not refer to ancestor/descendant revisions along the same branch"},
		{"branched", []string{"c2aa"}, "dbr@head", true, nil,
			"Requested range ('c2aa',):dbr@head does not refer to ancestor/descendant revisions along the same branch"},
		{"linear", nil, "", true, []string{"5e6f7a", "4d5e6f", "3c4d5e", "2b3c4d", "1a2b3c"}, ""},
		{"linear", nil, "", false, []string{"5e6f7a", "4d5e6f", "3c4d5e", "2b3c4d", "1a2b3c"}, ""},
		{"linear", []string{"zzzz"}, "", true, nil, "Can't locate revision identified by 'zzzz'"},
	}
	for _, tt := range tests {
		m := mustMap(t, oracleGraphs[tt.graph])
		got, err := m.WalkCurrent(tt.rows, tt.other, tt.currentIsLower)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s %v %q: error = %v, want %q", tt.graph, tt.rows, tt.other, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %v %q: %v", tt.graph, tt.rows, tt.other, err)
			continue
		}
		if !equalStrings(revIDs(got), tt.want) {
			t.Errorf("%s %v %q = %v, want %v", tt.graph, tt.rows, tt.other, revIDs(got), tt.want)
		}
	}
}

func TestCommandMessage(t *testing.T) {
	m := mustMap(t, oracleGraphs["branched"])
	tests := []struct {
		id   string
		want string
	}{
		{"nope", "Can't locate revision identified by 'nope'"},
		{"head", "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"},
		{"cbr@d3bb", "Can't locate revision identified by 'd3bb'"},
		{"nobranch@head", "Can't locate revision identified by 'nobranch'"},
	}
	for _, tt := range tests {
		_, err := m.Get(tt.id)
		if err == nil {
			t.Errorf("Get(%q) succeeded", tt.id)
			continue
		}
		if got := CommandMessage(err); got != tt.want {
			t.Errorf("CommandMessage(Get(%q)) = %q\nwant %q", tt.id, got, tt.want)
		}
	}
	if CommandMessage(nil) != "" {
		t.Error("CommandMessage(nil) is not empty")
	}
	plain := &RevisionError{Message: "Ambiguous walk"}
	if got := CommandMessage(plain); got != "Ambiguous walk" {
		t.Errorf("CommandMessage(RevisionError) = %q", got)
	}
}

// Callers branch on the typed error under a *CommandError.
func TestErrorTypesUnderCommandError(t *testing.T) {
	m := mustMap(t, oracleGraphs["branched"])
	_, err := m.Upgrade(nil, "head")
	var mh *MultipleHeadsError
	if !errors.As(err, &mh) || mh.Argument != "head" || !equalStrings(mh.Heads, []string{"c3aa", "d3bb"}) {
		t.Errorf("Upgrade(head) error %T %v does not unwrap to MultipleHeadsError", err, err)
	}
	_, err = m.Downgrade([]string{"c2aa"}, "c3aa")
	var rna *RangeNotAncestorError
	if !errors.As(err, &rna) {
		t.Errorf("Downgrade to a descendant: %T %v does not unwrap to RangeNotAncestorError", err, err)
	}
	if err == nil || err.Error() != "Destination c3aa is not a valid downgrade target from current head(s)" {
		t.Errorf("Downgrade to a descendant: %v", err)
	}
	_, err = m.Upgrade([]string{"zzzz"}, "heads")
	var re *ResolutionError
	if !errors.As(err, &re) || re.Argument != "zzzz" {
		t.Errorf("unknown row: %T %v", err, err)
	}
	_, err = m.Get("-1")
	if !errors.As(err, &re) {
		t.Errorf("Get(-1): %T %v", err, err)
	}
}

// The resolve forms that pick revisions relative to the heads.
func TestResolveForms(t *testing.T) {
	m := mustMap(t, oracleGraphs["twobranch"])
	tests := []struct {
		ids  []string
		want []string
	}{
		{[]string{"heads"}, []string{"g000", "i000"}},
		{[]string{"left@heads"}, []string{"g000"}},
		{[]string{"-1"}, nil}, // g000 is a merge point: walking down is ambiguous
		{[]string{"side@-1"}, []string{"h000"}},
		{[]string{"side@-2"}, []string{"b000"}},
		{[]string{"base"}, []string{}},
		{[]string{"left", "right", "side"}, []string{"c000", "e000", "h000"}},
		{[]string{"c000", "c000"}, []string{"c000", "c000"}},
	}
	for _, tt := range tests {
		got, err := m.Resolve(tt.ids...)
		if tt.ids[0] == "-1" {
			if err == nil || err.Error() != "Ambiguous walk" {
				t.Errorf("Resolve(-1) = %v, %v; want Ambiguous walk", revIDs(got), err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Resolve(%v): %v", tt.ids, err)
			continue
		}
		if !equalStrings(revIDs(got), tt.want) {
			t.Errorf("Resolve(%v) = %v, want %v", tt.ids, revIDs(got), tt.want)
		}
	}
	if _, err := m.Resolve(""); err == nil {
		t.Error("Resolve(\"\") succeeded")
	}
	if _, err := m.Get(""); err == nil {
		t.Error("Get(\"\") succeeded")
	}
}

func TestStartRows(t *testing.T) {
	m := mustMap(t, oracleGraphs["branched"])
	tests := []struct {
		start   string
		want    []string
		wantErr string
	}{
		{"", nil, ""},
		{"base", nil, ""},
		{"cbr@base", nil, ""},
		{"c2", []string{"c2aa"}, ""},
		{"cbr", []string{"c2aa"}, ""},
		{"cbr@head", []string{"c3aa"}, ""},
		{"heads", nil, "Multiple head revisions are present for given argument 'heads'; please specify a specific target revision, '<branchname>@heads' to narrow to a specific head, or 'heads' for all heads"},
		{"nope", nil, "Can't locate revision identified by 'nope'"},
	}
	for _, tt := range tests {
		got, err := m.StartRows(tt.start)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("StartRows(%q) error = %v, want %q", tt.start, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !equalStrings(got, tt.want) {
			t.Errorf("StartRows(%q) = %v, %v; want %v", tt.start, got, err, tt.want)
		}
	}
}

// Offline "upgrade x:y" where y depends on x moves x's row to y.
func TestOfflineRangeDependency(t *testing.T) {
	m := mustMap(t, []testRev{
		{"aaaa", nil, nil, nil},
		{"bbbb", nil, []string{"aaaa"}, nil},
	})
	rows, err := m.StartRows("aaaa")
	if err != nil {
		t.Fatal(err)
	}
	steps, err := m.Upgrade(rows, "bbbb")
	if err != nil {
		t.Fatal(err)
	}
	if got := stepIDs(steps); !equalStrings(got, []string{"+bbbb"}) {
		t.Fatalf("steps = %v", got)
	}
	ch, after, err := m.ApplyStep(rows, steps[0])
	if err != nil {
		t.Fatal(err)
	}
	if renderChange(ch) != "UPDATE aaaa bbbb" || !equalStrings(after, []string{"bbbb"}) {
		t.Errorf("change = %q, rows = %v; want UPDATE aaaa bbbb, [bbbb]", renderChange(ch), after)
	}
}
