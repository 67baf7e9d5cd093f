package engine

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

// GoSteps are the bodies of a revision defined in Go (script.KindGo).
type GoSteps struct {
	Upgrade   migration.StepFunc
	Downgrade migration.StepFunc
}

// Engine runs migrations of one script directory against one database
// (online: DB set) or writes their SQL (offline: Out set). An Engine holds
// no connection between calls; calls may not overlap.
type Engine struct {
	// Dialect compiles operations; required.
	Dialect dialect.Dialect
	// DB is the database online; nil offline.
	DB *sql.DB
	// Out receives the SQL offline; nil online.
	Out io.Writer
	// Scripts is the script directory and its revision graph.
	Scripts *script.Directory
	// Go holds the bodies of the directory's KindGo revisions by id.
	Go map[string]GoSteps
	// Options are the runtime settings (version table, lock, events, ...).
	Options migration.Options
	// Env is what .py scripts see of the invocation (-x, config, print).
	Env pyscript.Env
	// Python says which .py scripts run under the project's own Python.
	Python PythonScripts
	// ScriptCache keeps compiled .py scripts across runs; nil compiles
	// every script afresh.
	ScriptCache *pyscript.Cache

	py *ScriptRunner // the current run's scripts, and its bridge
}

// Step is one step a run applied (online) or wrote (offline).
type Step struct {
	// Revision is the revision the step applies or reverts.
	Revision string
	// Direction is migration.KindUpgrade or migration.KindDowngrade.
	Direction string
	// FromIDs and ToIDs are the version-table heads the step moves between.
	FromIDs, ToIDs []string
	// Path is the script file; "go:<rev>" for a Go migration.
	Path string
	// Message is the revision's message.
	Message string
	// Statements are the statements the step executed, the version
	// table's update last.
	Statements []string
	// Duration is how long the step took.
	Duration time.Duration
}

// Result is what an upgrade or downgrade did.
type Result struct {
	// Steps are the steps applied, in order. After a failure they are the
	// steps whose effect is durable: committed, or run on a database whose
	// DDL is not transactional.
	Steps []Step
}

// offline reports whether the engine writes SQL instead of executing it.
func (e *Engine) offline() bool { return e.DB == nil }

// context creates the migration context of one run; record, when not nil,
// also receives the events.
// Context is a migration context on the engine's database, for reads
// that need the runtime (the audit trail); nil record means no recording.
func (e *Engine) Context() (*migration.Context, error) { return e.context(nil) }

// Quiet is a copy of the engine that reports no events: for reads around
// a run (the audit trail's checksums before an upgrade, the version table
// after it), which Alembic does not announce, so the run's "Context impl
// ..." lines appear once.
func (e *Engine) Quiet() *Engine {
	quiet := *e
	quiet.Options.Events = nil
	return &quiet
}

func (e *Engine) context(record func(migration.Event)) (*migration.Context, error) {
	return e.contextTo(record, e.Out)
}

// contextTo is context writing an offline run's SQL to out.
func (e *Engine) contextTo(record func(migration.Event), out io.Writer) (*migration.Context, error) {
	if e.Dialect == nil || e.Scripts == nil {
		return nil, errors.New("engine: a dialect and a script directory are required")
	}
	opts := e.Options
	if record != nil {
		user := opts.Events
		opts.Events = func(ev migration.Event) {
			record(ev)
			if user != nil {
				user(ev)
			}
		}
	}
	if e.offline() {
		if out == nil {
			return nil, errors.New("engine: offline mode needs an output writer")
		}
		return migration.New(e.Dialect, nil, out, opts)
	}
	return migration.New(e.Dialect, e.DB, nil, opts)
}

// recorder turns a run's events into its Result.
type recorder struct {
	mu        sync.Mutex
	done      []Step // finished steps
	committed int    // how many of done are committed
	cur       *Step
	started   time.Time
}

func (r *recorder) event(ev migration.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case migration.StepStarted:
		if ev.Kind == migration.KindStamp {
			r.cur = &Step{Direction: ev.Kind, FromIDs: ev.FromIDs, ToIDs: ev.ToIDs}
		} else {
			id := ""
			if ev.Step.Revision != nil {
				id = ev.Step.Revision.ID
			}
			r.cur = &Step{Revision: id, Direction: ev.Kind, FromIDs: slices.Clone(ev.FromIDs), ToIDs: slices.Clone(ev.ToIDs), Path: ev.Path, Message: ev.Message}
		}
		r.started = time.Now()
	case migration.Statement:
		if r.cur != nil {
			r.cur.Statements = append(r.cur.Statements, ev.SQL)
		}
	case migration.VersionUpdated:
		if r.cur != nil {
			r.cur.Duration = time.Since(r.started)
			r.done = append(r.done, *r.cur)
			r.cur = nil
		}
	case migration.Committed:
		r.committed = len(r.done)
	}
}

// forgetUncommitted drops the steps a rollback undid, before the run
// starts again.
func (r *recorder) forgetUncommitted() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done, r.cur = r.done[:r.committed], nil
}

// result is the Result of a run that ended with err.
func (r *recorder) result(err error, offline bool) *Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	steps := r.done
	var se *migration.StepError
	if err != nil && !offline && (!errors.As(err, &se) || se.RolledBack) {
		steps = steps[:r.committed]
	}
	return &Result{Steps: slices.Clone(steps)}
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

// startingRevisions resolves the START of an offline range to full ids, as
// Alembic's offline get_current_heads does; "" and "base" mean no rows.
func (e *Engine) startingRevisions(start string) ([]string, error) {
	return StartingRevisions(e.Scripts.Map, start)
}

// StartingRevisions resolves the START of an offline "START:END" range in
// m to full ids; "" and "base" mean no rows.
func StartingRevisions(m *revision.Map, start string) ([]string, error) {
	if start == "" || start == "base" {
		return nil, nil
	}
	r, err := m.Get(start)
	if err != nil {
		return nil, Failure(err)
	}
	if r == nil {
		return nil, nil
	}
	return []string{r.ID}, nil
}

// Failure rewords an error of the revision graph as Alembic's command
// layer does ("Can't locate revision identified by 'x'"); other errors
// pass through.
func Failure(err error) error {
	var ce *revision.CommandError
	if err == nil || errors.As(err, &ce) {
		return err
	}
	return &revision.CommandError{Message: revision.CommandMessage(err), Err: err}
}

// run executes a plan online or writes it offline from start, recording
// the steps.
func (e *Engine) run(ctx context.Context, start string, plan func([]string) ([]migration.PlannedStep, error)) (*Result, error) {
	e.startPython(ctx)
	defer e.stopPython()
	if !e.offline() {
		rec := &recorder{}
		for {
			mc, err := e.context(rec.event)
			if err != nil {
				return &Result{}, err
			}
			err = mc.Run(ctx, e.Scripts.Map, plan)
			if err == nil || !e.rerunUnderPython(err) {
				return rec.result(err, false), err
			}
			rec.forgetUncommitted()
		}
	}
	current, err := e.startingRevisions(start)
	if err != nil {
		return &Result{}, err
	}
	// The script is kept until the run ends, so that a step the embedded
	// interpreter gives up on half-way can start again under Python with
	// nothing of its first attempt in the output.
	if e.Out == nil {
		return &Result{}, errors.New("engine: offline mode needs an output writer")
	}
	for {
		rec, script := &recorder{}, &bytes.Buffer{}
		mc, err := e.contextTo(rec.event, script)
		if err != nil {
			return &Result{}, err
		}
		err = mc.RunOffline(ctx, e.Scripts.Map, current, plan)
		if err != nil && e.rerunUnderPython(err) {
			continue
		}
		if _, werr := e.Out.Write(script.Bytes()); werr != nil && err == nil {
			err = fmt.Errorf("writing the SQL script: %w", werr)
		}
		return rec.result(err, true), err
	}
}
