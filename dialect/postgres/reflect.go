package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// ErrNoTable is wrapped when Reflect finds no such table.
var ErrNoTable = errors.New("no such table")

// reflectTable reads one table with five catalog queries (table, columns,
// enum labels, constraints, indexes), never one query per column.
func reflectTable(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	if q == nil {
		return nil, errors.New("postgresql: reflect needs a database connection")
	}
	t := &schema.Table{Schema: schemaName, Name: table}
	nsExpr := "n.nspname = current_schema()"
	args := []any{table}
	if schemaName != "" {
		nsExpr = "n.nspname = $2"
		args = append(args, schemaName)
	}
	var (
		oid     int64
		comment sql.NullString
	)
	rows, err := q.QueryContext(ctx, `SELECT c.oid, obj_description(c.oid, 'pg_class')
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = $1 AND `+nsExpr+` AND c.relkind IN ('r', 'p')`, args...)
	if err != nil {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, err)
	}
	found := false
	for rows.Next() {
		found = true
		if err := rows.Scan(&oid, &comment); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgresql: reflect %s: %w", table, err)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, err)
	}
	if !found {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, ErrNoTable)
	}
	if comment.Valid {
		c := comment.String
		t.Comment = &c
	}
	if err := reflectColumns(ctx, q, t, oid); err != nil {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, err)
	}
	if err := reflectConstraints(ctx, q, t, oid); err != nil {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, err)
	}
	if err := reflectIndexes(ctx, q, t, oid); err != nil {
		return nil, fmt.Errorf("postgresql: reflect %s: %w", table, err)
	}
	return t, nil
}

func reflectColumns(ctx context.Context, q dialect.Querier, t *schema.Table, oid int64) error {
	rows, err := q.QueryContext(ctx, `SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
  pg_catalog.pg_get_expr(d.adbin, d.adrelid), pg_catalog.col_description(a.attrelid, a.attnum),
  a.attidentity, a.attgenerated, ty.typtype, ty.typname, el.typtype, el.typname
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type el ON el.oid = ty.typelem AND ty.typcategory = 'A'
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`, oid)
	if err != nil {
		return err
	}
	defer rows.Close()
	enumCols := map[string][]*schema.Type{}
	for rows.Next() {
		var (
			name, format, identity, generated, typtype, typname string
			notNull                                             bool
			def, comment, elType, elName                        sql.NullString
		)
		if err := rows.Scan(&name, &format, &notNull, &def, &comment, &identity, &generated, &typtype, &typname, &elType, &elName); err != nil {
			return err
		}
		col := &schema.Column{Name: name, Nullable: !notNull, Autoincrement: "auto"}
		col.Type = parseType(format)
		switch {
		case typtype == "e":
			col.Type = &schema.Type{Kind: "ENUM", Dialect: "postgresql", EnumName: typname, NativeEnum: true}
			enumCols[typname] = append(enumCols[typname], col.Type)
		case elType.Valid && elType.String == "e":
			item := &schema.Type{Kind: "ENUM", Dialect: "postgresql", EnumName: elName.String, NativeEnum: true}
			col.Type = &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: item, Dimensions: 1}
			enumCols[elName.String] = append(enumCols[elName.String], item)
		}
		if comment.Valid {
			c := comment.String
			col.Comment = &c
		}
		switch {
		case generated == "s" && def.Valid:
			persisted := true
			col.Computed = &schema.Computed{SQL: def.String, Persisted: &persisted}
		case identity == "a" || identity == "d":
			col.Identity = &schema.Identity{Always: identity == "a"}
			col.Autoincrement = "true"
		case def.Valid:
			col.ServerDefault = &schema.Expr{Kind: schema.ExprText, Text: def.String}
			if strings.HasPrefix(def.String, "nextval(") {
				col.Autoincrement = "true"
			}
		}
		t.Columns = append(t.Columns, col)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if len(enumCols) == 0 {
		return nil
	}
	names := make([]string, 0, len(enumCols))
	for n := range enumCols {
		names = append(names, n)
	}
	erows, err := q.QueryContext(ctx, `SELECT t.typname, e.enumlabel FROM pg_catalog.pg_enum e
JOIN pg_catalog.pg_type t ON t.oid = e.enumtypid
WHERE t.typname = ANY(string_to_array($1, ','))
ORDER BY t.typname, e.enumsortorder`, strings.Join(names, ","))
	if err != nil {
		return err
	}
	defer erows.Close()
	for erows.Next() {
		var typ, label string
		if err := erows.Scan(&typ, &label); err != nil {
			return err
		}
		for _, ty := range enumCols[typ] {
			ty.Values = append(ty.Values, label)
		}
	}
	return erows.Err()
}

var fkActions = map[string]string{"a": "", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

func reflectConstraints(ctx context.Context, q dialect.Querier, t *schema.Table, oid int64) error {
	rows, err := q.QueryContext(ctx, `SELECT con.conname, con.contype,
  ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[],
  COALESCE(fn.nspname, ''), COALESCE(fc.relname, ''),
  ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[],
  con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred,
  pg_catalog.pg_get_constraintdef(con.oid), (fn.nspname = current_schema())
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.conrelid = $1 AND con.contype IN ('p', 'u', 'f', 'c')
ORDER BY con.conname`, oid)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name, kind, refSchema, refTable, upd, del, match, def string
			cols, refCols                                         textArray
			deferrable, deferred                                  bool
			sameSchema                                            sql.NullBool
		)
		if err := rows.Scan(&name, &kind, &cols, &refSchema, &refTable, &refCols, &upd, &del, &match, &deferrable, &deferred, &def, &sameSchema); err != nil {
			return err
		}
		switch kind {
		case "p":
			t.Constraints = append(t.Constraints, &schema.PrimaryKey{Name: name, Columns: cols})
			for _, c := range cols {
				if col := t.Column(c); col != nil {
					col.PrimaryKey = true
				}
			}
		case "u":
			u := &schema.Unique{Name: name, Columns: cols}
			if deferrable {
				u.Deferrable = &deferrable
			}
			t.Constraints = append(t.Constraints, u)
		case "f":
			fk := &schema.ForeignKey{Name: name, Columns: cols, RefTable: refTable, RefColumns: refCols,
				OnUpdate: fkActions[upd], OnDelete: fkActions[del]}
			if !sameSchema.Valid || !sameSchema.Bool {
				fk.RefSchema = refSchema
			}
			if match == "f" {
				fk.Match = "FULL"
			}
			if deferrable {
				fk.Deferrable = &deferrable
				if deferred {
					fk.Initially = "DEFERRED"
				}
			}
			t.Constraints = append(t.Constraints, fk)
		case "c":
			t.Constraints = append(t.Constraints, &schema.Check{Name: name, SQL: checkBody(def)})
		}
	}
	return rows.Err()
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

var indexMethod = regexp.MustCompile(`\bUSING (\w+) \(`)

// indexOptions reads USING, INCLUDE and WHERE back from pg_get_indexdef's
// text: "CREATE INDEX n ON s.t USING gin (a) INCLUDE (c) WHERE (a > 5)".
func indexOptions(def string) map[string]string {
	options := map[string]string{}
	if m := indexMethod.FindStringSubmatch(def); m != nil && !strings.EqualFold(m[1], "btree") {
		options["postgresql_using"] = m[1]
	}
	rest := def
	if i := strings.Index(rest, ") WHERE "); i >= 0 {
		options["postgresql_where"] = rest[i+len(") WHERE "):]
		rest = rest[:i+1]
	}
	if i := strings.Index(rest, ") INCLUDE ("); i >= 0 {
		options["postgresql_include"] = strings.TrimSuffix(rest[i+len(") INCLUDE ("):], ")")
	}
	if len(options) == 0 {
		return nil
	}
	return options
}

func reflectIndexes(ctx context.Context, q dialect.Querier, t *schema.Table, oid int64) error {
	rows, err := q.QueryContext(ctx, `SELECT ic.relname, ix.indisunique, pg_catalog.pg_get_indexdef(ix.indexrelid),
  ix.indnkeyatts,
  ARRAY(SELECT COALESCE(a.attname, '') FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i)
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.i)::text[],
  ARRAY(SELECT pg_catalog.pg_get_indexdef(ix.indexrelid, k.i, true) FROM generate_series(1, ix.indnatts::int) k(i) ORDER BY k.i)::text[],
  ARRAY(SELECT unnest(ix.indoption::int2[]))::text[]
FROM pg_catalog.pg_index ix
JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
WHERE ix.indrelid = $1 AND NOT ix.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('u', 'p', 'x'))
ORDER BY ic.relname`, oid)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name, def         string
			unique            bool
			nkey              int
			cols, exprs, opts textArray
		)
		if err := rows.Scan(&name, &unique, &def, &nkey, &cols, &exprs, &opts); err != nil {
			return err
		}
		idx := &schema.Index{Name: name, Schema: t.Schema, Table: t.Name, Unique: unique}
		for i := 0; i < nkey && i < len(cols); i++ {
			el := schema.IndexElement{Column: cols[i]}
			if cols[i] == "" && i < len(exprs) {
				el = schema.IndexElement{Expr: exprs[i]}
			}
			if i < len(opts) {
				if n, err := strconv.Atoi(opts[i]); err == nil && n&1 == 1 {
					el.Desc = true
				}
			}
			idx.Elements = append(idx.Elements, el)
		}
		idx.DialectOptions = indexOptions(def)
		t.Indexes = append(t.Indexes, idx)
	}
	return rows.Err()
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

var typeWithArgs = regexp.MustCompile(`^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?( with time zone| without time zone)?$`)

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
	m := typeWithArgs.FindStringSubmatch(f)
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
