package sqlite

import (
	"github.com/retort-dev/retort/schema"
)

// Small builders for the schema values a migration script would produce.

func typ(kind string) *schema.Type { return &schema.Type{Kind: kind} }

func str(n int) *schema.Type { return &schema.Type{Kind: "String", Length: n} }

func numeric(p, s int) *schema.Type { return &schema.Type{Kind: "Numeric", Precision: &p, Scale: &s} }

type colOpt func(*schema.Column)

func col(name string, t *schema.Type, opts ...colOpt) *schema.Column {
	c := &schema.Column{Name: name, Type: t, Nullable: true, Autoincrement: "auto"}
	for _, o := range opts {
		o(c)
	}
	return c
}

func pk(c *schema.Column)      { c.PrimaryKey, c.Nullable = true, false }
func notNull(c *schema.Column) { c.Nullable = false }
func unique(c *schema.Column)  { c.Unique = true }
func index(c *schema.Column)   { c.Index = true }

func fkTo(target string) colOpt {
	return func(c *schema.Column) { c.ForeignKeys = append(c.ForeignKeys, &schema.ForeignKeyRef{Target: target}) }
}

func namedFK(name, target string) colOpt {
	return func(c *schema.Column) {
		c.ForeignKeys = append(c.ForeignKeys, &schema.ForeignKeyRef{Name: name, Target: target})
	}
}

func def(e schema.Expr) colOpt {
	return func(c *schema.Column) { c.ServerDefault = &e }
}

func lit(s string) schema.Expr   { return schema.Expr{Kind: schema.ExprLiteral, Value: s} }
func text(s string) schema.Expr  { return schema.Expr{Kind: schema.ExprText, Text: s} }
func fn(name string) schema.Expr { return schema.Expr{Kind: schema.ExprFunc, Text: name} }

func computed(sql string, persisted *bool) colOpt {
	return func(c *schema.Column) { c.Computed = &schema.Computed{SQL: sql, Persisted: persisted} }
}

func comment(s string) colOpt { return func(c *schema.Column) { c.Comment = &s } }

func boolPtr(b bool) *bool { return &b }

func table(name string, cols ...*schema.Column) *schema.Table {
	return &schema.Table{Name: name, Columns: cols}
}

func withCons(t *schema.Table, cons ...schema.Constraint) *schema.Table {
	t.Constraints = append(t.Constraints, cons...)
	return t
}

func withIndexes(t *schema.Table, idx ...*schema.Index) *schema.Table {
	for _, i := range idx {
		if i.Table == "" {
			i.Table = t.Name
		}
	}
	t.Indexes = append(t.Indexes, idx...)
	return t
}

func withOpt(t *schema.Table, k, v string) *schema.Table {
	if t.DialectOptions == nil {
		t.DialectOptions = map[string]string{}
	}
	t.DialectOptions[k] = v
	return t
}

func idx(name, tbl string, cols ...string) *schema.Index {
	i := &schema.Index{Name: name, Table: tbl}
	for _, c := range cols {
		i.Elements = append(i.Elements, schema.IndexElement{Column: c})
	}
	return i
}

func enum(name string, create bool, values ...string) *schema.Type {
	return &schema.Type{Kind: "Enum", Values: values, EnumName: name, NativeEnum: true, CreateConstraint: create}
}

func boolean(name string, create bool) *schema.Type {
	return &schema.Type{Kind: "Boolean", EnumName: name, CreateConstraint: create}
}
