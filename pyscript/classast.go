package pyscript

import (
	"strconv"

	"go.starlark.net/syntax"
)

// rewriteClasses finishes what classshim.go began, on the syntax tree:
//
//	def Mood(_retort_class=[B]):      def Mood():
//	    A = 'a'                           A = 'a'
//	    def label(self): ...              def label(self): ...
//	                                      return [("A", A), ("label", label)]
//	                                  Mood = _retort_mkclass("Mood", [B], Mood)
//
// and applies decorators, innermost first, after the def or class they
// decorate (`f = deco(f)`). A method's `super()` becomes
// `_retort_super(Class, self)`. The added statements carry the header's
// position, so they move no line.
func rewriteClasses(path string, f *syntax.File) error {
	stmts, err := rewriteBody(path, f.Stmts, "")
	f.Stmts = stmts
	return err
}

const (
	mkClassName = "_retort_mkclass"
	superName   = "_retort_super"
)

// rewriteBody rewrites one statement list; class names the class when
// body is a class body, whose defs are methods.
func rewriteBody(path string, body []syntax.Stmt, class string) ([]syntax.Stmt, error) {
	var out []syntax.Stmt
	var decos []*syntax.CallExpr
	for _, st := range body {
		if d := decoratorOf(st); d != nil {
			decos = append(decos, d)
			continue
		}
		if err := rewriteNested(path, st, class); err != nil {
			return nil, err
		}
		def, isDef := st.(*syntax.DefStmt)
		if len(decos) > 0 && !isDef {
			return nil, posError(path, decos[0].Fn.(*syntax.Ident).NamePos, "retort does not support a decorator that is not followed by a def or class")
		}
		if !isDef {
			out = append(out, st)
			if r := reraiseAfterFinally(st); r != nil {
				out = append(out, r)
			}
			continue
		}
		cls, err := classOf(path, def)
		if err != nil {
			return nil, err
		}
		out = append(out, def)
		if cls != nil {
			out = append(out, cls)
		}
		for i := len(decos) - 1; i >= 0; i-- {
			// Python reports a failing decorator at its expression.
			pos, _ := decos[i].Args[0].Span()
			out = append(out, assign(def.Name, call(decos[i].Args[0], pos, ident(def.Name.Name, def.Name.NamePos))))
		}
		decos = nil
	}
	if len(decos) > 0 {
		return nil, posError(path, decos[0].Fn.(*syntax.Ident).NamePos, "retort does not support a decorator that is not followed by a def or class")
	}
	return out, nil
}

// rewriteNested rewrites the statement lists inside st, a statement of
// class's body when class is not "".
func rewriteNested(path string, st syntax.Stmt, class string) error {
	var err error
	switch x := st.(type) {
	case *syntax.DefStmt:
		if isClassDef(x) {
			x.Body, err = rewriteBody(path, x.Body, x.Name.Name)
			return err
		}
		if x.Body, err = rewriteBody(path, x.Body, ""); err != nil {
			return err
		}
		if class != "" && len(x.Params) > 0 {
			if self, ok := x.Params[0].(*syntax.Ident); ok {
				rewriteSuper(x.Body, class, self.Name)
			}
		}
	case *syntax.IfStmt:
		if x.True, err = rewriteBody(path, x.True, ""); err == nil {
			x.False, err = rewriteBody(path, x.False, "")
		}
	case *syntax.ForStmt:
		x.Body, err = rewriteBody(path, x.Body, "")
	case *syntax.WhileStmt:
		x.Body, err = rewriteBody(path, x.Body, "")
	}
	return err
}

func decoratorOf(st syntax.Stmt) *syntax.CallExpr {
	e, ok := st.(*syntax.ExprStmt)
	if !ok {
		return nil
	}
	c, ok := e.X.(*syntax.CallExpr)
	if !ok || len(c.Args) != 1 {
		return nil
	}
	if id, ok := c.Fn.(*syntax.Ident); ok && id.Name == decoName {
		return c
	}
	return nil
}

func isClassDef(def *syntax.DefStmt) bool {
	if len(def.Params) != 1 {
		return false
	}
	b, ok := def.Params[0].(*syntax.BinaryExpr)
	if !ok || b.Op != syntax.EQ {
		return false
	}
	id, ok := b.X.(*syntax.Ident)
	return ok && id.Name == classParam
}

// classOf turns a class's def into a body function returning its
// namespace, and returns the statement that makes the class.
func classOf(path string, def *syntax.DefStmt) (syntax.Stmt, error) {
	if !isClassDef(def) {
		return nil, nil
	}
	bases := def.Params[0].(*syntax.BinaryExpr).Y
	def.Params = nil
	var names []posName
	seen := map[string]bool{}
	for _, st := range def.Body {
		var bound []posName
		switch x := st.(type) {
		case *syntax.AssignStmt:
			targets(x.LHS, &bound)
		case *syntax.DefStmt:
			bound = append(bound, posName{x.Name.Name, x.Name.NamePos})
		case *syntax.ExprStmt:
		case *syntax.BranchStmt:
			if x.Token != syntax.PASS {
				return nil, posError(path, x.TokenPos, "retort does not support "+x.Token.String()+" in a class body")
			}
		default:
			start, _ := st.Span()
			return nil, posError(path, start, "retort does not support this statement in a class body (only assignments, defs and nested classes)")
		}
		for _, b := range bound {
			if !seen[b.name] {
				seen[b.name] = true
				names = append(names, b)
			}
		}
	}
	pos := def.Def
	ns := &syntax.ListExpr{Lbrack: pos, Rbrack: pos}
	for _, n := range names {
		ns.List = append(ns.List, &syntax.TupleExpr{Lparen: pos, Rparen: pos, List: []syntax.Expr{strLit(n.name, pos), ident(n.name, pos)}})
	}
	def.Body = append(def.Body, &syntax.ReturnStmt{Return: pos, Result: ns})
	return assign(def.Name, call(ident(mkClassName, pos), pos, strLit(def.Name.Name, pos), bases, ident(def.Name.Name, pos))), nil
}

// rewriteSuper makes super() in a method's body _retort_super(class, self).
func rewriteSuper(body []syntax.Stmt, class, self string) {
	for _, st := range body {
		syntax.Walk(st, func(n syntax.Node) bool {
			c, ok := n.(*syntax.CallExpr)
			if !ok {
				return true
			}
			if id, ok := c.Fn.(*syntax.Ident); ok && id.Name == "super" && len(c.Args) == 0 {
				id.Name = superName
				c.Args = []syntax.Expr{ident(class, id.NamePos), ident(self, id.NamePos)}
			}
			return true
		})
	}
}

func posError(path string, pos syntax.Position, msg string) error {
	return &Error{Path: path, Line: int(pos.Line), Col: int(pos.Col), Msg: msg}
}

func ident(name string, pos syntax.Position) *syntax.Ident {
	return &syntax.Ident{NamePos: pos, Name: name}
}

func strLit(s string, pos syntax.Position) *syntax.Literal {
	return &syntax.Literal{Token: syntax.STRING, TokenPos: pos, Raw: strconv.Quote(s), Value: s}
}

func call(fn syntax.Expr, pos syntax.Position, args ...syntax.Expr) *syntax.CallExpr {
	return &syntax.CallExpr{Fn: fn, Lparen: pos, Args: args, Rparen: pos}
}

func assign(to *syntax.Ident, value syntax.Expr) *syntax.AssignStmt {
	return &syntax.AssignStmt{OpPos: to.NamePos, Op: syntax.EQ, LHS: ident(to.Name, to.NamePos), RHS: value}
}
