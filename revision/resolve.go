package revision

import (
	"fmt"
	"strings"
)

// position is where a relative walk stands: on a revision, below every
// base (Alembic's None, which is also where "base" resolves), or on the
// literal "base" reached by walking down past a base.
type position struct {
	rev    *Revision
	atBase bool // the literal "base" reached by walking down
	off    bool // walked off the graph (Alembic's None result of _walk)
}

// resolveNumber splits "LABEL@ID" and expands the symbolic names: "heads",
// "head" and "base". It returns the ids (nil for base) and the label.
func (m *Map) resolveNumber(id string) ([]string, string, error) {
	label := ""
	if at := strings.IndexByte(id, '@'); at >= 0 {
		label, id = id[:at], id[at+1:]
	}
	switch id {
	case "heads":
		if label != "" {
			heads, err := m.filterForLineage(m.heads, label, false)
			return m.ids(heads), label, err
		}
		return m.ids(m.realHeads), label, nil
	case "head":
		head, err := m.currentHead(label)
		if err != nil || head == nil {
			return nil, label, err
		}
		return []string{head.ID}, label, nil
	case "base":
		return nil, label, nil
	}
	return []string{id}, label, nil
}

// currentHead is the single head, or the single head sharing lineage with
// label; nil when the map is empty.
func (m *Map) currentHead(label string) (*Revision, error) {
	heads := m.heads
	if label != "" {
		var err error
		if heads, err = m.filterForLineage(heads, label, false); err != nil {
			return nil, err
		}
	}
	if len(heads) > 1 {
		arg := "head"
		if label != "" {
			arg = label + "@head"
		}
		return nil, &MultipleHeadsError{Heads: m.ids(heads), Argument: arg}
	}
	if len(heads) == 0 {
		return nil, nil
	}
	return heads[0], nil
}

// resolveBranch finds the revision a branch name stands for: a label, a
// revision id, or a unique id prefix.
func (m *Map) resolveBranch(label string) (*Revision, error) {
	if r, ok := m.byKey[label]; ok {
		return r, nil
	}
	r, err := m.revisionForIdent(label, "")
	if err != nil {
		return nil, &ResolutionError{Message: fmt.Sprintf("No such branch: '%s'", label), Argument: label}
	}
	return r, nil
}

// revisionForIdent resolves one plain identifier (id, label or prefix; ""
// is base and gives nil) and, with branch set, checks that the revision
// shares lineage with that branch.
func (m *Map) revisionForIdent(id, branch string) (*Revision, error) {
	var branchRev *Revision
	if branch != "" {
		var err error
		if branchRev, err = m.resolveBranch(branch); err != nil {
			return nil, err
		}
	}
	if id == "" {
		return nil, nil
	}
	rev, ok := m.byKey[id]
	if !ok {
		var candidates []string
		for _, k := range m.keys {
			if len(k) > 3 && strings.HasPrefix(k, id) {
				candidates = append(candidates, k)
			}
		}
		if branchRev != nil && len(candidates) > 0 {
			var kept []string
			for _, c := range candidates {
				shares, err := m.sharesLineage(m.byKey[c], []*Revision{branchRev}, false)
				if err != nil {
					return nil, err
				}
				if shares {
					kept = append(kept, c)
				}
			}
			candidates = kept
		}
		switch {
		case len(candidates) == 0:
			hint := ""
			if len(id) < 4 {
				hint = "; please ensure at least four characters are present for partial revision identifier matches"
			}
			return nil, &ResolutionError{Message: fmt.Sprintf("No such revision or branch '%s'%s", id, hint), Argument: id}
		case len(candidates) > 1:
			shown := candidates
			if len(shown) > 3 {
				shown = shown[:3]
			}
			quoted := make([]string, len(shown))
			for i, c := range shown {
				quoted[i] = "'" + c + "'"
			}
			return nil, &ResolutionError{
				Message:  fmt.Sprintf("Multiple revisions start with '%s': %s...", id, strings.Join(quoted, ", ")),
				Argument: id,
			}
		}
		rev = m.byKey[candidates[0]]
	}
	if branchRev != nil {
		shares, err := m.sharesLineage(rev, []*Revision{branchRev}, false)
		if err != nil {
			return nil, err
		}
		if !shares {
			return nil, &ResolutionError{
				Message:  fmt.Sprintf("Revision %s is not a member of branch '%s'", rev.ID, branch),
				Argument: id,
			}
		}
	}
	return rev, nil
}

// sharesLineage reports whether one of against is an ancestor or
// descendant of target (or target itself).
func (m *Map) sharesLineage(target *Revision, against []*Revision, withDeps bool) (bool, error) {
	if len(against) == 0 {
		return true, nil
	}
	down, up := downVersioned, upVersioned
	if withDeps {
		down, up = downAll, upAll
	}
	want := newRevSet(len(m.revs))
	for _, a := range against {
		if a != nil {
			want.add(a)
		}
	}
	for _, r := range m.related([]*Revision{target}, up) {
		if want.has(r) {
			return true, nil
		}
	}
	for _, r := range m.related([]*Revision{target}, down) {
		if want.has(r) {
			return true, nil
		}
	}
	return false, nil
}

// filterForLineage keeps the targets that share lineage with the
// revisions checkAgainst names (a label, an id, "LABEL@ID", ...).
func (m *Map) filterForLineage(targets []*Revision, checkAgainst string, withDeps bool) ([]*Revision, error) {
	ids, label, err := m.resolveNumber(checkAgainst)
	if err != nil {
		return nil, err
	}
	var names []string
	if label != "" {
		names = append(names, label)
	}
	names = append(names, ids...)
	against := make([]*Revision, 0, len(names))
	for _, n := range names {
		r, err := m.revisionForIdent(n, "")
		if err != nil {
			return nil, err
		}
		against = append(against, r)
	}
	var out []*Revision
	for _, t := range targets {
		ok, err := m.sharesLineage(t, against, withDeps)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// getRevision resolves an identifier that must name at most one revision;
// nil means base.
func (m *Map) getRevision(id string) (*Revision, error) {
	ids, label, err := m.resolveNumber(id)
	if err != nil {
		return nil, err
	}
	if len(ids) > 1 {
		arg := id
		if at := strings.IndexByte(arg, '@'); at >= 0 {
			arg = arg[at+1:]
		}
		return nil, &MultipleHeadsError{Heads: ids, Argument: arg}
	}
	one := ""
	if len(ids) == 1 {
		one = ids[0]
	}
	return m.revisionForIdent(one, label)
}

// getPositions resolves one identifier to any number of revisions; "-N"
// and "LABEL@-N" walk down from the heads and may end on "base" or off the
// graph.
func (m *Map) getPositions(id string) ([]position, error) {
	ids, label, err := m.resolveNumber(id)
	if err != nil {
		return nil, err
	}
	if len(ids) == 1 {
		if n, ok := parsePythonInt(ids[0]); ok && n < 0 {
			heads, err := m.getRevisions([]string{"heads"})
			if err != nil {
				return nil, err
			}
			var out []position
			for _, h := range heads {
				if label != "" && !h.hasLabel(label) {
					continue
				}
				p, err := m.walk(position{rev: h}, n, "", true)
				if err != nil {
					return nil, err
				}
				out = append(out, p)
			}
			return out, nil
		}
	}
	out := make([]position, 0, len(ids))
	for _, one := range ids {
		r, err := m.revisionForIdent(one, label)
		if err != nil {
			return nil, err
		}
		out = append(out, position{rev: r})
	}
	return out, nil
}

// getRevisions resolves each identifier and keeps the revisions found;
// base, and a walk that ends on base, contribute nothing. A walk that goes
// off the graph is an error.
func (m *Map) getRevisions(ids []string) ([]*Revision, error) {
	var out []*Revision
	for _, id := range ids {
		ps, err := m.getPositions(id)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if p.off {
				return nil, revErrorf("Relative revision %s didn't produce %d migrations", strings.TrimPrefix(id, labelPrefix(id)), walkLen(id))
			}
			if p.rev != nil {
				out = append(out, p.rev)
			}
		}
	}
	return out, nil
}

func labelPrefix(id string) string {
	if at := strings.IndexByte(id, '@'); at >= 0 {
		return id[:at+1]
	}
	return ""
}

func walkLen(id string) int {
	n, _ := parsePythonInt(strings.TrimPrefix(id, labelPrefix(id)))
	if n < 0 {
		n = -n
	}
	return n
}

func (r *Revision) hasLabel(label string) bool {
	for _, l := range r.labels {
		if l == label {
			return true
		}
	}
	return false
}

// walk moves steps revisions up (steps > 0) or down (steps < 0) from
// start. Going up, label restricts the choice among children to that
// branch. Walking off the graph gives an off position when noOverwalk is
// set, else stops where it is; more than one candidate is "Ambiguous walk".
func (m *Map) walk(start position, steps int, label string, noOverwalk bool) (position, error) {
	cur := start
	n := steps
	if n < 0 {
		n = -n
	}
	// A walk longer than the graph cannot end on a revision; capping it
	// keeps absurd numbers ("+99999999999") cheap.
	if n > len(m.revs)+2 {
		n = len(m.revs) + 2
	}
	for i := 0; i < n; i++ {
		var children []position
		if steps > 0 {
			if cur.atBase {
				return position{}, revErrorf("Ambiguous walk")
			}
			var up []*Revision
			if cur.rev == nil {
				up = m.bases
			} else {
				up = cur.rev.next
			}
			if label != "" {
				var err error
				if up, err = m.filterForLineage(up, label, false); err != nil {
					return position{}, err
				}
			}
			for _, r := range up {
				children = append(children, position{rev: r})
			}
		} else if !cur.atBase {
			var down []*Revision
			if cur.rev == nil {
				down = m.heads
			} else {
				down = cur.rev.down
			}
			for _, r := range down {
				children = append(children, position{rev: r})
			}
			if len(children) == 0 {
				children = []position{{atBase: true}}
			}
		}
		if len(children) == 0 {
			if noOverwalk {
				return position{off: true}, nil
			}
			return cur, nil
		}
		if len(children) > 1 {
			return position{}, revErrorf("Ambiguous walk")
		}
		cur = children[0]
	}
	return cur, nil
}

// Get resolves an identifier that names exactly one revision: a full id, a
// unique prefix (of an id longer than three characters), a branch label,
// "head", "LABEL@head", "LABEL@REV", "REV@head". "base" (and "LABEL@base")
// give nil and no error.
func (m *Map) Get(id string) (*Revision, error) {
	if id == "" {
		return nil, &ResolutionError{Message: "No such revision or branch ''", Argument: ""}
	}
	return m.getRevision(id)
}

// Resolve resolves identifiers that may each name several revisions:
// "heads", "LABEL@heads", "head", "base" (nothing), ids, prefixes, labels,
// "-N" and "LABEL@-N" (N revisions below each head, or each head of the
// branch). Duplicates are kept, as Alembic keeps them.
func (m *Map) Resolve(ids ...string) ([]*Revision, error) {
	for _, id := range ids {
		if id == "" {
			return nil, &ResolutionError{Message: "No such revision or branch ''", Argument: ""}
		}
	}
	return m.getRevisions(ids)
}

// parsePythonInt parses what Python's int() accepts for our purposes: an
// optional sign and ASCII digits, with surrounding spaces and underscores
// between digits. Values beyond int range saturate.
func parsePythonInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	neg := false
	switch s[0] {
	case '+':
		s = s[1:]
	case '-':
		neg = true
		s = s[1:]
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return 0, false
	}
	const limit = 1 << 40
	n := 0
	prevUnderscore := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if prevUnderscore {
				return 0, false
			}
			prevUnderscore = true
			continue
		}
		prevUnderscore = false
		if c < '0' || c > '9' {
			return 0, false
		}
		if n < limit {
			n = n*10 + int(c-'0')
		}
	}
	if neg {
		n = -n
	}
	return n, true
}
