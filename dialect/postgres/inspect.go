package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

var (
	_ dialect.Inspector    = (*Postgres)(nil)
	_ dialect.TypeRenderer = (*Postgres)(nil)
)

// TypeSQL renders t as CREATE TABLE does (variants resolved, online
// compiler).
func (p *Postgres) TypeSQL(t *schema.Type) (string, error) { return p.compiler.Type(t) }

// DefaultSQL renders a server default as CREATE TABLE does after DEFAULT,
// with the literal style of a live connection.
func (p *Postgres) DefaultSQL(e *schema.Expr) (string, error) {
	if e == nil {
		return "", errors.New("postgresql: no server default to render")
	}
	return p.compiler.ServerDefault(e)
}

// DefaultSchema is current_schema(): the first schema of search_path that
// exists.
func (*Postgres) DefaultSchema(ctx context.Context, q dialect.Querier) (string, error) {
	if q == nil {
		return "", errors.New("postgresql: default schema needs a database connection")
	}
	var name sql.NullString
	if err := queryRow(ctx, q, `SELECT current_schema()`, nil, &name); err != nil {
		return "", fmt.Errorf("postgresql: default schema: %w", err)
	}
	if !name.Valid {
		return "", errors.New("postgresql: default schema: search_path names no existing schema")
	}
	return name.String, nil
}

// SchemaNames lists every schema but pg_catalog, information_schema and
// the toast and temporary ones, sorted.
func (*Postgres) SchemaNames(ctx context.Context, q dialect.Querier) ([]string, error) {
	if q == nil {
		return nil, errors.New("postgresql: schema names need a database connection")
	}
	rows, err := q.QueryContext(ctx, `SELECT nspname FROM pg_catalog.pg_namespace
WHERE nspname NOT IN ('pg_catalog', 'information_schema')
  AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'`)
	if err != nil {
		return nil, fmt.Errorf("postgresql: schema names: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("postgresql: schema names: %w", err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgresql: schema names: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// InspectSchema reads the ordinary and partitioned tables of one schema
// (views, materialized views and foreign tables are left out) with six
// catalog queries whatever the number of tables: the schema name, tables,
// columns (with identity sequence options), constraints, indexes and enum
// types. The result is in the reflected normal form of [dialect.Inspector];
// besides:
//   - column types come from format_type(); enum columns (and arrays of
//     enums) get Kind "ENUM", EnumName and Values;
//   - MetaData.Enums lists every enum type of the schema, with Schema ""
//     when o.Schema is "";
//   - a serial column (integer with a nextval(...) default) has
//     Autoincrement "true" and keeps the default text; other columns have
//     Autoincrement "false", as SQLAlchemy reflects them; an identity column
//     has Autoincrement "true", and its Identity sets only the sequence
//     options that differ from what PostgreSQL picks when none is given
//     (START = MINVALUE, or MAXVALUE when descending; INCREMENT 1; MINVALUE
//     1 and MAXVALUE the type's maximum, or the type's minimum and -1 when
//     descending; CACHE 1; NO CYCLE), so a bare sa.Identity() reflects as
//     Identity{} with only Always set;
//   - a foreign key's RefSchema is "" when the referenced table is visible
//     through search_path, as SQLAlchemy's reflection has it, except that a
//     reference into an explicitly inspected schema keeps that schema;
//   - a check's SQL is the text inside pg_get_constraintdef's CHECK (...);
//   - an index element is a column name, or an expression as
//     pg_get_indexdef(index, n, true) prints it; DialectOptions hold
//     postgresql_where (pg_get_expr of the predicate), postgresql_using
//     (only when not btree) and postgresql_include ("a, b").
//
// A schema that does not exist reads as empty.
func (*Postgres) InspectSchema(ctx context.Context, q dialect.Querier, o dialect.InspectOptions) (*schema.MetaData, error) {
	return inspectSchema(ctx, q, o)
}

// inspection collects one schema's tables while the queries run.
type inspection struct {
	q dialect.Querier
	// nsp is the schema read, resolved; outSchema is what the tables and
	// enums carry ("" for the default schema).
	nsp, outSchema string
	// explicit reports that the caller named the schema.
	explicit bool
	// filter is the JSON array of the wanted table names, or nil for all.
	filter any
	tables map[int64]*schema.Table
	// attnames maps each inspected table's attribute numbers to column
	// names, so that constraints and indexes need no per-row lookups.
	attnames map[int64]map[int]string
	// enumCols are the enum types of columns, by "schema.type", waiting for
	// their labels.
	enumCols map[string][]*schema.Type
}

func inspectSchema(ctx context.Context, q dialect.Querier, o dialect.InspectOptions) (*schema.MetaData, error) {
	label := o.Schema
	if label == "" {
		label = "default schema"
	}
	if q == nil {
		return nil, fmt.Errorf("postgresql: inspect %s: needs a database connection", label)
	}
	in := &inspection{q: q, outSchema: o.Schema, explicit: o.Schema != "",
		tables: map[int64]*schema.Table{}, attnames: map[int64]map[int]string{}, enumCols: map[string][]*schema.Type{}}
	md := &schema.MetaData{}
	if o.Tables != nil {
		if len(o.Tables) == 0 {
			return md, nil
		}
		data, err := json.Marshal(o.Tables)
		if err != nil {
			return nil, fmt.Errorf("postgresql: inspect %s: %w", label, err)
		}
		in.filter = string(data)
	}
	var nsp sql.NullString
	if err := queryRow(ctx, q, `SELECT nspname FROM pg_catalog.pg_namespace
WHERE nspname = COALESCE(NULLIF($1, ''), current_schema())`, []any{o.Schema}, &nsp); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("postgresql: inspect %s: %w", label, err)
	}
	if !nsp.Valid {
		return md, nil
	}
	in.nsp = nsp.String
	steps := []func(context.Context) error{in.loadTables, in.loadColumns, in.loadConstraints, in.loadIndexes}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("postgresql: inspect %s: %w", in.nsp, err)
		}
		if len(in.tables) == 0 {
			break
		}
	}
	enums, err := in.loadEnums(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgresql: inspect %s: %w", in.nsp, err)
	}
	md.Enums = enums
	for _, t := range in.tables {
		md.Tables = append(md.Tables, t)
	}
	sort.Slice(md.Tables, func(i, j int) bool { return md.Tables[i].Name < md.Tables[j].Name })
	return md, nil
}

// tableFilter restricts pg_class c (joined with pg_namespace n) to the
// inspected tables; $1 is the schema, $2 the JSON list of names or NULL.
const tableFilter = `c.relkind IN ('r', 'p') AND n.nspname = $1
  AND ($2::text IS NULL OR c.relname IN (SELECT jsonb_array_elements_text($2::text::jsonb)))`

// each runs query with the schema and table filter as $1 and $2 and calls
// scan per row.
func (in *inspection) each(ctx context.Context, what, query string, scan func(*sql.Rows) error) error {
	return in.eachArgs(ctx, what, query, []any{in.nsp, in.filter}, scan)
}

func (in *inspection) eachArgs(ctx context.Context, what, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := in.q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (in *inspection) loadTables(ctx context.Context) error {
	return in.each(ctx, "tables", `SELECT c.oid::int8, c.relname, d.description
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE `+tableFilter, func(rows *sql.Rows) error {
		var (
			oid     int64
			name    string
			comment sql.NullString
		)
		if err := rows.Scan(&oid, &name, &comment); err != nil {
			return err
		}
		t := &schema.Table{Schema: in.outSchema, Name: name}
		if comment.Valid {
			c := comment.String
			t.Comment = &c
		}
		in.tables[oid] = t
		return nil
	})
}

func (in *inspection) loadColumns(ctx context.Context) error {
	// Rare facts come compactly: the enum type (of the column or of its
	// array items) as two nullable columns, an identity's sequence options
	// as one line of text from a subquery run for identity columns only.
	return in.each(ctx, "columns", `SELECT a.attrelid::int8, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
  a.attnotnull, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), d.description, a.attidentity, a.attgenerated,
  en.nspname, e.typname,
  CASE WHEN a.attidentity <> '' THEN (
    SELECT concat_ws(' ', s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                     pg_catalog.format_type(s.seqtypid, NULL))
    FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
    WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.refclassid = 'pg_catalog.pg_class'::regclass
      AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
    LIMIT 1)
  END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type e ON e.typtype = 'e'
  AND e.oid = CASE WHEN ty.typtype = 'e' THEN ty.oid WHEN ty.typcategory = 'A' THEN ty.typelem END
LEFT JOIN pg_catalog.pg_namespace en ON en.oid = e.typnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
WHERE `+tableFilter+`
ORDER BY a.attrelid, a.attnum`, func(rows *sql.Rows) error {
		var (
			oid                                  int64
			attnum                               int
			name, format, identity, generated    string
			notNull                              bool
			def, comment, enumNsp, enumName, seq sql.NullString
		)
		if err := rows.Scan(&oid, &attnum, &name, &format, &notNull, &def, &comment, &identity, &generated,
			&enumNsp, &enumName, &seq); err != nil {
			return err
		}
		t := in.tables[oid]
		if t == nil {
			return nil
		}
		if in.attnames[oid] == nil {
			in.attnames[oid] = map[int]string{}
		}
		in.attnames[oid][attnum] = name
		// As SQLAlchemy reflects it: autoincrement only for serial and
		// identity columns, set false for every other.
		col := &schema.Column{Name: name, Nullable: !notNull, Autoincrement: "false", Type: parseType(format)}
		if enumName.Valid {
			col.Type = in.enumType(enumNsp.String, enumName.String)
			if strings.HasSuffix(format, "[]") {
				col.Type = &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: col.Type, Dimensions: 1}
			}
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
			opts, typ, err := parseSequence(seq.String)
			if err != nil {
				return fmt.Errorf("column %s.%s: %w", t.Name, name, err)
			}
			col.Identity = opts.identity(typ)
			col.Identity.Always = identity == "a"
			col.Autoincrement = "true"
		case def.Valid:
			col.ServerDefault = &schema.Expr{Kind: schema.ExprText, Text: def.String}
			if strings.HasPrefix(def.String, "nextval(") && isIntegerKind(col.Type.Kind) {
				col.Autoincrement = "true"
			}
		}
		t.Columns = append(t.Columns, col)
		return nil
	})
}

// enumType is the type of a column of enum type nsp.name; its labels come
// with loadEnums.
func (in *inspection) enumType(nsp, name string) *schema.Type {
	t := &schema.Type{Kind: "ENUM", Dialect: "postgresql", EnumName: name, NativeEnum: true}
	key := nsp + "." + name
	in.enumCols[key] = append(in.enumCols[key], t)
	return t
}

func isIntegerKind(kind string) bool {
	return kind == "INTEGER" || kind == "BIGINT" || kind == "SMALLINT"
}

// sequenceRow is an identity column's pg_sequence row (all NULL for other
// columns).
type sequenceRow struct {
	start, increment, min, max, cache sql.NullInt64
	cycle                             sql.NullBool
}

// parseSequence reads the sequence line of the columns query: start,
// increment, min, max, cache, cycle (t or f) and the type; "" (no sequence
// found) reads as all NULL.
func parseSequence(line string) (sequenceRow, string, error) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return sequenceRow{}, "", nil
	}
	if len(f) < 7 {
		return sequenceRow{}, "", fmt.Errorf("malformed sequence options %q", line)
	}
	var s sequenceRow
	for i, dst := range []*sql.NullInt64{&s.start, &s.increment, &s.min, &s.max, &s.cache} {
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil {
			return sequenceRow{}, "", fmt.Errorf("sequence options %q: %w", line, err)
		}
		*dst = sql.NullInt64{Int64: n, Valid: true}
	}
	s.cycle = sql.NullBool{Bool: f[5] == "t", Valid: true}
	return s, strings.Join(f[6:], " "), nil
}

// identity keeps the options that differ from PostgreSQL's own choice for
// a sequence of type typ given the other options (see InspectSchema).
func (s sequenceRow) identity(typ string) *schema.Identity {
	id := &schema.Identity{Cycle: s.cycle.Valid && s.cycle.Bool}
	if !s.increment.Valid {
		return id
	}
	typMin, typMax := int64(-2147483648), int64(2147483647)
	switch typ {
	case "smallint":
		typMin, typMax = -32768, 32767
	case "bigint":
		typMin, typMax = -9223372036854775808, 9223372036854775807
	}
	inc := s.increment.Int64
	defMin, defMax := int64(1), typMax
	if inc < 0 {
		defMin, defMax = typMin, -1
	}
	set := func(v sql.NullInt64, def int64) *int64 {
		if !v.Valid || v.Int64 == def {
			return nil
		}
		n := v.Int64
		return &n
	}
	id.Increment = set(s.increment, 1)
	id.MinValue = set(s.min, defMin)
	id.MaxValue = set(s.max, defMax)
	defStart := s.min.Int64
	if inc < 0 {
		defStart = s.max.Int64
	}
	id.Start = set(s.start, defStart)
	id.Cache = set(s.cache, 1)
	return id
}

var fkActions = map[string]string{"a": "", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

var fkMatch = map[string]string{"f": "FULL", "p": "PARTIAL"}

func (in *inspection) loadConstraints(ctx context.Context) error {
	// Column names come from attnames; only a foreign key to a table
	// outside the inspected set names its referenced columns in SQL.
	return in.each(ctx, "constraints", `SELECT con.conrelid::int8, con.conname, con.contype, con.conkey::text,
  COALESCE(fc.oid::int8, 0), COALESCE(fn.nspname, ''), COALESCE(fc.relname, ''), con.confkey::text,
  CASE WHEN con.contype = 'f' AND NOT (fn.nspname = $1 AND $2::text IS NULL) THEN
    ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[]
  END,
  con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred,
  CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid) ELSE '' END,
  CASE WHEN con.contype <> 'f' OR fn.nspname = $1 THEN true ELSE pg_catalog.pg_table_is_visible(fc.oid) END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c') AND `+tableFilter+`
ORDER BY con.conrelid, con.conname`, func(rows *sql.Rows) error {
		var (
			oid, refOid                                                int64
			name, kind, refSchema, refTable, upd, del, match, checkDef string
			key, refKey                                                sql.NullString
			refNames                                                   textArray
			deferrable, deferred, visible                              bool
		)
		if err := rows.Scan(&oid, &name, &kind, &key, &refOid, &refSchema, &refTable, &refKey, &refNames,
			&upd, &del, &match, &deferrable, &deferred, &checkDef, &visible); err != nil {
			return err
		}
		t := in.tables[oid]
		if t == nil {
			return nil
		}
		cols, err := in.columnNames(oid, key.String)
		if err != nil {
			return fmt.Errorf("constraint %s: %w", name, err)
		}
		refCols := []string(refNames)
		if kind == "f" && refNames == nil {
			if refCols, err = in.columnNames(refOid, refKey.String); err != nil {
				return fmt.Errorf("constraint %s: %w", name, err)
			}
		}
		switch kind {
		case "p":
			t.Constraints = append(t.Constraints, &schema.PrimaryKey{Name: name, Columns: cols})
		case "u":
			u := &schema.Unique{Name: name, Columns: cols}
			if deferrable {
				u.Deferrable = &deferrable
				if deferred {
					u.Initially = "DEFERRED"
				}
			}
			t.Constraints = append(t.Constraints, u)
		case "f":
			fk := &schema.ForeignKey{Name: name, Columns: cols, RefTable: refTable, RefColumns: refCols,
				OnUpdate: fkActions[upd], OnDelete: fkActions[del], Match: fkMatch[match]}
			switch {
			case in.explicit && refSchema == in.nsp:
				fk.RefSchema = refSchema
			case !visible:
				fk.RefSchema = refSchema
			}
			if deferrable {
				fk.Deferrable = &deferrable
				if deferred {
					fk.Initially = "DEFERRED"
				}
			}
			t.Constraints = append(t.Constraints, fk)
		case "c":
			t.Constraints = append(t.Constraints, &schema.Check{Name: name, SQL: checkBody(checkDef)})
		}
		return nil
	})
}

func (in *inspection) loadIndexes(ctx context.Context) error {
	return in.each(ctx, "indexes", `SELECT ix.indrelid::int8, ic.relname, ix.indisunique, ix.indnkeyatts, am.amname,
  COALESCE(pg_catalog.pg_get_expr(ix.indpred, ix.indrelid), ''), ix.indkey::text,
  CASE WHEN ix.indexprs IS NOT NULL THEN
    ARRAY(SELECT CASE WHEN k.n = 0 THEN pg_catalog.pg_get_indexdef(ix.indexrelid, k.i::int, true) ELSE '' END
          FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i) ORDER BY k.i)::text[]
  END,
  ix.indoption::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_index ix ON ix.indrelid = c.oid
JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE NOT ix.indisprimary AND `+tableFilter+`
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY ix.indrelid, ic.relname`, func(rows *sql.Rows) error {
		var (
			oid                           int64
			name, method, predicate, keys string
			unique                        bool
			nkey                          int
			opts                          string
			exprs                         textArray
		)
		if err := rows.Scan(&oid, &name, &unique, &nkey, &method, &predicate, &keys, &exprs, &opts); err != nil {
			return err
		}
		t := in.tables[oid]
		if t == nil {
			return nil
		}
		// Expression elements have attribute number 0, which names nothing.
		cols, err := in.columnNames(oid, keys)
		if err != nil {
			return fmt.Errorf("index %s: %w", name, err)
		}
		options, err := parseInts(opts)
		if err != nil {
			return fmt.Errorf("index %s: %w", name, err)
		}
		idx := &schema.Index{Name: name, Schema: t.Schema, Table: t.Name, Unique: unique}
		for i := 0; i < nkey && i < len(cols); i++ {
			el := schema.IndexElement{Column: cols[i]}
			if cols[i] == "" && i < len(exprs) {
				el = schema.IndexElement{Expr: exprs[i]}
			}
			// indoption bit 0 is DESC (bit 1, NULLS FIRST, has no model field).
			if i < len(options) && options[i]&1 == 1 {
				el.Desc = true
			}
			idx.Elements = append(idx.Elements, el)
		}
		var include []string
		if nkey < len(cols) {
			include = cols[nkey:]
		}
		idx.DialectOptions = indexOptions(method, predicate, include)
		t.Indexes = append(t.Indexes, idx)
		return nil
	})
}

// columnNames turns attribute numbers in text form (an int2[] "{1,3}" or
// an int2vector "1 3") into the names of table oid's columns; attribute
// number 0 (an index expression) gives "".
func (in *inspection) columnNames(oid int64, key string) ([]string, error) {
	nums, err := parseInts(key)
	if err != nil || nums == nil {
		return nil, err
	}
	names := in.attnames[oid]
	out := make([]string, len(nums))
	for i, n := range nums {
		if n == 0 {
			continue
		}
		name, ok := names[n]
		if !ok {
			return nil, fmt.Errorf("no column %d in table %d", n, oid)
		}
		out[i] = name
	}
	return out, nil
}

// parseInts reads an int2[] ("{1,3}") or int2vector ("1 3") in text form;
// "" is nil.
func parseInts(s string) ([]int, error) {
	fields := strings.FieldsFunc(strings.Trim(s, "{}"), func(r rune) bool { return r == ',' || r == ' ' })
	if len(fields) == 0 {
		return nil, nil
	}
	out := make([]int, len(fields))
	for i, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("integer list %q: %w", s, err)
		}
		out[i] = n
	}
	return out, nil
}

// indexOptions are an index's PostgreSQL options as op.create_index takes
// them, or nil when it has none.
func indexOptions(method, predicate string, include []string) map[string]string {
	options := map[string]string{}
	if method != "" && method != "btree" {
		options["postgresql_using"] = method
	}
	if predicate != "" {
		options["postgresql_where"] = predicate
	}
	if len(include) > 0 {
		options["postgresql_include"] = strings.Join(include, ", ")
	}
	if len(options) == 0 {
		return nil
	}
	return options
}

// loadEnums reads every enum type of the database (there are few): those
// of the inspected schema are listed, and every enum column gets its
// labels, wherever its type lives.
func (in *inspection) loadEnums(ctx context.Context) ([]*schema.Enum, error) {
	var out []*schema.Enum
	err := in.eachArgs(ctx, "enums", `SELECT n.nspname, t.typname,
  ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[]
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'`, nil, func(rows *sql.Rows) error {
		var (
			nsp, name string
			labels    textArray
		)
		if err := rows.Scan(&nsp, &name, &labels); err != nil {
			return err
		}
		for _, t := range in.enumCols[nsp+"."+name] {
			t.Values = append([]string(nil), labels...)
		}
		if nsp == in.nsp {
			out = append(out, &schema.Enum{Schema: in.outSchema, Name: name, Values: labels})
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// queryRow scans the first row of query into dest; no row is sql.ErrNoRows.
func queryRow(ctx context.Context, q dialect.Querier, query string, args []any, dest ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}
