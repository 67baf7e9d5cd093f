package autogen

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/schema"
)

// defaultDiffers is Alembic's server-default comparison, opt-in through
// CompareServerDefault: the model's default rendered as SQL against the
// database's own spelling, with each dialect's allowances.
func (c *comparer) defaultDiffers(t *schema.Table, col, live *schema.Column) (bool, error) {
	if !c.o.CompareServerDefault {
		return false, nil
	}
	if col.Computed != nil || live.Computed != nil || col.Identity != nil || live.Identity != nil {
		return false, nil
	}
	model, err := c.renderModelDefault(col)
	if err != nil {
		return false, err
	}
	var conn *string
	if live.ServerDefault != nil {
		s := live.ServerDefault.Text
		conn = &s
	}
	switch c.o.Dialect {
	case "postgresql":
		return c.postgresDefaultDiffers(t, col, live, model, conn)
	case "mysql":
		return mysqlDefaultDiffers(live, model, conn), nil
	case "sqlite":
		return sqliteDefaultDiffers(model, conn), nil
	}
	return !sameText(model, conn), nil
}

// renderModelDefault renders the model's server default for comparison:
// a plain string default of a string column as a quoted literal, other
// literals as written, SQL expressions compiled.
func (c *comparer) renderModelDefault(col *schema.Column) (*string, error) {
	e := col.ServerDefault
	if e == nil {
		return nil, nil
	}
	var s string
	switch {
	case e.Kind == schema.ExprLiteral:
		s = fmt.Sprint(e.Value)
		if v, ok := e.Value.(string); ok {
			s = v
		}
		if v, ok := e.Value.(bool); ok {
			s = map[bool]string{true: "true", false: "false"}[v]
		}
		if isStringType(col.Type) {
			s = "'" + strings.ReplaceAll(strings.Trim(s, "'"), "'", "''") + "'"
		}
	case c.o.Types != nil:
		out, err := c.o.Types.DefaultSQL(e)
		if err != nil {
			return nil, err
		}
		s = out
	default:
		s = e.Text
	}
	return &s, nil
}

func (c *comparer) postgresDefaultDiffers(t *schema.Table, col, live *schema.Column, model, conn *string) (bool, error) {
	if isAutoincrementPK(t, col) {
		return false, nil // SERIAL's nextval() default is the database's own
	}
	if sameText(model, conn) {
		return false, nil
	}
	if model == nil || conn == nil {
		return true, nil
	}
	m := *model
	if !isNumericType(live.Type) && col.ServerDefault.Kind == schema.ExprLiteral && !quoted().MatchString(m) {
		m = "'" + strings.ReplaceAll(m, "'", "''") + "'"
	}
	if c.o.EqualDefaults != nil {
		eq, err := c.o.EqualDefaults(*conn, m)
		return !eq, err
	}
	return stripPGCast(*conn) != stripPGCast(m), nil
}

var (
	quoted = lazyre.New(`^'.*'$`)
	pgCast = lazyre.New(`::[\w ]+(\[\])?$`)
)

func stripPGCast(s string) string {
	for {
		t := strings.TrimSpace(pgCast().ReplaceAllString(s, ""))
		if t == s {
			return strings.Trim(t, "()")
		}
		s = t
	}
}

func mysqlDefaultDiffers(live *schema.Column, model, conn *string) bool {
	if model == nil || conn == nil {
		return !sameText(model, conn)
	}
	if isIntegerType(live.Type) {
		return strings.Trim(*conn, "'") != *model
	}
	norm := func(s string) string { return strings.TrimSuffix(strings.ToLower(s), "()") }
	return norm(*conn) != norm(*model)
}

var (
	sqliteParens = lazyre.New(`^\((.+)\)$`)
	sqliteQuotes = lazyre.New(`^"?'(.+)'"?$`)
)

func sqliteDefaultDiffers(model, conn *string) bool {
	var m, l *string
	if model != nil {
		s := sqliteQuotes().ReplaceAllString(sqliteParens().ReplaceAllString(*model, "$1"), "$1")
		m = &s
	}
	if conn != nil {
		// SQLite keeps a parenthesised default as written; compare without
		// the parentheses on both sides.
		s := sqliteQuotes().ReplaceAllString(sqliteParens().ReplaceAllString(*conn, "$1"), "$1")
		l = &s
	}
	return !sameText(m, l)
}

func isAutoincrementPK(t *schema.Table, col *schema.Column) bool {
	pk := t.PrimaryKey()
	if pk == nil || len(pk.Columns) != 1 || pk.Columns[0] != col.Name || !isIntegerType(col.Type) {
		return false
	}
	return col.Autoincrement != "false"
}

func kindOf(t *schema.Type) string {
	if t == nil {
		return ""
	}
	return strings.ToUpper(t.Kind)
}

func isStringType(t *schema.Type) bool {
	switch kindOf(t) {
	case "STRING", "UNICODE", "TEXT", "UNICODETEXT", "VARCHAR", "NVARCHAR", "CHAR", "NCHAR", "ENUM", "CLOB",
		"TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "CITEXT":
		return true
	}
	return false
}

func isIntegerType(t *schema.Type) bool {
	switch kindOf(t) {
	case "INTEGER", "BIGINTEGER", "SMALLINTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT":
		return true
	}
	return false
}

func isNumericType(t *schema.Type) bool {
	switch kindOf(t) {
	case "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE", "DOUBLE_PRECISION", "DOUBLE PRECISION":
		return true
	}
	return isIntegerType(t)
}
