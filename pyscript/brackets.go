package pyscript

import "strings"

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
func (s *shimmer) brackets(toks []token) error {
	for _, p := range matchBrackets(toks) {
		if p.close < 0 {
			continue
		}
		open, close := toks[p.open], toks[p.close]
		if open.text != "(" || !isCallParen(toks, p.open) {
			if err := noDisplayUnpacking(toks, p.open, p.close); err != nil {
				return err
			}
		}
		if open.text == "(" && p.hasComma && isCallParen(toks, p.open) {
			if err := s.starArgsLast(toks, p.open, p.close); err != nil {
				return err
			}
		}
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
	return nil
}

// starArgsLast moves a *args argument followed by keyword arguments to
// the end of the call, where Starlark wants it: f(*xs, name="n") becomes
// f(       name="n", *xs). The moved expression is evaluated after the
// keywords, not before.
func (s *shimmer) starArgsLast(toks []token, open, close int) error {
	// Split the arguments at the call's own commas.
	var segs [][2]int
	depth, start := 0, open+1
	for i := open + 1; i < close; i++ {
		switch toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ",":
			if depth == 0 {
				segs = append(segs, [2]int{start, i})
				start = i + 1
			}
		}
	}
	if start < close {
		segs = append(segs, [2]int{start, close})
	}
	star := -1
	for k, sg := range segs {
		if sg[0] < sg[1] && toks[sg[0]].text == "*" {
			star = k
			break
		}
	}
	if star < 0 || star == len(segs)-1 {
		return nil
	}
	hasKeyword := false
	for _, sg := range segs[star+1:] {
		first := toks[sg[0]]
		switch {
		case sg[0]+1 < sg[1] && first.kind == tokName && toks[sg[0]+1].text == "=":
			hasKeyword = true
		case first.text == "**":
		default:
			if first.text == "*" {
				return unsupported(first, "several *args in one call")
			}
			return unsupported(first, "a positional argument after *args")
		}
	}
	if !hasKeyword {
		return nil
	}
	sg := segs[star]
	from, to := toks[sg[0]].start, toks[sg[1]-1].end
	text := s.src[from:to]
	if strings.ContainsAny(text, "\n\r") {
		return unsupported(toks[sg[0]], "a *args argument spanning lines before keyword arguments")
	}
	// Blank the argument and its comma; append it before ) or **kwargs.
	s.blank(from, toks[sg[1]].end)
	at := toks[close].start
	sep := ", "
	for _, later := range segs[star+1:] {
		if toks[later[0]].text == "**" {
			at, sep = toks[later[0]].start, ""
			text += ", "
			break
		}
	}
	if sep != "" {
		// After the last argument (and any trailing comma).
		last := segs[len(segs)-1]
		at = toks[last[1]-1].end
	}
	s.insert(at, sep+text)
	return nil
}

// replaceToken writes repl over t (on one line) and records the shift.
func (s *shimmer) replaceToken(t token, repl string) {
	s.edits = append(s.edits, edit{start: t.start, end: t.end, repl: repl})
	s.shifts.add(t.line, runeCol(s.src, t.end), len(repl)-len(t.text))
}

// noDisplayUnpacking refuses [*xs], (*xs,), {*xs} and {**d}, which
// Starlark's displays lack.
func noDisplayUnpacking(toks []token, open, close int) error {
	depth := 0
	for i := open + 1; i < close; i++ {
		switch toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case "*", "**":
			if depth == 0 && (i == open+1 || toks[i-1].text == ",") {
				return unsupported(toks[i], "unpacking with * or ** inside a list, tuple, set or dict display (build it with + or dict.update)")
			}
		}
	}
	return nil
}
