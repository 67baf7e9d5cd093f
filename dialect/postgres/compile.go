package postgres

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

// hooks are PostgreSQL's answers to the shared compiler (PGDDLCompiler and
// Alembic's PostgresqlImpl).
type hooks struct {
	ddl.Defaults
	// online selects literals for execution on a live server rather than
	// offline output (they differ in backslash escaping).
	online bool
}

var _ ddl.Hooks = (*hooks)(nil)

func (*hooks) Name() string            { return "postgresql" }
func (*hooks) Quoter() sqlbuild.Quoter { return quoter }
func (h *hooks) Literals() sqlbuild.LiteralStyle {
	if h.online {
		return onlineLiterals
	}
	return literals
}
func (*hooks) Placeholder(n int) string               { return placeholder(n) }
func (*hooks) TypeSQL(t *schema.Type) (string, error) { return typeSQL(t) }

// ColumnSpec is PGDDLCompiler.get_column_specification: the autoincrement
// integer key becomes SERIAL / BIGSERIAL / SMALLSERIAL (and then renders no
// default), an identity column drops NOT NULL.
func (h *hooks) ColumnSpec(c *ddl.Compiler, table *schema.Table, col *schema.Column) (string, error) {
	var b strings.Builder
	b.WriteString(c.Ident(col.Name))
	hasIdentity := col.Identity != nil
	if table != nil && col.PrimaryKey || table != nil && inPK(table, col.Name) {
		if ai := ddl.AutoincrementColumn(table); ai == col && !hasIdentity && col.Sequence == nil {
			b.WriteString(" " + serialFor(ddl.ResolveVariant(col.Type, "postgresql")))
			return h.finish(c, &b, col, hasIdentity)
		}
	}
	ts, err := c.Type(col.Type)
	if err != nil {
		return "", err
	}
	b.WriteString(" " + ts)
	if col.ServerDefault != nil {
		d, err := c.ServerDefault(col.ServerDefault)
		if err != nil {
			return "", err
		}
		b.WriteString(" DEFAULT " + d)
	}
	return h.finish(c, &b, col, hasIdentity)
}

func (*hooks) finish(_ *ddl.Compiler, b *strings.Builder, col *schema.Column, hasIdentity bool) (string, error) {
	if col.Computed != nil {
		if p := col.Computed.Persisted; p != nil && !*p {
			// SQLAlchemy's own wording, misspelling included.
			return "", errors.New("PostrgreSQL computed columns do not support 'virtual' persistence; set the 'persisted' flag to None or True for PostgreSQL support")
		}
		b.WriteString(" " + ddl.ComputedSQL(col.Computed))
	}
	if hasIdentity {
		b.WriteString(" " + ddl.IdentitySQL(col.Identity))
	}
	switch {
	case !col.Nullable && !hasIdentity:
		b.WriteString(" NOT NULL")
	case col.Nullable && hasIdentity:
		b.WriteString(" NULL")
	}
	return b.String(), nil
}

func inPK(t *schema.Table, name string) bool {
	for _, n := range ddl.PrimaryKeyColumns(t) {
		if n == name {
			return true
		}
	}
	return false
}

func serialFor(t *schema.Type) string {
	switch strings.ToUpper(t.Kind) {
	case "BIGINTEGER", "BIGINT":
		return "BIGSERIAL"
	case "SMALLINTEGER", "SMALLINT":
		return "SMALLSERIAL"
	}
	return "SERIAL"
}

// nativeEnums lists the enum types of a table's columns that CREATE TABLE
// must create first, once each, in column order.
func nativeEnums(t *schema.Table) []*schema.Type {
	seen := map[string]bool{}
	var out []*schema.Type
	for _, col := range t.Columns {
		ty := ddl.ResolveVariant(col.Type, "postgresql")
		for ty != nil && strings.EqualFold(ty.Kind, "ARRAY") {
			ty = ty.Item
		}
		// sa.Enum always creates its type; only postgresql.ENUM has create_type.
		createType := ty != nil && (ty.CreateType || ty.Dialect != "postgresql")
		if !ddl.IsEnum(ty) || !ty.NativeEnum || !createType || ty.EnumName == "" || seen[ty.EnumName] {
			continue
		}
		seen[ty.EnumName] = true
		out = append(out, ty)
	}
	return out
}

// BeforeCreateTable emits CREATE TYPE ... AS ENUM for the table's native
// enums, as SQLAlchemy's before_create event does.
func (*hooks) BeforeCreateTable(c *ddl.Compiler, t *schema.Table) ([]dialect.Stmt, error) {
	var out []dialect.Stmt
	for _, e := range nativeEnums(t) {
		out = append(out, dialect.Stmt{SQL: "CREATE TYPE " + c.Ident(e.EnumName) + " AS ENUM (" + c.EnumValuesSQL(e.Values, ", ") + ")"})
	}
	return out, nil
}

// AlterExistenceClauses: PostgreSQL has ADD COLUMN IF NOT EXISTS, DROP
// COLUMN IF EXISTS and DROP CONSTRAINT IF EXISTS.
func (*hooks) AlterExistenceClauses() bool { return true }

// EnumSQL compiles an enum type created or dropped on its own
// (Enum.create(bind) / Enum.drop(bind)).
func (*hooks) EnumSQL(c *ddl.Compiler, op ops.Op) ([]dialect.Stmt, error) {
	switch o := op.(type) {
	case *ops.CreateEnum:
		if o.Enum == nil || o.Enum.Name == "" {
			return nil, errors.New("PostgreSQL ENUM type requires a name")
		}
		return []dialect.Stmt{{SQL: "CREATE TYPE " + c.Table(o.Enum.Schema, o.Enum.Name) + " AS ENUM (" + c.EnumValuesSQL(o.Enum.Values, ", ") + ")"}}, nil
	case *ops.DropEnum:
		if o.Enum == nil || o.Enum.Name == "" {
			return nil, errors.New("PostgreSQL ENUM type requires a name")
		}
		return []dialect.Stmt{{SQL: "DROP TYPE " + c.Table(o.Enum.Schema, o.Enum.Name)}}, nil
	}
	return nil, fmt.Errorf("not an enum op: %T", op)
}

// AlterColumn is PostgresqlImpl.alter_column: the type change (with USING)
// comes first, then Alembic's generic order.
func (h *hooks) AlterColumn(c *ddl.Compiler, o *ops.AlterColumn) ([]dialect.Stmt, error) {
	using := o.DialectOptions["postgresql_using"]
	if using != "" && o.Type == nil {
		return nil, errors.New("postgresql_using must be used with the type_ parameter")
	}
	var out []dialect.Stmt
	if o.Type != nil {
		ts, err := c.Type(o.Type)
		if err != nil {
			return nil, err
		}
		s := c.AlterTable(o.Schema, o.Table) + " ALTER COLUMN " + c.Ident(o.Column) + " TYPE " + ts
		if using != "" {
			s += " USING " + using
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	rest := *o
	rest.Type = nil
	more, err := h.Defaults.AlterColumn(c, &rest)
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}

// BatchAlterTable runs the block in place, or with recreate="always" moves
// and copies the table; PostgreSQL first drops the old table's named
// constraints (PostgresqlImpl.prep_table_for_batch), because the new table
// recreates them under the same names.
func (*hooks) BatchAlterTable(ctx context.Context, c *ddl.Compiler, q dialect.Querier, o *ops.BatchAlterTable) ([]dialect.Stmt, error) {
	return ddl.CompileBatch(ctx, c, q, o, ddl.Recreate{
		Reflect: reflectTable,
		Prepare: func(c *ddl.Compiler, old *schema.Table, reflected bool) []dialect.Stmt {
			var out []dialect.Stmt
			for _, con := range old.Constraints {
				if _, isCheck := con.(*schema.Check); isCheck && reflected {
					continue
				}
				if name := con.ConstraintName(); name != "" {
					out = append(out, dialect.Stmt{SQL: c.AlterTable(old.Schema, old.Name) + " DROP CONSTRAINT " + c.Ident(name)})
				}
			}
			return out
		},
		CastType: func(c *ddl.Compiler, t *schema.Type) (string, bool) {
			s, err := c.Type(t)
			return s, err == nil
		},
	})
}

// RenameTableSQL leaves the new name unqualified: PostgreSQL keeps the table
// in its schema.
func (*hooks) RenameTableSQL(c *ddl.Compiler, o *ops.RenameTable) (string, error) {
	return c.AlterTable(o.Schema, o.OldName) + " RENAME TO " + c.Ident(o.NewName), nil
}

// CreateIndexSQL adds PostgreSQL's index options in PGDDLCompiler's order:
// CONCURRENTLY, USING, INCLUDE, WITH, TABLESPACE, WHERE. Alembic 1.8.1
// ignores if_not_exists for indexes; retort renders it, as later Alembic
// releases do, since PostgreSQL has the clause.
func (*hooks) CreateIndexSQL(c *ddl.Compiler, idx *schema.Index, ifNotExists bool) (string, error) {
	if idx.Name == "" {
		return "", errors.New("CREATE INDEX requires that the index have a name")
	}
	opt := idx.DialectOptions
	// postgresql_ops={"col": "opclass"} arrives as "col=opclass,..."
	opclass := map[string]string{}
	for _, kv := range splitList(opt["postgresql_ops"]) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			opclass[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	els, err := c.IndexElementsWith(idx, func(col string) string { return opclass[col] })
	if err != nil {
		return "", err
	}
	s := "CREATE "
	if idx.Unique {
		s += "UNIQUE "
	}
	s += "INDEX "
	if isTrue(opt["postgresql_concurrently"]) {
		s += "CONCURRENTLY "
	}
	if ifNotExists {
		s += "IF NOT EXISTS "
	}
	s += c.Ident(idx.Name) + " ON " + c.Table(idx.Schema, idx.Table) + " "
	if u := opt["postgresql_using"]; u != "" {
		s += "USING " + u + " "
	}
	s += "(" + els + ")"
	if inc := splitList(opt["postgresql_include"]); len(inc) > 0 {
		s += " INCLUDE (" + c.IdentList(inc) + ")"
	}
	if w := opt["postgresql_with"]; w != "" {
		s += " WITH (" + w + ")"
	}
	if ts := opt["postgresql_tablespace"]; ts != "" {
		s += " TABLESPACE " + c.Ident(ts)
	}
	if w := opt["postgresql_where"]; w != "" {
		s += " WHERE " + w
	}
	return s, nil
}

// DropIndexSQL renders DROP INDEX [CONCURRENTLY] [IF EXISTS] schema.name
// (Alembic 1.8.1 ignores if_exists; later releases render it).
func (*hooks) DropIndexSQL(c *ddl.Compiler, o *ops.DropIndex) (string, error) {
	s := "DROP INDEX "
	if isTrue(o.DialectOptions["postgresql_concurrently"]) {
		s += "CONCURRENTLY "
	}
	if o.IfExists {
		s += "IF EXISTS "
	}
	return s + c.Table(o.Schema, o.Name), nil
}

func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "on":
		return true
	}
	return false
}

// splitList reads a list option written as "a, b" (or a Python-ish "['a', 'b']").
func splitList(s string) []string {
	s = strings.Trim(strings.TrimSpace(s), "[]()")
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.Trim(strings.TrimSpace(p), `'"`)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// typeSQL is PGTypeCompiler.
func typeSQL(t *schema.Type) (string, error) {
	if t == nil {
		return "", errors.New("column has no type")
	}
	quoteColl := func(s string) string { return `"` + s + `"` }
	switch strings.ToUpper(t.Kind) {
	case "STRING", "UNICODE", "VARCHAR", "NVARCHAR":
		base := "VARCHAR"
		if strings.EqualFold(t.Kind, "NVARCHAR") {
			base = "NVARCHAR"
		}
		return ddl.Collate(base+ddl.Paren(t.Length), t, quoteColl), nil
	case "TEXT", "UNICODETEXT":
		return ddl.Collate("TEXT"+ddl.Paren(t.Length), t, quoteColl), nil
	case "CHAR", "NCHAR":
		return ddl.Collate(strings.ToUpper(t.Kind)+ddl.Paren(t.Length), t, quoteColl), nil
	case "BOOLEAN":
		return "BOOLEAN", nil
	case "DATETIME":
		if t.Kind == "DATETIME" {
			// sa.DATETIME is the literal type name, which SQLAlchemy passes through.
			return "DATETIME", nil
		}
		return timestamp("TIMESTAMP", t), nil
	case "TIMESTAMP", "TIME":
		if t.Dialect == "mysql" {
			// mysql.TIMESTAMP(fsp=) keeps fsp in Precision, which
			// PostgreSQL's compiler does not see.
			cp := *t
			cp.Precision = nil
			t = &cp
		}
		return timestamp(strings.ToUpper(t.Kind), t), nil
	case "INTERVAL":
		s := "INTERVAL"
		if t.Precision != nil {
			s += fmt.Sprintf(" (%d)", *t.Precision)
		}
		return s, nil
	case "LARGEBINARY", "BYTEA":
		return "BYTEA", nil
	case "DOUBLE_PRECISION", "DOUBLE":
		return "DOUBLE PRECISION", nil
	case "UUID":
		return "UUID", nil
	case "JSONB":
		return "JSONB", nil
	case "INET", "CIDR", "MACADDR", "MACADDR8", "MONEY", "TSVECTOR", "TSQUERY", "HSTORE", "OID", "REGCLASS", "CITEXT", "INT4RANGE", "INT8RANGE", "NUMRANGE", "DATERANGE", "TSRANGE", "TSTZRANGE":
		return strings.ToUpper(t.Kind), nil
	case "BIT":
		return "BIT" + ddl.Paren(t.Length), nil
	case "ENUM":
		if !t.NativeEnum {
			return "VARCHAR" + ddl.Paren(ddl.EnumLength(t)), nil
		}
		if t.EnumName == "" {
			return "", errors.New("PostgreSQL ENUM type requires a name")
		}
		return quoter.Ident(t.EnumName), nil
	case "ARRAY":
		if t.Item == nil {
			return "", errors.New("ARRAY needs an item type")
		}
		item, err := typeSQL(t.Item)
		if err != nil {
			return "", err
		}
		dims := t.Dimensions
		if dims < 1 {
			dims = 1
		}
		return item + strings.Repeat("[]", dims), nil
	}
	if s, ok := ddl.GenericTypeSQL(t); ok {
		return s, nil
	}
	return "", fmt.Errorf("type %s is not supported on PostgreSQL: %w", typeName(t), ddl.ErrUnsupported)
}

func typeName(t *schema.Type) string {
	if t.Dialect != "" {
		return t.Dialect + "." + t.Kind
	}
	return t.Kind
}

func timestamp(base string, t *schema.Type) string {
	s := base
	if t.Precision != nil {
		s += fmt.Sprintf("(%d)", *t.Precision)
	}
	if t.Timezone {
		return s + " WITH TIME ZONE"
	}
	return s + " WITHOUT TIME ZONE"
}
