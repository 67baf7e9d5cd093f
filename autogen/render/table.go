package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// createTable renders op.create_table: one column or constraint per line,
// constraints sorted by their rendered text, as Alembic does.
func (r *renderer) createTable(o *ops.CreateTable) (string, error) {
	t := o.Table
	var args []string
	for _, c := range t.Columns {
		s, err := r.column(c)
		if err != nil {
			return "", err
		}
		args = append(args, s)
	}
	var cons []string
	for _, c := range t.Constraints {
		if s := r.constraint(t, c); s != "" {
			cons = append(cons, s)
		}
	}
	slices.Sort(cons)
	args = append(args, cons...)
	s := "op.create_table(" + pyStr(t.Name) + ",\n" + strings.Join(args, ",\n")
	if t.Schema != "" {
		s += ",\nschema=" + pyStr(t.Schema)
	}
	if t.Comment != nil && *t.Comment != "" {
		s += ",\ncomment=" + pyStr(*t.Comment)
	}
	for _, k := range sortedKeys(t.DialectOptions) {
		s += ",\n" + k + "=" + pyStr(t.DialectOptions[k])
	}
	return s + "\n)", nil
}

// column renders sa.Column(name, type, [Identity/Computed], server_default=,
// autoincrement=, nullable=, comment=).
func (r *renderer) column(c *schema.Column) (string, error) {
	ty, err := r.typ(c.Type)
	if err != nil {
		return "", fmt.Errorf("column %s: %w", c.Name, err)
	}
	var args, opts []string
	switch {
	case c.Computed != nil:
		kw := ""
		if c.Computed.Persisted != nil {
			kw = "persisted=" + pyBool(*c.Computed.Persisted)
		}
		args = append(args, "sa.Computed("+pyStr(c.Computed.SQL)+", "+kw+")")
	case c.Identity != nil:
		args = append(args, identity(c.Identity))
	}
	if c.ServerDefault != nil && c.Computed == nil && c.Identity == nil {
		opts = append(opts, "server_default="+r.serverDefault(c.ServerDefault))
	}
	switch c.Autoincrement {
	case "true":
		opts = append(opts, "autoincrement=True")
	case "false":
		opts = append(opts, "autoincrement=False")
	}
	opts = append(opts, "nullable="+pyBool(c.Nullable))
	if c.Comment != nil && *c.Comment != "" {
		opts = append(opts, "comment="+pyStr(*c.Comment))
	}
	positional := ""
	if len(args) > 0 {
		positional = strings.Join(args, ", ") + ", "
	}
	return "sa.Column(" + pyStr(c.Name) + ", " + ty + ", " + positional + strings.Join(opts, ", ") + ")", nil
}

func identity(id *schema.Identity) string {
	kw := []string{"always=" + pyBool(id.Always)}
	if id.OnNull {
		kw = append(kw, "on_null=True")
	}
	for _, o := range []struct {
		name string
		v    *int64
	}{{"start", id.Start}, {"increment", id.Increment}, {"minvalue", id.MinValue}, {"maxvalue", id.MaxValue}} {
		if o.v != nil {
			kw = append(kw, fmt.Sprintf("%s=%d", o.name, *o.v))
		}
	}
	if id.Cycle {
		kw = append(kw, "cycle=True")
	}
	if id.Cache != nil {
		kw = append(kw, fmt.Sprintf("cache=%d", *id.Cache))
	}
	return "sa.Identity(" + strings.Join(kw, ", ") + ")"
}

// serverDefault renders a server default: a plain value as its string
// ('0'), SQL as sa.text('...').
func (r *renderer) serverDefault(e *schema.Expr) string {
	switch e.Kind {
	case schema.ExprLiteral:
		s := fmt.Sprint(e.Value)
		switch v := e.Value.(type) {
		case string:
			s = strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'")
		case bool:
			s = map[bool]string{true: "true", false: "false"}[v]
		case nil:
			s = e.Text
		}
		return pyStr(s)
	case schema.ExprFunc:
		if r.o.Defaults != nil {
			if s, err := r.o.Defaults.DefaultSQL(e); err == nil {
				return "sa.text(" + pyStr(s) + ")"
			}
		}
		return "sa.text(" + pyStr(e.Text+"()") + ")"
	}
	return "sa.text(" + pyStr(e.Text) + ")"
}

// constraint renders a table-level constraint inside create_table.
func (r *renderer) constraint(t *schema.Table, c schema.Constraint) string {
	switch c := c.(type) {
	case *schema.PrimaryKey:
		if len(c.Columns) == 0 {
			return ""
		}
		args := quoteAll(c.Columns)
		if c.Name != "" {
			args = append(args, "name="+r.name(c.Name, c.NameConv))
		}
		return "sa.PrimaryKeyConstraint(" + strings.Join(args, ", ") + ")"
	case *schema.ForeignKey:
		var opts []string
		if c.Name != "" {
			opts = append(opts, "name="+r.name(c.Name, c.NameConv))
		}
		opts = append(opts, fkOptions(c)...)
		refs := make([]string, len(c.RefColumns))
		for i, col := range c.RefColumns {
			ref := c.RefTable + "." + col
			if c.RefSchema != "" {
				ref = c.RefSchema + "." + ref
			}
			refs[i] = pyStr(ref)
		}
		return "sa.ForeignKeyConstraint([" + strings.Join(quoteAll(c.Columns), ", ") + "], [" + strings.Join(refs, ", ") + "], " + strings.Join(opts, ", ") + ")"
	case *schema.Unique:
		args := quoteAll(c.Columns)
		if c.Deferrable != nil && *c.Deferrable {
			args = append(args, "deferrable='True'")
		}
		if c.Initially != "" {
			args = append(args, "initially="+pyStr(c.Initially))
		}
		if c.Name != "" {
			args = append(args, "name="+r.name(c.Name, c.NameConv))
		}
		return "sa.UniqueConstraint(" + strings.Join(args, ", ") + ")"
	case *schema.Check:
		s := "sa.CheckConstraint(" + pyStr(c.SQL)
		if c.Name != "" {
			s += ", name=" + r.name(c.Name, c.NameConv)
		}
		return s + ")"
	}
	return ""
}

// fkOptions are a foreign key's onupdate, ondelete, initially, deferrable
// and use_alter, in Alembic's order.
func fkOptions(fk *schema.ForeignKey) []string {
	var out []string
	if fk.OnUpdate != "" {
		out = append(out, "onupdate="+pyStr(fk.OnUpdate))
	}
	if fk.OnDelete != "" {
		out = append(out, "ondelete="+pyStr(fk.OnDelete))
	}
	if fk.Initially != "" {
		out = append(out, "initially="+pyStr(fk.Initially))
	}
	if fk.Deferrable != nil && *fk.Deferrable {
		out = append(out, "deferrable=True")
	}
	if fk.UseAlter {
		out = append(out, "use_alter=True")
	}
	return out
}

func (r *renderer) createForeignKey(o *ops.CreateForeignKey) string {
	fk := o.ForeignKey
	args := []string{r.name(fk.Name, fk.NameConv)}
	if !r.batch {
		args = append(args, pyStr(o.Table))
	}
	args = append(args, pyStr(fk.RefTable), pyList(fk.Columns), pyList(fk.RefColumns))
	if !r.batch && o.Schema != "" {
		args = append(args, "source_schema="+pyStr(o.Schema))
	}
	if fk.RefSchema != "" {
		args = append(args, "referent_schema="+pyStr(fk.RefSchema))
	}
	args = append(args, fkOptions(fk)...)
	return r.prefix() + "create_foreign_key(" + strings.Join(args, ", ") + ")"
}
