package lint

import (
	"strings"
)

// token is one lexical unit of a SQL statement. Words are upper-cased in
// up (for keyword tests) and kept as written in raw (for names).
type token struct {
	raw, up string
	// quoted identifiers are never keywords.
	quoted bool
}

// tokenize splits SQL into words, quoted identifiers, strings, numbers and
// single punctuation characters, dropping comments and whitespace. It only
// needs to be good enough to recognise DDL; string contents are kept whole
// so that a keyword inside a literal is never mistaken for one.
func tokenize(sql string) []token {
	var out []token
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += end + 4
		case c == '"' || c == '`' || c == '[' || c == '\'':
			closer := c
			if c == '[' {
				closer = ']'
			}
			j := i + 1
			for j < len(sql) {
				if sql[j] == closer {
					if j+1 < len(sql) && sql[j+1] == closer && closer != ']' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(sql))
			raw := sql[i:j]
			if c == '\'' {
				out = append(out, token{raw: raw, up: raw})
			} else {
				out = append(out, token{raw: raw, up: raw, quoted: true})
			}
			i = j
		case c == '$' && dollarTag(sql[i:]) != "":
			// A PostgreSQL dollar-quoted body is one string: the
			// statements of a function body are not the script's.
			tag := dollarTag(sql[i:])
			end := strings.Index(sql[i+len(tag):], tag)
			j := len(sql)
			if end >= 0 {
				j = i + len(tag) + end + len(tag)
			}
			out = append(out, token{raw: sql[i:j], up: sql[i:j]})
			i = j
		case isWordByte(c):
			j := i
			for j < len(sql) && (isWordByte(sql[j]) || sql[j] == '$') {
				j++
			}
			out = append(out, token{raw: sql[i:j], up: strings.ToUpper(sql[i:j])})
			i = j
		default:
			out = append(out, token{raw: sql[i : i+1], up: sql[i : i+1]})
			i++
		}
	}
	return out
}

// dollarTag is the "$tag$" opening s, or "".
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '$':
			return s[:j+1]
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 1 && c >= '0' && c <= '9':
		default:
			return ""
		}
	}
	return ""
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// cursor walks a token list.
type cursor struct {
	toks []token
	i    int
}

func (c *cursor) done() bool { return c.i >= len(c.toks) }

// is reports whether the next tokens are the keywords words, in order.
func (c *cursor) is(words ...string) bool {
	for k, w := range words {
		if c.i+k >= len(c.toks) || c.toks[c.i+k].quoted || c.toks[c.i+k].up != w {
			return false
		}
	}
	return true
}

// accept consumes the keywords words when they come next.
func (c *cursor) accept(words ...string) bool {
	if !c.is(words...) {
		return false
	}
	c.i += len(words)
	return true
}

// name consumes a possibly qualified name (a.b."c") and returns it as
// written.
func (c *cursor) name() string {
	if c.done() {
		return ""
	}
	var b strings.Builder
	for !c.done() {
		t := c.toks[c.i]
		if !t.quoted && !isWordByte(t.raw[0]) {
			break
		}
		b.WriteString(t.raw)
		c.i++
		if c.done() || c.toks[c.i].raw != "." {
			break
		}
		b.WriteByte('.')
		c.i++
	}
	return b.String()
}

// column is a column name: unquoted and lower case.
func columnKey(name string) string { return strings.ToLower(unquote(name)) }

// sqlActions reads the DDL effects of SQL: one statement, or several
// separated by semicolons (op.execute may hand over a batch).
func sqlActions(sql string) []action {
	var out []action
	toks := tokenize(sql)
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i == len(toks) || toks[i].raw == ";" {
			if i > start {
				out = append(out, statementActions(&cursor{toks: toks[start:i]})...)
			}
			start = i + 1
		}
	}
	return out
}

// statementActions reads the DDL effects of one statement. Statements it
// does not recognise have none.
func statementActions(c *cursor) []action {
	switch {
	case c.accept("CREATE"):
		return createActions(c)
	case c.accept("DROP", "TABLE"):
		c.accept("IF", "EXISTS")
		var out []action
		for {
			if n := c.name(); n != "" {
				out = append(out, action{kind: actDropTable, table: tableKey(n)})
			}
			if !c.accept(",") {
				return out
			}
		}
	case c.accept("DROP", "INDEX"):
		return []action{{kind: actDropIndex, concurrently: c.accept("CONCURRENTLY")}}
	case c.accept("ALTER", "TABLE"):
		return alterTableActions(c)
	case c.accept("RENAME", "TABLE"): // MySQL
		old := c.name()
		c.accept("TO")
		return []action{{kind: actRenameTable, table: tableKey(old), newName: tableKey(c.name())}}
	}
	return nil
}

// createActions reads what follows CREATE.
func createActions(c *cursor) []action {
	c.accept("OR", "REPLACE")
	c.accept("UNIQUE")
	if c.accept("INDEX") {
		a := action{kind: actCreateIndex, concurrently: c.accept("CONCURRENTLY")}
		c.accept("IF", "NOT", "EXISTS")
		if !c.is("ON") {
			c.name()
		}
		if !c.accept("ON") {
			return nil
		}
		c.accept("ONLY")
		a.table = tableKey(c.name())
		return []action{a}
	}
	for c.accept("TEMP") || c.accept("TEMPORARY") || c.accept("UNLOGGED") || c.accept("GLOBAL") || c.accept("LOCAL") {
	}
	if !c.accept("TABLE") {
		return nil
	}
	c.accept("IF", "NOT", "EXISTS")
	return []action{{kind: actCreateTable, table: tableKey(c.name())}}
}

// alterTableActions reads ALTER TABLE name subcommand [, subcommand ...].
func alterTableActions(c *cursor) []action {
	c.accept("IF", "EXISTS")
	c.accept("ONLY")
	table := tableKey(c.name())
	var out []action
	for _, part := range splitTopLevel(c.toks[c.i:]) {
		out = append(out, alterTableClause(table, &cursor{toks: part})...)
	}
	return out
}

// splitTopLevel splits tokens at commas outside parentheses.
func splitTopLevel(toks []token) [][]token {
	var out [][]token
	depth, start := 0, 0
	for i, t := range toks {
		switch t.raw {
		case "(":
			depth++
		case ")":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, toks[start:i])
				start = i + 1
			}
		}
	}
	return append(out, toks[start:])
}

// alterTableClause reads one subcommand of ALTER TABLE.
func alterTableClause(table string, c *cursor) []action {
	switch {
	case c.accept("ADD"):
		return addClause(table, c)
	case c.accept("DROP"):
		if c.is("CONSTRAINT") || c.is("PRIMARY") || c.is("INDEX") || c.is("KEY") || c.is("FOREIGN") || c.is("CHECK") || c.is("DEFAULT") || c.is("PARTITION") {
			return nil
		}
		c.accept("COLUMN")
		c.accept("IF", "EXISTS")
		return []action{{kind: actDropColumn, table: table, column: columnKey(c.name())}}
	case c.accept("RENAME"):
		if c.accept("TO") || c.accept("AS") {
			return []action{{kind: actRenameTable, table: table, newName: tableKey(c.name())}}
		}
		if c.is("CONSTRAINT") || c.is("INDEX") || c.is("KEY") {
			return nil
		}
		c.accept("COLUMN")
		old := columnKey(c.name())
		if !c.accept("TO") {
			// MySQL's RENAME new_name without TO.
			return []action{{kind: actRenameTable, table: table, newName: tableKey(old)}}
		}
		return []action{{kind: actRenameColumn, table: table, column: old, newName: columnKey(c.name())}}
	case c.accept("ALTER"):
		c.accept("COLUMN")
		col := columnKey(c.name())
		switch {
		case c.accept("SET", "DATA", "TYPE"), c.accept("TYPE"):
			a := action{kind: actAlterType, table: table, column: col}
			for !c.done() {
				if c.accept("USING") {
					a.using = true
					break
				}
				c.i++
			}
			return []action{a}
		case c.accept("SET", "NOT", "NULL"):
			return []action{{kind: actSetNotNull, table: table, column: col}}
		}
	case c.accept("CHANGE"): // MySQL: CHANGE [COLUMN] old new type
		c.accept("COLUMN")
		old := columnKey(c.name())
		if n := columnKey(c.name()); n != old {
			return []action{{kind: actRenameColumn, table: table, column: old, newName: n}}
		}
	}
	return nil
}

// addClause reads what follows ALTER TABLE t ADD.
func addClause(table string, c *cursor) []action {
	if c.accept("CONSTRAINT") {
		c.name()
	}
	switch {
	case c.is("FOREIGN"):
		return []action{{kind: actAddForeignKey, table: table, notValid: endsNotValid(c)}}
	case c.is("CHECK"):
		return []action{{kind: actAddCheck, table: table, notValid: endsNotValid(c)}}
	case c.is("PRIMARY"), c.is("UNIQUE"), c.is("INDEX"), c.is("KEY"), c.is("EXCLUDE"), c.is("FULLTEXT"), c.is("SPATIAL"):
		return nil
	}
	c.accept("COLUMN")
	c.accept("IF", "NOT", "EXISTS")
	a := action{kind: actAddColumn, table: table, column: columnKey(c.name())}
	depth := 0
	for ; !c.done(); c.i++ {
		t := c.toks[c.i]
		switch {
		case t.raw == "(":
			depth++
		case t.raw == ")":
			depth--
		case depth > 0 || t.quoted:
		case t.up == "NOT" && c.i+1 < len(c.toks) && c.toks[c.i+1].up == "NULL":
			a.notNull = true
		case t.up == "PRIMARY":
			a.notNull = true
		case t.up == "DEFAULT", t.up == "GENERATED", t.up == "IDENTITY", t.up == "AUTO_INCREMENT", t.up == "SERIAL", t.up == "BIGSERIAL", t.up == "SMALLSERIAL":
			a.hasDefault = true
		}
	}
	return []action{a}
}

// endsNotValid reports whether the clause ends with NOT VALID.
func endsNotValid(c *cursor) bool {
	n := len(c.toks)
	return n >= 2 && c.toks[n-2].up == "NOT" && c.toks[n-1].up == "VALID"
}
