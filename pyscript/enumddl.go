package pyscript

import (
	"fmt"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// enumCreateDrop is Enum.create(bind, checkfirst=...) / Enum.drop(bind,
// checkfirst=...) called on its own, as SQLAlchemy runs it:
//   - sa.Enum becomes CREATE TYPE / DROP TYPE only on PostgreSQL, and only
//     as a native enum; elsewhere it does nothing. checkfirst defaults to False.
//   - postgresql.ENUM does the same on PostgreSQL whatever create_type says
//     (create_type governs table events only), nothing on a dialect without
//     native enums (SQLite), and cannot be rendered on MySQL.
//     checkfirst defaults to True.
//
// checkfirst asks pg_type first online; offline Alembic's recording
// connection ignores it and the statement is always written.
func enumCreateDrop(thread *starlark.Thread, v *typeValue, name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	pgENUM := v.t.Dialect == "postgresql"
	fn := "Enum." + name
	if pgENUM {
		fn = "postgresql.ENUM." + name
	}
	var bind starlark.Value = starlark.None
	checkfirst := pgENUM
	if err := starlark.UnpackArgs(fn, args, kwargs, "bind?", &bind, "checkfirst?", &checkfirst); err != nil {
		return nil, err
	}
	if _, ok := bind.(*bindValue); !ok {
		return nil, fmt.Errorf("%s: bind must be a connection (op.get_bind()), not %s", fn, bind.Type())
	}
	st := stateOf(thread)
	if st == nil {
		return nil, fmt.Errorf("%s: called outside a migration run", fn)
	}
	switch d := st.sink.DialectName(); {
	case d == "postgresql":
		if !pgENUM && !v.t.NativeEnum {
			return starlark.None, nil
		}
	case pgENUM && d == "mysql":
		return nil, fmt.Errorf("%s: a PostgreSQL ENUM type cannot be created or dropped on %s "+
			"(SQLAlchemy raises UnsupportedCompilationError for CreateEnumType)", fn, d)
	default:
		return starlark.None, nil
	}
	if v.t.EnumName == "" {
		return nil, fmt.Errorf("%s: CompileError: PostgreSQL ENUM type requires a name.", fn)
	}
	e := &schema.Enum{Schema: v.schema, Name: v.t.EnumName, Values: v.t.Values}
	if checkfirst && !st.sink.Offline() {
		exists, err := pgTypeExists(st, e)
		if err != nil {
			return nil, fmt.Errorf("%s: checkfirst: %w", fn, err)
		}
		if exists == (name == "create") {
			return starlark.None, nil
		}
	}
	var o ops.Op = &ops.CreateEnum{Enum: e}
	if name == "drop" {
		o = &ops.DropEnum{Enum: e}
	}
	return starlark.None, invoke(thread, fn, o)
}

// pgTypeExists asks PostgreSQL whether the type exists: in its schema, or
// visible on the search path when it has none (SQLAlchemy's has_type).
func pgTypeExists(st *runState, e *schema.Enum) (bool, error) {
	q := "SELECT EXISTS (SELECT * FROM pg_catalog.pg_type t WHERE t.typname = $1 AND pg_catalog.pg_type_is_visible(t.oid))"
	args := []any{e.Name}
	if e.Schema != "" {
		q = "SELECT EXISTS (SELECT * FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid " +
			"WHERE t.typname = $1 AND n.nspname = $2)"
		args = append(args, e.Schema)
	}
	rows, err := st.sink.Query(st.ctx, q, args...)
	if st.sinkErr(err) != nil {
		return false, err
	}
	if rows == nil || len(rows.Values) != 1 || len(rows.Values[0]) != 1 {
		return false, fmt.Errorf("unexpected answer from pg_type")
	}
	b, ok := rows.Values[0][0].(bool)
	if !ok {
		return false, fmt.Errorf("unexpected answer from pg_type: %v", rows.Values[0][0])
	}
	return b, nil
}
