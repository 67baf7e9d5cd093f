package pyscript

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
	depth, closing := 0, -1
	for i := 2; i < len(toks) && closing < 0; i++ {
		switch toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth == 0 {
				closing = i
			}
		case "=":
			if depth == 1 && toks[i-1].kind == tokName {
				return unsupported(toks[i-1], "class keyword arguments ("+toks[i-1].text+"=...)")
			}
		}
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
