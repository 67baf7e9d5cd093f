package ddl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Defaults implements the hooks whose behaviour is Alembic's DefaultImpl
// and SQLAlchemy's generic DDLCompiler. Embed it in a dialect's hooks and
// override what differs.
type Defaults struct{}

// ansiFunctions render without parentheses, upper-cased (SQLAlchemy's AnsiFunction).
var ansiFunctions = map[string]bool{
	"current_date": true, "current_time": true, "current_timestamp": true, "current_user": true,
	"localtime": true, "localtimestamp": true, "session_user": true, "sysdate": true, "user": true,
}

// FuncSQL renders name(args), or the bare upper-case keyword for the ANSI
// functions such as CURRENT_TIMESTAMP.
func (Defaults) FuncSQL(name string, args []string) string {
	if ansiFunctions[strings.ToLower(name)] && len(args) == 0 {
		return strings.ToUpper(name)
	}
	return name + "(" + strings.Join(args, ", ") + ")"
}

// DefaultSQL renders a server default: plain values as string literals (so
// server_default="1" is DEFAULT '1'), text verbatim, functions via FuncSQL.
func (Defaults) DefaultSQL(c *Compiler, e *schema.Expr) (string, error) {
	if e == nil {
		return "", errors.New("no server default given")
	}
	switch e.Kind {
	case schema.ExprLiteral, schema.ExprInline, schema.ExprBind:
		v := literalValue(e)
		if s, ok := v.(string); ok {
			return c.String(s), nil
		}
		return c.Hooks.Literals().Literal(v)
	}
	return c.ExprSQL(e)
}

// PostCreateTable adds nothing.
func (Defaults) PostCreateTable(*Compiler, *schema.Table) (string, error) { return "", nil }

// BeforeCreateTable adds nothing.
func (Defaults) BeforeCreateTable(*Compiler, *schema.Table) ([]dialect.Stmt, error) { return nil, nil }

// AfterDropTable adds nothing.
func (Defaults) AfterDropTable(*Compiler, *schema.Table) ([]dialect.Stmt, error) { return nil, nil }

// SeparateComments is true: COMMENT ON statements follow the DDL.
func (Defaults) SeparateComments() bool { return true }

// SupportsComments is true.
func (Defaults) SupportsComments() bool { return true }

// TableCommentSQL renders COMMENT ON TABLE t IS 'x' (or IS NULL).
func (Defaults) TableCommentSQL(c *Compiler, schemaName, table string, comment *string) (string, error) {
	return "COMMENT ON TABLE " + c.Table(schemaName, table) + " IS " + commentLiteral(c, comment), nil
}

// ColumnCommentSQL renders COMMENT ON COLUMN t.c IS 'x' (or IS NULL).
func (Defaults) ColumnCommentSQL(c *Compiler, schemaName, table, column string, comment *string) (string, error) {
	return "COMMENT ON COLUMN " + c.Table(schemaName, table) + "." + c.Ident(column) + " IS " + commentLiteral(c, comment), nil
}

func commentLiteral(c *Compiler, comment *string) string {
	if comment == nil {
		return "NULL"
	}
	return c.String(*comment)
}

// AlterColumn is Alembic's DefaultImpl.alter_column: one ALTER per changed
// attribute, in the order nullable, server default, type, comment, and the
// rename last.
func (Defaults) AlterColumn(c *Compiler, o *ops.AlterColumn) ([]dialect.Stmt, error) {
	var out []dialect.Stmt
	prefix := c.AlterTable(o.Schema, o.Table) + " ALTER COLUMN " + c.Ident(o.Column) + " "
	if o.Nullable != nil {
		if *o.Nullable {
			out = append(out, dialect.Stmt{SQL: prefix + "DROP NOT NULL"})
		} else {
			out = append(out, dialect.Stmt{SQL: prefix + "SET NOT NULL"})
		}
	}
	if o.ServerDefault != nil {
		s, err := AlterDefaultSQL(c, prefix, o.ServerDefault)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	if o.Type != nil {
		ts, err := c.Type(o.Type)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: prefix + "TYPE " + ts})
	}
	if o.Comment != nil {
		s, err := c.Hooks.ColumnCommentSQL(c, o.Schema, o.Table, o.Column, o.Comment.Comment)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	if o.NewName != "" {
		out = append(out, dialect.Stmt{SQL: c.AlterTable(o.Schema, o.Table) + " RENAME " + c.Ident(o.Column) + " TO " + c.Ident(o.NewName)})
	}
	return out, nil
}

// AlterDefaultSQL renders prefix + SET DEFAULT x / DROP DEFAULT.
func AlterDefaultSQL(c *Compiler, prefix string, d *ops.DefaultChange) (string, error) {
	if d.Expr == nil {
		return prefix + "DROP DEFAULT", nil
	}
	s, err := c.ServerDefault(d.Expr)
	if err != nil {
		return "", err
	}
	return prefix + "SET DEFAULT " + s, nil
}

// RenameTableSQL renders ALTER TABLE s.t RENAME TO s.u, the new name
// qualified with the same schema as Alembic's generic form does.
func (Defaults) RenameTableSQL(c *Compiler, o *ops.RenameTable) (string, error) {
	return c.AlterTable(o.Schema, o.OldName) + " RENAME TO " + c.Table(o.Schema, o.NewName), nil
}

// CreateIndexSQL renders CREATE [UNIQUE] INDEX name ON t (cols). Alembic
// 1.8.1 takes create_index(if_not_exists=True) for a dialect keyword and
// renders nothing for it, so ifNotExists is ignored.
func (Defaults) CreateIndexSQL(c *Compiler, idx *schema.Index, _ bool) (string, error) {
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
	return s + c.Ident(idx.Name) + " ON " + c.Table(idx.Schema, idx.Table) + " (" + els + ")", nil
}

// DropIndexSQL renders DROP INDEX schema.name (if_exists is ignored, as in
// Alembic 1.8.1).
func (Defaults) DropIndexSQL(c *Compiler, o *ops.DropIndex) (string, error) {
	return "DROP INDEX " + c.Table(o.Schema, o.Name), nil
}

// DropConstraintSQL renders ALTER TABLE t DROP CONSTRAINT name.
func (Defaults) DropConstraintSQL(c *Compiler, o *ops.DropConstraint) (string, error) {
	if o.Name == "" {
		return "", errors.New("drop_constraint needs a constraint name")
	}
	drop := " DROP CONSTRAINT "
	if o.IfExists {
		drop += "IF EXISTS "
	}
	return c.AlterTable(o.Schema, o.Table) + drop + c.Ident(o.Name), nil
}

// ColumnCheck assumes native booleans and enums, so only a non-native Enum
// with create_constraint=True brings a CHECK.
func (Defaults) ColumnCheck(c *Compiler, col *schema.Column) *schema.Check {
	return c.TypeCheckConstraint(col, true, true)
}

// CheckForeignKey accepts every option.
func (Defaults) CheckForeignKey(*schema.ForeignKey) error { return nil }

// BatchAlterTable compiles the ops of the block one by one against the
// batch's table, which is what Alembic does with recreate="auto" on a
// database that can ALTER in place. recreate="always" needs a dialect's
// Recreate recipe (see CompileBatch); this default has none and refuses.
func (Defaults) BatchAlterTable(ctx context.Context, c *Compiler, q dialect.Querier, o *ops.BatchAlterTable) ([]dialect.Stmt, error) {
	if o.Recreate == "always" {
		return nil, fmt.Errorf("recreate=\"always\" (move and copy) is not available on %s: %w", c.Hooks.Name(), ErrUnsupported)
	}
	return CompileBatchInPlace(ctx, c, q, o)
}

// CompileBatchInPlace compiles each op of a batch block in turn, filling in
// the batch's table and schema where an op leaves them empty.
func CompileBatchInPlace(ctx context.Context, c *Compiler, q dialect.Querier, o *ops.BatchAlterTable) ([]dialect.Stmt, error) {
	var out []dialect.Stmt
	for i, inner := range o.Ops {
		bound := BindToTable(inner, o.Schema, o.Table)
		stmts, err := c.Compile(ctx, q, bound)
		if err != nil {
			return nil, fmt.Errorf("op %d of the batch: %w", i+1, err)
		}
		out = append(out, stmts...)
	}
	return out, nil
}

// BindToTable returns a copy of op with an empty table (and schema) set to
// the batch's, for ops written inside batch_alter_table.
func BindToTable(op ops.Op, schemaName, table string) ops.Op {
	fill := func(s, t *string) {
		if *t == "" {
			*t = table
			if *s == "" {
				*s = schemaName
			}
		}
	}
	switch o := op.(type) {
	case *ops.AddColumn:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.DropColumn:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.AlterColumn:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.CreateIndex:
		if o.Index != nil && o.Index.Table == "" {
			idx := *o.Index
			fill(&idx.Schema, &idx.Table)
			return &ops.CreateIndex{Index: &idx, IfNotExists: o.IfNotExists}
		}
	case *ops.DropIndex:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.CreatePrimaryKey:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.CreateUniqueConstraint:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.CreateForeignKey:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.CreateCheckConstraint:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.DropConstraint:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.CreateTableComment:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	case *ops.DropTableComment:
		cp := *o
		fill(&cp.Schema, &cp.Table)
		return &cp
	}
	return op
}
