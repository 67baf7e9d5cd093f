package sqlfile

import (
	"fmt"
	"sort"
	"strings"
)

// Statement is one SQL statement of a script, without its terminating
// delimiter, leading comments or trailing comments.
type Statement struct {
	SQL string
	// Line is the 1-based line of the file where the statement starts.
	Line int
}

// SyntaxError is SQL the lexer cannot split: an unterminated quote,
// comment, dollar-quoted body or BEGIN ... END block, or a misplaced
// directive. Line is where the offending construct starts.
type SyntaxError struct {
	Path string // "" when the source has no file name (Split)
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// rules are the lexical differences between dialects that decide where a
// statement ends.
type rules struct {
	backslashEscapes  bool // MySQL: \' and \" inside strings
	doubleQuoteString bool // MySQL: "..." is a string, not an identifier
	backticks         bool // MySQL, SQLite: `identifier`
	brackets          bool // SQLite: [identifier]
	dollarQuotes      bool // PostgreSQL: $$...$$ and $tag$...$tag$
	escapeStrings     bool // PostgreSQL: E'...' takes backslash escapes
	nestedComments    bool // PostgreSQL: /* /* */ */ nests
	hashComments      bool // MySQL: # to end of line
	dashNeedsSpace    bool // MySQL: "--" starts a comment only before whitespace
	executableComment bool // MySQL: /*! ... */ and /*+ ... */ are code
	delimiterCommand  bool // MySQL client's DELIMITER line
}

// dialectRules maps the dialect names Split and Parse accept to their rules.
// "" is plain ANSI SQL: quotes and comments only.
var dialectRules = map[string]rules{
	"":           {},
	"postgresql": {dollarQuotes: true, escapeStrings: true, nestedComments: true},
	"postgres":   {dollarQuotes: true, escapeStrings: true, nestedComments: true},
	"mysql": {backslashEscapes: true, doubleQuoteString: true, backticks: true, hashComments: true,
		dashNeedsSpace: true, executableComment: true, delimiterCommand: true},
	"sqlite": {backticks: true, brackets: true},
}

func lookupRules(dialect string) (rules, error) {
	if dialect == "mariadb" {
		dialect = "mysql"
	}
	r, ok := dialectRules[dialect]
	if !ok {
		return rules{}, fmt.Errorf("sqlfile: unknown dialect %q (expected postgresql, mysql, mariadb, sqlite or \"\")", dialect)
	}
	return r, nil
}

// Split splits src into statements for the dialect ("postgresql", "mysql",
// "mariadb", "sqlite", or "" for plain SQL). Statements end at ";" (or at
// the MySQL DELIMITER in force) outside quotes, comments, dollar-quoted
// bodies and the BEGIN ... END bodies of CREATE TRIGGER / PROCEDURE /
// FUNCTION / EVENT. Empty and comment-only statements are dropped; the last
// statement may omit its delimiter. Errors are *SyntaxError values with the
// line where the unterminated construct starts.
func Split(src string, dialect string) ([]Statement, error) {
	r, err := lookupRules(dialect)
	if err != nil {
		return nil, err
	}
	l := newLexer(src, r)
	if err := l.run(); err != nil {
		return nil, err
	}
	return l.stmts, nil
}

// lexer scans a whole source once. Quotes and comments are consumed whole
// by their own loops, so the main loop only ever stands at the top level.
type lexer struct {
	src        string
	r          rules
	pos        int
	lineStarts []int
	delim      string

	// onDirective, when set, receives "-- retort:NAME" lines (NAME lower
	// case); the statement before it ends there.
	onDirective func(name string, line int) error

	stmts []Statement

	// The statement being scanned.
	start     int // offset of its first token, -1 before that
	end       int // offset just past its last token
	words     int // unquoted words seen, for routine detection
	routine   int // 0 undecided, 1 CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT, -1 other
	depth     int // open BEGIN/CASE blocks inside a routine
	blockLine int // offset of the outermost open BEGIN/CASE
}

func newLexer(src string, r rules) *lexer {
	l := &lexer{src: src, r: r, delim: ";", start: -1}
	l.lineStarts = append(l.lineStarts, 0)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			l.lineStarts = append(l.lineStarts, i+1)
		}
	}
	return l
}

// lineOf returns the 1-based line of a byte offset.
func (l *lexer) lineOf(off int) int {
	return sort.Search(len(l.lineStarts), func(i int) bool { return l.lineStarts[i] > off })
}

func (l *lexer) errorf(off int, format string, args ...any) error {
	return &SyntaxError{Line: l.lineOf(off), Msg: fmt.Sprintf(format, args...)}
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '$'
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// token marks [from, to) as part of the current statement.
func (l *lexer) token(from, to int) {
	if l.start < 0 {
		l.start = from
	}
	l.end = to
}

// flush ends the current statement.
func (l *lexer) flush() error {
	if l.start >= 0 {
		if l.routine == 1 && l.depth > 0 {
			return l.errorf(l.start, "statement has a BEGIN or CASE (line %d) without a matching END", l.lineOf(l.blockLine))
		}
		l.stmts = append(l.stmts, Statement{SQL: l.src[l.start:l.end], Line: l.lineOf(l.start)})
	}
	l.start, l.end, l.words, l.routine, l.depth = -1, 0, 0, 0, 0
	return nil
}

func (l *lexer) run() error {
	src := l.src
	for l.pos < len(src) {
		if l.pos == 0 || src[l.pos-1] == '\n' {
			handled, err := l.lineCommand()
			if err != nil {
				return err
			}
			if handled {
				continue
			}
		}
		c := src[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case strings.HasPrefix(src[l.pos:], l.delim) && (l.delim != ";" || l.routine != 1 || l.depth == 0):
			if err := l.flush(); err != nil {
				return err
			}
			l.pos += len(l.delim)
		case c == '-' && l.isDashComment():
			l.skipLine()
		case c == '#' && l.r.hashComments:
			l.skipLine()
		case c == '/' && l.pos+1 < len(src) && src[l.pos+1] == '*':
			if err := l.blockComment(); err != nil {
				return err
			}
		case c == '\'':
			escapes := l.r.backslashEscapes || l.r.escapeStrings && l.isEscapeStringPrefix()
			if err := l.quoted('\'', escapes, "string"); err != nil {
				return err
			}
		case c == '"':
			if l.r.doubleQuoteString {
				if err := l.quoted('"', l.r.backslashEscapes, "string"); err != nil {
					return err
				}
			} else if err := l.quoted('"', false, "quoted identifier"); err != nil {
				return err
			}
		case c == '`' && l.r.backticks:
			if err := l.quoted('`', false, "backtick identifier"); err != nil {
				return err
			}
		case c == '[' && l.r.brackets:
			end := strings.IndexByte(src[l.pos:], ']')
			if end < 0 {
				return l.errorf(l.pos, "unterminated [identifier]")
			}
			l.token(l.pos, l.pos+end+1)
			l.pos += end + 1
		case c == '$' && l.r.dollarQuotes && (l.pos == 0 || !isIdentChar(src[l.pos-1])):
			if err := l.dollarQuoted(); err != nil {
				return err
			}
		case isIdentStart(c):
			l.word()
		case c >= '0' && c <= '9':
			// A number, including forms like 1e5 or 0x1F, so that its
			// letters are not read as words.
			from := l.pos
			for l.pos < len(src) && (isIdentChar(src[l.pos]) || src[l.pos] == '.') {
				l.pos++
			}
			l.token(from, l.pos)
		default:
			l.token(l.pos, l.pos+1)
			l.pos++
		}
	}
	return l.flush()
}

// lineCommand handles the line-oriented commands that are only recognised
// at the start of a line: "-- retort:..." directives (when enabled) and
// MySQL's DELIMITER.
func (l *lexer) lineCommand() (bool, error) {
	if l.onDirective == nil && !l.r.delimiterCommand {
		return false, nil
	}
	eol := strings.IndexByte(l.src[l.pos:], '\n')
	if eol < 0 {
		eol = len(l.src)
	} else {
		eol += l.pos
	}
	line := strings.TrimSpace(l.src[l.pos:eol])
	if l.onDirective != nil {
		if name, ok := directiveName(line); ok {
			lineNo := l.lineOf(l.pos)
			if l.routine == 1 && l.depth > 0 {
				return false, l.errorf(l.pos, "directive retort:%s inside an unfinished statement (BEGIN or CASE at line %d has no END)", name, l.lineOf(l.blockLine))
			}
			if err := l.flush(); err != nil {
				return false, err
			}
			l.delim = ";"
			l.pos = eol
			return true, l.onDirective(name, lineNo)
		}
	}
	if l.r.delimiterCommand && l.start < 0 && len(line) >= 9 && strings.EqualFold(line[:9], "DELIMITER") &&
		(len(line) == 9 || isSpace(line[9])) {
		fields := strings.Fields(line[9:])
		if len(fields) == 0 {
			return false, l.errorf(l.pos, "DELIMITER needs a delimiter, as in DELIMITER //")
		}
		l.delim = fields[0]
		l.pos = eol
		return true, nil
	}
	return false, nil
}

// directiveName recognises "-- retort:NAME" (spaces after "--" optional).
func directiveName(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, "--")
	if !ok {
		return "", false
	}
	rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t"), "retort:")
	if !ok {
		return "", false
	}
	// The first word is the directive; anything after it is a remark.
	name := ""
	if fields := strings.Fields(rest); len(fields) > 0 {
		name = strings.ToLower(fields[0])
	}
	return name, true
}

func (l *lexer) isDashComment() bool {
	src := l.src
	if l.pos+1 >= len(src) || src[l.pos+1] != '-' {
		return false
	}
	if !l.r.dashNeedsSpace {
		return true
	}
	// MySQL: "--" must be followed by whitespace or a control character
	// (or end the input), so that "5--1" stays arithmetic.
	return l.pos+2 >= len(src) || src[l.pos+2] <= ' '
}

// skipLine consumes a line comment up to (not including) the newline.
func (l *lexer) skipLine() {
	if eol := strings.IndexByte(l.src[l.pos:], '\n'); eol >= 0 {
		l.pos += eol
	} else {
		l.pos = len(l.src)
	}
}

func (l *lexer) blockComment() error {
	src := l.src
	from := l.pos
	code := l.r.executableComment && l.pos+2 < len(src) && (src[l.pos+2] == '!' || src[l.pos+2] == '+')
	depth := 0
	for i := l.pos; i+1 < len(src); i++ {
		switch {
		case src[i] == '/' && src[i+1] == '*':
			if depth == 0 || l.r.nestedComments {
				depth++
			}
			i++
		case src[i] == '*' && src[i+1] == '/':
			depth--
			i++
			if depth == 0 {
				l.pos = i + 1
				if code {
					l.token(from, l.pos)
				}
				return nil
			}
		}
	}
	return l.errorf(from, "unterminated /* comment")
}

// isEscapeStringPrefix reports whether the quote at l.pos is preceded by a
// standalone E (PostgreSQL's E'...' escape string).
func (l *lexer) isEscapeStringPrefix() bool {
	p := l.pos
	return p >= 1 && (l.src[p-1] == 'E' || l.src[p-1] == 'e') && (p == 1 || !isIdentChar(l.src[p-2]))
}

// quoted consumes a quoted string or identifier; a doubled quote is an
// escaped quote, and with escapes a backslash escapes the next byte.
func (l *lexer) quoted(q byte, escapes bool, what string) error {
	src := l.src
	from := l.pos
	for i := l.pos + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if escapes {
				i++
			}
		case q:
			if i+1 < len(src) && src[i+1] == q {
				i++
				continue
			}
			l.token(from, i+1)
			l.pos = i + 1
			return nil
		}
	}
	return l.errorf(from, "unterminated %s starting with %c", what, q)
}

// dollarQuoted consumes $tag$...$tag$; a "$" that does not open one (such
// as the parameter $1) is an ordinary character.
func (l *lexer) dollarQuoted() error {
	src := l.src
	from := l.pos
	i := l.pos + 1
	if i < len(src) && isIdentStart(src[i]) {
		for i < len(src) && isIdentChar(src[i]) && src[i] != '$' {
			i++
		}
	}
	if i >= len(src) || src[i] != '$' {
		l.token(from, from+1)
		l.pos++
		return nil
	}
	tag := src[from : i+1]
	end := strings.Index(src[i+1:], tag)
	if end < 0 {
		return l.errorf(from, "unterminated dollar-quoted string %s", tag)
	}
	l.pos = i + 1 + end + len(tag)
	l.token(from, l.pos)
	return nil
}

// routineKeywords make a CREATE statement one whose body may hold ";".
var routineKeywords = []string{"TRIGGER", "PROCEDURE", "FUNCTION", "EVENT"}

// objectKeywords settle that a CREATE statement is not a routine, so a table
// or column named "function" later on does not count.
var objectKeywords = []string{"TABLE", "VIEW", "INDEX", "SEQUENCE", "SCHEMA", "DATABASE", "TYPE",
	"EXTENSION", "DOMAIN", "ROLE", "USER", "UNIQUE", "MATERIALIZED", "POLICY", "RULE", "SERVER",
	"TABLESPACE", "COLLATION", "CAST", "OPERATOR", "PUBLICATION", "SUBSCRIPTION", "STATISTICS",
	"VIRTUAL", "AS", "SELECT", "ON"}

func hasFold(list []string, w string) bool {
	for _, k := range list {
		if strings.EqualFold(k, w) {
			return true
		}
	}
	return false
}

// word consumes an unquoted word and tracks the BEGIN ... END nesting of
// routine bodies.
func (l *lexer) word() {
	src := l.src
	from := l.pos
	for l.pos < len(src) && isIdentChar(src[l.pos]) {
		l.pos++
	}
	l.token(from, l.pos)
	if l.delim != ";" {
		// Under a custom DELIMITER the author marks statement ends.
		return
	}
	w := src[from:l.pos]
	l.words++
	switch {
	case l.words == 1:
		switch {
		case strings.EqualFold(w, "CREATE"):
		case l.r.delimiterCommand && strings.EqualFold(w, "BEGIN") && l.beginsNotAtomic():
			// MariaDB's anonymous block, BEGIN NOT ATOMIC ... END, is a
			// statement whose body holds statements.
			l.routine, l.depth, l.blockLine = 1, 1, from
		default:
			l.routine = -1
		}
		return
	case l.routine == 0:
		switch {
		case hasFold(routineKeywords, w):
			l.routine = 1
		case hasFold(objectKeywords, w) || l.words > 12:
			l.routine = -1
		}
		return
	case l.routine != 1:
		return
	}
	if from > 0 && src[from-1] == '.' {
		return // a qualified name such as t.end
	}
	switch {
	case strings.EqualFold(w, "BEGIN"), strings.EqualFold(w, "CASE"):
		if l.depth == 0 {
			l.blockLine = from
		}
		l.depth++
	case strings.EqualFold(w, "END"):
		next, nextEnd := l.peekWord()
		switch {
		case hasFold([]string{"IF", "LOOP", "WHILE", "REPEAT"}, next):
			// MySQL's END IF / END LOOP / ... close blocks not counted.
			l.token(l.pos, nextEnd)
			l.pos = nextEnd
		case strings.EqualFold(next, "CASE"):
			// END CASE closes a CASE statement; its CASE opens nothing.
			l.token(l.pos, nextEnd)
			l.pos = nextEnd
			l.decrement()
		default:
			l.decrement()
		}
	}
}

func (l *lexer) decrement() {
	if l.depth > 0 {
		l.depth--
	}
}

// beginsNotAtomic reports whether the words after l.pos are NOT ATOMIC.
func (l *lexer) beginsNotAtomic() bool {
	saved := l.pos
	defer func() { l.pos = saved }()
	for _, want := range []string{"NOT", "ATOMIC"} {
		w, end := l.peekWord()
		if !strings.EqualFold(w, want) {
			return false
		}
		l.pos = end
	}
	return true
}

// peekWord returns the word after l.pos (skipping spaces) and its end.
func (l *lexer) peekWord() (string, int) {
	i := l.pos
	for i < len(l.src) && isSpace(l.src[i]) {
		i++
	}
	j := i
	for j < len(l.src) && isIdentChar(l.src[j]) {
		j++
	}
	return l.src[i:j], j
}
