package sqlite

import (
	"fmt"
	"strings"
)

// This file reads the CREATE TABLE / CREATE INDEX text SQLite keeps in
// sqlite_master, for what the PRAGMAs do not tell: constraint names, CHECK
// texts, AUTOINCREMENT, WITHOUT ROWID, collations, generated columns,
// deferrability, index expressions and partial-index WHERE clauses.

type tokKind int

const (
	tokWord   tokKind = iota // bare word or keyword
	tokQuoted                // "x", `x` or [x] identifier
	tokString                // 'x'
	tokNumber
	tokPunct // ( ) , . ; and operators
)

type token struct {
	kind       tokKind
	text       string // identifier value for words/quoted, raw text otherwise
	start, end int    // byte offsets in the source
}

func (t token) is(word string) bool { return t.kind == tokWord && strings.EqualFold(t.text, word) }

// tokenize splits SQL into tokens, skipping whitespace and comments.
func tokenize(src string) ([]token, error) {
	var out []token
	i := 0
	for i < len(src) {
		ch := src[i]
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v':
			i++
		case ch == '-' && i+1 < len(src) && src[i+1] == '-':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case ch == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				i = len(src)
			} else {
				i += end + 4
			}
		case ch == '\'' || ch == '"' || ch == '`' || ch == '[':
			closer := ch
			if ch == '[' {
				closer = ']'
			}
			j := i + 1
			var b strings.Builder
			for {
				if j >= len(src) {
					return nil, fmt.Errorf("unterminated quote starting at offset %d", i)
				}
				if src[j] == closer {
					if closer != ']' && j+1 < len(src) && src[j+1] == closer {
						b.WriteByte(closer)
						j += 2
						continue
					}
					break
				}
				b.WriteByte(src[j])
				j++
			}
			k := tokQuoted
			if ch == '\'' {
				k = tokString
			}
			out = append(out, token{kind: k, text: b.String(), start: i, end: j + 1})
			i = j + 1
		case isWordStart(ch):
			j := i
			for j < len(src) && isWordChar(src[j]) {
				j++
			}
			out = append(out, token{kind: tokWord, text: src[i:j], start: i, end: j})
			i = j
		case ch >= '0' && ch <= '9' || (ch == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9'):
			j := i
			for j < len(src) && (isWordChar(src[j]) || src[j] == '.') {
				j++
			}
			out = append(out, token{kind: tokNumber, text: src[i:j], start: i, end: j})
			i = j
		default:
			out = append(out, token{kind: tokPunct, text: string(ch), start: i, end: i + 1})
			i++
		}
	}
	return out, nil
}

func isWordStart(c byte) bool {
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func isWordChar(c byte) bool { return isWordStart(c) || (c >= '0' && c <= '9') }

// parsedColumn is what the table text says about one column.
type parsedColumn struct {
	name          string
	collation     string
	generated     string // expression of GENERATED ALWAYS AS (...)
	stored        bool
	unique        bool   // inline UNIQUE
	uniqueName    string // CONSTRAINT name before an inline UNIQUE
	autoincrement bool
}

type parsedFK struct {
	name       string
	columns    []string
	refTable   string
	refColumns []string
	deferrable *bool
	initially  string
}

type parsedCheck struct {
	name string
	sql  string
}

type parsedUnique struct {
	name    string
	columns []string
}

// parsedTable is what the CREATE TABLE text says.
type parsedTable struct {
	columns      []*parsedColumn
	pkName       string
	uniques      []parsedUnique
	fks          []parsedFK
	checks       []parsedCheck
	withoutRowid bool
}

func (p *parsedTable) column(name string) *parsedColumn {
	for _, c := range p.columns {
		if strings.EqualFold(c.name, name) {
			return c
		}
	}
	return nil
}

type parser struct {
	src  string
	toks []token
	pos  int
}

func (p *parser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

func (p *parser) peekIs(word string) bool {
	t, ok := p.peek()
	return ok && t.is(word)
}

func (p *parser) peekPunct(s string) bool {
	t, ok := p.peek()
	return ok && t.kind == tokPunct && t.text == s
}

func (p *parser) next() (token, error) {
	if p.pos >= len(p.toks) {
		return token{}, fmt.Errorf("unexpected end of statement")
	}
	t := p.toks[p.pos]
	p.pos++
	return t, nil
}

func (p *parser) expectPunct(s string) error {
	t, err := p.next()
	if err != nil {
		return err
	}
	if t.kind != tokPunct || t.text != s {
		return fmt.Errorf("expected %q at offset %d, found %q", s, t.start, t.text)
	}
	return nil
}

func (p *parser) name() (string, error) {
	t, err := p.next()
	if err != nil {
		return "", err
	}
	switch t.kind {
	case tokWord, tokQuoted, tokString:
		return t.text, nil
	}
	return "", fmt.Errorf("expected a name at offset %d, found %q", t.start, t.text)
}

// parenthesised consumes "( ... )" and returns the text between the
// parentheses, as written.
func (p *parser) parenthesised() (string, error) {
	t, err := p.next()
	if err != nil {
		return "", err
	}
	if t.kind != tokPunct || t.text != "(" {
		return "", fmt.Errorf("expected \"(\" at offset %d, found %q", t.start, t.text)
	}
	depth := 1
	for {
		u, err := p.next()
		if err != nil {
			return "", err
		}
		if u.kind == tokPunct {
			switch u.text {
			case "(":
				depth++
			case ")":
				depth--
				if depth == 0 {
					return strings.TrimSpace(p.src[t.end:u.start]), nil
				}
			}
		}
	}
}

// nameList consumes "(a, b DESC, c COLLATE x)" and returns the names.
func (p *parser) nameList() ([]string, error) {
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	var names []string
	for {
		n, err := p.name()
		if err != nil {
			return nil, err
		}
		names = append(names, n)
		// Skip COLLATE x, ASC/DESC and anything else up to , or ).
		depth := 0
		for {
			t, ok := p.peek()
			if !ok {
				return nil, fmt.Errorf("unterminated column list")
			}
			if t.kind == tokPunct && depth == 0 && (t.text == "," || t.text == ")") {
				break
			}
			if t.kind == tokPunct && t.text == "(" {
				depth++
			}
			if t.kind == tokPunct && t.text == ")" {
				depth--
			}
			p.pos++
		}
		t, _ := p.next()
		if t.text == ")" {
			return names, nil
		}
	}
}

// skipToBoundary skips tokens up to the next top-level "," or ")".
func (p *parser) skipToBoundary() {
	depth := 0
	for {
		t, ok := p.peek()
		if !ok {
			return
		}
		if t.kind == tokPunct {
			switch t.text {
			case "(":
				depth++
			case ")":
				if depth == 0 {
					return
				}
				depth--
			case ",":
				if depth == 0 {
					return
				}
			}
		}
		p.pos++
	}
}

// parseCreateTable parses SQLite's stored CREATE TABLE text.
func parseCreateTable(src string) (*parsedTable, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	// CREATE [TEMP|TEMPORARY] TABLE [IF NOT EXISTS] [schema.]name (
	for !p.peekPunct("(") {
		if _, err := p.next(); err != nil {
			return nil, fmt.Errorf("no column list in %q", src)
		}
	}
	p.pos++
	out := &parsedTable{}
	for {
		if err := p.definition(out); err != nil {
			return nil, err
		}
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		if t.text == ")" {
			break
		}
		if t.text != "," {
			return nil, fmt.Errorf("expected \",\" or \")\" at offset %d, found %q", t.start, t.text)
		}
	}
	for {
		t, ok := p.peek()
		if !ok {
			break
		}
		if t.is("WITHOUT") {
			out.withoutRowid = true
		}
		p.pos++
	}
	return out, nil
}

// definition parses one column definition or table constraint.
func (p *parser) definition(out *parsedTable) error {
	name := ""
	if p.peekIs("CONSTRAINT") {
		p.pos++
		n, err := p.name()
		if err != nil {
			return err
		}
		name = n
	}
	t, ok := p.peek()
	if !ok {
		return fmt.Errorf("unexpected end of statement")
	}
	switch {
	case t.is("PRIMARY"):
		p.pos += 2 // PRIMARY KEY
		if _, err := p.nameList(); err != nil {
			return err
		}
		out.pkName = name
		p.skipToBoundary()
		return nil
	case t.is("UNIQUE"):
		p.pos++
		cols, err := p.nameList()
		if err != nil {
			return err
		}
		out.uniques = append(out.uniques, parsedUnique{name: name, columns: cols})
		p.skipToBoundary()
		return nil
	case t.is("CHECK"):
		p.pos++
		s, err := p.parenthesised()
		if err != nil {
			return err
		}
		out.checks = append(out.checks, parsedCheck{name: name, sql: s})
		p.skipToBoundary()
		return nil
	case t.is("FOREIGN"):
		p.pos += 2 // FOREIGN KEY
		cols, err := p.nameList()
		if err != nil {
			return err
		}
		fk := parsedFK{name: name, columns: cols}
		if err := p.references(&fk); err != nil {
			return err
		}
		out.fks = append(out.fks, fk)
		p.skipToBoundary()
		return nil
	}
	if name != "" {
		return fmt.Errorf("unknown table constraint at offset %d", t.start)
	}
	return p.columnDef(out)
}

// references parses REFERENCES t [(cols)] [ON DELETE x] [ON UPDATE y]
// [MATCH m] [[NOT] DEFERRABLE [INITIALLY x]].
func (p *parser) references(fk *parsedFK) error {
	if !p.peekIs("REFERENCES") {
		return fmt.Errorf("expected REFERENCES")
	}
	p.pos++
	tbl, err := p.name()
	if err != nil {
		return err
	}
	fk.refTable = tbl
	if p.peekPunct("(") {
		cols, err := p.nameList()
		if err != nil {
			return err
		}
		fk.refColumns = cols
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokPunct {
			return nil
		}
		switch {
		case t.is("NOT") && p.pos+1 < len(p.toks) && p.toks[p.pos+1].is("DEFERRABLE"):
			f := false
			fk.deferrable = &f
			p.pos += 2
		case t.is("DEFERRABLE"):
			v := true
			fk.deferrable = &v
			p.pos++
		case t.is("INITIALLY"):
			p.pos++
			w, err := p.name()
			if err != nil {
				return err
			}
			fk.initially = strings.ToUpper(w)
		case t.is("ON"), t.is("MATCH"), t.is("SET"), t.is("NO"), t.is("ACTION"), t.is("CASCADE"),
			t.is("RESTRICT"), t.is("NULL"), t.is("DEFAULT"), t.is("DELETE"), t.is("UPDATE"):
			// Actions come from PRAGMA foreign_key_list.
			p.pos++
		default:
			return nil
		}
	}
}

// columnDef parses "name [type] [constraints...]".
func (p *parser) columnDef(out *parsedTable) error {
	n, err := p.name()
	if err != nil {
		return err
	}
	col := &parsedColumn{name: n}
	out.columns = append(out.columns, col)
	constraintName := ""
	for {
		t, ok := p.peek()
		if !ok {
			return nil
		}
		if t.kind == tokPunct && (t.text == "," || t.text == ")") {
			return nil
		}
		switch {
		case t.is("CONSTRAINT"):
			p.pos++
			cn, err := p.name()
			if err != nil {
				return err
			}
			constraintName = cn
			continue
		case t.is("PRIMARY"):
			p.pos += 2
			if constraintName != "" {
				out.pkName = constraintName
			}
		case t.is("AUTOINCREMENT"):
			col.autoincrement = true
			p.pos++
		case t.is("UNIQUE"):
			col.unique = true
			col.uniqueName = constraintName
			p.pos++
		case t.is("CHECK"):
			p.pos++
			s, err := p.parenthesised()
			if err != nil {
				return err
			}
			out.checks = append(out.checks, parsedCheck{name: constraintName, sql: s})
		case t.is("DEFAULT"):
			p.pos++
			if p.peekPunct("(") {
				if _, err := p.parenthesised(); err != nil {
					return err
				}
			} else {
				if p.peekPunct("-") || p.peekPunct("+") {
					p.pos++
				}
				p.pos++
			}
		case t.is("COLLATE"):
			p.pos++
			cn, err := p.name()
			if err != nil {
				return err
			}
			col.collation = cn
		case t.is("REFERENCES"):
			fk := parsedFK{name: constraintName, columns: []string{n}}
			if err := p.references(&fk); err != nil {
				return err
			}
			out.fks = append(out.fks, fk)
		case t.is("GENERATED"):
			p.pos += 2 // GENERATED ALWAYS
		case t.is("AS"):
			p.pos++
			s, err := p.parenthesised()
			if err != nil {
				return err
			}
			col.generated = s
		case t.is("STORED"):
			col.stored = true
			p.pos++
		case t.kind == tokPunct && t.text == "(":
			// Type arguments, e.g. VARCHAR(20); the type comes from PRAGMA.
			if _, err := p.parenthesised(); err != nil {
				return err
			}
		default:
			p.pos++
		}
		constraintName = ""
	}
}

// parsedIndex is what a CREATE INDEX text says.
type parsedIndex struct {
	elements []string // each element as written
	where    string
}

// parseCreateIndex parses "CREATE [UNIQUE] INDEX name ON t (elements)
// [WHERE expr]".
func parseCreateIndex(src string) (*parsedIndex, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	for !p.peekPunct("(") {
		if _, err := p.next(); err != nil {
			return nil, fmt.Errorf("no element list in %q", src)
		}
	}
	open := p.toks[p.pos]
	p.pos++
	out := &parsedIndex{}
	start, depth := open.end, 0
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		if t.kind != tokPunct {
			continue
		}
		switch t.text {
		case "(":
			depth++
		case ")":
			if depth > 0 {
				depth--
				continue
			}
			out.elements = append(out.elements, strings.TrimSpace(src[start:t.start]))
			if p.peekIs("WHERE") {
				w := p.toks[p.pos]
				out.where = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(src[w.end:]), ";"))
			}
			return out, nil
		case ",":
			if depth == 0 {
				out.elements = append(out.elements, strings.TrimSpace(src[start:t.start]))
				start = t.end
			}
		}
	}
}
