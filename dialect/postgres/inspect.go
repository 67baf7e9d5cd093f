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
//     Autoincrement "true" and keeps the default text; an identity column
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
		tables: map[int64]*schema.Table{}, enumCols: map[string][]*schema.Type{}}
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
	return in.each(ctx, "columns", `SELECT a.attrelid::int8, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
  a.attnotnull, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), d.description, a.attidentity, a.attgenerated,
  ty.typtype, ty.typname, tn.nspname, el.typtype, el.typname, en.nspname,
  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, pg_catalog.format_type(s.seqtypid, NULL)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace
LEFT JOIN pg_catalog.pg_type el ON el.oid = ty.typelem AND ty.typcategory = 'A'
LEFT JOIN pg_catalog.pg_namespace en ON en.oid = el.typnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
LEFT JOIN pg_catalog.pg_depend dep
  ON a.attidentity <> '' AND dep.classid = 'pg_catalog.pg_class'::regclass
  AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjid = c.oid
  AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
WHERE `+tableFilter+`
ORDER BY a.attrelid, a.attnum`, func(rows *sql.Rows) error {
		var (
			oid                                                 int64
			name, format, identity, generated, typtype, typname string
			typNsp                                              string
			notNull                                             bool
			def, comment, elType, elName, elNsp, seqType        sql.NullString
			seq                                                 sequenceRow
		)
		if err := rows.Scan(&oid, &name, &format, &notNull, &def, &comment, &identity, &generated,
			&typtype, &typname, &typNsp, &elType, &elName, &elNsp,
			&seq.start, &seq.increment, &seq.min, &seq.max, &seq.cache, &seq.cycle, &seqType); err != nil {
			return err
		}
		t := in.tables[oid]
		if t == nil {
			return nil
		}
		col := &schema.Column{Name: name, Nullable: !notNull, Autoincrement: "auto", Type: parseType(format)}
		switch {
		case typtype == "e":
			col.Type = in.enumType(typNsp, typname)
		case elType.Valid && elType.String == "e":
			col.Type = &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: in.enumType(elNsp.String, elName.String), Dimensions: 1}
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
			col.Identity = seq.identity(seqType.String)
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
	return in.each(ctx, "constraints", `SELECT con.conrelid::int8, con.conname, con.contype,
  ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[],
  COALESCE(fn.nspname, ''), COALESCE(fc.relname, ''),
  ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[],
  con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred,
  CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid) ELSE '' END,
  COALESCE(pg_catalog.pg_table_is_visible(fc.oid), false)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c') AND `+tableFilter+`
ORDER BY con.conrelid, con.conname`, func(rows *sql.Rows) error {
		var (
			oid                                                        int64
			name, kind, refSchema, refTable, upd, del, match, checkDef string
			cols, refCols                                              textArray
			deferrable, deferred, visible                              bool
		)
		if err := rows.Scan(&oid, &name, &kind, &cols, &refSchema, &refTable, &refCols,
			&upd, &del, &match, &deferrable, &deferred, &checkDef, &visible); err != nil {
			return err
		}
		t := in.tables[oid]
		if t == nil {
			return nil
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
  COALESCE(pg_catalog.pg_get_expr(ix.indpred, ix.indrelid), ''),
  ARRAY(SELECT COALESCE(a.attname, '') FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i)
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.i)::text[],
  ARRAY(SELECT CASE WHEN k.n = 0 THEN pg_catalog.pg_get_indexdef(ix.indexrelid, k.i::int, true) ELSE '' END
        FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i) ORDER BY k.i)::text[],
  ARRAY(SELECT unnest(ix.indoption::int2[]))::text[]
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
			oid                     int64
			name, method, predicate string
			unique                  bool
			nkey                    int
			cols, exprs, opts       textArray
		)
		if err := rows.Scan(&oid, &name, &unique, &nkey, &method, &predicate, &cols, &exprs, &opts); err != nil {
			return err
		}
		t := in.tables[oid]
		if t == nil {
			return nil
		}
		idx := &schema.Index{Name: name, Schema: t.Schema, Table: t.Name, Unique: unique}
		for i := 0; i < nkey && i < len(cols); i++ {
			el := schema.IndexElement{Column: cols[i]}
			if cols[i] == "" && i < len(exprs) {
				el = schema.IndexElement{Expr: exprs[i]}
			}
			if i < len(opts) {
				// indoption bit 0 is DESC (bit 1, NULLS FIRST, has no model field).
				if n, err := strconv.Atoi(opts[i]); err == nil && n&1 == 1 {
					el.Desc = true
				}
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
