package pyscript

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/retort-dev/retort/schema"
)

// base supplies the Value methods every script object shares.
type base struct{}

func (base) Freeze()               {}
func (base) Truth() starlark.Bool  { return starlark.True }
func (base) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type") }

// method makes a bound builtin for an object's attribute.
func method(name string, fn func(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return fn(thread, args, kwargs)
	})
}

// exprValue is a SQL expression: sa.text(), sa.func.x(), literal_column,
// comparisons of columns, op.inline_literal(), and so on.
type exprValue struct {
	base
	e    schema.Expr
	desc bool // .desc() in an index
}

func (v *exprValue) String() string { return renderSQL(v.e) }
func (v *exprValue) Type() string {
	switch v.e.Kind {
	case schema.ExprText:
		return "TextClause"
	case schema.ExprFunc:
		return "Function"
	}
	return "ClauseElement"
}

// columnValue is sa.Column(...), sa.column(...) or table.c.name.
type columnValue struct {
	base
	col   *schema.Column
	table string // owning table's name, when known
	// owner is the sa.table the column was reached through (t.c.x), for
	// the FROM of sa.select.
	owner *tableValue
	fks   []*fkRefValue
	// checks are column-level CheckConstraints (sa.Column("x", ..., sa.CheckConstraint(...))).
	checks []*constraintValue
	// nullableSet is nullable= given explicitly: a PrimaryKeyConstraint
	// then leaves the column's nullability alone, as in SQLAlchemy.
	nullableSet bool
}

func (v *columnValue) String() string { return "Column(" + strconv.Quote(v.col.Name) + ")" }
func (v *columnValue) Type() string   { return "Column" }

// toExpr turns a script value used inside a SQL expression into schema.Expr:
// plain values become bound parameters, as SQLAlchemy does.
func toExpr(v starlark.Value) (schema.Expr, error) {
	switch x := plain(v).(type) {
	case *exprValue:
		return x.e, nil
	case *columnValue:
		return schema.Expr{Kind: schema.ExprColumn, Text: x.col.Name}, nil
	case starlark.NoneType:
		return schema.Expr{Kind: schema.ExprLiteral, Value: nil}, nil
	}
	g, err := toGo(v)
	if err != nil {
		return schema.Expr{}, err
	}
	return schema.Expr{Kind: schema.ExprBind, Text: fmt.Sprint(g), Value: g}, nil
}

// toGo converts a plain script value to a Go value: nil, bool, int64,
// float64 or string.
func toGo(v starlark.Value) (any, error) {
	switch x := v.(type) {
	case starlark.NoneType:
		return nil, nil
	case starlark.Bool:
		return bool(x), nil
	case starlark.Int:
		i, ok := x.Int64()
		if !ok {
			return nil, fmt.Errorf("integer %s is out of range", x)
		}
		return i, nil
	case starlark.Float:
		return float64(x), nil
	case starlark.String:
		return string(x), nil
	case starlark.Bytes:
		return []byte(x), nil
	case *dateValue:
		return x.t, nil
	case *enumMember:
		// SQLAlchemy binds an Enum class's member by its name.
		return x.name, nil
	}
	return nil, fmt.Errorf("got %s, want None, bool, int, float or string", v.Type())
}

// plain returns the expression inside an sa.text() value, so code that
// handles expressions need not know about bindparams.
func plain(v starlark.Value) starlark.Value {
	if t, ok := v.(*textValue); ok {
		return &t.exprValue
	}
	return v
}

func isSQLExpr(v starlark.Value) bool {
	switch plain(v).(type) {
	case *exprValue, *columnValue:
		return true
	}
	return false
}

var comparisonSQL = map[string]string{"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

var comparisonTokens = map[syntax.Token]string{
	syntax.EQL: "==", syntax.NEQ: "!=", syntax.LT: "<", syntax.LE: "<=", syntax.GT: ">", syntax.GE: ">=",
}

var tokenOfComparison = map[string]syntax.Token{
	"==": syntax.EQL, "!=": syntax.NEQ, "<": syntax.LT, "<=": syntax.LE, ">": syntax.GT, ">=": syntax.GE,
}

// compareName is the hidden builtin comparisons are rewritten into, so that
// `table.c.id == 5` builds a SQL expression, as in SQLAlchemy, while plain
// values compare as usual.
const compareName = "_retort_compare"

// rewriteComparisons replaces every comparison in f by a call of the
// hidden compare builtin, positioned at the operator.
func rewriteComparisons(f *syntax.File) {
	syntax.Walk(f, func(n syntax.Node) bool {
		rewriteIn(n)
		return true
	})
}

func rewriteIn(n syntax.Node) {
	fix := func(e *syntax.Expr) {
		if e == nil || *e == nil {
			return
		}
		rewriteFormatting(e)
		b, ok := (*e).(*syntax.BinaryExpr)
		if !ok {
			return
		}
		name, ok := comparisonTokens[b.Op]
		if !ok {
			return
		}
		*e = &syntax.CallExpr{
			Fn:     &syntax.Ident{NamePos: b.OpPos, Name: compareName},
			Lparen: b.OpPos,
			Args:   []syntax.Expr{&syntax.Literal{Token: syntax.STRING, TokenPos: b.OpPos, Raw: strconv.Quote(name), Value: name}, b.X, b.Y},
			Rparen: b.OpPos,
		}
	}
	if a, ok := n.(*syntax.AssignStmt); ok {
		rewriteAugmentedMod(a)
	}
	exprSlots(n, false, fix)
}

// exprSlots calls fix with each expression slot n holds directly. With
// all, the called expression of a call and a loop's variables are
// included too, which the formatting rewrites leave alone.
func exprSlots(n syntax.Node, all bool, fix func(*syntax.Expr)) {
	switch n := n.(type) {
	case *syntax.AssignStmt:
		fix(&n.RHS)
		fix(&n.LHS)
	case *syntax.ExprStmt:
		fix(&n.X)
	case *syntax.ReturnStmt:
		fix(&n.Result)
	case *syntax.IfStmt:
		fix(&n.Cond)
	case *syntax.WhileStmt:
		fix(&n.Cond)
	case *syntax.ForStmt:
		fix(&n.X)
		if all {
			fix(&n.Vars)
		}
	case *syntax.BinaryExpr:
		fix(&n.X)
		fix(&n.Y)
	case *syntax.UnaryExpr:
		fix(&n.X)
	case *syntax.ParenExpr:
		fix(&n.X)
	case *syntax.CondExpr:
		fix(&n.Cond)
		fix(&n.True)
		fix(&n.False)
	case *syntax.CallExpr:
		if all {
			fix(&n.Fn)
		}
		for i := range n.Args {
			fix(&n.Args[i])
		}
	case *syntax.ListExpr:
		for i := range n.List {
			fix(&n.List[i])
		}
	case *syntax.TupleExpr:
		for i := range n.List {
			fix(&n.List[i])
		}
	case *syntax.DictEntry:
		fix(&n.Key)
		fix(&n.Value)
	case *syntax.IndexExpr:
		fix(&n.X)
		fix(&n.Y)
	case *syntax.SliceExpr:
		fix(&n.Lo)
		fix(&n.Hi)
		fix(&n.Step)
	case *syntax.Comprehension:
		fix(&n.Body)
	case *syntax.IfClause:
		fix(&n.Cond)
	case *syntax.ForClause:
		fix(&n.X)
	case *syntax.LambdaExpr:
		fix(&n.Body)
	case *syntax.DotExpr:
		fix(&n.X)
	case *syntax.DefStmt:
		for i := range n.Params {
			fix(&n.Params[i])
		}
	}
}

var compareBuiltin = starlark.NewBuiltin(compareName, func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var op string
	var x, y starlark.Value
	if err := starlark.UnpackPositionalArgs(compareName, args, kwargs, 3, &op, &x, &y); err != nil {
		return nil, err
	}
	if _, ok := tokenOfComparison[op]; !ok {
		return nil, fmt.Errorf("%s: unknown comparison %q", compareName, op)
	}
	if isSQLExpr(x) || isSQLExpr(y) {
		return comparisonExpr(op, x, y)
	}
	x, y = mixedValue(x), mixedValue(y)
	ok, err := starlark.Compare(tokenOfComparison[op], x, y)
	if err != nil {
		return nil, err
	}
	return starlark.Bool(ok), nil
})

// isNull reports whether v is None or sa.null(), which SQLAlchemy compares
// with IS / IS NOT.
func isNull(v starlark.Value) bool {
	if v == starlark.None {
		return true
	}
	e, ok := v.(*exprValue)
	return ok && e.e.Kind == schema.ExprText && e.e.Text == "NULL"
}

// ownedColumn is v when it is a column reached through its table (t.c.x).
func ownedColumn(v starlark.Value) (*columnValue, bool) {
	c, ok := plain(v).(*columnValue)
	return c, ok && c.owner != nil
}

func sameTable(a, b *schema.Table) bool { return a.Name == b.Name && a.Schema == b.Schema }

// otherTableError refuses col, of another table, in a statement retort
// renders over one table, where SQLAlchemy would join the two (UPDATE ...
// FROM): rendering it qualified by the statement's own table would be
// different SQL.
func otherTableError(what string, col *columnValue) error {
	return fmt.Errorf("retort does not support %s a column of another table (%s.%s): SQLAlchemy joins the tables there",
		what, col.owner.t.Name, col.col.Name)
}

func comparisonExpr(op string, x, y starlark.Value) (starlark.Value, error) {
	if a, ok := ownedColumn(x); ok {
		if b, ok := ownedColumn(y); ok && !sameTable(a.owner.t, b.owner.t) {
			return nil, otherTableError("comparing a column of "+a.owner.t.Name+" with", b)
		}
	}
	sqlOp := comparisonSQL[op]
	if isNull(y) && (op == "==" || op == "!=") {
		sqlOp = map[string]string{"==": "IS", "!=": "IS NOT"}[op]
	}
	l, err := toExpr(x)
	if err != nil {
		return nil, fmt.Errorf("comparison: %w", err)
	}
	r, err := toExpr(y)
	if err != nil {
		return nil, fmt.Errorf("comparison: %w", err)
	}
	return &exprValue{e: schema.Expr{Kind: schema.ExprBinary, Text: sqlOp, Args: []schema.Expr{l, r}}}, nil
}

// Binary implements & | + - * / % on SQL expressions (SQLAlchemy's and_,
// or_ and arithmetic operators).
func (v *exprValue) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	return exprBinary(v, op, y, side)
}

// Binary implements & | + - * / % on column expressions.
func (v *columnValue) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	return exprBinary(v, op, y, side)
}

func exprBinary(x starlark.Value, op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	sqlOps := map[syntax.Token]string{syntax.AMP: "AND", syntax.PIPE: "OR", syntax.PLUS: "+", syntax.MINUS: "-",
		syntax.STAR: "*", syntax.SLASH: "/", syntax.PERCENT: "%"}
	sqlOp, ok := sqlOps[op]
	if !ok {
		return nil, nil // not supported: Starlark reports the usual error
	}
	if side == starlark.Right {
		x, y = y, x
	}
	l, err := toExpr(x)
	if err != nil {
		return nil, err
	}
	r, err := toExpr(y)
	if err != nil {
		return nil, err
	}
	return &exprValue{e: schema.Expr{Kind: schema.ExprBinary, Text: sqlOp, Args: []schema.Expr{l, r}}}, nil
}

// Unary implements ~expr (NOT) and -expr.
func (v *exprValue) Unary(op syntax.Token) (starlark.Value, error) { return exprUnary(v, op) }

// Unary implements ~column (NOT) and -column.
func (v *columnValue) Unary(op syntax.Token) (starlark.Value, error) { return exprUnary(v, op) }

func exprUnary(x starlark.Value, op syntax.Token) (starlark.Value, error) {
	e, _ := toExpr(x)
	switch op {
	case syntax.TILDE:
		return &exprValue{e: schema.Expr{Kind: schema.ExprText, Text: "NOT (" + renderSQL(e) + ")"}}, nil
	case syntax.MINUS:
		return &exprValue{e: schema.Expr{Kind: schema.ExprText, Text: "-" + renderSQL(e)}}, nil
	}
	return nil, nil
}

// exprMethods are the ColumnOperators methods shared by columns and expressions.
func exprMethod(recv starlark.Value, name string) starlark.Value {
	binary := func(sqlOp string) *starlark.Builtin {
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var other starlark.Value
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 1, &other); err != nil {
				return nil, err
			}
			l, _ := toExpr(recv)
			r, err := toExpr(other)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			return &exprValue{e: schema.Expr{Kind: schema.ExprBinary, Text: sqlOp, Args: []schema.Expr{l, r}}}, nil
		})
	}
	switch name {
	case "desc", "asc":
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
				return nil, err
			}
			e, _ := toExpr(recv)
			return &exprValue{e: e, desc: name == "desc"}, nil
		})
	case "is_":
		return binary("IS")
	case "is_not", "isnot":
		return binary("IS NOT")
	case "like":
		return binary("LIKE")
	case "ilike":
		return binary("ILIKE")
	case "notlike", "not_like":
		return binary("NOT LIKE")
	case "in_", "not_in", "notin_":
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var seq starlark.Iterable
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 1, &seq); err != nil {
				return nil, err
			}
			var items []string
			for item := range starlark.Elements(seq) {
				e, err := toExpr(item)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				items = append(items, renderSQL(e))
			}
			l, _ := toExpr(recv)
			kw := " IN ("
			if name != "in_" {
				kw = " NOT IN ("
			}
			return &exprValue{e: schema.Expr{Kind: schema.ExprText, Text: renderSQL(l) + kw + strings.Join(items, ", ") + ")"}}, nil
		})
	case "between":
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var lo, hi starlark.Value
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 2, &lo, &hi); err != nil {
				return nil, err
			}
			l, _ := toExpr(recv)
			a, err := toExpr(lo)
			if err != nil {
				return nil, err
			}
			b, err := toExpr(hi)
			if err != nil {
				return nil, err
			}
			return &exprValue{e: schema.Expr{Kind: schema.ExprText, Text: renderSQL(l) + " BETWEEN " + renderSQL(a) + " AND " + renderSQL(b)}}, nil
		})
	case "op":
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var sqlOp string
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 1, &sqlOp); err != nil {
				return nil, err
			}
			return exprMethodOp(recv, sqlOp), nil
		})
	case "label":
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return recv, nil
		})
	}
	return nil
}

func exprMethodOp(recv starlark.Value, sqlOp string) *starlark.Builtin {
	return method("op", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var other starlark.Value
		if err := starlark.UnpackPositionalArgs("op", args, kwargs, 1, &other); err != nil {
			return nil, err
		}
		l, _ := toExpr(recv)
		r, err := toExpr(other)
		if err != nil {
			return nil, err
		}
		return &exprValue{e: schema.Expr{Kind: schema.ExprBinary, Text: sqlOp, Args: []schema.Expr{l, r}}}, nil
	})
}

var exprMethodNames = []string{"asc", "between", "desc", "ilike", "in_", "is_", "is_not", "isnot", "label", "like", "not_in", "not_like", "notin_", "notlike", "op"}

// Attr gives expressions SQLAlchemy's operator methods.
func (v *exprValue) Attr(name string) (starlark.Value, error) { return exprMethod(v, name), nil }

// AttrNames lists the operator methods.
func (v *exprValue) AttrNames() []string { return exprMethodNames }

// Attr gives columns their name, type and operator methods.
func (v *columnValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "name", "key":
		return starlark.String(v.col.Name), nil
	case "type":
		if v.col.Type == nil {
			return starlark.None, nil
		}
		return &typeValue{t: v.col.Type}, nil
	case "nullable":
		return starlark.Bool(v.col.Nullable), nil
	case "primary_key":
		return starlark.Bool(v.col.PrimaryKey), nil
	}
	return exprMethod(v, name), nil
}

// AttrNames lists a column's attributes.
func (v *columnValue) AttrNames() []string {
	return append([]string{"key", "name", "nullable", "primary_key", "type"}, exprMethodNames...)
}

// renderSQL renders an expression as SQL text with literal values inlined,
// the way SQLAlchemy compiles a CHECK condition or an index's WHERE clause.
func renderSQL(e schema.Expr) string {
	switch e.Kind {
	case schema.ExprText:
		return e.Text
	case schema.ExprColumn:
		return e.Text
	case schema.ExprFunc:
		args := make([]string, len(e.Args))
		for i, a := range e.Args {
			args[i] = renderSQL(a)
		}
		return e.Text + "(" + strings.Join(args, ", ") + ")"
	case schema.ExprBinary:
		if len(e.Args) != 2 {
			return e.Text
		}
		l, r := renderSQL(e.Args[0]), renderSQL(e.Args[1])
		if needsParens(e, e.Args[0]) {
			l = "(" + l + ")"
		}
		if needsParens(e, e.Args[1]) {
			r = "(" + r + ")"
		}
		return l + " " + e.Text + " " + r
	}
	return literalSQL(e.Value)
}

// needsParens reports whether operand, inside the conjunction parent, is
// parenthesised as SQLAlchemy does: AND binds tighter than OR, so only an
// OR inside an AND needs them ("a AND b OR c", "(a OR b) AND c").
func needsParens(parent, operand schema.Expr) bool {
	return parent.Kind == schema.ExprBinary && parent.Text == "AND" &&
		operand.Kind == schema.ExprBinary && operand.Text == "OR"
}

// literalSQL renders a Go value as a SQL literal (strings quoted with
// doubled single quotes).
func literalSQL(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'"
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// exprColumns lists the column names an expression mentions, in order.
func exprColumns(e schema.Expr) []string {
	var out []string
	var walk func(e schema.Expr)
	walk = func(e schema.Expr) {
		if e.Kind == schema.ExprColumn {
			out = append(out, e.Text)
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(e)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
