package revision

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// testRev is a literal revision: id, down_revisions, depends_on, labels.
type testRev struct {
	id     string
	down   []string
	deps   []string
	labels []string
}

func buildMap(t testing.TB, revs []testRev) (*Map, error) {
	t.Helper()
	in := make([]*Revision, len(revs))
	for i, r := range revs {
		in[i] = &Revision{ID: r.id, DownRevisions: r.down, DependsOn: r.deps, BranchLabels: r.labels}
	}
	return New(in)
}

func mustMap(t testing.TB, revs []testRev) *Map {
	t.Helper()
	m, err := buildMap(t, revs)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return m
}

// graphFacts is what Alembic reports about a whole graph.
type graphFacts struct {
	err                                string
	heads, realHeads, bases, realBases []string
	order                              []string
	labels                             map[string][]string
}

// oracleCase is one query and Alembic's answer (see testdata/oracle.py).
type oracleCase struct {
	graph, op      string
	target         string
	targets        []string
	lower, upper   string
	current        []string
	purge          bool
	want           []string // revisions, or "+id"/"-id" steps
	changes        []string // version-table changes per step: "DELETE x | INSERT y | UPDATE a b"
	rows           []string // version rows after the steps, sorted
	err            string   // revision-level error text; "<python:X>" for a Python exception
	cmd            string   // command-level error text, where it differs
	orderFree      bool     // Alembic's changes depend on Python set order
	stepsOrderFree bool
}

func (c oracleCase) name() string {
	var args []string
	switch c.op {
	case "get":
		args = []string{c.target}
	case "resolve":
		args = c.targets
	case "walk":
		args = []string{c.lower + ":" + c.upper}
	case "upgrade", "downgrade":
		args = []string{fmt.Sprint(c.current), c.target}
	case "stamp":
		args = []string{fmt.Sprint(c.current), fmt.Sprint(c.targets), fmt.Sprint(c.purge)}
	case "current":
		args = []string{fmt.Sprint(c.current)}
	}
	return fmt.Sprintf("%s/%s(%s)", c.graph, c.op, strings.Join(args, ","))
}

func revIDs(revs []*Revision) []string {
	out := make([]string, 0, len(revs))
	for _, r := range revs {
		out = append(out, r.ID)
	}
	return out
}

func stepIDs(steps []Step) []string {
	out := make([]string, 0, len(steps))
	for _, s := range steps {
		sign := "-"
		if s.Up {
			sign = "+"
		}
		out = append(out, sign+s.Revision.ID)
	}
	return out
}

func renderChange(c VersionChange) string {
	var parts []string
	for _, d := range c.Delete {
		parts = append(parts, "DELETE "+d)
	}
	for _, i := range c.Insert {
		parts = append(parts, "INSERT "+i)
	}
	for _, u := range c.Update {
		parts = append(parts, "UPDATE "+u.From+" "+u.To)
	}
	return strings.Join(parts, " | ")
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func equalStrings(a, b []string) bool {
	return slices.Equal(append([]string{}, a...), append([]string{}, b...))
}

func TestOracleGraphFacts(t *testing.T) {
	for name, facts := range oracleGraphFacts {
		t.Run(name, func(t *testing.T) {
			m, err := buildMap(t, oracleGraphs[name])
			if facts.err != "" {
				if err == nil || err.Error() != facts.err {
					t.Fatalf("New error = %v, want %q", err, facts.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			check := func(what string, got, want []string) {
				t.Helper()
				if !equalStrings(got, want) {
					t.Errorf("%s = %v, want %v", what, got, want)
				}
			}
			check("Heads", revIDs(m.Heads()), facts.heads)
			check("RealHeads", revIDs(m.RealHeads()), facts.realHeads)
			check("Bases", revIDs(m.Bases()), facts.bases)
			check("RealBases", revIDs(m.RealBases()), facts.realBases)
			check("Revisions", revIDs(m.Revisions()), facts.order)
			for _, r := range m.revs {
				check("BranchLabels("+r.ID+")", m.BranchLabels(r), facts.labels[r.ID])
			}
		})
	}
}

func TestOracleCases(t *testing.T) {
	if len(oracleCases) < 150 {
		t.Fatalf("only %d oracle cases", len(oracleCases))
	}
	for _, c := range oracleCases {
		t.Run(c.name(), func(t *testing.T) {
			m := mustMap(t, oracleGraphs[c.graph])
			var got []string
			var changes []string
			var rows []string
			var err error
			switch c.op {
			case "get":
				var r *Revision
				r, err = m.Get(c.target)
				if r != nil {
					got = []string{r.ID}
				} else if err == nil {
					got = []string{}
				}
			case "resolve":
				var rs []*Revision
				rs, err = m.Resolve(c.targets...)
				got = revIDs(rs)
			case "walk":
				var rs []*Revision
				rs, err = m.Walk(c.lower, c.upper)
				got = revIDs(rs)
			case "upgrade", "downgrade":
				var steps []Step
				if c.op == "upgrade" {
					steps, err = m.Upgrade(c.current, c.target)
				} else {
					steps, err = m.Downgrade(c.current, c.target)
				}
				got = stepIDs(steps)
				rows = slices.Clone(c.current)
				for _, s := range steps {
					if err != nil {
						break
					}
					var ch VersionChange
					ch, rows, err = m.ApplyStep(rows, s)
					changes = append(changes, renderChange(ch))
				}
			case "stamp":
				var chs []VersionChange
				chs, err = m.StampChanges(c.current, c.targets, c.purge)
				for _, ch := range chs {
					if ch.Purge {
						continue
					}
					changes = append(changes, renderChange(ch))
				}
				if err == nil {
					rows, err = m.StampResult(c.current, c.targets, c.purge)
				}
			case "current":
				var rs []*Revision
				rs, err = m.CurrentHeads(c.current)
				got = sorted(revIDs(rs))
			default:
				t.Fatalf("unknown op %q", c.op)
			}
			wantErr := c.err != "" || slices.Contains(c.want, "<none>")
			if wantErr {
				if err == nil {
					t.Fatalf("got %v, want error %q", got, c.err)
				}
				checkErrorText(t, c, err)
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if c.want != nil {
				w, g := c.want, got
				if c.stepsOrderFree {
					w, g = sorted(w), sorted(g)
				}
				if !equalStrings(g, w) {
					t.Errorf("got  %v\nwant %v", g, w)
				}
			}
			if c.changes != nil && !c.orderFree && !equalStrings(changes, c.changes) {
				t.Errorf("changes got  %q\nchanges want %q", changes, c.changes)
			}
			if c.changes != nil && c.orderFree && len(changes) != len(c.changes) {
				t.Errorf("changes got  %q\nchanges want (in some order) %q", changes, c.changes)
			}
			if c.rows != nil && !equalStrings(sorted(rows), c.rows) {
				t.Errorf("rows got %v, want %v", sorted(rows), c.rows)
			}
		})
	}
}

// checkErrorText compares error wording. Python exceptions other than
// Alembic's (KeyError, AssertionError) have no text to match: any clear
// error will do.
func checkErrorText(t *testing.T, c oracleCase, err error) {
	t.Helper()
	if c.err == "" || strings.HasPrefix(c.err, "<python:") {
		return
	}
	switch c.op {
	case "get", "resolve":
		if err.Error() != c.err {
			t.Errorf("error = %q, want %q", err.Error(), c.err)
		}
		if c.cmd != "" && CommandMessage(err) != c.cmd {
			t.Errorf("CommandMessage = %q, want %q", CommandMessage(err), c.cmd)
		}
	default:
		var ce *CommandError
		if !errors.As(err, &ce) {
			t.Errorf("error %T is not a *CommandError", err)
		}
		if err.Error() != c.err {
			t.Errorf("error = %q, want %q", err.Error(), c.err)
		}
	}
}
