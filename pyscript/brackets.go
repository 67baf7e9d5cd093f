package pyscript

// Bracketed forms Starlark lacks: generator expressions and set displays.
// A generator expression becomes a list comprehension (evaluated eagerly:
// `any(x for x in xs)` gives the same answer), `{a, b}` and `{x for x in
// xs}` become set([...]).

// bracketPair is a matched pair of bracket tokens of one logical line and
// what sits directly inside it.
type bracketPair struct {
	open, close int // token indexes
	hasFor      bool
	hasColon    bool
	hasComma    bool
}

func matchBrackets(toks []token) []bracketPair {
	var pairs []bracketPair
	var stack []int // indexes into pairs
	for i, t := range toks {
		if t.kind != tokOp && t.kind != tokName {
			continue
		}
		if len(stack) > 0 {
			p := &pairs[stack[len(stack)-1]]
			switch {
			case t.kind == tokName && t.text == "for":
				p.hasFor = true
			case t.kind == tokOp && t.text == ":":
				p.hasColon = true
			case t.kind == tokOp && t.text == ",":
				p.hasComma = true
			}
		}
		if t.kind != tokOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			pairs = append(pairs, bracketPair{open: i, close: -1})
			stack = append(stack, len(pairs)-1)
		case ")", "]", "}":
			if len(stack) == 0 {
				continue
			}
			pairs[stack[len(stack)-1]].close = i
			stack = stack[:len(stack)-1]
		}
	}
	return pairs
}

// isCallParen reports whether the ( at toks[i] opens a call's arguments.
func isCallParen(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	p := toks[i-1]
	switch p.kind {
	case tokName:
		return !pythonKeywords[p.text] || p.text == "None" || p.text == "True" || p.text == "False"
	case tokString:
		return true
	case tokOp:
		return p.text == ")" || p.text == "]" || p.text == "}"
	}
	return false
}

// brackets rewrites the generator expressions and set displays of one
// logical line.
func (s *shimmer) brackets(toks []token) {
	for _, p := range matchBrackets(toks) {
		if p.close < 0 {
			continue
		}
		open, close := toks[p.open], toks[p.close]
		switch {
		case open.text == "(" && p.hasFor && isCallParen(toks, p.open):
			s.insert(open.end, "[")
			s.insert(close.start, "]")
		case open.text == "(" && p.hasFor:
			s.edits = append(s.edits, edit{start: open.start, end: open.end, repl: "["}, edit{start: close.start, end: close.end, repl: "]"})
		case open.text == "{" && p.close > p.open+1 && !p.hasColon:
			s.replaceToken(open, "set([")
			s.replaceToken(close, "])")
		}
	}
}

// replaceToken writes repl over t (on one line) and records the shift.
func (s *shimmer) replaceToken(t token, repl string) {
	s.edits = append(s.edits, edit{start: t.start, end: t.end, repl: repl})
	s.shifts.add(t.line, runeCol(s.src, t.end), len(repl)-len(t.text))
}
