package mako

import (
	"fmt"
	"strings"
)

// nodeKind tells the code generator what a lexed piece of template is.
type nodeKind int

const (
	nodeText    nodeKind = iota // literal output
	nodeExpr                    // ${expr | filters}
	nodeControl                 // % if/elif/else/for/while/end... line
	nodeCode                    // <% ... %> (module == false) or <%! ... %> (module == true)
)

type node struct {
	kind    nodeKind
	line    int    // 1-based template line where the node starts
	text    string // literal text, expression source, control statement or code block
	filters string // raw filter list of an expression ("comma,n")
	keyword string // control keyword without "end" ("if", "for", ...)
	isEnd   bool   // control line is "% endif"/"% endfor"/...
	module  bool   // code block is <%! ... %>
}

// lexer splits a template the way Mako's lexer does. It keeps Mako's
// matching order and its rule that a zero-length match still advances one
// character: that rule is what turns "%%" at the start of a line into "%",
// so reproducing it keeps such corner cases byte-identical.
type lexer struct {
	src      string
	pos      int
	nodes    []node
	controls []node // open control blocks, innermost last
}

func lex(src string) ([]node, error) {
	lx := &lexer{src: src}
	for lx.pos < len(lx.src) {
		var ok bool
		var err error
		for _, step := range []func() (bool, error){
			lx.expression, lx.controlLine, lx.docComment, lx.tag, lx.closingTag, lx.codeBlock, lx.text,
		} {
			if ok, err = step(); err != nil {
				return nil, err
			}
			if ok {
				break
			}
		}
	}
	if len(lx.controls) > 0 {
		open := lx.controls[len(lx.controls)-1]
		return nil, &Error{Line: open.line, Msg: fmt.Sprintf("unterminated control keyword: '%s'", open.keyword)}
	}
	return lx.nodes, nil
}

// lineAt is the 1-based line number of byte offset p.
func (lx *lexer) lineAt(p int) int {
	return strings.Count(lx.src[:min(p, len(lx.src))], "\n") + 1
}

func (lx *lexer) errorf(p int, format string, args ...any) error {
	return &Error{Line: lx.lineAt(p), Msg: fmt.Sprintf(format, args...)}
}

func (lx *lexer) atLineStart(p int) bool { return p == 0 || lx.src[p-1] == '\n' }

func (lx *lexer) expression() (bool, error) {
	if !strings.HasPrefix(lx.src[lx.pos:], "${") {
		return false, nil
	}
	start := lx.pos
	lx.pos += 2
	code, end, err := lx.until(true, "|", "}")
	if err != nil {
		return false, lx.errorf(start, "unterminated expression: expected '}'")
	}
	filters := ""
	if end == "|" {
		if filters, _, err = lx.until(true, "}"); err != nil {
			return false, lx.errorf(start, "unterminated expression: expected '}'")
		}
	}
	code = strings.ReplaceAll(code, "\r\n", "\n")
	lx.nodes = append(lx.nodes, node{kind: nodeExpr, line: lx.lineAt(start), text: code, filters: strings.TrimSpace(filters)})
	return true, nil
}

// controlLine matches "% stmt" and "## comment" lines, including their
// leading blanks and trailing newline; a backslash-newline continues them.
func (lx *lexer) controlLine() (bool, error) {
	if !lx.atLineStart(lx.pos) {
		return false, nil
	}
	p := lx.pos
	for p < len(lx.src) && (lx.src[p] == ' ' || lx.src[p] == '\t') {
		p++
	}
	rest := lx.src[p:]
	var op string
	switch {
	case strings.HasPrefix(rest, "##"):
		op = "##"
	case strings.HasPrefix(rest, "%") && !strings.HasPrefix(rest, "%%"):
		op = "%"
	default:
		return false, nil
	}
	start := lx.pos
	p += len(op)
	for p < len(lx.src) && (lx.src[p] == ' ' || lx.src[p] == '\t') {
		p++
	}
	bodyStart := p
	for p < len(lx.src) && lx.src[p] != '\n' {
		if n := escapedNewline(lx.src[p:]); n > 0 {
			p += n
			continue
		}
		p++
	}
	body := strings.TrimSuffix(lx.src[bodyStart:p], "\r")
	if p < len(lx.src) {
		p++ // the newline belongs to the control line
	}
	lx.pos = p
	if op == "##" {
		return true, nil
	}
	return true, lx.addControl(start, body)
}

var primaryKeywords = map[string][]string{
	"if": {"elif", "else"}, "for": {"else"}, "while": {"else"}, "try": {"except", "finally", "else"}, "with": nil,
}

func (lx *lexer) addControl(start int, body string) error {
	line := lx.lineAt(start)
	word := body
	isEnd := strings.HasPrefix(word, "end")
	if isEnd {
		word = word[3:]
	}
	n := 0
	for n < len(word) && isIdentByte(word[n]) {
		n++
	}
	if n == 0 {
		return &Error{Line: line, Msg: fmt.Sprintf("invalid control line: '%s'", body)}
	}
	keyword := word[:n]
	nd := node{kind: nodeControl, line: line, text: body, keyword: keyword, isEnd: isEnd}
	switch _, primary := primaryKeywords[keyword]; {
	case isEnd:
		if len(lx.controls) == 0 {
			return &Error{Line: line, Msg: fmt.Sprintf("no starting keyword '%s' for '%s'", keyword, body)}
		}
		if open := lx.controls[len(lx.controls)-1]; open.keyword != keyword {
			return &Error{Line: line, Msg: fmt.Sprintf("keyword '%s' doesn't match keyword '%s'", body, open.keyword)}
		}
		lx.controls = lx.controls[:len(lx.controls)-1]
	case primary:
		lx.controls = append(lx.controls, nd)
	default:
		legal := false
		if len(lx.controls) > 0 {
			for _, k := range primaryKeywords[lx.controls[len(lx.controls)-1].keyword] {
				legal = legal || k == keyword
			}
		}
		if !legal {
			open := "(none)"
			if len(lx.controls) > 0 {
				open = lx.controls[len(lx.controls)-1].keyword
			}
			return &Error{Line: line, Msg: fmt.Sprintf("keyword '%s' not a legal ternary for keyword '%s'", keyword, open)}
		}
	}
	lx.nodes = append(lx.nodes, nd)
	return nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (lx *lexer) docComment() (bool, error) {
	if !strings.HasPrefix(lx.src[lx.pos:], "<%doc>") {
		return false, nil
	}
	end := strings.Index(lx.src[lx.pos:], "</%doc>")
	if end < 0 {
		return false, lx.errorf(lx.pos, "unclosed tag: <%%doc>")
	}
	lx.pos += end + len("</%doc>")
	return true, nil
}

// tag handles <%name ...>. Only <%text> (raw output) is part of the subset;
// Alembic's templates use no other tag, so any other is reported rather than
// silently mis-rendered.
func (lx *lexer) tag() (bool, error) {
	rest := lx.src[lx.pos:]
	if !strings.HasPrefix(rest, "<%") || len(rest) < 3 || !(isIdentByte(rest[2]) || rest[2] == '.' || rest[2] == ':') {
		return false, nil
	}
	n := 2
	for n < len(rest) && (isIdentByte(rest[n]) || rest[n] == '.' || rest[n] == ':') {
		n++
	}
	name := rest[2:n]
	if name != "text" {
		return false, lx.errorf(lx.pos, "unsupported tag <%%%s>", name)
	}
	closeStart := strings.Index(rest, ">")
	if closeStart < 0 {
		return false, lx.errorf(lx.pos, "unclosed tag: <%%text>")
	}
	body := rest[closeStart+1:]
	end := strings.Index(body, "</%text>")
	if end < 0 {
		return false, lx.errorf(lx.pos, "unclosed tag: <%%text>")
	}
	if !strings.HasSuffix(rest[:closeStart], "/") {
		lx.nodes = append(lx.nodes, node{kind: nodeText, line: lx.lineAt(lx.pos), text: body[:end]})
		lx.pos += closeStart + 1 + end + len("</%text>")
	} else {
		lx.pos += closeStart + 1
	}
	return true, nil
}

func (lx *lexer) closingTag() (bool, error) {
	rest := lx.src[lx.pos:]
	if !strings.HasPrefix(rest, "</%") {
		return false, nil
	}
	return false, lx.errorf(lx.pos, "closing tag without opening tag: %s", strings.SplitN(rest, ">", 2)[0]+">")
}

func (lx *lexer) codeBlock() (bool, error) {
	rest := lx.src[lx.pos:]
	if !strings.HasPrefix(rest, "<%") {
		return false, nil
	}
	start := lx.pos
	module := strings.HasPrefix(rest, "<%!")
	lx.pos += 2
	if module {
		lx.pos++
	}
	code, _, err := lx.until(false, "%>")
	if err != nil {
		return false, lx.errorf(start, "unterminated python block: expected '%%>'")
	}
	code = strings.ReplaceAll(code, "\r\n", "\n")
	lx.nodes = append(lx.nodes, node{kind: nodeCode, line: lx.lineAt(start), text: code, module: module})
	return true, nil
}

// text consumes literal text up to the next construct. A backslash-newline
// is dropped (Mako's line continuation).
func (lx *lexer) text() (bool, error) {
	src := lx.src
	for p := lx.pos; ; p++ {
		stop, skip := false, 0
		switch {
		case p >= len(src):
			stop = true
		case p > 0 && src[p-1] == '\n' && startsControl(src[p:]):
			stop = true
		case strings.HasPrefix(src[p:], "${"), strings.HasPrefix(src[p:], "<%"), strings.HasPrefix(src[p:], "</%"),
			strings.HasPrefix(src[p:], "<&"), strings.HasPrefix(src[p:], "</&"):
			stop = true
		case escapedNewline(src[p:]) > 0:
			stop, skip = true, escapedNewline(src[p:])
		}
		if !stop {
			continue
		}
		if p > lx.pos {
			lx.nodes = append(lx.nodes, node{kind: nodeText, line: lx.lineAt(lx.pos), text: src[lx.pos:p]})
		}
		switch {
		case skip > 0:
			lx.pos = p + skip
		case p == lx.pos:
			lx.pos = p + 1 // zero-length match: Mako steps over one character
		default:
			lx.pos = p
		}
		return true, nil
	}
}

// escapedNewline is the length of a backslash-newline at the start of s, or 0.
func escapedNewline(s string) int {
	switch {
	case strings.HasPrefix(s, "\\\n"):
		return 2
	case strings.HasPrefix(s, "\\\r\n"):
		return 3
	}
	return 0
}

func startsControl(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return strings.HasPrefix(s, "%") || strings.HasPrefix(s, "##")
}

// until scans Python source from lx.pos up to one of the terminators,
// skipping string literals and comments and, when nesting is watched,
// terminators inside brackets. It returns the source before the terminator
// and the terminator found, leaving lx.pos after it.
func (lx *lexer) until(nesting bool, terms ...string) (string, string, error) {
	src := lx.src
	start := lx.pos
	depth := 0
	p := lx.pos
	for p < len(src) {
		c := src[p]
		switch {
		case c == '#':
			nl := strings.IndexByte(src[p:], '\n')
			if nl >= 0 {
				p += nl + 1
				continue
			}
		case c == '"' || c == '\'':
			if end := stringLiteralEnd(src, p); end > 0 {
				p = end
				continue
			}
		}
		for _, t := range terms {
			if strings.HasPrefix(src[p:], t) {
				if !nesting || depth <= 0 {
					lx.pos = p + len(t)
					return src[start:p], t, nil
				}
			}
		}
		switch c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		}
		p++
	}
	return "", "", fmt.Errorf("expected one of %s", strings.Join(terms, ","))
}

// stringLiteralEnd returns the offset just past the Python string literal
// starting at p, or -1 when it is not terminated.
func stringLiteralEnd(src string, p int) int {
	q := src[p : p+1]
	if strings.HasPrefix(src[p:], q+q+q) {
		q = q + q + q
	}
	for i := p + len(q); i < len(src); i++ {
		if src[i] == '\\' {
			i++
			continue
		}
		if strings.HasPrefix(src[i:], q) {
			return i + len(q)
		}
	}
	return -1
}
