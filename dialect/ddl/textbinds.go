package ddl

import (
	"database/sql"
	"strings"

	"github.com/retort-dev/retort/dialect"
)

// textBinds compiles raw SQL whose arguments are named (sa.text(...) with
// bindparams, connection.execute(text, {...})): each ":name" SQLAlchemy's
// text() would see as a bind becomes the dialect's placeholder for
// execution and the value's literal for offline output. A ":name" with no
// argument, "::" casts and "\:" (an escaped colon, written as ":") are
// left as text, as SQLAlchemy does.
func (c *Compiler) textBinds(query string, args []any) (dialect.Stmt, error) {
	named := map[string]any{}
	for _, a := range args {
		na, ok := a.(sql.NamedArg)
		if !ok {
			return dialect.Stmt{SQL: query, Args: args}, nil // positional: passed through
		}
		named[na.Name] = na.Value
	}
	var online, inline strings.Builder
	var out []any
	for i := 0; i < len(query); i++ {
		ch := query[i]
		if ch == '\\' && i+1 < len(query) && query[i+1] == ':' {
			online.WriteByte(':')
			inline.WriteByte(':')
			i++
			continue
		}
		if ch != ':' || (i > 0 && (query[i-1] == ':' || isWordByte(query[i-1]))) {
			online.WriteByte(ch)
			inline.WriteByte(ch)
			continue
		}
		j := i + 1
		for j < len(query) && isWordByte(query[j]) {
			j++
		}
		name := query[i+1 : j]
		v, ok := named[name]
		if name == "" || !ok || (j < len(query) && query[j] == ':') {
			online.WriteByte(ch)
			inline.WriteByte(ch)
			continue
		}
		out = append(out, v)
		online.WriteString(c.Hooks.Placeholder(len(out)))
		lit, err := c.Hooks.Literals().Literal(v)
		if err != nil {
			return dialect.Stmt{}, err
		}
		inline.WriteString(lit)
		i = j - 1
	}
	return dialect.Stmt{SQL: online.String(), Args: out, Inline: inline.String()}, nil
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}
