package pyscript

import (
	"fmt"
	"github.com/retort-dev/retort/ops"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// In --sql mode Alembic's connection is a recorder: execute(statement)
// writes the statement into the SQL output, as op.execute does, and
// returns None. Parameters given to execute are dropped by that recorder
// (a text() bind without a value then renders as NULL), and it has no
// exec_driver_sql. retort does the same, so the output matches.

// offlineExecute records stmt as op.execute would and returns the value a
// script gets back in place of a result.
func offlineExecute(thread *starlark.Thread, fn string, stmt starlark.Value) (starlark.Value, error) {
	o, err := executeOp(thread, fn, stmt)
	if err != nil {
		return nil, err
	}
	if err := invoke(thread, fn, o); err != nil {
		return nil, err
	}
	return &offlineResult{thread: thread, pos: thread.CallFrame(1).Pos, fn: fn}, nil
}

// offlineDriverSQL is connection.exec_driver_sql in --sql mode, which
// Alembic's recording connection does not have.
func offlineDriverSQL() error {
	return fmt.Errorf("AttributeError: 'MockConnection' object has no attribute 'exec_driver_sql' " +
		"(in --sql mode Alembic's connection only records execute(); use op.execute(...) or connection.execute(sa.text(...)))")
}

// offlineResult stands for the None Alembic's recorder returns: truth is
// False like None's, and reading rows from it fails with a message that
// says why.
type offlineResult struct {
	base
	thread *starlark.Thread
	pos    syntax.Position
	fn     string
}

func (*offlineResult) String() string          { return "None" }
func (*offlineResult) Type() string            { return "NoneType" }
func (*offlineResult) Truth() starlark.Bool    { return starlark.False }
func (*offlineResult) AttrNames() []string     { return nil }
func (r *offlineResult) Hash() (uint32, error) { return starlark.None.Hash() }

func (r *offlineResult) readError(what string) error {
	return &offlineReadError{msg: fmt.Sprintf("AttributeError: 'NoneType' object has no attribute '%s': %s in --sql mode writes the statement "+
		"into the SQL output and returns no result; reading rows needs a database (guard it with context.is_offline_mode())", what, r.fn)}
}

// offlineReadError is reading a result in --sql mode; it unwraps to
// ops.ErrOffline, so callers can tell "needs a database" from a broken
// script (lint lints up to there).
type offlineReadError struct{ msg string }

func (e *offlineReadError) Error() string { return e.msg }
func (e *offlineReadError) Unwrap() error { return ops.ErrOffline }

// Attr refuses every result accessor (fetchall, scalar, first, rowcount, ...).
func (r *offlineResult) Attr(name string) (starlark.Value, error) {
	return nil, r.readError(name)
}

// Iterate refuses iterating the rows: Python says TypeError.
func (r *offlineResult) Iterate() starlark.Iterator {
	err := fmt.Errorf("TypeError: 'NoneType' object is not iterable: %s in --sql mode writes the statement "+
		"into the SQL output and returns no rows to iterate; reading rows needs a database (guard it with context.is_offline_mode())", r.fn)
	stateOf(r.thread).fail(r.thread, r.pos, err)
	return starlark.NewList(nil).Iterate()
}
