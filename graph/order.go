package graph

import (
	"slices"

	"github.com/retort-dev/retort/revision"
)

// drawOrder lists revs (all of m when revs is nil) newest first, each
// before its ancestors, following each line of descent through first
// parents to its end before turning to the next: a reverse postorder of
// a depth-first walk from the heads of the drawn set, in map order. It
// takes linear time, which the history order does not on maps with many
// branch points.
func drawOrder(m *revision.Map, revs []*revision.Revision) []*revision.Revision {
	var starts []*revision.Revision
	var drawn map[string]bool
	if revs == nil {
		starts = m.Heads()
	} else {
		drawn = make(map[string]bool, len(revs))
		for _, r := range revs {
			drawn[r.ID] = true
		}
		for _, r := range revs {
			if !slices.ContainsFunc(m.Children(r), func(c *revision.Revision) bool { return drawn[c.ID] }) {
				starts = append(starts, r)
			}
		}
	}
	in := func(r *revision.Revision) bool { return drawn == nil || drawn[r.ID] }

	type frame struct {
		r       *revision.Revision
		parents []*revision.Revision
	}
	seen := make(map[*revision.Revision]bool)
	post := make([]*revision.Revision, 0, len(revs))
	var stack []frame
	// Visited in reverse, so that after the final reversal the first head
	// comes first and a merge's first parent's line comes before the
	// others.
	for i := len(starts) - 1; i >= 0; i-- {
		if seen[starts[i]] {
			continue
		}
		seen[starts[i]] = true
		stack = append(stack, frame{starts[i], m.Parents(starts[i])})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			var next *revision.Revision
			for len(top.parents) > 0 && next == nil {
				p := top.parents[len(top.parents)-1]
				top.parents = top.parents[:len(top.parents)-1]
				if !seen[p] && in(p) {
					next = p
				}
			}
			if next == nil {
				post = append(post, top.r)
				stack = stack[:len(stack)-1]
				continue
			}
			seen[next] = true
			stack = append(stack, frame{next, m.Parents(next)})
		}
	}
	slices.Reverse(post)
	return post
}
