package pyscript

import (
	"strconv"

	"go.starlark.net/syntax"
)

// rewriteFormatting replaces `x % y` by a call of the hidden mod builtin
// and `x.format(...)` by one of the hidden str.format builtin, so that
// strings format as in Python (Starlark's own % and format print
// repr with double quotes and lack the format-spec mini-language).
// Positions stay at the operator and the call's parenthesis, so errors
// point where Python's would.
func rewriteFormatting(e *syntax.Expr) {
	switch x := (*e).(type) {
	case *syntax.BinaryExpr:
		if x.Op != syntax.PERCENT {
			return
		}
		*e = &syntax.CallExpr{
			Fn:     &syntax.Ident{NamePos: x.OpPos, Name: modName},
			Lparen: x.OpPos,
			Args:   []syntax.Expr{x.X, x.Y},
			Rparen: x.OpPos,
		}
	case *syntax.CallExpr:
		if id, ok := x.Fn.(*syntax.Ident); ok && id.Name == assertName {
			// A failed assert is reported at the assert keyword.
			x.Lparen = id.NamePos
			return
		}
		dot, ok := x.Fn.(*syntax.DotExpr)
		if !ok {
			return
		}
		if pyStrMethods[dot.Name.Name] {
			name := &syntax.Literal{Token: syntax.STRING, TokenPos: dot.NamePos, Raw: strconv.Quote(dot.Name.Name), Value: dot.Name.Name}
			*e = &syntax.CallExpr{
				Fn:     &syntax.Ident{NamePos: dot.NamePos, Name: methodName},
				Lparen: x.Lparen,
				Args:   append([]syntax.Expr{dot.X, name}, x.Args...),
				Rparen: x.Rparen,
			}
			return
		}
		if dot.Name.Name != "format" {
			return
		}
		args := append([]syntax.Expr{dot.X}, x.Args...)
		*e = &syntax.CallExpr{
			Fn:     &syntax.Ident{NamePos: dot.NamePos, Name: strFormatName},
			Lparen: x.Lparen,
			Args:   args,
			Rparen: x.Rparen,
		}
	}
}

// pyStrMethods are Python str and bytes methods Starlark lacks; calls of
// them go through the hidden method builtin, which falls back to the
// receiver's own method for other values.
var pyStrMethods = map[string]bool{
	"encode": true, "decode": true, "ljust": true, "rjust": true, "center": true, "zfill": true,
	"casefold": true, "swapcase": true,
}

// rewriteAugmentedMod turns `name %= y` into `name = name % y`, rewritten.
func rewriteAugmentedMod(n *syntax.AssignStmt) {
	id, ok := n.LHS.(*syntax.Ident)
	if n.Op != syntax.PERCENT_EQ || !ok {
		return
	}
	n.Op = syntax.EQ
	n.RHS = &syntax.CallExpr{
		Fn:     &syntax.Ident{NamePos: n.OpPos, Name: modName},
		Lparen: n.OpPos,
		Args:   []syntax.Expr{&syntax.Ident{NamePos: id.NamePos, Name: id.Name}, n.RHS},
		Rparen: n.OpPos,
	}
}
