package render

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// alterIndent is the continuation indent of alter_column's keywords.
const alterIndent = "           "

// op renders one operation as its lines (a line may hold newlines).
func (r *renderer) op(o ops.Op) ([]string, error) {
	switch o := o.(type) {
	case *ops.CreateTable:
		return []string{r.createTable(o.Table)}, nil
	case *ops.DropTable:
		s := r.prefix() + "drop_table(" + pyStr(o.Name)
		if o.Schema != "" {
			s += ", schema=" + pyStr(o.Schema)
		}
		return []string{s + ")"}, nil
	case *ops.AddColumn:
		return []string{r.addColumn(o)}, nil
	case *ops.DropColumn:
		return []string{r.dropColumn(o)}, nil
	case *ops.AlterColumn:
		return []string{r.alterColumn(o)}, nil
	case *ops.CreateIndex:
		return []string{r.createIndex(o.Index)}, nil
	case *ops.DropIndex:
		return []string{r.dropIndex(o)}, nil
	case *ops.CreateUniqueConstraint:
		return []string{r.createUnique(o)}, nil
	case *ops.CreateForeignKey:
		return []string{r.createForeignKey(o)}, nil
	case *ops.DropConstraint:
		return []string{r.dropConstraint(o)}, nil
	case *ops.CreateTableComment:
		return []string{r.tableComment("create_table_comment", o.Schema, o.Table, &o.Comment, o.Existing)}, nil
	case *ops.DropTableComment:
		return []string{r.tableComment("drop_table_comment", o.Schema, o.Table, nil, o.Existing)}, nil
	case *ops.Execute:
		if o.DML != nil || len(o.Args) > 0 {
			return nil, fmt.Errorf("op.execute: only a plain SQL string can be rendered, as in Alembic")
		}
		// Alembic writes "op." here even inside a batch block.
		return []string{"op.execute(" + pyStr(o.SQL) + ")"}, nil
	case *ops.BatchAlterTable:
		return r.batchAlter(o)
	case *ops.RenameTable:
		// Alembic has no autogenerate renderer for rename_table; render the
		// call as op.rename_table takes it.
		s := r.prefix() + "rename_table(" + pyStr(o.OldName) + ", " + pyStr(o.NewName)
		if o.Schema != "" {
			s += ", schema=" + pyStr(o.Schema)
		}
		return []string{s + ")"}, nil
	case *ops.CreatePrimaryKey:
		// No Alembic renderer either (it raises NotImplementedError).
		return []string{r.createPrimaryKey(o)}, nil
	case *ops.CreateCheckConstraint:
		return []string{r.createCheck(o)}, nil
	case *ops.AutocommitBlock:
		// retort's autogenerate wraps PostgreSQL's ALTER TYPE ... ADD VALUE
		// in one; the blank line closes the block, as after a batch block.
		if o.Begin {
			return []string{"with op.get_context().autocommit_block():"}, nil
		}
		return []string{""}, nil
	case nil:
		return nil, fmt.Errorf("nil op")
	}
	return nil, fmt.Errorf("%T: no Python rendering for this operation", o)
}

// name renders a constraint or index name: op.f('name') when it came from
// the naming convention, None when there is none.
func (r *renderer) name(n string, conv bool) string {
	switch {
	case n == "":
		return "None"
	case conv:
		return r.prefix() + "f(" + pyStr(n) + ")"
	}
	return pyStr(n)
}

func (r *renderer) batchAlter(b *ops.BatchAlterTable) ([]string, error) {
	if len(b.Ops) == 0 {
		return nil, nil
	}
	sch := "None"
	if b.Schema != "" {
		sch = pyStr(b.Schema)
	}
	lines := []string{"with op.batch_alter_table(" + pyStr(b.Table) + ", schema=" + sch + ") as batch_op:"}
	saved := r.batch
	r.batch = true
	defer func() { r.batch = saved }()
	for _, o := range b.Ops {
		l, err := r.op(o)
		if err != nil {
			return nil, fmt.Errorf("batch_alter_table %s: %w", b.Table, err)
		}
		lines = append(lines, l...)
	}
	return append(lines, ""), nil
}

func (r *renderer) addColumn(o *ops.AddColumn) string {
	if r.batch {
		return r.prefix() + "add_column(" + r.column(o.Column) + ")"
	}
	s := r.prefix() + "add_column(" + pyStr(o.Table) + ", " + r.column(o.Column)
	if o.Schema != "" {
		s += ", schema=" + pyStr(o.Schema)
	}
	return s + ")"
}

func (r *renderer) dropColumn(o *ops.DropColumn) string {
	if r.batch {
		return r.prefix() + "drop_column(" + pyStr(o.Column) + ")"
	}
	s := r.prefix() + "drop_column(" + pyStr(o.Table) + ", " + pyStr(o.Column)
	if o.Schema != "" {
		s += ", schema=" + pyStr(o.Schema)
	}
	return s + ")"
}

func (r *renderer) alterColumn(o *ops.AlterColumn) string {
	var b strings.Builder
	b.WriteString(r.prefix() + "alter_column(")
	if !r.batch {
		b.WriteString(pyStr(o.Table) + ", ")
	}
	b.WriteString(pyStr(o.Column))
	add := func(key, value string) { b.WriteString(",\n" + alterIndent + key + "=" + value) }
	if o.ExistingType != nil {
		add("existing_type", r.typ(o.ExistingType))
	}
	if o.ServerDefault != nil {
		add("server_default", r.serverDefault(o.ServerDefault.Expr))
	}
	if o.Type != nil {
		add("type_", r.typ(o.Type))
	}
	if o.Nullable != nil {
		add("nullable", pyBool(*o.Nullable))
	}
	if o.Comment != nil {
		c := "None"
		if o.Comment.Comment != nil {
			c = pyStr(*o.Comment.Comment)
		}
		add("comment", c)
	}
	if o.ExistingComment != nil {
		add("existing_comment", pyStr(*o.ExistingComment))
	}
	if o.Nullable == nil && o.ExistingNullable != nil {
		add("existing_nullable", pyBool(*o.ExistingNullable))
	}
	if o.Autoincrement != nil {
		add("autoincrement", pyBool(*o.Autoincrement))
	}
	if o.ServerDefault == nil && o.ExistingServerDefault != nil {
		add("existing_server_default", r.serverDefault(o.ExistingServerDefault))
	}
	if o.NewName != "" {
		// Alembic's autogenerate never renames; keep the rename visible.
		add("new_column_name", pyStr(o.NewName))
	}
	if o.Schema != "" && !r.batch {
		add("schema", pyStr(o.Schema))
	}
	b.WriteString(")")
	return b.String()
}

func (r *renderer) createIndex(ix *schema.Index) string {
	cols := make([]string, len(ix.Elements))
	for i, e := range ix.Elements {
		switch {
		case e.Expr != "":
			cols[i] = "sa.text(" + pyStr(e.Expr) + ")"
		case e.Desc:
			cols[i] = "sa.text(" + pyStr(e.Column+" DESC") + ")"
		default:
			cols[i] = pyStr(e.Column)
		}
	}
	s := r.prefix() + "create_index(" + r.name(ix.Name, ix.NameConv) + ", "
	if !r.batch {
		s += pyStr(ix.Table) + ", "
	}
	s += "[" + strings.Join(cols, ", ") + "], unique=" + pyBool(ix.Unique)
	if !r.batch && ix.Schema != "" {
		s += ", schema=" + pyStr(ix.Schema)
	}
	return s + dialectKwargs(ix.DialectOptions) + ")"
}

func (r *renderer) dropIndex(o *ops.DropIndex) string {
	conv := o.Existing != nil && o.Existing.NameConv && o.Existing.Name == o.Name
	s := r.prefix() + "drop_index(" + r.name(o.Name, conv)
	if !r.batch {
		s += ", table_name=" + pyStr(o.Table)
		if o.Schema != "" {
			s += ", schema=" + pyStr(o.Schema)
		}
	}
	return s + dialectKwargs(o.DialectOptions) + ")"
}

func (r *renderer) createUnique(o *ops.CreateUniqueConstraint) string {
	u := o.Unique
	args := []string{r.name(u.Name, u.NameConv)}
	if !r.batch {
		args = append(args, pyStr(o.Table))
	}
	args = append(args, pyList(u.Columns))
	var kws []kw
	if u.Deferrable != nil && *u.Deferrable {
		kws = append(kws, kw{"deferrable", pyStr("True")})
	}
	if u.Initially != "" {
		kws = append(kws, kw{"initially", pyStr(u.Initially)})
	}
	if !r.batch && o.Schema != "" {
		kws = append(kws, kw{"schema", pyStr(o.Schema)})
	}
	return call(r.prefix()+"create_unique_constraint", args, kws)
}

func (r *renderer) createForeignKey(o *ops.CreateForeignKey) string {
	fk := o.ForeignKey
	args := []string{r.name(fk.Name, fk.NameConv)}
	if !r.batch {
		args = append(args, pyStr(o.Table))
	}
	args = append(args, pyStr(fk.RefTable), pyList(fk.Columns), pyList(fk.RefColumns))
	var kws []kw
	if !r.batch && o.Schema != "" {
		kws = append(kws, kw{"source_schema", pyStr(o.Schema)})
	}
	if fk.RefSchema != "" {
		kws = append(kws, kw{"referent_schema", pyStr(fk.RefSchema)})
	}
	if fk.OnUpdate != "" {
		kws = append(kws, kw{"onupdate", pyStr(fk.OnUpdate)})
	}
	if fk.OnDelete != "" {
		kws = append(kws, kw{"ondelete", pyStr(fk.OnDelete)})
	}
	if fk.Initially != "" {
		kws = append(kws, kw{"initially", pyStr(fk.Initially)})
	}
	if fk.Deferrable != nil && *fk.Deferrable {
		kws = append(kws, kw{"deferrable", "True"})
	}
	if fk.UseAlter {
		kws = append(kws, kw{"use_alter", "True"})
	}
	return call(r.prefix()+"create_foreign_key", args, kws)
}

func (r *renderer) dropConstraint(o *ops.DropConstraint) string {
	conv := false
	switch c := o.Existing.(type) {
	case *schema.PrimaryKey:
		conv = c.NameConv && c.Name == o.Name
	case *schema.ForeignKey:
		conv = c.NameConv && c.Name == o.Name
	case *schema.Unique:
		conv = c.NameConv && c.Name == o.Name
	case *schema.Check:
		conv = c.NameConv && c.Name == o.Name
	}
	typ := "None"
	if o.Type != "" {
		typ = pyStr(o.Type)
	}
	s := r.prefix() + "drop_constraint(" + r.name(o.Name, conv)
	if !r.batch {
		// Alembic quotes the table name plainly here, not with repr().
		s += ", '" + o.Table + "'"
		if o.Schema != "" {
			s += ", schema=" + pyStr(o.Schema)
		}
	}
	return s + ", type_=" + typ + ")"
}

func (r *renderer) createPrimaryKey(o *ops.CreatePrimaryKey) string {
	pk := o.PrimaryKey
	args := []string{r.name(pk.Name, pk.NameConv)}
	if !r.batch {
		args = append(args, pyStr(o.Table))
	}
	args = append(args, pyList(pk.Columns))
	var kws []kw
	if !r.batch && o.Schema != "" {
		kws = append(kws, kw{"schema", pyStr(o.Schema)})
	}
	return call(r.prefix()+"create_primary_key", args, kws)
}

func (r *renderer) createCheck(o *ops.CreateCheckConstraint) string {
	ck := o.Check
	args := []string{r.name(ck.Name, ck.NameConv)}
	if !r.batch {
		args = append(args, pyStr(o.Table))
	}
	args = append(args, pyStr(ck.SQL))
	var kws []kw
	if !r.batch && o.Schema != "" {
		kws = append(kws, kw{"schema", pyStr(o.Schema)})
	}
	return call(r.prefix()+"create_check_constraint", args, kws)
}

// tableComment renders create_table_comment (comment set) or
// drop_table_comment (comment nil), one argument per line as Alembic does.
func (r *renderer) tableComment(fn, sch, table string, comment, existing *string) string {
	opt := func(s *string) string {
		if s == nil {
			return "None"
		}
		return pyStr(*s)
	}
	// Alembic writes the table and schema names between plain quotes here.
	schemaArg := "None"
	if sch != "" {
		schemaArg = "'" + sch + "'"
	}
	s := r.prefix() + fn + "(\n    '" + table + "',\n"
	if comment != nil {
		s += "    " + pyStr(*comment) + ",\n"
	}
	return s + "    existing_comment=" + opt(existing) + ",\n    schema=" + schemaArg + "\n)"
}
