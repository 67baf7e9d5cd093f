package revision

// Upgrade returns the steps that take a database whose version table holds
// current to target, in the order Alembic runs them (ancestors first).
// target is any identifier: "head", "heads", an id, "LABEL@head", "+N",
// "LABEL@+N", "REV+N", ... A target that is already applied (an ancestor of
// current) gives no steps and no error, as in Alembic. Errors are
// *CommandError worded as `alembic upgrade` words them.
func (m *Map) Upgrade(current []string, target string) ([]Step, error) {
	wording := commandWording{
		ancestor: "Destination %[2]s is not a valid upgrade target from current head(s)",
		end:      target, hasEnd: true,
	}
	revs, targets, err := m.collectUpgrade(textTarget(target), setTarget(current), false, true, true)
	if err != nil {
		return nil, wording.wrap(err)
	}
	order := m.topologicalSort(revs, targets)
	steps := make([]Step, len(order))
	for i, r := range order {
		steps[len(order)-1-i] = Step{Revision: r, Up: true}
	}
	return steps, nil
}

// Downgrade returns the steps that take a database whose version table
// holds current down to target, in the order Alembic runs them
// (descendants first). target is "base", "LABEL@base", an id, "-N",
// "LABEL@-N", "REV-N", ... Downgrading to the current head gives no steps;
// a target that is not below the current heads is an error. Errors are
// *CommandError worded as `alembic downgrade` words them.
func (m *Map) Downgrade(current []string, target string) ([]Step, error) {
	wording := commandWording{
		ancestor: "Destination %[2]s is not a valid downgrade target from current head(s)",
		end:      target, hasEnd: true,
	}
	tgt := target
	if tgt == "base" {
		tgt = ""
	}
	revs, heads, err := m.collectDowngrade(setTarget(current), tgt, true)
	if err != nil {
		return nil, wording.wrap(err)
	}
	order := m.topologicalSort(revs, heads)
	steps := make([]Step, len(order))
	for i, r := range order {
		steps[i] = Step{Revision: r, Up: false}
	}
	return steps, nil
}

// Walk lists the revisions of `history -r lower:upper` in Alembic's order:
// descendants before ancestors, one line of descent at a time. An empty
// lower means "base", an empty upper "heads". Both ends may be any
// identifier, relative ones included ("-2", "+1", "LABEL@head"). Errors are
// *CommandError worded as `alembic history` words them.
func (m *Map) Walk(lower, upper string) ([]*Revision, error) {
	if lower == "" {
		lower = "base"
	}
	if upper == "" {
		upper = "heads"
	}
	return m.walkTargets(textTarget(lower), textTarget(upper), lower, upper)
}

// WalkCurrent is Walk with one end given as version-table rows, for
// `history -r current:` (currentIsLower) and `history -r :current`. No rows
// stand for "base" at the lower end and "heads" at the upper end.
func (m *Map) WalkCurrent(rows []string, other string, currentIsLower bool) ([]*Revision, error) {
	rowsTarget := setTarget(rows)
	if currentIsLower {
		if other == "" {
			other = "heads"
		}
		if len(rows) == 0 {
			return m.Walk("base", other)
		}
		return m.walkTargets(rowsTarget, textTarget(other), pyTuple(rows), other)
	}
	if other == "" {
		other = "base"
	}
	if len(rows) == 0 {
		return m.Walk(other, "heads")
	}
	return m.walkTargets(textTarget(other), rowsTarget, other, pyTuple(rows))
}

func (m *Map) walkTargets(lower, upper target, start, end string) ([]*Revision, error) {
	wording := commandWording{start: start, end: end, hasStart: true, hasEnd: true}
	if !lower.isSet && lower.text == "base" {
		lower = textTarget("")
	}
	revs, targets, err := m.collectUpgrade(upper, lower, true, false, false)
	if err != nil {
		return nil, wording.wrap(err)
	}
	return m.topologicalSort(revs, targets), nil
}

// allCurrent is Alembic's _get_all_current: the rows, everything they
// depend on, reduced to the tips of each line.
func (m *Map) allCurrent(rows []*Revision) []*Revision {
	in := m.reach(rows, downAll)
	var out []*Revision
	for _, r := range m.revs {
		if !in.has(r) {
			continue
		}
		// r is a tip unless one of its children is also current: a current
		// descendant implies a current child, since ancestors are closed
		// under down_revision.
		tip := true
		for _, c := range r.next {
			if in.has(c) {
				tip = false
				break
			}
		}
		if tip {
			out = append(out, r)
		}
	}
	return out
}

// CurrentHeads returns what `alembic current` shows for the version-table
// rows: each row's revision, plus the revisions the rows depend on, minus
// any that has a descendant among them; in input order. An unknown row is
// a *CommandError ("Can't locate revision identified by '…'").
func (m *Map) CurrentHeads(rows []string) ([]*Revision, error) {
	revs, err := m.getRevisions(rows)
	if err != nil {
		return nil, commandWording{}.wrap(err)
	}
	return m.allCurrent(revs), nil
}

// StartRows resolves the START of an offline "START:END" range to the
// version rows the run begins from, as Alembic does: "" and "base" give no
// rows; anything else must name exactly one revision ("LABEL@base" names
// none and also gives no rows). Errors are *CommandError.
func (m *Map) StartRows(start string) ([]string, error) {
	if start == "" || start == "base" {
		return nil, nil
	}
	r, err := m.Get(start)
	if err != nil {
		return nil, commandWording{}.wrap(err)
	}
	if r == nil {
		return nil, nil
	}
	return []string{r.ID}, nil
}
