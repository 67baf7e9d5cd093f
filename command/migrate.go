package command

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
	"github.com/retort-dev/retort/sqlfile"
)

// MigrateOptions are the flags of upgrade and downgrade.
type MigrateOptions struct {
	// SQL writes the statements to Env.Stdout instead of running them
	// (offline mode); the target may then be a "START:END" range.
	SQL bool
	// Tag is the --tag argument, kept for library users.
	Tag string
}

// Upgrade applies the revisions between the database's current heads and
// target ("head", "heads", "+1", "billing@head", an id, ...). Offline, the
// target may be "START:END", START naming where the script starts from.
func Upgrade(ctx context.Context, p *Project, target string, o MigrateOptions) error {
	start, target, err := splitRange(target, o.SQL)
	if err != nil {
		return err
	}
	m := p.Scripts.Map
	plan := func(current []string) ([]migration.PlannedStep, error) {
		steps, err := m.Upgrade(current, target)
		if err != nil {
			return nil, failure(err)
		}
		return p.compileSteps(steps)
	}
	return p.run(ctx, o, start, plan, true)
}

// Downgrade reverts the revisions between the database's current heads and
// target ("base", "-1", an id, ...). Offline it needs "START:END".
func Downgrade(ctx context.Context, p *Project, target string, o MigrateOptions) error {
	if o.SQL && !strings.Contains(target, ":") {
		return &revision.CommandError{Message: "downgrade with --sql requires <fromrev>:<torev>"}
	}
	start, target, err := splitRange(target, o.SQL)
	if err != nil {
		return err
	}
	m := p.Scripts.Map
	plan := func(current []string) ([]migration.PlannedStep, error) {
		steps, err := m.Downgrade(current, target)
		if err != nil {
			return nil, failure(err)
		}
		return p.compileSteps(steps)
	}
	return p.run(ctx, o, start, plan, false)
}

// splitRange splits an offline "START:END" target; online, a range is
// refused as Alembic refuses it.
func splitRange(target string, offline bool) (start, end string, err error) {
	start, end, ranged := strings.Cut(target, ":")
	switch {
	case !ranged:
		return "", target, nil
	case !offline:
		return "", "", &revision.CommandError{Message: "Range revision not allowed"}
	}
	return start, end, nil
}

// run executes a plan online, or writes it offline starting from start.
// warn first reports the applied scripts edited since they ran.
func (p *Project) run(ctx context.Context, o MigrateOptions, start string, plan func([]string) ([]migration.PlannedStep, error), warn bool) error {
	if o.SQL {
		current, err := p.startingRevisions(start)
		if err != nil {
			return err
		}
		mc, err := p.offlineContext(o.Tag)
		if err != nil {
			return err
		}
		return mc.RunOffline(ctx, p.Scripts.Map, current, plan)
	}
	mc, db, err := p.onlineContext(o.Tag)
	if err != nil {
		return err
	}
	defer db.close()
	if warn {
		p.warnChanged(ctx, mc)
	}
	return db.explain(mc.Run(ctx, p.Scripts.Map, plan))
}

// startingRevisions resolves the START of an offline range to full ids, as
// Alembic's offline get_current_heads does; "" and "base" mean no rows.
func (p *Project) startingRevisions(start string) ([]string, error) {
	if start == "" || start == "base" {
		return nil, nil
	}
	r, err := p.Scripts.Map.Get(start)
	if err != nil {
		return nil, failure(err)
	}
	if r == nil {
		return nil, nil
	}
	return []string{r.ID}, nil
}

// compileSteps loads and compiles the script of every step before any of
// them runs, so that a broken script fails the run before its first
// statement. Scripts compile in parallel (they share nothing); the first
// error in plan order is the one reported.
func (p *Project) compileSteps(steps []revision.Step) ([]migration.PlannedStep, error) {
	env, err := p.scriptEnv()
	if err != nil {
		return nil, err
	}
	dialectName := ""
	for _, st := range steps {
		if s := p.Scripts.Script(st.Revision.ID); s != nil && s.Kind == script.KindSQL {
			d, err := p.offlineDialect()
			if err != nil {
				return nil, err
			}
			dialectName = d.Name()
			break
		}
	}
	planned := make([]migration.PlannedStep, len(steps))
	errs := make([]error, len(steps))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(steps)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(steps); i = int(next.Add(1)) - 1 {
				planned[i], errs[i] = p.compileStep(steps[i], env, dialectName)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return planned, nil
}

// compileStep reads and compiles one step's script; it touches no shared
// state, so steps compile concurrently.
func (p *Project) compileStep(st revision.Step, env pyscript.Env, dialectName string) (migration.PlannedStep, error) {
	s := p.Scripts.Script(st.Revision.ID)
	if s == nil {
		return migration.PlannedStep{}, fmt.Errorf("revision %s has no script", st.Revision.ID)
	}
	planned := migration.PlannedStep{Step: st, Path: s.Path, Message: s.Doc}
	src, err := os.ReadFile(s.Path)
	if err != nil {
		return planned, fmt.Errorf("read script: %w", err)
	}
	planned.Checksum = migration.Checksum(src)
	switch s.Kind {
	case script.KindSQL:
		f, err := sqlfile.Parse(s.Path, src, dialectName)
		if err != nil {
			return planned, err
		}
		section := f.Downgrade
		if st.Up {
			section = f.Upgrade
		}
		planned.NoTransaction = section.NoTransaction
		statements := section.Statements
		planned.Run = func(ctx context.Context, sink ops.Sink) error {
			for _, stmt := range statements {
				if err := sink.Invoke(ctx, &ops.Execute{SQL: stmt.SQL}); err != nil {
					return err
				}
			}
			return nil
		}
	default:
		compiled, err := pyscript.Compile(s.Path, src)
		if err != nil {
			return planned, err
		}
		up := st.Up
		planned.Run = func(ctx context.Context, sink ops.Sink) error {
			if up {
				return compiled.Upgrade(ctx, sink, env)
			}
			return compiled.Downgrade(ctx, sink, env)
		}
	}
	return planned, nil
}

// scriptEnv is what a .py script sees of the invocation: the -x arguments,
// the main config section, and stdout for its print() calls.
func (p *Project) scriptEnv() (pyscript.Env, error) {
	items, err := p.Config.Items(p.Config.Section)
	if err != nil {
		return pyscript.Env{}, err
	}
	main := make(map[string]string, len(items))
	for _, kv := range items {
		main[kv[0]] = kv[1]
	}
	env := pyscript.Env{XArgs: p.Config.XArgs(), Config: main}
	if out := p.Env.Stdout; out != nil {
		env.Print = func(msg string) { fmt.Fprintln(out, msg) }
	}
	return env, nil
}

// StampOptions are the flags of stamp.
type StampOptions struct {
	// SQL writes the version-table statements instead of running them;
	// each target may then be "START:END", with one START for all.
	SQL bool
	// Tag is the --tag argument, kept for library users.
	Tag string
	// Purge empties the version table first (online only).
	Purge bool
}

// Stamp sets the version table to targets without running migrations.
func Stamp(ctx context.Context, p *Project, targets []string, o StampOptions) error {
	m := p.Scripts.Map
	if !o.SQL {
		mc, db, err := p.onlineContext(o.Tag)
		if err != nil {
			return err
		}
		defer db.close()
		return db.explain(stampFailure(mc.Stamp(ctx, m, targets, o.Purge)))
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
	current, err := p.startingRevisions(start)
	if err != nil {
		return err
	}
	mc, err := p.offlineContext(o.Tag)
	if err != nil {
		return err
	}
	return stampFailure(mc.StampOffline(ctx, m, current, destinations, o.Purge))
}

// EnsureVersion creates the version table when it is missing; offline it
// writes the CREATE TABLE.
func EnsureVersion(ctx context.Context, p *Project, sql bool) error {
	if sql {
		mc, err := p.offlineContext("")
		if err != nil {
			return err
		}
		return mc.EnsureVersion(ctx)
	}
	mc, db, err := p.onlineContext("")
	if err != nil {
		return err
	}
	defer db.close()
	return db.explain(mc.EnsureVersion(ctx))
}
