package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// ErrNoTable is wrapped when Reflect finds no such table.
var ErrNoTable = errors.New("no such table")

// reflectTable reads one table (UNIQUE keys appear as schema.Unique
// constraints, not as indexes) with a handful of information_schema
// queries (table, columns, key columns, referential actions, checks,
// indexes), never one query per column.
func reflectTable(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	if q == nil {
		return nil, errors.New("mysql: reflect needs a database connection")
	}
	t := &schema.Table{Schema: schemaName, Name: table}
	db := "DATABASE()"
	args := []any{table}
	if schemaName != "" {
		db = "?"
		args = append(args, schemaName)
	}
	wrap := func(err error) error { return fmt.Errorf("mysql: reflect %s: %w", table, err) }
	var (
		comment, engine sql.NullString
		found           bool
	)
	err := queryRows(ctx, q, `SELECT TABLE_COMMENT, ENGINE FROM information_schema.TABLES WHERE TABLE_NAME = ? AND TABLE_SCHEMA = `+db, args, func(r *sql.Rows) error {
		found = true
		return r.Scan(&comment, &engine)
	})
	if err != nil {
		return nil, wrap(err)
	}
	if !found {
		return nil, wrap(ErrNoTable)
	}
	if comment.Valid && comment.String != "" {
		c := comment.String
		t.Comment = &c
	}
	if engine.Valid && engine.String != "" {
		t.DialectOptions = map[string]string{"mysql_engine": engine.String}
	}
	if err := reflectColumns(ctx, q, t, db, args); err != nil {
		return nil, wrap(err)
	}
	if err := reflectConstraints(ctx, q, t, db, args); err != nil {
		return nil, wrap(err)
	}
	if err := reflectIndexes(ctx, q, t, db, args); err != nil {
		return nil, wrap(err)
	}
	return t, nil
}

func queryRows(ctx context.Context, q dialect.Querier, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func reflectColumns(ctx context.Context, q dialect.Querier, t *schema.Table, db string, args []any) error {
	return queryRows(ctx, q, `SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT,
  COLLATION_NAME, COALESCE(GENERATION_EXPRESSION, ''), COLUMN_KEY
FROM information_schema.COLUMNS WHERE TABLE_NAME = ? AND TABLE_SCHEMA = `+db+` ORDER BY ORDINAL_POSITION`, args, func(r *sql.Rows) error {
		var (
			name, colType, nullable, extra, comment, generated, key string
			def, collation                                          sql.NullString
		)
		if err := r.Scan(&name, &colType, &nullable, &def, &extra, &comment, &collation, &generated, &key); err != nil {
			return err
		}
		col := &schema.Column{Name: name, Nullable: nullable == "YES", Autoincrement: "auto", Type: parseType(colType)}
		if collation.Valid && col.Type != nil && isStringKind(col.Type.Kind) {
			col.Type.Collation = collation.String
		}
		if comment != "" {
			c := comment
			col.Comment = &c
		}
		lowerExtra := strings.ToLower(extra)
		switch {
		case generated != "":
			persisted := strings.Contains(lowerExtra, "stored") || strings.Contains(lowerExtra, "persistent")
			col.Computed = &schema.Computed{SQL: generated, Persisted: &persisted}
		case def.Valid && def.String != "NULL":
			col.ServerDefault = &schema.Expr{Kind: schema.ExprText, Text: def.String}
		}
		if strings.Contains(lowerExtra, "auto_increment") {
			col.Autoincrement = "true"
		}
		t.Columns = append(t.Columns, col)
		return nil
	})
}

func isStringKind(kind string) bool {
	switch kind {
	case "VARCHAR", "CHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET":
		return true
	}
	return false
}

type keyCol struct {
	constraint, kind, column, refSchema, refTable, refColumn string
}

func reflectConstraints(ctx context.Context, q dialect.Querier, t *schema.Table, db string, args []any) error {
	var keys []keyCol
	err := queryRows(ctx, q, `SELECT tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME,
  COALESCE(k.REFERENCED_TABLE_SCHEMA, ''), COALESCE(k.REFERENCED_TABLE_NAME, ''), COALESCE(k.REFERENCED_COLUMN_NAME, '')
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
  AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_NAME = ? AND tc.TABLE_SCHEMA = `+db+` AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
ORDER BY tc.CONSTRAINT_NAME, k.ORDINAL_POSITION`, args, func(r *sql.Rows) error {
		var k keyCol
		if err := r.Scan(&k.constraint, &k.kind, &k.column, &k.refSchema, &k.refTable, &k.refColumn); err != nil {
			return err
		}
		keys = append(keys, k)
		return nil
	})
	if err != nil {
		return err
	}
	actions := map[string][2]string{}
	err = queryRows(ctx, q, `SELECT CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE TABLE_NAME = ? AND CONSTRAINT_SCHEMA = `+db, args, func(r *sql.Rows) error {
		var name, upd, del string
		if err := r.Scan(&name, &upd, &del); err != nil {
			return err
		}
		actions[name] = [2]string{upd, del}
		return nil
	})
	if err != nil {
		return err
	}
	var dbName string
	if len(args) > 1 {
		dbName, _ = args[1].(string)
	} else if err := queryRows(ctx, q, "SELECT DATABASE()", nil, func(r *sql.Rows) error { return r.Scan(&dbName) }); err != nil {
		return err
	}
	byName := map[string]schema.Constraint{}
	var order []string
	for _, k := range keys {
		con, ok := byName[k.constraint]
		if !ok {
			switch k.kind {
			case "PRIMARY KEY":
				con = &schema.PrimaryKey{}
			case "UNIQUE":
				con = &schema.Unique{Name: k.constraint}
			case "FOREIGN KEY":
				fk := &schema.ForeignKey{Name: k.constraint, RefTable: k.refTable}
				if k.refSchema != dbName {
					fk.RefSchema = k.refSchema
				}
				if a, ok := actions[k.constraint]; ok {
					fk.OnUpdate, fk.OnDelete = ruleName(a[0]), ruleName(a[1])
				}
				con = fk
			}
			byName[k.constraint] = con
			order = append(order, k.constraint)
		}
		switch c := con.(type) {
		case *schema.PrimaryKey:
			c.Columns = append(c.Columns, k.column)
			if col := t.Column(k.column); col != nil {
				col.PrimaryKey = true
			}
		case *schema.Unique:
			c.Columns = append(c.Columns, k.column)
		case *schema.ForeignKey:
			c.Columns = append(c.Columns, k.column)
			c.RefColumns = append(c.RefColumns, k.refColumn)
		}
	}
	for _, n := range order {
		t.Constraints = append(t.Constraints, byName[n])
	}
	// CHECK constraints: information_schema.CHECK_CONSTRAINTS has TABLE_NAME
	// on MariaDB 10.2+ and MySQL 8.0.16+ (joined through TABLE_CONSTRAINTS
	// on MySQL). MariaDB also lists the implicit json_valid() checks of its
	// JSON columns, which SQLAlchemy does not report either; skip them.
	return queryRows(ctx, q, `SELECT tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_NAME = ? AND tc.TABLE_SCHEMA = `+db+` AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY tc.CONSTRAINT_NAME`, args, func(r *sql.Rows) error {
		var name, clause string
		if err := r.Scan(&name, &clause); err != nil {
			return err
		}
		if col := t.Column(name); col != nil && strings.HasPrefix(strings.ToLower(clause), "json_valid(") {
			return nil
		}
		t.Constraints = append(t.Constraints, &schema.Check{Name: name, SQL: clause})
		return nil
	})
}

func ruleName(rule string) string {
	switch strings.ToUpper(rule) {
	case "", "RESTRICT", "NO ACTION":
		// RESTRICT is MySQL's default, reported when nothing was said.
		return ""
	}
	return strings.ToUpper(rule)
}

func reflectIndexes(ctx context.Context, q dialect.Querier, t *schema.Table, db string, args []any) error {
	byName := map[string]*schema.Index{}
	var names []string
	err := queryRows(ctx, q, `SELECT INDEX_NAME, NON_UNIQUE, COALESCE(COLUMN_NAME, ''), SUB_PART, INDEX_TYPE, COALESCE(COLLATION, 'A')
FROM information_schema.STATISTICS WHERE TABLE_NAME = ? AND TABLE_SCHEMA = `+db+` AND INDEX_NAME <> 'PRIMARY'
ORDER BY INDEX_NAME, SEQ_IN_INDEX`, args, func(r *sql.Rows) error {
		var (
			name, column, indexType, collation string
			nonUnique                          int
			subPart                            sql.NullInt64
		)
		if err := r.Scan(&name, &nonUnique, &column, &subPart, &indexType, &collation); err != nil {
			return err
		}
		idx, ok := byName[name]
		if !ok {
			idx = &schema.Index{Name: name, Schema: t.Schema, Table: t.Name, Unique: nonUnique == 0}
			if indexType == "FULLTEXT" || indexType == "SPATIAL" {
				idx.DialectOptions = map[string]string{"mysql_prefix": indexType}
			}
			byName[name] = idx
			names = append(names, name)
		}
		idx.Elements = append(idx.Elements, schema.IndexElement{Column: column, Desc: collation == "D"})
		if subPart.Valid {
			if idx.DialectOptions == nil {
				idx.DialectOptions = map[string]string{}
			}
			entry := column + ":" + strconv.FormatInt(subPart.Int64, 10)
			if prev := idx.DialectOptions["mysql_length"]; prev != "" {
				entry = prev + ", " + entry
			}
			idx.DialectOptions["mysql_length"] = entry
		}
		return nil
	})
	if err != nil {
		return err
	}
	// A UNIQUE key is both an index and a constraint in MySQL; it is
	// reported once, as the Unique constraint, so that nothing recreating
	// the table makes it twice.
	uniques := map[string]bool{}
	for _, c := range t.Constraints {
		if u, ok := c.(*schema.Unique); ok {
			uniques[u.Name] = true
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if !uniques[n] {
			t.Indexes = append(t.Indexes, byName[n])
		}
	}
	return nil
}

var columnType = regexp.MustCompile(`^(\w+)(?:\((.*)\))?((?: \w+)*)$`)

// parseType maps information_schema COLUMN_TYPE ("int(11) unsigned",
// "varchar(50)", "enum('a','b')", "decimal(10,2)") to the schema model.
func parseType(s string) *schema.Type {
	m := columnType.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return &schema.Type{Kind: strings.ToUpper(s), Dialect: "mysql"}
	}
	base, params, mods := strings.ToUpper(m[1]), m[2], strings.ToLower(m[3])
	t := &schema.Type{Kind: base, Dialect: "mysql", Unsigned: strings.Contains(mods, "unsigned")}
	nums := func() []int {
		var out []int
		for _, p := range strings.Split(params, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
				out = append(out, n)
			}
		}
		return out
	}
	switch base {
	case "INT":
		t.Kind = "INTEGER"
		fallthrough
	case "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "VARCHAR", "CHAR", "BINARY", "VARBINARY", "BIT", "YEAR", "BLOB", "TEXT":
		if n := nums(); len(n) > 0 {
			t.Length = n[0]
		}
	case "DECIMAL", "NUMERIC", "FLOAT", "DOUBLE":
		if n := nums(); len(n) > 0 {
			t.Precision = &n[0]
			if len(n) > 1 {
				t.Scale = &n[1]
			}
		}
	case "DATETIME", "TIMESTAMP", "TIME":
		if n := nums(); len(n) > 0 {
			t.Precision = &n[0]
		}
	case "ENUM", "SET":
		t.Values = parseQuotedList(params)
		t.NativeEnum = true
	}
	return t
}

// parseQuotedList reads 'a','it”s' into its values.
func parseQuotedList(s string) []string {
	var out []string
	var cur strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\'' && in && i+1 < len(s) && s[i+1] == '\'':
			cur.WriteByte('\'')
			i++
		case ch == '\'':
			if in {
				out = append(out, cur.String())
				cur.Reset()
			}
			in = !in
		case ch == '\\' && in && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case in:
			cur.WriteByte(ch)
		}
	}
	return out
}
