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

// hooks are SQLite's answers to the shared compiler's questions
// (SQLAlchemy's SQLiteDDLCompiler / SQLiteTypeCompiler and Alembic's
// SQLiteImpl).
type hooks struct {
	ddl.Defaults
}

var _ ddl.Hooks = (*hooks)(nil)

func (*hooks) Name() string                    { return "sqlite" }
func (*hooks) Quoter() sqlbuild.Quoter         { return quoter }
func (*hooks) Literals() sqlbuild.LiteralStyle { return literals }
func (*hooks) Placeholder(int) string          { return "?" }

// TypeSQL renders a type as SQLAlchemy's SQLite type compiler does.
func (*hooks) TypeSQL(t *schema.Type) (string, error) { return typeSQL(t) }

// SupportsComments is false: SQLite has no comments and SQLAlchemy's SQLite
// dialect drops them silently.
func (*hooks) SupportsComments() bool { return false }

// SeparateComments is irrelevant without comment support.
func (*hooks) SeparateComments() bool { return false }

// FuncSQL renders sa.func.NAME(...) with SQLite's spellings.
func (h *hooks) FuncSQL(name string, args []string) string {
	switch strings.ToLower(name) {
	case "now", "current_timestamp":
		if len(args) == 0 {
			return "CURRENT_TIMESTAMP"
		}
	case "localtimestamp":
		if len(args) == 0 {
			return `DATETIME(CURRENT_TIMESTAMP, "localtime")`
		}
	case "char_length":
		return "length(" + strings.Join(args, ", ") + ")"
	}
	return h.Defaults.FuncSQL(name, args)
}

// DefaultSQL renders a server default. SQLite needs an expression default
// in parentheses, so SQLAlchemy wraps every SQL expression (func.now() is
// DEFAULT (CURRENT_TIMESTAMP)); sa.text() and plain values are not wrapped.
func (h *hooks) DefaultSQL(c *ddl.Compiler, e *schema.Expr) (string, error) {
	s, err := h.Defaults.DefaultSQL(c, e)
	if err != nil {
		return "", err
	}
	if isSQLExpression(e) {
		return "(" + s + ")", nil
	}
	return s, nil
}

// isSQLExpression reports whether a server default is a SQLAlchemy
// ColumnElement (a function, a column, an operator, sa.true()/sa.false())
// rather than a plain string or sa.text(). SQLite needs such defaults in
// parentheses, and batch mode must recreate the table to add a column
// with one.
func isSQLExpression(e *schema.Expr) bool {
	switch e.Kind {
	case schema.ExprFunc, schema.ExprBinary, schema.ExprColumn:
		return true
	case schema.ExprLiteral, schema.ExprInline, schema.ExprBind:
		// server_default only takes strings; any other literal value comes
		// from an expression such as sa.true().
		if e.Value != nil {
			_, isString := e.Value.(string)
			return !isString
		}
	}
	return false
}

// ColumnSpec renders "name TYPE [DEFAULT x] [NOT NULL] [PRIMARY KEY
// AUTOINCREMENT] [GENERATED ...]" as SQLiteDDLCompiler does. Identity is
// ignored: SQLite has none.
func (h *hooks) ColumnSpec(c *ddl.Compiler, table *schema.Table, col *schema.Column) (string, error) {
	ts, err := c.Type(col.Type)
	if err != nil {
		return "", err
	}
	s := c.Ident(col.Name)
	if ts != "" {
		s += " " + ts
	}
	if col.ServerDefault != nil {
		d, err := c.ServerDefault(col.ServerDefault)
		if err != nil {
			return "", fmt.Errorf("server default: %w", err)
		}
		s += " DEFAULT " + d
	}
	if !col.Nullable {
		s += " NOT NULL"
	}
	if table != nil && inPrimaryKey(table, col) {
		if col.Autoincrement == "true" && len(ddl.PrimaryKeyColumns(table)) != 1 {
			return "", errors.New("SQLite does not support autoincrement for composite primary keys")
		}
		if inlinePrimaryKey(table) == col {
			s += " PRIMARY KEY AUTOINCREMENT"
		}
	}
	if col.Computed != nil {
		s += " " + ddl.ComputedSQL(col.Computed)
	}
	return s, nil
}

// inlinePrimaryKey is the column rendered "PRIMARY KEY AUTOINCREMENT" in
// place of a PRIMARY KEY clause: with sqlite_autoincrement=True, a
// single-column integer key without a foreign key.
func inlinePrimaryKey(t *schema.Table) *schema.Column {
	if t == nil || !truthy(t.DialectOptions["sqlite_autoincrement"]) {
		return nil
	}
	pk := ddl.PrimaryKeyColumns(t)
	if len(pk) != 1 {
		return nil
	}
	col := t.Column(pk[0])
	if col == nil || affinity(ddl.ResolveVariant(col.Type, "sqlite")) != "integer" || len(col.ForeignKeys) > 0 {
		return nil
	}
	for _, con := range t.Constraints {
		if fk, ok := con.(*schema.ForeignKey); ok {
			for _, n := range fk.Columns {
				if n == col.Name {
					return nil
				}
			}
		}
	}
	return col
}

func inPrimaryKey(t *schema.Table, col *schema.Column) bool {
	for _, n := range ddl.PrimaryKeyColumns(t) {
		if n == col.Name {
			return true
		}
	}
	return false
}

// truthy reads a dialect option given as text (True, true, 1).
func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1", "yes", "on":
		return true
	}
	return false
}

// falsy reports an option explicitly set to False.
func falsy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "false", "0", "no", "off":
		return true
	}
	return false
}

// PostCreateTable renders sqlite_with_rowid=False.
func (*hooks) PostCreateTable(_ *ddl.Compiler, t *schema.Table) (string, error) {
	if falsy(t.DialectOptions["sqlite_with_rowid"]) {
		return "\n WITHOUT ROWID", nil
	}
	return "", nil
}

// RenameTableSQL renders ALTER TABLE [schema.]old RENAME TO new: SQLite
// takes no schema on the new name.
func (*hooks) RenameTableSQL(c *ddl.Compiler, o *ops.RenameTable) (string, error) {
	return c.AlterTable(o.Schema, o.OldName) + " RENAME TO " + c.Ident(o.NewName), nil
}

// CreateIndexSQL renders CREATE [UNIQUE] INDEX [schema.]name ON table
// (elements) [WHERE sqlite_where]. The schema qualifies the index name,
// not the table. Alembic 1.8.1 dropped if_not_exists; retort renders it, as
// later Alembic releases do.
func (*hooks) CreateIndexSQL(c *ddl.Compiler, idx *schema.Index, ifNotExists bool) (string, error) {
	if idx.Name == "" {
		return "", errors.New("CREATE INDEX requires that the index have a name")
	}
	els, err := c.IndexElements(idx)
	if err != nil {
		return "", err
	}
	s := "CREATE "
	if idx.Unique {
		s += "UNIQUE "
	}
	s += "INDEX "
	if ifNotExists {
		s += "IF NOT EXISTS "
	}
	s += c.Table(idx.Schema, idx.Name) + " ON " + c.Ident(idx.Table) + " (" + els + ")"
	if w := strings.TrimSpace(idx.DialectOptions["sqlite_where"]); w != "" {
		s += " WHERE " + w
	}
	return s, nil
}

// DropIndexSQL renders DROP INDEX [IF EXISTS] [schema.]name.
func (*hooks) DropIndexSQL(c *ddl.Compiler, o *ops.DropIndex) (string, error) {
	if o.IfExists {
		return "DROP INDEX IF EXISTS " + c.Table(o.Schema, o.Name), nil
	}
	return "DROP INDEX " + c.Table(o.Schema, o.Name), nil
}

// DropConstraintSQL: SQLite cannot drop constraints by ALTER.
func (*hooks) DropConstraintSQL(*ddl.Compiler, *ops.DropConstraint) (string, error) {
	return "", constraintsNotSupported("drop_constraint")
}

// AlterColumn: only renames work in place (see SQLite.alterColumn).
func (*hooks) AlterColumn(c *ddl.Compiler, o *ops.AlterColumn) ([]dialect.Stmt, error) {
	return (&SQLite{compiler: c}).alterColumn(o)
}

// ColumnCheck: SQLite has neither native booleans nor native enums, so
// Boolean and Enum with create_constraint=True bring a CHECK, named after
// the type's name= when given.
func (*hooks) ColumnCheck(c *ddl.Compiler, col *schema.Column) *schema.Check {
	ck := c.TypeCheckConstraint(col, false, false)
	if ck != nil && ck.Name == "" {
		if t := ddl.ResolveVariant(col.Type, "sqlite"); t != nil {
			ck.Name = t.EnumName
		}
	}
	return ck
}

// BatchAlterTable runs batch mode (see SQLite.batchAlterTable).
func (*hooks) BatchAlterTable(ctx context.Context, c *ddl.Compiler, q dialect.Querier, o *ops.BatchAlterTable) ([]dialect.Stmt, error) {
	return (&SQLite{compiler: c}).batchAlterTable(ctx, q, o)
}
