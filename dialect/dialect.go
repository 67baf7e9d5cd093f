// Package dialect defines what retort needs from a database dialect: turning
// ops into SQL statements (pure, so offline mode needs no database),
// identifier quoting and literal rendering, and reflecting a live table for
// SQLite's batch "move and copy". One package per dialect implements it
// (dialect/postgres, dialect/mysql, dialect/sqlite); none imports a driver.
package dialect

import (
	"context"
	"database/sql"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Stmt is one SQL statement to run.
type Stmt struct {
	// SQL uses the dialect's placeholder style ($1 on PostgreSQL, ? elsewhere) when Args is set.
	SQL  string
	Args []any
	// Inline is SQL with Args rendered as literals, for offline (--sql) output.
	// Empty when Args is empty (then SQL is used as is).
	Inline string
}

// Offline returns the statement text for offline output.
func (s Stmt) Offline() string {
	if s.Inline != "" {
		return s.Inline
	}
	return s.SQL
}

// Querier is what a dialect needs from a connection or transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Dialect compiles ops for one database.
//
// How to implement a dialect:
//  1. Implement Compile for every op type in package ops, returning the DDL
//     SQLAlchemy 1.4 + Alembic 1.8 would emit for that database.
//  2. Quote identifiers only when needed (reserved words, upper case, odd characters).
//  3. Add it to the explicit dialect table in package command.
type Dialect interface {
	// Name is the SQLAlchemy dialect name: "postgresql", "mysql" or "sqlite".
	Name() string
	// ImplName is Alembic's impl class name for the "Context impl X." line:
	// "PostgresqlImpl", "MySQLImpl", "SQLiteImpl".
	ImplName() string
	// TransactionalDDL reports whether DDL runs inside a transaction.
	TransactionalDDL() bool
	// Compile turns one op into statements. q is a live connection, or nil
	// in offline mode; only ops that must look at the database (SQLite batch
	// recreation without copy_from) use it, and they fail with a clear error
	// when q is nil.
	Compile(ctx context.Context, q Querier, op ops.Op) ([]Stmt, error)
	// QuoteIdent quotes an identifier when the dialect requires it.
	QuoteIdent(name string) string
	// Literal renders a Go value (nil, bool, int64, float64, string, []byte,
	// time.Time) as a SQL literal.
	Literal(v any) (string, error)
	// Reflect reads a table's definition from a live database.
	Reflect(ctx context.Context, q Querier, schemaName, table string) (*schema.Table, error)
}
