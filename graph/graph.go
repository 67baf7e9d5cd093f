package graph

import (
	"slices"
	"strings"

	"github.com/retort-dev/retort/revision"
)

// Graph is the part of a revision map a picture shows.
type Graph struct {
	// Nodes are the drawn revisions, newest first, each before its
	// ancestors, each line of descent to its end before the next.
	Nodes []*Node
}

// Node is one drawn revision and what the pictures say about it.
type Node struct {
	ID      string
	Message string // first line of the docstring
	// Parents are the down revisions that are drawn too, in the script's
	// order.
	Parents []string
	// DependsOn are the depends_on entries resolved to revision ids (all of
	// them, drawn or not).
	DependsOn []string
	// Labels are the branch labels this revision declares (not those it
	// inherits), sorted.
	Labels []string
	// Head: no revision names this one as down_revision. EffectiveHead: a
	// head that other revisions depend on.
	Head, EffectiveHead bool
	BranchPoint         bool // more than one child
	MergePoint          bool // more than one down revision
	Current             bool // the database is at this revision
}

// New builds the graph of revs, a subset of m in any order (nil draws all
// of m), marking the revisions whose ids are in current. Heads, branch
// and merge points are those of the whole map.
func New(m *revision.Map, revs []*revision.Revision, current []string) *Graph {
	revs = drawOrder(m, revs)
	drawn := make(map[string]bool, len(revs))
	for _, r := range revs {
		drawn[r.ID] = true
	}
	g := &Graph{Nodes: make([]*Node, 0, len(revs))}
	for _, r := range revs {
		n := &Node{
			ID:          r.ID,
			Message:     firstLine(r.Doc),
			Labels:      sortedUnique(r.BranchLabels),
			Head:        m.IsHead(r),
			BranchPoint: m.IsBranchPoint(r),
			MergePoint:  m.IsMergePoint(r),
			Current:     slices.Contains(current, r.ID),
		}
		n.EffectiveHead = n.Head && !m.IsRealHead(r)
		for _, p := range m.Parents(r) {
			if drawn[p.ID] {
				n.Parents = append(n.Parents, p.ID)
			}
		}
		for _, d := range m.Dependencies(r) {
			n.DependsOn = append(n.DependsOn, d.ID)
		}
		g.Nodes = append(g.Nodes, n)
	}
	return g
}

// marks is the text after a node's id shared by every picture: labels,
// then the marks in a fixed order.
func (n *Node) marks() []string {
	var out []string
	if len(n.Labels) > 0 {
		out = append(out, "["+strings.Join(n.Labels, ", ")+"]")
	}
	switch {
	case n.EffectiveHead:
		out = append(out, "(effective head)")
	case n.Head:
		out = append(out, "(head)")
	}
	if n.BranchPoint {
		out = append(out, "(branchpoint)")
	}
	if n.MergePoint {
		out = append(out, "(mergepoint)")
	}
	if n.Current {
		out = append(out, "(current)")
	}
	if len(n.DependsOn) > 0 {
		out = append(out, "(depends on "+strings.Join(n.DependsOn, ", ")+")")
	}
	return out
}

func firstLine(doc string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(doc), "\n")
	return strings.TrimSpace(line)
}

func sortedUnique(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}
