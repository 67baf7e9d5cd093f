package config

import (
	"fmt"
	"strconv"
	"strings"
)

// parseTOML reads the TOML of a pyproject.toml into nested maps: tables are
// map[string]any, arrays []any, strings string, integers int64, booleans
// bool. It knows what pyproject files use: tables, arrays of tables, bare,
// quoted and dotted keys, the four kinds of strings, integers, booleans,
// arrays and inline tables. Floats, dates and times are kept as their text
// (retort reads none). It is only run on files that have a [tool.alembic]
// table (see hasAlembicTable).
func parseTOML(path string, src []byte) (map[string]any, error) {
	p := &tomlParser{path: path, src: strings.ReplaceAll(string(src), "\r\n", "\n"), line: 1}
	root := map[string]any{}
	current := root
	for {
		p.skipSpaceAndComments(true)
		if p.eof() {
			return root, nil
		}
		var err error
		switch {
		case strings.HasPrefix(p.rest(), "[["):
			p.pos += 2
			current, err = p.tableHeader(root, true)
		case p.peek() == '[':
			p.pos++
			current, err = p.tableHeader(root, false)
		default:
			err = p.keyValue(current)
		}
		if err != nil {
			return nil, err
		}
		p.skipSpaceAndComments(false)
		if !p.eof() && p.peek() != '\n' {
			return nil, p.errorf("expected the end of the line, found %q", p.peek())
		}
	}
}

// hasAlembicTable reports whether src has a [tool.alembic] table (or one
// of its sub-tables), so that a pyproject.toml without one is never parsed:
// its other tools' sections are none of retort's business.
func hasAlembicTable(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "[") {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, "["), "["))
		line = strings.ReplaceAll(line, " ", "")
		if strings.HasPrefix(line, "tool.alembic]") || strings.HasPrefix(line, "tool.alembic.") {
			return true
		}
	}
	return false
}

type tomlParser struct {
	path string
	src  string
	pos  int
	line int
}

// TOMLError is a syntax error in a TOML file.
type TOMLError struct {
	Path string
	Line int // 1-based
	Msg  string
}

func (e *TOMLError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

func (p *tomlParser) errorf(format string, args ...any) error {
	return &TOMLError{Path: p.path, Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

func (p *tomlParser) eof() bool    { return p.pos >= len(p.src) }
func (p *tomlParser) peek() byte   { return p.src[p.pos] }
func (p *tomlParser) rest() string { return p.src[p.pos:] }

// advance moves past n bytes, counting lines.
func (p *tomlParser) advance(n int) {
	p.line += strings.Count(p.src[p.pos:p.pos+n], "\n")
	p.pos += n
}

// skipSpaceAndComments skips blanks and comments, and newlines too when
// newlines is set.
func (p *tomlParser) skipSpaceAndComments(newlines bool) {
	for !p.eof() {
		switch c := p.peek(); {
		case c == ' ' || c == '\t':
			p.pos++
		case c == '\n' && newlines:
			p.advance(1)
		case c == '#':
			end := strings.IndexByte(p.rest(), '\n')
			if end < 0 {
				end = len(p.rest())
			}
			p.pos += end
		default:
			return
		}
	}
}

// tableHeader reads "a.b]" (or "a.b]]") and returns the table it opens.
func (p *tomlParser) tableHeader(root map[string]any, array bool) (map[string]any, error) {
	keys, err := p.key()
	if err != nil {
		return nil, err
	}
	closing := "]"
	if array {
		closing = "]]"
	}
	p.skipSpaceAndComments(false)
	if !strings.HasPrefix(p.rest(), closing) {
		return nil, p.errorf("expected %q after the table name", closing)
	}
	p.pos += len(closing)
	parent, err := p.descend(root, keys[:len(keys)-1])
	if err != nil {
		return nil, err
	}
	last := keys[len(keys)-1]
	if array {
		list, _ := parent[last].([]any)
		if parent[last] != nil && list == nil {
			return nil, p.errorf("%s is not an array of tables", strings.Join(keys, "."))
		}
		table := map[string]any{}
		parent[last] = append(list, table)
		return table, nil
	}
	switch v := parent[last].(type) {
	case nil:
		table := map[string]any{}
		parent[last] = table
		return table, nil
	case map[string]any:
		return v, nil
	default:
		return nil, p.errorf("%s is already defined as a value", strings.Join(keys, "."))
	}
}

// descend walks keys from t, creating tables as needed; an array of
// tables stands for its last element.
func (p *tomlParser) descend(t map[string]any, keys []string) (map[string]any, error) {
	for _, k := range keys {
		switch v := t[k].(type) {
		case nil:
			next := map[string]any{}
			t[k] = next
			t = next
		case map[string]any:
			t = v
		case []any:
			var last map[string]any
			if len(v) > 0 {
				last, _ = v[len(v)-1].(map[string]any)
			}
			if last == nil {
				return nil, p.errorf("%s is not a table", k)
			}
			t = last
		default:
			return nil, p.errorf("%s is already defined as a value", k)
		}
	}
	return t, nil
}

// keyValue reads "key = value" into t.
func (p *tomlParser) keyValue(t map[string]any) error {
	keys, err := p.key()
	if err != nil {
		return err
	}
	p.skipSpaceAndComments(false)
	if p.eof() || p.peek() != '=' {
		return p.errorf("expected \"=\" after the key %s", strings.Join(keys, "."))
	}
	p.pos++
	p.skipSpaceAndComments(false)
	v, err := p.value()
	if err != nil {
		return err
	}
	parent, err := p.descend(t, keys[:len(keys)-1])
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	if _, dup := parent[last]; dup {
		return p.errorf("key %s is defined twice", strings.Join(keys, "."))
	}
	parent[last] = v
	return nil
}

// key reads a dotted key of bare and quoted parts.
func (p *tomlParser) key() ([]string, error) {
	var keys []string
	for {
		p.skipSpaceAndComments(false)
		if p.eof() {
			return nil, p.errorf("expected a key")
		}
		switch c := p.peek(); {
		case c == '"' || c == '\'':
			s, err := p.str()
			if err != nil {
				return nil, err
			}
			keys = append(keys, s)
		default:
			n := 0
			for n < len(p.rest()) && isBareKeyByte(p.rest()[n]) {
				n++
			}
			if n == 0 {
				return nil, p.errorf("expected a key, found %q", c)
			}
			keys = append(keys, p.rest()[:n])
			p.pos += n
		}
		p.skipSpaceAndComments(false)
		if p.eof() || p.peek() != '.' {
			return keys, nil
		}
		p.pos++
	}
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value reads any value.
func (p *tomlParser) value() (any, error) {
	if p.eof() {
		return nil, p.errorf("expected a value")
	}
	switch c := p.peek(); c {
	case '"', '\'':
		return p.str()
	case '[':
		return p.array()
	case '{':
		return p.inlineTable()
	}
	rest := p.rest()
	n := strings.IndexAny(rest, ",]}#\n \t")
	if n < 0 {
		n = len(rest)
	}
	// A date and a time may be separated by a space ("1979-05-27 07:32:00").
	if isDate(rest[:n]) && n+1 < len(rest) && rest[n] == ' ' && rest[n+1] >= '0' && rest[n+1] <= '9' {
		m := strings.IndexAny(rest[n+1:], ",]}#\n \t")
		if m < 0 {
			m = len(rest) - n - 1
		}
		n += 1 + m
	}
	word := rest[:n]
	p.pos += n
	switch word {
	case "":
		return nil, p.errorf("expected a value")
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	if i, ok := tomlInt(word); ok {
		return i, nil
	}
	// Floats, dates and times: kept as written.
	return word, nil
}

// isDate reports whether s is a TOML local date, YYYY-MM-DD.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// tomlInt parses a TOML integer: decimal without leading zeros, or
// 0x/0o/0b, with "_" between digits.
func tomlInt(word string) (int64, bool) {
	d := strings.ReplaceAll(word, "_", "")
	body := strings.TrimLeft(d, "+-")
	if len(body) > 1 && body[0] == '0' && !strings.ContainsAny(body[1:2], "xob") {
		return 0, false
	}
	i, err := strconv.ParseInt(d, 0, 64)
	return i, err == nil
}

// array reads "[v, v, ...]", across lines, with a trailing comma allowed.
func (p *tomlParser) array() ([]any, error) {
	p.pos++
	list := []any{}
	for {
		p.skipSpaceAndComments(true)
		if p.eof() {
			return nil, p.errorf("unterminated array")
		}
		if p.peek() == ']' {
			p.pos++
			return list, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		p.skipSpaceAndComments(true)
		if p.eof() {
			return nil, p.errorf("unterminated array")
		}
		switch p.peek() {
		case ',':
			p.pos++
		case ']':
		default:
			return nil, p.errorf("expected \",\" or \"]\" in an array, found %q", p.peek())
		}
	}
}

// inlineTable reads "{k = v, ...}" on one line.
func (p *tomlParser) inlineTable() (map[string]any, error) {
	p.pos++
	t := map[string]any{}
	p.skipSpaceAndComments(false)
	if !p.eof() && p.peek() == '}' {
		p.pos++
		return t, nil
	}
	for {
		if err := p.keyValue(t); err != nil {
			return nil, err
		}
		p.skipSpaceAndComments(false)
		if p.eof() {
			return nil, p.errorf("unterminated inline table")
		}
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return t, nil
		default:
			return nil, p.errorf("expected \",\" or \"}\" in an inline table, found %q", p.peek())
		}
	}
}

// str reads one of the four kinds of strings.
func (p *tomlParser) str() (string, error) {
	quote := p.rest()[:1]
	if strings.HasPrefix(p.rest(), strings.Repeat(quote, 3)) {
		delim := strings.Repeat(quote, 3)
		body := p.rest()[3:]
		end := strings.Index(body, delim)
		if end < 0 {
			return "", p.errorf("unterminated multi-line string")
		}
		// Up to two quotes may end the body right before the delimiter.
		for extra := 0; extra < 2 && end+3 < len(body) && body[end+3] == quote[0]; extra++ {
			end++
		}
		raw := body[:end]
		p.advance(3 + end + 3)
		raw = strings.TrimPrefix(raw, "\n")
		if quote == "'" {
			return raw, nil
		}
		return p.unescape(raw, true)
	}
	body := p.rest()[1:]
	end := -1
	for i := 0; i < len(body); i++ {
		if body[i] == '\n' {
			break
		}
		if quote == `"` && body[i] == '\\' {
			i++
			continue
		}
		if body[i] == quote[0] {
			end = i
			break
		}
	}
	if end < 0 {
		return "", p.errorf("unterminated string")
	}
	raw := body[:end]
	p.pos += 1 + end + 1
	if quote == "'" {
		return raw, nil
	}
	return p.unescape(raw, false)
}

// unescape resolves the escapes of a basic string; in a multi-line one, a
// backslash at the end of a line trims the line break and the white space
// after it.
func (p *tomlParser) unescape(s string, multiline bool) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", p.errorf("a string ends in a backslash")
		}
		switch e := s[i]; e {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case '"', '\\':
			b.WriteByte(e)
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if i+1+n > len(s) {
				return "", p.errorf("short \\%c escape", e)
			}
			r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", p.errorf("bad \\%c escape %q", e, s[i+1:i+1+n])
			}
			b.WriteRune(rune(r))
			i += n
		default:
			rest := strings.TrimLeft(s[i:], " \t")
			if multiline && strings.HasPrefix(rest, "\n") {
				trimmed := strings.TrimLeft(rest, " \t\n")
				i = len(s) - len(trimmed) - 1
				continue
			}
			return "", p.errorf("unknown escape \\%c", e)
		}
	}
	return b.String(), nil
}
