package pyscript

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/ops"
)

// migrationContextValue is op.get_context() / context.get_context().
type migrationContextValue struct {
	base
	st *runState
}

func (*migrationContextValue) String() string { return "<MigrationContext>" }
func (*migrationContextValue) Type() string   { return "MigrationContext" }

// AttrNames lists the MigrationContext attributes scripts use.
func (*migrationContextValue) AttrNames() []string {
	return []string{"as_sql", "autocommit_block", "bind", "connection", "dialect", "impl"}
}

// Attr provides autocommit_block, dialect, bind and as_sql.
func (m *migrationContextValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "autocommit_block":
		return starlark.NewBuiltin("autocommit_block", func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs("autocommit_block", args, kwargs, 0); err != nil {
				return nil, err
			}
			return &autocommitValue{thread: thread, pos: thread.CallFrame(1).Pos}, nil
		}), nil
	case "dialect":
		return dialectOf(m.st), nil
	case "bind", "connection":
		return &bindValue{st: m.st}, nil
	case "as_sql":
		return starlark.Bool(m.st != nil && m.st.sink.Offline()), nil
	case "impl":
		return &implValue{st: m.st}, nil
	}
	return nil, nil
}

func dialectOf(st *runState) *dialectValue {
	if st == nil {
		return &dialectValue{}
	}
	return &dialectValue{name: st.sink.DialectName()}
}

// dialectValue is get_context().dialect.
type dialectValue struct {
	base
	name string
}

func (d *dialectValue) String() string { return "<Dialect " + d.name + ">" }
func (d *dialectValue) Type() string   { return "Dialect" }

// AttrNames lists the dialect's attributes.
func (d *dialectValue) AttrNames() []string { return []string{"name"} }

// Attr returns the dialect name.
func (d *dialectValue) Attr(name string) (starlark.Value, error) {
	if name == "name" {
		return starlark.String(d.name), nil
	}
	return nil, nil
}

// bindValue is op.get_bind(): a connection whose execute runs Sink.Query.
type bindValue struct {
	base
	st *runState
}

func (*bindValue) String() string { return "<Connection>" }
func (*bindValue) Type() string   { return "Connection" }

// AttrNames lists the connection's methods.
func (*bindValue) AttrNames() []string {
	return []string{"commit", "dialect", "engine", "execute", "exec_driver_sql", "name"}
}

// Attr provides execute / exec_driver_sql and dialect.
func (b *bindValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "execute", "exec_driver_sql":
		fn := "connection." + name
		return starlark.NewBuiltin(fn, func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var stmt, params starlark.Value = nil, starlark.None
			if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &stmt, &params); err != nil {
				return nil, err
			}
			if st := stateOf(thread); st != nil && st.sink.Offline() {
				if name == "exec_driver_sql" {
					return nil, offlineDriverSQL()
				}
				return offlineExecute(thread, fn, stmt)
			}
			return bindExecute(thread, fn, stmt, params)
		}), nil
	case "dialect":
		return dialectOf(b.st), nil
	case "name": // bind.engine.name: the dialect's name, as Engine.name is
		return starlark.String(dialectOf(b.st).name), nil
	case "engine":
		// The engine a script reaches this way is only handed to
		// sa.inspect or asked for its dialect: the connection answers both.
		return b, nil
	case "commit":
		return starlark.NewBuiltin("connection.commit", func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs("connection.commit", args, kwargs, 0); err != nil {
				return nil, err
			}
			// SQLAlchemy 2.0's commit(): what the step did so far becomes
			// durable and the rest runs in a new transaction, the edges of
			// an autocommit block (the version table moves at the step's end).
			st := stateOf(thread)
			if st == nil {
				return nil, fmt.Errorf("connection.commit: called outside a migration run")
			}
			st.effects, st.committed = true, true
			for _, begin := range []bool{true, false} {
				if err := st.sinkErr(st.sink.Invoke(st.ctx, &ops.AutocommitBlock{Begin: begin})); err != nil {
					return nil, fmt.Errorf("connection.commit: %w", err)
				}
			}
			return starlark.None, nil
		}), nil
	}
	return nil, nil
}

func bindExecute(thread *starlark.Thread, fn string, stmt, params starlark.Value) (starlark.Value, error) {
	st := stateOf(thread)
	if st == nil {
		return nil, fmt.Errorf("%s: called outside a migration run", fn)
	}
	var query string
	var qargs []any
	switch x := stmt.(type) {
	case starlark.String:
		query = string(x)
	case *textValue:
		query = x.e.Text
		for _, kv := range x.params {
			g, err := toGo(kv[1])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			qargs = append(qargs, sql.Named(string(kv[0].(starlark.String)), g))
		}
	case *exprValue:
		query = renderSQL(x.e)
	case *selectValue:
		q, err := x.sql(st.sink.DialectName())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		query = q
	case *dmlValue, *ddlValue, *sequenceDDL:
		// DML and DDL go through the sink like op.execute, so the dialect renders them.
		o, err := executeOp(thread, fn, x)
		if err != nil {
			return nil, err
		}
		if err := invoke(thread, fn, o); err != nil {
			return nil, err
		}
		return &resultValue{rows: &ops.Rows{}}, nil
	default:
		return nil, fmt.Errorf("%s: statement must be a string or sa.text(...), not %s", fn, stmt.Type())
	}
	switch p := params.(type) {
	case starlark.NoneType:
	case *starlark.Dict:
		keys := make([]string, 0, p.Len())
		vals := map[string]any{}
		for _, item := range p.Items() {
			k, ok := starlark.AsString(item[0])
			if !ok {
				return nil, fmt.Errorf("%s: parameter names must be strings", fn)
			}
			g, err := toGo(item[1])
			if err != nil {
				return nil, fmt.Errorf("%s: parameter %s: %w", fn, k, err)
			}
			keys = append(keys, k)
			vals[k] = g
		}
		sort.Strings(keys)
		for _, k := range keys {
			qargs = append(qargs, sql.Named(k, vals[k]))
		}
	case *starlark.List, starlark.Tuple:
		for item := range starlark.Elements(p.(starlark.Iterable)) {
			g, err := toGo(item)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			qargs = append(qargs, g)
		}
	default:
		return nil, fmt.Errorf("%s: parameters must be a dict or a list, not %s", fn, params.Type())
	}
	query, qargs = positionalBinds(query, qargs, st.sink.DialectName())
	st.effects = true // the statement may change rows
	rows, err := st.sink.Query(st.ctx, query, qargs...)
	if st.sinkErr(err) != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	if rows == nil {
		rows = &ops.Rows{}
	}
	return &resultValue{rows: rows}, nil
}

// resultValue is the result of connection.execute(...).
type resultValue struct {
	base
	rows *ops.Rows
	next int
}

func (r *resultValue) String() string { return fmt.Sprintf("<Result %d rows>", len(r.rows.Values)) }
func (r *resultValue) Type() string   { return "Result" }

func (r *resultValue) row(i int) *rowValue {
	return &rowValue{cols: r.rows.Columns, vals: r.rows.Values[i]}
}

// AttrNames lists the result's methods.
func (r *resultValue) AttrNames() []string {
	return []string{"all", "fetchall", "fetchone", "first", "keys", "one", "rowcount", "scalar", "scalar_one", "scalars"}
}

// Attr provides the DB-API style accessors.
func (r *resultValue) Attr(name string) (starlark.Value, error) {
	noArgs := func(fn func() (starlark.Value, error)) starlark.Value {
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
				return nil, err
			}
			return fn()
		})
	}
	rest := func() []starlark.Value {
		var out []starlark.Value
		for ; r.next < len(r.rows.Values); r.next++ {
			out = append(out, r.row(r.next))
		}
		return out
	}
	switch name {
	case "fetchall", "all":
		return noArgs(func() (starlark.Value, error) { return starlark.NewList(rest()), nil }), nil
	case "fetchone":
		return noArgs(func() (starlark.Value, error) {
			if r.next >= len(r.rows.Values) {
				return starlark.None, nil
			}
			r.next++
			return r.row(r.next - 1), nil
		}), nil
	case "first":
		return noArgs(func() (starlark.Value, error) {
			if r.next >= len(r.rows.Values) {
				return starlark.None, nil
			}
			v := r.row(r.next)
			r.next = len(r.rows.Values)
			return v, nil
		}), nil
	case "one":
		return noArgs(func() (starlark.Value, error) {
			if len(r.rows.Values)-r.next != 1 {
				return nil, fmt.Errorf("one: expected exactly one row, got %d", len(r.rows.Values)-r.next)
			}
			r.next++
			return r.row(r.next - 1), nil
		}), nil
	case "scalar", "scalar_one":
		return noArgs(func() (starlark.Value, error) {
			if r.next >= len(r.rows.Values) || len(r.rows.Values[r.next]) == 0 {
				if name == "scalar_one" {
					return nil, fmt.Errorf("scalar_one: no row was returned")
				}
				return starlark.None, nil
			}
			v := r.rows.Values[r.next][0]
			r.next = len(r.rows.Values)
			return fromGo(v), nil
		}), nil
	case "scalars":
		return noArgs(func() (starlark.Value, error) {
			var out []starlark.Value
			for ; r.next < len(r.rows.Values); r.next++ {
				if len(r.rows.Values[r.next]) > 0 {
					out = append(out, fromGo(r.rows.Values[r.next][0]))
				}
			}
			return starlark.NewList(out), nil
		}), nil
	case "keys":
		return noArgs(func() (starlark.Value, error) {
			vals := make([]starlark.Value, len(r.rows.Columns))
			for i, c := range r.rows.Columns {
				vals[i] = starlark.String(c)
			}
			return starlark.NewList(vals), nil
		}), nil
	case "rowcount":
		return starlark.MakeInt(len(r.rows.Values)), nil
	}
	return nil, nil
}

// Iterate yields the remaining rows.
func (r *resultValue) Iterate() starlark.Iterator {
	var out []starlark.Value
	for ; r.next < len(r.rows.Values); r.next++ {
		out = append(out, r.row(r.next))
	}
	return starlark.NewList(out).Iterate()
}

// rowValue is one result row: a tuple that also answers to column names.
type rowValue struct {
	base
	cols []string
	vals []any
}

func (r *rowValue) String() string {
	parts := make([]string, len(r.vals))
	for i, v := range r.vals {
		parts[i] = fromGo(v).String()
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
func (r *rowValue) Type() string { return "Row" }

// Len is the number of columns.
func (r *rowValue) Len() int { return len(r.vals) }

// Index returns column i.
func (r *rowValue) Index(i int) starlark.Value { return fromGo(r.vals[i]) }

// Iterate yields the column values, so rows unpack like tuples.
func (r *rowValue) Iterate() starlark.Iterator {
	vals := make([]starlark.Value, len(r.vals))
	for i, v := range r.vals {
		vals[i] = fromGo(v)
	}
	return starlark.Tuple(vals).Iterate()
}

// Get supports row["column"] and row[0].
func (r *rowValue) Get(k starlark.Value) (starlark.Value, bool, error) {
	if s, ok := starlark.AsString(k); ok {
		for i, c := range r.cols {
			if c == s {
				return fromGo(r.vals[i]), true, nil
			}
		}
		return nil, false, fmt.Errorf("row has no column %q", s)
	}
	var i int
	if err := starlark.AsInt(k, &i); err != nil {
		return nil, false, fmt.Errorf("row index must be a column name or int, not %s", k.Type())
	}
	if i < 0 {
		i += len(r.vals)
	}
	if i < 0 || i >= len(r.vals) {
		return nil, false, fmt.Errorf("row index %d out of range", i)
	}
	return fromGo(r.vals[i]), true, nil
}

// Attr supports row.column and row._mapping.
func (r *rowValue) Attr(name string) (starlark.Value, error) {
	for i, c := range r.cols {
		if c == name {
			return fromGo(r.vals[i]), nil
		}
	}
	if name == "_mapping" {
		d := starlark.NewDict(len(r.cols))
		for i, c := range r.cols {
			_ = d.SetKey(starlark.String(c), fromGo(r.vals[i]))
		}
		return d, nil
	}
	return nil, nil
}

// AttrNames lists the column names.
func (r *rowValue) AttrNames() []string { return append([]string{"_mapping"}, r.cols...) }

// fromGo converts a database value to a Starlark value.
func fromGo(v any) starlark.Value {
	switch x := v.(type) {
	case nil:
		return starlark.None
	case bool:
		return starlark.Bool(x)
	case int:
		return starlark.MakeInt(x)
	case int32:
		return starlark.MakeInt64(int64(x))
	case int64:
		return starlark.MakeInt64(x)
	case uint64:
		return starlark.MakeUint64(x)
	case float32:
		return starlark.Float(x)
	case float64:
		return starlark.Float(x)
	case string:
		return starlark.String(x)
	case []byte:
		return starlark.String(x)
	case time.Time:
		return starlark.String(x.Format("2006-01-02 15:04:05.999999-07:00"))
	}
	return starlark.String(fmt.Sprint(v))
}

// implValue is context.get_impl() / get_context().impl: Alembic's DDL
// impl, of which scripts read the connection and the dialect.
type implValue struct {
	base
	st *runState
}

func (*implValue) String() string { return "<DefaultImpl>" }
func (*implValue) Type() string   { return "DefaultImpl" }

// AttrNames lists the impl's attributes scripts use.
func (*implValue) AttrNames() []string { return []string{"as_sql", "bind", "connection", "dialect"} }

// Attr provides bind, connection, dialect and as_sql.
func (v *implValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "bind", "connection":
		return &bindValue{st: v.st}, nil
	case "dialect":
		return dialectOf(v.st), nil
	case "as_sql":
		return starlark.Bool(v.st != nil && v.st.sink.Offline()), nil
	}
	return nil, nil
}

func ctxGetImpl(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs("context.get_impl", args, kwargs, 0); err != nil {
		return nil, err
	}
	return &implValue{st: stateOf(thread)}, nil
}

// The context module ------------------------------------------------------------

func ctxIsOfflineMode(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs("context.is_offline_mode", args, kwargs, 0); err != nil {
		return nil, err
	}
	st := stateOf(thread)
	if st == nil {
		return starlark.False, nil
	}
	return starlark.Bool(st.sink.Offline()), nil
}

func ctxGetXArgument(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	asDict := false
	if err := starlark.UnpackArgs("context.get_x_argument", args, kwargs, "as_dictionary?", &asDict); err != nil {
		return nil, err
	}
	var xargs []string
	if st := stateOf(thread); st != nil {
		xargs = st.env.XArgs
	}
	if asDict {
		// Like Alembic's dict(arg.split("=", 1) ...): every value must hold
		// an "=", and a later key wins.
		d := starlark.NewDict(len(xargs))
		for _, x := range xargs {
			k, v, ok := strings.Cut(x, "=")
			if !ok {
				return nil, fmt.Errorf("context.get_x_argument: -x value %q is not of the form key=value", x)
			}
			_ = d.SetKey(starlark.String(k), starlark.String(v))
		}
		return d, nil
	}
	vals := make([]starlark.Value, len(xargs))
	for i, x := range xargs {
		vals[i] = starlark.String(x)
	}
	return starlark.NewList(vals), nil
}

// configValue is context.config.
type configValue struct{ base }

func (configValue) String() string { return "<Config>" }
func (configValue) Type() string   { return "Config" }

// AttrNames lists the Config methods.
func (configValue) AttrNames() []string { return []string{"get_main_option", "config_ini_section"} }

// Attr provides get_main_option.
func (configValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "get_main_option":
		return starlark.NewBuiltin("config.get_main_option", func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var key string
			var def starlark.Value = starlark.None
			if err := starlark.UnpackArgs("config.get_main_option", args, kwargs, "name", &key, "default?", &def); err != nil {
				return nil, err
			}
			if st := stateOf(thread); st != nil {
				if v, ok := st.env.Config[key]; ok {
					return starlark.String(v), nil
				}
			}
			return def, nil
		}), nil
	case "config_ini_section":
		return starlark.String("alembic"), nil
	}
	return nil, nil
}

var contextModule = newModule("context", starlark.StringDict{
	"is_offline_mode": builtin("context.is_offline_mode", ctxIsOfflineMode),
	"get_x_argument":  builtin("context.get_x_argument", ctxGetXArgument),
	"get_context":     builtin("context.get_context", opGetContext),
	"get_bind":        builtin("context.get_bind", opGetBind),
	"get_impl":        builtin("context.get_impl", ctxGetImpl),
	"config":          configValue{},
})
