package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/schema"
)

// ErrNoTable is wrapped when Reflect finds no such table.
var ErrNoTable = errors.New("no such table")

// reflectTable reads one table through the bulk inspection (a Tables
// filter of one), so Reflect and InspectSchema share one code path. Unlike
// the reflected normal form, it also sets the PrimaryKey flag of the key's
// columns, which Reflect's callers have always been given.
func reflectTable(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	if q == nil {
		return nil, errors.New("postgresql: reflect needs a database connection")
	}
	md, err := inspectSchema(ctx, q, dialect.InspectOptions{Schema: schemaName, Tables: []string{table}})
	if err != nil {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, err)
	}
	if len(md.Tables) != 1 {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, ErrNoTable)
	}
	t := md.Tables[0]
	for _, con := range t.Constraints {
		if pk, ok := con.(*schema.PrimaryKey); ok {
			for _, c := range pk.Columns {
				if col := t.Column(c); col != nil {
					col.PrimaryKey = true
				}
			}
		}
	}
	return t, nil
}

// checkBody strips pg_get_constraintdef's CHECK ( ... ) wrapper.
func checkBody(def string) string {
	s := strings.TrimSpace(def)
	s = strings.TrimSuffix(s, " NOT VALID")
	if strings.HasPrefix(s, "CHECK (") && strings.HasSuffix(s, ")") {
		return s[len("CHECK (") : len(s)-1]
	}
	return s
}

// textArray scans a PostgreSQL text[] in its text form ({a,"b c"}), so that
// no driver-specific array type is needed.
type textArray []string

// Scan implements sql.Scanner.
func (a *textArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*a = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("cannot scan %T into a text array", src)
	}
	out, err := parseTextArray(s)
	if err != nil {
		return err
	}
	*a = out
	return nil
}

func parseTextArray(s string) ([]string, error) {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, fmt.Errorf("malformed array literal %q", s)
	}
	body := s[1 : len(s)-1]
	out := []string{}
	if body == "" {
		return out, nil
	}
	var cur strings.Builder
	quoted, inQuotes := false, false
	for i := 0; i < len(body); i++ {
		ch := body[i]
		switch {
		case inQuotes && ch == '\\' && i+1 < len(body):
			i++
			cur.WriteByte(body[i])
		case ch == '"':
			inQuotes = !inQuotes
			quoted = true
		case ch == ',' && !inQuotes:
			out = append(out, arrayItem(cur.String(), quoted))
			cur.Reset()
			quoted = false
		default:
			cur.WriteByte(ch)
		}
	}
	out = append(out, arrayItem(cur.String(), quoted))
	return out, nil
}

func arrayItem(s string, quoted bool) string {
	if !quoted && s == "NULL" {
		return ""
	}
	return s
}

var typeWithArgs = lazyre.New(`^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?( with time zone| without time zone)?$`)

// parseType maps format_type() text back to the schema model's kinds.
func parseType(format string) *schema.Type {
	f := strings.TrimSpace(format)
	if strings.HasSuffix(f, "[]") {
		dims := 0
		for strings.HasSuffix(f, "[]") {
			f = strings.TrimSuffix(f, "[]")
			dims++
		}
		return &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: parseType(f), Dimensions: dims}
	}
	m := typeWithArgs().FindStringSubmatch(f)
	if m == nil {
		return &schema.Type{Kind: strings.ToUpper(f), Dialect: "postgresql"}
	}
	name, a1, a2, tz := m[1], m[2], m[3], m[4]
	t := &schema.Type{}
	intp := func(s string) *int {
		if s == "" {
			return nil
		}
		n, _ := strconv.Atoi(s)
		return &n
	}
	switch name {
	case "integer":
		t.Kind = "INTEGER"
	case "smallint":
		t.Kind = "SMALLINT"
	case "bigint":
		t.Kind = "BIGINT"
	case "character varying":
		t.Kind = "VARCHAR"
		if p := intp(a1); p != nil {
			t.Length = *p
		}
	case "character":
		t.Kind = "CHAR"
		if p := intp(a1); p != nil {
			t.Length = *p
		}
	case "text":
		t.Kind = "TEXT"
	case "boolean":
		t.Kind = "BOOLEAN"
	case "numeric":
		t.Kind = "NUMERIC"
		t.Precision, t.Scale = intp(a1), intp(a2)
	case "real":
		t.Kind = "REAL"
	case "double precision":
		t.Kind, t.Dialect = "DOUBLE_PRECISION", "postgresql"
	case "date":
		t.Kind = "DATE"
	case "timestamp":
		t.Kind, t.Dialect = "TIMESTAMP", "postgresql"
		t.Precision = intp(a1)
		t.Timezone = tz == " with time zone"
	case "time":
		t.Kind, t.Dialect = "TIME", "postgresql"
		t.Precision = intp(a1)
		t.Timezone = tz == " with time zone"
	case "bytea":
		t.Kind, t.Dialect = "BYTEA", "postgresql"
	case "json":
		t.Kind = "JSON"
	case "bit":
		t.Kind, t.Dialect = "BIT", "postgresql"
		if p := intp(a1); p != nil {
			t.Length = *p
		}
	default:
		t.Kind, t.Dialect = strings.ToUpper(strings.ReplaceAll(name, " ", "_")), "postgresql"
		t.Precision = intp(a1)
	}
	return t
}
