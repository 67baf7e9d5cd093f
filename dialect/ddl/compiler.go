package ddl

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/sqlbuild"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// ErrUnsupported is wrapped by errors for ops or options a dialect cannot compile.
var ErrUnsupported = errors.New("not supported")

// Compiler turns ops into statements for the dialect its Hooks describe.
type Compiler struct {
	Hooks Hooks
}

// New returns a compiler for h.
func New(h Hooks) *Compiler { return &Compiler{Hooks: h} }

// Ident quotes an identifier when needed.
func (c *Compiler) Ident(name string) string { return c.Hooks.Quoter().Ident(name) }

// Table renders a possibly schema-qualified table name. A dotted schema
// ("db.owner") has each part quoted separately, as Alembic's quote_dotted does.
func (c *Compiler) Table(schemaName, name string) string {
	if schemaName == "" {
		return c.Ident(name)
	}
	parts := strings.Split(schemaName, ".")
	for i, p := range parts {
		parts[i] = c.Ident(p)
	}
	return strings.Join(parts, ".") + "." + c.Ident(name)
}

// IdentList renders "a, b" (no parentheses).
func (c *Compiler) IdentList(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = c.Ident(n)
	}
	return strings.Join(parts, ", ")
}

// String renders a string literal.
func (c *Compiler) String(s string) string { return c.Hooks.Literals().String(s) }

// AlterTable renders "ALTER TABLE name".
func (c *Compiler) AlterTable(schemaName, table string) string {
	return "ALTER TABLE " + c.Table(schemaName, table)
}

// Type resolves with_variant alternatives for this dialect and renders t.
func (c *Compiler) Type(t *schema.Type) (string, error) {
	if t == nil {
		return "", errors.New("column has no type")
	}
	return c.Hooks.TypeSQL(ResolveVariant(t, c.Hooks.Name()))
}

// ResolveVariant returns the with_variant alternative of t for the dialect,
// or t. SQLAlchemy 1.4 matches the dialect name exactly, so a "mysql"
// variant does not apply to MariaDB (dialect name "mariadb").
func ResolveVariant(t *schema.Type, dialectName string) *schema.Type {
	if t == nil {
		return nil
	}
	if v, ok := t.Variants[dialectName]; ok && v != nil {
		return v
	}
	return t
}

// Stmts wraps plain SQL texts as statements.
func Stmts(sqls ...string) []dialect.Stmt {
	out := make([]dialect.Stmt, 0, len(sqls))
	for _, s := range sqls {
		out = append(out, dialect.Stmt{SQL: s})
	}
	return out
}

// Compile dispatches one op to the matching method. Every op of package ops
// is handled; an unknown op is an error naming its type.
func (c *Compiler) Compile(ctx context.Context, q dialect.Querier, op ops.Op) ([]dialect.Stmt, error) {
	var (
		out []dialect.Stmt
		err error
	)
	if err := CheckExistenceClauses(c.Hooks, op); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", c.Hooks.Name(), OpName(op), err)
	}
	switch o := op.(type) {
	case *ops.CreateTable:
		out, err = c.CreateTable(o.Table)
		if o.IfNotExists {
			out = IfNotExistsTable(out)
		}
	case *ops.DropTable:
		out, err = c.DropTable(o)
	case *ops.RenameTable:
		var s string
		s, err = c.Hooks.RenameTableSQL(c, o)
		out = Stmts(s)
	case *ops.AddColumn:
		out, err = c.AddColumn(o)
	case *ops.DropColumn:
		drop := " DROP COLUMN "
		if o.IfExists {
			drop += "IF EXISTS "
		}
		out = Stmts(c.AlterTable(o.Schema, o.Table) + drop + c.Ident(o.Column))
	case *ops.AlterColumn:
		out, err = c.Hooks.AlterColumn(c, o)
	case *ops.CreateIndex:
		if o.Index == nil {
			return nil, errors.New("create_index: no index given")
		}
		if o.Index.Table == "" {
			return nil, fmt.Errorf("%s: create_index: index %q names no table", c.Hooks.Name(), o.Index.Name)
		}
		var s string
		s, err = c.Hooks.CreateIndexSQL(c, o.Index, o.IfNotExists)
		out = Stmts(s)
	case *ops.DropIndex:
		var s string
		s, err = c.Hooks.DropIndexSQL(c, o)
		out = Stmts(s)
	// A nil constraint pointer inside an interface is not == nil, so each
	// one is checked while its type is still known.
	case *ops.CreatePrimaryKey:
		if o.PrimaryKey == nil {
			return nil, errNoConstraint(op)
		}
		out, err = c.addConstraint(o.Schema, o.Table, o.PrimaryKey)
	case *ops.CreateUniqueConstraint:
		if o.Unique == nil {
			return nil, errNoConstraint(op)
		}
		out, err = c.addConstraint(o.Schema, o.Table, o.Unique)
	case *ops.CreateForeignKey:
		if o.ForeignKey == nil {
			return nil, errNoConstraint(op)
		}
		out, err = c.addConstraint(o.Schema, o.Table, o.ForeignKey)
	case *ops.CreateCheckConstraint:
		if o.Check == nil {
			return nil, errNoConstraint(op)
		}
		out, err = c.addConstraint(o.Schema, o.Table, o.Check)
	case *ops.DropConstraint:
		var s string
		s, err = c.Hooks.DropConstraintSQL(c, o)
		out = Stmts(s)
	case *ops.CreateTableComment:
		out, err = c.tableComment(o.Schema, o.Table, &o.Comment)
	case *ops.DropTableComment:
		out, err = c.tableComment(o.Schema, o.Table, nil)
	case *ops.Execute:
		out, err = c.Execute(o)
	case *ops.BulkInsert:
		out, err = c.BulkInsert(o)
	case *ops.BatchAlterTable:
		out, err = c.Hooks.BatchAlterTable(ctx, c, q, o)
	case *ops.AutocommitBlock:
		return nil, nil
	case *ops.CreateEnum, *ops.DropEnum:
		eh, ok := c.Hooks.(EnumHooks)
		if !ok {
			return nil, nil // no named enum types: SQLAlchemy emits nothing
		}
		out, err = eh.EnumSQL(c, op)
	default:
		return nil, fmt.Errorf("%s: unsupported op %T", c.Hooks.Name(), op)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", c.Hooks.Name(), OpName(op), err)
	}
	return out, nil
}

func errNoConstraint(op ops.Op) error {
	return fmt.Errorf("%s: no constraint given", OpName(op))
}

// OpName is the Alembic directive an op comes from, for error messages.
func OpName(op ops.Op) string {
	switch op.(type) {
	case *ops.CreateTable:
		return "create_table"
	case *ops.DropTable:
		return "drop_table"
	case *ops.RenameTable:
		return "rename_table"
	case *ops.AddColumn:
		return "add_column"
	case *ops.DropColumn:
		return "drop_column"
	case *ops.AlterColumn:
		return "alter_column"
	case *ops.CreateIndex:
		return "create_index"
	case *ops.DropIndex:
		return "drop_index"
	case *ops.CreatePrimaryKey:
		return "create_primary_key"
	case *ops.CreateUniqueConstraint:
		return "create_unique_constraint"
	case *ops.CreateForeignKey:
		return "create_foreign_key"
	case *ops.CreateCheckConstraint:
		return "create_check_constraint"
	case *ops.DropConstraint:
		return "drop_constraint"
	case *ops.CreateTableComment:
		return "create_table_comment"
	case *ops.DropTableComment:
		return "drop_table_comment"
	case *ops.Execute:
		return "execute"
	case *ops.BulkInsert:
		return "bulk_insert"
	case *ops.BatchAlterTable:
		return "batch_alter_table"
	case *ops.AutocommitBlock:
		return "autocommit_block"
	case *ops.CreateEnum:
		return "Enum.create"
	case *ops.DropEnum:
		return "Enum.drop"
	}
	return fmt.Sprintf("%T", op)
}

// IsIntegerKind reports whether a type has SQLAlchemy's Integer affinity.
func IsIntegerKind(t *schema.Type) bool {
	if t == nil {
		return false
	}
	switch strings.ToUpper(t.Kind) {
	case "INTEGER", "SMALLINTEGER", "BIGINTEGER", "INT", "SMALLINT", "BIGINT", "TINYINT", "MEDIUMINT":
		return true
	}
	return false
}

// isNumericKind reports SQLAlchemy's Numeric affinity, which also qualifies
// a primary key for autoincrement.
func isNumericKind(t *schema.Type) bool {
	switch strings.ToUpper(t.Kind) {
	case "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE", "DOUBLE_PRECISION":
		return true
	}
	return false
}

// inTableForeignKey reports whether a table-level ForeignKeyConstraint
// covers the column (SQLAlchemy counts those among column.foreign_keys).
func inTableForeignKey(t *schema.Table, column string) bool {
	for _, con := range t.Constraints {
		if fk, ok := con.(*schema.ForeignKey); ok && slices.Contains(fk.Columns, column) {
			return true
		}
	}
	return false
}

// AutoincrementColumn is SQLAlchemy's Table._autoincrement_column: the
// primary key column that the database numbers by itself (SERIAL,
// AUTO_INCREMENT), or nil. A single-column integer (or numeric) primary key
// qualifies unless it has a server default, a foreign key, or
// autoincrement=False; in a composite key only a column with
// autoincrement=True does.
func AutoincrementColumn(t *schema.Table) *schema.Column {
	if t == nil {
		return nil
	}
	pk := PrimaryKeyColumns(t)
	qualifies := func(col *schema.Column, explicit bool) bool {
		if col.Type == nil || !(IsIntegerKind(col.Type) || isNumericKind(col.Type)) {
			return false
		}
		if explicit {
			return true
		}
		if col.ServerDefault != nil && col.Identity == nil {
			return false
		}
		if (len(col.ForeignKeys) > 0 || inTableForeignKey(t, col.Name)) && col.Autoincrement != "ignore_fk" {
			return false
		}
		return true
	}
	if len(pk) == 1 {
		col := t.Column(pk[0])
		if col == nil {
			return nil
		}
		switch col.Autoincrement {
		case "true":
			if qualifies(col, true) {
				return col
			}
		case "", "auto", "ignore_fk":
			if qualifies(col, false) {
				return col
			}
		}
		return nil
	}
	for _, name := range pk {
		if col := t.Column(name); col != nil && col.Autoincrement == "true" && qualifies(col, true) {
			return col
		}
	}
	return nil
}

// PrimaryKeyColumns returns the table's primary key column names: those of
// an explicit PrimaryKey constraint, else the columns flagged primary_key.
func PrimaryKeyColumns(t *schema.Table) []string {
	if pk := explicitPK(t); pk != nil {
		return pk.Columns
	}
	var cols []string
	for _, col := range t.Columns {
		if col != nil && col.PrimaryKey {
			cols = append(cols, col.Name)
		}
	}
	return cols
}

func explicitPK(t *schema.Table) *schema.PrimaryKey {
	for _, con := range t.Constraints {
		if pk, ok := con.(*schema.PrimaryKey); ok && pk != nil {
			return pk
		}
	}
	return nil
}

// CreateTable compiles op.create_table: dialect preliminaries (enum types),
// CREATE TABLE, then the indexes of Column(index=True) and the table's
// Index objects, then comments where the dialect sets them separately.
func (c *Compiler) CreateTable(t *schema.Table) ([]dialect.Stmt, error) {
	if t == nil {
		return nil, errors.New("no table given")
	}
	for i, col := range t.Columns {
		if col == nil {
			return nil, fmt.Errorf("table %s: column %d is missing", t.Name, i+1)
		}
	}
	out, err := c.Hooks.BeforeCreateTable(c, t)
	if err != nil {
		return nil, err
	}
	text, err := c.CreateTableSQL(t)
	if err != nil {
		return nil, err
	}
	out = append(out, dialect.Stmt{SQL: text})
	for _, idx := range TableIndexes(t) {
		s, err := c.Hooks.CreateIndexSQL(c, idx, false)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	if c.Hooks.SupportsComments() && c.Hooks.SeparateComments() {
		if t.Comment != nil && *t.Comment != "" {
			s, err := c.Hooks.TableCommentSQL(c, t.Schema, t.Name, t.Comment)
			if err != nil {
				return nil, err
			}
			out = append(out, dialect.Stmt{SQL: s})
		}
		for _, col := range t.Columns {
			if col != nil && col.Comment != nil && *col.Comment != "" {
				s, err := c.Hooks.ColumnCommentSQL(c, t.Schema, t.Name, col.Name, col.Comment)
				if err != nil {
					return nil, err
				}
				out = append(out, dialect.Stmt{SQL: s})
			}
		}
	}
	return out, nil
}

// TableIndexes lists the indexes CREATE TABLE is followed by: the table's
// Index objects in order, then one per Column(index=True), named by
// SQLAlchemy's default convention ix_<table>_<column> and unique when the
// column is also unique=True.
func TableIndexes(t *schema.Table) []*schema.Index {
	out := make([]*schema.Index, 0, len(t.Indexes))
	for _, idx := range t.Indexes {
		if idx == nil {
			continue
		}
		cp := *idx
		if cp.Table == "" {
			cp.Table = t.Name
		}
		if cp.Schema == "" {
			cp.Schema = t.Schema
		}
		out = append(out, &cp)
	}
	for _, col := range t.Columns {
		if col != nil && col.Index {
			out = append(out, ColumnIndex(t.Schema, t.Name, col))
		}
	}
	return out
}

// ColumnIndex is the index SQLAlchemy creates for Column(index=True), named
// by the default convention ix_%(column_0_label)s, where the label is the
// table's full name ("schema_table") and the column name.
func ColumnIndex(schemaName, table string, col *schema.Column) *schema.Index {
	label := table + "_" + col.Name
	if schemaName != "" {
		label = strings.ReplaceAll(schemaName, ".", "_") + "_" + label
	}
	return &schema.Index{
		Name:     "ix_" + label,
		Schema:   schemaName,
		Table:    table,
		Elements: []schema.IndexElement{{Column: col.Name}},
		Unique:   col.Unique,
	}
}

// CreateTableSQL renders the CREATE TABLE statement alone.
func (c *Compiler) CreateTableSQL(t *schema.Table) (string, error) {
	var b strings.Builder
	b.WriteString("CREATE TABLE ")
	b.WriteString(c.Table(t.Schema, t.Name))
	b.WriteString(" (")
	if t.Name == "" {
		return "", errors.New("table has no name")
	}
	sep := "\n"
	for i, col := range t.Columns {
		if col == nil {
			return "", fmt.Errorf("column %d is missing", i+1)
		}
		spec, err := c.ColumnClause(t, col)
		if err != nil {
			return "", fmt.Errorf("column %s: %w", col.Name, err)
		}
		b.WriteString(sep + Indent + spec)
		sep = ", \n"
	}
	cons, err := c.tableConstraints(t)
	if err != nil {
		return "", err
	}
	for _, s := range cons {
		b.WriteString(sep + Indent + s)
		sep = ", \n"
	}
	b.WriteString("\n)")
	post, err := c.Hooks.PostCreateTable(c, t)
	if err != nil {
		return "", err
	}
	b.WriteString(post)
	return b.String(), nil
}

// ColumnClause is a column's clause in CREATE TABLE or ADD COLUMN: its
// specification, then the CHECK constraints given to the column itself.
// Errors are the hooks' own; callers say which column.
func (c *Compiler) ColumnClause(t *schema.Table, col *schema.Column) (string, error) {
	spec, err := c.Hooks.ColumnSpec(c, t, col)
	if err != nil {
		return "", err
	}
	for _, ck := range col.Checks {
		s, err := c.ConstraintSQL(ck)
		if err != nil {
			return "", err
		}
		spec += " " + s
	}
	return spec, nil
}

// tableConstraints renders the table-level clauses of CREATE TABLE in
// SQLAlchemy's order: the primary key, the constraints given to the table in
// order, then per column (in column order) its unique=True constraint, the
// CHECK its type brings, and its ForeignKey constraints.
func (c *Compiler) tableConstraints(t *schema.Table) ([]string, error) {
	var out []string
	if pk := explicitPK(t); pk != nil {
		if len(pk.Columns) > 0 {
			out = append(out, c.primaryKeySQL(pk))
		}
	} else if cols := PrimaryKeyColumns(t); len(cols) > 0 {
		// The implicit key lists the autoincrement column first, as
		// SQLAlchemy's columns_autoinc_first does.
		if ai := AutoincrementColumn(t); ai != nil && cols[0] != ai.Name {
			ordered := []string{ai.Name}
			for _, n := range cols {
				if n != ai.Name {
					ordered = append(ordered, n)
				}
			}
			cols = ordered
		}
		out = append(out, c.primaryKeySQL(&schema.PrimaryKey{Columns: cols}))
	}
	for _, con := range t.Constraints {
		if pk, ok := con.(*schema.PrimaryKey); ok && pk != nil {
			continue
		}
		s, err := c.ConstraintSQL(con)
		if err != nil {
			return nil, err
		}
		if s != "" {
			out = append(out, s)
		}
	}
	for _, col := range t.Columns {
		if col.Unique && !col.Index {
			out = append(out, "UNIQUE ("+c.Ident(col.Name)+")")
		}
		if ck := c.Hooks.ColumnCheck(c, col); ck != nil {
			s, err := c.ConstraintSQL(ck)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		for _, ref := range col.ForeignKeys {
			fk, err := ColumnForeignKey(col.Name, ref)
			if err != nil {
				return nil, fmt.Errorf("column %s: %w", col.Name, err)
			}
			s, err := c.ConstraintSQL(fk)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// ColumnForeignKey turns a column's sa.ForeignKey("table.col") into a
// one-column constraint. The target is "table.column" or
// "schema.table.column".
func ColumnForeignKey(column string, ref *schema.ForeignKeyRef) (*schema.ForeignKey, error) {
	if ref == nil {
		return nil, errors.New("foreign key is missing")
	}
	parts := strings.Split(ref.Target, ".")
	if len(parts) < 2 {
		return nil, fmt.Errorf("foreign key target %q is not of the form table.column", ref.Target)
	}
	fk := &schema.ForeignKey{
		Name:       ref.Name,
		Columns:    []string{column},
		RefTable:   parts[len(parts)-2],
		RefColumns: []string{parts[len(parts)-1]},
		RefSchema:  strings.Join(parts[:len(parts)-2], "."),
		OnDelete:   ref.OnDelete,
		OnUpdate:   ref.OnUpdate,
		Deferrable: ref.Deferrable,
		Initially:  ref.Initially,
	}
	return fk, nil
}

func (c *Compiler) constraintName(name string) string {
	if name == "" {
		return ""
	}
	return "CONSTRAINT " + c.Ident(name) + " "
}

func (c *Compiler) primaryKeySQL(pk *schema.PrimaryKey) string {
	return c.constraintName(pk.Name) + "PRIMARY KEY (" + c.IdentList(pk.Columns) + ")"
}

// ConstraintSQL renders a constraint clause as in CREATE TABLE or ADD.
func (c *Compiler) ConstraintSQL(con schema.Constraint) (string, error) {
	switch k := con.(type) {
	case *schema.PrimaryKey:
		if k == nil || len(k.Columns) == 0 {
			return "", errors.New("primary key has no columns")
		}
		return c.primaryKeySQL(k), nil
	case *schema.Unique:
		if k == nil || len(k.Columns) == 0 {
			return "", errors.New("unique constraint has no columns")
		}
		return c.constraintName(k.Name) + "UNIQUE (" + c.IdentList(k.Columns) + ")" + deferrability(k.Deferrable, k.Initially), nil
	case *schema.Check:
		if k == nil || strings.TrimSpace(k.SQL) == "" {
			return "", errors.New("check constraint has no condition")
		}
		return c.constraintName(k.Name) + "CHECK (" + k.SQL + ")", nil
	case *schema.ForeignKey:
		if k == nil {
			return "", errors.New("foreign key is missing")
		}
		if err := c.Hooks.CheckForeignKey(k); err != nil {
			return "", err
		}
		if len(k.Columns) == 0 || len(k.Columns) != len(k.RefColumns) {
			return "", fmt.Errorf("foreign key %q: %d local columns for %d referenced columns", k.Name, len(k.Columns), len(k.RefColumns))
		}
		var b strings.Builder
		b.WriteString(c.constraintName(k.Name))
		b.WriteString("FOREIGN KEY(" + c.IdentList(k.Columns) + ") REFERENCES ")
		b.WriteString(c.Table(k.RefSchema, k.RefTable))
		b.WriteString(" (" + c.IdentList(k.RefColumns) + ")")
		if k.Match != "" {
			b.WriteString(" MATCH " + k.Match)
		}
		if k.OnDelete != "" {
			b.WriteString(" ON DELETE " + k.OnDelete)
		}
		if k.OnUpdate != "" {
			b.WriteString(" ON UPDATE " + k.OnUpdate)
		}
		b.WriteString(deferrability(k.Deferrable, k.Initially))
		return b.String(), nil
	case nil:
		return "", errors.New("no constraint given")
	}
	return "", fmt.Errorf("unsupported constraint %T", con)
}

func deferrability(deferrable *bool, initially string) string {
	s := ""
	if deferrable != nil {
		if *deferrable {
			s += " DEFERRABLE"
		} else {
			s += " NOT DEFERRABLE"
		}
	}
	if initially != "" {
		s += " INITIALLY " + initially
	}
	return s
}

func (c *Compiler) addConstraint(schemaName, table string, con schema.Constraint) ([]dialect.Stmt, error) {
	if con == nil {
		return nil, errors.New("no constraint given")
	}
	s, err := c.ConstraintSQL(con)
	if err != nil {
		return nil, err
	}
	return Stmts(c.AlterTable(schemaName, table) + " ADD " + s), nil
}

// DropTable compiles op.drop_table, followed by what the dialect drops
// with the table when its definition is known. IfExists renders DROP
// TABLE IF EXISTS, as Alembic >= 1.13.3 does (1.8.1 only warned about the
// keyword; a script that passes it means the newer behaviour).
func (c *Compiler) DropTable(o *ops.DropTable) ([]dialect.Stmt, error) {
	out := Stmts(DropTableSQL(c, o))
	if o.Existing != nil {
		more, err := c.Hooks.AfterDropTable(c, o.Existing)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

// AddColumn compiles op.add_column: ADD COLUMN, then the column's unique and
// foreign key constraints, its index, and its comment where comments are
// separate statements.
func (c *Compiler) AddColumn(o *ops.AddColumn) ([]dialect.Stmt, error) {
	col := o.Column
	if col == nil {
		return nil, errors.New("no column given")
	}
	// Alembic attaches the column to a throwaway table of its own, so a
	// primary key column added alone is that table's autoincrement column
	// (ADD COLUMN id SERIAL / AUTO_INCREMENT).
	owner := &schema.Table{Schema: o.Schema, Name: o.Table, Columns: []*schema.Column{col}}
	spec, err := c.ColumnClause(owner, col)
	if err != nil {
		return nil, fmt.Errorf("column %s: %w", col.Name, err)
	}
	add := " ADD COLUMN "
	if o.IfNotExists {
		add += "IF NOT EXISTS "
	}
	out := Stmts(c.AlterTable(o.Schema, o.Table) + add + spec)
	if ck := c.Hooks.ColumnCheck(c, col); ck != nil {
		more, err := c.addConstraint(o.Schema, o.Table, ck)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	if col.Unique && !col.Index {
		out = append(out, dialect.Stmt{SQL: c.AlterTable(o.Schema, o.Table) + " ADD UNIQUE (" + c.Ident(col.Name) + ")"})
	}
	for _, ref := range col.ForeignKeys {
		fk, err := ColumnForeignKey(col.Name, ref)
		if err != nil {
			return nil, err
		}
		more, err := c.addConstraint(o.Schema, o.Table, fk)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	if col.Index {
		s, err := c.Hooks.CreateIndexSQL(c, ColumnIndex(o.Schema, o.Table, col), false)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	if c.Hooks.SupportsComments() && c.Hooks.SeparateComments() && col.Comment != nil && *col.Comment != "" {
		s, err := c.Hooks.ColumnCommentSQL(c, o.Schema, o.Table, col.Name, col.Comment)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	return out, nil
}

func (c *Compiler) tableComment(schemaName, table string, comment *string) ([]dialect.Stmt, error) {
	if !c.Hooks.SupportsComments() {
		return nil, fmt.Errorf("the %s dialect does not support table comments: %w", c.Hooks.Name(), ErrUnsupported)
	}
	s, err := c.Hooks.TableCommentSQL(c, schemaName, table, comment)
	if err != nil {
		return nil, err
	}
	return Stmts(s), nil
}

// IndexElements renders the parenthesised element list of CREATE INDEX.
func (c *Compiler) IndexElements(idx *schema.Index) (string, error) {
	return c.IndexElementsWith(idx, nil)
}

// IndexElementsWith is IndexElements with, after each plain column,
// what suffix gives for it (PostgreSQL's operator classes); nil adds none.
func (c *Compiler) IndexElementsWith(idx *schema.Index, suffix func(column string) string) (string, error) {
	if len(idx.Elements) == 0 {
		return "", fmt.Errorf("index %q has no columns", idx.Name)
	}
	parts := make([]string, len(idx.Elements))
	for i, el := range idx.Elements {
		switch {
		case el.Column != "":
			parts[i] = c.Ident(el.Column)
			if suffix != nil {
				if sfx := suffix(el.Column); sfx != "" {
					parts[i] += " " + sfx
				}
			}
		case el.Expr != "":
			parts[i] = el.Expr
		default:
			return "", fmt.Errorf("index %q: element %d is empty", idx.Name, i)
		}
		if el.Desc {
			parts[i] += " DESC"
		}
	}
	return strings.Join(parts, ", "), nil
}

// ServerDefault renders a server default the way SQLAlchemy's
// get_column_default_string does: a plain value becomes a quoted string
// literal, sa.text() is verbatim, a function goes through the dialect.
func (c *Compiler) ServerDefault(e *schema.Expr) (string, error) {
	return c.Hooks.DefaultSQL(c, e)
}

// IdentitySQL renders GENERATED ... AS IDENTITY (...).
func IdentitySQL(id *schema.Identity) string {
	s := "GENERATED BY DEFAULT AS IDENTITY"
	if id.Always {
		s = "GENERATED ALWAYS AS IDENTITY"
	}
	var opts []string
	if id.Increment != nil {
		opts = append(opts, fmt.Sprintf("INCREMENT BY %d", *id.Increment))
	}
	if id.Start != nil {
		opts = append(opts, fmt.Sprintf("START WITH %d", *id.Start))
	}
	if id.MinValue != nil {
		opts = append(opts, fmt.Sprintf("MINVALUE %d", *id.MinValue))
	}
	if id.MaxValue != nil {
		opts = append(opts, fmt.Sprintf("MAXVALUE %d", *id.MaxValue))
	}
	if id.Cache != nil {
		opts = append(opts, fmt.Sprintf("CACHE %d", *id.Cache))
	}
	if id.Cycle {
		opts = append(opts, "CYCLE")
	}
	if len(opts) > 0 {
		s += " (" + strings.Join(opts, " ") + ")"
	}
	return s
}

// ComputedSQL renders GENERATED ALWAYS AS (...) [STORED|VIRTUAL].
func ComputedSQL(cp *schema.Computed) string {
	s := "GENERATED ALWAYS AS (" + cp.SQL + ")"
	if cp.Persisted != nil {
		if *cp.Persisted {
			s += " STORED"
		} else {
			s += " VIRTUAL"
		}
	}
	return s
}

// Quoter is a shorthand for c.Hooks.Quoter().
func (c *Compiler) Quoter() sqlbuild.Quoter { return c.Hooks.Quoter() }

// DropTableSQL renders DROP TABLE [IF EXISTS] name.
func DropTableSQL(c *Compiler, o *ops.DropTable) string {
	if o.IfExists {
		return "DROP TABLE IF EXISTS " + c.Table(o.Schema, o.Name)
	}
	return "DROP TABLE " + c.Table(o.Schema, o.Name)
}

// IfNotExistsTable turns the CREATE TABLE among a create_table's
// statements into CREATE TABLE IF NOT EXISTS (create_table(if_not_exists=True),
// Alembic >= 1.13.3); the statements around it are kept as they are.
func IfNotExistsTable(stmts []dialect.Stmt) []dialect.Stmt {
	const create = "CREATE TABLE "
	for i, st := range stmts {
		if !strings.HasPrefix(st.SQL, create) {
			continue
		}
		stmts[i].SQL = create + "IF NOT EXISTS " + st.SQL[len(create):]
		if strings.HasPrefix(st.Inline, create) {
			stmts[i].Inline = create + "IF NOT EXISTS " + st.Inline[len(create):]
		}
		break
	}
	return stmts
}

// AlterExistenceHooks is implemented by dialects whose ALTER TABLE has
// ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS and DROP CONSTRAINT IF
// EXISTS (PostgreSQL).
type AlterExistenceHooks interface {
	AlterExistenceClauses() bool
}

// CheckExistenceClauses refuses add_column(if_not_exists=True),
// drop_column(if_exists=True) and drop_constraint(if_exists=True) on a
// dialect that cannot say so in SQL: silently dropping the keyword would
// make the statement fail where the script expects it to be skipped.
func CheckExistenceClauses(h Hooks, op ops.Op) error {
	var clause string
	switch o := op.(type) {
	case *ops.AddColumn:
		if o.IfNotExists {
			clause = "ADD COLUMN IF NOT EXISTS"
		}
	case *ops.DropColumn:
		if o.IfExists {
			clause = "DROP COLUMN IF EXISTS"
		}
	case *ops.DropConstraint:
		if o.IfExists {
			clause = "DROP CONSTRAINT IF EXISTS"
		}
	}
	if clause == "" {
		return nil
	}
	if a, ok := h.(AlterExistenceHooks); ok && a.AlterExistenceClauses() {
		return nil
	}
	return fmt.Errorf("%s has no %s; check for it first (sa.inspect(op.get_bind())) instead", h.Name(), clause)
}
