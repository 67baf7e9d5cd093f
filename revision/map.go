package revision

import (
	"slices"
	"sort"
	"strings"
)

// Revision is one node of the graph. The exported fields are filled by the
// script loader; New computes the rest. A Revision belongs to the Map it was
// passed to: New overwrites the computed fields, so do not share one value
// between two live maps.
type Revision struct {
	ID            string
	DownRevisions []string // parents; empty for a base
	DependsOn     []string // as written: full ids, unique prefixes or branch labels
	BranchLabels  []string // declared in this script
	Path          string   // script file (opaque here, used in messages)
	Doc           string   // module docstring (opaque here)
	CreateDate    string   // opaque

	idx      int         // position in the input: the tie-breaker for every order
	down     []*Revision // versioned parents (DownRevisions, resolved)
	deps     []*Revision // DependsOn resolved to revisions
	normDeps []*Revision // deps that no ancestor already depends on
	allDown  []*Revision // down + deps
	normDown []*Revision // down + normDeps: what an upgrade step moves from
	next     []*Revision // children through down_revision, input order
	allNext  []*Revision // children through down_revision or depends_on
	labels   []string    // own and propagated branch labels, sorted
}

// Map is a validated revision graph. It is immutable after New and safe for
// concurrent use.
type Map struct {
	revs      []*Revision          // input order
	byKey     map[string]*Revision // revision ids and branch labels
	keys      []string             // ids in input order, then labels: Alembic's map key order
	heads     []*Revision          // no child through down_revision
	realHeads []*Revision          // no child through down_revision or depends_on
	bases     []*Revision          // no down_revision
	realBases []*Revision          // no down_revision and no depends_on
}

var illegalIDChars = "+-@"

// New builds and validates the graph. It fails on an empty or illegal id, a
// revision listing itself as parent or dependency, two revisions with one
// id, a down_revision or depends_on naming nothing, a branch label declared
// twice (or equal to a revision id), and cycles.
func New(revs []*Revision) (*Map, error) {
	m := &Map{
		revs:  make([]*Revision, 0, len(revs)),
		byKey: make(map[string]*Revision, len(revs)),
	}
	for i, r := range revs {
		if r == nil {
			return nil, revErrorf("revision number %d is nil", i)
		}
		if r.ID == "" {
			where := ""
			if r.Path != "" {
				where = " in " + r.Path
			}
			return nil, revErrorf("Empty revision identifier%s", where)
		}
		if bad := illegalChars(r.ID); bad != "" {
			return nil, revErrorf("Character(s) '%s' not allowed in revision identifier '%s'", bad, r.ID)
		}
		if slices.Contains(r.DownRevisions, r.ID) {
			return nil, &CycleError{Kind: SelfLoop, Revisions: []string{r.ID}}
		}
		if slices.Contains(r.DependsOn, r.ID) {
			return nil, &CycleError{Kind: DependencySelfLoop, Revisions: []string{r.ID}}
		}
		if prev, dup := m.byKey[r.ID]; dup {
			var paths []string
			if prev.Path != "" || r.Path != "" {
				paths = []string{prev.Path, r.Path}
			}
			return nil, &DuplicateRevisionError{ID: r.ID, Paths: paths}
		}
		*r = Revision{ID: r.ID, DownRevisions: r.DownRevisions, DependsOn: r.DependsOn,
			BranchLabels: r.BranchLabels, Path: r.Path, Doc: r.Doc, CreateDate: r.CreateDate}
		r.idx = i
		m.byKey[r.ID] = r
		m.revs = append(m.revs, r)
		m.keys = append(m.keys, r.ID)
	}
	// Branch labels share the namespace of revision ids.
	for _, r := range m.revs {
		for _, label := range r.BranchLabels {
			if owner, used := m.byKey[label]; used {
				return nil, &DuplicateLabelError{Label: label, Revision: r.ID, UsedBy: owner.ID}
			}
			m.byKey[label] = r
			m.keys = append(m.keys, label)
		}
		if len(r.BranchLabels) > 0 {
			r.labels = uniqueSorted(r.BranchLabels)
		}
	}
	// Resolve parents and dependencies.
	for _, r := range m.revs {
		for _, d := range r.DownRevisions {
			if d == "" {
				continue // Alembic reads an empty down_revision as none
			}
			p, ok := m.byKey[d]
			if !ok || p.ID != d {
				return nil, &MissingRevisionError{Missing: d, From: r.ID, Path: r.Path}
			}
			r.down = appendUnique(r.down, p)
		}
		for _, d := range r.DependsOn {
			if d == "" {
				continue
			}
			p, err := m.resolveDependency(d)
			if err != nil {
				return nil, &MissingRevisionError{Missing: d, From: r.ID, Path: r.Path, IsDependency: true}
			}
			if p == r {
				return nil, &CycleError{Kind: DependencySelfLoop, Revisions: []string{r.ID}}
			}
			r.deps = appendUnique(r.deps, p)
		}
		r.allDown = append(slices.Clip(r.down), nil)[:len(r.down)]
		for _, d := range r.deps {
			r.allDown = appendUnique(r.allDown, d)
		}
	}
	for _, r := range m.revs {
		for _, p := range r.allDown {
			p.allNext = append(p.allNext, r)
			if slices.Contains(r.down, p) {
				p.next = append(p.next, r)
			}
		}
	}
	for _, r := range m.revs {
		if len(r.next) == 0 {
			m.heads = append(m.heads, r)
		}
		if len(r.allNext) == 0 {
			m.realHeads = append(m.realHeads, r)
		}
		if len(r.down) == 0 {
			m.bases = append(m.bases, r)
			if len(r.deps) == 0 {
				m.realBases = append(m.realBases, r)
			}
		}
	}
	if err := m.detectCycles(); err != nil {
		return nil, err
	}
	m.normalizeDependencies()
	m.propagateLabels()
	return m, nil
}

// resolveDependency looks a depends_on entry up: an exact id or branch
// label first (what Alembic accepts), then a unique id prefix.
func (m *Map) resolveDependency(ref string) (*Revision, error) {
	if r, ok := m.byKey[ref]; ok {
		return r, nil
	}
	r, err := m.revisionForIdent(ref, "")
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, &ResolutionError{Message: "No such revision or branch '" + ref + "'", Argument: ref}
	}
	return r, nil
}

func illegalChars(id string) string {
	var found []string
	for _, c := range illegalIDChars {
		if strings.ContainsRune(id, c) {
			found = append(found, string(c))
		}
	}
	sort.Strings(found)
	return strings.Join(found, ", ")
}

func appendUnique(list []*Revision, r *Revision) []*Revision {
	if slices.Contains(list, r) {
		return list
	}
	return append(list, r)
}

func uniqueSorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return slices.Compact(out)
}

// detectCycles finds revisions that are not both reachable downward from a
// head and upward from a base: those lie on a cycle or above one. It checks
// down_revision links first, then links including depends_on.
func (m *Map) detectCycles() error {
	if len(m.revs) == 0 {
		return nil
	}
	if len(m.heads) == 0 || len(m.bases) == 0 {
		return &CycleError{Kind: Cycle, Revisions: m.ids(m.revs)}
	}
	if bad := m.unreachable(m.heads, downVersioned, m.bases, upVersioned); len(bad) > 0 {
		return &CycleError{Kind: Cycle, Revisions: bad}
	}
	if len(m.realHeads) == 0 || len(m.realBases) == 0 {
		return &CycleError{Kind: DependencyCycle, Revisions: m.ids(m.revs)}
	}
	if bad := m.unreachable(m.realHeads, downAllRaw, m.realBases, upAll); len(bad) > 0 {
		return &CycleError{Kind: DependencyCycle, Revisions: bad}
	}
	return nil
}

func (m *Map) unreachable(tops []*Revision, down edgeFunc, bottoms []*Revision, up edgeFunc) []string {
	fromTop := m.reach(tops, down)
	fromBottom := m.reach(bottoms, up)
	var bad []string
	for _, r := range m.revs {
		if !fromTop.has(r) || !fromBottom.has(r) {
			bad = append(bad, r.ID)
		}
	}
	sort.Strings(bad)
	return bad
}

// normalizeDependencies drops, from each revision's dependencies, those that
// an ancestor (through down_revision) already depends on: such a dependency
// is already applied when this revision runs, so it is not a parent of the
// upgrade step.
func (m *Map) normalizeDependencies() {
	for _, r := range m.revs {
		if len(r.deps) == 0 {
			r.normDeps = nil
			r.normDown = r.down
			continue
		}
		inherited := newRevSet(len(m.revs))
		for _, a := range m.related([]*Revision{r}, downVersioned) {
			if a == r {
				continue
			}
			for _, d := range a.deps {
				inherited.add(d)
			}
		}
		r.normDeps = nil
		for _, d := range r.deps {
			if !inherited.has(d) {
				r.normDeps = append(r.normDeps, d)
			}
		}
		r.normDown = slices.Clone(r.down)
		for _, d := range r.normDeps {
			r.normDown = appendUnique(r.normDown, d)
		}
	}
}

// propagateLabels gives each labelled revision's labels to its descendants
// (through down_revision), and — as Alembic does — to the straight line of
// ancestors below the last descendant visited, stopping at a branch point
// or merge point. Labelled revisions are processed in input order, and the
// descendant walk visits children in input order, which fixes the choice
// Alembic leaves to Python's set order.
func (m *Map) propagateLabels() {
	for _, r := range m.revs {
		if len(r.BranchLabels) == 0 {
			continue
		}
		labels := slices.Clone(r.labels)
		var last *Revision
		for _, d := range m.related([]*Revision{r}, upVersioned) {
			d.addLabels(labels)
			last = d
		}
		for p := last; p != nil && len(p.allNext) <= 1 && len(p.down) <= 1; {
			p.addLabels(labels)
			if len(p.down) == 0 {
				break
			}
			p = p.down[0]
		}
	}
}

func (r *Revision) addLabels(labels []string) {
	changed := false
	for _, l := range labels {
		if !slices.Contains(r.labels, l) {
			r.labels = append(r.labels, l)
			changed = true
		}
	}
	if changed {
		sort.Strings(r.labels)
	}
}

func (m *Map) ids(revs []*Revision) []string {
	out := make([]string, len(revs))
	for i, r := range revs {
		out[i] = r.ID
	}
	return out
}

// --- traversal helpers ---

type edgeFunc func(*Revision) []*Revision

func downVersioned(r *Revision) []*Revision { return r.down }
func downAll(r *Revision) []*Revision       { return r.normDown }
func downAllRaw(r *Revision) []*Revision    { return r.allDown }
func upVersioned(r *Revision) []*Revision   { return r.next }
func upAll(r *Revision) []*Revision         { return r.allNext }

// revSet is a set of revisions of one map, indexed by input position.
type revSet struct{ bits []uint64 }

func newRevSet(n int) revSet { return revSet{bits: make([]uint64, (n+63)/64)} }

func (s revSet) has(r *Revision) bool {
	i := r.idx
	return i/64 < len(s.bits) && s.bits[i/64]&(1<<(uint(i)%64)) != 0
}
func (s revSet) add(r *Revision) { s.bits[r.idx/64] |= 1 << (uint(r.idx) % 64) }

// reach returns the set of revisions reachable from starts along next,
// starts included.
func (m *Map) reach(starts []*Revision, next edgeFunc) revSet {
	seen := newRevSet(len(m.revs))
	stack := make([]*Revision, 0, len(starts))
	for _, s := range starts {
		if s != nil {
			stack = append(stack, s)
		}
	}
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen.has(r) {
			continue
		}
		seen.add(r)
		stack = append(stack, next(r)...)
	}
	return seen
}

// related lists the revisions reachable from starts along next, starts
// included, in Alembic's depth-first order (a stack; children pushed in
// order, popped last first).
func (m *Map) related(starts []*Revision, next edgeFunc) []*Revision {
	out, _ := m.relatedChecked(starts, next, false)
	return out
}

// relatedChecked is related; with check set it also fails when one start
// reaches another, as Alembic does for the targets of a migration.
func (m *Map) relatedChecked(starts []*Revision, next edgeFunc, check bool) ([]*Revision, error) {
	seen := newRevSet(len(m.revs))
	var out []*Revision
	var stack []*Revision
	var startSet revSet
	if check {
		startSet = newRevSet(len(m.revs))
		for _, s := range starts {
			if s != nil {
				startSet.add(s)
			}
		}
	}
	for _, s := range starts {
		if s == nil {
			continue
		}
		stack = append(stack[:0], s)
		var overlaps []*Revision
		for len(stack) > 0 {
			r := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if check && r != s && startSet.has(r) && !slices.Contains(overlaps, r) {
				overlaps = append(overlaps, r)
			}
			if seen.has(r) {
				continue
			}
			seen.add(r)
			stack = append(stack, next(r)...)
			out = append(out, r)
		}
		if len(overlaps) > 0 {
			sortByIndex(overlaps)
			return nil, revErrorf("Requested revision %s overlaps with other requested revisions %s",
				s.ID, strings.Join(m.ids(overlaps), ", "))
		}
	}
	return out, nil
}

func sortByIndex(revs []*Revision) {
	sort.Slice(revs, func(i, j int) bool { return revs[i].idx < revs[j].idx })
}

// --- public accessors ---

// Heads returns the revisions no other revision names as down_revision, in
// input order: what `alembic heads` lists. A head that another revision
// depends on is still a head here (Alembic shows it as "(effective head)").
func (m *Map) Heads() []*Revision { return slices.Clone(m.heads) }

// RealHeads returns the revisions nothing names as down_revision or
// depends_on, in input order: what "heads" resolves to.
func (m *Map) RealHeads() []*Revision { return slices.Clone(m.realHeads) }

// Bases returns the revisions without down_revision, in input order.
func (m *Map) Bases() []*Revision { return slices.Clone(m.bases) }

// RealBases returns the bases that have no depends_on either.
func (m *Map) RealBases() []*Revision { return slices.Clone(m.realBases) }

// Len is the number of revisions.
func (m *Map) Len() int { return len(m.revs) }

// Children returns the revisions naming r as a down_revision, in input order.
func (m *Map) Children(r *Revision) []*Revision { return slices.Clone(r.next) }

// Dependents returns the revisions naming r as down_revision or depends_on,
// in input order.
func (m *Map) Dependents(r *Revision) []*Revision { return slices.Clone(r.allNext) }

// Parents returns r's down revisions as resolved revisions.
func (m *Map) Parents(r *Revision) []*Revision { return slices.Clone(r.down) }

// Dependencies returns r's depends_on entries resolved to revisions (labels
// and prefixes replaced by the revision they name).
func (m *Map) Dependencies(r *Revision) []*Revision { return slices.Clone(r.deps) }

// StepParents returns the ids an upgrade of r moves from: its down
// revisions plus those dependencies no ancestor already depends on
// (Alembic's _normalized_down_revisions; MigrationInfo.down_revision_ids).
func (m *Map) StepParents(r *Revision) []string { return m.ids(r.normDown) }

// BranchLabels returns r's branch labels, including labels propagated from
// labelled ancestors (and, on a straight line, from labelled descendants),
// sorted.
func (m *Map) BranchLabels(r *Revision) []string { return slices.Clone(r.labels) }

// IsHead reports that no revision names r as down_revision.
func (m *Map) IsHead(r *Revision) bool { return len(r.next) == 0 }

// IsRealHead reports that no revision names r as down_revision or
// depends_on. A head that is not a real head is an "effective head".
func (m *Map) IsRealHead(r *Revision) bool { return len(r.allNext) == 0 }

// IsBase reports that r has no down_revision.
func (m *Map) IsBase(r *Revision) bool { return len(r.down) == 0 }

// IsBranchPoint reports that more than one revision names r as down_revision.
func (m *Map) IsBranchPoint(r *Revision) bool { return len(r.next) > 1 }

// IsMergePoint reports that r has more than one down_revision.
func (m *Map) IsMergePoint(r *Revision) bool { return len(r.down) > 1 }

// Lookup returns the revision with exactly this id, without prefix or label
// matching.
func (m *Map) Lookup(id string) (*Revision, bool) {
	r, ok := m.byKey[id]
	if !ok || r.ID != id {
		return nil, false
	}
	return r, true
}

// Revisions returns every revision in Alembic's history order: heads first,
// each revision before its ancestors (walk_revisions("base", "heads")).
func (m *Map) Revisions() []*Revision {
	if len(m.revs) == 0 {
		return nil
	}
	return m.topologicalSort(m.revs, m.realHeads)
}
