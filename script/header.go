package script

import (
	"bytes"
	"fmt"
	"strings"
)

// HeaderError is a revision header that cannot be read: a value that is not
// a literal, a missing assignment, an unterminated string. Line is 1-based,
// 0 when the problem concerns the whole file.
type HeaderError struct {
	Path string
	Line int
	Msg  string
}

func (e *HeaderError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Header is what a revision script declares about itself, read without
// executing it.
type Header struct {
	Revision      string   // "" when the script assigns no revision
	DownRevisions []string // empty for a base (down_revision = None)
	BranchLabels  []string
	DependsOn     []string
	LongDoc       string // the module docstring, stripped
	// Lines of the assignments (0 = absent), for error messages.
	RevisionLine, DownRevisionLine, BranchLabelsLine, DependsOnLine int

	hasDownRevision bool   // a down_revision assignment was seen
	sql             bool   // read from a .sql script
	sqlComplete     bool   // the .sql header block ended within the bytes read
	sqlMessage      string // first paragraph of a .sql header
}

// headerVars are the module-level names the scanner looks for.
var headerVars = map[string]bool{"revision": true, "down_revision": true, "branch_labels": true, "depends_on": true}

// headerVarNames maps a header name to itself, so that looking a name up
// from the source bytes yields a string without allocating.
var headerVarNames = map[string]string{"revision": "revision", "down_revision": "down_revision", "branch_labels": "branch_labels", "depends_on": "depends_on"}

// ScanHeader reads the docstring and the revision, down_revision,
// branch_labels and depends_on assignments of an Alembic .py script. It
// understands the plain style of old templates and the annotated style of
// new ones (`down_revision: Union[str, None] = "ae10"`), strings in either
// quote, tuples, lists, parentheses over several lines and trailing
// comments. It stops as soon as all four names are seen. Values that are
// not literals (a function call, a name) are errors: retort never runs the
// script to find out. path is used in errors only.
func ScanHeader(path string, src []byte) (*Header, error) {
	s := &pyScanner{src: src, path: path, line: 1}
	h := &Header{}
	found := 0
	first := true
	for found < len(headerVars) {
		s.skipBlankAndComments()
		if s.pos >= len(s.src) {
			break
		}
		stmtLine := s.line
		if first {
			first = false
			if doc, ok, err := s.docstring(); err != nil {
				return nil, err
			} else if ok {
				// Python reads source with universal newlines.
				h.LongDoc = strings.TrimSpace(strings.ReplaceAll(doc, "\r\n", "\n"))
				continue
			}
		}
		if s.src[s.pos] == ' ' || s.src[s.pos] == '\t' {
			// An indented line here would be an IndentationError in Python;
			// anything nested under a def/class/if is skipped with its header.
			if err := s.skipLogicalLine(); err != nil {
				return nil, err
			}
			continue
		}
		name, isAssign, err := s.assignmentTarget()
		if err != nil {
			return nil, err
		}
		if !isAssign || !headerVars[name] {
			if err := s.skipLogicalLine(); err != nil {
				return nil, err
			}
			continue
		}
		val, err := s.literal(name)
		if err != nil {
			return nil, err
		}
		if err := s.endOfStatement(name); err != nil {
			return nil, err
		}
		switch name {
		case "revision":
			if h.RevisionLine != 0 {
				continue
			}
			if val.kind != litString {
				return nil, s.errAt(stmtLine, "revision must be a string literal, found %s", val.describe())
			}
			h.Revision, h.RevisionLine = val.items[0], stmtLine
		case "down_revision":
			if h.DownRevisionLine != 0 {
				continue
			}
			h.DownRevisions, h.DownRevisionLine, h.hasDownRevision = val.items, stmtLine, true
		case "branch_labels":
			if h.BranchLabelsLine != 0 {
				continue
			}
			h.BranchLabels, h.BranchLabelsLine = val.items, stmtLine
		case "depends_on":
			if h.DependsOnLine != 0 {
				continue
			}
			h.DependsOn, h.DependsOnLine = val.items, stmtLine
		}
		found++
	}
	return h, nil
}

// pyScanner walks Python source just far enough to find top-level
// assignments: it knows strings, comments, brackets and continuations.
type pyScanner struct {
	src  []byte
	pos  int
	line int
	path string
}

func (s *pyScanner) errAt(line int, format string, args ...any) error {
	return &HeaderError{Path: s.path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (s *pyScanner) advance(n int) {
	for i := 0; i < n && s.pos < len(s.src); i++ {
		if s.src[s.pos] == '\n' {
			s.line++
		}
		s.pos++
	}
}

// skipBlankAndComments moves to the first character of the next line that
// holds code.
func (s *pyScanner) skipBlankAndComments() {
	for s.pos < len(s.src) {
		lineStart := s.pos
		p := s.pos
		for p < len(s.src) && (s.src[p] == ' ' || s.src[p] == '\t' || s.src[p] == '\f' || s.src[p] == '\r') {
			p++
		}
		if p < len(s.src) && s.src[p] != '\n' && s.src[p] != '#' {
			s.pos = lineStart
			return
		}
		for p < len(s.src) && s.src[p] != '\n' {
			p++
		}
		s.advance(p - s.pos + 1)
	}
}

// skipSpaces skips blanks within a statement; inside brackets newlines and
// comments count as blanks too.
func (s *pyScanner) skipSpaces(inBrackets bool) {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\r':
			s.advance(1)
		case c == '\\' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '\n':
			s.advance(2)
		case c == '\\' && s.pos+2 < len(s.src) && s.src[s.pos+1] == '\r' && s.src[s.pos+2] == '\n':
			s.advance(3)
		case inBrackets && c == '\n':
			s.advance(1)
		case inBrackets && c == '#':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.advance(1)
			}
		default:
			return
		}
	}
}

// docstring reads a module docstring when the first statement is a string
// literal standing alone.
func (s *pyScanner) docstring() (string, bool, error) {
	save, saveLine := s.pos, s.line
	if _, ok := s.stringPrefix(); !ok {
		return "", false, nil
	}
	str, err := s.stringLiteral()
	if err != nil {
		return "", false, err
	}
	s.skipSpaces(false)
	if s.pos < len(s.src) && s.src[s.pos] != '\n' && s.src[s.pos] != '#' && s.src[s.pos] != ';' {
		// e.g. "a" + b: an expression statement, not a docstring.
		s.pos, s.line = save, saveLine
		return "", false, nil
	}
	s.skipRestOfLine()
	return str, true, nil
}

func (s *pyScanner) skipRestOfLine() {
	for s.pos < len(s.src) && s.src[s.pos] != '\n' {
		s.advance(1)
	}
	s.advance(1)
}

// stringPrefix reports whether a string literal (with an optional r/u/b/f
// prefix) starts at the current position, and the prefix length.
func (s *pyScanner) stringPrefix() (int, bool) {
	for n := 0; n <= 2 && s.pos+n < len(s.src); n++ {
		c := s.src[s.pos+n]
		if c == '"' || c == '\'' {
			return n, true
		}
		if !strings.ContainsRune("rRuUbBfF", rune(c)) {
			return 0, false
		}
	}
	return 0, false
}

// stringLiteral reads one Python string literal and returns its value.
func (s *pyScanner) stringLiteral() (string, error) {
	n, _ := s.stringPrefix()
	prefix := strings.ToLower(string(s.src[s.pos : s.pos+n]))
	startLine := s.line
	s.advance(n)
	q := s.src[s.pos : s.pos+1]
	if triple := []byte{q[0], q[0], q[0]}; bytes.HasPrefix(s.src[s.pos:], triple) {
		q = triple
	}
	s.advance(len(q))
	raw := strings.Contains(prefix, "r")
	// Fast path: most literals have no backslash, and their value is
	// their text.
	if end := bytes.Index(s.src[s.pos:], q); end >= 0 && !strings.Contains(prefix, "f") {
		body := s.src[s.pos : s.pos+end]
		if bytes.IndexByte(body, '\\') < 0 && (len(q) == 3 || bytes.IndexByte(body, '\n') < 0) {
			s.advance(end + len(q))
			return string(body), nil
		}
	}
	var b strings.Builder
	for {
		if s.pos >= len(s.src) {
			return "", s.errAt(startLine, "unterminated string literal")
		}
		c := s.src[s.pos]
		if c == '\n' && len(q) == 1 {
			return "", s.errAt(startLine, "unterminated string literal")
		}
		if bytes.HasPrefix(s.src[s.pos:], q) {
			s.advance(len(q))
			break
		}
		if c == '\\' && s.pos+1 < len(s.src) {
			next := s.src[s.pos+1]
			if raw {
				b.WriteByte(c)
				b.WriteByte(next)
			} else {
				b.WriteString(unescape(next))
			}
			s.advance(2)
			continue
		}
		b.WriteByte(c)
		s.advance(1)
	}
	if strings.Contains(prefix, "f") {
		return "", s.errAt(startLine, "f-strings are not supported in revision headers")
	}
	return b.String(), nil
}

func unescape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case '\\', '\'', '"':
		return string(c)
	case '\n':
		return ""
	}
	return "\\" + string(c)
}

// assignmentTarget reads `name =` or `name: annotation =` at the start of
// a statement. When the statement is something else it rewinds and
// reports false.
func (s *pyScanner) assignmentTarget() (string, bool, error) {
	save, saveLine := s.pos, s.line
	rewind := func() (string, bool, error) {
		s.pos, s.line = save, saveLine
		return "", false, nil
	}
	start := s.pos
	for s.pos < len(s.src) && isIdent(s.src[s.pos]) {
		s.pos++
	}
	if start == s.pos {
		return rewind()
	}
	// Only the four header names matter; avoid allocating the others.
	name := headerVarNames[string(s.src[start:s.pos])]
	s.skipSpaces(false)
	if s.pos < len(s.src) && s.src[s.pos] == ':' {
		// Annotation: skip to the "=" at bracket depth zero.
		s.advance(1)
		depth := 0
		for s.pos < len(s.src) {
			c := s.src[s.pos]
			if _, ok := s.stringPrefix(); ok && (c == '"' || c == '\'') {
				if _, err := s.stringLiteral(); err != nil {
					return "", false, err
				}
				continue
			}
			switch {
			case c == '[' || c == '(' || c == '{':
				depth++
			case c == ']' || c == ')' || c == '}':
				depth--
			case c == '=' && depth == 0:
				s.advance(1)
				return name, true, nil
			case (c == '\n' || c == '#') && depth == 0:
				return rewind() // annotation without a value
			}
			s.advance(1)
		}
		return rewind()
	}
	if s.pos < len(s.src) && s.src[s.pos] == '=' && (s.pos+1 >= len(s.src) || s.src[s.pos+1] != '=') {
		s.advance(1)
		return name, true, nil
	}
	return rewind()
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

type litKind int

const (
	litNone litKind = iota
	litString
	litSequence
)

// literal is a header value: None, a string, or a tuple/list of strings.
type literal struct {
	kind  litKind
	items []string
}

// describe names a value that is not the string it should be.
func (l literal) describe() string {
	if l.kind == litNone {
		return "None"
	}
	return "a sequence"
}

// literal parses the value of name: None, a string (adjacent strings are
// concatenated), or a tuple or list of strings, with or without brackets.
func (s *pyScanner) literal(name string) (literal, error) {
	s.skipSpaces(false)
	line := s.line
	first, err := s.atom(name, false)
	if err != nil {
		return literal{}, err
	}
	s.skipSpaces(false)
	if s.pos < len(s.src) && s.src[s.pos] == ',' {
		// A bare tuple: down_revision = 'a', 'b'
		items := append([]string(nil), first.items...)
		if first.kind != litString {
			return literal{}, s.errAt(line, "%s: expected a string in the tuple", name)
		}
		for s.pos < len(s.src) && s.src[s.pos] == ',' {
			s.advance(1)
			s.skipSpaces(false)
			if s.pos >= len(s.src) || s.src[s.pos] == '\n' || s.src[s.pos] == '#' {
				break
			}
			next, err := s.atom(name, false)
			if err != nil {
				return literal{}, err
			}
			if next.kind != litString {
				return literal{}, s.errAt(line, "%s: expected a string in the tuple", name)
			}
			items = append(items, next.items...)
			s.skipSpaces(false)
		}
		return literal{kind: litSequence, items: items}, nil
	}
	return first, nil
}

// atom parses None, strings, or one bracketed tuple/list.
func (s *pyScanner) atom(name string, inBrackets bool) (literal, error) {
	line := s.line
	if s.pos >= len(s.src) {
		return literal{}, s.errAt(line, "%s: missing value", name)
	}
	c := s.src[s.pos]
	if _, ok := s.stringPrefix(); ok {
		str, err := s.stringLiteral()
		if err != nil {
			return literal{}, err
		}
		s.skipSpaces(inBrackets)
		for { // adjacent literals concatenate: 'ab' "cd"
			if _, ok := s.stringPrefix(); !ok {
				break
			}
			more, err := s.stringLiteral()
			if err != nil {
				return literal{}, err
			}
			str += more
			s.skipSpaces(inBrackets)
		}
		return literal{kind: litString, items: []string{str}}, nil
	}
	if c == '(' || c == '[' {
		closer := byte(')')
		if c == '[' {
			closer = ']'
		}
		s.advance(1)
		var items []string
		sawComma := false
		for {
			s.skipSpaces(true)
			if s.pos >= len(s.src) {
				return literal{}, s.errAt(line, "%s: unclosed '%c'", name, c)
			}
			if s.src[s.pos] == closer {
				s.advance(1)
				break
			}
			el, err := s.atom(name, true)
			if err != nil {
				return literal{}, err
			}
			switch el.kind {
			case litString:
				items = append(items, el.items...)
			case litNone:
				// Alembic would look for a revision named None and fail later.
				return literal{}, s.errAt(line, "%s: None inside a sequence", name)
			default:
				return literal{}, s.errAt(line, "%s: nested sequences are not supported", name)
			}
			s.skipSpaces(true)
			if s.pos < len(s.src) && s.src[s.pos] == ',' {
				sawComma = true
				s.advance(1)
				continue
			}
			if s.pos >= len(s.src) {
				return literal{}, s.errAt(line, "%s: unclosed '%c'", name, c)
			}
			if s.src[s.pos] == closer {
				s.advance(1)
				break
			}
			return literal{}, s.errAt(s.line, "%s: expected ',' or '%c' before %s", name, closer, s.restOfLine())
		}
		if c == '(' && len(items) == 1 && !sawComma {
			// ('abc') is a parenthesised string, not a tuple.
			return literal{kind: litString, items: items}, nil
		}
		return literal{kind: litSequence, items: items}, nil
	}
	if bytes.HasPrefix(s.src[s.pos:], []byte("None")) &&
		(s.pos+4 >= len(s.src) || !isIdent(s.src[s.pos+4])) {
		s.advance(4)
		return literal{kind: litNone}, nil
	}
	return literal{}, s.errAt(line, "%s must be a string, a tuple or list of strings, or None; found %s (retort reads headers without running the script)", name, s.restOfLine())
}

// restOfLine is the code from the current position to the end of the
// line or a comment, for messages.
func (s *pyScanner) restOfLine() string {
	end := s.pos
	for end < len(s.src) && s.src[end] != '\n' && s.src[end] != '#' {
		end++
	}
	return strings.TrimSpace(string(s.src[s.pos:end]))
}

// endOfStatement requires the assignment to end here (a comment may follow).
func (s *pyScanner) endOfStatement(name string) error {
	s.skipSpaces(false)
	if s.pos >= len(s.src) {
		return nil
	}
	switch s.src[s.pos] {
	case '\n', '#', ';':
		s.skipRestOfLine()
		return nil
	}
	return s.errAt(s.line, "%s: unexpected %s after the value", name, s.restOfLine())
}

// skipLogicalLine skips one logical line of code: through strings,
// brackets and backslash continuations to the newline that ends it.
func (s *pyScanner) skipLogicalLine() error {
	depth := 0
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if c == '"' || c == '\'' {
			// A prefix letter before the quote was already passed over; it
			// does not change where the literal ends.
			if _, err := s.stringLiteral(); err != nil {
				return err
			}
			continue
		}
		switch c {
		case '#':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.advance(1)
			}
			continue
		case '\\':
			s.advance(2)
			continue
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '\n':
			s.advance(1)
			if depth <= 0 {
				return nil
			}
			continue
		}
		s.advance(1)
	}
	return nil
}
