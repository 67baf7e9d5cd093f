package pyscript

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/retort-dev/retort/internal/lazyre"
)

// try/except/else/finally. Starlark has no exceptions, so the shim makes
// the try body a nested function and each clause a one-shot loop over what
// a hidden builtin says about the body's run:
//
//	try:                  def _retort_tryfn1():
//	    BODY                  BODY
//	except E as e:        for e in _retort_try(_retort_tryfn1, E):
//	    HANDLER               HANDLER
//	else:                 for _retort_exc2 in _retort_tryelse(_retort_tryfn1):
//	    ELSE                  ELSE
//	finally:              for _retort_exc3 in _retort_tryfinally(_retort_tryfn1):
//	    FINAL                 FINAL
//	                      _retort_reraise(_retort_tryfn1)   (added on the tree)
//
// The first clause runs the body; later except clauses (_retort_caught)
// look at what it left uncaught; else runs when the body raised nothing.
// An error no clause matched is re-raised by the last except or else
// clause, or, when there is a finally clause, after it. A handler that
// raises before a finally clause is refused (checkHandlersBeforeFinally).
// Names bound in the body would belong to the nested function; inside a
// function, those read after the try become a shared cell (trycells.go),
// elsewhere such a body is refused (checkTryScopes), as are return, break
// and continue in the body.

const (
	tryName     = "_retort_try"
	caughtName  = "_retort_caught"
	elseName    = "_retort_tryelse"
	finallyName = "_retort_tryfinally"
	reraiseName = "_retort_reraise"
	tryPrefix   = "_retort_tryfn"
)

// tryState is an open try statement of the shim.
type tryState struct {
	col     int
	fn      string
	clauses []exceptClause
	tryTok  token
}

type exceptClause struct {
	kind            string // except, else or finally
	start, colonEnd int    // byte offsets of the header
	line, colEnd    int
	expr, as        string
}

// tryLine rewrites `try:` into the nested function's header.
func (s *shimmer) tryLine(toks []token) error {
	if len(toks) < 2 || toks[1].text != ":" {
		return unsupported(toks[0], "this try statement")
	}
	s.tmp++
	fn := fmt.Sprintf("%s%d", tryPrefix, s.tmp)
	header := "def " + fn + "():"
	s.edits = append(s.edits, edit{start: toks[0].start, end: toks[1].end, repl: header})
	s.shifts.add(toks[0].line, runeCol(s.src, toks[1].end), len(header)-(toks[1].end-toks[0].start))
	s.tries = append(s.tries, &tryState{col: toks[0].col, fn: fn, tryTok: toks[0]})
	s.blocks = append(s.blocks, block{col: toks[0].col, kind: "try"})
	return nil
}

// exceptLine records an except clause of the innermost open try.
func (s *shimmer) exceptLine(toks []token) error {
	first := toks[0]
	var tr *tryState
	if n := len(s.tries); n > 0 && s.tries[n-1].col == first.col {
		tr = s.tries[n-1]
	}
	if tr == nil {
		return unsupported(first, "an except clause without its try")
	}
	if n := len(tr.clauses); n > 0 && tr.clauses[n-1].kind == "finally" {
		return unsupported(first, "a clause after finally")
	}
	if first.text == "else" && (len(tr.clauses) == 0 || tr.clauses[len(tr.clauses)-1].kind != "except") {
		return unsupported(first, "try ... else without an except clause before it")
	}
	depth, colon, as := 0, -1, -1
	for i := 1; i < len(toks) && colon < 0; i++ {
		switch toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ":":
			if depth == 0 {
				colon = i
			}
		case "as":
			if depth == 0 {
				as = i
			}
		}
	}
	if colon < 0 || toks[colon].line != first.line {
		return unsupported(first, "an except clause spanning lines")
	}
	c := exceptClause{kind: first.text, start: first.start, colonEnd: toks[colon].end, line: first.line, colEnd: runeCol(s.src, toks[colon].end)}
	exprEnd := colon
	if as > 0 {
		if as+2 != colon || toks[as+1].kind != tokName {
			return unsupported(toks[as], "except ... as target other than a name")
		}
		c.as = toks[as+1].text
		exprEnd = as
	} else {
		s.tmp++
		c.as = fmt.Sprintf("_retort_exc%d", s.tmp)
	}
	if exprEnd > 1 {
		c.expr = s.src[toks[1].start:toks[exprEnd-1].end]
	}
	tr.clauses = append(tr.clauses, c)
	s.blocks = append(s.blocks, block{col: first.col, kind: "except", name: c.as})
	return nil
}

// closeTries finishes the open try statements that a line at col ends.
func (s *shimmer) closeTries(first token) error {
	for len(s.tries) > 0 {
		tr := s.tries[len(s.tries)-1]
		if first.kind != tokNewline && first.col > tr.col {
			return nil
		}
		if first.kind == tokName && first.col == tr.col && (first.text == "except" || first.text == "else" || first.text == "finally") {
			return nil
		}
		s.tries = s.tries[:len(s.tries)-1]
		if len(tr.clauses) == 0 {
			return unsupported(tr.tryTok, "a try statement without an except or finally clause")
		}
		if err := s.checkHandlersBeforeFinally(tr); err != nil {
			return err
		}
		for i, c := range tr.clauses {
			fn := caughtName
			switch {
			case c.kind == "else":
				fn = elseName
			case c.kind == "finally":
				fn = finallyName
			case i == 0:
				fn = tryName
			}
			args := tr.fn
			if c.expr != "" {
				args += ", " + c.expr
			}
			if i == len(tr.clauses)-1 && c.kind != "finally" {
				args += ", last=True"
			}
			header := "for " + c.as + " in " + fn + "(" + args + "):"
			s.edits = append(s.edits, edit{start: c.start, end: c.colonEnd, repl: header})
			s.shifts.add(c.line, c.colEnd, len(header)-(c.colonEnd-c.start))
		}
	}
	return nil
}

// raiseStatement finds a raise statement in a handler's text.
var raiseStatement = lazyre.New(`(?m)(^|[:;])[ \t]*raise\b`)

// checkHandlersBeforeFinally refuses a handler that raises in a try that
// has a finally clause: the handler runs outside the body's function, so
// its exception would leave the finally clause unrun, where Python runs it
// before the exception goes on (an outer try may catch it).
func (s *shimmer) checkHandlersBeforeFinally(tr *tryState) error {
	n := len(tr.clauses)
	if n < 2 || tr.clauses[n-1].kind != "finally" {
		return nil
	}
	for i, c := range tr.clauses[:n-1] {
		if raiseStatement().MatchString(s.src[c.colonEnd:tr.clauses[i+1].start]) {
			return &shimError{line: c.line, col: 1, msg: "retort does not support a raise in an except or else clause of a try statement that has a finally clause"}
		}
	}
	return nil
}

// inTryBody reports whether the current line is in a try body (not in a
// function defined there), and whether a loop inside the body encloses it.
func (s *shimmer) inTryBody() (inTry, inLoop bool) {
	for i := len(s.blocks) - 1; i >= 0; i-- {
		switch s.blocks[i].kind {
		case "def":
			return false, inLoop
		case "try":
			return true, inLoop
		case "for", "while":
			inLoop = true
		}
	}
	return false, false
}

// excValue is a caught exception.
type excValue struct {
	base
	name, msg string
	err       error
}

func (e *excValue) String() string {
	if e.msg == "" {
		return e.name
	}
	if e.name == "" {
		return e.msg
	}
	return e.name + ": " + e.msg
}
func (e *excValue) Type() string  { return e.name }
func (e *excValue) pyStr() string { return e.msg }
func (e *excValue) pyRepr() string {
	if e.name == "KeyError" {
		return e.name + "(" + e.msg + ")" // str of a KeyError is its key's repr already
	}
	return e.name + "(" + strRepr(e.msg, false) + ")"
}

// AttrNames lists args.
func (e *excValue) AttrNames() []string { return []string{"args"} }

// Attr provides args.
func (e *excValue) Attr(name string) (starlark.Value, error) {
	if name == "args" {
		return starlark.Tuple{starlark.String(e.msg)}, nil
	}
	return nil, nil
}

var excNameRE = lazyre.New(`^([A-Za-z_][A-Za-z0-9_.]*(?:Error|Exception|Iteration|Exit|Warning))(?::\s?(.*))?$`)

// newExc classifies a failure by the Python exception name its message starts with.
func newExc(thread *starlark.Thread, err error) *excValue {
	msg := err.Error()
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		msg = ee.Msg
	}
	msg = pythonMessage(strings.TrimPrefix(msg, "fail: "))
	if name, rest, _ := strings.Cut(msg, ": "); scriptException(thread, name) != nil {
		return &excValue{name: name, msg: rest, err: err}
	}
	if m := excNameRE().FindStringSubmatch(msg); m != nil {
		name := m[1][strings.LastIndexByte(m[1], '.')+1:]
		return &excValue{name: name, msg: m[2], err: err}
	}
	return &excValue{name: "", msg: msg, err: err}
}

// excParents is the part of Python's exception hierarchy scripts catch by.
var excParents = map[string]string{
	"KeyError": "LookupError", "IndexError": "LookupError", "ZeroDivisionError": "ArithmeticError",
	"OverflowError": "ArithmeticError", "JSONDecodeError": "ValueError", "UnicodeDecodeError": "ValueError",
	"UnicodeEncodeError": "ValueError", "NotImplementedError": "RuntimeError",
	"IntegrityError": "DatabaseError", "OperationalError": "DatabaseError", "ProgrammingError": "DatabaseError",
	"DataError": "DatabaseError", "InternalError": "DatabaseError", "NotSupportedError": "DatabaseError",
	"DatabaseError": "DBAPIError", "InterfaceError": "DBAPIError", "DBAPIError": "StatementError",
	"StatementError": "SQLAlchemyError", "RangeNotAncestorError": "RevisionError", "MultipleHeads": "RevisionError",
	"ResolutionError": "RevisionError", "CycleDetected": "RevisionError", "DependencyCycleDetected": "CycleDetected",
	"LoopDetected": "CycleDetected", "UnboundLocalError": "NameError", "ModuleNotFoundError": "ImportError", "DependencyLoopDetected": "DependencyCycleDetected",
}

// dbErrors catch failures that carry no Python exception name: those the
// database (through the Sink) reported.
var dbErrors = map[string]bool{
	"SQLAlchemyError": true, "StatementError": true, "DBAPIError": true, "DatabaseError": true,
	"OperationalError": true, "ProgrammingError": true, "IntegrityError": true,
}

func (e *excValue) matches(thread *starlark.Thread, cls starlark.Value) (bool, error) {
	switch c := cls.(type) {
	case starlark.Tuple:
		for _, x := range c {
			ok, err := e.matches(thread, x)
			if ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	case *exceptionType:
		if c.name == "Exception" || c.name == "BaseException" {
			return true, nil
		}
		if e.name == "" {
			return dbErrors[c.name], nil
		}
		return e.derivesFrom(thread, c.name), nil
	case *pyClass:
		if c.exc != "" {
			return e.derivesFrom(thread, c.name), nil
		}
	}
	return false, fmt.Errorf("TypeError: catching classes that do not inherit from BaseException is not allowed")
}

// derivesFrom reports whether the exception is of class name or one derived
// from it, the script's own exception classes included.
func (e *excValue) derivesFrom(thread *starlark.Thread, name string) bool {
	for n := e.name; n != ""; {
		if n == name {
			return true
		}
		if c := scriptException(thread, n); c != nil {
			n = c.exc
			continue
		}
		n = excParents[n]
	}
	return false
}

// uncatchable reports failures a script must not swallow: cancellation,
// the step limit, and retort's own refusals.
func uncatchable(thread *starlark.Thread, err error) bool {
	msg := err.Error()
	if st := stateOf(thread); st != nil && st.pending != nil {
		return true
	}
	return strings.Contains(msg, "Starlark computation cancelled") || strings.Contains(msg, "retort does not support") ||
		strings.Contains(msg, "that retort supports") || strings.Contains(msg, "too many steps")
}

const tryRunsKey = "retort.pyscript.tryruns"

// tryRun is what a try body's run left: the error it raised (nil if none)
// and whether a clause caught it.
type tryRun struct {
	exc    *excValue
	caught bool
}

func tryRuns(thread *starlark.Thread) map[starlark.Value]*tryRun {
	m, _ := thread.Local(tryRunsKey).(map[starlark.Value]*tryRun)
	if m == nil {
		m = map[starlark.Value]*tryRun{}
		thread.SetLocal(tryRunsKey, m)
	}
	return m
}

func unpackTry(fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, starlark.Tuple, bool, error) {
	last := false
	for _, kv := range kwargs {
		if kv[0] != starlark.String("last") {
			return nil, nil, false, fmt.Errorf("%s: unexpected keyword %s", fn, kv[0])
		}
		last = bool(kv[1].Truth())
	}
	if len(args) == 0 {
		return nil, nil, false, fmt.Errorf("%s: missing body", fn)
	}
	return args[0], args[1:], last, nil
}

// runTry runs a try body and records how it ended.
func runTry(thread *starlark.Thread, body starlark.Value) (*tryRun, error) {
	_, err := starlark.Call(thread, body, nil, nil)
	run := &tryRun{}
	if err != nil {
		if uncatchable(thread, err) {
			return nil, err
		}
		run.exc = newExc(thread, err)
	}
	tryRuns(thread)[body] = run
	return run, nil
}

// once is what a clause's loop runs over: one item, the exception, or none.
func once(v starlark.Value, ok bool) starlark.Value {
	if !ok {
		return starlark.NewList(nil)
	}
	return starlark.NewList([]starlark.Value{v})
}

// catch decides what an except clause does with the body's run.
func catch(thread *starlark.Thread, run *tryRun, classes starlark.Tuple, last bool) (starlark.Value, error) {
	if run == nil || run.exc == nil || run.caught {
		return once(nil, false), nil
	}
	ok := len(classes) == 0
	for _, c := range classes {
		m, err := run.exc.matches(thread, c)
		if err != nil {
			return nil, err
		}
		ok = ok || m
	}
	switch {
	case ok:
		run.caught = true
		return once(run.exc, true), nil
	case last:
		return nil, run.exc.err
	}
	return once(nil, false), nil
}

var tryBuiltin = starlark.NewBuiltin(tryName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	body, classes, last, err := unpackTry(tryName, args, kwargs)
	if err != nil {
		return nil, err
	}
	run, err := runTry(thread, body)
	if err != nil {
		return nil, err
	}
	return catch(thread, run, classes, last)
})

var caughtBuiltin = starlark.NewBuiltin(caughtName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	body, classes, last, err := unpackTry(caughtName, args, kwargs)
	if err != nil {
		return nil, err
	}
	return catch(thread, tryRuns(thread)[body], classes, last)
})

// elseBuiltin runs the else clause when the body raised nothing; when it
// is the last clause, it re-raises what no except clause caught.
var elseBuiltin = starlark.NewBuiltin(elseName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	body, _, last, err := unpackTry(elseName, args, kwargs)
	if err != nil {
		return nil, err
	}
	run := tryRuns(thread)[body]
	if run == nil {
		return once(nil, false), nil
	}
	if run.exc != nil && !run.caught && last {
		return nil, run.exc.err
	}
	return once(starlark.None, run.exc == nil), nil
})

// finallyBuiltin runs the finally clause once, after running the body
// itself when the try has no except clause.
var finallyBuiltin = starlark.NewBuiltin(finallyName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	body, _, _, err := unpackTry(finallyName, args, kwargs)
	if err != nil {
		return nil, err
	}
	if tryRuns(thread)[body] == nil {
		if _, err := runTry(thread, body); err != nil {
			return nil, err
		}
	}
	return once(starlark.None, true), nil
})

// reraiseBuiltin follows a finally clause: it raises again what no except
// clause caught, and forgets the body's run.
var reraiseBuiltin = starlark.NewBuiltin(reraiseName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var body starlark.Value
	if err := starlark.UnpackPositionalArgs(reraiseName, args, kwargs, 1, &body); err != nil {
		return nil, err
	}
	runs := tryRuns(thread)
	run := runs[body]
	delete(runs, body)
	if run != nil && run.exc != nil && !run.caught {
		return nil, run.exc.err
	}
	return starlark.None, nil
})

// reraiseAfterFinally is the statement rewriteClasses adds after a finally
// clause's loop, or nil when st is not one.
func reraiseAfterFinally(st syntax.Stmt) syntax.Stmt {
	loop, ok := st.(*syntax.ForStmt)
	if !ok {
		return nil
	}
	c, ok := loop.X.(*syntax.CallExpr)
	if !ok || len(c.Args) == 0 {
		return nil
	}
	if id, ok := c.Fn.(*syntax.Ident); !ok || id.Name != finallyName {
		return nil
	}
	return &syntax.ExprStmt{X: call(ident(reraiseName, loop.For), loop.For, c.Args[0])}
}

// starlarkErrors give Starlark's own failures Python's exception names:
// repl builds the Python message from the match and the whole message.
var starlarkErrors = []struct {
	re   func() *regexp.Regexp
	repl func(m []string, msg string) string
}{
	{lazyre.New(`^key (.*) not in dict$`), func(m []string, _ string) string { return "KeyError: " + pyKeyText(m[1]) }},
	{lazyre.New(`(?:^|: |\b(list|tuple|string) )index -?\d+ out of range`), func(m []string, _ string) string {
		kind := m[1]
		if kind == "" {
			kind = "list"
		}
		return "IndexError: " + kind + " index out of range"
	}},
	{lazyre.New(`(?:floored division|division|modulo|remainder) by zero`), func([]string, string) string { return "ZeroDivisionError: division by zero" }},
	{lazyre.New(`^int: invalid literal with base (\d+): (.*)$`), func(m []string, _ string) string {
		return "ValueError: invalid literal for int() with base " + m[1] + ": " + strRepr(m[2], false)
	}},
	{lazyre.New(`^(?:float: )?invalid float literal: (.*)$`), func(m []string, _ string) string {
		return "ValueError: could not convert string to float: " + strRepr(m[1], false)
	}},
	{lazyre.New(`^(?:int|float): invalid literal`), func(_ []string, msg string) string { return "ValueError: " + msg }},
	{lazyre.New(`^unknown binary op|^unknown unary op|^(?:[\w.]+: )+got \w+, want|^(?:[\w.]+: )?for parameter \w+: got`), func(_ []string, msg string) string { return "TypeError: " + msg }},
	{lazyre.New(`has no \.?\w+ (?:field or method|attribute)`), func(_ []string, msg string) string { return "AttributeError: " + msg }},
}

// pythonMessage names the Python exception a Starlark failure message
// corresponds to; messages already named are returned as they are.
func pythonMessage(msg string) string {
	if excNameRE().MatchString(msg) {
		return msg
	}
	for _, e := range starlarkErrors {
		if m := e.re().FindStringSubmatch(msg); m != nil {
			return e.repl(m, msg)
		}
	}
	return msg
}

// pyKeyText turns Starlark's quoted key into Python's repr of it.
func pyKeyText(k string) string {
	if s, err := strconv.Unquote(k); err == nil {
		return strRepr(s, false)
	}
	return k
}
