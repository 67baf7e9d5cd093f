package command

import (
	"context"

	"github.com/retort-dev/retort/internal/engine"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

// scriptsOf maps revisions to their scripts, in the same order.
func (p *Project) scriptsOf(revs []*revision.Revision) ([]*script.Script, error) {
	return p.graphEngine().ScriptsOf(revs)
}

// graphEngine is an engine for the commands that read only the revision
// graph: no database, no dialect.
func (p *Project) graphEngine() *engine.Engine { return &engine.Engine{Scripts: p.Scripts} }

// Heads returns the head revisions: those no revision names as its
// down_revision. With resolveDependencies, revisions that others depend on
// are not heads (Alembic's "heads --resolve-dependencies").
func Heads(p *Project, resolveDependencies bool) ([]*script.Script, error) {
	return p.graphEngine().Heads(resolveDependencies)
}

// Branches returns the branch points (revisions with more than one child),
// in history order.
func Branches(p *Project) ([]*script.Script, error) {
	return p.graphEngine().Branches()
}

// HistoryOptions are the flags of the history command.
type HistoryOptions struct {
	// Range is -r/--rev-range: "[start]:[end]". Either side may be
	// "current" (the database's revisions).
	Range string
	// HasRange reports that -r was given (an empty Range is then an error).
	HasRange bool
	// IndicateCurrent is -i: read the database to mark current revisions.
	IndicateCurrent bool
}

// HistoryResult is what history prints: revisions newest first, and the
// database's current revisions when they were read.
type HistoryResult struct {
	Scripts []*script.Script
	// Current holds the version table's rows when the range named
	// "current" or IndicateCurrent was set; nil otherwise.
	Current []string
}

// History lists revisions from the newest to the oldest, each before its
// ancestors, limited to a range when one is given.
func History(ctx context.Context, p *Project, o HistoryOptions) (*HistoryResult, error) {
	lower, upper, err := engine.SplitHistoryRange(o.Range, o.HasRange)
	if err != nil {
		return nil, err
	}
	e := p.graphEngine()
	var db *database
	if lower == "current" || upper == "current" || o.IndicateCurrent {
		// Only then is the database needed: history works without a
		// reachable (or valid) URL otherwise, as Alembic's does.
		if e, db, err = p.engine("", false); err != nil {
			return nil, err
		}
		defer db.close()
	}
	scripts, rows, err := e.HistoryCurrent(ctx, o.Range, o.IndicateCurrent)
	if err != nil {
		return nil, db.explain(err)
	}
	return &HistoryResult{Scripts: scripts, Current: rows}, nil
}

// walkWithCurrent walks lower..upper, where "current" on one side stands
// for the database's revisions.
func walkWithCurrent(m *revision.Map, lower, upper string, current []string) ([]*revision.Revision, error) {
	var revs []*revision.Revision
	var err error
	switch {
	case lower == "current":
		revs, err = m.WalkCurrent(current, upper, true)
	case upper == "current":
		revs, err = m.WalkCurrent(current, lower, false)
	default:
		revs, err = m.Walk(lower, upper)
	}
	return revs, failure(err)
}

// Show returns the revisions a symbol denotes ("heads", "billing@head", a
// prefix, ...). "current" reads the database.
func Show(ctx context.Context, p *Project, rev string) ([]*script.Script, error) {
	if rev != "current" {
		return p.graphEngine().Show(ctx, rev)
	}
	e, db, err := p.engine("", false)
	if err != nil {
		return nil, err
	}
	defer db.close()
	scripts, err := e.Show(ctx, rev)
	return scripts, db.explain(err)
}

// Current returns the database's current revisions, dependencies included
// (the version table stores only the dependent revision).
func Current(ctx context.Context, p *Project) ([]*script.Script, error) {
	e, db, err := p.engine("", false)
	if err != nil {
		return nil, err
	}
	defer db.close()
	scripts, err := e.Current(ctx)
	return scripts, db.explain(err)
}

// readVersionRows reads the version table without changing anything.
func readVersionRows(ctx context.Context, p *Project) ([]string, error) {
	e, db, err := p.engine("", false)
	if err != nil {
		return nil, err
	}
	defer db.close()
	rows, err := e.Rows(ctx)
	return rows, db.explain(err)
}
