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

// ScriptRunner prepares .py scripts to run: on the embedded interpreter,
// or under the project's Python as PythonScripts says, on one bridge
// started when the first script needs it. A migration run has one; so
// does lint. Prepare may be called from several goroutines.
type ScriptRunner struct {
	// Python is when and how scripts run under Python.
	Python PythonScripts
	// Dialect is the dialect's name; Offline an --sql run.
	Dialect string
	Offline bool
	// Env is what embedded scripts see.
	Env pyscript.Env
	// Cache, when set, keeps compiled scripts across runs.
	Cache *pyscript.Cache
	// Notice receives "running REV under Python: WHY" when a script
	// switches at run time; Prepare returns the notice of the others.
	Notice func(msg string)

	ctx  context.Context
	mu   sync.Mutex
	proc *pybridge.Process
	err  error
	// stopped holds, under PythonAuto, the scripts the embedded
	// interpreter failed on half-way, by path; forced those that run
	// under Python from now on (see Engine.rerunUnderPython).
	stopped map[string]stoppedScript
	forced  map[string]bool
}

// stoppedScript is a script the embedded interpreter gave up on after it
// had already done something.
type stoppedScript struct {
	rev string
	err *pyscript.Error
}

// NewScriptRunner is a runner whose bridge, once started, lives until Close.
func NewScriptRunner(ctx context.Context, py PythonScripts, dialectName string, offline bool, env pyscript.Env, cache *pyscript.Cache) *ScriptRunner {
	return &ScriptRunner{Python: py, Dialect: dialectName, Offline: offline, Env: env, Cache: cache, ctx: ctx}
}

// Close ends the interpreter, if one started.
func (r *ScriptRunner) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.proc != nil {
		r.proc.Close()
		r.proc = nil
	}
}

// process returns the bridge, starting it on first use.
func (r *ScriptRunner) process() (*pybridge.Process, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.proc == nil && r.err == nil {
		r.proc, r.err = r.Python.Start(r.ctx, r.Dialect, r.Offline)
	}
	return r.proc, r.err
}

// ScriptFunc runs a prepared script's upgrade() (up) or downgrade().
type ScriptFunc func(ctx context.Context, sink ops.Sink, up bool) error

// Prepare compiles the script of revision rev, or loads it into Python;
// notice says so when it will run under Python because the embedded
// interpreter cannot compile it.
func (r *ScriptRunner) Prepare(rev, path string, src []byte) (run ScriptFunc, notice string, err error) {
	if r.Python.Mode != PythonAlways && !r.isForced(path) {
		compiled, err := r.Cache.Compile(path, src)
		if err == nil {
			return r.embedded(rev, path, src, compiled), "", nil
		}
		var pe *pyscript.Error
		if r.Python.Mode != PythonAuto || !errors.As(err, &pe) || !pe.Unsupported {
			return nil, "", err
		}
		run, err = r.underPython(path, src, err)
		if err != nil {
			return nil, "", err
		}
		return run, fmt.Sprintf("running %s under Python: %s", rev, pe.Construct()), nil
	}
	proc, err := r.process()
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	run, err = r.load(proc, path, src)
	return run, "", err
}

// embedded runs a script on the embedded interpreter. Under PythonAuto a
// failure before the script did anything (module-level code the embedded
// interpreter cannot run, a name it lacks) reruns it under Python; what
// it did not do, Python does from the start.
func (r *ScriptRunner) embedded(rev, path string, src []byte, compiled *pyscript.Script) ScriptFunc {
	env := r.Env
	return func(ctx context.Context, sink ops.Sink, up bool) error {
		var err error
		if up {
			err = compiled.Upgrade(ctx, sink, env)
		} else {
			err = compiled.Downgrade(ctx, sink, env)
		}
		var pe *pyscript.Error
		if err == nil || r.Python.Mode != PythonAuto || !errors.As(err, &pe) {
			return err
		}
		if pe.AfterEffects {
			r.noteStopped(rev, path, pe)
			return err
		}
		if !pe.BeforeEffects {
			return err
		}
		run, lerr := r.underPython(path, src, err)
		if lerr != nil {
			return lerr
		}
		if r.Notice != nil {
			r.Notice(fmt.Sprintf("running %s under Python: %s", rev, pe.Construct()))
		}
		return run(ctx, sink, up)
	}
}

func (r *ScriptRunner) noteStopped(rev, path string, pe *pyscript.Error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped == nil {
		r.stopped = map[string]stoppedScript{}
	}
	r.stopped[path] = stoppedScript{rev: rev, err: pe}
}

func (r *ScriptRunner) isForced(path string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.forced[path]
}

// forceStopped makes the script at path, which the embedded interpreter
// gave up on half-way, run under Python from now on, if Python is there;
// it returns what stopped the embedded interpreter.
func (r *ScriptRunner) forceStopped(path string) (stoppedScript, bool) {
	r.mu.Lock()
	s, ok := r.stopped[path]
	delete(r.stopped, path)
	r.mu.Unlock()
	if !ok {
		return s, false
	}
	if _, err := r.process(); err != nil {
		return s, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.forced == nil {
		r.forced = map[string]bool{}
	}
	r.forced[path] = true
	return s, true
}

// underPython loads a script the embedded interpreter failed on (why) into
// the bridge; without a usable Python, why stands.
func (r *ScriptRunner) underPython(path string, src []byte, why error) (ScriptFunc, error) {
	proc, err := r.process()
	if err != nil {
		return nil, fmt.Errorf("%w\n(retort runs such scripts under the project's Python, but %v)", why, err)
	}
	return r.load(proc, path, src)
}

// load imports a script into the bridge (its module-level code runs now,
// before any statement of the run).
func (r *ScriptRunner) load(proc *pybridge.Process, path string, src []byte) (ScriptFunc, error) {
	if err := proc.Load(r.ctx, path, src); err != nil {
		return nil, err
	}
	return func(ctx context.Context, sink ops.Sink, up bool) error {
		fn := "downgrade"
		if up {
			fn = "upgrade"
		}
		return proc.Run(ctx, sink, path, fn)
	}, nil
}

// startPython gives the run its script runner; the bridge starts lazily.
func (e *Engine) startPython(ctx context.Context) {
	e.py = NewScriptRunner(ctx, e.Python, e.Dialect.Name(), e.offline(), e.Env, e.ScriptCache)
	e.py.Notice = e.notice
}

// stopPython ends the run's interpreter, if one started.
func (e *Engine) stopPython() {
	if e.py != nil {
		e.py.Close()
	}
	e.py = nil
}

// rerunUnderPython decides, after a run failed with err, whether it starts
// again with the failing step's script under Python: when the embedded
// interpreter gave up on that script in its own code after the script had
// done something (under PythonAuto, with a usable Python), and nothing of
// the step remains: offline, where the script written so far is thrown
// away, or online when the step was rolled back. Each script is switched
// once, so the reruns end.
func (e *Engine) rerunUnderPython(err error) bool {
	var path string
	if e.offline() {
		// Offline failures are not StepErrors; the script's own error
		// names the file.
		var pe *pyscript.Error
		if !errors.As(err, &pe) {
			return false
		}
		path = pe.Path
	} else {
		var se *migration.StepError
		if !errors.As(err, &se) || !se.RolledBack {
			return false
		}
		path = se.Path
	}
	stopped, ok := e.py.forceStopped(path)
	if !ok {
		return false
	}
	again := "the run was rolled back and starts again"
	if e.offline() {
		again = "the SQL written so far is dropped and the run starts again"
	}
	e.notice(fmt.Sprintf("running %s under Python: the embedded interpreter stopped at line %d (%s) after the script had begun; %s",
		stopped.rev, stopped.err.Line, stopped.err.Msg, again))
	return true
}

// compilePython prepares a .py step with the run's script runner.
func (e *Engine) compilePython(st revision.Step, s *script.Script, src []byte) (migration.StepFunc, string, error) {
	if e.py == nil {
		return nil, "", errors.New("engine: no run is in progress")
	}
	run, notice, err := e.py.Prepare(st.Revision.ID, s.Path, src)
	if err != nil {
		return nil, "", err
	}
	up := st.Up
	return func(ctx context.Context, sink ops.Sink) error { return run(ctx, sink, up) }, notice, nil
}

// notice reports something the user should know about the run.
func (e *Engine) notice(msg string) {
	if e.Options.Events != nil {
		e.Options.Events(migration.Notice{Message: msg})
	}
}
