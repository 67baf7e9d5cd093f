package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/pybridge"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

// Python script modes: which .py scripts run under the project's own
// Python instead of the embedded interpreter (the python_scripts setting).
const (
	// PythonAuto runs a script under Python only when the embedded
	// interpreter cannot compile it, and says so.
	PythonAuto = "auto"
	// PythonNever runs every script on the embedded interpreter.
	PythonNever = "never"
	// PythonAlways runs every .py script under Python.
	PythonAlways = "always"
)

// PythonScripts says when and how .py scripts run under the project's
// own interpreter (package pybridge). The zero value never does.
type PythonScripts struct {
	// Mode is PythonAuto, PythonNever or PythonAlways; "" is PythonNever.
	Mode string
	// Find returns the interpreter. It is called once, when the first
	// script needs Python; nil means there is none.
	Find func() (string, error)
	// Bridge is what the scripts see; its Python, Dialect and Offline are
	// filled in by the engine.
	Bridge pybridge.Options
	// LoadNamingConvention, when set, gives Bridge.NamingConvention when
	// the bridge starts (see pyscript.Env.LoadNamingConvention).
	LoadNamingConvention func() (map[string]string, error)
}

// Start starts the bridge on the interpreter Find gives.
func (ps PythonScripts) Start(ctx context.Context, dialect string, offline bool) (*pybridge.Process, error) {
	if ps.Find == nil {
		return nil, &pybridge.StartError{Msg: "no Python interpreter is configured"}
	}
	python, err := ps.Find()
	if err != nil {
		return nil, &pybridge.StartError{Msg: err.Error()}
	}
	o := ps.Bridge
	o.Python, o.Dialect, o.Offline = python, dialect, offline
	if ps.LoadNamingConvention != nil {
		if o.NamingConvention, err = ps.LoadNamingConvention(); err != nil {
			return nil, &pybridge.StartError{Python: python, Msg: "reading target_metadata's naming convention: " + err.Error()}
		}
	}
	return pybridge.Start(ctx, o)
}

// pythonRun is one run's bridge, started when its first script needs it.
type pythonRun struct {
	ctx  context.Context
	mu   sync.Mutex
	proc *pybridge.Process
	err  error
}

// startPython prepares the run's bridge state; the process starts lazily.
func (e *Engine) startPython(ctx context.Context) {
	e.py = &pythonRun{ctx: ctx}
}

// stopPython ends the run's interpreter, if one started.
func (e *Engine) stopPython() {
	if e.py != nil && e.py.proc != nil {
		e.py.proc.Close()
	}
	e.py = nil
}

// process returns the run's bridge, starting it on first use.
func (e *Engine) process() (*pybridge.Process, error) {
	r := e.py
	if r == nil {
		return nil, errors.New("engine: no run is in progress")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.proc != nil || r.err != nil {
		return r.proc, r.err
	}
	r.proc, r.err = e.Python.Start(r.ctx, e.Dialect.Name(), e.offline())
	return r.proc, r.err
}

// compilePython prepares a .py step: on the embedded interpreter, or under
// the project's Python when the mode says so (notice then says why).
func (e *Engine) compilePython(st revision.Step, s *script.Script, src []byte) (run migration.StepFunc, notice string, err error) {
	if e.Python.Mode != PythonAlways {
		compiled, err := e.ScriptCache.Compile(s.Path, src)
		if err == nil {
			return e.embedded(st, s, src, compiled), "", nil
		}
		var pe *pyscript.Error
		if e.Python.Mode != PythonAuto || !errors.As(err, &pe) || !pe.Unsupported {
			return nil, "", err
		}
		proc, perr := e.process()
		if perr != nil {
			// Without a Python the embedded interpreter's error stands.
			return nil, "", fmt.Errorf("%w\n(retort runs such scripts under the project's Python, but %v)", err, perr)
		}
		notice = fmt.Sprintf("running %s under Python: %s", st.Revision.ID, pe.Construct())
		run, err = e.loadPython(proc, s, src, st.Up)
		return run, notice, err
	}
	proc, err := e.process()
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", s.Path, err)
	}
	run, err = e.loadPython(proc, s, src, st.Up)
	return run, "", err
}

// embedded runs a step on the embedded interpreter. Under PythonAuto a
// failure before the script did anything (module-level code the embedded
// interpreter cannot run, a name it lacks) reruns it under Python; what
// it did not do, Python does from the start.
func (e *Engine) embedded(st revision.Step, s *script.Script, src []byte, compiled *pyscript.Script) migration.StepFunc {
	up, env := st.Up, e.Env
	return func(ctx context.Context, sink ops.Sink) error {
		var err error
		if up {
			err = compiled.Upgrade(ctx, sink, env)
		} else {
			err = compiled.Downgrade(ctx, sink, env)
		}
		var pe *pyscript.Error
		if err == nil || e.Python.Mode != PythonAuto || !errors.As(err, &pe) || !pe.BeforeEffects {
			return err
		}
		proc, perr := e.process()
		if perr != nil {
			return fmt.Errorf("%w\n(retort runs such scripts under the project's Python, but %v)", err, perr)
		}
		e.notice(fmt.Sprintf("running %s under Python: %s", st.Revision.ID, pe.Construct()))
		run, lerr := e.loadPython(proc, s, src, up)
		if lerr != nil {
			return lerr
		}
		return run(ctx, sink)
	}
}

// loadPython imports the script into the bridge and returns the step that
// runs its upgrade() (up) or downgrade().
func (e *Engine) loadPython(proc *pybridge.Process, s *script.Script, src []byte, up bool) (migration.StepFunc, error) {
	if err := proc.Load(e.py.ctx, s.Path, src); err != nil {
		return nil, err
	}
	path, fn := s.Path, "downgrade"
	if up {
		fn = "upgrade"
	}
	return func(ctx context.Context, sink ops.Sink) error {
		return proc.Run(ctx, sink, path, fn)
	}, nil
}

// notice reports something the user should know about the run.
func (e *Engine) notice(msg string) {
	if e.Options.Events != nil {
		e.Options.Events(migration.Notice{Message: msg})
	}
}
