package mysql

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/schema"
)

// TestTypeSQL checks that types render as SQLAlchemy 1.4 compiles them for
// MySQL (the expected texts were recorded from
// type.compile(dialect=mysql.dialect())), with no server behind.
func TestTypeSQL(t *testing.T) {
	tests := []struct {
		in   *schema.Type
		want string
	}{
		{&schema.Type{Kind: "String", Length: 50}, "VARCHAR(50)"},
		{&schema.Type{Kind: "Unicode", Length: 30}, "VARCHAR(30)"},
		{&schema.Type{Kind: "Integer"}, "INTEGER"},
		{&schema.Type{Kind: "BigInteger"}, "BIGINT"},
		{&schema.Type{Kind: "Numeric", Precision: ip(10), Scale: ip(2)}, "NUMERIC(10, 2)"},
		{&schema.Type{Kind: "DateTime"}, "DATETIME"},
		{&schema.Type{Kind: "Boolean"}, "BOOL"},
		{&schema.Type{Kind: "Text"}, "TEXT"},
		{&schema.Type{Kind: "JSON"}, "JSON"},
		{&schema.Type{Kind: "LargeBinary"}, "BLOB"},
		{&schema.Type{Kind: "Float"}, "FLOAT"},
		{&schema.Type{Kind: "Enum", Values: []string{"a", "b"}, EnumName: "e", NativeEnum: true}, "ENUM('a','b')"},
		{&schema.Type{Kind: "INTEGER", Dialect: "mysql", Unsigned: true}, "INTEGER UNSIGNED"},
		{&schema.Type{Kind: "VARCHAR", Dialect: "mysql", Length: 20, Charset: "latin1", Collation: "latin1_bin"}, "VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_bin"},
		{&schema.Type{Kind: "String", Length: 10, Collation: "utf8mb4_bin"}, "VARCHAR(10) COLLATE utf8mb4_bin"},
		{&schema.Type{Kind: "DATETIME", Dialect: "mysql", Precision: ip(6)}, "DATETIME(6)"},
	}
	for _, d := range []*MySQL{newMySQL(false), newMySQL(true)} {
		for _, tt := range tests {
			got, err := d.TypeSQL(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("%s TypeSQL(%+v) = %q, %v; want %q", d.ImplName(), *tt.in, got, err, tt.want)
			}
		}
	}
	if _, err := newMySQL(false).TypeSQL(&schema.Type{Kind: "String"}); err == nil {
		t.Errorf("String without a length rendered; SQLAlchemy refuses VARCHAR without length on MySQL")
	}
	// A with_variant alternative is chosen by the dialect's name.
	v := &schema.Type{Kind: "String", Length: 10, Variants: map[string]*schema.Type{"mariadb": {Kind: "Text"}}}
	if got, _ := newMySQL(true).TypeSQL(v); got != "TEXT" {
		t.Errorf("MariaDB TypeSQL of a mariadb variant = %q, want TEXT", got)
	}
	if got, _ := newMySQL(false).TypeSQL(v); got != "VARCHAR(10)" {
		t.Errorf("MySQL TypeSQL of a mariadb variant = %q, want VARCHAR(10)", got)
	}
}

// TestDefaultSQL checks server defaults against what SQLAlchemy 1.4 puts
// after DEFAULT in a MySQL CREATE TABLE.
func TestDefaultSQL(t *testing.T) {
	tests := []struct {
		in   *schema.Expr
		want string
	}{
		{&schema.Expr{Kind: schema.ExprLiteral, Value: "anon"}, "'anon'"},
		{&schema.Expr{Kind: schema.ExprLiteral, Value: `it's\x`}, `'it''s\\x'`},
		{&schema.Expr{Kind: schema.ExprFunc, Text: "now"}, "now()"},
		{&schema.Expr{Kind: schema.ExprText, Text: "0"}, "0"},
		{&schema.Expr{Kind: schema.ExprText, Text: "current_timestamp()"}, "current_timestamp()"},
	}
	d := newMySQL(false)
	for _, tt := range tests {
		if got, err := d.DefaultSQL(tt.in); err != nil || got != tt.want {
			t.Errorf("DefaultSQL(%+v) = %q, %v; want %q", *tt.in, got, err, tt.want)
		}
	}
	if _, err := d.DefaultSQL(nil); err == nil {
		t.Errorf("DefaultSQL(nil) gave no error")
	}
}

// featureDDL builds, in the test database, a table for every feature the
// inspector reports, plus a view that it must leave out.
var featureDDL = []string{
	"CREATE TABLE parent (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, code VARCHAR(10) NOT NULL, UNIQUE KEY uq_parent_code (code)) " +
		"ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='the parents'",
	"CREATE TABLE pair (a INT NOT NULL, b VARCHAR(5) NOT NULL, PRIMARY KEY (a, b)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
	"CREATE TABLE plain (k INT NOT NULL PRIMARY KEY, v TEXT) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_bin",
	`CREATE TABLE child (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(50) NOT NULL DEFAULT 'anon',
  nick VARCHAR(20) CHARACTER SET latin1 NULL,
  bin VARCHAR(20) COLLATE utf8mb4_bin NULL DEFAULT NULL,
  note VARCHAR(10) NULL DEFAULT 'NULL',
  mood ENUM('happy','it''s') NULL,
  price DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  created DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  doc JSON NULL,
  total INT GENERATED ALWAYS AS (price * 2) VIRTUAL,
  total2 INT AS (price * 3) STORED,
  body TEXT NULL COMMENT 'the body',
  pt POINT NOT NULL,
  parent_id INT NULL,
  parent_code VARCHAR(10) NULL,
  other_parent INT NULL,
  pa INT NULL,
  pb VARCHAR(5) NULL,
  a INT NULL CHECK (a > 0),
  PRIMARY KEY (id),
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE,
  CONSTRAINT fk_child_code FOREIGN KEY (parent_code) REFERENCES parent (code) ON UPDATE SET NULL ON DELETE RESTRICT,
  FOREIGN KEY (other_parent) REFERENCES parent (id) ON DELETE NO ACTION,
  CONSTRAINT fk_child_pair FOREIGN KEY (pa, pb) REFERENCES pair (a, b) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT ck_price CHECK (price >= 0),
  UNIQUE KEY uq_name_nick (name, nick),
  UNIQUE KEY uq_nick_prefix (nick(5)),
  KEY ix_body (body(20), name DESC),
  KEY ix_child_pair (pa, pb),
  FULLTEXT KEY ft_body (body),
  SPATIAL KEY sp_pt (pt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='kids'`,
	"CREATE VIEW v AS SELECT id, code FROM parent",
}

// mt is a type as information_schema reports it for the mysql dialect.
func mt(kind string, length int) *schema.Type {
	return &schema.Type{Kind: kind, Dialect: "mysql", Length: length}
}

// rc is a reflected column; autoinc is "true", "false" or "auto".
func rc(name string, typ *schema.Type, nullable bool, autoinc string) *schema.Column {
	return &schema.Column{Name: name, Type: typ, Nullable: nullable, Autoincrement: autoinc}
}

func withDefault(c *schema.Column, text string) *schema.Column {
	c.ServerDefault = &schema.Expr{Kind: schema.ExprText, Text: text}
	return c
}

func innodb(charset, collate string) map[string]string {
	return map[string]string{"mysql_engine": "InnoDB", "mysql_charset": charset, "mysql_collate": collate}
}

// featureTables is the hand-written expectation for featureDDL in a schema
// labelled schemaName, from what SHOW CREATE TABLE shows and SQLAlchemy
// 1.4 reflects for it on MariaDB 10.11.
func featureTables(schemaName string) []*schema.Table {
	nick := rc("nick", mt("VARCHAR", 20), true, "auto")
	nick.Type.Charset, nick.Type.Collation = "latin1", "latin1_swedish_ci"
	bin := rc("bin", mt("VARCHAR", 20), true, "auto")
	bin.Type.Charset, bin.Type.Collation = "utf8mb4", "utf8mb4_bin"
	updated := withDefault(rc("updated", mt("TIMESTAMP", 0), false, "auto"), "current_timestamp()")
	updated.DialectOptions = map[string]string{"mysql_on_update": "current_timestamp()"}
	total := rc("total", mt("INTEGER", 11), true, "false")
	total.Computed = &schema.Computed{SQL: "`price` * 2", Persisted: bp(false)}
	total2 := rc("total2", mt("INTEGER", 11), true, "false")
	total2.Computed = &schema.Computed{SQL: "`price` * 3", Persisted: bp(true)}
	body := rc("body", mt("TEXT", 0), true, "auto")
	body.Comment = sp("the body")
	created := withDefault(rc("created", mt("DATETIME", 0), true, "auto"), "current_timestamp(6)")
	created.Type.Precision = ip(6)
	price := withDefault(rc("price", mt("DECIMAL", 0), false, "auto"), "0.00")
	price.Type.Precision, price.Type.Scale = ip(10), ip(2)
	id := rc("id", mt("BIGINT", 20), false, "true")
	id.Type.Unsigned = true
	ix := func(name string, unique bool, opts map[string]string, els ...schema.IndexElement) *schema.Index {
		return &schema.Index{Name: name, Schema: schemaName, Table: "child", Unique: unique, Elements: els, DialectOptions: opts}
	}
	child := &schema.Table{Schema: schemaName, Name: "child", Comment: sp("kids"),
		DialectOptions: innodb("utf8mb4", "utf8mb4_general_ci"),
		Columns: []*schema.Column{
			id,
			withDefault(rc("name", mt("VARCHAR", 50), false, "auto"), "'anon'"),
			nick,
			bin,
			withDefault(rc("note", mt("VARCHAR", 10), true, "auto"), "'NULL'"),
			rc("mood", &schema.Type{Kind: "ENUM", Dialect: "mysql", Values: []string{"happy", "it's"}, NativeEnum: true}, true, "auto"),
			price,
			created,
			updated,
			rc("doc", &schema.Type{Kind: "JSON", Dialect: "mysql"}, true, "auto"),
			total,
			total2,
			body,
			rc("pt", mt("POINT", 0), false, "auto"),
			rc("parent_id", mt("INTEGER", 11), true, "false"),
			rc("parent_code", mt("VARCHAR", 10), true, "auto"),
			rc("other_parent", mt("INTEGER", 11), true, "false"),
			rc("pa", mt("INTEGER", 11), true, "false"),
			rc("pb", mt("VARCHAR", 5), true, "auto"),
			rc("a", mt("INTEGER", 11), true, "false"),
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Columns: []string{"id"}},
			// The unnamed foreign key gets InnoDB's name.
			&schema.ForeignKey{Name: "child_ibfk_1", Columns: []string{"other_parent"}, RefTable: "parent", RefColumns: []string{"id"}},
			&schema.ForeignKey{Name: "fk_child_code", Columns: []string{"parent_code"}, RefTable: "parent", RefColumns: []string{"code"}, OnUpdate: "SET NULL"},
			&schema.ForeignKey{Name: "fk_child_pair", Columns: []string{"pa", "pb"}, RefTable: "pair", RefColumns: []string{"a", "b"}, OnDelete: "SET NULL", OnUpdate: "CASCADE"},
			&schema.ForeignKey{Name: "fk_child_parent", Columns: []string{"parent_id"}, RefTable: "parent", RefColumns: []string{"id"}, OnDelete: "CASCADE"},
			&schema.Unique{Name: "uq_name_nick", Columns: []string{"name", "nick"}},
			// MariaDB names a column-level check after its column.
			&schema.Check{Name: "a", SQL: "`a` > 0"},
			&schema.Check{Name: "ck_price", SQL: "`price` >= 0"},
		},
		Indexes: []*schema.Index{
			// InnoDB's own indexes for the foreign keys no index covers:
			// named after the constraint, or after the column when unnamed.
			ix("fk_child_code", false, nil, schema.IndexElement{Column: "parent_code"}),
			ix("fk_child_parent", false, nil, schema.IndexElement{Column: "parent_id"}),
			ix("ft_body", false, map[string]string{"mysql_prefix": "FULLTEXT"}, schema.IndexElement{Column: "body"}),
			ix("ix_body", false, map[string]string{"mysql_length": "body:20"}, schema.IndexElement{Column: "body"}, schema.IndexElement{Column: "name", Desc: true}),
			ix("ix_child_pair", false, nil, schema.IndexElement{Column: "pa"}, schema.IndexElement{Column: "pb"}),
			ix("other_parent", false, nil, schema.IndexElement{Column: "other_parent"}),
			ix("sp_pt", false, map[string]string{"mysql_prefix": "SPATIAL"}, schema.IndexElement{Column: "pt"}),
			// A unique prefix key can only be an index.
			ix("uq_nick_prefix", true, map[string]string{"mysql_length": "nick:5"}, schema.IndexElement{Column: "nick"}),
		},
	}
	pair := &schema.Table{Schema: schemaName, Name: "pair", DialectOptions: innodb("utf8mb4", "utf8mb4_general_ci"),
		Columns:     []*schema.Column{rc("a", mt("INTEGER", 11), false, "false"), rc("b", mt("VARCHAR", 5), false, "auto")},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"a", "b"}}},
	}
	parent := &schema.Table{Schema: schemaName, Name: "parent", Comment: sp("the parents"), DialectOptions: innodb("utf8mb4", "utf8mb4_general_ci"),
		Columns:     []*schema.Column{rc("id", mt("INTEGER", 11), false, "true"), rc("code", mt("VARCHAR", 10), false, "auto")},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"id"}}, &schema.Unique{Name: "uq_parent_code", Columns: []string{"code"}}},
	}
	plain := &schema.Table{Schema: schemaName, Name: "plain",
		DialectOptions: map[string]string{"mysql_engine": "MyISAM", "mysql_charset": "latin1", "mysql_collate": "latin1_bin"},
		// v has the table's collation, so it states none.
		Columns:     []*schema.Column{rc("k", mt("INTEGER", 11), false, "false"), rc("v", mt("TEXT", 0), true, "auto")},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"k"}}},
	}
	return []*schema.Table{child, pair, parent, plain}
}

func exec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("exec %s: %v", s, err)
		}
	}
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}

// compareTables reports every field that differs, table by table, column
// by column, constraint by constraint and index by index.
func compareTables(t *testing.T, got, want []*schema.Table) {
	t.Helper()
	var gotNames, wantNames []string
	for _, tb := range got {
		gotNames = append(gotNames, tb.Name)
	}
	for _, tb := range want {
		wantNames = append(wantNames, tb.Name)
	}
	if !slices.Equal(gotNames, wantNames) {
		t.Fatalf("tables = %v, want %v", gotNames, wantNames)
	}
	for i, w := range want {
		g := got[i]
		if g.Schema != w.Schema {
			t.Errorf("%s: Schema = %q, want %q", w.Name, g.Schema, w.Schema)
		}
		if !reflect.DeepEqual(g.Comment, w.Comment) {
			t.Errorf("%s: Comment = %s, want %s", w.Name, js(g.Comment), js(w.Comment))
		}
		if !reflect.DeepEqual(g.DialectOptions, w.DialectOptions) {
			t.Errorf("%s: DialectOptions = %v, want %v", w.Name, g.DialectOptions, w.DialectOptions)
		}
		if len(g.Columns) != len(w.Columns) {
			t.Errorf("%s: %d columns, want %d", w.Name, len(g.Columns), len(w.Columns))
		}
		for j := 0; j < len(g.Columns) && j < len(w.Columns); j++ {
			if !reflect.DeepEqual(g.Columns[j], w.Columns[j]) {
				t.Errorf("%s column %d:\n got %s\nwant %s", w.Name, j, js(g.Columns[j]), js(w.Columns[j]))
			}
		}
		if len(g.Constraints) != len(w.Constraints) {
			t.Errorf("%s: constraints\n got %s\nwant %s", w.Name, js(g.Constraints), js(w.Constraints))
		} else {
			for j := range w.Constraints {
				if !reflect.DeepEqual(g.Constraints[j], w.Constraints[j]) {
					t.Errorf("%s constraint %d:\n got %T %s\nwant %T %s", w.Name, j, g.Constraints[j], js(g.Constraints[j]), w.Constraints[j], js(w.Constraints[j]))
				}
			}
		}
		if len(g.Indexes) != len(w.Indexes) {
			t.Errorf("%s: indexes\n got %s\nwant %s", w.Name, js(g.Indexes), js(w.Indexes))
		} else {
			for j := range w.Indexes {
				if !reflect.DeepEqual(g.Indexes[j], w.Indexes[j]) {
					t.Errorf("%s index %d:\n got %s\nwant %s", w.Name, j, js(g.Indexes[j]), js(w.Indexes[j]))
				}
			}
		}
	}
}

// countingQuerier counts the round trips the inspector makes.
type countingQuerier struct {
	dialect.Querier
	queries int
}

func (c *countingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.queries++
	return c.Querier.QueryContext(ctx, query, args...)
}

func dbName(t testing.TB, rawURL string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

func TestInspectSchemaLive(t *testing.T) {
	db, _ := dbtest.MySQL(t)
	exec(t, db, featureDDL...)
	ctx := context.Background()
	for _, d := range []*MySQL{newMySQL(true), newMySQL(false)} {
		q := &countingQuerier{Querier: db}
		md, err := d.InspectSchema(ctx, q, dialect.InspectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if md.Schema != "" {
			t.Errorf("MetaData.Schema = %q, want \"\"", md.Schema)
		}
		compareTables(t, md.Tables, featureTables(""))
		// One query per catalog, not per table: the server version and
		// database, TABLES, COLUMNS, KEY_COLUMN_USAGE,
		// REFERENTIAL_CONSTRAINTS, CHECK_CONSTRAINTS, STATISTICS.
		if q.queries != 7 {
			t.Errorf("%s: InspectSchema made %d queries, want 7", d.ImplName(), q.queries)
		}
	}
}

func TestInspectSchemaFilter(t *testing.T) {
	db, _ := dbtest.MySQL(t)
	exec(t, db, featureDDL...)
	ctx := context.Background()
	d := newMySQL(true)
	md, err := d.InspectSchema(ctx, db, dialect.InspectOptions{Tables: []string{"plain", "parent", "v", "missing"}})
	if err != nil {
		t.Fatal(err)
	}
	all := featureTables("")
	compareTables(t, md.Tables, []*schema.Table{all[2], all[3]})
	md, err = d.InspectSchema(ctx, db, dialect.InspectOptions{Tables: []string{}})
	if err != nil || len(md.Tables) != 0 {
		t.Errorf("an empty table list read %d tables, %v; want none", len(md.Tables), err)
	}
	// Reflect reads one table the same way, and flags its key columns.
	got, err := d.Reflect(ctx, db, "", "child")
	if err != nil {
		t.Fatal(err)
	}
	want := all[0]
	want.Column("id").PrimaryKey = true
	compareTables(t, []*schema.Table{got}, []*schema.Table{want})
	if _, err := d.Reflect(ctx, db, "", "v"); err == nil || !strings.Contains(err.Error(), ErrNoTable.Error()) {
		t.Errorf("Reflect of a view = %v, want %v", err, ErrNoTable)
	}
}

func TestInspectOtherSchema(t *testing.T) {
	db, _ := dbtest.MySQL(t)
	_, otherURL := dbtest.MySQL(t)
	ctx := context.Background()
	var self string
	if err := db.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&self); err != nil {
		t.Fatal(err)
	}
	name := dbName(t, otherURL)
	exec(t, db, featureDDL...)
	exec(t, db,
		"CREATE TABLE `"+name+"`.local (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci",
		"CREATE TABLE `"+name+"`.ext (id INT NOT NULL PRIMARY KEY, parent_id INT NULL, local_id INT NULL,"+
			" CONSTRAINT fk_ext_parent FOREIGN KEY (parent_id) REFERENCES `"+self+"`.parent (id),"+
			" CONSTRAINT fk_ext_local FOREIGN KEY (local_id) REFERENCES local (id) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci",
	)
	d := newMySQL(true)
	md, err := d.InspectSchema(ctx, db, dialect.InspectOptions{Schema: name})
	if err != nil {
		t.Fatal(err)
	}
	if md.Schema != name {
		t.Errorf("MetaData.Schema = %q, want %q", md.Schema, name)
	}
	latin := innodb("latin1", "latin1_swedish_ci")
	ix := func(n, c string) *schema.Index {
		return &schema.Index{Name: n, Schema: name, Table: "ext", Elements: []schema.IndexElement{{Column: c}}}
	}
	compareTables(t, md.Tables, []*schema.Table{
		{Schema: name, Name: "ext", DialectOptions: latin,
			Columns: []*schema.Column{rc("id", mt("INTEGER", 11), false, "false"), rc("parent_id", mt("INTEGER", 11), true, "false"), rc("local_id", mt("INTEGER", 11), true, "false")},
			Constraints: []schema.Constraint{
				&schema.PrimaryKey{Columns: []string{"id"}},
				&schema.ForeignKey{Name: "fk_ext_local", Columns: []string{"local_id"}, RefTable: "local", RefColumns: []string{"id"}, OnDelete: "CASCADE"},
				&schema.ForeignKey{Name: "fk_ext_parent", Columns: []string{"parent_id"}, RefSchema: self, RefTable: "parent", RefColumns: []string{"id"}},
			},
			Indexes: []*schema.Index{ix("fk_ext_local", "local_id"), ix("fk_ext_parent", "parent_id")},
		},
		{Schema: name, Name: "local", DialectOptions: latin,
			Columns:     []*schema.Column{rc("id", mt("INTEGER", 11), false, "false")},
			Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"id"}}},
		},
	})
	// The current database named explicitly: same tables, labelled.
	md, err = d.InspectSchema(ctx, db, dialect.InspectOptions{Schema: self})
	if err != nil {
		t.Fatal(err)
	}
	compareTables(t, md.Tables, featureTables(self))

	names, err := d.SchemaNames(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(names) {
		t.Errorf("SchemaNames not sorted: %v", names)
	}
	for _, n := range []string{self, name} {
		if !slices.Contains(names, n) {
			t.Errorf("SchemaNames %v lacks %s", names, n)
		}
	}
	for _, n := range []string{"information_schema", "mysql", "performance_schema", "sys"} {
		if slices.Contains(names, n) {
			t.Errorf("SchemaNames lists the system database %s", n)
		}
	}
	if got, err := d.DefaultSchema(ctx, db); err != nil || got != self {
		t.Errorf("DefaultSchema = %q, %v; want %q", got, err, self)
	}
}

// TestParseServer checks the version gates of the catalog queries.
func TestParseServer(t *testing.T) {
	tests := []struct {
		version        string
		mariadb        bool
		checks, exprix bool
	}{
		{"10.11.19-MariaDB-0+deb12u1", true, true, false},
		{"8.0.36", false, true, true},
		{"8.0.15-log", false, false, true},
		{"8.0.12", false, false, false},
		{"5.7.44", false, false, false},
	}
	for _, tt := range tests {
		s := parseServer("db", tt.version)
		if s.mariadb != tt.mariadb || s.hasCheckCatalog() != tt.checks || s.hasIndexExpressions() != tt.exprix {
			t.Errorf("%s: mariadb %v checks %v expressions %v; want %v %v %v", tt.version,
				s.mariadb, s.hasCheckCatalog(), s.hasIndexExpressions(), tt.mariadb, tt.checks, tt.exprix)
		}
	}
}

// TestMySQLDefaultText checks the spelling of MySQL's bare defaults, as
// MySQL 8's SHOW CREATE TABLE writes them.
func TestMySQLDefaultText(t *testing.T) {
	r := &reader{srv: parseServer("db", "8.0.36")}
	tests := []struct{ def, extra, want string }{
		{"anon", "", "'anon'"},
		{"0", "", "'0'"},
		{"it's", "", "'it''s'"},
		{"CURRENT_TIMESTAMP", "default_generated", "CURRENT_TIMESTAMP"},
		{"CURRENT_TIMESTAMP(6)", "default_generated on update current_timestamp(6)", "CURRENT_TIMESTAMP(6)"},
		{"rand()", "default_generated", "(rand())"},
		{"b'1'", "", "b'1'"},
	}
	for _, tt := range tests {
		if got := r.defaultText(tt.def, tt.extra); got != tt.want {
			t.Errorf("defaultText(%q, %q) = %q, want %q", tt.def, tt.extra, got, tt.want)
		}
	}
	maria := &reader{srv: parseServer("db", "10.11.19-MariaDB")}
	if got := maria.defaultText("'anon'", ""); got != "'anon'" {
		t.Errorf("MariaDB default rewritten: %q", got)
	}
}

// BenchmarkInspectSchema1000 times InspectSchema on 1,000 tables, each
// with an AUTO_INCREMENT key, five columns, an index, a unique key and a
// foreign key to the table before it.
func BenchmarkInspectSchema1000(b *testing.B) {
	if os.Getenv(dbtest.MySQLEnv) == "" {
		b.Skipf("%s not set", dbtest.MySQLEnv)
	}
	db, rawURL := dbtest.MySQL(b)
	u, err := url.Parse(rawURL)
	if err != nil {
		b.Fatal(err)
	}
	multi, err := sql.Open("mysql", strings.Replace(dbtest.MySQLDSN(u), "multiStatements=false", "multiStatements=true", 1))
	if err != nil {
		b.Fatal(err)
	}
	defer multi.Close()
	const n, batch = 1000, 100
	for start := 0; start < n; start += batch {
		var sb strings.Builder
		for i := start; i < start+batch; i++ {
			fmt.Fprintf(&sb, "CREATE TABLE t%04d (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL,"+
				" amount DECIMAL(10,2) NOT NULL DEFAULT 0, created DATETIME NULL DEFAULT CURRENT_TIMESTAMP, flag TINYINT(1) NOT NULL DEFAULT 0,"+
				" prev_id INT NULL, UNIQUE KEY uq_t%04d_name (name), KEY ix_t%04d_created (created)", i, i, i)
			if i > 0 {
				fmt.Fprintf(&sb, ", CONSTRAINT fk_t%04d_prev FOREIGN KEY (prev_id) REFERENCES t%04d (id)", i, i-1)
			}
			sb.WriteString(") ENGINE=InnoDB;\n")
		}
		if _, err := multi.ExecContext(context.Background(), sb.String()); err != nil {
			b.Fatalf("create tables %d..: %v", start, err)
		}
	}
	d := newMySQL(true)
	ctx := context.Background()
	var md *schema.MetaData
	for b.Loop() {
		md, err = d.InspectSchema(ctx, db, dialect.InspectOptions{})
		if err != nil {
			b.Fatal(err)
		}
	}
	if len(md.Tables) != n {
		b.Fatalf("inspected %d tables, want %d", len(md.Tables), n)
	}
	last := md.Tables[n-1]
	if len(last.Columns) != 6 || len(last.Constraints) != 3 || len(last.Indexes) != 2 {
		b.Fatalf("t%04d: %d columns, %d constraints, %d indexes; want 6, 3, 2", n-1, len(last.Columns), len(last.Constraints), len(last.Indexes))
	}
}
