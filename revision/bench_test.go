package revision

import (
	"fmt"
	"testing"
)

// linearGraph is n revisions in one line.
func linearGraph(n int) []*Revision {
	revs := make([]*Revision, n)
	for i := range revs {
		revs[i] = &Revision{ID: fmt.Sprintf("%012x", 0xa00000000000+i)}
		if i > 0 {
			revs[i].DownRevisions = []string{revs[i-1].ID}
		}
	}
	return revs
}

// branchedGraph is n revisions where every 50 revisions the line splits
// into two branches of 20 that merge again.
func branchedGraph(n int) []*Revision {
	var revs []*Revision
	id := func() string { return fmt.Sprintf("%012x", 0xb00000000000+len(revs)) }
	add := func(down ...string) string {
		r := &Revision{ID: id(), DownRevisions: down}
		revs = append(revs, r)
		return r.ID
	}
	tip := add()
	for len(revs) < n {
		for i := 0; i < 10 && len(revs) < n; i++ {
			tip = add(tip)
		}
		left, right := tip, tip
		for i := 0; i < 20 && len(revs) < n; i++ {
			left = add(left)
			right = add(right)
		}
		if left != right {
			tip = add(left, right)
		}
	}
	return revs
}

func cloneRevs(revs []*Revision) []*Revision {
	out := make([]*Revision, len(revs))
	for i, r := range revs {
		out[i] = &Revision{ID: r.ID, DownRevisions: r.DownRevisions, DependsOn: r.DependsOn, BranchLabels: r.BranchLabels}
	}
	return out
}

func BenchmarkNew10k(b *testing.B) {
	for _, g := range []struct {
		name string
		revs []*Revision
	}{{"linear", linearGraph(10000)}, {"branched", branchedGraph(10000)}} {
		b.Run(g.name, func(b *testing.B) {
			for b.Loop() {
				m, err := New(cloneRevs(g.revs))
				if err != nil {
					b.Fatal(err)
				}
				if len(m.Heads()) == 0 {
					b.Fatal("no heads")
				}
			}
		})
	}
}

func BenchmarkWalk10k(b *testing.B) {
	for _, g := range []struct {
		name string
		revs []*Revision
	}{{"linear", linearGraph(10000)}, {"branched", branchedGraph(10000)}} {
		m, err := New(g.revs)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(g.name, func(b *testing.B) {
			for b.Loop() {
				revs, err := m.Walk("", "")
				if err != nil {
					b.Fatal(err)
				}
				if len(revs) != len(g.revs) {
					b.Fatalf("walked %d of %d", len(revs), len(g.revs))
				}
			}
		})
	}
}

func BenchmarkUpgrade10k(b *testing.B) {
	for _, g := range []struct {
		name string
		revs []*Revision
	}{{"linear", linearGraph(10000)}, {"branched", branchedGraph(10000)}} {
		m, err := New(g.revs)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(g.name, func(b *testing.B) {
			for b.Loop() {
				steps, err := m.Upgrade(nil, "heads")
				if err != nil {
					b.Fatal(err)
				}
				if len(steps) != len(g.revs) {
					b.Fatalf("%d steps for %d revisions", len(steps), len(g.revs))
				}
			}
		})
	}
}
