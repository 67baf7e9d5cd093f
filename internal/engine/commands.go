package engine

import (
	"context"
	"strings"

	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

// Upgrade applies the revisions between the database's current heads and
// target ("head", "heads", "+1", "billing@head", an id, ...). Offline, the
// target may be "START:END", START naming where the script starts from.
// The Result lists the steps applied, also when err is not nil.
func (e *Engine) Upgrade(ctx context.Context, target string) (*Result, error) {
	start, target, err := splitRange(target, e.offline())
	if err != nil {
		return &Result{}, err
	}
	m := e.Scripts.Map
	return e.run(ctx, start, func(current []string) ([]migration.PlannedStep, error) {
		steps, err := m.Upgrade(current, target)
		if err != nil {
			return nil, Failure(err)
		}
		return e.compileSteps(steps)
	})
}

// Downgrade reverts the revisions between the database's current heads and
// target ("base", "-1", an id, ...). Offline it needs "START:END".
func (e *Engine) Downgrade(ctx context.Context, target string) (*Result, error) {
	if e.offline() && !strings.Contains(target, ":") {
		return &Result{}, &revision.CommandError{Message: "downgrade with --sql requires <fromrev>:<torev>"}
	}
	start, target, err := splitRange(target, e.offline())
	if err != nil {
		return &Result{}, err
	}
	m := e.Scripts.Map
	return e.run(ctx, start, func(current []string) ([]migration.PlannedStep, error) {
		steps, err := m.Downgrade(current, target)
		if err != nil {
			return nil, Failure(err)
		}
		return e.compileSteps(steps)
	})
}

// Stamp sets the version table to targets without running migrations;
// purge first empties it (online only). Offline each target may be
// "START:END", with one START for all.
func (e *Engine) Stamp(ctx context.Context, targets []string, purge bool) error {
	m := e.Scripts.Map
	mc, err := e.context(nil)
	if err != nil {
		return err
	}
	if !e.offline() {
		return mc.Stamp(ctx, m, targets, purge)
	}
	var start string
	haveStart := false
	destinations := make([]string, 0, len(targets))
	for _, t := range targets {
		from, to, ranged := strings.Cut(t, ":")
		if !ranged {
			destinations = append(destinations, t)
			continue
		}
		if haveStart && from != start {
			return &revision.CommandError{Message: "Stamp operation with --sql only supports a single starting revision at a time"}
		}
		start, haveStart = from, true
		destinations = append(destinations, to)
	}
	current, err := e.startingRevisions(start)
	if err != nil {
		return err
	}
	return mc.StampOffline(ctx, m, current, destinations, purge)
}

// Rows reads the version table without changing anything; a missing table
// is no rows.
func (e *Engine) Rows(ctx context.Context) ([]string, error) {
	mc, err := e.context(nil)
	if err != nil {
		return nil, err
	}
	return mc.Heads(ctx)
}

// Current returns the database's current revisions, dependencies included
// (the version table stores only the dependent revision).
func (e *Engine) Current(ctx context.Context) ([]*script.Script, error) {
	rows, err := e.Rows(ctx)
	if err != nil {
		return nil, err
	}
	revs, err := e.Scripts.Map.CurrentHeads(rows)
	if err != nil {
		return nil, Failure(err)
	}
	return e.scriptsOf(revs)
}

// Heads returns the head revisions; with resolveDependencies, revisions
// that others depend on are not heads.
func (e *Engine) Heads(resolveDependencies bool) ([]*script.Script, error) {
	if resolveDependencies {
		return e.scriptsOf(e.Scripts.Map.RealHeads())
	}
	return e.scriptsOf(e.Scripts.Map.Heads())
}

// Branches returns the branch points (revisions with more than one
// child), in history order, newest first.
func (e *Engine) Branches() ([]*script.Script, error) {
	m := e.Scripts.Map
	all, err := m.Walk("", "")
	if err != nil {
		return nil, Failure(err)
	}
	var points []*revision.Revision
	for _, r := range all {
		if m.IsBranchPoint(r) {
			points = append(points, r)
		}
	}
	return e.scriptsOf(points)
}

// Show returns the revisions a symbol denotes ("heads", "billing@head",
// an id or a prefix of one, ...); "current" reads the database, and is
// nothing when the version table is empty.
func (e *Engine) Show(ctx context.Context, rev string) ([]*script.Script, error) {
	ids := []string{rev}
	if rev == "current" {
		rows, err := e.Rows(ctx)
		if err != nil {
			return nil, err
		}
		ids = rows
	}
	if len(ids) == 0 {
		return nil, nil
	}
	revs, err := e.Scripts.Map.Resolve(ids...)
	if err != nil {
		return nil, Failure(err)
	}
	return e.scriptsOf(revs)
}

// History lists revisions newest first within "[start]:[end]" ("" is the
// whole history); either side may be "current", which reads the database.
func (e *Engine) History(ctx context.Context, rangeExpr string) ([]*script.Script, error) {
	scripts, _, err := e.HistoryCurrent(ctx, rangeExpr, false)
	return scripts, err
}

// HistoryCurrent is History that also returns the version table's rows,
// read when the range names "current" or readCurrent is set (history -i):
// nil when they were not read, empty when read and there are none.
func (e *Engine) HistoryCurrent(ctx context.Context, rangeExpr string, readCurrent bool) ([]*script.Script, []string, error) {
	lower, upper, err := SplitHistoryRange(rangeExpr, false)
	if err != nil {
		return nil, nil, err
	}
	var rows []string
	if lower == "current" || upper == "current" || readCurrent {
		read, err := e.Rows(ctx)
		if err != nil {
			return nil, nil, err
		}
		rows = append([]string{}, read...)
	}
	m := e.Scripts.Map
	var revs []*revision.Revision
	switch {
	case lower == "current":
		revs, err = m.WalkCurrent(rows, upper, true)
	case upper == "current":
		revs, err = m.WalkCurrent(rows, lower, false)
	default:
		revs, err = m.Walk(lower, upper)
	}
	if err != nil {
		return nil, nil, Failure(err)
	}
	scripts, err := e.scriptsOf(revs)
	return scripts, rows, err
}

// SplitHistoryRange splits "[start]:[end]" into its sides. An empty
// range is the whole history, unless given says it was given (history -r
// ""), which is an error.
func SplitHistoryRange(rangeExpr string, given bool) (lower, upper string, err error) {
	r := strings.TrimSpace(rangeExpr)
	if r == "" && !given {
		return "", "", nil
	}
	lower, upper, ok := strings.Cut(r, ":")
	if !ok || strings.Contains(upper, ":") {
		return "", "", &revision.CommandError{Message: "History range requires [start]:[end], [start]:, or :[end]"}
	}
	return lower, upper, nil
}

// ScriptsOf maps revisions to their scripts, in the same order; a
// revision without a script is an error.
func (e *Engine) ScriptsOf(revs []*revision.Revision) ([]*script.Script, error) {
	return e.scriptsOf(revs)
}

// scriptsOf maps revisions to their scripts, in the same order.
func (e *Engine) scriptsOf(revs []*revision.Revision) ([]*script.Script, error) {
	out := make([]*script.Script, 0, len(revs))
	for _, r := range revs {
		if r == nil {
			continue
		}
		s := e.Scripts.Script(r.ID)
		if s == nil {
			return nil, &revision.CommandError{Message: "revision " + r.ID + " has no script"}
		}
		out = append(out, s)
	}
	return out, nil
}

// EnsureVersion creates the version table when it is missing; offline it
// writes the CREATE TABLE.
func (e *Engine) EnsureVersion(ctx context.Context) error {
	mc, err := e.context(nil)
	if err != nil {
		return err
	}
	return mc.EnsureVersion(ctx)
}
