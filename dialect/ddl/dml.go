package ddl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// exprRenderer renders expressions either for execution (bound values
// become placeholders collected in args) or for offline output (every value
// becomes a literal).
type exprRenderer struct {
	c       *Compiler
	online  bool
	args    []any
	qualify string // rendered [schema.]table columns are qualified with, or ""
}

func (r *exprRenderer) value(v any) (string, error) {
	if e, ok := v.(schema.Expr); ok {
		return r.expr(&e, 0)
	}
	if e, ok := v.(*schema.Expr); ok {
		return r.expr(e, 0)
	}
	if r.online {
		r.args = append(r.args, v)
		return r.c.Hooks.Placeholder(len(r.args)), nil
	}
	return r.c.Hooks.Literals().Literal(v)
}

// literalValue is the Go value of a literal-ish expression.
func literalValue(e *schema.Expr) any {
	if e.Value != nil {
		return e.Value
	}
	if e.Text != "" {
		return e.Text
	}
	return nil
}

func isNullExpr(e *schema.Expr) bool {
	switch e.Kind {
	case schema.ExprLiteral, schema.ExprBind, schema.ExprInline:
		return e.Value == nil && e.Text == ""
	case schema.ExprText:
		return strings.EqualFold(strings.TrimSpace(e.Text), "NULL")
	}
	return false
}

// precedence of binary operators, loosest first, for parenthesising.
func precedence(op string) int {
	switch strings.ToUpper(op) {
	case "OR":
		return 1
	case "AND":
		return 2
	case "NOT":
		return 3
	case "+", "-", "||":
		return 6
	case "*", "/", "%":
		return 7
	}
	return 5 // comparisons, LIKE, IS, IN
}

func (r *exprRenderer) expr(e *schema.Expr, parent int) (string, error) {
	switch e.Kind {
	case schema.ExprLiteral, schema.ExprInline:
		return r.c.Hooks.Literals().Literal(literalValue(e))
	case schema.ExprBind:
		v := literalValue(e)
		if r.online {
			r.args = append(r.args, v)
			return r.c.Hooks.Placeholder(len(r.args)), nil
		}
		return r.c.Hooks.Literals().Literal(v)
	case schema.ExprText:
		return e.Text, nil
	case schema.ExprColumn:
		if r.qualify != "" {
			return r.qualify + "." + r.c.Ident(e.Text), nil
		}
		return r.c.Ident(e.Text), nil
	case schema.ExprFunc:
		args := make([]string, len(e.Args))
		for i := range e.Args {
			s, err := r.expr(&e.Args[i], 0)
			if err != nil {
				return "", err
			}
			args[i] = s
		}
		return r.c.Hooks.FuncSQL(e.Text, args), nil
	case schema.ExprCase:
		return schema.CaseSQL(e, func(x *schema.Expr) (string, error) { return r.expr(x, 0) })
	case schema.ExprBinary:
		if len(e.Args) != 2 {
			return "", fmt.Errorf("binary expression %q needs 2 operands, got %d", e.Text, len(e.Args))
		}
		op := strings.ToUpper(e.Text)
		p := precedence(op)
		left, err := r.expr(&e.Args[0], p)
		if err != nil {
			return "", err
		}
		// Comparing with NULL is IS NULL / IS NOT NULL, as SQLAlchemy renders it.
		if isNullExpr(&e.Args[1]) && (op == "=" || op == "!=" || op == "<>") {
			if op == "=" {
				return left + " IS NULL", nil
			}
			return left + " IS NOT NULL", nil
		}
		right, err := r.expr(&e.Args[1], p)
		if err != nil {
			return "", err
		}
		s := left + " " + op + " " + right
		if p < parent {
			s = "(" + s + ")"
		}
		return s, nil
	}
	return "", fmt.Errorf("unknown expression kind %d", e.Kind)
}

// ExprSQL renders an expression with every value as a literal (DDL context:
// check conditions, index expressions, server defaults).
func (c *Compiler) ExprSQL(e *schema.Expr) (string, error) {
	r := &exprRenderer{c: c}
	return r.expr(e, 0)
}

// Execute compiles op.execute: raw SQL passes through as written, its
// named arguments (sa.text bind parameters) turned into placeholders and,
// offline, literals; a DML
// statement is rendered twice, with placeholders and Args for execution and
// with literals for offline output.
func (c *Compiler) Execute(o *ops.Execute) ([]dialect.Stmt, error) {
	if o.DML == nil {
		if strings.TrimSpace(o.SQL) == "" {
			return nil, errors.New("no SQL given")
		}
		if len(o.Args) > 0 {
			st, err := c.textBinds(o.SQL, o.Args)
			if err != nil {
				return nil, err
			}
			return []dialect.Stmt{st}, nil
		}
		return []dialect.Stmt{{SQL: o.SQL}}, nil
	}
	st, err := c.DMLStmt(o.DML)
	if err != nil {
		return nil, err
	}
	return []dialect.Stmt{st}, nil
}

// DMLStmt renders one INSERT, UPDATE or DELETE.
func (c *Compiler) DMLStmt(d *ops.DML) (dialect.Stmt, error) {
	if d.Table == nil {
		return dialect.Stmt{}, errors.New("DML statement has no table")
	}
	online, args, err := c.dmlText(d, true)
	if err != nil {
		return dialect.Stmt{}, err
	}
	st := dialect.Stmt{SQL: online, Args: args}
	if len(args) > 0 {
		st.Inline, _, err = c.dmlText(d, false)
		if err != nil {
			return dialect.Stmt{}, err
		}
	}
	return st, nil
}

func (c *Compiler) dmlText(d *ops.DML, online bool) (string, []any, error) {
	r := &exprRenderer{c: c, online: online}
	table := c.Table(d.Table.Schema, d.Table.Name)
	var b strings.Builder
	switch strings.ToLower(d.Kind) {
	case "insert":
		cols := make([]string, len(d.Values))
		vals := make([]string, len(d.Values))
		for i, cv := range d.Values {
			cols[i] = c.Ident(cv.Column)
			v := cv.Value
			s, err := r.expr(&v, 0)
			if err != nil {
				return "", nil, fmt.Errorf("value of %s: %w", cv.Column, err)
			}
			vals[i] = s
		}
		b.WriteString("INSERT INTO " + table)
		if len(cols) == 0 {
			b.WriteString(" DEFAULT VALUES")
		} else {
			b.WriteString(" (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(vals, ", ") + ")")
		}
	case "update":
		if len(d.Values) == 0 {
			return "", nil, errors.New("UPDATE without values")
		}
		sets := make([]string, len(d.Values))
		r.qualify = table // as in WHERE: SET a=t.b, total=CASE WHEN (orders.total > 1) ...
		for i, cv := range d.Values {
			v := cv.Value
			s, err := r.expr(&v, 0)
			if err != nil {
				return "", nil, fmt.Errorf("value of %s: %w", cv.Column, err)
			}
			if v.Kind == schema.ExprBinary {
				s = "(" + s + ")" // SQLAlchemy groups an operation set as a value
			}
			sets[i] = c.Ident(cv.Column) + "=" + s
		}
		r.qualify = ""
		b.WriteString("UPDATE " + table + " SET " + strings.Join(sets, ", "))
	case "delete":
		b.WriteString("DELETE FROM " + table)
	default:
		return "", nil, fmt.Errorf("unknown DML kind %q (want insert, update or delete)", d.Kind)
	}
	if d.Where != nil {
		if strings.EqualFold(d.Kind, "insert") {
			return "", nil, errors.New("INSERT takes no WHERE clause")
		}
		r.qualify = table // SQLAlchemy qualifies WHERE columns with the schema too
		s, err := r.expr(d.Where, 0)
		if err != nil {
			return "", nil, fmt.Errorf("where clause: %w", err)
		}
		b.WriteString(" WHERE " + s)
	}
	return b.String(), r.args, nil
}

// BulkInsert compiles op.bulk_insert. Offline, Alembic renders one INSERT
// per row naming only that row's keys, with literals. Online retort sends the
// same per-row statements with bound values, except that with multiinsert
// and rows that all name the same columns it sends one multi-row INSERT; that
// statement's Inline text is the per-row offline statements joined by
// ";\n\n", so offline output stays byte-identical to Alembic's.
func (c *Compiler) BulkInsert(o *ops.BulkInsert) ([]dialect.Stmt, error) {
	if o.Table == nil {
		return nil, errors.New("no table given")
	}
	rows := make([][]string, len(o.Rows))
	for i, row := range o.Rows {
		cols, err := rowColumns(o.Table, row)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i, err)
		}
		if len(cols) == 0 {
			return nil, fmt.Errorf("row %d has no values", i)
		}
		rows[i] = cols
	}
	table := c.Table(o.Table.Schema, o.Table.Name)
	rowSQL := func(r *exprRenderer, i int) (string, error) {
		vals := make([]string, len(rows[i]))
		for j, col := range rows[i] {
			s, err := r.value(o.Rows[i][col])
			if err != nil {
				return "", fmt.Errorf("row %d, column %s: %w", i, col, err)
			}
			vals[j] = s
		}
		return "(" + strings.Join(vals, ", ") + ")", nil
	}
	head := func(i int) string {
		return "INSERT INTO " + table + " (" + c.IdentList(rows[i]) + ") VALUES "
	}
	inline := make([]string, len(rows))
	for i := range rows {
		r := &exprRenderer{c: c}
		s, err := rowSQL(r, i)
		if err != nil {
			return nil, err
		}
		inline[i] = head(i) + s
	}
	if o.MultiInsert && len(rows) > 1 && sameColumns(rows) {
		r := &exprRenderer{c: c, online: true}
		vals := make([]string, len(rows))
		for i := range rows {
			s, err := rowSQL(r, i)
			if err != nil {
				return nil, err
			}
			vals[i] = s
		}
		return []dialect.Stmt{{SQL: head(0) + strings.Join(vals, ", "), Args: r.args, Inline: strings.Join(inline, ";\n\n")}}, nil
	}
	out := make([]dialect.Stmt, len(rows))
	for i := range rows {
		r := &exprRenderer{c: c, online: true}
		s, err := rowSQL(r, i)
		if err != nil {
			return nil, err
		}
		out[i] = dialect.Stmt{SQL: head(i) + s, Args: r.args}
		if len(r.args) > 0 {
			out[i].Inline = inline[i]
		}
	}
	return out, nil
}

// rowColumns lists a row's keys in table column order, rejecting unknown keys.
func rowColumns(t *schema.Table, row map[string]any) ([]string, error) {
	cols := make([]string, 0, len(row))
	for _, col := range t.Columns {
		if _, ok := row[col.Name]; ok {
			cols = append(cols, col.Name)
		}
	}
	if len(cols) != len(row) {
		for k := range row {
			if t.Column(k) == nil {
				return nil, fmt.Errorf("unconsumed column name %q: table %s has no such column", k, t.Name)
			}
		}
	}
	return cols, nil
}

func sameColumns(rows [][]string) bool {
	for _, r := range rows[1:] {
		if strings.Join(r, "\x00") != strings.Join(rows[0], "\x00") {
			return false
		}
	}
	return true
}
