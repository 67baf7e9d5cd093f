package command

import (
	"context"
	"strings"

	"github.com/retort-dev/retort/internal/engine"
	"github.com/retort-dev/retort/revision"
)

// RunResult is what an online upgrade, downgrade or stamp did: the
// summary behind --format json.
type RunResult struct {
	// Steps are the steps applied, in order. After a failure they are
	// the steps whose effect is durable (committed, or run on a database
	// without transactional DDL).
	Steps []engine.Step
	// Current is the version table after the run; nil offline, or when
	// it could not be read (the database went away).
	Current []string
}

// UpgradeResult is Upgrade that also returns what it did, also when err
// is not nil. Offline (o.SQL) it returns no steps.
func UpgradeResult(ctx context.Context, p *Project, target string, o MigrateOptions) (*RunResult, error) {
	return upgrade(ctx, p, target, o, true)
}

// DowngradeResult is Downgrade that also returns what it did, also when
// err is not nil.
func DowngradeResult(ctx context.Context, p *Project, target string, o MigrateOptions) (*RunResult, error) {
	return downgrade(ctx, p, target, o, true)
}

// StampResult is Stamp that also returns the version-table changes it
// made, also when err is not nil.
func StampResult(ctx context.Context, p *Project, targets []string, o StampOptions) (*RunResult, error) {
	return stamp(ctx, p, targets, o, true)
}

// upgrade runs Upgrade; with summary it also reads the version table
// after the run for the result.
func upgrade(ctx context.Context, p *Project, target string, o MigrateOptions, summary bool) (*RunResult, error) {
	e, db, err := p.engine(o.Tag, o.SQL)
	if err != nil {
		return &RunResult{}, err
	}
	defer db.close()
	defer p.Env.ScriptCache.Flush() // what this run compiled, for the next
	if !o.SQL && !strings.Contains(target, ":") {
		// Applied scripts edited since they ran: one warning each, first
		// (a range is refused before anything connects).
		if mc, err := e.Quiet().Context(); err == nil {
			p.warnChanged(ctx, mc)
		}
	}
	res, err := e.Upgrade(ctx, target)
	return runResult(ctx, e, res, summary && !o.SQL), db.explain(err)
}

func downgrade(ctx context.Context, p *Project, target string, o MigrateOptions, summary bool) (*RunResult, error) {
	if o.SQL && !strings.Contains(target, ":") {
		return &RunResult{}, &revision.CommandError{Message: "downgrade with --sql requires <fromrev>:<torev>"}
	}
	e, db, err := p.engine(o.Tag, o.SQL)
	if err != nil {
		return &RunResult{}, err
	}
	defer db.close()
	defer p.Env.ScriptCache.Flush() // what this run compiled, for the next
	res, err := e.Downgrade(ctx, target)
	return runResult(ctx, e, res, summary && !o.SQL), db.explain(err)
}

func stamp(ctx context.Context, p *Project, targets []string, o StampOptions, summary bool) (*RunResult, error) {
	e, db, err := p.engine(o.Tag, o.SQL)
	if err != nil {
		return &RunResult{}, err
	}
	defer db.close()
	if !summary {
		return &RunResult{}, db.explain(stampFailure(e.Stamp(ctx, targets, o.Purge)))
	}
	res, err := e.StampResult(ctx, targets, o.Purge)
	return runResult(ctx, e, res, !o.SQL), db.explain(stampFailure(err))
}

// runResult is res with, when readCurrent, the version table as the run
// left it.
func runResult(ctx context.Context, e *engine.Engine, res *engine.Result, readCurrent bool) *RunResult {
	out := &RunResult{}
	if res != nil {
		out.Steps = res.Steps
	}
	if !readCurrent {
		return out
	}
	if rows, err := e.Quiet().Rows(ctx); err == nil {
		out.Current = rows
		if out.Current == nil {
			out.Current = []string{}
		}
	}
	return out
}
