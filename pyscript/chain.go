package pyscript

import (
	"fmt"
	"strconv"

	"go.starlark.net/starlark"
)

// Chained comparisons. Starlark's comparisons do not chain, so the shim
// turns `lo < x <= hi` into `_retort_chain(lo, "<", x, "<=", hi)`, which
// compares pairwise and stops at the first false, as Python does (all
// operands are evaluated first, though).

const chainName = "_retort_chain"

var chainOps = map[string]bool{"<": true, ">": true, "<=": true, ">=": true, "==": true, "!=": true}

// chainBoundaries end the operand run a chain can belong to.
var chainBoundaries = map[string]bool{
	",": true, "=": true, ":": true, ";": true, ":=": true, "->": true, "+=": true, "-=": true, "*=": true,
	"/=": true, "%=": true, "&=": true, "|=": true, "^=": true,
	"and": true, "or": true, "not": true, "if": true, "else": true, "elif": true, "while": true, "for": true,
	"lambda": true, "return": true, "assert": true, "del": true, "raise": true, "with": true, "as": true,
	"import": true, "from": true, "yield": true,
}

type chainSeg struct {
	start    int
	ops      []int // token indexes of comparison operators
	other    []int // in / is operators, which retort cannot chain
	afterFor bool
}

// chains rewrites the chained comparisons of one logical line.
func (s *shimmer) chains(toks []token) error {
	stack := []*chainSeg{{start: 0}}
	finish := func(seg *chainSeg, end int) error {
		if len(seg.ops)+len(seg.other) >= 2 && end > seg.start {
			if len(seg.other) > 0 {
				t := toks[seg.other[0]]
				return &shimError{line: t.line, col: t.col, msg: "retort does not support chained comparisons with in or is (write them joined by and)"}
			}
			s.insert(toks[seg.start].start, chainName+"(")
			for _, i := range seg.ops {
				s.replaceToken(toks[i], ", "+strconv.Quote(toks[i].text)+", ")
			}
			s.insert(toks[end-1].end, ")")
		}
		return nil
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		seg := stack[len(stack)-1]
		switch {
		case t.kind == tokOp && (t.text == "(" || t.text == "[" || t.text == "{"):
			stack = append(stack, &chainSeg{start: i + 1})
		case t.kind == tokOp && (t.text == ")" || t.text == "]" || t.text == "}"):
			if len(stack) == 1 {
				continue
			}
			if err := finish(seg, i); err != nil {
				return err
			}
			stack = stack[:len(stack)-1]
		case t.kind == tokName && t.text == "in" && seg.afterFor:
			if err := finish(seg, i); err != nil {
				return err
			}
			*seg = chainSeg{start: i + 1}
		case t.kind == tokName && t.text == "not" && i+1 < len(toks) && toks[i+1].text == "in":
			seg.other = append(seg.other, i)
			i++
		case t.kind == tokName && (t.text == "in" || t.text == "is"):
			seg.other = append(seg.other, i)
			if t.text == "is" && i+1 < len(toks) && toks[i+1].text == "not" {
				i++
			}
		case t.kind == tokOp && chainOps[t.text]:
			seg.ops = append(seg.ops, i)
		case (t.kind == tokOp || t.kind == tokName) && chainBoundaries[t.text]:
			if err := finish(seg, i); err != nil {
				return err
			}
			*seg = chainSeg{start: i + 1, afterFor: t.text == "for"}
		}
	}
	for len(stack) > 0 {
		if err := finish(stack[len(stack)-1], len(toks)); err != nil {
			return err
		}
		stack = stack[:len(stack)-1]
	}
	return nil
}

// chainBuiltin compares its operands pairwise.
var chainBuiltin = starlark.NewBuiltin(chainName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 3 || len(args)%2 == 0 {
		return nil, fmt.Errorf("%s: bad arguments", chainName)
	}
	for i := 1; i+1 < len(args); i += 2 {
		op, _ := starlark.AsString(args[i])
		x, y := args[i-1], args[i+1]
		if isSQLExpr(x) || isSQLExpr(y) {
			return nil, fmt.Errorf("retort does not support chained comparisons of SQL expressions (use sa.and_ or between)")
		}
		ok, err := starlark.Compare(tokenOfComparison[op], x, y)
		if err != nil {
			return nil, fmt.Errorf("TypeError: '%s' not supported between instances of '%s' and '%s'", op, pyTypeName(x), pyTypeName(y))
		}
		if !ok {
			return starlark.False, nil
		}
	}
	return starlark.True, nil
})
