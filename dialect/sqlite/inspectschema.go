package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

var (
	_ dialect.Inspector    = (*SQLite)(nil)
	_ dialect.TypeRenderer = (*SQLite)(nil)
)

// TypeSQL renders a column type as CREATE TABLE does on SQLite (String(50)
// is VARCHAR(50), an Enum is VARCHAR of its longest value).
func (d *SQLite) TypeSQL(t *schema.Type) (string, error) {
	s, err := d.compiler.Type(t)
	if err != nil {
		return "", fmt.Errorf("sqlite: type: %w", err)
	}
	return s, nil
}

// DefaultSQL renders a server default as CREATE TABLE does after DEFAULT
// (func.now() is (CURRENT_TIMESTAMP), a plain string a quoted literal).
func (d *SQLite) DefaultSQL(e *schema.Expr) (string, error) {
	if e == nil {
		return "", fmt.Errorf("sqlite: server default: none given")
	}
	s, err := d.compiler.ServerDefault(e)
	if err != nil {
		return "", fmt.Errorf("sqlite: server default: %w", err)
	}
	return s, nil
}

// DefaultSchema is "main", the database a SQLite connection opens.
func (*SQLite) DefaultSchema(context.Context, dialect.Querier) (string, error) {
	return "main", nil
}

// SchemaNames lists the attached databases, without main (the default
// schema) and temp, sorted.
func (*SQLite) SchemaNames(ctx context.Context, q dialect.Querier) ([]string, error) {
	if q == nil {
		return nil, fmt.Errorf("sqlite: schema names: %w", ErrNeedsConnection)
	}
	rows, err := queryRows(ctx, q, "SELECT name FROM pragma_database_list WHERE name NOT IN ('main', 'temp')")
	if err != nil {
		return nil, fmt.Errorf("sqlite: schema names: %w", err)
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, strOf(r[0]))
	}
	sort.Strings(out)
	return out, nil
}

// InspectSchema reads the tables of one database ("main" when o.Schema is
// "" or "main", whose tables then carry Schema "") with five bulk queries,
// whatever the number of tables: sqlite_master, and the table_xinfo,
// foreign_key_list and index_list/index_xinfo pragmas joined over every
// table. The CREATE TABLE and CREATE INDEX texts supply what the pragmas
// do not (constraint names, CHECKs, collations, AUTOINCREMENT, index
// expressions and WHERE clauses). SQLite's own sqlite_* tables are left
// out.
func (*SQLite) InspectSchema(ctx context.Context, q dialect.Querier, o dialect.InspectOptions) (*schema.MetaData, error) {
	name := o.Schema
	if strings.EqualFold(name, "main") {
		name = ""
	}
	shown := name
	if shown == "" {
		shown = "main"
	}
	if q == nil {
		return nil, fmt.Errorf("sqlite: inspect %s: %w", shown, ErrNeedsConnection)
	}
	if o.Tables != nil && len(o.Tables) == 0 {
		return &schema.MetaData{}, nil
	}
	tables, err := inspectTables(ctx, q, name, o.Tables)
	if err != nil {
		return nil, fmt.Errorf("sqlite: inspect %s: %w", shown, err)
	}
	return &schema.MetaData{Tables: tables}, nil
}

// maxFilterArgs bounds the table names passed as parameters (SQLite allows
// 999 in old builds); a longer list is applied after reading.
const maxFilterArgs = 500

// tableFilter is the WHERE condition choosing the user tables of
// sqlite_master aliased m, limited to names when given.
func tableFilter(names []string) (string, []any) {
	where := "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	if len(names) == 0 || len(names) > maxFilterArgs {
		return where, nil
	}
	args := make([]any, len(names))
	for i, n := range names {
		args[i] = n
	}
	return where + " AND m.name IN (?" + strings.Repeat(", ?", len(names)-1) + ")", args
}

// inspectTables reads the tables of schemaName ("" is main; the tables
// carry schemaName as given), sorted by name, limited to names when
// non-nil.
func inspectTables(ctx context.Context, q dialect.Querier, schemaName string, names []string) ([]*schema.Table, error) {
	db := schemaName
	if db == "" {
		db = "main"
	}
	from := master(schemaName) + " AS m"
	where, filterArgs := tableFilter(names)
	var wanted map[string]bool
	if names != nil {
		wanted = make(map[string]bool, len(names))
		for _, n := range names {
			wanted[n] = true
		}
	}
	args := func(lead ...any) []any { return append(lead, filterArgs...) }

	list, err := queryRows(ctx, q, "SELECT m.name, m.sql FROM "+from+" WHERE "+where+" ORDER BY m.name", args()...)
	if err != nil {
		return nil, err
	}
	raws := make([]*rawTable, 0, len(list))
	byName := make(map[string]*rawTable, len(list))
	for _, r := range list {
		name := strOf(r[0])
		if wanted != nil && !wanted[name] {
			continue
		}
		raw := &rawTable{name: name, sql: strOf(r[1])}
		raws = append(raws, raw)
		byName[name] = raw
	}
	if len(raws) == 0 {
		return nil, nil
	}

	// Every table's columns, foreign keys and indexes in one query each;
	// the pragma functions take the database as their last argument, so a
	// temp table of the same name does not shadow the one asked for.
	cols, err := queryRows(ctx, q, "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM "+
		from+", pragma_table_xinfo(m.name, ?) AS p WHERE "+where+" ORDER BY m.name, p.cid", args(db)...)
	if err != nil {
		return nil, err
	}
	for _, r := range cols {
		if raw := byName[strOf(r[0])]; raw != nil {
			raw.columns = append(raw.columns, r[1:])
		}
	}
	fks, err := queryRows(ctx, q, "SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete, f.\"match\" FROM "+
		from+", pragma_foreign_key_list(m.name, ?) AS f WHERE "+where+" ORDER BY m.name, f.id, f.seq", args(db)...)
	if err != nil {
		return nil, err
	}
	for _, r := range fks {
		if raw := byName[strOf(r[0])]; raw != nil {
			raw.fks = append(raw.fks, r[1:])
		}
	}
	if err := readIndexes(ctx, q, schemaName, byName, names); err != nil {
		return nil, err
	}

	folded := make(map[string]*rawTable, len(raws))
	for _, raw := range raws {
		folded[strings.ToLower(raw.name)] = raw
	}
	pkOf := func(table string) ([]string, error) {
		if raw := folded[strings.ToLower(table)]; raw != nil {
			return primaryKeyColumns(raw.columns), nil
		}
		// A table left out by names (or missing: SQLite allows a
		// reference to a table not yet created).
		rows, err := queryRows(ctx, q, "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?, ?)", table, db)
		if err != nil {
			return nil, err
		}
		return primaryKeyColumns(rows), nil
	}
	out := make([]*schema.Table, 0, len(raws))
	for _, raw := range raws {
		t, err := buildTable(schemaName, raw, pkOf)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", raw.name, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// readIndexes fills in the indexes of the tables in byName, in creation
// order (sqlite_master's rowid order), leaving out primary key indexes.
func readIndexes(ctx context.Context, q dialect.Querier, schemaName string, byName map[string]*rawTable, names []string) error {
	db := schemaName
	if db == "" {
		db = "main"
	}
	from := master(schemaName) + " AS m"
	where, filterArgs := tableFilter(names)
	keys, err := queryRows(ctx, q, "SELECT m.name, l.name, l.\"unique\", l.origin, x.cid, x.name, x.\"desc\" FROM "+
		from+", pragma_index_list(m.name, ?) AS l, pragma_index_xinfo(l.name, ?) AS x WHERE "+where+
		" AND l.origin <> 'pk' AND x.\"key\" = 1 ORDER BY m.name, l.name, x.seqno", append([]any{db, db}, filterArgs...)...)
	if err != nil {
		return err
	}
	var cur *rawIndex
	curTable := ""
	for _, r := range keys {
		raw := byName[strOf(r[0])]
		if raw == nil {
			continue
		}
		if cur == nil || curTable != raw.name || cur.name != strOf(r[1]) {
			cur = &rawIndex{name: strOf(r[1]), unique: num(r[2]) == 1, origin: strOf(r[3])}
			curTable = raw.name
			raw.indexes = append(raw.indexes, cur)
		}
		cur.keys = append(cur.keys, r[4:])
	}
	// The index texts, and their creation order.
	defsQuery := "SELECT name, sql FROM " + master(schemaName) + " WHERE type = 'index'"
	if len(filterArgs) > 0 {
		defsQuery += " AND tbl_name IN (?" + strings.Repeat(", ?", len(filterArgs)-1) + ")"
	}
	defs, err := queryRows(ctx, q, defsQuery+" ORDER BY rowid", filterArgs...)
	if err != nil {
		return err
	}
	rank := make(map[string]int, len(defs))
	text := make(map[string]string, len(defs))
	for i, r := range defs {
		n := strOf(r[0])
		rank[n] = i
		text[n] = strOf(r[1])
	}
	for _, raw := range byName {
		for _, ix := range raw.indexes {
			ix.sql = text[ix.name]
		}
		sort.SliceStable(raw.indexes, func(i, j int) bool { return rank[raw.indexes[i].name] < rank[raw.indexes[j].name] })
	}
	return nil
}
