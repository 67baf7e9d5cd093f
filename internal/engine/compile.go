package engine

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
	"github.com/retort-dev/retort/sqlfile"
)

// compileSteps loads and compiles the script of every step before any of
// them runs, so that a broken script fails the run before its first
// statement. Scripts compile in parallel (they share nothing); the first
// error in plan order is the one reported.
func (e *Engine) compileSteps(steps []revision.Step) ([]migration.PlannedStep, error) {
	planned := make([]migration.PlannedStep, len(steps))
	notices := make([]string, len(steps))
	errs := make([]error, len(steps))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(steps)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(steps); i = int(next.Add(1)) - 1 {
				planned[i], notices[i], errs[i] = e.compileStep(steps[i])
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if notices[i] != "" {
			e.notice(notices[i])
		}
		if err != nil {
			return nil, err
		}
	}
	return planned, nil
}

// compileStep reads and compiles one step's script; it touches no shared
// state but the run's Python bridge (which serialises itself), so steps
// compile concurrently. notice says how the step will run when the user
// should know (under Python).
func (e *Engine) compileStep(st revision.Step) (planned migration.PlannedStep, notice string, err error) {
	s := e.Scripts.Script(st.Revision.ID)
	if s == nil {
		return planned, "", fmt.Errorf("revision %s has no script", st.Revision.ID)
	}
	planned = migration.PlannedStep{Step: st, Path: s.Path, Message: s.Doc}
	if s.Kind == script.KindGo {
		g, ok := e.Go[s.Revision.ID]
		if !ok {
			return planned, "", fmt.Errorf("revision %s is a Go migration, but no code was given for it", s.Revision.ID)
		}
		planned.Run = g.Downgrade
		if st.Up {
			planned.Run = g.Upgrade
		}
		return planned, "", nil
	}
	src, err := e.Scripts.ReadFile(s)
	if err != nil {
		return planned, "", fmt.Errorf("read script: %w", err)
	}
	planned.Checksum = migration.Checksum(src)
	switch s.Kind {
	case script.KindSQL:
		f, err := sqlfile.Parse(s.Path, src, e.Dialect.Name())
		if err != nil {
			return planned, "", err
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
		planned.Run, notice, err = e.compilePython(st, s, src)
	}
	return planned, notice, err
}
