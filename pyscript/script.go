package pyscript

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/retort-dev/retort/ops"
)

// DefaultMaxSteps bounds the Starlark steps one Upgrade or Downgrade may take
// when Env.MaxSteps is zero; a migration needs a tiny fraction of it, a
// runaway loop reaches it in well under a second.
const DefaultMaxSteps = 50_000_000

// DefaultMaxStepsSetting names, in the step-budget error, the setting that
// raises Env.MaxSteps when Env.MaxStepsSetting is empty.
const DefaultMaxStepsSetting = "script_max_steps in the [alembic] section of the config file"

// Env is what a script's `context` module and op.get_context() see.
type Env struct {
	// XArgs are the -x values in order: context.get_x_argument() returns
	// them as a list; as_dictionary=True splits each at its first "=".
	XArgs []string
	// Config is the main config section, for context.config.get_main_option(...).
	Config map[string]string
	// NamingConvention is the target metadata's naming convention (Alembic
	// takes it from env.py's target_metadata); it names constraints and
	// indexes that a script leaves unnamed. SQLAlchemy's default
	// {"ix": "ix_%(column_0_label)s"} applies underneath it.
	NamingConvention map[string]string
	// LoadNamingConvention, when set, gives the naming convention instead
	// of NamingConvention, the first time a script names something (the
	// project's Python reads it from env.py's target_metadata). It should
	// cache its answer; an error fails the script at that operation.
	LoadNamingConvention func() (map[string]string, error)
	// Print receives the output of print() in a script; nil discards it.
	Print func(msg string)
	// MaxSteps is the budget of Starlark execution steps (roughly, bytecode
	// operations) one Upgrade or Downgrade may spend; DefaultMaxSteps when
	// zero. A script that loops over many rows (a data migration) may need
	// more; a runaway loop stops with an error naming MaxStepsSetting.
	MaxSteps uint64
	// MaxStepsSetting is the user-facing setting that sets MaxSteps, named
	// in the error when a script runs out of steps;
	// DefaultMaxStepsSetting when empty.
	MaxStepsSetting string
	// Log receives what a script logs through Python's logging module
	// (level is "DEBUG", "INFO", "WARNING", "ERROR" or "CRITICAL"; name is
	// the logger's). When nil, WARNING and above (INFO and above for
	// alembic.* loggers, as in alembic.ini's default configuration) go to
	// standard error as "LEVEL [name] message"; the rest is discarded.
	Log func(level, name, msg string)
}

// Error is a failure of a script, positioned in the user's .py file.
type Error struct {
	Path      string
	Line, Col int
	Msg       string
	// Backtrace is the Starlark call stack at the failure, or "".
	Backtrace string
	// Err is the underlying cause (for example the Sink's error), or nil.
	Err error
	// BeforeEffects marks a run that failed before the script did
	// anything outside itself (an operation, a statement, printed output):
	// running it elsewhere instead repeats nothing.
	BeforeEffects bool
	// AfterEffects marks a run that failed in the script's own code (not
	// at a statement the database refused, nor on a cancellation or a
	// spent step budget) after it had done something outside itself:
	// running it elsewhere means undoing that first (a rollback, or
	// discarding the offline script written so far).
	AfterEffects bool
	// Unsupported marks a script that failed to compile because of Python
	// the embedded interpreter does not run (a construct, an import, a
	// name): it may still run under the project's own Python.
	Unsupported bool
}

// Construct says, for an Unsupported error, what stopped the script, in a
// few words with its line ("class definition at line 14").
func (e *Error) Construct() string {
	what := e.Msg
	if rest, ok := strings.CutPrefix(what, "retort does not support "); ok {
		what = rest
	} else if rest, ok := strings.CutPrefix(what, "unsupported import: "); ok {
		what = "import of " + strings.Fields(rest + " ")[0]
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s at line %d", what, e.Line)
	}
	return what
}

// Error formats the failure as path:line:col: message, then the backtrace.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Backtrace != "" {
		b.WriteString("\n")
		b.WriteString(e.Backtrace)
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Script is a compiled Alembic migration script, ready to run. It is
// immutable: Upgrade and Downgrade may run concurrently, each on its own
// Starlark thread, with module-level code re-run for every call.
type Script struct {
	path   string
	prog   *starlark.Program
	shifts lineShifts
	// predeclared is the part of the global environment the program
	// refers to, with its __name__ (see scriptEnv); nil means all of it.
	predeclared starlark.StringDict
}

// Path is the file name the script was compiled from.
func (s *Script) Path() string { return s.path }

// fileOptions are the Python-compatible Starlark dialect scripts run in.
var fileOptions = &syntax.FileOptions{
	Set:             true,
	While:           true,
	TopLevelControl: true,
	GlobalReassign:  true,
	Recursion:       true,
}

// Compile shims, parses and resolves a script without running any of it.
// It catches syntax errors, unsupported imports and constructs, undefined
// names, and a missing upgrade function; errors are *Error naming
// path:line:col. A missing downgrade function is reported by Downgrade.
func Compile(path string, src []byte) (*Script, error) {
	s, _, err := compile(path, src)
	return s, err
}

// compile is Compile, also returning the predeclared names the program
// uses (what a Cache entry records of the resolved file).
func compile(path string, src []byte) (*Script, []string, error) {
	f, shifts, err := parsePython(path, src)
	if err != nil {
		return nil, nil, err
	}
	// Alembic looks downgrade() up only when downgrading, so a script
	// without one upgrades fine; Downgrade reports its absence.
	for _, name := range []string{"upgrade", "downgrade"} {
		def := findFunction(f, name)
		if def == nil {
			if name == "downgrade" {
				continue
			}
			return nil, nil, &Error{Path: path, Line: 1, Col: 1, Msg: fmt.Sprintf("script defines no %s() function", name)}
		}
		if err := checkNoRequiredParams(path, def); err != nil {
			return nil, nil, unshift(err, shifts)
		}
	}
	promoteTryNames(f)
	if err := checkTryScopes(path, f); err != nil {
		return nil, nil, unshift(err, shifts)
	}
	rewriteComparisons(f)
	rewriteGlobals(f)
	prog, err := starlark.FileProgram(f, isPredeclared)
	if err != nil {
		return nil, nil, unshift(positionedError(path, err), shifts)
	}
	names := predeclaredUses(f)
	return &Script{path: path, prog: prog, shifts: shifts, predeclared: scriptEnv(path, names)}, names, nil
}

// parsePython shims and parses a Python file into the Starlark syntax
// tree the rest of the pipeline rewrites, with classes and decorators
// already turned into Starlark.
func parsePython(path string, src []byte) (*syntax.File, lineShifts, error) {
	shimmed, shifts, err := shimSource(string(src))
	if err != nil {
		return nil, nil, shimFailure(path, err)
	}
	f, err := fileOptions.Parse(path, shimmed, 0)
	if err != nil {
		return nil, nil, unshift(positionedError(path, err), shifts)
	}
	if err := rewriteClasses(path, f); err != nil {
		return nil, nil, unshift(err, shifts)
	}
	return f, shifts, nil
}

// unshift maps an error's column back to the user's source.
func unshift(err error, shifts lineShifts) error {
	var e *Error
	if errors.As(err, &e) && e.Col > 0 {
		e.Col = shifts.userCol(e.Line, e.Col)
	}
	return err
}

func shimFailure(path string, err error) error {
	var se *shimError
	if errors.As(err, &se) {
		return &Error{Path: path, Line: se.line, Col: se.col, Msg: se.msg, Unsupported: true}
	}
	return &Error{Path: path, Msg: err.Error(), Err: err}
}

func findFunction(f *syntax.File, name string) *syntax.DefStmt {
	for _, stmt := range f.Stmts {
		if def, ok := stmt.(*syntax.DefStmt); ok && def.Name.Name == name {
			return def
		}
	}
	return nil
}

// checkNoRequiredParams rejects upgrade(engine_name) and the like: Alembic's
// single-database runtime calls upgrade() and downgrade() without arguments.
func checkNoRequiredParams(path string, def *syntax.DefStmt) error {
	for _, p := range def.Params {
		if id, ok := p.(*syntax.Ident); ok {
			return &Error{Path: path, Line: int(id.NamePos.Line), Col: int(id.NamePos.Col),
				Msg: fmt.Sprintf("%s() must take no required arguments, but has %q (multi-database scripts are not supported)", def.Name.Name, id.Name)}
		}
	}
	return nil
}

func positionedError(path string, err error) error {
	var se syntax.Error
	if errors.As(err, &se) {
		return &Error{Path: path, Line: int(se.Pos.Line), Col: int(se.Pos.Col), Msg: se.Msg, Unsupported: true}
	}
	var rl resolve.ErrorList
	if errors.As(err, &rl) && len(rl) > 0 {
		return &Error{Path: path, Line: int(rl[0].Pos.Line), Col: int(rl[0].Pos.Col), Msg: undefinedMessage(rl[0].Msg), Unsupported: true}
	}
	return &Error{Path: path, Msg: err.Error(), Err: err}
}

// Upgrade runs the script's upgrade() function, handing its operations to sink.
func (s *Script) Upgrade(ctx context.Context, sink ops.Sink, env Env) error {
	return s.run(ctx, sink, env, "upgrade")
}

// Downgrade runs the script's downgrade() function, handing its operations to sink.
func (s *Script) Downgrade(ctx context.Context, sink ops.Sink, env Env) error {
	return s.run(ctx, sink, env, "downgrade")
}

// runState is the per-run state builtins reach through thread.Local.
type runState struct {
	ctx  context.Context
	sink ops.Sink
	env  Env
	path string
	// pending is an error raised where Starlark cannot return one (the end
	// of a with-block iterator); the thread is cancelled and run reports it.
	pending    error
	pendingPos syntax.Position
	// effects is set once the script has reached outside itself.
	effects bool
	// sinkFailed is set once the sink refused something (a statement the
	// database failed, an op the dialect cannot render).
	sinkFailed bool
	// committed is set once the script has committed part of its work
	// (an autocommit block, connection.commit()): no rollback undoes it.
	committed bool
}

// sinkErr notes that the sink returned err, if it is one, and returns it.
func (st *runState) sinkErr(err error) error {
	if err != nil {
		st.sinkFailed = true
	}
	return err
}

const stateKey = "retort.pyscript.state"

func stateOf(thread *starlark.Thread) *runState {
	st, _ := thread.Local(stateKey).(*runState)
	return st
}

// fail records err as the run's failure and stops the thread at its next step.
// st may be nil (a models file has no run), then only the thread stops.
func (st *runState) fail(thread *starlark.Thread, pos syntax.Position, err error) {
	if st != nil && st.pending == nil {
		st.pending, st.pendingPos = err, pos
	}
	thread.Cancel(err.Error())
}

func (s *Script) run(ctx context.Context, sink ops.Sink, env Env, fn string) error {
	if sink == nil {
		return fmt.Errorf("%s: %s: no ops.Sink given", s.path, fn)
	}
	return s.exec(ctx, sink, env, func(thread *starlark.Thread) error {
		env := s.predeclared
		if env == nil {
			env = withModuleName(s.path)
		}
		globals, err := s.prog.Init(thread, env)
		if err != nil {
			return err
		}
		v, found := globals[fn]
		if !found && fn == "downgrade" {
			return &Error{Path: s.path, Msg: "cannot downgrade: the script defines no downgrade() function"}
		}
		f, ok := v.(*starlark.Function)
		if !ok {
			return &Error{Path: s.path, Line: 1, Col: 1, Msg: fmt.Sprintf("%s is not a function", fn)}
		}
		_, err = starlark.Call(thread, f, nil, nil)
		return err
	})
}

// exec runs body on a fresh sandboxed thread: its own run state, the step
// limit, cancellation when ctx ends, and errors positioned in the file.
func (s *Script) exec(ctx context.Context, sink ops.Sink, env Env, body func(*starlark.Thread) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	st := &runState{ctx: ctx, sink: sink, env: env, path: s.path}
	thread := &starlark.Thread{
		Name: s.path,
		Print: func(_ *starlark.Thread, msg string) {
			if env.Print == nil {
				return
			}
			st.effects = true
			// In --sql mode the output lands among the statements, where
			// the script printed it, as in Alembic's output.
			if tw, ok := sink.(ops.TextWriter); ok && sink.Offline() {
				if err := tw.WriteText(msg + "\n"); err == nil {
					return
				}
			}
			env.Print(msg)
		},
		Load: func(_ *starlark.Thread, module string) (starlark.StringDict, error) {
			return nil, fmt.Errorf("load(%q): loading other files is not allowed in a migration script", module)
		},
	}
	if sink != nil {
		thread.SetLocal(stateKey, st)
	}
	maxSteps := env.MaxSteps
	if maxSteps == 0 {
		maxSteps = DefaultMaxSteps
	}
	thread.SetMaxExecutionSteps(maxSteps)

	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			thread.Cancel(ctx.Err().Error())
		case <-done:
		}
	}()

	raw := body(thread)
	err := s.positioned(ctx, thread, st, env, maxSteps, raw)
	// Only a failure of the script's own code counts: not retort's
	// (no downgrade()), a cancellation or a spent step budget.
	var own, pe *Error
	retorts := st.pending == nil && errors.As(raw, &own)
	if err != nil && !retorts && ctx.Err() == nil && thread.ExecutionSteps() < maxSteps && errors.As(err, &pe) {
		pe.BeforeEffects = !st.effects
		pe.AfterEffects = st.effects && !st.sinkFailed && !st.committed
	}
	return err
}

// positioned turns the outcome of a run into the error the user sees.
func (s *Script) positioned(ctx context.Context, thread *starlark.Thread, st *runState, env Env, maxSteps uint64, err error) error {
	if st.pending != nil {
		return unshift(&Error{Path: s.path, Line: int(st.pendingPos.Line), Col: int(st.pendingPos.Col), Msg: st.pending.Error(), Err: st.pending}, s.shifts)
	}
	if err == nil {
		return nil
	}
	var own *Error
	if errors.As(err, &own) {
		return err
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return s.evalError(err, ctxErr, "")
	}
	if thread.ExecutionSteps() >= maxSteps {
		setting := env.MaxStepsSetting
		if setting == "" {
			setting = DefaultMaxStepsSetting
		}
		return s.evalError(err, nil, fmt.Sprintf("script exceeded its budget of %d execution steps (an endless loop?); if it needs more, raise %s", maxSteps, setting))
	}
	return s.evalError(err, nil, "")
}

// evalError positions err at the innermost frame inside the script.
func (s *Script) evalError(err, cause error, msg string) error {
	out := &Error{Path: s.path, Msg: err.Error(), Err: cause}
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		out.Msg = ee.Msg
		stack := s.userStack(ee.CallStack)
		if out.Err == nil {
			out.Err = ee.Unwrap()
		}
		for i := len(stack) - 1; i >= 0; i-- {
			pos := stack[i].Pos
			if pos.IsValid() && pos.Filename() == s.path {
				out.Line, out.Col = int(pos.Line), int(pos.Col)
				break
			}
		}
		// Starlark's backtrace format, with the user's columns, and without
		// the "fail: " that a shimmed `raise` would add to the message.
		suffix := ""
		if last := len(stack) - 1; last >= 0 && (!stack[last].Pos.IsValid() || stack[last].Pos.Filename() == "<builtin>") {
			switch {
			case stack[last].Name == "fail":
				out.Msg = strings.TrimPrefix(out.Msg, "fail: ")
			case strings.HasPrefix(stack[last].Name, "_retort_"):
				// A hidden builtin the rewrite put in place of an operator.
			default:
				suffix = " in " + stack[last].Name
			}
			stack = stack[:last]
		}
		// Starlark's own failures get the Python exception they stand for.
		out.Msg = pythonMessage(out.Msg)
		out.Backtrace = fmt.Sprintf("%sError%s: %s", stack, suffix, out.Msg)
	}
	if msg != "" {
		out.Msg = msg
	}
	return out
}

// userStack copies a call stack with positions mapped back to the user's
// columns (see colShift).
func (s *Script) userStack(stack starlark.CallStack) starlark.CallStack {
	out := make(starlark.CallStack, len(stack))
	copy(out, stack)
	for i, fr := range out {
		if !fr.Pos.IsValid() || fr.Pos.Filename() != s.path {
			continue
		}
		if col := s.shifts.userCol(int(fr.Pos.Line), int(fr.Pos.Col)); col != int(fr.Pos.Col) {
			path := s.path
			out[i].Pos = syntax.MakePosition(&path, fr.Pos.Line, int32(col))
		}
	}
	return out
}
