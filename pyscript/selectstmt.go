package pyscript

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// selectValue is sa.select(...) over one sa.table: the columns, WHERE,
// ORDER BY and LIMIT a data migration reads rows with. It renders as
// SQLAlchemy prints a SELECT (columns qualified by the table, one clause
// per line), with values inlined as literals.
type selectValue struct {
	base
	table   *schema.Table
	cols    []schema.Expr
	where   *schema.Expr
	orderBy []schema.Expr
	limit   int
}

func (s *selectValue) String() string { return "<Select>" }
func (s *selectValue) Type() string   { return "Select" }

func (s *selectValue) clone() *selectValue {
	cp := *s
	cp.cols = append([]schema.Expr(nil), s.cols...)
	cp.orderBy = append([]schema.Expr(nil), s.orderBy...)
	return &cp
}

// saSelect is sa.select(col, ...), sa.select(table) and SQLAlchemy 1.x's
// sa.select([col, ...]).
func saSelect(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.select"
	if len(kwargs) > 0 {
		return nil, fmt.Errorf("%s: retort does not support keyword arguments to select()", fn)
	}
	if len(args) == 1 {
		if l, ok := args[0].(*starlark.List); ok {
			args = nil
			for item := range starlark.Elements(l) {
				args = append(args, item)
			}
		}
	}
	s := &selectValue{}
	for _, a := range args {
		if err := s.addColumn(fn, a); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *selectValue) setTable(fn string, t *schema.Table) error {
	if t == nil {
		return nil
	}
	if s.table != nil && (s.table.Name != t.Name || s.table.Schema != t.Schema) {
		return fmt.Errorf("%s: retort selects from one table; got %s and %s", fn, s.table.Name, t.Name)
	}
	s.table = t
	return nil
}

func (s *selectValue) addColumn(fn string, a starlark.Value) error {
	switch x := plain(a).(type) {
	case *tableValue:
		for _, c := range x.t.Columns {
			s.cols = append(s.cols, schema.Expr{Kind: schema.ExprColumn, Text: c.Name})
		}
		return s.setTable(fn, x.t)
	case *columnValue:
		if x.owner != nil {
			if err := s.setTable(fn, x.owner.t); err != nil {
				return err
			}
		}
		s.cols = append(s.cols, schema.Expr{Kind: schema.ExprColumn, Text: x.col.Name})
		return nil
	case *exprValue:
		s.cols = append(s.cols, x.e)
		return nil
	}
	return fmt.Errorf("%s: retort selects table columns, sa.table objects and SQL expressions, not %s", fn, a.Type())
}

// Attr provides where, order_by, limit and select_from.
func (s *selectValue) Attr(name string) (starlark.Value, error) {
	fn := "Select." + name
	switch name {
	case "where", "filter":
		return method(fn, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if len(kwargs) > 0 || len(args) == 0 {
				return nil, fmt.Errorf("%s: want one or more SQL conditions", fn)
			}
			out := s.clone()
			for _, a := range args {
				e, err := toCondition(a)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", fn, err)
				}
				if out.where == nil {
					out.where = &e
				} else {
					and := schema.Expr{Kind: schema.ExprBinary, Text: "AND", Args: []schema.Expr{*out.where, e}}
					out.where = &and
				}
			}
			return out, nil
		}), nil
	case "order_by":
		return method(fn, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if len(kwargs) > 0 {
				return nil, fmt.Errorf("%s: takes columns only", fn)
			}
			out := s.clone()
			for _, a := range args {
				e, err := toExpr(a)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", fn, err)
				}
				out.orderBy = append(out.orderBy, e)
			}
			return out, nil
		}), nil
	case "limit":
		return method(fn, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var n int
			if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &n); err != nil {
				return nil, err
			}
			out := s.clone()
			out.limit = n
			return out, nil
		}), nil
	case "select_from":
		return method(fn, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var t *tableValue
			if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &t); err != nil {
				return nil, err
			}
			out := s.clone()
			if err := out.setTable(fn, t.t); err != nil {
				return nil, err
			}
			return out, nil
		}), nil
	}
	return nil, nil
}

// AttrNames lists the builder methods.
func (s *selectValue) AttrNames() []string {
	return []string{"filter", "limit", "order_by", "select_from", "where"}
}

// sql renders the statement for the dialect named.
func (s *selectValue) sql(dialectName string) (string, error) {
	if s.table == nil {
		return "", fmt.Errorf("select: retort needs the table to select from (select columns of an sa.table, or add .select_from(table))")
	}
	if len(s.cols) == 0 {
		return "", fmt.Errorf("select: no columns selected")
	}
	r := sqlRenderer{quote: identQuoter(dialectName)}
	r.qual = r.tableName(s.table)
	cols := make([]string, len(s.cols))
	anon := 0
	for i, c := range s.cols {
		cols[i] = r.expr(c)
		if c.Kind == schema.ExprCase {
			// SQLAlchemy labels an unnamed expression anon_1, anon_2, ...
			anon++
			cols[i] += fmt.Sprintf(" AS anon_%d", anon)
		}
	}
	var b strings.Builder
	b.WriteString("SELECT " + strings.Join(cols, ", ") + " \nFROM " + r.qual)
	if s.where != nil {
		b.WriteString(" \nWHERE " + r.expr(*s.where))
	}
	if len(s.orderBy) > 0 {
		parts := make([]string, len(s.orderBy))
		for i, o := range s.orderBy {
			parts[i] = r.expr(o)
		}
		b.WriteString(" ORDER BY " + strings.Join(parts, ", "))
	}
	switch {
	case s.limit > 0 && dialectName == "sqlite":
		// SQLite's compiler always writes an OFFSET with a LIMIT.
		b.WriteString(fmt.Sprintf("\n LIMIT %d OFFSET 0", s.limit))
	case s.limit > 0:
		b.WriteString(fmt.Sprintf(" \n LIMIT %d", s.limit))
	}
	return b.String(), nil
}

// sqlRenderer renders expressions with columns qualified by their table.
type sqlRenderer struct {
	quote func(string) string
	qual  string
}

func (r sqlRenderer) tableName(t *schema.Table) string {
	if t.Schema == "" {
		return r.quote(t.Name)
	}
	return r.quote(t.Schema) + "." + r.quote(t.Name)
}

func (r sqlRenderer) expr(e schema.Expr) string {
	switch e.Kind {
	case schema.ExprColumn:
		return r.qual + "." + r.quote(e.Text)
	case schema.ExprText:
		return e.Text
	case schema.ExprFunc:
		args := make([]string, len(e.Args))
		for i, a := range e.Args {
			args[i] = r.expr(a)
		}
		if len(args) == 0 && strings.EqualFold(e.Text, "count") {
			return e.Text + "(*)"
		}
		return e.Text + "(" + strings.Join(args, ", ") + ")"
	case schema.ExprCase:
		s, _ := schema.CaseSQL(&e, func(x *schema.Expr) (string, error) { return r.expr(*x), nil })
		return s
	case schema.ExprBinary:
		if len(e.Args) != 2 {
			return e.Text
		}
		l, rr := r.expr(e.Args[0]), r.expr(e.Args[1])
		if needsParens(e, e.Args[0]) {
			l = "(" + l + ")"
		}
		if needsParens(e, e.Args[1]) {
			rr = "(" + rr + ")"
		}
		return l + " " + e.Text + " " + rr
	}
	return literalSQL(e.Value)
}

// identQuoter quotes a name as SQLAlchemy does when it must: upper case,
// characters other than lower-case letters, digits and _, a leading digit,
// or one of the reserved words migrations meet most (user only on
// PostgreSQL, where it is reserved).
func identQuoter(dialectName string) func(string) string {
	open, closing := `"`, `"`
	if dialectName == "mysql" {
		open, closing = "`", "`"
	}
	return func(name string) string {
		reserved := commonReserved[name] || dialectName == "postgresql" && name == "user"
		plainName := name != "" && !(name[0] >= '0' && name[0] <= '9') && !reserved
		for _, r := range name {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				plainName = false
				break
			}
		}
		if plainName {
			return name
		}
		return open + strings.ReplaceAll(name, closing, closing+closing) + closing
	}
}

var commonReserved = map[string]bool{
	"all": true, "and": true, "as": true, "between": true, "by": true, "case": true, "check": true, "column": true,
	"constraint": true, "create": true, "default": true, "desc": true, "distinct": true, "drop": true, "else": true,
	"end": true, "from": true, "grant": true, "group": true, "having": true, "in": true, "index": true, "into": true,
	"is": true, "join": true, "key": true, "limit": true, "not": true, "null": true, "on": true, "or": true,
	"order": true, "primary": true, "references": true, "select": true, "table": true, "then": true, "to": true,
	"union": true, "unique": true, "values": true, "when": true, "where": true, "with": true,
}

// saDML is sa.insert(table) / sa.update(table) / sa.delete(table), the
// function forms of table.insert() / update() / delete().
func saDML(kind string) *starlark.Builtin {
	fn := "sa." + kind
	return starlark.NewBuiltin(fn, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var t starlark.Value
		if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &t); err != nil {
			return nil, err
		}
		tv, ok := plain(t).(*tableValue)
		if !ok {
			return nil, fmt.Errorf("%s: table must be sa.table(...) or sa.Table(...), not %s", fn, t.Type())
		}
		return &dmlValue{dml: &ops.DML{Kind: kind, Table: tv.t}}, nil
	})
}
