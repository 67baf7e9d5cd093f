// Package ddl is the dialect-neutral half of retort's op compiler: the
// algorithm of SQLAlchemy's DDLCompiler together with Alembic's DefaultImpl,
// turning each op of package ops into the statements Alembic 1.8.1 would emit.
//
// Every place where databases differ goes through the [Hooks] interface that a
// dialect package supplies; the shared code in [Compiler] never assumes a
// dialect. Dialects embed [Defaults] to inherit Alembic's generic behaviour
// for the hooks they do not change (Go embedding does not dispatch
// virtually, so every default receives the *Compiler and calls back through
// Compiler.Hooks for anything dialect-specific).
//
// Whitespace: statements use four spaces where SQLAlchemy writes a tab
// ("CREATE TABLE t (\n    id INTEGER NOT NULL, \n    ...\n)"), because
// Alembic's offline mode replaces tabs by four spaces and Stmt.SQL is what
// offline output prints. Statements carry no trailing ";".
package ddl

import (
	"context"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/sqlbuild"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Indent is what SQLAlchemy's tab becomes in retort's DDL text.
const Indent = "    "

// Hooks is what a dialect supplies to the shared compiler.
//
// How to implement it:
//  1. Embed Defaults in your hooks struct.
//  2. Implement Name, Quoter, Literals, Placeholder, TypeSQL and ColumnSpec.
//  3. Override the remaining methods where the dialect differs from Alembic's
//     DefaultImpl, and assert conformance: var _ ddl.Hooks = (*myHooks)(nil).
type Hooks interface {
	// Name is the SQLAlchemy dialect name ("postgresql", "mysql", "sqlite"); it
	// selects schema.Type variants.
	Name() string
	// Quoter quotes identifiers.
	Quoter() sqlbuild.Quoter
	// Literals renders literal values (server defaults, comments, offline DML).
	Literals() sqlbuild.LiteralStyle
	// Placeholder is the bound-parameter marker for the n-th argument (1-based).
	Placeholder(n int) string
	// TypeSQL renders a column type (variants already resolved).
	TypeSQL(t *schema.Type) (string, error)
	// ColumnSpec renders one column definition of CREATE TABLE or ADD COLUMN:
	// name, type, defaults, NOT NULL and dialect extras. For ADD COLUMN, table
	// is a throwaway table holding just the column, as in Alembic.
	ColumnSpec(c *Compiler, table *schema.Table, col *schema.Column) (string, error)

	// FuncSQL renders sa.func.NAME(args) with its arguments already rendered.
	FuncSQL(name string, args []string) string
	// DefaultSQL renders a server default expression, after DEFAULT.
	DefaultSQL(c *Compiler, e *schema.Expr) (string, error)
	// PostCreateTable is appended right after CREATE TABLE's closing
	// parenthesis (MySQL table options and inline comment).
	PostCreateTable(c *Compiler, t *schema.Table) (string, error)
	// BeforeCreateTable returns statements that must precede CREATE TABLE
	// (PostgreSQL CREATE TYPE for native enums).
	BeforeCreateTable(c *Compiler, t *schema.Table) ([]dialect.Stmt, error)
	// AfterDropTable returns statements that follow DROP TABLE when the
	// dropped table is known (PostgreSQL DROP TYPE for native enums).
	AfterDropTable(c *Compiler, t *schema.Table) ([]dialect.Stmt, error)
	// SeparateComments reports whether comments are set by their own
	// statements after CREATE TABLE / ADD COLUMN (PostgreSQL), rather than
	// inline (MySQL) or not at all (SQLite: SupportsComments false).
	SeparateComments() bool
	// SupportsComments reports whether the dialect stores comments at all.
	SupportsComments() bool
	// TableCommentSQL sets (comment non-nil) or drops a table comment.
	TableCommentSQL(c *Compiler, schemaName, table string, comment *string) (string, error)
	// ColumnCommentSQL sets (comment non-nil) or drops a column comment.
	ColumnCommentSQL(c *Compiler, schemaName, table, column string, comment *string) (string, error)
	// AlterColumn compiles op.alter_column.
	AlterColumn(c *Compiler, op *ops.AlterColumn) ([]dialect.Stmt, error)
	// RenameTableSQL compiles op.rename_table.
	RenameTableSQL(c *Compiler, op *ops.RenameTable) (string, error)
	// CreateIndexSQL compiles CREATE INDEX with the dialect's options.
	CreateIndexSQL(c *Compiler, idx *schema.Index, ifNotExists bool) (string, error)
	// DropIndexSQL compiles DROP INDEX.
	DropIndexSQL(c *Compiler, op *ops.DropIndex) (string, error)
	// DropConstraintSQL compiles op.drop_constraint.
	DropConstraintSQL(c *Compiler, op *ops.DropConstraint) (string, error)
	// ColumnCheck is the CHECK constraint a column's type brings along
	// (create_constraint=True on non-native Enum / Boolean), or nil.
	ColumnCheck(c *Compiler, col *schema.Column) *schema.Check
	// CheckForeignKey rejects foreign key options the dialect cannot render.
	CheckForeignKey(fk *schema.ForeignKey) error
	// BatchAlterTable compiles op.batch_alter_table.
	BatchAlterTable(ctx context.Context, c *Compiler, q dialect.Querier, op *ops.BatchAlterTable) ([]dialect.Stmt, error)
}

// EnumHooks is implemented by dialects with named enum types (PostgreSQL):
// EnumSQL compiles ops.CreateEnum and ops.DropEnum. A dialect without it
// compiles both to no statements.
type EnumHooks interface {
	EnumSQL(c *Compiler, op ops.Op) ([]dialect.Stmt, error)
}
