package pyscript

import "strings"

// Class statements and decorators in the shim. Starlark has neither, so
// the shim turns them into Starlark that parses, and rewriteClasses
// (classast.go) finishes the job on the syntax tree, where statements can
// be added without moving any line:
//
//	class Mood(str, enum.Enum):   def   Mood(_retort_class=[str, enum.Enum]):
//	@staticmethod                 _retort_deco(staticmethod)

const (
	classParam = "_retort_class"
	decoName   = "_retort_deco"
	fieldName  = "_retort_field"
)

// classLine rewrites a class header into a def whose one parameter's
// default lists the bases.
func (s *shimmer) classLine(toks []token) error {
	// toks: class NAME [( bases )] :
	if len(toks) < 3 || toks[1].kind != tokName {
		return unsupported(toks[0], "this class statement")
	}
	s.replace(toks[0].start, toks[0].end, "def  ")
	name := toks[1]
	if toks[2].text == ":" {
		s.insert(name.end, "("+classParam+"=[])")
		return nil
	}
	if toks[2].text != "(" {
		return unsupported(toks[0], "this class statement")
	}
	closing := -1
	var err error
	scanDepth(toks, 2, func(i, depth int) bool {
		switch {
		case depth == 0:
			closing = i
		case toks[i].text == "=" && depth == 1 && toks[i-1].kind == tokName:
			err = unsupported(toks[i-1], "class keyword arguments ("+toks[i-1].text+"=...)")
		}
		return closing >= 0 || err != nil
	})
	if err != nil {
		return err
	}
	if closing < 0 || closing+1 >= len(toks) || toks[closing+1].text != ":" {
		return unsupported(toks[0], "this class statement")
	}
	open := toks[2]
	s.replace(open.start, open.end, "("+classParam+"=[")
	s.shifts.add(open.line, runeCol(s.src, open.end), len(classParam)+2)
	end := toks[closing]
	s.replace(end.start, end.end, "])")
	s.shifts.add(end.line, runeCol(s.src, end.end), 1)
	return nil
}

// classBlock names the shim's block of a class body.
const classBlock = "class body"

// classField keeps an annotated name of a class body as a field, which
// dataclasses need (the annotation itself is dropped):
//
//	x: int        x = _retort_field()
//	y: str = "a"  y = _retort_field("a")
func (s *shimmer) classField(toks []token) {
	eq := -1
	scanDepth(toks, 1, func(i, depth int) bool {
		if depth == 0 && toks[i].text == "=" && toks[i].kind == tokOp {
			eq = i
		}
		return eq >= 0
	})
	if eq > 0 {
		t := toks[eq]
		s.blank(toks[1].start, t.start)
		s.insert(t.end, " "+fieldName+"(")
		s.insert(toks[len(toks)-1].end, ")")
		s.identityOps(toks[eq+1:])
		return
	}
	last := toks[len(toks)-1]
	lineEnd := strings.IndexByte(s.src[toks[0].start:], '\n')
	if lineEnd < 0 || toks[0].start+lineEnd > last.end {
		lineEnd = last.end - toks[0].start
	}
	s.replace(toks[0].start, toks[0].start+lineEnd, toks[0].text+" = "+fieldName+"()")
	if toks[0].start+lineEnd < last.end {
		s.blank(toks[0].start+lineEnd, last.end)
	}
}

// scanDepth calls visit with each token from toks[from] on and the bracket
// depth after it (an opening bracket counts inside, a closing one
// outside), until visit returns true.
func scanDepth(toks []token, from int, visit func(i, depth int) bool) {
	depth := 0
	for i := from; i < len(toks); i++ {
		switch toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		}
		if visit(i, depth) {
			return
		}
	}
}

// decoratorLine turns `@EXPR` into a call of the marker decoName, which
// rewriteClasses applies to the def that follows.
func (s *shimmer) decoratorLine(toks []token) error {
	if len(toks) < 2 {
		return unsupported(toks[0], "this decorator")
	}
	at, last := toks[0], toks[len(toks)-1]
	s.replace(at.start, at.end, decoName+"(")
	s.shifts.add(at.line, at.col+1, len(decoName))
	s.insert(last.end, ")")
	return nil
}
