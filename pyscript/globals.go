package pyscript

import (
	"strconv"

	"go.starlark.net/syntax"
)

// globalsName holds, for a script that calls globals(), a dict of its
// module-level names.
const globalsName = "_retort_globals"

// rewriteGlobals turns globals() into a dict of the module's names bound
// at its top level (functions, classes, assignments), in the order Python
// binds them; Flask-Migrate's multi-database template dispatches
// upgrade() through globals()["upgrade_%s" % engine_name]. The dict is
// built by a statement appended to the module, so the functions that read
// it, which run after the module, see every name.
func rewriteGlobals(f *syntax.File) {
	used := false
	syntax.Walk(f, func(n syntax.Node) bool {
		exprSlots(n, true, func(e *syntax.Expr) {
			c, ok := (*e).(*syntax.CallExpr)
			if !ok || len(c.Args) > 0 {
				return
			}
			if id, ok := c.Fn.(*syntax.Ident); ok && id.Name == "globals" {
				*e = &syntax.Ident{NamePos: id.NamePos, Name: globalsName}
				used = true
			}
		})
		return true
	})
	if !used {
		return
	}
	var names []*syntax.Ident
	seen := map[string]bool{globalsName: true}
	bind := func(id *syntax.Ident) {
		if !seen[id.Name] {
			seen[id.Name] = true
			names = append(names, id)
		}
	}
	var bindTarget func(e syntax.Expr)
	bindTarget = func(e syntax.Expr) {
		switch x := e.(type) {
		case *syntax.Ident:
			bind(x)
		case *syntax.TupleExpr:
			for _, el := range x.List {
				bindTarget(el)
			}
		case *syntax.ListExpr:
			for _, el := range x.List {
				bindTarget(el)
			}
		case *syntax.ParenExpr:
			bindTarget(x.X)
		}
	}
	for _, stmt := range f.Stmts {
		switch s := stmt.(type) {
		case *syntax.DefStmt:
			bind(s.Name)
		case *syntax.AssignStmt:
			bindTarget(s.LHS)
		}
	}
	end := f.Stmts[len(f.Stmts)-1]
	_, pos := end.Span()
	dict := &syntax.DictExpr{Lbrace: pos, Rbrace: pos}
	for _, id := range names {
		dict.List = append(dict.List, &syntax.DictEntry{
			Key:   &syntax.Literal{Token: syntax.STRING, TokenPos: pos, Raw: strconv.Quote(id.Name), Value: id.Name},
			Colon: pos,
			Value: &syntax.Ident{NamePos: pos, Name: id.Name},
		})
	}
	f.Stmts = append(f.Stmts, &syntax.AssignStmt{OpPos: pos, Op: syntax.EQ, LHS: &syntax.Ident{NamePos: pos, Name: globalsName}, RHS: dict})
}
