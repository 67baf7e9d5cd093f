package migration

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// sink is the ops.Sink a step's function receives: online it compiles and
// executes on the run's connection, offline it writes the SQL.
type sink struct {
	s *session
}

var (
	_ ops.Sink            = sink{}
	_ ops.SchemaInspector = sink{}
	_ ops.Executor        = sink{}
	_ ops.TextWriter      = sink{}
)

// Invoke compiles op with the dialect and runs (or writes) its statements.
// An AutocommitBlock op commits the transaction on entry and begins a new
// one on exit.
func (k sink) Invoke(ctx context.Context, op ops.Op) error {
	if op == nil {
		return fmt.Errorf("migration: nil operation")
	}
	if ab, ok := op.(*ops.AutocommitBlock); ok {
		return k.s.autocommit(ctx, ab.Begin)
	}
	return k.s.invoke(ctx, op)
}

// Query runs SQL on the run's connection (inside its transaction) and
// returns every row. Byte strings from text columns come back as strings.
// Offline there is no connection: the error wraps ops.ErrOffline.
func (k sink) Query(ctx context.Context, query string, args ...any) (*ops.Rows, error) {
	if k.s.offline() {
		return nil, fmt.Errorf("%w: %s", ops.ErrOffline, query)
	}
	rows, err := k.s.q().QueryContext(ctx, query, args...)
	if err != nil {
		k.s.failedSQL = query
		return nil, &statementError{SQL: query, Err: err}
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("reading result of %s: %w", query, err)
	}
	out := &ops.Rows{Columns: make([]string, len(cols))}
	binary := make([]bool, len(cols))
	for i, c := range cols {
		out.Columns[i] = c.Name()
		t := strings.ToUpper(c.DatabaseTypeName())
		binary[i] = strings.Contains(t, "BLOB") || strings.Contains(t, "BINARY") || t == "BYTEA"
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("reading result of %s: %w", query, err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				if binary[i] {
					vals[i] = append([]byte(nil), b...)
				} else {
					vals[i] = string(b)
				}
			}
		}
		out.Values = append(out.Values, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, &statementError{SQL: query, Err: err}
	}
	return out, nil
}

// Exec runs one statement as it is on the run's connection and returns
// the rows it changed (-1 when the driver cannot tell).
func (k sink) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	if k.s.offline() {
		return 0, fmt.Errorf("%w: %s", ops.ErrOffline, query)
	}
	if k.s.c.opts.Events != nil {
		k.s.c.emit(Statement{SQL: query})
	}
	res, err := k.s.q().ExecContext(ctx, query, args...)
	if err != nil {
		k.s.failedSQL = query
		return 0, &statementError{SQL: query, Err: err}
	}
	n, err := res.RowsAffected()
	if err != nil {
		return -1, nil
	}
	return n, nil
}

// WriteText puts text into the offline SQL output as it stands; online
// there is no such output and it fails.
func (k sink) WriteText(text string) error {
	if !k.s.offline() {
		return fmt.Errorf("migration: no SQL output to write to online")
	}
	if _, err := k.s.w.WriteString(text); err != nil {
		return fmt.Errorf("writing SQL: %w", err)
	}
	return nil
}

// InspectSchema reads one schema on the run's connection, for
// sa.inspect(bind) in a script.
func (k sink) InspectSchema(ctx context.Context, schemaName string) (*schema.MetaData, error) {
	if k.s.offline() {
		return nil, fmt.Errorf("%w: inspecting the schema", ops.ErrOffline)
	}
	in, ok := k.s.c.d.(dialect.Inspector)
	if !ok {
		return nil, fmt.Errorf("%s cannot inspect a schema", k.s.c.d.Name())
	}
	return in.InspectSchema(ctx, k.s.q(), dialect.InspectOptions{Schema: schemaName})
}

// Offline reports whether this is an --sql run.
func (k sink) Offline() bool { return k.s.offline() }

// DialectName is the dialect's SQLAlchemy name.
func (k sink) DialectName() string { return k.s.c.d.Name() }

// Tx is the transaction the step runs in (Go migrations reach it for data
// changes); nil offline and inside an autocommit block, where no
// transaction is open.
func (k sink) Tx() *sql.Tx { return k.s.tx }
