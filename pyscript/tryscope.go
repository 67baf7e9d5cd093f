package pyscript

import (
	"fmt"
	"strings"

	"go.starlark.net/syntax"
)

// checkTryScopes refuses a try body that binds a name the code after the
// try reads: in Python the try body shares its function's variables, but
// the shim made it a function of its own, so the read would silently see
// the old value (or none).
func checkTryScopes(path string, f *syntax.File) error {
	var check func(body []syntax.Stmt) error
	check = func(body []syntax.Stmt) error {
		for _, d := range directDefs(body) {
			if err := check(d.Body); err != nil {
				return err
			}
		}
		if esc := tryEscapes(body, false); len(esc) > 0 {
			b := esc[0].bound
			return &Error{Path: path, Line: int(b.pos.Line), Col: int(b.pos.Col), Msg: fmt.Sprintf(
				"retort does not support binding %s inside a try block and reading it after the block (line %d); bind it before the try", b.name, esc[0].readLine)}
		}
		return nil
	}
	return check(f.Stmts)
}

// tryEscape is a name a try body in a statement list binds and the code
// after the try reads.
type tryEscape struct {
	bound    posName
	readLine int
}

// tryEscapes lists them for the tries directly in body. A read after the
// name is bound again outside the try does not count, unless all: sharing
// the variable is never wrong, but refusing is only needed where the
// old value (or none) could be read.
func tryEscapes(body []syntax.Stmt, all bool) []tryEscape {
	var out []tryEscape
	for _, d := range directDefs(body) {
		if !strings.HasPrefix(d.Name.Name, tryPrefix) {
			continue
		}
		_, end := d.Span()
		var outBinds, outReads []posName
		for _, st := range body {
			collectNames(st, d, &outBinds, &outReads)
		}
	names:
		for _, b := range boundIn(d.Body) {
			if strings.HasPrefix(b.name, "_retort_") {
				continue
			}
			for _, r := range outReads {
				if r.name == b.name && after(r.pos, end) && (all || !reboundBetween(outBinds, b.name, end, r.pos)) {
					out = append(out, tryEscape{bound: b, readLine: int(r.pos.Line)})
					continue names
				}
			}
		}
	}
	return out
}

type posName struct {
	name string
	pos  syntax.Position
}

func after(a, b syntax.Position) bool {
	return a.Line > b.Line || a.Line == b.Line && a.Col > b.Col
}

func reboundBetween(binds []posName, name string, from, to syntax.Position) bool {
	for _, b := range binds {
		if b.name == name && after(b.pos, from) && after(to, b.pos) {
			return true
		}
	}
	return false
}

// directDefs lists the defs in body, not looking inside other defs.
func directDefs(body []syntax.Stmt) []*syntax.DefStmt {
	var out []*syntax.DefStmt
	for _, st := range body {
		syntax.Walk(st, func(n syntax.Node) bool {
			if d, ok := n.(*syntax.DefStmt); ok {
				out = append(out, d)
				return false
			}
			return true
		})
	}
	return out
}

// targets adds the names an assignment target binds.
func targets(e syntax.Expr, out *[]posName) {
	switch x := e.(type) {
	case *syntax.Ident:
		*out = append(*out, posName{x.Name, x.NamePos})
	case *syntax.TupleExpr:
		for _, y := range x.List {
			targets(y, out)
		}
	case *syntax.ListExpr:
		for _, y := range x.List {
			targets(y, out)
		}
	case *syntax.ParenExpr:
		targets(x.X, out)
	}
}

// boundIn lists the names statements bind, not looking inside defs.
func boundIn(body []syntax.Stmt) []posName {
	var out []posName
	for _, st := range body {
		syntax.Walk(st, func(n syntax.Node) bool {
			switch x := n.(type) {
			case *syntax.DefStmt:
				out = append(out, posName{x.Name.Name, x.Name.NamePos})
				return false
			case *syntax.LambdaExpr, *syntax.Comprehension:
				return false
			case *syntax.AssignStmt:
				targets(x.LHS, &out)
			case *syntax.ForStmt:
				targets(x.Vars, &out)
			}
			return true
		})
	}
	return out
}

// collectNames gathers bindings and reads of st, skipping skip.
func collectNames(st syntax.Node, skip *syntax.DefStmt, binds, reads *[]posName) {
	bound := map[*syntax.Ident]bool{}
	syntax.Walk(st, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.DefStmt:
			if x == skip {
				return false
			}
		case *syntax.AssignStmt:
			var b []posName
			targets(x.LHS, &b)
			// The names are bound once the value is computed: in
			// x = x + 1 the read of x comes first.
			_, end := x.Span()
			for i := range b {
				b[i].pos = end
			}
			*binds = append(*binds, b...)
			markIdents(x.LHS, bound)
		case *syntax.ForStmt:
			var b []posName
			targets(x.Vars, &b)
			*binds = append(*binds, b...)
			markIdents(x.Vars, bound)
		case *syntax.Ident:
			if !bound[x] {
				*reads = append(*reads, posName{x.Name, x.NamePos})
			}
		}
		return true
	})
}

func markIdents(e syntax.Expr, into map[*syntax.Ident]bool) {
	switch x := e.(type) {
	case *syntax.Ident:
		into[x] = true
	case *syntax.TupleExpr:
		for _, y := range x.List {
			markIdents(y, into)
		}
	case *syntax.ListExpr:
		for _, y := range x.List {
			markIdents(y, into)
		}
	case *syntax.ParenExpr:
		markIdents(x.X, into)
	}
}
