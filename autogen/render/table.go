package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/schema"
)

// maxPythonArgs is the most arguments a Python call takes; Alembic passes a
// longer create_table's columns as *[...].
const maxPythonArgs = 255

// createTable renders op.create_table with the columns, then the
// constraints. The table's Indexes are not rendered: autogenerate emits them
// as CreateIndex ops after the table, as Alembic does.
func (r *renderer) createTable(t *schema.Table) string {
	var args []string
	for _, c := range t.Columns {
		args = append(args, r.column(c))
	}
	var cons []string
	for _, c := range tableConstraints(t) {
		if s := r.constraint(c); s != "" {
			cons = append(cons, s)
		}
	}
	// Alembic sorts the rendered constraints as strings.
	slices.Sort(cons)
	args = append(args, cons...)
	body := strings.Join(args, ",\n")
	if len(args) > maxPythonArgs {
		body = "*[" + body + "]"
	}
	s := r.prefix() + "create_table(" + pyStr(t.Name) + ",\n" + body
	if t.Schema != "" {
		s += ",\nschema=" + pyStr(t.Schema)
	}
	if t.Comment != nil && *t.Comment != "" {
		s += ",\ncomment=" + pyStr(*t.Comment)
	}
	for _, k := range sortedKeys(t.DialectOptions) {
		s += ",\n" + strings.ReplaceAll(k, " ", "_") + "=" + pyStr(t.DialectOptions[k])
	}
	return s + "\n)"
}

// tableConstraints lists the table's constraints, adding those the model
// declared on its columns (primary_key=True, unique=True, ForeignKey(...))
// the way SQLAlchemy attaches them to the table.
func tableConstraints(t *schema.Table) []schema.Constraint {
	out := slices.Clone(t.Constraints)
	hasPK := false
	uniques := map[string]bool{}
	for _, c := range t.Constraints {
		switch c := c.(type) {
		case *schema.PrimaryKey:
			hasPK = true
		case *schema.Unique:
			if len(c.Columns) == 1 {
				uniques[c.Columns[0]] = true
			}
		}
	}
	if !hasPK {
		pk := &schema.PrimaryKey{}
		for _, c := range t.Columns {
			if c.PrimaryKey {
				pk.Columns = append(pk.Columns, c.Name)
			}
		}
		if len(pk.Columns) > 0 {
			out = append(out, pk)
		}
	}
	for _, c := range t.Columns {
		if c.Unique && !uniques[c.Name] {
			out = append(out, &schema.Unique{Columns: []string{c.Name}})
		}
		for _, ref := range c.ForeignKeys {
			refSchema, refTable, refCol := targetParts(ref.Target)
			out = append(out, &schema.ForeignKey{
				Name: ref.Name, Columns: []string{c.Name}, RefSchema: refSchema, RefTable: refTable,
				RefColumns: []string{refCol}, OnDelete: ref.OnDelete, OnUpdate: ref.OnUpdate,
				Deferrable: ref.Deferrable, Initially: ref.Initially,
			})
		}
	}
	return out
}

// constraint renders a constraint inside create_table; "" leaves it out.
func (r *renderer) constraint(c schema.Constraint) string {
	switch c := c.(type) {
	case *schema.PrimaryKey:
		if len(c.Columns) == 0 {
			return ""
		}
		args := quoted(c.Columns)
		if c.Name != "" {
			args = append(args, "name="+r.name(c.Name, c.NameConv))
		}
		return "sa.PrimaryKeyConstraint(" + strings.Join(args, ", ") + ")"
	case *schema.ForeignKey:
		var opts []string
		if c.Name != "" {
			opts = append(opts, "name="+r.name(c.Name, c.NameConv))
		}
		if c.OnUpdate != "" {
			opts = append(opts, "onupdate="+pyStr(c.OnUpdate))
		}
		if c.OnDelete != "" {
			opts = append(opts, "ondelete="+pyStr(c.OnDelete))
		}
		if c.Initially != "" {
			opts = append(opts, "initially="+pyStr(c.Initially))
		}
		if c.Deferrable != nil && *c.Deferrable {
			opts = append(opts, "deferrable=True")
		}
		if c.UseAlter {
			opts = append(opts, "use_alter=True")
		}
		refs := make([]string, len(c.RefColumns))
		for i, col := range c.RefColumns {
			spec := c.RefTable + "." + col
			if c.RefSchema != "" {
				spec = c.RefSchema + "." + spec
			}
			refs[i] = pyStr(spec)
		}
		// Alembic's template leaves ", " before the (maybe empty) options.
		return "sa.ForeignKeyConstraint([" + strings.Join(quoted(c.Columns), ", ") + "], [" +
			strings.Join(refs, ", ") + "], " + strings.Join(opts, ", ") + ")"
	case *schema.Unique:
		args := quoted(c.Columns)
		if c.Deferrable != nil && *c.Deferrable {
			// Alembic renders str(deferrable), so the flag becomes a string.
			args = append(args, "deferrable="+pyStr("True"))
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

// column renders sa.Column(...) as Alembic's _render_column does: no
// primary_key, unique, index or foreign keys (those are table-level), the
// server default, autoincrement when not "auto", nullable always.
func (r *renderer) column(c *schema.Column) string {
	var args []string
	var opts []kw
	switch {
	case c.Computed != nil:
		var k []string
		if c.Computed.Persisted != nil {
			k = append(k, "persisted="+pyBool(*c.Computed.Persisted))
		}
		args = append(args, "sa.Computed("+pyStr(c.Computed.SQL)+", "+strings.Join(k, ", ")+")")
	case c.Identity != nil:
		args = append(args, identity(c.Identity))
	case c.ServerDefault != nil:
		opts = append(opts, kw{"server_default", r.serverDefault(c.ServerDefault)})
	}
	switch c.Autoincrement {
	case "true":
		opts = append(opts, kw{"autoincrement", "True"})
	case "false":
		opts = append(opts, kw{"autoincrement", "False"})
	case "", "auto":
	default:
		opts = append(opts, kw{"autoincrement", pyStr(c.Autoincrement)})
	}
	opts = append(opts, kw{"nullable", pyBool(c.Nullable)})
	if c.Comment != nil && *c.Comment != "" {
		opts = append(opts, kw{"comment", pyStr(*c.Comment)})
	}
	for _, k := range sortedKeys(c.DialectOptions) {
		opts = append(opts, kw{k, pyStr(c.DialectOptions[k])})
	}
	all := append([]string{pyStr(c.Name), r.typ(c.Type)}, args...)
	return call("sa.Column", all, opts)
}

func identity(id *schema.Identity) string {
	k := []string{"always=" + pyBool(id.Always)}
	if id.OnNull {
		k = append(k, "on_null=True")
	}
	num := func(key string, v *int64) {
		if v != nil {
			k = append(k, key+"="+strconv.FormatInt(*v, 10))
		}
	}
	num("start", id.Start)
	num("increment", id.Increment)
	num("minvalue", id.MinValue)
	num("maxvalue", id.MaxValue)
	if id.Cycle {
		k = append(k, "cycle=True")
	}
	num("cache", id.Cache)
	return "sa.Identity(" + strings.Join(k, ", ") + ")"
}

// serverDefault renders a server default: a plain string as a Python string
// (its outer SQL quotes dropped, as Alembic does), SQL text and functions as
// sa.text(...), nil as None.
func (r *renderer) serverDefault(e *schema.Expr) string {
	if e == nil {
		return "None"
	}
	if e.Kind == schema.ExprLiteral {
		s := e.Text
		if s == "" && e.Value != nil {
			s = fmt.Sprint(e.Value)
		}
		s = strings.TrimPrefix(s, "'")
		s = strings.TrimSuffix(s, "'")
		return pyStr(s)
	}
	if e.Kind == schema.ExprFunc && r.o.Defaults != nil {
		if s, err := r.o.Defaults.DefaultSQL(e); err == nil {
			return "sa.text(" + pyStr(s) + ")"
		}
	}
	return "sa.text(" + pyStr(exprSQL(e)) + ")"
}

// exprSQL spells an expression as SQL text, the way Alembic compiles a
// server default or index expression before wrapping it in sa.text().
func exprSQL(e *schema.Expr) string {
	switch e.Kind {
	case schema.ExprFunc:
		args := make([]string, len(e.Args))
		for i := range e.Args {
			args[i] = exprSQL(&e.Args[i])
		}
		return e.Text + "(" + strings.Join(args, ", ") + ")"
	case schema.ExprBinary:
		if len(e.Args) == 2 {
			return exprSQL(&e.Args[0]) + " " + e.Text + " " + exprSQL(&e.Args[1])
		}
	case schema.ExprLiteral, schema.ExprBind, schema.ExprInline:
		switch v := e.Value.(type) {
		case string:
			return "'" + strings.ReplaceAll(v, "'", "''") + "'"
		case nil:
			if e.Text == "" {
				return "NULL"
			}
		case bool:
			return strings.ToLower(pyBool(v))
		default:
			return fmt.Sprint(v)
		}
	}
	return e.Text
}

// dialectKwargs renders an index's dialect options as keyword arguments:
// *_where as sa.text(...), postgresql_include as a list, mysql_length as a
// number or a dict, True/False bare, anything else as a string.
func dialectKwargs(opts map[string]string) string {
	var b strings.Builder
	for _, k := range sortedKeys(opts) {
		v := opts[k]
		b.WriteString(", " + k + "=")
		switch {
		case strings.HasSuffix(k, "_where"):
			b.WriteString("sa.text(" + pyStr(v) + ")")
		case strings.EqualFold(v, "true"):
			b.WriteString("True")
		case strings.EqualFold(v, "false"):
			b.WriteString("False")
		case k == "postgresql_include":
			var cols []string
			for _, p := range strings.Split(strings.Trim(v, "[]() "), ",") {
				if p = strings.Trim(strings.TrimSpace(p), `'"`); p != "" {
					cols = append(cols, p)
				}
			}
			b.WriteString(pyList(cols))
		case k == "mysql_length":
			b.WriteString(mysqlLength(v))
		default:
			b.WriteString(pyStr(v))
		}
	}
	return b.String()
}

// mysqlLength renders mysql_length: "10" as 10, "a:10, b:5" as {'a': 10, 'b': 5}.
func mysqlLength(v string) string {
	v = strings.TrimSpace(v)
	if _, err := strconv.Atoi(v); err == nil {
		return v
	}
	var parts []string
	for _, item := range strings.Split(strings.Trim(v, "{}"), ",") {
		col, n, ok := strings.Cut(item, ":")
		if !ok {
			col, n, ok = strings.Cut(item, "=")
		}
		if !ok {
			return pyStr(v)
		}
		parts = append(parts, pyStr(strings.Trim(strings.TrimSpace(col), `'"`))+": "+strings.TrimSpace(n))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// targetParts splits a ForeignKey target: "table.column" or "schema.table.column".
func targetParts(target string) (schemaName, table, column string) {
	i := strings.LastIndexByte(target, '.')
	if i < 0 {
		return "", "", target
	}
	column, rest := target[i+1:], target[:i]
	if j := strings.LastIndexByte(rest, '.'); j >= 0 {
		return rest[:j], rest[j+1:], column
	}
	return "", rest, column
}

func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = pyStr(n)
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
