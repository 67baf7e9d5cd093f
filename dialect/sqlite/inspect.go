package sqlite

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

// ErrNoSuchTable is wrapped by Reflect when the table does not exist.
var ErrNoSuchTable = errors.New("no such table")

// reflectTable reads a table the way batch mode needs it: columns (type as
// declared, nullability, server default, primary key, collation, generated
// expression), named and unnamed unique / foreign key / check constraints,
// explicit indexes (with expressions and partial WHERE clauses), and the
// sqlite_autoincrement / sqlite_with_rowid options.
func reflectTable(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	if q == nil {
		return nil, fmt.Errorf("sqlite: reflect table %q: %w", table, ErrNeedsConnection)
	}
	t, err := readTable(ctx, q, schemaName, table)
	if err != nil {
		return nil, fmt.Errorf("sqlite: reflect table %q: %w", table, err)
	}
	return t, nil
}

func pragma(schemaName, name, arg string) string {
	prefix := ""
	if schemaName != "" {
		prefix = quoter.Force(schemaName) + "."
	}
	return "PRAGMA " + prefix + name + "(" + literals.String(arg) + ")"
}

func master(schemaName string) string {
	if schemaName == "" {
		return "sqlite_master"
	}
	return quoter.Force(schemaName) + ".sqlite_master"
}

// queryRows runs a query and returns every row as strings (NULL as nil).
func queryRows(ctx context.Context, q dialect.Querier, query string, args ...any) ([][]*string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]*string
	for rows.Next() {
		raw := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("%s: %w", query, err)
		}
		row := make([]*string, len(cols))
		for i, r := range raw {
			if r.Valid {
				s := r.String
				row[i] = &s
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	return out, nil
}

func strOf(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func num(p *string) int {
	n, _ := strconv.Atoi(strOf(p))
	return n
}

func readTable(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	defs, err := queryRows(ctx, q, "SELECT sql FROM "+master(schemaName)+" WHERE type = 'table' AND name = ?", table)
	if err != nil {
		return nil, err
	}
	if len(defs) == 0 || defs[0][0] == nil {
		return nil, fmt.Errorf("%w: %s", ErrNoSuchTable, table)
	}
	parsed, err := parseCreateTable(*defs[0][0])
	if err != nil {
		return nil, fmt.Errorf("reading its CREATE TABLE text: %w", err)
	}
	t := &schema.Table{Schema: schemaName, Name: table}
	if err := reflectColumns(ctx, q, t, parsed); err != nil {
		return nil, err
	}
	if err := reflectForeignKeys(ctx, q, t, parsed); err != nil {
		return nil, err
	}
	if err := reflectIndexes(ctx, q, t, parsed); err != nil {
		return nil, err
	}
	for _, ck := range parsed.checks {
		t.Constraints = append(t.Constraints, &schema.Check{Name: ck.name, SQL: ck.sql})
	}
	for _, c := range parsed.columns {
		if c.autoincrement {
			setOption(t, "sqlite_autoincrement", "True")
		}
	}
	if parsed.withoutRowid {
		setOption(t, "sqlite_with_rowid", "False")
	}
	return t, nil
}

func setOption(t *schema.Table, k, v string) {
	if t.DialectOptions == nil {
		t.DialectOptions = map[string]string{}
	}
	t.DialectOptions[k] = v
}

// table_xinfo columns: cid, name, type, notnull, dflt_value, pk, hidden.
func reflectColumns(ctx context.Context, q dialect.Querier, t *schema.Table, parsed *parsedTable) error {
	rows, err := queryRows(ctx, q, pragma(t.Schema, "table_xinfo", t.Name))
	if err != nil {
		return err
	}
	type pkCol struct {
		name string
		pos  int
	}
	var pks []pkCol
	for _, r := range rows {
		if len(r) < 7 {
			return fmt.Errorf("PRAGMA table_xinfo returned %d columns, want 7", len(r))
		}
		hidden := num(r[6])
		if hidden == 1 {
			continue // a virtual table's hidden column
		}
		col := &schema.Column{Name: strOf(r[1]), Nullable: num(r[3]) == 0, Type: parseType(strOf(r[2]))}
		if d := r[4]; d != nil {
			col.ServerDefault = reflectedDefault(*d)
		}
		if pc := parsed.column(col.Name); pc != nil {
			if pc.collation != "" && col.Type != nil {
				col.Type.Collation = pc.collation
			}
			if pc.generated != "" {
				stored := hidden == 3 || pc.stored
				col.Computed = &schema.Computed{SQL: pc.generated}
				if stored {
					col.Computed.Persisted = &stored
				}
			}
		}
		if pos := num(r[5]); pos > 0 {
			col.PrimaryKey = true
			pks = append(pks, pkCol{col.Name, pos})
		}
		t.Columns = append(t.Columns, col)
	}
	if len(t.Columns) == 0 {
		return fmt.Errorf("%w: %s", ErrNoSuchTable, t.Name)
	}
	sort.Slice(pks, func(i, j int) bool { return pks[i].pos < pks[j].pos })
	// A named key, or a composite key declared in another order than the
	// columns, needs an explicit constraint to be re-created as it was.
	inOrder := true
	k := 0
	for _, c := range t.Columns {
		if c.PrimaryKey {
			if pks[k].name != c.Name {
				inOrder = false
			}
			k++
		}
	}
	if len(pks) > 0 && (parsed.pkName != "" || !inOrder) {
		pk := &schema.PrimaryKey{Name: parsed.pkName}
		for _, p := range pks {
			pk.Columns = append(pk.Columns, p.name)
		}
		t.Constraints = append(t.Constraints, pk)
	}
	return nil
}

var unparenthesizedOK = []*regexp.Regexp{
	regexp.MustCompile(`^[0-9.]$`),
	regexp.MustCompile(`^'.+'$`),
	regexp.MustCompile(`^\(.+\)$`),
}

// reflectedDefault turns PRAGMA's dflt_value into a server default the way
// Alembic's SQLite column_reflect hook does: SQLite returns expression
// defaults without their parentheses, and Alembic adds them back unless
// the text is a single digit, a quoted string or already parenthesised.
func reflectedDefault(s string) *schema.Expr {
	s = strings.TrimSpace(s)
	paren := s != ""
	for _, re := range unparenthesizedOK {
		if re.MatchString(s) {
			paren = false
		}
	}
	if paren {
		s = "(" + s + ")"
	}
	return &schema.Expr{Kind: schema.ExprText, Text: s}
}

var typeRE = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$`)

// parseType maps a declared type to the type SQLAlchemy reflects: known
// names keep their upper-case SQL type (VARCHAR(20), NUMERIC(10, 2)); any
// other declaration is kept verbatim so the rebuilt table declares the
// column exactly as before.
func parseType(decl string) *schema.Type {
	m := typeRE.FindStringSubmatch(decl)
	if m == nil {
		return &schema.Type{Kind: decl, Dialect: "sqlite"}
	}
	name := strings.ToUpper(m[1])
	t := &schema.Type{Kind: name}
	n1, n2 := -1, -1
	if m[2] != "" {
		n1, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		n2, _ = strconv.Atoi(m[3])
	}
	switch name {
	case "INT", "INTEGER":
		t.Kind = "INTEGER"
	case "SMALLINT", "BIGINT", "BOOLEAN", "DATE", "DATETIME", "TIME", "TIMESTAMP", "REAL", "FLOAT", "JSON", "BLOB", "CLOB":
	case "BOOL":
		t.Kind = "BOOLEAN"
	case "NUMERIC", "DECIMAL":
		if n1 >= 0 {
			t.Precision = &n1
		}
		if n2 >= 0 {
			t.Scale = &n2
		}
	case "VARCHAR", "NVARCHAR", "CHAR", "NCHAR", "TEXT":
		if n1 >= 0 {
			t.Length = n1
		}
	default:
		return &schema.Type{Kind: strings.TrimSpace(decl), Dialect: "sqlite"}
	}
	if n2 >= 0 && t.Scale == nil || (n1 >= 0 && t.Precision == nil && t.Length == 0) {
		// Arguments the generic type does not take: keep the declaration.
		return &schema.Type{Kind: strings.TrimSpace(decl), Dialect: "sqlite"}
	}
	return t
}

// foreign_key_list columns: id, seq, table, from, to, on_update, on_delete, match.
func reflectForeignKeys(ctx context.Context, q dialect.Querier, t *schema.Table, parsed *parsedTable) error {
	rows, err := queryRows(ctx, q, pragma(t.Schema, "foreign_key_list", t.Name))
	if err != nil {
		return err
	}
	byID := map[int]*schema.ForeignKey{}
	var ids []int
	for _, r := range rows {
		if len(r) < 8 {
			return fmt.Errorf("PRAGMA foreign_key_list returned %d columns, want 8", len(r))
		}
		id := num(r[0])
		fk, ok := byID[id]
		if !ok {
			fk = &schema.ForeignKey{RefTable: strOf(r[2]), OnUpdate: action(strOf(r[5])), OnDelete: action(strOf(r[6]))}
			if m := strings.ToUpper(strOf(r[7])); m != "" && m != "NONE" {
				fk.Match = m
			}
			byID[id] = fk
			ids = append(ids, id)
		}
		fk.Columns = append(fk.Columns, strOf(r[3]))
		if r[4] != nil {
			fk.RefColumns = append(fk.RefColumns, *r[4])
		}
	}
	// SQLite numbers foreign keys from the last declared; list them in
	// declaration order, and take names and deferrability from the text.
	sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	used := make([]bool, len(parsed.fks))
	for _, id := range ids {
		fk := byID[id]
		for i, pf := range parsed.fks {
			if used[i] || !strings.EqualFold(pf.refTable, fk.RefTable) || !sameNames(pf.columns, fk.Columns) {
				continue
			}
			used[i] = true
			fk.Name, fk.Deferrable, fk.Initially = pf.name, pf.deferrable, pf.initially
			if len(fk.RefColumns) == 0 {
				fk.RefColumns = pf.refColumns
			}
			break
		}
		if len(fk.RefColumns) == 0 {
			// REFERENCES t without columns means t's primary key.
			pk, err := primaryKeyOf(ctx, q, t.Schema, fk.RefTable)
			if err != nil {
				return err
			}
			fk.RefColumns = pk
		}
		t.Constraints = append(t.Constraints, fk)
	}
	return nil
}

func primaryKeyOf(ctx context.Context, q dialect.Querier, schemaName, table string) ([]string, error) {
	rows, err := queryRows(ctx, q, pragma(schemaName, "table_info", table))
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rows, func(i, j int) bool { return num(rows[i][5]) < num(rows[j][5]) })
	var out []string
	for _, r := range rows {
		if num(r[5]) > 0 {
			out = append(out, strOf(r[1]))
		}
	}
	return out, nil
}

func action(s string) string {
	if strings.EqualFold(s, "NO ACTION") {
		return ""
	}
	return strings.ToUpper(s)
}

func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// reflectIndexes reads unique constraints (origin "u") and explicit
// indexes (origin "c"); primary key indexes are skipped.
// index_list columns: seq, name, unique, origin, partial.
func reflectIndexes(ctx context.Context, q dialect.Querier, t *schema.Table, parsed *parsedTable) error {
	list, err := queryRows(ctx, q, pragma(t.Schema, "index_list", t.Name))
	if err != nil {
		return err
	}
	// Keep creation order, which is sqlite_master's rowid order (index_list
	// has its own).
	created, err := queryRows(ctx, q, "SELECT name FROM "+master(t.Schema)+" WHERE type = 'index' AND tbl_name = ? ORDER BY rowid", t.Name)
	if err != nil {
		return err
	}
	rank := map[string]int{}
	for i, r := range created {
		rank[strOf(r[0])] = i
	}
	sort.SliceStable(list, func(i, j int) bool { return rank[strOf(list[i][1])] < rank[strOf(list[j][1])] })
	usedUnique := make([]bool, len(parsed.uniques))
	for _, r := range list {
		if len(r) < 4 {
			return fmt.Errorf("PRAGMA index_list returned %d columns, want at least 4", len(r))
		}
		name, unique, origin := strOf(r[1]), num(r[2]) == 1, strOf(r[3])
		if origin == "pk" {
			continue
		}
		info, err := queryRows(ctx, q, pragma(t.Schema, "index_xinfo", name))
		if err != nil {
			return err
		}
		// index_xinfo: seqno, cid, name, desc, coll, key.
		var cols []string
		var elems []schema.IndexElement
		for _, x := range info {
			if num(x[5]) != 1 {
				continue
			}
			if num(x[1]) == -2 {
				elems = append(elems, schema.IndexElement{})
				continue
			}
			cols = append(cols, strOf(x[2]))
			elems = append(elems, schema.IndexElement{Column: strOf(x[2]), Desc: num(x[3]) == 1})
		}
		if origin == "u" {
			u := &schema.Unique{Columns: cols}
			for i, pu := range parsed.uniques {
				if !usedUnique[i] && sameNames(pu.columns, cols) {
					usedUnique[i] = true
					u.Name = pu.name
					break
				}
			}
			if u.Name == "" && len(cols) == 1 {
				if pc := parsed.column(cols[0]); pc != nil && pc.unique {
					u.Name = pc.uniqueName
				}
			}
			t.Constraints = append(t.Constraints, u)
			continue
		}
		idx := &schema.Index{Name: name, Schema: t.Schema, Table: t.Name, Unique: unique, Elements: elems}
		defs, err := queryRows(ctx, q, "SELECT sql FROM "+master(t.Schema)+" WHERE type = 'index' AND name = ?", name)
		if err != nil {
			return err
		}
		if len(defs) > 0 && defs[0][0] != nil {
			pi, err := parseCreateIndex(*defs[0][0])
			if err != nil {
				return fmt.Errorf("index %s: %w", name, err)
			}
			if len(pi.elements) == len(elems) {
				for i, e := range pi.elements {
					// Expressions, and columns with a COLLATE clause the
					// element model has no field for, keep their text.
					if elems[i].Column == "" || strings.Contains(strings.ToUpper(e), "COLLATE") {
						elems[i] = schema.IndexElement{Expr: e}
					}
				}
			}
			if pi.where != "" {
				idx.DialectOptions = map[string]string{"sqlite_where": pi.where}
			}
		}
		for _, e := range elems {
			if e.Column == "" && e.Expr == "" {
				return fmt.Errorf("index %s: cannot read its expression elements", name)
			}
		}
		t.Indexes = append(t.Indexes, idx)
	}
	return nil
}
