package pyscript

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The shim turns an Alembic .py script into Starlark source without moving
// any line: every construct it removes is blanked with spaces, and every
// replacement stays on the line it came from, so line numbers in errors are
// the user's own. Columns are kept as well, except on the header line of a
// rewritten `with` statement.

// tokKind classifies the shim's Python tokens.
type tokKind int

const (
	tokName tokKind = iota
	tokNumber
	tokString
	tokOp
	tokComment
	tokNewline // end of a logical line
)

type token struct {
	kind       tokKind
	start, end int // byte offsets into the source
	line, col  int // 1-based position of start
	text       string
}

// shimError is a shim diagnostic, positioned in the user's source.
type shimError struct {
	line, col int
	msg       string
}

func (e *shimError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

var twoCharOps = map[string]bool{
	"->": true, "==": true, "!=": true, "<=": true, ">=": true, "**": true, "//": true,
	"<<": true, ">>": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true,
	"&=": true, "|=": true, "^=": true, ":=": true,
}

// tokenize splits Python source into tokens, marking logical line ends.
// It never fails: an unterminated string simply runs to the end of the
// input, and the Starlark parser reports it afterwards.
func tokenize(src string) []token {
	var toks []token
	line, lineStart := 1, 0
	depth := 0
	lineHasTokens := false
	i := 0
	emit := func(kind tokKind, start, end int) {
		toks = append(toks, token{kind: kind, start: start, end: end, line: line, col: start - lineStart + 1, text: src[start:end]})
		if kind != tokComment {
			lineHasTokens = true
		}
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			if depth == 0 && lineHasTokens {
				toks = append(toks, token{kind: tokNewline, start: i, end: i, line: line, col: i - lineStart + 1})
				lineHasTokens = false
			}
			i++
			line, lineStart = line+1, i
		case c == ' ' || c == '\t' || c == '\f' || c == '\r':
			i++
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
			line, lineStart = line+1, i
		case c == '\\' && i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n':
			i += 3
			line, lineStart = line+1, i
		case c == '#':
			j := i
			for j < len(src) && src[j] != '\n' {
				j++
			}
			emit(tokComment, i, j)
			i = j
		case isNameStart(c):
			j := i
			for j < len(src) && isNameChar(src[j]) {
				j++
			}
			if j-i <= 2 && j < len(src) && (src[j] == '"' || src[j] == '\'') && isStringPrefix(src[i:j]) {
				startLine, startCol := line, i-lineStart+1
				end, nl, lastNL := scanString(src, j)
				toks = append(toks, token{kind: tokString, start: i, end: end, line: startLine, col: startCol, text: src[i:end]})
				lineHasTokens = true
				if nl > 0 {
					line += nl
					lineStart = lastNL + 1
				}
				i = end
				continue
			}
			emit(tokName, i, j)
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i
			for j < len(src) && (isNameChar(src[j]) || src[j] == '.' ||
				(src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E') && !strings.HasPrefix(src[i:], "0x")) {
				j++
			}
			emit(tokNumber, i, j)
			i = j
		case c == '"' || c == '\'':
			startLine, startCol := line, i-lineStart+1
			end, nl, lastNL := scanString(src, i)
			toks = append(toks, token{kind: tokString, start: i, end: end, line: startLine, col: startCol, text: src[i:end]})
			lineHasTokens = true
			if nl > 0 {
				line += nl
				lineStart = lastNL + 1
			}
			i = end
		default:
			n := 1
			if i+1 < len(src) && twoCharOps[src[i:i+2]] {
				n = 2
			}
			switch c {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				if depth > 0 {
					depth--
				}
			}
			emit(tokOp, i, i+n)
			i += n
		}
	}
	if lineHasTokens {
		toks = append(toks, token{kind: tokNewline, start: len(src), end: len(src), line: line, col: len(src) - lineStart + 1})
	}
	return toks
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

func isStringPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "r", "b", "u", "f", "br", "rb", "fr", "rf":
		return true
	}
	return false
}

// scanString scans a string literal whose quote starts at i. It returns the
// end offset, the number of newlines inside, and the offset of the last one.
// Raw and plain strings scan alike: in both, a backslash keeps the next
// character (a quote included) inside the literal, as Python does.
func scanString(src string, i int) (end, newlines, lastNL int) {
	q := src[i]
	triple := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	j := i + 1
	if triple {
		j = i + 3
	}
	for j < len(src) {
		c := src[j]
		switch {
		case c == '\\' && j+1 < len(src):
			if src[j+1] == '\n' {
				newlines++
				lastNL = j + 1
			}
			j += 2
			continue
		case c == '\n':
			if !triple {
				return j, newlines, lastNL // unterminated; the parser reports it
			}
			newlines++
			lastNL = j
		case c == q:
			if !triple {
				return j + 1, newlines, lastNL
			}
			if j+2 < len(src) && src[j+1] == q && src[j+2] == q {
				return j + 3, newlines, lastNL
			}
		}
		j++
	}
	return len(src), newlines, lastNL
}

// edit replaces src[start:end] with repl. repl never contains a newline;
// blanked ranges keep theirs.
type edit struct {
	start, end int
	repl       string
}

// shimmer holds the state of one shim pass.
type shimmer struct {
	src    string
	toks   []token
	edits  []edit
	tmp    int // counter for hidden loop variables
	shifts lineShifts
	// blocks are the compound statements enclosing the current line.
	blocks []block
	// tries are the try statements still open.
	tries []*tryState
}

// block is an open with/def/for/while statement: the column of its
// keyword and, for with, the loop variable the shim gave it.
type block struct {
	col  int
	kind string
	name string
	// globals are the names a def declared global.
	globals map[string]bool
}

// exitName is the hidden builtin a return inside with-blocks calls to
// close them first, as Python's with statement would.
const exitName = "_retort_exit"

// colShift records that on one line, the user's text from column from
// (counted in characters, as Starlark counts them) on moved right by
// delta in the shimmed source: a rewritten with header, a string literal
// whose escapes were rewritten, an implicit concatenation's parentheses.
type colShift struct{ from, delta int }

// lineShifts holds each line's shifts.
type lineShifts map[int][]colShift

// add records a shift on line.
func (ls lineShifts) add(line, from, delta int) {
	if delta != 0 {
		ls[line] = append(ls[line], colShift{from: from, delta: delta})
	}
}

// userCol maps a column of the shimmed source back to the user's.
func (ls lineShifts) userCol(line, col int) int {
	shifts := append([]colShift(nil), ls[line]...)
	sort.Slice(shifts, func(i, j int) bool { return shifts[i].from < shifts[j].from })
	moved := 0
	for _, sh := range shifts {
		if col < sh.from+moved+sh.delta {
			break
		}
		moved += sh.delta
	}
	return col - moved
}

// shim rewrites src into Starlark. Its output has exactly as many lines as
// src.
func shim(src string) (string, error) {
	out, _, err := shimSource(src)
	return out, err
}

// shimSource is shim that also reports the column shifts it made, so that
// positions can be mapped back to the user's source.
func shimSource(src string) (string, lineShifts, error) {
	src, err := decodePython(src)
	if err != nil {
		return "", nil, err
	}
	s := &shimmer{src: src, toks: tokenize(src), shifts: lineShifts{}}
	var lineToks []token
	for _, t := range s.toks {
		if t.kind == tokComment {
			continue
		}
		// A ; separates simple statements ("import json; import re"),
		// which the shim handles one at a time.
		if t.kind == tokNewline || t.kind == tokOp && t.text == ";" {
			if len(lineToks) > 0 {
				if err := s.closeTries(lineToks[0]); err != nil {
					return "", nil, err
				}
				if err := s.logicalLine(lineToks); err != nil {
					return "", nil, err
				}
			}
			lineToks = lineToks[:0]
			continue
		}
		lineToks = append(lineToks, t)
	}
	if err := s.closeTries(token{kind: tokNewline}); err != nil {
		return "", nil, err
	}
	return s.apply(), s.shifts, nil
}

// blank returns src[start:end] with everything but line breaks turned into spaces.
func (s *shimmer) blank(start, end int) {
	s.edits = append(s.edits, edit{start: start, end: end, repl: blankText(s.src[start:end])})
}

func blankText(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
	return string(b)
}

func (s *shimmer) replace(start, end int, repl string) {
	// Keep any line breaks of the replaced range after the replacement.
	var tail strings.Builder
	for _, c := range []byte(s.src[start:end]) {
		if c == '\n' || c == '\r' {
			tail.WriteByte(c)
		}
	}
	s.edits = append(s.edits, edit{start: start, end: end, repl: repl + tail.String()})
}

func (s *shimmer) apply() string {
	sort.SliceStable(s.edits, func(i, j int) bool { return s.edits[i].start < s.edits[j].start })
	var b strings.Builder
	pos := 0
	for _, e := range s.edits {
		if e.start < pos { // overlapping edits cannot happen; be safe anyway
			continue
		}
		b.WriteString(s.src[pos:e.start])
		b.WriteString(e.repl)
		pos = e.end
	}
	b.WriteString(s.src[pos:])
	return b.String()
}

// unsupportedStatements are Python statements Starlark lacks and the shim
// cannot translate cheaply.
var unsupportedStatements = map[string]string{
	"nonlocal": "nonlocal statement",
	"async":    "async function or statement",
	"await":    "await expression",
	"yield":    "yield expression",
}

var pythonKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

func unsupported(t token, what string) error {
	return &shimError{line: t.line, col: t.col, msg: "retort does not support " + what}
}

func (s *shimmer) logicalLine(toks []token) error {
	first := toks[0]
	// Compound statements may carry a simple statement after their colon
	// ("if x: import os"); the common ones are handled by looking at the
	// first token only, which is what migrations use.
	if what, ok := unsupportedStatements[first.text]; ok && first.kind != tokString {
		return unsupported(first, what)
	}
	for _, t := range toks {
		if t.kind == tokName && (t.text == "yield" || t.text == "await") {
			return unsupported(t, unsupportedStatements[t.text])
		}
	}
	if err := s.stringLiterals(toks); err != nil {
		return err
	}
	if err := s.brackets(toks); err != nil {
		return err
	}
	if err := s.chains(toks); err != nil {
		return err
	}
	s.numberLiterals(toks)
	if err := s.powers(toks); err != nil {
		return err
	}
	for len(s.blocks) > 0 && s.blocks[len(s.blocks)-1].col >= first.col {
		s.blocks = s.blocks[:len(s.blocks)-1]
	}
	if first.kind == tokName {
		switch first.text {
		case "def", "for", "while":
			s.blocks = append(s.blocks, block{col: first.col, kind: first.text})
		case "class":
			// The class body becomes a function's (classshim.go).
			s.blocks = append(s.blocks, block{col: first.col, kind: "def", name: classBlock})
		case "return", "break", "continue":
			if inTry, inLoop := s.inTryBody(); inTry && (first.text == "return" || !inLoop) {
				return unsupported(first, first.text+" inside a try block")
			}
		}
		switch first.text {
		case "return":
			s.returnLine(toks)
		case "break", "continue":
			// The with-block's hidden loop would catch it instead of the
			// user's loop around the block.
			if n := len(s.blocks); n > 0 && s.blocks[n-1].kind == "with" {
				return unsupported(first, first.text+" inside a with block")
			}
		}
	}
	if err := s.checkGlobalAssign(toks); err != nil {
		return err
	}
	switch {
	case first.kind == tokName && (first.text == "import" || first.text == "from"):
		return s.importLine(toks)
	case first.kind == tokName && first.text == "def":
		s.defLine(toks)
	case first.kind == tokName && first.text == "class":
		return s.classLine(toks)
	case first.kind == tokOp && first.text == "@":
		return s.decoratorLine(toks)
	case first.kind == tokName && first.text == "with":
		name, err := s.withLine(toks)
		if err != nil {
			return err
		}
		s.blocks = append(s.blocks, block{col: first.col, kind: "with", name: name})
	case first.kind == tokName && first.text == "raise":
		if err := s.raiseLine(toks); err != nil {
			return err
		}
	case first.kind == tokName && first.text == "try":
		return s.tryLine(toks)
	case first.kind == tokName && (first.text == "except" || first.text == "finally" ||
		first.text == "else" && len(s.tries) > 0 && s.tries[len(s.tries)-1].col == first.col):
		if err := s.exceptLine(toks); err != nil {
			return err
		}
		s.identityOps(toks)
		return nil
	case first.kind == tokName && first.text == "assert":
		s.assertLine(toks)
	case first.kind == tokName && first.text == "del":
		return s.delLine(toks)
	case first.kind == tokName && first.text == "global":
		return s.globalLine(toks)
	case first.kind == tokName && !pythonKeywords[first.text] && len(toks) > 1 && toks[1].text == ":":
		if n := len(s.blocks); n > 0 && s.blocks[n-1].name == classBlock {
			s.classField(toks)
			return nil
		}
		s.annotatedAssign(toks)
		return nil
	}
	s.identityOps(toks)
	return nil
}

func isFString(lit string) bool {
	for _, c := range lit {
		if c == '"' || c == '\'' {
			return false
		}
		if c == 'f' || c == 'F' {
			return true
		}
	}
	return false
}

// identityOps rewrites `is not` to `!=` and `is` to `==`, keeping columns.
func (s *shimmer) identityOps(toks []token) {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tokName || t.text != "is" {
			continue
		}
		if i+1 < len(toks) && toks[i+1].text == "not" && toks[i+1].line == t.line {
			n := toks[i+1].end - t.start
			s.replace(t.start, toks[i+1].end, "!="+strings.Repeat(" ", n-2))
			i++
			continue
		}
		s.replace(t.start, t.end, "==")
	}
}

// annotatedAssign handles `name: annotation = value` and `name: annotation`.
func (s *shimmer) annotatedAssign(toks []token) {
	depth := 0
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tokOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case "=":
				if depth == 0 {
					s.blank(toks[1].start, t.start)
					s.identityOps(toks[i+1:])
					return
				}
			}
		}
	}
	// A bare annotation binds nothing in Python; drop the whole statement
	// (a pass keeps an indented block non-empty; it must come first, as
	// edits at one offset apply in the order they were made).
	if toks[0].col > 1 {
		s.replace(toks[0].start, toks[0].start, "pass")
	}
	s.blank(toks[0].start, toks[len(toks)-1].end)
}

// defLine drops parameter annotations and the return annotation.
func (s *shimmer) defLine(toks []token) {
	// toks: def NAME ( params ) [-> ann] :
	if len(toks) < 3 || toks[2].text != "(" {
		return
	}
	depth := 0
	annStart := -1
	expectParam := true
	i := 2
params:
	for ; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tokOp {
			switch t.text {
			case "(", "[", "{":
				depth++
				if depth == 1 {
					continue
				}
			case ")", "]", "}":
				depth--
			}
			if depth == 0 { // closing paren of the parameter list
				if annStart >= 0 {
					s.blank(annStart, t.start)
					annStart = -1
				}
				break params
			}
			if depth == 1 {
				switch t.text {
				case ":":
					if expectParam {
						annStart = t.start
					}
					continue
				case ",", "=":
					if annStart >= 0 {
						s.blank(annStart, t.start)
						annStart = -1
					}
					expectParam = t.text == ","
					continue
				}
			}
		}
	}
	// After the parameter list: optional "-> annotation" up to the final colon.
	for j := i + 1; j < len(toks); j++ {
		if toks[j].text == "->" {
			depthR := 0
			for k := j + 1; k < len(toks); k++ {
				switch toks[k].text {
				case "(", "[", "{":
					depthR++
				case ")", "]", "}":
					depthR--
				case ":":
					if depthR == 0 {
						s.blank(toks[j].start, toks[k].start)
						s.identityOps(toks[k+1:])
						return
					}
				}
			}
		}
		if toks[j].text == ":" {
			s.identityOps(toks[j+1:])
			return
		}
	}
}

// withLine turns `with EXPR as NAME:` into `for NAME in EXPR:` and
// `with EXPR:` into `for _retort_withN in EXPR:`. The op objects that can
// appear there (batch_alter_table, autocommit_block) are one-shot iterables
// whose end closes the block.
func (s *shimmer) withLine(toks []token) (string, error) {
	if items, open, ok := withItems(toks); ok {
		return s.withMany(toks, items, open)
	}
	depth := 0
	asIdx, colonIdx := -1, -1
	for i := 1; i < len(toks) && colonIdx < 0; i++ {
		t := toks[i]
		if t.kind == tokOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case ",":
				if depth == 0 {
					return "", unsupported(toks[0], "this with statement")
				}
			case ":":
				if depth == 0 {
					colonIdx = i
				}
			}
		}
		if t.kind == tokName && t.text == "as" && depth == 0 {
			asIdx = i
		}
	}
	if colonIdx < 0 {
		return "", unsupported(toks[0], "malformed with statement")
	}
	name := ""
	if asIdx >= 0 {
		if asIdx+2 != colonIdx || toks[asIdx+1].kind != tokName {
			return "", unsupported(toks[asIdx], "with ... as target other than a plain name")
		}
		name = toks[asIdx+1].text
		s.blank(toks[asIdx].start, toks[asIdx+1].end)
	} else {
		s.tmp++
		name = fmt.Sprintf("_retort_with%d", s.tmp)
	}
	header := "for " + name + " in"
	s.replace(toks[0].start, toks[0].end, header)
	s.shifts.add(toks[0].line, toks[0].col+len("with"), len(header)-len("with"))
	s.identityOps(toks[colonIdx+1:])
	return name, nil
}

// withItems splits `with A as a, B as b:` and `with (A as a, B as b):`
// into their items (token ranges); open and close are the indexes of the
// parenthesis of the second form, or -1. ok is false for one manager.
func withItems(toks []token) (items [][2]int, open int, ok bool) {
	colon, depth := -1, 0
	for i := 1; i < len(toks) && colon < 0; i++ {
		switch toks[i].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ":":
			if depth == 0 {
				colon = i
			}
		}
	}
	if colon < 0 {
		return nil, -1, false
	}
	lo, hi, base := 1, colon, 0
	open = -1
	if toks[1].text == "(" && toks[colon-1].text == ")" {
		// Parenthesised managers, if the parentheses hold an as or a comma
		// at their top level and enclose everything.
		d, closes := 0, -1
		hasItem := false
		for i := 1; i < colon; i++ {
			switch toks[i].text {
			case "(", "[", "{":
				d++
			case ")", "]", "}":
				d--
				if d == 0 && closes < 0 {
					closes = i
				}
			case ",", "as":
				if d == 1 {
					hasItem = true
				}
			}
		}
		if closes == colon-1 && hasItem {
			lo, hi, base, open = 2, colon-1, 1, 1
		}
	}
	d, start := base, lo
	for i := lo; i < hi; i++ {
		switch toks[i].text {
		case "(", "[", "{":
			d++
		case ")", "]", "}":
			d--
		case ",":
			if d == base {
				items = append(items, [2]int{start, i})
				start = i + 1
			}
		}
	}
	if start < hi {
		items = append(items, [2]int{start, hi})
	}
	if len(items) < 2 && open < 0 {
		return nil, -1, false
	}
	return items, open, true
}

// withMany turns several context managers into one loop over
// _retort_with_all(A, B), which enters them in order and closes them in
// reverse.
func (s *shimmer) withMany(toks []token, items [][2]int, open int) (string, error) {
	var names []string
	for _, it := range items {
		name := ""
		for i := it[0]; i < it[1]; i++ {
			if toks[i].text == "as" && toks[i].kind == tokName {
				if i+2 != it[1] || toks[i+1].kind != tokName {
					return "", unsupported(toks[i], "with ... as target other than a plain name")
				}
				name = toks[i+1].text
				s.blank(toks[i].start, toks[i+1].end)
			}
		}
		if name == "" {
			s.tmp++
			name = fmt.Sprintf("_retort_with%d", s.tmp)
		}
		names = append(names, name)
	}
	header := "for " + strings.Join(names, ", ") + " in " + withAllName
	if open < 0 {
		// Otherwise the managers' own parentheses become the call's.
		header += "("
		last := toks[items[len(items)-1][1]-1]
		s.insert(last.end, ")")
	}
	s.replace(toks[0].start, toks[0].end, header)
	s.shifts.add(toks[0].line, toks[0].col+len("with"), len(header)-len("with"))
	// A return inside closes the innermost manager first.
	rev := make([]string, len(names))
	for i, n := range names {
		rev[len(names)-1-i] = n
	}
	return strings.Join(rev, ", "), nil
}

// returnLine makes a return inside with-blocks close them first:
// `return x` becomes `return _retort_exit(inner, outer, value=x)`.
func (s *shimmer) returnLine(toks []token) {
	var names []string
	for i := len(s.blocks) - 1; i >= 0 && s.blocks[i].kind != "def"; i-- {
		if s.blocks[i].kind == "with" {
			names = append(names, s.blocks[i].name)
		}
	}
	if len(names) == 0 {
		return
	}
	call := "return " + exitName + "(" + strings.Join(names, ", ")
	if len(toks) == 1 {
		s.replace(toks[0].start, toks[0].end, call+")")
		return
	}
	call += ", value="
	s.replace(toks[0].start, toks[0].end, call)
	s.shifts.add(toks[0].line, toks[0].col+len("return"), len(call)-len("return"))
	last := toks[len(toks)-1]
	s.replace(last.end, last.end, ")")
}

// raiseLine turns `raise EXPR` into `fail(EXPR)`; "raise" and "fail(" have
// the same length, so columns stay put.
func (s *shimmer) raiseLine(toks []token) error {
	if len(toks) == 1 {
		for i := len(s.blocks) - 1; i >= 0 && s.blocks[i].kind != "def"; i-- {
			if s.blocks[i].kind == "except" {
				// Re-raise what the clause caught.
				repl := "fail(" + s.blocks[i].name + ")"
				s.replace(toks[0].start, toks[0].end, repl)
				s.shifts.add(toks[0].line, toks[0].col+len("raise"), len(repl)-len("raise"))
				return nil
			}
		}
		return unsupported(toks[0], "a bare raise (re-raising) outside an except block")
	}
	// raise X from Y raises X; the cause only shows in Python's traceback.
	for i, t := range toks[1:] {
		if t.kind == tokName && t.text == "from" && t.line == toks[0].line {
			toks = toks[:i+1]
			s.blank(t.start, s.lastEnd(t))
			break
		}
	}
	s.replace(toks[0].start, toks[0].end, "fail(")
	last := toks[len(toks)-1]
	s.replace(last.end, last.end, ")")
	s.identityOps(toks[1:])
	return nil
}

// shimExpr applies the expression rewrites (literals, generator
// expressions, sets, chained comparisons, is) to an f-string's
// replacement field, which the line's own pass saw only as a string.
func shimExpr(expr string) (string, error) {
	sub := &shimmer{src: expr, toks: tokenize(expr), shifts: lineShifts{}}
	var toks []token
	for _, t := range sub.toks {
		if t.kind != tokNewline && t.kind != tokComment {
			toks = append(toks, t)
		}
	}
	if err := sub.stringLiterals(toks); err != nil {
		return "", err
	}
	if err := sub.brackets(toks); err != nil {
		return "", err
	}
	if err := sub.chains(toks); err != nil {
		return "", err
	}
	sub.numberLiterals(toks)
	if err := sub.powers(toks); err != nil {
		return "", err
	}
	sub.identityOps(toks)
	return sub.apply(), nil
}

// lastEnd is the end of the logical line holding t.
func (s *shimmer) lastEnd(t token) int {
	end := t.end
	for _, u := range s.toks {
		if u.start >= t.start && u.kind == tokNewline {
			return end
		}
		if u.start >= t.start && u.kind != tokComment {
			end = u.end
		}
	}
	return end
}

// assertLine turns `assert cond, msg` into `_retort_assert(cond, msg)`.
func (s *shimmer) assertLine(toks []token) {
	call := assertName + "("
	s.replace(toks[0].start, toks[0].end, call)
	s.shifts.add(toks[0].line, toks[0].col+len("assert"), len(call)-len("assert"))
	s.insert(toks[len(toks)-1].end, ")")
	s.identityOps(toks[1:])
}

// delLine turns `del a, b` into `a, b = None, None` (a later use gives
// None where Python raises NameError) and `del x[k]` into `x.pop(k)`.
func (s *shimmer) delLine(toks []token) error {
	first, last := toks[0], toks[len(toks)-1]
	if last.line != first.line {
		return unsupported(first, "a del statement spanning lines")
	}
	var names []string
	allNames := true
	for i := 1; i < len(toks); i++ {
		if toks[i].kind != tokName || pythonKeywords[toks[i].text] {
			allNames = false
			break
		}
		names = append(names, toks[i].text)
		if i+1 < len(toks) {
			if toks[i+1].text != "," {
				allNames = false
				break
			}
			i++
		}
	}
	if allNames && len(names) > 0 {
		nones := strings.TrimSuffix(strings.Repeat("None, ", len(names)), ", ")
		repl := strings.Join(names, ", ") + " = " + nones
		s.edits = append(s.edits, edit{start: first.start, end: last.end, repl: repl})
		return nil
	}
	// del NAME[.attr][key]: one subscript target.
	open := -1
	for i := 1; i < len(toks); i++ {
		if toks[i].text == "[" {
			open = i
			break
		}
		if toks[i].kind != tokName && toks[i].text != "." {
			break
		}
	}
	if open < 2 || last.text != "]" {
		return unsupported(first, "this del statement (retort supports del of names and of one x[key])")
	}
	depth := 0
	for i := open; i < len(toks)-1; i++ {
		switch toks[i].text {
		case "[", "(", "{":
			depth++
		case "]", ")", "}":
			depth--
			if depth == 0 {
				return unsupported(first, "this del statement (retort supports del of names and of one x[key])")
			}
		case ":", ",":
			if depth == 1 {
				return unsupported(toks[i], "del of a slice or of several targets")
			}
		}
	}
	// Drop "del " so the statement keeps its indentation.
	s.edits = append(s.edits, edit{start: first.start, end: toks[1].start, repl: ""})
	s.shifts.add(first.line, toks[1].col, first.col-toks[1].col)
	s.replaceToken(toks[open], ".pop(")
	s.replaceToken(last, ")")
	return nil
}

// globalLine drops `global x`: reading a global needs no declaration.
// Rebinding it inside the function is what Starlark cannot do, and
// checkGlobalAssign refuses that.
func (s *shimmer) globalLine(toks []token) error {
	var def *block
	for i := len(s.blocks) - 1; i >= 0; i-- {
		if s.blocks[i].kind == "def" {
			def = &s.blocks[i]
			break
		}
	}
	if def != nil && def.globals == nil {
		def.globals = map[string]bool{}
	}
	for _, t := range toks[1:] {
		if t.kind == tokName && def != nil {
			def.globals[t.text] = true
		}
	}
	if toks[0].col > 1 {
		s.replace(toks[0].start, toks[0].start, "pass")
	}
	s.blank(toks[0].start, toks[len(toks)-1].end)
	return nil
}

// checkGlobalAssign refuses a statement that rebinds a name the enclosing
// def declared global.
func (s *shimmer) checkGlobalAssign(toks []token) error {
	var globals map[string]bool
	for i := len(s.blocks) - 1; i >= 0; i-- {
		if s.blocks[i].kind == "def" {
			globals = s.blocks[i].globals
			break
		}
	}
	if len(globals) == 0 {
		return nil
	}
	for i, t := range toks {
		if t.kind != tokName || !globals[t.text] {
			continue
		}
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].text
		}
		prev := ""
		if i > 0 {
			prev = toks[i-1].text
		}
		assigned := i == 0 && (next == "=" || len(next) == 2 && next[1] == '=' && next != "==") ||
			prev == "for" || prev == "as" || (i == 0 || prev == ",") && next == "," && strings.Contains(tokensText(toks), "=")
		if assigned {
			return &shimError{line: t.line, col: t.col, msg: fmt.Sprintf("retort does not support rebinding the global %s inside a function (Starlark functions cannot assign module-level names)", t.text)}
		}
	}
	return nil
}

func tokensText(toks []token) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.text)
	}
	return strings.Join(parts, " ")
}

// importLine maps the imports Alembic scripts use onto predeclared modules.
func (s *shimmer) importLine(toks []token) error {
	var assigns []string
	var err error
	if toks[0].text == "import" {
		assigns, err = s.plainImport(toks)
	} else {
		assigns, err = s.fromImport(toks)
	}
	if err != nil {
		return err
	}
	first, last := toks[0], toks[len(toks)-1]
	// Replace the first physical line of the statement with the assignments
	// and blank the rest, so later lines stay where they are.
	lineEnd := strings.IndexByte(s.src[first.start:], '\n')
	if lineEnd < 0 || first.start+lineEnd > last.end {
		lineEnd = last.end - first.start
	}
	repl := strings.Join(assigns, "; ")
	if repl == "" && first.col > 1 {
		repl = "pass"
	}
	s.replace(first.start, first.start+lineEnd, repl)
	if first.start+lineEnd < last.end {
		s.blank(first.start+lineEnd, last.end)
	}
	return nil
}

// dottedName reads NAME(.NAME)* from toks[i:], returning it and the next index.
func dottedName(toks []token, i int) (string, int) {
	var parts []string
	for i < len(toks) && toks[i].kind == tokName {
		parts = append(parts, toks[i].text)
		i++
		if i < len(toks) && toks[i].text == "." {
			i++
			continue
		}
		break
	}
	return strings.Join(parts, "."), i
}

// plainImport handles `import sqlalchemy [as sa], typing, ...`.
func (s *shimmer) plainImport(toks []token) ([]string, error) {
	var assigns []string
	i := 1
	for i < len(toks) {
		start := toks[i]
		mod, next := dottedName(toks, i)
		if mod == "" {
			return nil, unsupported(start, "malformed import")
		}
		i = next
		alias := ""
		if i+1 < len(toks) && toks[i].text == "as" {
			alias = toks[i+1].text
			i += 2
		}
		switch {
		case ignoredModules[mod]:
		case mod == "uuid":
			if alias != "" && alias != "uuid" {
				assigns = append(assigns, alias+" = uuid")
			}
		case stdlibModules[mod] != nil && !strings.Contains(mod, "."):
			if alias == "" {
				alias = mod
			}
			assigns = append(assigns, alias+" = "+stdlibValueName(mod))
		case (mod == "alembic.util" || mod == "sqlalchemy.exc") && alias != "":
			assigns = append(assigns, alias+" = "+stdlibValueName(mod))
		case mod == "sqlalchemy" || strings.HasPrefix(mod, "sqlalchemy.") && alias == "":
			// "import sqlalchemy.dialects.postgresql" binds sqlalchemy, which is predeclared.
			if _, ok := moduleMembers(mod); !ok {
				return nil, unsupportedImport(start, mod)
			}
			if alias != "" && alias != "sqlalchemy" && alias != "sa" {
				assigns = append(assigns, alias+" = sqlalchemy")
			}
		case strings.HasPrefix(mod, "sqlalchemy.") && alias != "":
			target, ok := moduleValueName(mod)
			if !ok {
				return nil, unsupportedImport(start, mod)
			}
			if alias != target {
				assigns = append(assigns, alias+" = "+target)
			}
		default:
			return nil, unsupportedImport(start, mod)
		}
		if i < len(toks) && toks[i].text == "," {
			i++
			continue
		}
		if i < len(toks) {
			return nil, unsupported(toks[i], "malformed import")
		}
	}
	return assigns, nil
}

// fromImport handles `from MODULE import NAME [as ALIAS], ...` with or
// without parentheses.
func (s *shimmer) fromImport(toks []token) ([]string, error) {
	mod, i := dottedName(toks, 1)
	if mod == "" || i >= len(toks) || toks[i].text != "import" {
		return nil, unsupported(toks[0], "malformed or relative import")
	}
	i++
	if i < len(toks) && toks[i].text == "(" {
		i++
	}
	ignored := ignoredModules[mod]
	members, known := moduleMembers(mod)
	if !ignored && !known {
		return nil, unsupportedImport(toks[1], mod)
	}
	prefix, _ := moduleValueName(mod)
	var assigns []string
	for i < len(toks) {
		t := toks[i]
		if t.text == ")" || t.text == "," {
			i++
			continue
		}
		if t.text == "*" {
			return nil, unsupported(t, "import *")
		}
		if t.kind != tokName {
			return nil, unsupported(t, "malformed import")
		}
		name, alias := t.text, t.text
		i++
		if i+1 < len(toks) && toks[i].text == "as" {
			alias = toks[i+1].text
			i += 2
		}
		if ignored {
			continue
		}
		if !members[name] {
			return nil, &shimError{line: t.line, col: t.col, msg: fmt.Sprintf("unsupported import: %s has no name %q that retort supports", mod, name)}
		}
		if prefix == "" { // "from alembic import op" and friends: the name itself is predeclared
			if alias != name {
				assigns = append(assigns, alias+" = "+name)
			}
			continue
		}
		assigns = append(assigns, alias+" = "+prefix+"."+name)
	}
	return assigns, nil
}

func unsupportedImport(t token, mod string) error {
	return &shimError{line: t.line, col: t.col, msg: fmt.Sprintf("unsupported import: %s (retort runs scripts in a sandbox that provides alembic's op, context and util, sqlalchemy with sqlalchemy.exc and its postgresql, mysql and sqlite dialects, and the standard modules uuid, json, re, datetime, os (environ and getenv), time, base64, logging, enum, collections, textwrap, hashlib, bisect, functools and dataclasses)", mod)}
}

// ignoredModules only supply names used in type annotations, which the shim drops.
var ignoredModules = map[string]bool{
	"typing": true, "typing_extensions": true, "__future__": true, "collections.abc": true,
}

// moduleValueName is the predeclared value a module path maps to ("" when
// its members are predeclared names themselves).
func moduleValueName(mod string) (string, bool) {
	switch mod {
	case "alembic", "sqlalchemy.dialects":
		return "", true
	case "sqlalchemy", "sqlalchemy.sql", "sqlalchemy.sql.expression", "sqlalchemy.schema", "sqlalchemy.sql.ddl",
		"sqlalchemy.types", "sqlalchemy.sql.sqltypes", "sqlalchemy.sql.schema", "sqlalchemy.sql.functions":
		return "sa", true
	case "sqlalchemy.dialects.postgresql":
		return "postgresql", true
	case "sqlalchemy.dialects.mysql":
		return "mysql", true
	case "sqlalchemy.dialects.sqlite":
		return "sqlite", true
	case "uuid":
		return "uuid", true
	case "alembic.util.exc":
		return stdlibValueName("alembic.util"), true
	}
	if stdlibModules[mod] != nil {
		return stdlibValueName(mod), true
	}
	return "", false
}

// stdlibValueName is the hidden global holding a stdlib module.
func stdlibValueName(mod string) string {
	return stdlibPrefix + strings.ReplaceAll(mod, ".", "_")
}

// moduleMembers lists the names a module path offers.
func moduleMembers(mod string) (map[string]bool, bool) {
	name, ok := moduleValueName(mod)
	if !ok {
		return nil, false
	}
	switch mod {
	case "alembic":
		return map[string]bool{"op": true, "context": true}, true
	case "sqlalchemy.dialects":
		return map[string]bool{"postgresql": true, "mysql": true, "sqlite": true}, true
	}
	if m := stdlibModules[mod]; m != nil {
		return memberSet(m.Members), true
	}
	if mod == "alembic.util.exc" {
		return memberSet(alembicUtilModule.Members), true
	}
	return memberSets()[name], true
}

// memberSets holds each predeclared module's names, built once: every
// import line of every script looks them up.
var memberSets = sync.OnceValue(func() map[string]map[string]bool {
	return map[string]map[string]bool{
		"sa":         memberSet(saModule.Members),
		"postgresql": memberSet(postgresqlModule.Members),
		"mysql":      memberSet(mysqlModule.Members),
		"sqlite":     memberSet(sqliteModule.Members),
		"uuid":       memberSet(uuidModule.Members),
	}
})

// fString turns f"a{x!r}b" into "a{!r}b".format(x). Expressions keep their
// text; only the f prefix and the expressions move, and no line break is
// added or removed, so the lines stay where they were. Format specs
// ({x:>10}, {x:>{w}}) stay in the template, and a self-documenting {x=}
// writes "x=" and then {!r}. The .format call is Python's str.format
// (see rewriteFormatting).
func (s *shimmer) fString(t token) error {
	lit := t.text
	p := 0
	for p < len(lit) && lit[p] != '"' && lit[p] != '\'' {
		p++
	}
	prefix := strings.NewReplacer("f", "", "F", "").Replace(lit[:p])
	q := lit[p]
	qlen := 1
	if strings.HasPrefix(lit[p:], strings.Repeat(string(q), 3)) {
		qlen = 3
	}
	bodyStart, bodyEnd := p+qlen, len(lit)-qlen
	if bodyEnd < bodyStart || !strings.HasSuffix(lit, strings.Repeat(string(q), qlen)) {
		return unsupported(t, "unterminated f-string")
	}
	body := lit[bodyStart:bodyEnd]
	var out strings.Builder
	var exprs []string
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '{' && i+1 < len(body) && body[i+1] == '{' || c == '}' && i+1 < len(body) && body[i+1] == '}' {
			out.WriteString(body[i : i+2])
			i++
			continue
		}
		if c == '}' {
			return unsupported(t, "f-string: single '}' is not allowed")
		}
		if c != '{' {
			out.WriteByte(c)
			continue
		}
		// Scan the replacement field {expr[=][!conv][:spec]}.
		depth := 0
		var quote byte
		exprEnd := -1
		for j := i + 1; j < len(body) && exprEnd < 0; j++ {
			d := body[j]
			switch {
			case quote != 0:
				if d == quote {
					quote = 0
				}
			case d == '\'' || d == '"':
				quote = d
			case d == '(' || d == '[' || d == '{':
				depth++
			case d == ')' || d == ']' || d == '}' && depth > 0:
				depth--
			case d == '\n':
				return unsupported(t, "f-string expression spanning lines")
			case depth == 0 && (d == '!' && (j+1 >= len(body) || body[j+1] != '=') || d == ':' || d == '}'):
				exprEnd = j
			}
		}
		if exprEnd < 0 {
			return unsupported(t, "f-string: unterminated replacement field")
		}
		expr := body[i+1 : exprEnd]
		// {expr=} writes the expression's text, then its repr.
		selfDoc := ""
		if trimmed := strings.TrimRight(expr, " "); strings.HasSuffix(trimmed, "=") &&
			(len(trimmed) < 2 || !strings.ContainsRune("=!<>", rune(trimmed[len(trimmed)-2]))) {
			selfDoc, expr = expr, trimmed[:len(trimmed)-1]
		}
		k := exprEnd
		conv := ""
		if body[k] == '!' {
			if k+2 >= len(body) || !strings.ContainsRune("rsa", rune(body[k+1])) || (body[k+2] != '}' && body[k+2] != ':') {
				return unsupported(t, "f-string conversion other than !r, !s or !a")
			}
			conv = body[k : k+2]
			k += 2
		}
		spec := ""
		var specExprs []string
		if body[k] == ':' {
			// The spec is literal text up to the closing brace, with
			// nested {expr} fields ({x:>{width}}).
			var sb strings.Builder
			sb.WriteByte(':')
			for k++; k < len(body) && body[k] != '}'; k++ {
				if body[k] != '{' {
					sb.WriteByte(body[k])
					continue
				}
				closeAt := strings.IndexByte(body[k+1:], '}')
				if closeAt < 0 {
					return unsupported(t, "f-string: unterminated replacement field")
				}
				inner := body[k+1 : k+1+closeAt]
				if strings.TrimSpace(inner) == "" || strings.ContainsAny(inner, "{!:\n") {
					return unsupported(t, "f-string: nested replacement field in a format spec other than {name}")
				}
				specExprs = append(specExprs, strings.TrimSpace(inner))
				sb.WriteString("{}")
				k += closeAt + 1
			}
			if k >= len(body) {
				return unsupported(t, "f-string: unterminated replacement field")
			}
			spec = sb.String()
		}
		if body[k] != '}' {
			return unsupported(t, "f-string: expected '}'")
		}
		if strings.TrimSpace(expr) == "" {
			return unsupported(t, "f-string: empty expression")
		}
		if selfDoc != "" {
			out.WriteString(strings.NewReplacer("{", "{{", "}", "}}").Replace(selfDoc))
			if conv == "" && spec == "" {
				conv = "!r"
			}
		}
		inner, err := shimExpr(strings.TrimSpace(expr))
		if err != nil {
			return unsupported(t, "this f-string expression ("+err.Error()+")")
		}
		exprs = append(exprs, inner)
		exprs = append(exprs, specExprs...)
		out.WriteString("{" + conv + spec + "}")
		i = k
	}
	q3 := strings.Repeat(string(q), qlen)
	repl := prefix + q3 + out.String() + q3
	if conv, err := starlarkLiteral(repl); err != nil {
		return &shimError{line: t.line, col: t.col, msg: err.Error()}
	} else if conv != "" {
		repl = conv
	}
	if len(exprs) > 0 {
		repl += ".format(" + strings.Join(exprs, ", ") + ")"
	}
	// Write the new literal over the old one; line breaks inside it are
	// the literal's own and stay in place.
	s.replaceLiteral(t, repl)
	return nil
}
