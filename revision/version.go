package revision

import (
	"fmt"
	"slices"
	"strings"
)

// VersionChange is how one step changes the version table. Render it in
// this order: Delete rows, Insert rows, then Update rows (UPDATE ... SET
// version_num = To WHERE version_num = From). Alembic never mixes deletes
// and inserts in one step, so this order is Alembic's.
type VersionChange struct {
	// Purge asks to delete every row first (stamp --purge); set only on the
	// first change of a StampChanges result.
	Purge  bool
	Delete []string
	Insert []string
	Update []Update
}

// Update moves one version row from one revision to another.
type Update struct {
	From, To string
}

// IsEmpty reports a change that touches nothing.
func (c VersionChange) IsEmpty() bool {
	return !c.Purge && len(c.Delete) == 0 && len(c.Insert) == 0 && len(c.Update) == 0
}

// headSet tracks the version rows while steps are applied, keeping their
// order (rows stay in place when updated; inserted rows go last).
type headSet struct {
	rows   []string
	change VersionChange
}

func (h *headSet) has(id string) bool { return slices.Contains(h.rows, id) }

func (h *headSet) insert(id string) error {
	if h.has(id) {
		return revErrorf("Can't insert version %s: it is already in the version table", id)
	}
	h.rows = append(h.rows, id)
	h.change.Insert = append(h.change.Insert, id)
	return nil
}

func (h *headSet) delete(id string) error {
	i := slices.Index(h.rows, id)
	if i < 0 {
		return revErrorf("Can't delete version %s: it is not in the version table", id)
	}
	h.rows = slices.Delete(h.rows, i, i+1)
	h.change.Delete = append(h.change.Delete, id)
	return nil
}

func (h *headSet) update(from, to string) error {
	if h.has(to) {
		return revErrorf("Can't update version %s to %s: %s is already in the version table", from, to, to)
	}
	i := slices.Index(h.rows, from)
	if i < 0 {
		return revErrorf("Can't update version %s to %s: %s is not in the version table", from, to, from)
	}
	h.rows[i] = to
	h.change.Update = append(h.change.Update, Update{From: from, To: to})
	return nil
}

// ancestorIDs is the set of ids at or below the given rows (with
// dependencies).
func (m *Map) ancestorIDs(rows []string) (revSet, error) {
	revs, err := m.getRevisions(rows)
	if err != nil {
		return revSet{}, err
	}
	return m.reach(revs, downAll), nil
}

// ApplyStep is Alembic's HeadMaintainer.update_to_step: given the version
// rows before a migration step, it returns the rows to delete, insert and
// update, and the rows after the step.
//
//   - a downgrade of a head whose parents are all still implied by other
//     rows (or a base) deletes its row;
//   - an upgrade of a base, or of a revision none of whose parents is a
//     row, inserts a row;
//   - an upgrade of a merge point with several parent rows deletes all but
//     one and updates the last;
//   - a downgrade of a merge point inserts rows for the parents no other
//     row implies and updates its own row to the last;
//   - anything else updates the row in place.
//
// Where Alembic picks among parents through Python set order, the parents
// are taken in down_revision order, then dependencies: the last one is
// kept (upgrade) or updated to (downgrade).
func (m *Map) ApplyStep(heads []string, s Step) (VersionChange, []string, error) {
	if s.Revision == nil {
		return VersionChange{}, nil, revErrorf("step has no revision")
	}
	r, ok := m.Lookup(s.Revision.ID)
	if !ok {
		return VersionChange{}, nil, revErrorf("Revision %s is not in this map", s.Revision.ID)
	}
	h := &headSet{rows: slices.Clone(heads)}
	parents := m.ids(r.normDown)
	var err error
	switch {
	case !s.Up && h.has(r.ID):
		var to []string
		if len(parents) > 0 {
			if to, err = m.unmergeTargets(h, r); err != nil {
				break
			}
		}
		switch {
		case len(to) == 0:
			// Going to base, or to parents other rows already imply.
			err = h.delete(r.ID)
		case len(parents) > 1:
			err = m.unmergeRows(h, r, to)
		default:
			err = m.updateRow(h, r, false)
		}
	case s.Up && (len(parents) == 0 || !h.anyOf(parents)):
		err = h.insert(r.ID)
	case s.Up && len(parents) > 1 && h.countOf(parents) > 1:
		err = m.mergeRows(h, r)
	default:
		err = m.updateRow(h, r, s.Up)
	}
	if err != nil {
		return VersionChange{}, nil, err
	}
	return h.change, h.rows, nil
}

func (h *headSet) anyOf(ids []string) bool { return h.countOf(ids) > 0 }

func (h *headSet) countOf(ids []string) int {
	n := 0
	for _, id := range ids {
		if h.has(id) {
			n++
		}
	}
	return n
}

// unmergeTargets lists the parents of r that no other row implies: the
// rows a downgrade of r must leave behind.
func (m *Map) unmergeTargets(h *headSet, r *Revision) ([]string, error) {
	var others []string
	for _, row := range h.rows {
		if row != r.ID {
			others = append(others, row)
		}
	}
	parents := m.ids(r.normDown)
	if len(others) == 0 {
		return parents, nil
	}
	implied, err := m.ancestorIDs(others)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range r.normDown {
		if !implied.has(p) {
			out = append(out, p.ID)
		}
	}
	return out, nil
}

func (m *Map) mergeRows(h *headSet, r *Revision) error {
	parents := m.ids(r.normDown)
	var others []string
	for _, row := range h.rows {
		if !slices.Contains(parents, row) {
			others = append(others, row)
		}
	}
	from := parents
	if len(others) > 0 {
		implied, err := m.ancestorIDs(others)
		if err != nil {
			return err
		}
		from = nil
		for _, p := range r.normDown {
			if !implied.has(p) {
				from = append(from, p.ID)
			}
		}
	}
	if len(from) == 0 {
		return revErrorf("Can't merge to %s: none of its parents is a current version", r.ID)
	}
	for _, d := range from[:len(from)-1] {
		if err := h.delete(d); err != nil {
			return err
		}
	}
	return h.update(from[len(from)-1], r.ID)
}

func (m *Map) unmergeRows(h *headSet, r *Revision, to []string) error {
	for _, id := range to[:len(to)-1] {
		if err := h.insert(id); err != nil {
			return err
		}
	}
	return h.update(r.ID, to[len(to)-1])
}

func (m *Map) updateRow(h *headSet, r *Revision, up bool) error {
	var down string
	if len(r.normDown) == 1 {
		down = r.normDown[0].ID
	} else {
		var found []string
		for _, p := range r.normDown {
			if h.has(p.ID) {
				found = append(found, p.ID)
			}
		}
		if len(found) != 1 {
			return revErrorf("Can't do an UPDATE because downrevision is ambiguous")
		}
		down = found[0]
	}
	if up {
		return h.update(down, r.ID)
	}
	return h.update(r.ID, down)
}

// stampStep is Alembic's StampStep: a move of the version table from some
// rows to others without running scripts.
type stampStep struct {
	from, to   []string
	up         bool
	branchMove bool
}

func (m *Map) applyStamp(h *headSet, s stampStep) error {
	switch {
	case !s.up && s.branchMove:
		if len(s.from) != 1 {
			return revErrorf("stamp can't delete %d versions in one step", len(s.from))
		}
		return h.delete(s.from[0])
	case s.up && (s.branchMove || !h.containsAll(s.from)) && !h.containsAll(s.to):
		if len(s.to) != 1 {
			return revErrorf("stamp can't insert %d versions in one step", len(s.to))
		}
		return h.insert(s.to[0])
	case len(s.from) > 1:
		for _, d := range s.from[:len(s.from)-1] {
			if err := h.delete(d); err != nil {
				return err
			}
		}
		return h.update(s.from[len(s.from)-1], s.to[0])
	case len(s.to) > 1:
		for _, id := range s.to[:len(s.to)-1] {
			if err := h.insert(id); err != nil {
				return err
			}
		}
		return h.update(s.from[0], s.to[len(s.to)-1])
	}
	if len(s.from) != 1 || len(s.to) != 1 {
		return revErrorf("stamp can't move versions %v to %v", s.from, s.to)
	}
	return h.update(s.from[0], s.to[0])
}

func (h *headSet) containsAll(ids []string) bool {
	for _, id := range ids {
		if !h.has(id) {
			return false
		}
	}
	return true
}

// StampChanges is Alembic's stamp: the version-table changes that take the
// rows current to targets without running any script. Each target is
// resolved on its own ("heads", "LABEL@head", ids, "base", ...). A target
// already in the table changes nothing; a target above or below rows on its
// lineage replaces them; a target on a lineage without rows adds a row;
// "base" deletes the rows of the lineage. With purge, the table is emptied
// first (the first change has Purge set) and current is ignored. Errors are
// *CommandError worded as `alembic stamp` words them.
func (m *Map) StampChanges(current []string, targets []string, purge bool) ([]VersionChange, error) {
	wording := commandWording{multipleHeads: "Multiple heads are present; please specify a single target revision"}
	rows := current
	if purge {
		rows = nil
	}
	steps, err := m.stampSteps(targets, rows)
	if err != nil {
		return nil, wording.wrap(err)
	}
	h := &headSet{rows: slices.Clone(rows)}
	var out []VersionChange
	if purge {
		out = append(out, VersionChange{Purge: true})
	}
	for _, s := range steps {
		h.change = VersionChange{}
		if err := m.applyStamp(h, s); err != nil {
			return nil, wording.wrap(err)
		}
		out = append(out, h.change)
	}
	return out, nil
}

// StampResult is StampChanges followed by the rows it leaves.
func (m *Map) StampResult(current []string, targets []string, purge bool) ([]string, error) {
	changes, err := m.StampChanges(current, targets, purge)
	if err != nil {
		return nil, err
	}
	rows := slices.Clone(current)
	for _, c := range changes {
		if c.Purge {
			rows = nil
		}
		for _, d := range c.Delete {
			rows = slices.DeleteFunc(rows, func(s string) bool { return s == d })
		}
		rows = append(rows, c.Insert...)
		for _, u := range c.Update {
			if i := slices.Index(rows, u.From); i >= 0 {
				rows[i] = u.To
			}
		}
	}
	return rows, nil
}

func (m *Map) stampSteps(targets []string, rows []string) ([]stampStep, error) {
	headRevs, err := m.getRevisions(rows)
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		targets = []string{"base"}
	}
	var filtered []*Revision
	for _, t := range targets {
		if t == "" {
			continue
		}
		onLineage, err := m.filterForLineage(headRevs, t, true)
		if err != nil {
			return nil, err
		}
		for _, r := range onLineage {
			filtered = appendUnique(filtered, r)
		}
	}
	dests, err := m.getRevisions(targets)
	if err != nil {
		return nil, err
	}
	var steps []stampStep
	if len(dests) == 0 {
		for _, h := range filtered {
			steps = append(steps, stampStep{from: []string{h.ID}, up: false, branchMove: true})
		}
		return steps, nil
	}
	for _, dest := range dests {
		if slices.Contains(filtered, dest) {
			continue
		}
		descendants := m.reach([]*Revision{dest}, upAll)
		ancestors := m.reach([]*Revision{dest}, downAll)
		above, below := false, false
		for _, f := range filtered {
			above = above || descendants.has(f)
			below = below || ancestors.has(f)
		}
		switch {
		case above:
			steps = append(steps, stampStep{from: m.ids(filtered), to: []string{dest.ID}, up: false})
		case below:
			steps = append(steps, stampStep{from: m.ids(filtered), to: []string{dest.ID}, up: true})
		default:
			steps = append(steps, stampStep{to: []string{dest.ID}, up: true, branchMove: true})
		}
	}
	return steps, nil
}

// String renders a step as Alembic's log does: "upgrade a -> b" (parents
// joined with ", ", "" for a base).
func (s Step) String() string {
	if s.Revision == nil {
		return "<nil step>"
	}
	var parents []string
	for _, p := range s.Revision.DownRevisions {
		if p != "" {
			parents = append(parents, p)
		}
	}
	down := strings.Join(parents, ", ")
	if s.Up {
		return fmt.Sprintf("upgrade %s -> %s", down, s.Revision.ID)
	}
	return fmt.Sprintf("downgrade %s -> %s", s.Revision.ID, down)
}
