package revision

import (
	"fmt"
	"slices"
	"strings"
)

// Step is one migration to run: Revision's upgrade (Up) or downgrade.
type Step struct {
	Revision *Revision
	Up       bool
}

// target is an upgrade/downgrade end point: one identifier string, or a
// set of ids (version-table rows).
type target struct {
	text  string
	ids   []string
	isSet bool
}

func textTarget(s string) target    { return target{text: s} }
func setTarget(ids []string) target { return target{ids: ids, isSet: true} }

// render is how Alembic prints the end point in a RangeNotAncestorError.
func (t target) render() string {
	if t.isSet {
		if len(t.ids) == 0 {
			return "base"
		}
		return pyTuple(t.ids)
	}
	if t.text == "" {
		return "base"
	}
	return t.text
}

func pyTuple(ids []string) string {
	q := make([]string, len(ids))
	for i, s := range ids {
		q[i] = "'" + s + "'"
	}
	if len(q) == 1 {
		return "(" + q[0] + ",)"
	}
	return "(" + strings.Join(q, ", ") + ")"
}

func (m *Map) resolveTarget(t target) ([]*Revision, error) {
	if t.isSet {
		return m.getRevisions(t.ids)
	}
	if t.text == "" {
		return nil, nil
	}
	return m.getRevisions([]string{t.text})
}

func (m *Map) positionsOf(t target) ([]position, error) {
	if !t.isSet {
		if t.text == "" {
			return nil, nil
		}
		return m.getPositions(t.text)
	}
	var out []position
	for _, id := range t.ids {
		ps, err := m.getPositions(id)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

func relErr(delta string, steps int) error {
	if steps < 0 {
		steps = -steps
	}
	return revErrorf("Relative revision %s didn't produce %d migrations", delta, steps)
}

// parseDowngradeTarget finds the revision a downgrade goes to (nil = base)
// and the branch it is restricted to.
func (m *Map) parseDowngradeTarget(current target, tgt string, assertLength bool) (string, *Revision, error) {
	if tgt == "" {
		return "", nil, nil
	}
	if rel, ok := ParseRelative(tgt); ok {
		label, symbol := rel.Label, rel.Symbol
		if rel.Steps >= 0 {
			if symbol == "" {
				return "", nil, relErr(rel.Delta, rel.Steps)
			}
			start, err := m.getRevision(symbol)
			if err != nil {
				return "", nil, err
			}
			p, err := m.walk(position{rev: start}, rel.Steps, label, assertLength)
			if err != nil {
				return "", nil, err
			}
			if p.off {
				return "", nil, revErrorf("Walked too far")
			}
			return label, p.rev, nil
		}
		relativeToCurrent := symbol == ""
		if relativeToCurrent {
			if label != "" {
				rows, err := m.resolveTarget(current)
				if err != nil {
					return "", nil, err
				}
				onBranch, err := m.filterForLineage(rows, label, false)
				if err != nil {
					return "", nil, err
				}
				if len(onBranch) == 0 {
					// The branch may have no row of its own when its head is
					// an ancestor (through depends_on) of a row.
					all := m.allCurrent(rows)
					if onBranch, err = m.filterForLineage(all, label, false); err != nil {
						return "", nil, err
					}
				}
				if len(onBranch) != 1 {
					return "", nil, relErr(rel.Delta, rel.Steps)
				}
				symbol = onBranch[0].ID
			} else {
				var first string
				switch {
				case current.isSet && len(current.ids) > 0:
					first = current.ids[0]
				case !current.isSet && current.text != "":
					first = current.text
				default:
					return "", nil, relErr(rel.Delta, rel.Steps)
				}
				symbol = first
				// Restrict the walk to the branch of that row.
				label = symbol
			}
		}
		var start *Revision
		var err error
		if label == "" {
			start, err = m.getRevision(symbol)
		} else {
			start, err = m.getRevision(label + "@" + symbol)
		}
		if err != nil {
			return "", nil, err
		}
		p, err := m.walk(position{rev: start}, rel.Steps, "", assertLength)
		if err != nil {
			return "", nil, err
		}
		if p.off {
			if relativeToCurrent {
				return "", nil, relErr(rel.Delta, rel.Steps)
			}
			return "", nil, revErrorf("Walked too far")
		}
		return label, p.rev, nil
	}
	label, symbol := "", tgt
	if at := strings.LastIndexByte(tgt, '@'); at >= 0 {
		label, symbol = tgt[:at], tgt[at+1:]
	}
	r, err := m.getRevision(symbol)
	return label, r, err
}

// parseUpgradeTarget finds the revisions an upgrade goes to.
func (m *Map) parseUpgradeTarget(current target, tgt target, assertLength bool) ([]*Revision, error) {
	var rel Relative
	isRel := false
	if !tgt.isSet {
		rel, isRel = ParseRelative(tgt.text)
	}
	if !isRel {
		ps, err := m.positionsOf(tgt)
		if err != nil {
			return nil, err
		}
		return positionsToRevisions(ps)
	}
	label, symbol := rel.Label, rel.Symbol
	if rel.Steps > 0 {
		if symbol != "" {
			start, err := m.getRevision(symbol)
			if err != nil {
				return nil, err
			}
			p, err := m.walk(position{rev: start}, rel.Steps, label, assertLength)
			if err != nil {
				return nil, err
			}
			return positionsToRevisions([]position{p})
		}
		rows, err := m.resolveTarget(current)
		if err != nil {
			return nil, err
		}
		starts := make([]*Revision, len(rows))
		copy(starts, rows)
		if len(starts) == 0 {
			starts = []*Revision{nil}
		}
		if label != "" {
			onBranch, err := m.filterForLineage(rows, label, false)
			if err != nil {
				return nil, err
			}
			if len(onBranch) == 0 {
				// The branch has no row: start from the tips of the applied
				// revisions on that branch, or from base.
				active, err := m.filterForLineage(m.related(rows, downAll), label, false)
				if err != nil {
					return nil, err
				}
				below := newRevSet(len(m.revs))
				for _, a := range active {
					for _, d := range a.normDown {
						below.add(d)
					}
				}
				onBranch = nil
				seen := newRevSet(len(m.revs))
				for _, a := range active {
					if !below.has(a) && !seen.has(a) {
						seen.add(a)
						onBranch = append(onBranch, a)
					}
				}
				if len(onBranch) == 0 {
					onBranch = []*Revision{nil}
				}
			}
			starts = onBranch
		}
		if len(starts) > 1 {
			return nil, revErrorf("Ambiguous upgrade from multiple current revisions")
		}
		p, err := m.walk(position{rev: starts[0]}, rel.Steps, label, assertLength)
		if err != nil {
			return nil, err
		}
		if p.off {
			return nil, relErr(rel.Delta, rel.Steps)
		}
		return positionsToRevisions([]position{p})
	}
	if symbol == "" {
		// Alembic words this one with the number, not the text: "-01" is "-1".
		return nil, relErr(fmt.Sprint(rel.Steps), rel.Steps)
	}
	var start *Revision
	var err error
	if label == "" {
		start, err = m.getRevision(symbol)
	} else {
		start, err = m.getRevision(label + "@" + symbol)
	}
	if err != nil {
		return nil, err
	}
	p, err := m.walk(position{rev: start}, rel.Steps, "", assertLength)
	if err != nil {
		return nil, err
	}
	return positionsToRevisions([]position{p})
}

// positionsToRevisions keeps the revisions of resolved positions. An
// upgrade target must be a revision: a walk that went off the graph or
// ended below the bases cannot be upgraded to.
func positionsToRevisions(ps []position) ([]*Revision, error) {
	out := make([]*Revision, 0, len(ps))
	for _, p := range ps {
		if p.off || p.atBase {
			return nil, revErrorf("Walked too far")
		}
		if p.rev != nil {
			out = append(out, p.rev)
		}
	}
	return out, nil
}

// collectUpgrade computes the revisions between lower and upper (Alembic's
// _collect_upgrade_revisions) and the targets that order them.
func (m *Map) collectUpgrade(upper, lower target, inclusive, implicitBase, assertLength bool) ([]*Revision, []*Revision, error) {
	targets, err := m.parseUpgradeTarget(lower, upper, assertLength)
	if err != nil {
		return nil, nil, err
	}
	if !lower.isSet && strings.Contains(lower.text, "@") {
		// "LABEL@..." as the lower end restricts the targets to that branch.
		branch := lower.text[:strings.IndexByte(lower.text, '@')]
		branchRev, err := m.getRevision(branch)
		if err != nil {
			return nil, nil, err
		}
		if branchRev != nil && branchRev.ID == branch {
			// A revision id used as a label stands for its own branch.
			if len(branchRev.labels) != 1 {
				return nil, nil, revErrorf("Revision %s does not name exactly one branch label", branch)
			}
			branch = branchRev.labels[0]
		}
		var kept []*Revision
		for _, t := range targets {
			if t.hasLabel(branch) {
				kept = append(kept, t)
			}
		}
		targets = kept
	}
	requiredList, err := m.relatedChecked(targets, downAll, true)
	if err != nil {
		return nil, nil, err
	}
	required := newRevSet(len(m.revs))
	for _, r := range requiredList {
		required.add(r)
	}
	lowerPos, err := m.positionsOf(lower)
	if err != nil {
		return nil, nil, err
	}
	if !implicitBase {
		for _, p := range lowerPos {
			if p.rev != nil && !required.has(p.rev) {
				return nil, nil, &RangeNotAncestorError{Lower: lower.render(), Upper: upper.render()}
			}
		}
	}
	var current []*Revision
	if len(lowerPos) > 0 && lowerPos[0].rev == nil && !lowerPos[0].atBase {
		// The lower end is relative and walked off the graph: read it as a
		// downgrade target relative to the upper end instead.
		_, r, err := m.parseDowngradeTarget(upper, lower.text, assertLength)
		if err != nil {
			return nil, nil, err
		}
		if r == nil {
			lower = textTarget("")
		} else {
			current = []*Revision{r}
			lower = textTarget(r.ID)
		}
	} else {
		for _, p := range lowerPos {
			if p.off {
				return nil, nil, revErrorf("Walked too far")
			}
			if p.rev != nil {
				current = append(current, p.rev)
			}
		}
	}
	currentList, err := m.relatedChecked(current, downAll, true)
	if err != nil {
		return nil, nil, err
	}
	have := newRevSet(len(m.revs))
	for _, r := range currentList {
		have.add(r)
	}
	needs := newRevSet(len(m.revs))
	for _, r := range requiredList {
		if !have.has(r) {
			needs.add(r)
		}
	}
	if inclusive {
		for _, r := range current {
			needs.add(r)
		}
	}
	if len(current) > 0 && !implicitBase {
		above, err := m.relatedChecked(current, upVersioned, true)
		if err != nil {
			return nil, nil, err
		}
		keep := newRevSet(len(m.revs))
		for _, r := range above {
			keep.add(r)
		}
		for _, r := range m.revs {
			if needs.has(r) && !keep.has(r) {
				needs.bits[r.idx/64] &^= 1 << (uint(r.idx) % 64)
			}
		}
	}
	var out []*Revision
	for _, r := range m.revs {
		if needs.has(r) {
			out = append(out, r)
		}
	}
	return out, targets, nil
}

// collectDowngrade computes the applied revisions a downgrade to tgt
// removes (Alembic's _collect_downgrade_revisions) and the heads that
// order them.
func (m *Map) collectDowngrade(upper target, tgt string, assertLength bool) ([]*Revision, []*Revision, error) {
	label, dest, err := m.parseDowngradeTarget(upper, tgt, assertLength)
	if err != nil {
		return nil, nil, err
	}
	var roots []*Revision
	if dest == nil {
		roots = m.bases
	} else {
		roots = dest.next
	}
	if label != "" && len(roots) > 1 {
		branchRev, err := m.resolveBranch(label)
		if err != nil {
			return nil, nil, err
		}
		below := m.reach([]*Revision{branchRev}, downVersioned)
		var kept []*Revision
		for _, r := range roots {
			if below.has(r) {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			return nil, nil, revErrorf("Not a valid downgrade target from current heads")
		}
		roots = kept
	}
	heads, err := m.resolveTarget(upper)
	if err != nil {
		return nil, nil, err
	}
	drop := m.reach(roots, upAll)
	active := m.reach(heads, downAll)
	var out []*Revision
	for _, r := range m.revs {
		if drop.has(r) && active.has(r) {
			out = append(out, r)
		}
	}
	if dest != nil && len(out) == 0 && !slices.Contains(heads, dest) {
		return nil, nil, &RangeNotAncestorError{Lower: "Nothing to drop", Upper: upper.render()}
	}
	return out, heads, nil
}

// topologicalSort orders revs so that each comes before its ancestors,
// following one line of descent as long as no other pending head needs a
// revision first (Alembic's _topological_sort). Heads are taken in input
// order.
func (m *Map) topologicalSort(revs []*Revision, heads []*Revision) []*Revision {
	todo := newRevSet(len(m.revs))
	remaining := 0
	for _, r := range revs {
		if !todo.has(r) {
			todo.add(r)
			remaining++
		}
	}
	var current []*Revision
	inCurrent := func(r *Revision) bool { return slices.Contains(current, r) }
	for _, h := range heads {
		if h != nil && todo.has(h) && !inCurrent(h) {
			current = append(current, h)
		}
	}
	sortByIndex(current)
	ancestors := make([]revSet, len(current))
	for i, h := range current {
		ancestors[i] = m.reach([]*Revision{h}, downAll)
	}
	out := make([]*Revision, 0, remaining)
	idx := 0
	for len(current) > 0 {
		candidate := current[idx]
		blocked := false
		for j, anc := range ancestors {
			if j != idx && anc.has(candidate) {
				// Another pending head descends from the candidate: walk
				// that one down first.
				idx = j
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		if todo.has(candidate) {
			out = append(out, candidate)
			todo.bits[candidate.idx/64] &^= 1 << (uint(candidate.idx) % 64)
			remaining--
		}
		var add []*Revision
		for _, r := range candidate.normDown {
			if todo.has(r) && !inCurrent(r) {
				add = append(add, r)
			}
		}
		if len(add) == 0 {
			current = slices.Delete(current, idx, idx+1)
			ancestors = slices.Delete(ancestors, idx, idx+1)
			idx = max(idx-1, 0)
			continue
		}
		current[idx] = add[0]
		if len(candidate.normDeps) == 0 && len(candidate.down) == 1 {
			// A plain step down one line: the ancestors of the new head are
			// those of the old one minus the old one itself.
			ancestors[idx].bits[candidate.idx/64] &^= 1 << (uint(candidate.idx) % 64)
		} else {
			ancestors[idx] = m.reach([]*Revision{add[0]}, downAll)
			for _, r := range add[1:] {
				current = append(current, r)
				ancestors = append(ancestors, m.reach([]*Revision{r}, downAll))
			}
		}
	}
	if remaining > 0 {
		// Revisions not reachable from any head: append them in an order
		// that still puts descendants first, rather than lose them.
		rest := make([]*Revision, 0, remaining)
		for _, r := range m.revs {
			if todo.has(r) {
				rest = append(rest, r)
			}
		}
		for i := len(rest) - 1; i >= 0; i-- {
			out = append(out, rest[i])
		}
	}
	return out
}
