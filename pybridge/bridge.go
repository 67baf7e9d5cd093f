package pybridge

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/retort-dev/retort/internal/tail"
	"github.com/retort-dev/retort/ops"
)

//go:embed bridge.py
var helperSource string

// Options say how to start the bridge and what its scripts see.
type Options struct {
	// Python is the interpreter; it needs SQLAlchemy and Alembic.
	Python string
	// Dialect is "postgresql", "mysql" or "sqlite".
	Dialect string
	// Offline is an --sql run: statements are rendered, not executed.
	Offline bool
	// ConfigFile is the ini file context.config reads; "" builds the
	// config from MainOptions instead (a pyproject.toml project).
	ConfigFile string
	// Section is the config's main section ("alembic" when empty).
	Section string
	// MainOptions are the main section's values, for a config without an ini file.
	MainOptions map[string]string
	// XArgs are the -x values, for context.get_x_argument().
	XArgs []string
	// SysPath are directories put first on sys.path (Alembic's
	// prepend_sys_path), so scripts import the project's own modules.
	SysPath []string
	// NamingConvention names what scripts leave unnamed, as target_metadata's would.
	NamingConvention map[string]string
	// Stdout receives what scripts print; nil discards it.
	Stdout io.Writer
	// Stderr receives Python's warnings and other output; nil discards it.
	// The interpreter inherits retort's environment.
	Stderr io.Writer
}

// Error is a script's failure under Python, positioned in the script.
type Error struct {
	// Path is the script; Line its line (0 when unknown).
	Path string
	Line int
	// Msg is Python's last traceback line ("NameError: name 'x' is not defined").
	Msg string
	// Traceback is Python's whole traceback.
	Traceback string
	// Err is the failed statement's error when a statement failed, else nil.
	Err error
}

// Error formats the failure as path:line: message; when a statement
// failed, the message is the database's (SQLAlchemy's wrapping of it
// repeats the statement and its parameters).
func (e *Error) Error() string {
	msg := e.Msg
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, msg)
}

// Unwrap gives the failed statement's error, when there is one.
func (e *Error) Unwrap() error { return e.Err }

// StartError is the bridge failing to start: no interpreter, or one
// without SQLAlchemy or Alembic.
type StartError struct {
	Python string
	Msg    string
}

func (e *StartError) Error() string {
	return fmt.Sprintf("cannot run scripts under Python (%s): %s", e.Python, e.Msg)
}

// Process is one running bridge. Its calls are serialised; it is not for
// use by two runs at once.
type Process struct {
	cmd     *exec.Cmd
	stdout  io.Writer
	in      io.WriteCloser
	out     *bufio.Reader
	outFile *os.File
	stderr  *tail.Buffer
	mu      sync.Mutex
	waited  chan struct{}
	loaded  map[string]bool
	broken  error
	// lastStatement is the error of the run's last failed statement.
	lastStatement error
}

// Start launches the interpreter with the bridge and initialises it.
func Start(ctx context.Context, o Options) (*Process, error) {
	if o.Python == "" {
		return nil, &StartError{Msg: "no Python interpreter was found"}
	}
	// The process outlives ctx's caller (it serves a whole run), so it is
	// not tied to ctx; Close and Run's cancellation end it.
	cmd := exec.Command(o.Python, "-c", helperSource)
	stdout := o.Stdout
	if stdout == nil {
		stdout = io.Discard
	}
	p := &Process{cmd: cmd, stdout: stdout, stderr: &tail.Buffer{Max: 16 << 10, Pass: o.Stderr}, waited: make(chan struct{}), loaded: map[string]bool{}}
	// print() comes over the protocol, in order with the statements;
	// what else reaches the descriptors (a C extension's output) is
	// shown on stderr.
	cmd.Stdout, cmd.Stderr = p.stderr, p.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, &StartError{Python: o.Python, Msg: err.Error()}
	}
	p.in = in
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, &StartError{Python: o.Python, Msg: err.Error()}
	}
	cmd.ExtraFiles = []*os.File{pw}
	p.outFile, p.out = pr, bufio.NewReaderSize(pr, 1<<16)
	err = cmd.Start()
	pw.Close()
	if err != nil {
		pr.Close()
		return nil, &StartError{Python: o.Python, Msg: err.Error()}
	}
	go func() {
		cmd.Wait()
		close(p.waited)
	}()
	section := o.Section
	if section == "" {
		section = "alembic"
	}
	answer, err := p.call(ctx, nil, map[string]any{
		"cmd": "init", "dialect": o.Dialect, "offline": o.Offline, "config_file": o.ConfigFile,
		"section": section, "main_options": o.MainOptions, "x_args": o.XArgs, "sys_path": o.SysPath,
		"naming_convention": o.NamingConvention,
	})
	if err != nil {
		p.Close()
		return nil, &StartError{Python: o.Python, Msg: err.Error()}
	}
	if answer.Error != "" {
		p.Close()
		return nil, &StartError{Python: o.Python, Msg: answer.Error + " (the project's Python needs SQLAlchemy and Alembic to run these scripts)"}
	}
	return p, nil
}

// lineSink is a sink that wants each operation's script line (lint);
// pyscript.LineSink has the same method.
type lineSink interface {
	InvokeAt(ctx context.Context, op ops.Op, line int, inner []int) error
}

// message is any line the bridge sends: an answer or a request.
type message struct {
	// answers
	Ready     bool   `json:"ready"`
	OK        bool   `json:"ok"`
	Done      bool   `json:"done"`
	Error     string `json:"error"`
	Statement bool   `json:"statement"`
	Traceback string `json:"traceback"`
	// requests
	Req    string            `json:"req"`
	SQL    string            `json:"sql"`
	Params []json.RawMessage `json:"params"`
	Begin  bool              `json:"begin"`
	Text   string            `json:"text"`
	// Line is the script's line that made a "sql" request.
	Line int `json:"line"`
}

// send writes one message to the bridge.
func (p *Process) send(msg any) error {
	b, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("encoding a message for Python: %w", err)
	}
	if _, err := p.in.Write(append(b, '\n')); err != nil {
		return p.died()
	}
	return nil
}

// receive reads the bridge's next message, giving up when ctx ends (the
// interpreter is then killed: it may be in the middle of the script).
func (p *Process) receive(ctx context.Context) (*message, error) {
	type result struct {
		line []byte
		err  error
	}
	got := make(chan result, 1)
	go func() {
		line, err := p.out.ReadBytes('\n')
		got <- result{line, err}
	}()
	var r result
	select {
	case r = <-got:
	case <-ctx.Done():
		p.kill()
		<-got
		return nil, ctx.Err()
	}
	if r.err != nil {
		return nil, p.died()
	}
	var m message
	if err := json.Unmarshal(r.line, &m); err != nil {
		return nil, fmt.Errorf("the Python bridge sent something that is not JSON: %q", truncate(string(r.line), 200))
	}
	return &m, nil
}

// call sends msg and waits for its answer, serving what the bridge asks
// for meanwhile on sink (nil outside a run: then only print output).
func (p *Process) call(ctx context.Context, sink ops.Sink, msg any) (*message, error) {
	if p.broken != nil {
		return nil, p.broken
	}
	if err := p.send(msg); err != nil {
		return nil, err
	}
	for {
		m, err := p.receive(ctx)
		if err != nil {
			if ctx.Err() != nil {
				p.broken = fmt.Errorf("the Python bridge was stopped: %w", err)
			}
			return nil, err
		}
		if m.Req == "" {
			return m, nil
		}
		answer, stmtErr := p.serve(ctx, sink, m)
		if stmtErr != nil {
			p.lastStatement = stmtErr
		}
		if err := p.send(answer); err != nil {
			return nil, err
		}
	}
}

// Load compiles and imports a script, running its module-level code as
// Alembic does when it reads the script directory. Errors are *Error.
func (p *Process) Load(ctx context.Context, path string, src []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	answer, err := p.call(ctx, nil, map[string]any{"cmd": "load", "path": path, "source": base64.StdEncoding.EncodeToString(src)})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if answer.Error != "" {
		return &Error{Path: path, Line: answer.Line, Msg: answer.Error, Traceback: answer.Traceback}
	}
	p.loaded[path] = true
	return nil
}

// Run calls the loaded script's upgrade() or downgrade() (fn), carrying
// out each statement it makes on sink.
func (p *Process) Run(ctx context.Context, sink ops.Sink, path, fn string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.loaded[path] {
		return fmt.Errorf("%s: the script was not loaded into Python", path)
	}
	if p.broken != nil {
		return p.broken
	}
	p.lastStatement = nil
	m, err := p.call(ctx, sink, map[string]any{"cmd": "run", "path": path, "fn": fn})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if m.Done {
		return nil
	}
	e := &Error{Path: path, Line: m.Line, Msg: m.Error, Traceback: m.Traceback}
	if m.Statement {
		e.Err = p.lastStatement
	}
	return e
}

// serve carries out one request of a running script and builds its
// answer; stmtErr is the failing statement's own error.
func (p *Process) serve(ctx context.Context, sink ops.Sink, m *message) (answer map[string]any, stmtErr error) {
	fail := func(err error) (map[string]any, error) {
		return map[string]any{"error": err.Error()}, err
	}
	if sink == nil && m.Req != "out" {
		return fail(errors.New("the database is not reachable while a script is imported (only upgrade() and downgrade() may use it)"))
	}
	switch m.Req {
	case "sql": // offline: SQL Alembic rendered, written as op.execute would
		var err error
		if ls, ok := sink.(lineSink); ok {
			err = ls.InvokeAt(ctx, &ops.Execute{SQL: m.SQL}, m.Line, nil)
		} else {
			err = sink.Invoke(ctx, &ops.Execute{SQL: m.SQL})
		}
		if err != nil {
			return fail(err)
		}
		return map[string]any{"ok": true}, nil
	case "exec":
		args, err := decodeArgs(m.Params)
		if err != nil {
			return fail(err)
		}
		return execute(ctx, sink, m.SQL, args)
	case "out": // the script printed
		if tw, ok := sink.(ops.TextWriter); ok && sink.Offline() {
			if err := tw.WriteText(m.Text); err != nil {
				return fail(err)
			}
		} else if _, err := io.WriteString(p.stdout, m.Text); err != nil {
			return fail(err)
		}
		return map[string]any{"ok": true}, nil
	case "autocommit":
		if err := sink.Invoke(ctx, &ops.AutocommitBlock{Begin: m.Begin}); err != nil {
			return fail(err)
		}
		return map[string]any{"ok": true}, nil
	case "commit":
		// The script committed: what it did so far is durable, and the
		// rest runs in a new transaction (an autocommit block's edges).
		if err := sink.Invoke(ctx, &ops.AutocommitBlock{Begin: true}); err != nil {
			return fail(err)
		}
		if err := sink.Invoke(ctx, &ops.AutocommitBlock{Begin: false}); err != nil {
			return fail(err)
		}
		return map[string]any{"ok": true}, nil
	case "rollback":
		return fail(errors.New("retort does not support a script rolling back the migration's transaction (retort runs the migration in its own transaction; raise an exception to abort the step)"))
	}
	return fail(fmt.Errorf("the Python bridge asked for %q, which retort does not know", m.Req))
}

// Close ends the interpreter.
func (p *Process) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.broken == nil {
		p.send(map[string]any{"cmd": "exit"})
	}
	p.in.Close()
	select {
	case <-p.waited:
	case <-time.After(2 * time.Second):
		p.kill()
		<-p.waited
	}
	p.outFile.Close()
	return nil
}

func (p *Process) kill() {
	if p.cmd.Process != nil {
		p.cmd.Process.Kill()
	}
}

// died explains an interpreter that stopped answering.
func (p *Process) died() error {
	select {
	case <-p.waited:
	case <-time.After(2 * time.Second):
	}
	output := strings.TrimSpace(p.stderr.String())
	msg := "the Python bridge stopped unexpectedly"
	if p.cmd.ProcessState != nil {
		msg += " (" + p.cmd.ProcessState.String() + ")"
	}
	if output != "" {
		msg += ": " + tail.LastLines(output, 6)
	}
	p.broken = errors.New(msg)
	return p.broken
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
