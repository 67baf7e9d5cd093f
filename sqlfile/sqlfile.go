package sqlfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Header is what the comment block at the top of a script declares; it is
// the .sql counterpart of a .py script's docstring and module variables.
type Header struct {
	// Message is the first paragraph of the header text: what Alembic's
	// Script.doc shows in history.
	Message string
	// Revision is "-- Revision ID:", required.
	Revision string
	// DownRevisions is "-- Revises:": empty for a base revision, two or
	// more for a merge.
	DownRevisions []string
	// BranchLabels is "-- Branch Labels:".
	BranchLabels []string
	// DependsOn is "-- Depends On:".
	DependsOn []string
	// CreateDate is "-- Create Date:", as written.
	CreateDate string
	// Doc is the whole header text without the "--" markers, trimmed: the
	// counterpart of Alembic's Script.longdoc (history -v, show).
	Doc string
}

// Section is the statements of one direction of a script.
type Section struct {
	Statements []Statement
	// NoTransaction is set by "-- retort:no-transaction" in the section.
	NoTransaction bool
	// Line is the line of the section's "-- retort:..." marker; 0 when the
	// script has no such section.
	Line int
}

// File is a parsed .sql script.
type File struct {
	Header    *Header
	Upgrade   Section
	Downgrade Section
}

// Directive names, as written after "-- retort:".
const (
	DirectiveUpgrade       = "upgrade"
	DirectiveDowngrade     = "downgrade"
	DirectiveNoTransaction = "no-transaction"
	// DirectiveLintIgnore ("-- retort:lint-ignore RULE") silences a lint
	// rule for the next statement; Parse accepts it inside a section and
	// leaves its meaning to the lint.
	DirectiveLintIgnore = "lint-ignore"
)

// headerFields are the "-- Key: value" lines the header understands.
var headerFields = []string{"Revision ID", "Revises", "Create Date", "Branch Labels", "Depends On"}

// ParseHeader reads only the leading comment block of a script (up to the
// first "-- retort:" directive or the first line that is not a comment), so
// it is cheap to call on every script of a large project. Errors are
// *SyntaxError values naming path and line.
func ParseHeader(path string, src []byte) (*Header, error) {
	h := &Header{}
	var text []string // comment text lines, markers removed
	seen := map[string]int{}
	fail := func(line int, format string, args ...any) error {
		return &SyntaxError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	// Only the header's lines are converted to strings: the SQL after it
	// may be large and is not needed here.
	rest := bytes.TrimPrefix(src, []byte("\ufeff"))
	lineNo := 0
	for len(rest) > 0 {
		lineNo++
		var line []byte
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			line, rest = rest[:nl], rest[nl+1:]
		} else {
			line, rest = rest, nil
		}
		trimmed := string(bytes.TrimSpace(line))
		if trimmed == "" {
			if len(text) > 0 {
				text = append(text, "")
			}
			continue
		}
		body, isComment := strings.CutPrefix(trimmed, "--")
		if !isComment {
			break
		}
		if _, ok := directiveName(trimmed); ok {
			break
		}
		body = strings.TrimPrefix(strings.TrimRight(body, " \t\r"), " ")
		text = append(text, body)
		key, value, ok := strings.Cut(body, ":")
		if !ok {
			continue
		}
		field := ""
		for _, f := range headerFields {
			if strings.EqualFold(strings.TrimSpace(key), f) {
				field = f
			}
		}
		if field == "" {
			continue
		}
		if prev, dup := seen[field]; dup {
			return nil, fail(lineNo, "duplicate '-- %s:' line (first at line %d)", field, prev)
		}
		seen[field] = lineNo
		value = strings.TrimSpace(value)
		switch field {
		case "Revision ID":
			ids := splitIDList(value)
			if len(ids) != 1 {
				return nil, fail(lineNo, "'-- Revision ID:' must name exactly one revision, got %q", value)
			}
			h.Revision = ids[0]
		case "Revises":
			h.DownRevisions = splitIDList(value)
		case "Create Date":
			h.CreateDate = value
		case "Branch Labels":
			h.BranchLabels = splitIDList(value)
		case "Depends On":
			h.DependsOn = splitIDList(value)
		}
	}
	if h.Revision == "" {
		return nil, fail(1, "missing '-- Revision ID:' line in the header comment")
	}
	h.Doc = strings.TrimSpace(strings.Join(text, "\n"))
	h.Message = firstParagraph(text)
	return h, nil
}

// firstParagraph returns the header text up to its first blank line or
// first "Key: value" field line, the way a docstring's first paragraph is
// the message in Alembic's template.
func firstParagraph(text []string) string {
	var para []string
	for _, line := range text {
		if strings.TrimSpace(line) == "" {
			if len(para) == 0 {
				continue
			}
			break
		}
		if key, _, ok := strings.Cut(line, ":"); ok {
			isField := false
			for _, f := range headerFields {
				isField = isField || strings.EqualFold(strings.TrimSpace(key), f)
			}
			if isField {
				break
			}
		}
		para = append(para, line)
	}
	return strings.TrimSpace(strings.Join(para, "\n"))
}

// splitIDList reads a list of revision ids or labels written as
// "a, b", "a b", "None", "" or Python's "('a', 'b')".
func splitIDList(value string) []string {
	value = strings.TrimSpace(value)
	value = strings.TrimPrefix(strings.TrimSuffix(value, ")"), "(")
	value = strings.TrimPrefix(strings.TrimSuffix(value, "]"), "[")
	var ids []string
	for _, f := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		f = strings.Trim(f, `'"`)
		if f == "" || f == "None" {
			continue
		}
		ids = append(ids, f)
	}
	return ids
}

// Parse reads a whole script: the header, then the statements of the
// "-- retort:upgrade" and "-- retort:downgrade" sections, split for the
// dialect (see [Split]). A script must have an upgrade section; a missing
// downgrade section leaves File.Downgrade.Line at 0. Errors are
// *SyntaxError values naming path and line.
func Parse(path string, src []byte, dialect string) (*File, error) {
	header, err := ParseHeader(path, src)
	if err != nil {
		return nil, err
	}
	r, err := lookupRules(dialect)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f := &File{Header: header}
	var cur *Section
	taken := 0 // statements of the lexer already placed in a section
	l := newLexer(string(src), r)
	place := func() error {
		for _, st := range l.stmts[taken:] {
			if cur == nil {
				return &SyntaxError{Path: path, Line: st.Line, Msg: "SQL before the '-- retort:upgrade' line"}
			}
			cur.Statements = append(cur.Statements, st)
		}
		taken = len(l.stmts)
		return nil
	}
	l.onDirective = func(name string, line int) error {
		if err := place(); err != nil {
			return err
		}
		switch name {
		case DirectiveUpgrade, DirectiveDowngrade:
			next := &f.Upgrade
			if name == DirectiveDowngrade {
				next = &f.Downgrade
			}
			if next.Line != 0 {
				return &SyntaxError{Path: path, Line: line, Msg: fmt.Sprintf("second '-- retort:%s' section (first at line %d)", name, next.Line)}
			}
			next.Line = line
			cur = next
		case DirectiveNoTransaction:
			if cur == nil {
				return &SyntaxError{Path: path, Line: line, Msg: "'-- retort:no-transaction' must be inside an upgrade or downgrade section"}
			}
			cur.NoTransaction = true
		case DirectiveLintIgnore:
			if cur == nil {
				return &SyntaxError{Path: path, Line: line, Msg: "'-- retort:lint-ignore' must be inside an upgrade or downgrade section"}
			}
		default:
			return &SyntaxError{Path: path, Line: line, Msg: fmt.Sprintf("unknown directive 'retort:%s' (expected upgrade, downgrade, no-transaction or lint-ignore)", name)}
		}
		return nil
	}
	if err := l.run(); err != nil {
		var se *SyntaxError
		if errors.As(err, &se) && se.Path == "" {
			se.Path = path
		}
		return nil, err
	}
	if err := place(); err != nil {
		return nil, err
	}
	if f.Upgrade.Line == 0 {
		return nil, &SyntaxError{Path: path, Line: 1, Msg: "no '-- retort:upgrade' section"}
	}
	return f, nil
}
