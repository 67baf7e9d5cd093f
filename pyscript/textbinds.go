package pyscript

import (
	"database/sql"
	"strconv"
	"strings"
)

// positionalBinds rewrites the ":name" binds of a text() query into the
// dialect's positional placeholders ($1 on PostgreSQL, ? elsewhere), as
// SQLAlchemy's compiler does before handing the query to the driver: the
// drivers retort uses do not all take named arguments. It applies only
// when every argument is named; ":name" without an argument, "::" casts
// and "\:" stay as SQLAlchemy leaves them ("\:" becomes ":").
func positionalBinds(query string, args []any, dialectName string) (string, []any) {
	if len(args) == 0 {
		return query, args
	}
	named := map[string]any{}
	for _, a := range args {
		na, ok := a.(sql.NamedArg)
		if !ok {
			return query, args
		}
		named[na.Name] = na.Value
	}
	var b strings.Builder
	var out []any
	for i := 0; i < len(query); i++ {
		ch := query[i]
		if ch == '\\' && i+1 < len(query) && query[i+1] == ':' {
			b.WriteByte(':')
			i++
			continue
		}
		if ch != ':' || (i > 0 && (query[i-1] == ':' || isIdentByte(query[i-1]))) {
			b.WriteByte(ch)
			continue
		}
		j := i + 1
		for j < len(query) && isIdentByte(query[j]) {
			j++
		}
		v, ok := named[query[i+1:j]]
		if j == i+1 || !ok || (j < len(query) && query[j] == ':') {
			b.WriteByte(ch)
			continue
		}
		out = append(out, v)
		if dialectName == "postgresql" {
			b.WriteString("$" + strconv.Itoa(len(out)))
		} else {
			b.WriteByte('?')
		}
		i = j - 1
	}
	return b.String(), out
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}
