package graph

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/retort-dev/retort/revision"
)

// update rewrites the golden files: go test ./graph -update. Each rewritten
// file must be checked by hand before it is committed.
var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// rev is a revision for a test map: id, message, parents.
func rev(id, doc string, down ...string) *revision.Revision {
	return &revision.Revision{ID: id, Doc: doc, DownRevisions: down}
}

func withLabels(r *revision.Revision, labels ...string) *revision.Revision {
	r.BranchLabels = labels
	return r
}

func withDeps(r *revision.Revision, deps ...string) *revision.Revision {
	r.DependsOn = deps
	return r
}

// fixture is one named graph with the database's current revisions.
type fixture struct {
	name    string
	revs    func() []*revision.Revision
	current []string
}

var fixtures = []fixture{
	{"linear", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a1a1a1", "create account"),
			rev("b2b2b2", "add email", "a1a1a1"),
			rev("c3c3c3", "add index", "b2b2b2"),
		}
	}, []string{"b2b2b2"}},
	{"branch_merge", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a1a1a1", "create account"),
			rev("b2b2b2", "add email", "a1a1a1"),
			rev("c3c3c3", "add phone", "a1a1a1"),
			rev("d4d4d4", "merge email and phone", "b2b2b2", "c3c3c3"),
		}
	}, nil},
	{"two_labelled_branches", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a1a1a1", "create account"),
			withLabels(rev("b2b2b2", "create invoice", "a1a1a1"), "billing"),
			rev("b3b3b3", "add invoice total", "b2b2b2"),
			withLabels(rev("c2c2c2", "create shipment", "a1a1a1"), "shipping", "logistics"),
			rev("c3c3c3", "add carrier", "c2c2c2"),
		}
	}, []string{"b3b3b3", "c2c2c2"}},
	{"depends_on", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a1a1a1", "create account"),
			rev("b2b2b2", "add email", "a1a1a1"),
			withLabels(rev("e1e1e1", "create audit log"), "audit"),
			withDeps(rev("e2e2e2", "audit account changes", "e1e1e1"), "b2b2b2"),
		}
	}, nil},
	{"three_way_merge", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a1a1a1", "create account"),
			rev("b2b2b2", "branch one", "a1a1a1"),
			rev("c3c3c3", "branch two", "a1a1a1"),
			rev("d4d4d4", "branch three", "a1a1a1"),
			rev("e5e5e5", "merge all three", "b2b2b2", "c3c3c3", "d4d4d4"),
		}
	}, []string{"e5e5e5"}},
	{"roots_and_heads", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a1a1a1", "create account"),
			rev("a2a2a2", "add email", "a1a1a1"),
			rev("a3a3a3", "add name", "a2a2a2"),
			rev("a4a4a4", "add phone", "a2a2a2"),
			rev("f1f1f1", "create reports (a second root)"),
			rev("f2f2f2", "add report owner", "f1f1f1"),
			rev("x1x1x1", "a lone revision whose message is far too long to fit on one line of an eighty-column terminal"),
		}
	}, []string{"a3a3a3", "f1f1f1"}},
	{"merge_across_roots", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a1a1a1", "create account"),
			rev("b2b2b2", "add email", "a1a1a1"),
			rev("m1m1m1", "create metrics"),
			rev("m2m2m2", "add metric unit", "m1m1m1"),
			rev("m3m3m3", "add metric owner", "m2m2m2"),
			rev("c3c3c3", "add phone", "a1a1a1"),
			rev("d4d4d4", "merge phone and metrics", "c3c3c3", "m2m2m2"),
		}
	}, nil},
	{"crossing", func() []*revision.Revision {
		return []*revision.Revision{
			rev("a0a0a0", "create account"),
			rev("a1a1a1", "add email", "a0a0a0"),
			rev("b2b2b2", "add phone", "a1a1a1"),
			rev("z1z1z1", "create zones", "a0a0a0"),
			rev("h9h9h9", "merge phone and zones", "b2b2b2", "z1z1z1"),
			rev("c3c3c3", "add address", "a1a1a1"),
		}
	}, []string{"z1z1z1", "c3c3c3"}},
}

func (f fixture) graph(t testing.TB) *Graph {
	t.Helper()
	m, err := revision.New(f.revs())
	if err != nil {
		t.Fatal(err)
	}
	revs, err := m.Walk("", "")
	if err != nil {
		t.Fatal(err)
	}
	return New(m, revs, f.current)
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s--- want\n%s", name, got, want)
	}
}

func TestPictures_Golden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			g := f.graph(t)
			golden(t, f.name+".txt", g.ASCII(0))
			golden(t, f.name+".dot", g.DOT())
			golden(t, f.name+".mmd", g.Mermaid())
		})
	}
}

// benchRevisions is n revisions shaped like scripts/benchgen's branched
// projects: every 50 revisions a branch point, two branches of 20, and a
// merge of their tips.
func benchRevisions(n int) []*revision.Revision {
	id := func(i int) string { return fmt.Sprintf("%012x", 0xc0ffee000000+i) }
	parents := make([][]string, n)
	for i := 1; i < n; i++ {
		parents[i] = []string{id(i - 1)}
	}
	for base := 0; base+41 < n; base += 50 {
		parents[base+21] = []string{id(base)}
		parents[base+41] = []string{id(base + 20), id(base + 40)}
	}
	revs := make([]*revision.Revision, n)
	for i := range revs {
		revs[i] = rev(id(i), fmt.Sprintf("create table t%d", i), parents[i]...)
	}
	return revs
}

func TestASCII_ThousandRevisionsHead(t *testing.T) {
	m, err := revision.New(benchRevisions(1000))
	if err != nil {
		t.Fatal(err)
	}
	revs, err := m.Walk("", "")
	if err != nil {
		t.Fatal(err)
	}
	out := New(m, revs, []string{revs[3].ID}).ASCII(0)
	lines := strings.SplitAfter(out, "\n")
	if got := len(lines) - 1; got != 1000 {
		t.Fatalf("%d lines, want one per revision (1000)", got)
	}
	golden(t, "thousand_first_lines.txt", strings.Join(lines[:60], ""))
}

func TestASCII_FitsWidth(t *testing.T) {
	for _, f := range fixtures {
		for _, width := range []int{0, 40, 24} {
			want := width
			if want == 0 {
				want = 80
			}
			for _, line := range strings.Split(strings.TrimSuffix(f.graph(t).ASCII(width), "\n"), "\n") {
				if n := utf8.RuneCountInString(line); n > want {
					t.Errorf("%s at width %d: line of %d characters: %q", f.name, width, n, line)
				}
			}
		}
	}
}

func TestASCII_CutsLongMessage(t *testing.T) {
	f := fixtures[5] // roots_and_heads
	out := f.graph(t).ASCII(0)
	want := "* x1x1x1 (head) a lone revision whose message is far too long to fit on one l...\n"
	if !strings.Contains(out, want) {
		t.Errorf("long message line is not %q:\n%s", want, out)
	}
	if got := len(strings.TrimSuffix(want, "\n")); got != 80 {
		t.Fatalf("expected line is %d wide", got)
	}
}

func TestASCII_Range(t *testing.T) {
	m, err := revision.New(fixtures[1].revs()) // branch_merge
	if err != nil {
		t.Fatal(err)
	}
	revs, err := m.Walk("b2b2b2", "heads")
	if err != nil {
		t.Fatal(err)
	}
	got := New(m, revs, nil).ASCII(0)
	// c3c3c3 is outside the range: the merge draws no lane for it.
	want := "* d4d4d4 (head) (mergepoint) merge email and phone\n" +
		"* b2b2b2 add email\n"
	if got != want {
		t.Errorf("range b2b2b2:heads:\n%s\nwant:\n%s", got, want)
	}
}

func TestPictures_Empty(t *testing.T) {
	m, err := revision.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	g := New(m, nil, nil)
	if got := g.ASCII(0); got != "" {
		t.Errorf("ASCII of no revisions = %q, want nothing", got)
	}
	if got, want := g.DOT(), "digraph revisions {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n}\n"; got != want {
		t.Errorf("DOT of no revisions = %q, want %q", got, want)
	}
}

func TestEscaping(t *testing.T) {
	m, err := revision.New([]*revision.Revision{rev("q1", `say "hi" <b> #1 \ end`)})
	if err != nil {
		t.Fatal(err)
	}
	g := New(m, m.Revisions(), nil)
	if want := `label="q1 (head)\nsay \"hi\" <b> #1 \\ end"`; !strings.Contains(g.DOT(), want) {
		t.Errorf("DOT lacks %s:\n%s", want, g.DOT())
	}
	if want := `r0["q1 (head)<br/>say #quot;hi#quot; #lt;b#gt; #35;1 \ end"]`; !strings.Contains(g.Mermaid(), want) {
		t.Errorf("Mermaid lacks %s:\n%s", want, g.Mermaid())
	}
}

func BenchmarkASCII10k(b *testing.B) {
	m, err := revision.New(benchRevisions(10000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = New(m, nil, nil).ASCII(0)
	}
}

func BenchmarkDOT10k(b *testing.B) {
	m, err := revision.New(benchRevisions(10000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = New(m, nil, nil).DOT()
	}
}

func BenchmarkMermaid10k(b *testing.B) {
	m, err := revision.New(benchRevisions(10000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = New(m, nil, nil).Mermaid()
	}
}
