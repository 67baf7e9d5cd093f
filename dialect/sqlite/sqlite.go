// Package sqlite is retort's SQLite dialect: it compiles every op of package
// ops into the SQL that Alembic 1.8.1 with SQLAlchemy 1.4 emits for SQLite,
// runs batch_alter_table's "move and copy" (planned by dialect/batch) when
// an op needs it, refuses the ALTERs SQLite cannot do outside batch mode
// with Alembic's message, and reflects a live table from PRAGMAs and
// sqlite_master ([New]).
//
// It builds on the shared compiler in dialect/ddl and imports no database
// driver; placeholders are "?".
//
// Unlike Alembic under pysqlite, retort runs SQLite DDL inside transactions
// (TransactionalDDL is true): a failed migration leaves nothing behind.
package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/internal/sqlbuild"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// SQLite is the SQLite dialect.
type SQLite struct {
	compiler *ddl.Compiler
}

var _ dialect.Dialect = (*SQLite)(nil)

// New returns the SQLite dialect.
func New() dialect.Dialect { return newSQLite() }

func newSQLite() *SQLite {
	return &SQLite{compiler: ddl.New(&hooks{})}
}

// Name is "sqlite".
func (*SQLite) Name() string { return "sqlite" }

// ImplName is Alembic's "SQLiteImpl".
func (*SQLite) ImplName() string { return "SQLiteImpl" }

// TransactionalDDL is true: retort runs SQLite DDL inside a transaction,
// which SQLite supports (Alembic says false only because pysqlite does not).
func (*SQLite) TransactionalDDL() bool { return true }

// QuoteIdent quotes name with double quotes when SQLAlchemy would.
func (*SQLite) QuoteIdent(name string) string { return quoter.Ident(name) }

// Literal renders v as a SQLite literal (booleans are 1 and 0).
func (*SQLite) Literal(v any) (string, error) { return literals.Literal(v) }

// Reflect reads one table from a live SQLite database.
func (*SQLite) Reflect(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	return reflectTable(ctx, q, schemaName, table)
}

var quoter = sqlbuild.Quoter{Quote: '"', Reserved: reservedWords}

var literals = sqlbuild.LiteralStyle{True: "1", False: "0"}

// ErrNeedsConnection is wrapped when an op must read the live database
// (batch recreation without copy_from) but the run is offline.
var ErrNeedsConnection = ddl.ErrNeedsConnection

// NotSupportedError reports an operation SQLite cannot perform outside
// batch mode. Its message is Alembic's where Alembic has one. It unwraps to
// ddl.ErrUnsupported.
type NotSupportedError struct {
	// Op is the Alembic directive, e.g. "create_foreign_key".
	Op  string
	Msg string
}

func (e *NotSupportedError) Error() string { return e.Msg }

// Unwrap lets errors.Is(err, ddl.ErrUnsupported) match.
func (e *NotSupportedError) Unwrap() error { return ddl.ErrUnsupported }

const batchAdvice = "Please refer to the batch mode feature which allows for SQLite migrations using a copy-and-move strategy."

func constraintsNotSupported(op string) error {
	return &NotSupportedError{Op: op, Msg: "No support for ALTER of constraints in SQLite dialect. " + batchAdvice}
}

// Compile turns one op into SQLite statements. Only batch_alter_table
// without copy_from uses q, to reflect the table.
func (d *SQLite) Compile(ctx context.Context, q dialect.Querier, op ops.Op) ([]dialect.Stmt, error) {
	out, handled, err := d.compileOwn(ctx, q, op)
	if !handled {
		// The shared compiler names the dialect and op in its errors.
		return d.compiler.Compile(ctx, q, op)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", ddl.OpName(op), err)
	}
	return out, nil
}

// compileOwn handles the ops whose SQLite form differs from the shared
// compiler's; handled is false for the others.
func (d *SQLite) compileOwn(ctx context.Context, q dialect.Querier, op ops.Op) (out []dialect.Stmt, handled bool, err error) {
	c := d.compiler
	if err := ddl.CheckExistenceClauses(c.Hooks, op); err != nil {
		return nil, true, err
	}
	switch o := op.(type) {
	case *ops.CreateTable:
		out, err = d.createTable(o.Table)
		if o.IfNotExists {
			out = ddl.IfNotExistsTable(out)
		}
	case *ops.DropTable:
		out = ddl.Stmts(ddl.DropTableSQL(c, o))
	case *ops.AddColumn:
		out, err = d.addColumn(o)
	case *ops.AlterColumn:
		out, err = d.alterColumn(o)
	case *ops.CreatePrimaryKey, *ops.CreateUniqueConstraint, *ops.CreateForeignKey,
		*ops.CreateCheckConstraint, *ops.DropConstraint:
		err = constraintsNotSupported(ddl.OpName(op))
	case *ops.CreateTableComment, *ops.DropTableComment:
		// SQLite stores no comments; SQLAlchemy's SQLite dialect skips them.
	case *ops.BatchAlterTable:
		out, err = d.batchAlterTable(ctx, q, o)
	default:
		return nil, false, nil
	}
	return out, true, err
}

// addColumn is ALTER TABLE ADD COLUMN plus the column's index. The
// constraints a column brings along (unique=True, ForeignKey) cannot be
// added by ALTER in SQLite: Alembic raises, and so does retort, but before
// emitting anything. A Boolean/Enum CHECK is skipped, as Alembic does (it
// warns "Skipping unsupported ALTER for creation of implicit constraint").
func (d *SQLite) addColumn(o *ops.AddColumn) ([]dialect.Stmt, error) {
	if o.Column == nil {
		return nil, errors.New("no column given")
	}
	if (o.Column.Unique && !o.Column.Index) || len(o.Column.ForeignKeys) > 0 {
		return nil, constraintsNotSupported("add_column")
	}
	col := *o.Column
	if col.Type != nil && col.Type.CreateConstraint {
		t := *col.Type
		t.CreateConstraint = false
		col.Type = &t
	}
	cp := *o
	cp.Column = &col
	return d.compiler.AddColumn(&cp)
}

// alterColumn: SQLite can rename a column in place (RENAME a TO b); type,
// nullability and default changes need batch mode. Alembic 1.8.1 would emit
// ALTER COLUMN statements that SQLite rejects when they run; retort says so
// up front instead. A comment change alone is a no-op (SQLite stores none).
func (d *SQLite) alterColumn(o *ops.AlterColumn) ([]dialect.Stmt, error) {
	var what []string
	if o.Type != nil {
		what = append(what, "type")
	}
	if o.Nullable != nil {
		what = append(what, "nullability")
	}
	if o.ServerDefault != nil {
		what = append(what, "server default")
	}
	if len(what) > 0 {
		return nil, &NotSupportedError{Op: "alter_column", Msg: fmt.Sprintf(
			"No support for ALTER of column %s (%s) in SQLite dialect. %s",
			o.Column, strings.Join(what, ", "), batchAdvice)}
	}
	if o.NewName == "" || o.NewName == o.Column {
		return nil, nil
	}
	c := d.compiler
	return ddl.Stmts(c.AlterTable(o.Schema, o.Table) + " RENAME " + c.Ident(o.Column) + " TO " + c.Ident(o.NewName)), nil
}
