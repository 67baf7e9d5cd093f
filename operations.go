package retort

import (
	"context"
	"database/sql"
	"errors"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// The schema model operations take, shared with the .py scripts' op.
type (
	// Table is a table definition (sa.Table).
	Table = schema.Table
	// Column is a column definition (sa.Column).
	Column = schema.Column
	// Type is a column type (sa.Integer, sa.String(50), ...); Kind is the
	// SQLAlchemy type name.
	Type = schema.Type
	// Index is an index definition (op.create_index).
	Index = schema.Index
	// IndexElement is one column or expression of an Index.
	IndexElement = schema.IndexElement
	// AlterColumn is the change op.alter_column makes.
	AlterColumn = ops.AlterColumn
	// Op is any migration operation of package ops, for Operations.Apply.
	Op = ops.Op
)

// Operations are what a Go migration does to the database: the operations
// of a .py script's op, compiled for the Provider's dialect, executed
// online and written as SQL offline. An Operations is bound to the
// context of its step.
type Operations struct {
	ctx  context.Context
	sink ops.Sink
}

// Apply performs any operation of package ops (CreateForeignKey,
// BatchAlterTable, ...).
func (o *Operations) Apply(op Op) error { return o.sink.Invoke(o.ctx, op) }

// CreateTable creates a table with its columns, constraints and indexes.
func (o *Operations) CreateTable(t *Table) error { return o.Apply(&ops.CreateTable{Table: t}) }

// DropTable drops a table.
func (o *Operations) DropTable(name string) error { return o.Apply(&ops.DropTable{Name: name}) }

// AddColumn adds a column to a table.
func (o *Operations) AddColumn(table string, c *Column) error {
	return o.Apply(&ops.AddColumn{Table: table, Column: c})
}

// DropColumn drops a column of a table.
func (o *Operations) DropColumn(table, column string) error {
	return o.Apply(&ops.DropColumn{Table: table, Column: column})
}

// AlterColumn changes a column: its type, nullability, default, name or
// comment, as op.alter_column does.
func (o *Operations) AlterColumn(a *AlterColumn) error { return o.Apply(a) }

// CreateIndex creates an index on columns of a table.
func (o *Operations) CreateIndex(name, table string, columns []string, unique bool) error {
	ix := &Index{Name: name, Table: table, Unique: unique}
	for _, c := range columns {
		ix.Elements = append(ix.Elements, IndexElement{Column: c})
	}
	return o.Apply(&ops.CreateIndex{Index: ix})
}

// CreateForeignKey adds a foreign key from columns of table to
// refColumns of refTable (op.create_foreign_key). SQLite cannot add a
// constraint to an existing table: Apply an ops.BatchAlterTable there.
func (o *Operations) CreateForeignKey(name, table string, columns []string, refTable string, refColumns []string) error {
	return o.Apply(&ops.CreateForeignKey{Table: table, ForeignKey: &schema.ForeignKey{
		Name: name, Columns: columns, RefTable: refTable, RefColumns: refColumns}})
}

// DropConstraint drops a named constraint; kind is "foreignkey",
// "primary", "unique" or "check" ("" where the dialect does not need it;
// MySQL does).
func (o *Operations) DropConstraint(name, table, kind string) error {
	return o.Apply(&ops.DropConstraint{Name: name, Table: table, Type: kind})
}

// DropIndex drops an index; table is needed by MySQL and ignored elsewhere.
func (o *Operations) DropIndex(name, table string) error {
	return o.Apply(&ops.DropIndex{Name: name, Table: table})
}

// Execute runs one SQL statement. With args (in the dialect's placeholder
// style: $1 on PostgreSQL, ? elsewhere) it cannot be rendered offline.
func (o *Operations) Execute(query string, args ...any) error {
	if len(args) > 0 && o.sink.Offline() {
		return errors.New("retort: Execute with arguments cannot be written as offline SQL; inline the values")
	}
	return o.Apply(&ops.Execute{SQL: query, Args: args})
}

// BulkInsert inserts rows (column name to value) into a table whose
// columns are described by t, as op.bulk_insert does.
func (o *Operations) BulkInsert(t *Table, rows []map[string]any) error {
	return o.Apply(&ops.BulkInsert{Table: t, Rows: rows})
}

// Offline reports whether the run writes SQL instead of executing it.
func (o *Operations) Offline() bool { return o.sink.Offline() }

// Dialect is the dialect the operations are compiled for; MariaDB
// compiles as, and reports, MySQL.
func (o *Operations) Dialect() Dialect { return Dialect(o.sink.DialectName()) }

// Tx is the transaction the step runs in, for data migrations that read
// what they change or hand a *sql.Tx to their own data-access code (sqlc's
// Queries.WithTx, ...). Statements run through it see the step's earlier
// operations, commit or roll back with the step, bypass the dialect's
// compiler and are not listed in the Result's steps.
//
// Tx is nil offline, where nothing is executed, and between an
// ops.AutocommitBlock's begin and end (Apply(&ops.AutocommitBlock{Begin:
// true}) commits the transaction; the end begins a new one), where no
// transaction is open. A transaction ends
// when its step ends, or with every step of the run, as
// WithTransactionPerMigration says: ask Tx again in each step instead of
// keeping it. MySQL and MariaDB commit each DDL statement implicitly,
// so there the transaction holds only the data changes since the last
// DDL. Do not Commit or Rollback it: the Provider does.
func (o *Operations) Tx() *sql.Tx {
	t, ok := o.sink.(interface{ Tx() *sql.Tx })
	if !ok {
		return nil
	}
	return t.Tx()
}
