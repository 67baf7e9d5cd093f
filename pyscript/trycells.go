package pyscript

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// A try body is a nested function (trystmt.go), so a name it binds would
// be its own local. When a function's code after a try reads such a name,
// the name becomes a field of one hidden cell for the whole function:
//
//	def f():                       def f():
//	                                   _retort_cells1 = _retort_cell()
//	    try:                           def _retort_tryfn2():
//	        x = compute()                  _retort_cells1.x = compute()
//	    except E:                      for _ in _retort_try(_retort_tryfn2, E):
//	        x = None                       _retort_cells1.x = None
//	    use(x)                         use(_retort_cells1.x)
//
// Every read and write of the name in the function (nested functions
// included) goes through the cell, so all of them see one variable, as in
// Python. A function where a nested def, lambda or comprehension binds
// the name itself keeps the refusal of checkTryScopes, as does a try at
// the top level of a module.

const (
	cellName   = "_retort_cell"
	cellPrefix = "_retort_cells"
)

// promoteTryNames rewrites every function whose tries bind names read
// after them; n numbers the hidden cells.
func promoteTryNames(f *syntax.File) {
	var defs []*syntax.DefStmt
	syntax.Walk(f, func(n syntax.Node) bool {
		if d, ok := n.(*syntax.DefStmt); ok {
			defs = append(defs, d)
		}
		return true
	})
	for i, d := range defs {
		names := map[string]bool{}
		for _, e := range tryEscapes(d.Body, true) {
			names[e.bound.name] = true
		}
		if len(names) == 0 || shadows(d.Body, names) {
			continue
		}
		cell := fmt.Sprintf("%s%d", cellPrefix, i+1)
		toCell(d.Body, names, cell)
		init := &syntax.AssignStmt{OpPos: d.Def, Op: syntax.EQ, LHS: ident(cell, d.Def), RHS: call(ident(cellName, d.Def), d.Def)}
		d.Body = append([]syntax.Stmt{init}, d.Body...)
	}
}

// shadows reports whether a def, lambda or comprehension inside body
// (other than a try body) binds one of names as its own.
func shadows(body []syntax.Stmt, names map[string]bool) bool {
	found := false
	binds := func(ps []posName) {
		for _, p := range ps {
			found = found || names[p.name]
		}
	}
	params := func(list []syntax.Expr) {
		for _, p := range list {
			var ps []posName
			if b, ok := p.(*syntax.BinaryExpr); ok {
				targets(b.X, &ps)
			} else if u, ok := p.(*syntax.UnaryExpr); ok {
				targets(u.X, &ps)
			} else {
				targets(p, &ps)
			}
			binds(ps)
		}
	}
	for _, st := range body {
		syntax.Walk(st, func(n syntax.Node) bool {
			switch x := n.(type) {
			case *syntax.DefStmt:
				if !strings.HasPrefix(x.Name.Name, tryPrefix) {
					params(x.Params)
					binds(boundIn(x.Body))
				}
			case *syntax.LambdaExpr:
				params(x.Params)
			case *syntax.ForClause:
				var ps []posName
				targets(x.Vars, &ps)
				binds(ps)
			}
			return !found
		})
	}
	return found
}

// toCell makes every use of names in body a field of cell.
func toCell(body []syntax.Stmt, names map[string]bool, cell string) {
	// Keyword names of calls and parameter names are not uses.
	skip := map[*syntax.Ident]bool{}
	for _, st := range body {
		syntax.Walk(st, func(n syntax.Node) bool {
			var list []syntax.Expr
			switch x := n.(type) {
			case *syntax.CallExpr:
				list = x.Args
			case *syntax.DefStmt:
				list = x.Params
			case *syntax.LambdaExpr:
				list = x.Params
			}
			for _, a := range list {
				if b, ok := a.(*syntax.BinaryExpr); ok && b.Op == syntax.EQ {
					if id, ok := b.X.(*syntax.Ident); ok {
						skip[id] = true
					}
				}
			}
			return true
		})
	}
	fix := func(e *syntax.Expr) {
		id, ok := (*e).(*syntax.Ident)
		if !ok || !names[id.Name] || skip[id] {
			return
		}
		*e = &syntax.DotExpr{X: ident(cell, id.NamePos), Dot: id.NamePos, NamePos: id.NamePos, Name: ident(id.Name, id.NamePos)}
	}
	for _, st := range body {
		syntax.Walk(st, func(n syntax.Node) bool {
			exprSlots(n, true, fix)
			return true
		})
	}
}

// cellValue holds a function's variables that try bodies share with it.
type cellValue struct {
	base
	vars map[string]starlark.Value
}

var _ starlark.HasSetField = (*cellValue)(nil)

func (c *cellValue) String() string { return "<variables>" }
func (c *cellValue) Type() string   { return "variables" }

// AttrNames lists the variables bound so far.
func (c *cellValue) AttrNames() []string { return sortedKeys(c.vars) }

// Attr reads a variable, failing as Python does before it is bound.
func (c *cellValue) Attr(name string) (starlark.Value, error) {
	if v, ok := c.vars[name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("UnboundLocalError: cannot access local variable '%s' where it is not associated with a value", name)
}

// SetField binds a variable.
func (c *cellValue) SetField(name string, v starlark.Value) error {
	c.vars[name] = v
	return nil
}

var cellBuiltin = starlark.NewBuiltin(cellName, func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return &cellValue{vars: map[string]starlark.Value{}}, nil
})
