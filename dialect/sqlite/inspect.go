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
	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/schema"
)

// ErrNoSuchTable is wrapped by Reflect when the table does not exist.
var ErrNoSuchTable = errors.New("no such table")

// reflectTable reads a table the way batch mode needs it: columns (type as
// declared, nullability, server default, primary key, collation, generated
// expression), named and unnamed unique / foreign key / check constraints,
// explicit indexes (with expressions and partial WHERE clauses), and the
// sqlite_autoincrement / sqlite_with_rowid options. It runs the queries of
// InspectSchema limited to the one table, then reshapes the result (see
// asBatchSource).
func reflectTable(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	if q == nil {
		return nil, fmt.Errorf("sqlite: reflect table %q: %w", table, ErrNeedsConnection)
	}
	tables, err := inspectTables(ctx, q, schemaName, []string{table})
	if err != nil {
		return nil, fmt.Errorf("sqlite: reflect table %q: %w", table, err)
	}
	if len(tables) == 0 {
		return nil, fmt.Errorf("sqlite: reflect table %q: %w: %s", table, ErrNoSuchTable, table)
	}
	t := tables[0]
	asBatchSource(t)
	return t, nil
}

// asBatchSource turns a table in the reflected normal form into the shape
// batch mode's copy keeps: the primary key flagged on its columns, with a
// PrimaryKey constraint only where the flags cannot say it all (a named
// key, or a composite key in another order than the columns), and foreign
// keys without a schema (SQLite's REFERENCES takes none).
func asBatchSource(t *schema.Table) {
	var pk *schema.PrimaryKey
	rest := make([]schema.Constraint, 0, len(t.Constraints))
	for _, c := range t.Constraints {
		switch x := c.(type) {
		case *schema.PrimaryKey:
			pk = x
			continue
		case *schema.ForeignKey:
			x.RefSchema = ""
		}
		rest = append(rest, c)
	}
	t.Constraints = rest
	if pk == nil {
		return
	}
	inOrder := true
	k := 0
	for _, c := range t.Columns {
		if !containsName(pk.Columns, c.Name) {
			continue
		}
		c.PrimaryKey = true
		if k >= len(pk.Columns) || pk.Columns[k] != c.Name {
			inOrder = false
		}
		k++
	}
	if pk.Name != "" || !inOrder {
		t.Constraints = append([]schema.Constraint{pk}, rest...)
	}
}

func containsName(list []string, name string) bool {
	for _, n := range list {
		if n == name {
			return true
		}
	}
	return false
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

func setOption(t *schema.Table, k, v string) {
	if t.DialectOptions == nil {
		t.DialectOptions = map[string]string{}
	}
	t.DialectOptions[k] = v
}

var unparenthesizedOK = []func() *regexp.Regexp{
	lazyre.New(`^[0-9.]$`),
	lazyre.New(`^'.+'$`),
	lazyre.New(`^\(.+\)$`),
}

// reflectedDefault turns PRAGMA's dflt_value into a server default the way
// Alembic's SQLite column_reflect hook does: SQLite returns expression
// defaults without their parentheses, and Alembic adds them back unless
// the text is a single digit, a quoted string or already parenthesised.
func reflectedDefault(s string) *schema.Expr {
	s = strings.TrimSpace(s)
	paren := s != ""
	for _, re := range unparenthesizedOK {
		if re().MatchString(s) {
			paren = false
		}
	}
	if paren {
		s = "(" + s + ")"
	}
	return &schema.Expr{Kind: schema.ExprText, Text: s}
}

var typeRE = lazyre.New(`^\s*([A-Za-z_][A-Za-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$`)

// parseType maps a declared type to the type SQLAlchemy reflects: known
// names keep their upper-case SQL type (VARCHAR(20), NUMERIC(10, 2)); any
// other declaration is kept verbatim so the rebuilt table declares the
// column exactly as before.
func parseType(decl string) *schema.Type {
	m := typeRE().FindStringSubmatch(decl)
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

// rawTable is what the catalog says about one table, as read in bulk by
// inspectTables.
type rawTable struct {
	name    string
	sql     string
	columns [][]*string // table_xinfo: cid, name, type, notnull, dflt_value, pk, hidden
	fks     [][]*string // foreign_key_list: id, seq, table, from, to, on_update, on_delete, match
	indexes []*rawIndex // in creation order
}

// rawIndex is one index of a table, other than the one backing its
// primary key.
type rawIndex struct {
	name   string
	unique bool
	origin string      // "c" for CREATE INDEX, "u" for a UNIQUE constraint
	sql    string      // the CREATE INDEX text; "" for an autoindex
	keys   [][]*string // index_xinfo key columns: cid, name, desc
}

// buildTable assembles one table in the reflected normal form (see
// dialect.Inspector). pkOf gives a table's primary key columns, for a
// REFERENCES clause without a column list.
func buildTable(schemaName string, raw *rawTable, pkOf func(table string) ([]string, error)) (*schema.Table, error) {
	parsed, err := parseCreateTable(raw.sql)
	if err != nil {
		if !isVirtualTable(raw.sql) {
			return nil, fmt.Errorf("reading its CREATE TABLE text: %w", err)
		}
		// A virtual table's arguments belong to its module and need not be
		// a column list; its columns come from the pragma alone.
		parsed = &parsedTable{}
	}
	t := &schema.Table{Schema: schemaName, Name: raw.name}
	if err := buildColumns(t, raw.columns, parsed); err != nil {
		return nil, err
	}
	if err := buildForeignKeys(t, raw.fks, parsed, pkOf); err != nil {
		return nil, err
	}
	if err := buildIndexes(t, raw.indexes, parsed); err != nil {
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

func isVirtualTable(sql string) bool {
	toks, err := tokenize(sql)
	return err == nil && len(toks) > 1 && toks[1].is("VIRTUAL")
}

// buildColumns reads table_xinfo rows into columns and the primary key
// constraint.
func buildColumns(t *schema.Table, rows [][]*string, parsed *parsedTable) error {
	type pkCol struct {
		name string
		pos  int
	}
	var pks []pkCol
	for _, r := range rows {
		if len(r) < 7 {
			return fmt.Errorf("PRAGMA table_xinfo returned %d columns, want 7", len(r))
		}
		// hidden: 0 plain, 1 a virtual table's hidden column, 2 a virtual
		// generated column, 3 a stored one.
		hidden := num(r[6])
		if hidden == 1 {
			continue
		}
		col := &schema.Column{Name: strOf(r[1]), Nullable: num(r[3]) == 0, Type: parseType(strOf(r[2]))}
		if d := r[4]; d != nil {
			col.ServerDefault = reflectedDefault(*d)
		}
		pc := parsed.column(col.Name)
		if pc != nil && pc.collation != "" && col.Type != nil {
			col.Type.Collation = pc.collation
		}
		if hidden == 2 || hidden == 3 {
			col.Computed = &schema.Computed{}
			if pc != nil {
				col.Computed.SQL = pc.generated
			}
			if hidden == 3 {
				stored := true
				col.Computed.Persisted = &stored
			}
		}
		if pos := num(r[5]); pos > 0 {
			pks = append(pks, pkCol{col.Name, pos})
		}
		t.Columns = append(t.Columns, col)
	}
	if len(t.Columns) == 0 {
		return fmt.Errorf("%w: %s", ErrNoSuchTable, t.Name)
	}
	if len(pks) > 0 {
		sort.Slice(pks, func(i, j int) bool { return pks[i].pos < pks[j].pos })
		pk := &schema.PrimaryKey{Name: parsed.pkName}
		for _, p := range pks {
			pk.Columns = append(pk.Columns, p.name)
		}
		t.Constraints = append(t.Constraints, pk)
	}
	return nil
}

// primaryKeyColumns lists the key columns of table_xinfo rows in key order.
func primaryKeyColumns(rows [][]*string) []string {
	type pkCol struct {
		name string
		pos  int
	}
	var pks []pkCol
	for _, r := range rows {
		if len(r) >= 6 && num(r[5]) > 0 {
			pks = append(pks, pkCol{strOf(r[1]), num(r[5])})
		}
	}
	sort.Slice(pks, func(i, j int) bool { return pks[i].pos < pks[j].pos })
	var out []string
	for _, p := range pks {
		out = append(out, p.name)
	}
	return out
}

// buildForeignKeys reads foreign_key_list rows (ordered by id, seq) into
// foreign key constraints, in declaration order.
func buildForeignKeys(t *schema.Table, rows [][]*string, parsed *parsedTable, pkOf func(string) ([]string, error)) error {
	byID := map[int]*schema.ForeignKey{}
	var ids []int
	for _, r := range rows {
		if len(r) < 8 {
			return fmt.Errorf("PRAGMA foreign_key_list returned %d columns, want 8", len(r))
		}
		id := num(r[0])
		fk, ok := byID[id]
		if !ok {
			fk = &schema.ForeignKey{RefSchema: t.Schema, RefTable: strOf(r[2]), OnUpdate: action(strOf(r[5])), OnDelete: action(strOf(r[6]))}
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
			pk, err := pkOf(fk.RefTable)
			if err != nil {
				return err
			}
			fk.RefColumns = pk
		}
		t.Constraints = append(t.Constraints, fk)
	}
	return nil
}

// buildIndexes turns the autoindexes of UNIQUE constraints into Unique
// constraints (named from the table text) and CREATE INDEX indexes into
// Table.Indexes, with expression elements and partial WHERE clauses taken
// from the index text.
func buildIndexes(t *schema.Table, list []*rawIndex, parsed *parsedTable) error {
	usedUnique := make([]bool, len(parsed.uniques))
	for _, ix := range list {
		var cols []string
		elems := make([]schema.IndexElement, 0, len(ix.keys))
		for _, x := range ix.keys {
			if len(x) < 3 {
				return fmt.Errorf("PRAGMA index_xinfo returned %d columns, want 3", len(x))
			}
			desc := num(x[2]) == 1
			if x[1] == nil {
				// An expression (cid -2) or the rowid (cid -1): its text
				// comes from the CREATE INDEX statement.
				elems = append(elems, schema.IndexElement{Desc: desc})
				continue
			}
			cols = append(cols, *x[1])
			elems = append(elems, schema.IndexElement{Column: *x[1], Desc: desc})
		}
		if ix.origin == "u" {
			t.Constraints = append(t.Constraints, &schema.Unique{Name: uniqueName(parsed, cols, usedUnique), Columns: cols})
			continue
		}
		idx := &schema.Index{Name: ix.name, Schema: t.Schema, Table: t.Name, Unique: ix.unique, Elements: elems}
		if ix.sql != "" {
			pi, err := parseCreateIndex(ix.sql)
			if err != nil {
				return fmt.Errorf("index %s: %w", ix.name, err)
			}
			if len(pi.elements) == len(elems) {
				for i, e := range pi.elements {
					// Expressions, and columns with a COLLATE clause the
					// element model has no field for, keep their text.
					text, collated := indexElementText(e)
					if elems[i].Column == "" || collated {
						elems[i] = schema.IndexElement{Expr: text, Desc: elems[i].Desc}
					}
				}
			}
			if pi.where != "" {
				idx.DialectOptions = map[string]string{"sqlite_where": pi.where}
			}
		}
		for _, e := range elems {
			if e.Column == "" && e.Expr == "" {
				return fmt.Errorf("index %s: cannot read its expression elements", ix.name)
			}
		}
		t.Indexes = append(t.Indexes, idx)
	}
	return nil
}

// uniqueName finds the name the table text gives the UNIQUE constraint on
// cols: a table-level UNIQUE (each matched once), else an inline one.
func uniqueName(parsed *parsedTable, cols []string, used []bool) string {
	for i, pu := range parsed.uniques {
		if !used[i] && sameNames(pu.columns, cols) {
			used[i] = true
			return pu.name
		}
	}
	if len(cols) == 1 {
		if pc := parsed.column(cols[0]); pc != nil && pc.unique {
			return pc.uniqueName
		}
	}
	return ""
}

// indexElementText strips a trailing ASC or DESC from an index element as
// written (the direction is the element's Desc) and reports whether it has
// a COLLATE clause.
func indexElementText(e string) (text string, collated bool) {
	toks, err := tokenize(e)
	if err != nil || len(toks) == 0 {
		return e, false
	}
	for _, t := range toks {
		if t.is("COLLATE") {
			collated = true
		}
	}
	if last := toks[len(toks)-1]; len(toks) > 1 && (last.is("ASC") || last.is("DESC")) {
		return strings.TrimSpace(e[:last.start]), collated
	}
	return e, collated
}
