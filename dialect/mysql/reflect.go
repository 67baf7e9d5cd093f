package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/schema"
)

// ErrNoTable is wrapped when Reflect finds no such table.
var ErrNoTable = errors.New("no such table")

// reflectTable reads one table through the same bulk queries as
// InspectSchema, filtered to that table, so that batch operations and
// autogenerate see one reflection. Unlike the normal form it also flags the
// primary key columns (Column.PrimaryKey), which the batch planner reads.
func reflectTable(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	if q == nil {
		return nil, errors.New("mysql: reflect needs a database connection")
	}
	tables, err := readSchema(ctx, q, schemaName, []string{table})
	if err != nil {
		return nil, fmt.Errorf("mysql: reflect %s: %w", table, err)
	}
	if len(tables) == 0 {
		return nil, fmt.Errorf("mysql: reflect %s: %w", table, ErrNoTable)
	}
	t := tables[0]
	for _, c := range t.Constraints {
		if pk, ok := c.(*schema.PrimaryKey); ok {
			for _, name := range pk.Columns {
				if col := t.Column(name); col != nil {
					col.PrimaryKey = true
				}
			}
		}
	}
	return t, nil
}

// server is what the first query learns about the connection.
type server struct {
	database string // the schema read (DATABASE() when none was named)
	mariadb  bool
	version  [3]int // major, minor, patch of VERSION()
}

// atLeast compares the server version with major.minor.patch.
func (s server) atLeast(major, minor, patch int) bool {
	want := [3]int{major, minor, patch}
	for i := range want {
		if s.version[i] != want[i] {
			return s.version[i] > want[i]
		}
	}
	return true
}

// hasCheckCatalog reports information_schema.CHECK_CONSTRAINTS, which
// MariaDB has since 10.2 and MySQL since 8.0.16.
func (s server) hasCheckCatalog() bool { return s.mariadb || s.atLeast(8, 0, 16) }

// hasIndexExpressions reports STATISTICS.EXPRESSION (MySQL 8.0.13
// functional key parts; MariaDB has none).
func (s server) hasIndexExpressions() bool { return !s.mariadb && s.atLeast(8, 0, 13) }

var versionNumbers = lazyre.New(`^(\d+)\.(\d+)\.(\d+)`)

func parseServer(database, version string) server {
	s := server{database: database, mariadb: strings.Contains(strings.ToLower(version), "mariadb")}
	if m := versionNumbers().FindStringSubmatch(version); m != nil {
		for i := range s.version {
			s.version[i], _ = strconv.Atoi(m[i+1])
		}
	}
	return s
}

// reader holds one bulk read of a schema: every catalog is queried once
// for the whole schema (or the few tables asked for), and the rows are
// dealt out to the tables by name.
type reader struct {
	q      dialect.Querier
	srv    server
	label  string   // the Schema the returned tables carry
	names  []string // the table filter; nil = all
	tables map[string]*schema.Table
	// collation is each table's default collation: a column states its
	// character set and collation only where it differs.
	collation map[string]string
}

// readSchema reads the base tables of a schema ("" = DATABASE()), or only
// those named in tables when it is non-nil, sorted by name, in the
// reflected normal form of dialect.Inspector.
func readSchema(ctx context.Context, q dialect.Querier, schemaName string, tables []string) ([]*schema.Table, error) {
	if tables != nil && len(tables) == 0 {
		return nil, nil
	}
	var (
		db      sql.NullString
		version string
	)
	if err := queryRows(ctx, q, "SELECT DATABASE(), VERSION()", nil, func(r *sql.Rows) error { return r.Scan(&db, &version) }); err != nil {
		return nil, fmt.Errorf("ask the database and server version: %w", err)
	}
	name := schemaName
	if name == "" {
		if !db.Valid {
			return nil, errors.New("no database selected (the URL names none) and no schema given")
		}
		name = db.String
	}
	r := &reader{q: q, srv: parseServer(name, version), label: schemaName, names: tables,
		tables: map[string]*schema.Table{}, collation: map[string]string{}}
	steps := []struct {
		what string
		run  func(context.Context) error
	}{
		{"tables", r.readTables},
		{"columns", r.readColumns},
		{"foreign keys", r.readForeignKeys},
		{"check constraints", r.readChecks},
		{"indexes", r.readIndexes},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return nil, fmt.Errorf("read %s: %w", s.what, err)
		}
		if len(r.tables) == 0 {
			return nil, nil
		}
	}
	out := make([]*schema.Table, 0, len(r.tables))
	for _, t := range r.tables {
		sortConstraints(t)
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// where is "<schemaCol> = ?" plus the table filter on tableCol, with its
// arguments. One table is an equality, which MariaDB turns into a lookup
// of that one table instead of a scan of the schema.
func (r *reader) where(schemaCol, tableCol string) (string, []any) {
	args := []any{r.srv.database}
	cond := schemaCol + " = ?"
	switch len(r.names) {
	case 0:
	case 1:
		cond += " AND " + tableCol + " = ?"
		args = append(args, r.names[0])
	default:
		cond += " AND " + tableCol + " IN (?" + strings.Repeat(", ?", len(r.names)-1) + ")"
		for _, n := range r.names {
			args = append(args, n)
		}
	}
	return cond, args
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

// readTables lists the base tables (MariaDB's system-versioned tables are
// base tables too; views and sequences are not) with engine, default
// collation and comment.
func (r *reader) readTables(ctx context.Context) error {
	cond, args := r.where("TABLE_SCHEMA", "TABLE_NAME")
	return queryRows(ctx, r.q, `SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT FROM information_schema.TABLES
WHERE `+cond+` AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')`, args, func(rows *sql.Rows) error {
		var (
			name                       string
			engine, collation, comment sql.NullString
		)
		if err := rows.Scan(&name, &engine, &collation, &comment); err != nil {
			return err
		}
		t := &schema.Table{Schema: r.label, Name: name}
		if comment.String != "" {
			c := comment.String
			t.Comment = &c
		}
		opts := map[string]string{}
		if engine.String != "" {
			opts["mysql_engine"] = engine.String
		}
		if collation.String != "" {
			opts["mysql_charset"] = collationCharset(collation.String)
			opts["mysql_collate"] = collation.String
			r.collation[name] = collation.String
		}
		if len(opts) > 0 {
			t.DialectOptions = opts
		}
		r.tables[name] = t
		return nil
	})
}

// collationCharset names a collation's character set: every collation's
// name starts with its character set's name and an underscore
// ("utf8mb4_general_ci", "latin1_swedish_ci"), and no character set name
// holds an underscore; "binary" is both.
func collationCharset(collation string) string {
	if i := strings.IndexByte(collation, '_'); i > 0 {
		return collation[:i]
	}
	return collation
}

var onUpdate = lazyre.New(`(?i)\bon update (\S+)`)

// readColumns reads every column of the schema in ordinal order.
func (r *reader) readColumns(ctx context.Context) error {
	cond, args := r.where("TABLE_SCHEMA", "TABLE_NAME")
	return queryRows(ctx, r.q, `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT,
  CHARACTER_SET_NAME, COLLATION_NAME, COALESCE(GENERATION_EXPRESSION, '')
FROM information_schema.COLUMNS WHERE `+cond+` ORDER BY TABLE_NAME, ORDINAL_POSITION`, args, func(rows *sql.Rows) error {
		var (
			table, name, colType, nullable, extra, comment, generated string
			def, charset, collation                                   sql.NullString
		)
		if err := rows.Scan(&table, &name, &colType, &nullable, &def, &extra, &comment, &charset, &collation, &generated); err != nil {
			return err
		}
		t := r.tables[table]
		if t == nil {
			return nil // a view's column
		}
		col := &schema.Column{Name: name, Nullable: nullable == "YES", Autoincrement: "auto", Type: parseType(colType)}
		if collation.Valid && collation.String != r.collation[table] {
			// As SHOW CREATE TABLE (and so SQLAlchemy) does: both, once
			// the collation is not the table's.
			col.Type.Charset, col.Type.Collation = charset.String, collation.String
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
			col.ServerDefault = &schema.Expr{Kind: schema.ExprText, Text: r.defaultText(def.String, lowerExtra)}
		}
		switch {
		case strings.Contains(lowerExtra, "auto_increment"):
			col.Autoincrement = "true"
		case ddl.IsIntegerKind(col.Type):
			// SQLAlchemy reflects autoincrement=False for every other
			// integer column, so that recreating the table (batch) does
			// not make a plain integer key AUTO_INCREMENT.
			col.Autoincrement = "false"
		}
		if m := onUpdate().FindStringSubmatch(extra); m != nil {
			col.DialectOptions = map[string]string{"mysql_on_update": m[1]}
		}
		t.Columns = append(t.Columns, col)
		return nil
	})
}

var currentTimestamp = lazyre.New(`(?i)^current_timestamp(\(\d*\))?$`)

// defaultText is COLUMN_DEFAULT in the spelling SHOW CREATE TABLE uses.
// MariaDB (10.2.7+) already quotes literals there and spells NULL apart
// from 'NULL'. MySQL reports a literal bare ("anon", "0"), which is quoted
// here as MySQL's SHOW CREATE TABLE quotes it; its expression defaults
// (EXTRA DEFAULT_GENERATED, 8.0.13+) other than CURRENT_TIMESTAMP are
// parenthesised, as MySQL requires them to be written.
func (r *reader) defaultText(def, lowerExtra string) string {
	if r.srv.mariadb {
		return def
	}
	switch {
	case currentTimestamp().MatchString(def):
		return def
	case strings.Contains(lowerExtra, "default_generated"):
		return "(" + def + ")"
	case strings.HasPrefix(def, "b'"), strings.HasPrefix(def, "0x"):
		return def
	}
	return literals.String(def)
}

// readForeignKeys reads the referencing columns and the referential actions.
func (r *reader) readForeignKeys(ctx context.Context) error {
	type fkKey struct{ table, name string }
	fks := map[fkKey]*schema.ForeignKey{}
	cond, args := r.where("TABLE_SCHEMA", "TABLE_NAME")
	err := queryRows(ctx, r.q, `SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE WHERE `+cond+` AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`, args, func(rows *sql.Rows) error {
		var table, name, column, refSchema, refTable, refColumn string
		if err := rows.Scan(&table, &name, &column, &refSchema, &refTable, &refColumn); err != nil {
			return err
		}
		t := r.tables[table]
		if t == nil {
			return nil
		}
		k := fkKey{table, name}
		fk := fks[k]
		if fk == nil {
			fk = &schema.ForeignKey{Name: name, RefTable: refTable}
			if refSchema != r.srv.database {
				fk.RefSchema = refSchema
			}
			fks[k] = fk
			t.Constraints = append(t.Constraints, fk)
		}
		fk.Columns = append(fk.Columns, column)
		fk.RefColumns = append(fk.RefColumns, refColumn)
		return nil
	})
	if err != nil || len(fks) == 0 {
		return err
	}
	cond, args = r.where("CONSTRAINT_SCHEMA", "TABLE_NAME")
	return queryRows(ctx, r.q, `SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE
FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE `+cond, args, func(rows *sql.Rows) error {
		var table, name, upd, del string
		if err := rows.Scan(&table, &name, &upd, &del); err != nil {
			return err
		}
		if fk := fks[fkKey{table, name}]; fk != nil {
			fk.OnUpdate, fk.OnDelete = ruleName(upd), ruleName(del)
		}
		return nil
	})
}

// ruleName drops RESTRICT and NO ACTION: SHOW CREATE TABLE omits RESTRICT
// (the default) and SQLAlchemy discards NO ACTION, so neither is reflected.
func ruleName(rule string) string {
	switch strings.ToUpper(rule) {
	case "", "RESTRICT", "NO ACTION":
		return ""
	}
	return strings.ToUpper(rule)
}

// readChecks reads CHECK constraints. MariaDB's CHECK_CONSTRAINTS names
// the table (a column-level check is named after its column, so names
// repeat across tables); MySQL's does not, and its check names are unique
// per schema, so it is joined with TABLE_CONSTRAINTS by name. MariaDB
// implements a JSON column as LONGTEXT with the column check
// json_valid(`col`): that check is not reported, and the column's type
// becomes JSON.
func (r *reader) readChecks(ctx context.Context) error {
	if !r.srv.hasCheckCatalog() {
		return nil
	}
	cond, args := r.where("CONSTRAINT_SCHEMA", "TABLE_NAME")
	query := `SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE ` + cond
	if !r.srv.mariadb {
		cond, args = r.where("tc.TABLE_SCHEMA", "tc.TABLE_NAME")
		query = `SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE ` + cond + ` AND cc.CONSTRAINT_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'`
		args = append(args, r.srv.database)
	}
	return queryRows(ctx, r.q, query, args, func(rows *sql.Rows) error {
		var table, name, clause string
		if err := rows.Scan(&table, &name, &clause); err != nil {
			return err
		}
		t := r.tables[table]
		if t == nil {
			return nil
		}
		if col := t.Column(name); col != nil && r.srv.mariadb && clause == "json_valid("+r.quoteName(name)+")" {
			col.Type = &schema.Type{Kind: "JSON", Dialect: "mysql"}
			return nil
		}
		t.Constraints = append(t.Constraints, &schema.Check{Name: name, SQL: clause})
		return nil
	})
}

// quoteName backquotes an identifier as the server does in expressions.
func (*reader) quoteName(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// indexKey collects one index's rows of STATISTICS.
type indexKey struct {
	name      string
	unique    bool
	kind      string
	elements  []schema.IndexElement
	lengths   []string
	plainKeys bool // no prefix length, descending part or expression
}

// readIndexes reads STATISTICS: PRIMARY becomes the primary key, a unique
// key a Unique constraint, the rest Indexes. A unique key with a prefix
// length, a descending part or an expression part stays an Index with
// Unique set, since a Unique constraint cannot say so.
func (r *reader) readIndexes(ctx context.Context) error {
	cond, args := r.where("TABLE_SCHEMA", "TABLE_NAME")
	expr := "NULL"
	if r.srv.hasIndexExpressions() {
		expr = "EXPRESSION"
	}
	byTable := map[string][]*indexKey{}
	err := queryRows(ctx, r.q, `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION, `+expr+`
FROM information_schema.STATISTICS WHERE `+cond+` ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, args, func(rows *sql.Rows) error {
		var (
			table, name, kind          string
			nonUnique                  int
			column, collation, express sql.NullString
			subPart                    sql.NullInt64
		)
		if err := rows.Scan(&table, &name, &nonUnique, &column, &subPart, &kind, &collation, &express); err != nil {
			return err
		}
		if r.tables[table] == nil {
			return nil
		}
		list := byTable[table]
		if len(list) == 0 || list[len(list)-1].name != name {
			list = append(list, &indexKey{name: name, unique: nonUnique == 0, kind: kind, plainKeys: true})
			byTable[table] = list
		}
		ix := list[len(list)-1]
		el := schema.IndexElement{Column: column.String, Desc: collation.String == "D"}
		if !column.Valid && express.Valid {
			el.Expr = express.String
		}
		// A SPATIAL key reports SUB_PART 32 (the whole geometry), which no
		// DDL can state.
		if kind == "SPATIAL" {
			subPart.Valid = false
		}
		if subPart.Valid {
			ix.lengths = append(ix.lengths, column.String+":"+strconv.FormatInt(subPart.Int64, 10))
		}
		if subPart.Valid || el.Desc || el.Expr != "" {
			ix.plainKeys = false
		}
		ix.elements = append(ix.elements, el)
		return nil
	})
	if err != nil {
		return err
	}
	for table, list := range byTable {
		t := r.tables[table]
		for _, k := range list {
			switch {
			case k.name == "PRIMARY":
				// MySQL keeps no name of its own for the primary key (it is
				// always PRIMARY); SQLAlchemy reflects none either.
				pk := &schema.PrimaryKey{}
				for _, el := range k.elements {
					pk.Columns = append(pk.Columns, el.Column)
				}
				t.Constraints = append(t.Constraints, pk)
			case k.unique && k.plainKeys:
				u := &schema.Unique{Name: k.name}
				for _, el := range k.elements {
					u.Columns = append(u.Columns, el.Column)
				}
				t.Constraints = append(t.Constraints, u)
			default:
				ix := &schema.Index{Name: k.name, Schema: r.label, Table: table, Unique: k.unique, Elements: k.elements}
				opts := map[string]string{}
				if k.kind == "FULLTEXT" || k.kind == "SPATIAL" {
					opts["mysql_prefix"] = k.kind
				}
				if len(k.lengths) > 0 {
					opts["mysql_length"] = strings.Join(k.lengths, ", ")
				}
				if len(opts) > 0 {
					ix.DialectOptions = opts
				}
				t.Indexes = append(t.Indexes, ix)
			}
		}
	}
	return nil
}

// sortConstraints puts a table's constraints in a stable order: the
// primary key, then foreign keys, unique and check constraints, each by
// name; and the indexes by name.
func sortConstraints(t *schema.Table) {
	rank := func(c schema.Constraint) int {
		switch c.(type) {
		case *schema.PrimaryKey:
			return 0
		case *schema.ForeignKey:
			return 1
		case *schema.Unique:
			return 2
		}
		return 3
	}
	sort.SliceStable(t.Constraints, func(i, j int) bool {
		a, b := t.Constraints[i], t.Constraints[j]
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a.ConstraintName() < b.ConstraintName()
	})
	sort.SliceStable(t.Indexes, func(i, j int) bool { return t.Indexes[i].Name < t.Indexes[j].Name })
}

var columnType = lazyre.New(`^(\w+)(?:\((.*)\))?((?: \w+)*)$`)

// parseType maps information_schema COLUMN_TYPE ("int(11) unsigned",
// "varchar(50)", "enum('a','b')", "decimal(10,2)") to the schema model.
func parseType(s string) *schema.Type {
	m := columnType().FindStringSubmatch(strings.TrimSpace(s))
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
