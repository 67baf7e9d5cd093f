package pyscript

import "strings"

// Numbers and the power operator.

// numberLiterals drops the digit-group underscores Python allows in
// number literals (1_000) and Starlark does not.
func (s *shimmer) numberLiterals(toks []token) {
	for _, t := range toks {
		if t.kind == tokNumber && strings.Contains(t.text, "_") {
			s.replaceToken(t, strings.ReplaceAll(t.text, "_", ""))
		}
	}
}

const powName = "_retort_pow"

// isOperandEnd reports whether t can end an operand.
func isOperandEnd(t token) bool {
	switch t.kind {
	case tokName:
		return !pythonKeywords[t.text] || t.text == "None" || t.text == "True" || t.text == "False"
	case tokNumber, tokString:
		return true
	case tokOp:
		return t.text == ")" || t.text == "]" || t.text == "}"
	}
	return false
}

// matchBack returns the index of the bracket opening the one closing at i.
func matchBack(toks []token, i int) int {
	depth := 0
	for j := i; j >= 0; j-- {
		switch toks[j].text {
		case ")", "]", "}":
			depth++
		case "(", "[", "{":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// matchFwd returns the index of the bracket closing the one opening at i.
func matchFwd(toks []token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// primaryStart walks back from the operand ending at i over its trailers
// (calls, subscripts, attributes) to where it starts.
func primaryStart(toks []token, i int) int {
	for {
		if t := toks[i]; t.kind == tokOp && (t.text == ")" || t.text == "]" || t.text == "}") {
			j := matchBack(toks, i)
			if j < 0 {
				return -1
			}
			i = j
			if t.text == "}" || i == 0 || !isOperandEnd(toks[i-1]) {
				return i
			}
			i-- // a call or subscript: its target precedes
			continue
		}
		if i >= 2 && toks[i-1].text == "." {
			i -= 2
			continue
		}
		return i
	}
}

// primaryEnd walks forward from the operand starting at i (after unary
// signs) over its trailers to its last token.
func primaryEnd(toks []token, i int) int {
	for i < len(toks) && (toks[i].text == "-" || toks[i].text == "+" || toks[i].text == "~") {
		i++
	}
	if i >= len(toks) {
		return -1
	}
	end := i
	if t := toks[i]; t.text == "(" || t.text == "[" || t.text == "{" {
		if end = matchFwd(toks, i); end < 0 {
			return -1
		}
	} else if !isOperandEnd(t) {
		return -1
	}
	for end+1 < len(toks) {
		n := toks[end+1]
		switch {
		case n.text == "(" || n.text == "[":
			if end = matchFwd(toks, end+1); end < 0 {
				return -1
			}
		case n.text == "." && end+2 < len(toks) && toks[end+2].kind == tokName:
			end += 2
		case n.text == "**":
			// Right-associative: 2 ** 3 ** 2 is 2 ** (3 ** 2).
			return primaryEnd(toks, end+2)
		default:
			return end
		}
	}
	return end
}

// powers rewrites x ** y into _retort_pow(x, y).
func (s *shimmer) powers(toks []token) error {
	for i, t := range toks {
		if t.kind != tokOp || t.text != "**" || i == 0 || !isOperandEnd(toks[i-1]) {
			continue
		}
		start := primaryStart(toks, i-1)
		end := primaryEnd(toks, i+1)
		if start < 0 || end < 0 {
			return unsupported(t, "this use of the ** operator")
		}
		s.insert(toks[start].start, powName+"(")
		s.replaceToken(t, ",")
		s.insert(toks[end].end, ")")
	}
	return nil
}
