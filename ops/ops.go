// Package ops holds migration operations as values: one type per directive
// of Alembic's Operations (op.create_table, op.add_column, ...), their
// reversal, and the Sink interface through which scripts hand operations to
// the runtime. It knows no SQL; dialects compile ops into statements.
package ops

import (
	"context"
	"errors"
	"fmt"

	"github.com/retort-dev/retort/schema"
)

// Op is one migration operation. Reverse returns the operation that undoes
// it, or an error wrapping ErrIrreversible when the op lacks what it needs.
type Op interface {
	Reverse() (Op, error)
	op()
}

// ErrIrreversible is returned (wrapped) by Reverse when an op cannot be undone.
var ErrIrreversible = errors.New("operation is not reversible")

// Sink receives the operations a migration script performs. The migration
// runtime implements it: online it compiles and executes, offline it writes SQL.
type Sink interface {
	// Invoke compiles and runs (or prints) one operation.
	Invoke(ctx context.Context, op Op) error
	// Query runs SQL and returns its rows: op.get_bind().execute(...).
	// In offline mode it returns an error wrapping ErrOffline.
	Query(ctx context.Context, sql string, args ...any) (*Rows, error)
	// Offline reports whether this is an --sql run (context.is_offline_mode()).
	Offline() bool
	// DialectName is "postgresql", "mysql" or "sqlite" (op.get_context().dialect.name).
	DialectName() string
}

// SchemaInspector is implemented by a Sink that can read the live
// database's schema, for sa.inspect(bind) in a script. Offline sinks and
// sinks whose dialect cannot inspect need not implement it.
type SchemaInspector interface {
	// InspectSchema reads the tables of one schema ("" is the connection's
	// default), in the reflected normal form of dialect.Inspector, inside
	// the run's transaction so that tables the script created are seen.
	InspectSchema(ctx context.Context, schemaName string) (*schema.MetaData, error)
}

// Executor is implemented by a Sink that runs a statement as it is, with
// driver arguments, and reports how many rows it changed: the statements
// a script's own Python interpreter makes (see package pybridge).
type Executor interface {
	Exec(ctx context.Context, sql string, args ...any) (int64, error)
}

// TextWriter is implemented by an offline Sink: the text goes into the
// SQL output where the run has got to. A script's print() output goes
// there in --sql mode, since under Alembic both share standard output.
type TextWriter interface {
	WriteText(text string) error
}

// ErrOffline is wrapped by Sink.Query in offline mode.
var ErrOffline = errors.New("can't execute a query in offline (--sql) mode")

// Rows is the result of Sink.Query.
type Rows struct {
	Columns []string
	Values  [][]any
}

// CreateTable is op.create_table.
type CreateTable struct {
	Table *schema.Table
	// IfNotExists is create_table(if_not_exists=True) (Alembic >= 1.13.3).
	IfNotExists bool
}

// DropTable is op.drop_table. Existing, when known, makes it reversible.
// IfExists is drop_table(if_exists=True) (Alembic >= 1.13.3).
type DropTable struct {
	Schema   string
	Name     string
	Existing *schema.Table
	IfExists bool
}

// RenameTable is op.rename_table.
type RenameTable struct {
	Schema  string
	OldName string
	NewName string
}

// AddColumn is op.add_column.
type AddColumn struct {
	Schema string
	Table  string
	Column *schema.Column
	// InsertBefore / InsertAfter name a column the new one is placed next
	// to; only batch_alter_table's add_column accepts them.
	InsertBefore string
	InsertAfter  string
	// IfNotExists is add_column(if_not_exists=True) (newer Alembic).
	IfNotExists bool
}

// DropColumn is op.drop_column. Existing, when known, makes it reversible.
type DropColumn struct {
	Schema   string
	Table    string
	Column   string
	Existing *schema.Column
	// IfExists is drop_column(if_exists=True) (newer Alembic).
	IfExists bool
}

// DefaultChange is a change of server default: Expr nil means drop the default.
type DefaultChange struct {
	Expr *schema.Expr
}

// CommentChange is a change of comment: Comment nil means drop the comment.
type CommentChange struct {
	Comment *string
}

// AlterColumn is op.alter_column. A nil field means "unchanged".
type AlterColumn struct {
	Schema        string
	Table         string
	Column        string
	Nullable      *bool
	Type          *schema.Type
	ServerDefault *DefaultChange
	NewName       string
	Comment       *CommentChange
	Autoincrement *bool

	ExistingType          *schema.Type
	ExistingNullable      *bool
	ExistingServerDefault *schema.Expr
	ExistingComment       *string
	ExistingAutoincrement *bool

	// DialectOptions holds e.g. postgresql_using.
	DialectOptions map[string]string
}

// CreateIndex is op.create_index.
type CreateIndex struct {
	Index       *schema.Index
	IfNotExists bool
}

// DropIndex is op.drop_index.
type DropIndex struct {
	Schema         string
	Table          string
	Name           string
	IfExists       bool
	Existing       *schema.Index
	DialectOptions map[string]string // postgresql_concurrently, ...
}

// CreatePrimaryKey is op.create_primary_key.
type CreatePrimaryKey struct {
	Schema     string
	Table      string
	PrimaryKey *schema.PrimaryKey
}

// CreateUniqueConstraint is op.create_unique_constraint.
type CreateUniqueConstraint struct {
	Schema string
	Table  string
	Unique *schema.Unique
}

// CreateForeignKey is op.create_foreign_key.
type CreateForeignKey struct {
	Schema     string // source schema
	Table      string // source table
	ForeignKey *schema.ForeignKey
}

// CreateCheckConstraint is op.create_check_constraint.
type CreateCheckConstraint struct {
	Schema string
	Table  string
	Check  *schema.Check
}

// DropConstraint is op.drop_constraint. Type is "", "foreignkey", "primary",
// "unique" or "check" (MySQL needs it).
type DropConstraint struct {
	Schema   string
	Table    string
	Name     string
	Type     string
	Existing schema.Constraint
	// IfExists is drop_constraint(if_exists=True) (newer Alembic).
	IfExists bool
}

// CreateTableComment is op.create_table_comment.
type CreateTableComment struct {
	Schema   string
	Table    string
	Comment  string
	Existing *string
}

// DropTableComment is op.drop_table_comment.
type DropTableComment struct {
	Schema   string
	Table    string
	Existing *string
}

// Execute is op.execute: either raw SQL (a string or sa.text) or a DML
// statement built from sa.table(...).insert/update/delete.
type Execute struct {
	SQL  string
	Args []any
	DML  *DML
}

// DML is an INSERT, UPDATE or DELETE built with SQLAlchemy Core in a script.
type DML struct {
	Kind   string // "insert", "update", "delete"
	Table  *schema.Table
	Values []ColumnValue // insert / update
	Where  *schema.Expr  // update / delete; nil = every row
}

// ColumnValue is one column = value pair of a DML statement.
type ColumnValue struct {
	Column string
	Value  schema.Expr
}

// BulkInsert is op.bulk_insert. Each row maps column name to a Go value
// (nil, bool, int64, float64, string, or schema.Expr for inline_literal).
type BulkInsert struct {
	Table       *schema.Table
	Rows        []map[string]any
	MultiInsert bool
}

// BatchAlterTable is op.batch_alter_table: the ops inside the block, applied
// by "move and copy" where the dialect needs it (SQLite), or one by one.
type BatchAlterTable struct {
	Schema   string
	Table    string
	Recreate string // "auto" (default), "always", "never"
	// CopyFrom is the table's current definition when the script gave
	// copy_from=; otherwise the runtime reflects it (online only).
	CopyFrom *schema.Table
	// TableArgs / TableKwargs are extra constraints and options for the new table.
	TableArgs         []schema.Constraint
	PartialReordering [][]string
	Ops               []Op
	NamingConvention  map[string]string
}

// CreateEnum is sa.Enum(...).create(bind) / postgresql.ENUM(...).create(bind)
// outside a table: CREATE TYPE ... AS ENUM on PostgreSQL. Dialects without
// named enum types compile it to nothing, as SQLAlchemy does.
type CreateEnum struct {
	Enum *schema.Enum
}

// DropEnum is sa.Enum(...).drop(bind): DROP TYPE on PostgreSQL, nothing elsewhere.
type DropEnum struct {
	Enum *schema.Enum
}

// AutocommitBlock marks op.get_context().autocommit_block(): Begin true on
// entry, false on exit. Statements between run outside any transaction.
type AutocommitBlock struct {
	Begin bool
}

func (*CreateTable) op()            {}
func (*DropTable) op()              {}
func (*RenameTable) op()            {}
func (*AddColumn) op()              {}
func (*DropColumn) op()             {}
func (*AlterColumn) op()            {}
func (*CreateIndex) op()            {}
func (*DropIndex) op()              {}
func (*CreatePrimaryKey) op()       {}
func (*CreateUniqueConstraint) op() {}
func (*CreateForeignKey) op()       {}
func (*CreateCheckConstraint) op()  {}
func (*DropConstraint) op()         {}
func (*CreateTableComment) op()     {}
func (*DropTableComment) op()       {}
func (*Execute) op()                {}
func (*BulkInsert) op()             {}
func (*BatchAlterTable) op()        {}
func (*AutocommitBlock) op()        {}
func (*CreateEnum) op()             {}
func (*DropEnum) op()               {}

// Reverse of CreateEnum is DropEnum.
func (o *CreateEnum) Reverse() (Op, error) { return &DropEnum{Enum: o.Enum}, nil }

// Reverse of DropEnum is CreateEnum, when the values are known.
func (o *DropEnum) Reverse() (Op, error) {
	if o.Enum == nil || len(o.Enum.Values) == 0 {
		return nil, irreversible(o, "the enum's values are not known")
	}
	return &CreateEnum{Enum: o.Enum}, nil
}

func irreversible(op Op, why string) error {
	return fmt.Errorf("%T: %w; %s", op, ErrIrreversible, why)
}

// Reverse of CreateTable is DropTable.
func (o *CreateTable) Reverse() (Op, error) {
	return &DropTable{Schema: o.Table.Schema, Name: o.Table.Name, Existing: o.Table}, nil
}

// Reverse of DropTable is CreateTable, when the dropped table is known.
func (o *DropTable) Reverse() (Op, error) {
	if o.Existing == nil {
		return nil, irreversible(o, "original table is not present")
	}
	return &CreateTable{Table: o.Existing}, nil
}

// Reverse renames back.
func (o *RenameTable) Reverse() (Op, error) {
	return &RenameTable{Schema: o.Schema, OldName: o.NewName, NewName: o.OldName}, nil
}

// Reverse of AddColumn is DropColumn.
func (o *AddColumn) Reverse() (Op, error) {
	return &DropColumn{Schema: o.Schema, Table: o.Table, Column: o.Column.Name, Existing: o.Column}, nil
}

// Reverse of DropColumn is AddColumn, when the dropped column is known.
func (o *DropColumn) Reverse() (Op, error) {
	if o.Existing == nil {
		return nil, irreversible(o, "original column is not present")
	}
	return &AddColumn{Schema: o.Schema, Table: o.Table, Column: o.Existing}, nil
}

// Reverse swaps each changed attribute with its existing_* hint.
func (o *AlterColumn) Reverse() (Op, error) {
	r := &AlterColumn{Schema: o.Schema, Table: o.Table, Column: o.Column, DialectOptions: o.DialectOptions}
	if o.NewName != "" {
		r.Column, r.NewName = o.NewName, o.Column
	}
	r.ExistingType, r.ExistingNullable = o.ExistingType, o.ExistingNullable
	r.ExistingServerDefault, r.ExistingComment = o.ExistingServerDefault, o.ExistingComment
	if o.Type != nil {
		if o.ExistingType == nil {
			return nil, irreversible(o, "existing_type is not given")
		}
		r.Type, r.ExistingType = o.ExistingType, o.Type
	}
	if o.Nullable != nil {
		v := !*o.Nullable
		if o.ExistingNullable != nil {
			v = *o.ExistingNullable
		}
		n := *o.Nullable
		r.Nullable, r.ExistingNullable = &v, &n
	}
	if o.ServerDefault != nil {
		r.ServerDefault, r.ExistingServerDefault = &DefaultChange{Expr: o.ExistingServerDefault}, o.ServerDefault.Expr
	}
	if o.Comment != nil {
		r.Comment, r.ExistingComment = &CommentChange{Comment: o.ExistingComment}, o.Comment.Comment
	}
	return r, nil
}

// Reverse of CreateIndex is DropIndex.
func (o *CreateIndex) Reverse() (Op, error) {
	return &DropIndex{Schema: o.Index.Schema, Table: o.Index.Table, Name: o.Index.Name, Existing: o.Index}, nil
}

// Reverse of DropIndex is CreateIndex, when the index is known.
func (o *DropIndex) Reverse() (Op, error) {
	if o.Existing == nil {
		return nil, irreversible(o, "original index is not present")
	}
	return &CreateIndex{Index: o.Existing}, nil
}

// Reverse drops the primary key.
func (o *CreatePrimaryKey) Reverse() (Op, error) {
	return &DropConstraint{Schema: o.Schema, Table: o.Table, Name: o.PrimaryKey.Name, Type: "primary", Existing: o.PrimaryKey}, nil
}

// Reverse drops the unique constraint.
func (o *CreateUniqueConstraint) Reverse() (Op, error) {
	return &DropConstraint{Schema: o.Schema, Table: o.Table, Name: o.Unique.Name, Type: "unique", Existing: o.Unique}, nil
}

// Reverse drops the foreign key.
func (o *CreateForeignKey) Reverse() (Op, error) {
	return &DropConstraint{Schema: o.Schema, Table: o.Table, Name: o.ForeignKey.Name, Type: "foreignkey", Existing: o.ForeignKey}, nil
}

// Reverse drops the check constraint.
func (o *CreateCheckConstraint) Reverse() (Op, error) {
	return &DropConstraint{Schema: o.Schema, Table: o.Table, Name: o.Check.Name, Type: "check", Existing: o.Check}, nil
}

// Reverse re-creates the constraint, when it is known.
func (o *DropConstraint) Reverse() (Op, error) {
	switch c := o.Existing.(type) {
	case *schema.PrimaryKey:
		return &CreatePrimaryKey{Schema: o.Schema, Table: o.Table, PrimaryKey: c}, nil
	case *schema.Unique:
		return &CreateUniqueConstraint{Schema: o.Schema, Table: o.Table, Unique: c}, nil
	case *schema.ForeignKey:
		return &CreateForeignKey{Schema: o.Schema, Table: o.Table, ForeignKey: c}, nil
	case *schema.Check:
		return &CreateCheckConstraint{Schema: o.Schema, Table: o.Table, Check: c}, nil
	}
	return nil, irreversible(o, "original constraint is not present")
}

// Reverse restores the previous comment.
func (o *CreateTableComment) Reverse() (Op, error) {
	if o.Existing == nil {
		return &DropTableComment{Schema: o.Schema, Table: o.Table, Existing: &o.Comment}, nil
	}
	return &CreateTableComment{Schema: o.Schema, Table: o.Table, Comment: *o.Existing, Existing: &o.Comment}, nil
}

// Reverse restores the dropped comment, when it is known.
func (o *DropTableComment) Reverse() (Op, error) {
	if o.Existing == nil {
		return nil, irreversible(o, "original comment is not present")
	}
	return &CreateTableComment{Schema: o.Schema, Table: o.Table, Comment: *o.Existing}, nil
}

// Reverse is impossible for arbitrary SQL.
func (o *Execute) Reverse() (Op, error) { return nil, irreversible(o, "arbitrary SQL") }

// Reverse is impossible for inserted data.
func (o *BulkInsert) Reverse() (Op, error) { return nil, irreversible(o, "inserted rows") }

// Reverse reverses the ops inside the batch, in reverse order.
func (o *BatchAlterTable) Reverse() (Op, error) {
	r := *o
	rev, err := ReverseAll(o.Ops)
	if err != nil {
		return nil, err
	}
	r.Ops = rev
	return &r, nil
}

// Reverse of an autocommit marker is the opposite marker.
func (o *AutocommitBlock) Reverse() (Op, error) { return &AutocommitBlock{Begin: !o.Begin}, nil }

// ReverseAll reverses a list of ops: each op reversed, in reverse order
// (Alembic's UpgradeOps.reverse_into).
func ReverseAll(list []Op) ([]Op, error) {
	out := make([]Op, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- {
		r, err := list[i].Reverse()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
