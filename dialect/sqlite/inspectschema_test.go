package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/schema"
)

func execAll(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func inspect(t *testing.T, q dialect.Querier, o dialect.InspectOptions) *schema.MetaData {
	t.Helper()
	md, err := newSQLite().InspectSchema(context.Background(), q, o)
	if err != nil {
		t.Fatalf("inspect %+v: %v", o, err)
	}
	return md
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}

// sameTable compares a reflected table with the expected one piece by
// piece, so a failure names the column, constraint or index that differs.
func sameTable(t *testing.T, got, want *schema.Table) {
	t.Helper()
	if got.Schema != want.Schema || got.Name != want.Name {
		t.Errorf("table %q.%q, want %q.%q", got.Schema, got.Name, want.Schema, want.Name)
	}
	for i := 0; i < len(got.Columns) || i < len(want.Columns); i++ {
		var g, w *schema.Column
		if i < len(got.Columns) {
			g = got.Columns[i]
		}
		if i < len(want.Columns) {
			w = want.Columns[i]
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s column %d:\n got  %s\n want %s", want.Name, i, js(g), js(w))
		}
	}
	for i := 0; i < len(got.Constraints) || i < len(want.Constraints); i++ {
		var g, w schema.Constraint
		if i < len(got.Constraints) {
			g = got.Constraints[i]
		}
		if i < len(want.Constraints) {
			w = want.Constraints[i]
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s constraint %d:\n got  %T %s\n want %T %s", want.Name, i, g, js(g), w, js(w))
		}
	}
	for i := 0; i < len(got.Indexes) || i < len(want.Indexes); i++ {
		var g, w *schema.Index
		if i < len(got.Indexes) {
			g = got.Indexes[i]
		}
		if i < len(want.Indexes) {
			w = want.Indexes[i]
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s index %d:\n got  %s\n want %s", want.Name, i, js(g), js(w))
		}
	}
	if !reflect.DeepEqual(got.DialectOptions, want.DialectOptions) {
		t.Errorf("%s options %v, want %v", want.Name, got.DialectOptions, want.DialectOptions)
	}
	if got.Comment != nil {
		t.Errorf("%s has a comment; SQLite keeps none", want.Name)
	}
}

func tableNames(md *schema.MetaData) []string {
	var out []string
	for _, t := range md.Tables {
		out = append(out, t.Schema+"."+t.Name)
	}
	return out
}

func ip(n int) *int { return &n }

func textExpr(s string) *schema.Expr { return &schema.Expr{Kind: schema.ExprText, Text: s} }

const everyFeatureDDL = `
CREATE TABLE parent (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	code VARCHAR(10) NOT NULL COLLATE NOCASE CONSTRAINT uq_parent_code UNIQUE,
	label TEXT DEFAULT 'none',
	ratio NUMERIC(10, 2) DEFAULT 0,
	created DATETIME DEFAULT CURRENT_TIMESTAMP,
	CHECK (ratio >= 0)
);
CREATE TABLE child (
	a INTEGER NOT NULL,
	b VARCHAR(20) NOT NULL,
	parent_id INTEGER CONSTRAINT fk_child_parent REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
	parent_code VARCHAR(10),
	doubled INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL,
	tripled INTEGER GENERATED ALWAYS AS (a * 3) STORED,
	note TEXT DEFAULT (lower('X')),
	CONSTRAINT pk_child PRIMARY KEY (b, a),
	FOREIGN KEY (parent_code) REFERENCES parent (code) DEFERRABLE INITIALLY DEFERRED,
	CONSTRAINT ck_child_a CHECK (a > 0),
	UNIQUE (parent_id, parent_code),
	CONSTRAINT uq_child_note UNIQUE (note)
);
CREATE INDEX ix_child_expr ON child (a DESC, lower(b) DESC, parent_id);
CREATE UNIQUE INDEX ix_child_partial ON child (parent_code) WHERE parent_code IS NOT NULL;
CREATE INDEX ix_child_coll ON child (b COLLATE BINARY DESC);
CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
CREATE TABLE plain (x);
`

func everyFeatureTables() []*schema.Table {
	tr := true
	return []*schema.Table{
		{
			Name: "child",
			Columns: []*schema.Column{
				{Name: "a", Type: &schema.Type{Kind: "INTEGER"}},
				{Name: "b", Type: &schema.Type{Kind: "VARCHAR", Length: 20}},
				{Name: "parent_id", Type: &schema.Type{Kind: "INTEGER"}, Nullable: true},
				{Name: "parent_code", Type: &schema.Type{Kind: "VARCHAR", Length: 10}, Nullable: true},
				{Name: "doubled", Type: &schema.Type{Kind: "INTEGER"}, Nullable: true, Computed: &schema.Computed{SQL: "a * 2"}},
				{Name: "tripled", Type: &schema.Type{Kind: "INTEGER"}, Nullable: true, Computed: &schema.Computed{SQL: "a * 3", Persisted: &tr}},
				{Name: "note", Type: &schema.Type{Kind: "TEXT"}, Nullable: true, ServerDefault: textExpr("(lower('X'))")},
			},
			Constraints: []schema.Constraint{
				&schema.PrimaryKey{Name: "pk_child", Columns: []string{"b", "a"}},
				&schema.ForeignKey{Name: "fk_child_parent", Columns: []string{"parent_id"}, RefTable: "parent", RefColumns: []string{"id"},
					OnDelete: "CASCADE", OnUpdate: "SET NULL"},
				&schema.ForeignKey{Columns: []string{"parent_code"}, RefTable: "parent", RefColumns: []string{"code"},
					Deferrable: &tr, Initially: "DEFERRED"},
				&schema.Unique{Columns: []string{"parent_id", "parent_code"}},
				&schema.Unique{Name: "uq_child_note", Columns: []string{"note"}},
				&schema.Check{Name: "ck_child_a", SQL: "a > 0"},
			},
			Indexes: []*schema.Index{
				{Name: "ix_child_expr", Table: "child", Elements: []schema.IndexElement{
					{Column: "a", Desc: true}, {Expr: "lower(b)", Desc: true}, {Column: "parent_id"}}},
				{Name: "ix_child_partial", Table: "child", Unique: true, Elements: []schema.IndexElement{{Column: "parent_code"}},
					DialectOptions: map[string]string{"sqlite_where": "parent_code IS NOT NULL"}},
				{Name: "ix_child_coll", Table: "child", Elements: []schema.IndexElement{{Expr: "b COLLATE BINARY", Desc: true}}},
			},
		},
		{
			Name: "kv",
			Columns: []*schema.Column{
				// WITHOUT ROWID makes every key column NOT NULL.
				{Name: "k", Type: &schema.Type{Kind: "TEXT"}},
				{Name: "v", Type: &schema.Type{Kind: "BLOB"}, Nullable: true},
			},
			Constraints:    []schema.Constraint{&schema.PrimaryKey{Columns: []string{"k"}}},
			DialectOptions: map[string]string{"sqlite_with_rowid": "False"},
		},
		{
			Name: "parent",
			Columns: []*schema.Column{
				{Name: "id", Type: &schema.Type{Kind: "INTEGER"}},
				{Name: "code", Type: &schema.Type{Kind: "VARCHAR", Length: 10, Collation: "NOCASE"}},
				{Name: "label", Type: &schema.Type{Kind: "TEXT"}, Nullable: true, ServerDefault: textExpr("'none'")},
				{Name: "ratio", Type: &schema.Type{Kind: "NUMERIC", Precision: ip(10), Scale: ip(2)}, Nullable: true, ServerDefault: textExpr("0")},
				{Name: "created", Type: &schema.Type{Kind: "DATETIME"}, Nullable: true, ServerDefault: textExpr("(CURRENT_TIMESTAMP)")},
			},
			Constraints: []schema.Constraint{
				&schema.PrimaryKey{Columns: []string{"id"}},
				&schema.Unique{Name: "uq_parent_code", Columns: []string{"code"}},
				&schema.Check{SQL: "ratio >= 0"},
			},
			DialectOptions: map[string]string{"sqlite_autoincrement": "True"},
		},
		{
			Name: "plain",
			// A column declared without a type.
			Columns: []*schema.Column{{Name: "x", Type: &schema.Type{Dialect: "sqlite"}, Nullable: true}},
		},
	}
}

func TestInspectSchemaEveryFeature(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	db.SetMaxOpenConns(1) // the temp table below lives on one connection
	execAll(t, db, everyFeatureDDL,
		// A temp table of the same name must not shadow main's.
		"CREATE TEMP TABLE plain (y INTEGER PRIMARY KEY, z TEXT)")
	want := everyFeatureTables()
	for _, s := range []string{"", "main"} {
		md := inspect(t, db, dialect.InspectOptions{Schema: s})
		// sqlite_sequence (made by AUTOINCREMENT) is SQLite's own.
		if got, w := tableNames(md), []string{".child", ".kv", ".parent", ".plain"}; !reflect.DeepEqual(got, w) {
			t.Fatalf("schema %q: tables %v, want %v", s, got, w)
		}
		for i := range want {
			sameTable(t, md.Tables[i], want[i])
		}
		if len(md.Enums) != 0 {
			t.Errorf("enums on SQLite: %v", md.Enums)
		}
	}
	md := inspect(t, db, dialect.InspectOptions{Schema: "temp"})
	if len(md.Tables) != 1 {
		t.Fatalf("temp tables %v, want [temp.plain]", tableNames(md))
	}
	sameTable(t, md.Tables[0], &schema.Table{Schema: "temp", Name: "plain",
		Columns: []*schema.Column{
			{Name: "y", Type: &schema.Type{Kind: "INTEGER"}, Nullable: true},
			{Name: "z", Type: &schema.Type{Kind: "TEXT"}, Nullable: true},
		},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"y"}}},
	})
}

func TestInspectSchemaTablesFilter(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	execAll(t, db, everyFeatureDDL)
	md := inspect(t, db, dialect.InspectOptions{Tables: []string{"parent", "plain", "no_such_table"}})
	if got, w := tableNames(md), []string{".parent", ".plain"}; !reflect.DeepEqual(got, w) {
		t.Fatalf("tables %v, want %v", got, w)
	}
	want := everyFeatureTables()
	sameTable(t, md.Tables[0], want[2])
	sameTable(t, md.Tables[1], want[3])

	// The child alone still resolves its references.
	md = inspect(t, db, dialect.InspectOptions{Tables: []string{"child"}})
	if len(md.Tables) != 1 {
		t.Fatalf("tables %v, want [.child]", tableNames(md))
	}
	sameTable(t, md.Tables[0], want[0])

	if md := inspect(t, db, dialect.InspectOptions{Tables: []string{}}); len(md.Tables) != 0 {
		t.Errorf("an empty filter read %v", tableNames(md))
	}
}

func TestInspectSchemaAttached(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	db.SetMaxOpenConns(1) // ATTACH is per connection
	dir := t.TempDir()
	for _, name := range []string{"zeta", "aux"} {
		if _, err := db.Exec("ATTACH DATABASE ? AS "+name, filepath.Join(dir, name+".db")); err != nil {
			t.Fatal(err)
		}
	}
	execAll(t, db,
		"CREATE TABLE main_only (id INTEGER PRIMARY KEY)",
		"CREATE TABLE aux.people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
		// REFERENCES without columns: the referenced table's key.
		"CREATE TABLE aux.things (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES people, name TEXT UNIQUE)",
		"CREATE INDEX aux.ix_things_owner ON things (owner_id)",
		// Same name as in aux: inspecting aux must not read this one.
		"CREATE TABLE people (id TEXT)",
	)
	ctx := context.Background()
	d := newSQLite()
	names, err := d.SchemaNames(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"aux", "zeta"}; !reflect.DeepEqual(names, want) {
		t.Errorf("SchemaNames = %v, want %v", names, want)
	}
	def, err := d.DefaultSchema(ctx, db)
	if err != nil || def != "main" {
		t.Errorf("DefaultSchema = %q, %v; want main", def, err)
	}

	md := inspect(t, db, dialect.InspectOptions{Schema: "aux"})
	if got, w := tableNames(md), []string{"aux.people", "aux.things"}; !reflect.DeepEqual(got, w) {
		t.Fatalf("tables %v, want %v", got, w)
	}
	sameTable(t, md.Tables[0], &schema.Table{Schema: "aux", Name: "people",
		Columns: []*schema.Column{
			{Name: "id", Type: &schema.Type{Kind: "INTEGER"}, Nullable: true},
			{Name: "name", Type: &schema.Type{Kind: "TEXT"}},
		},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"id"}}},
	})
	sameTable(t, md.Tables[1], &schema.Table{Schema: "aux", Name: "things",
		Columns: []*schema.Column{
			{Name: "id", Type: &schema.Type{Kind: "INTEGER"}, Nullable: true},
			{Name: "owner_id", Type: &schema.Type{Kind: "INTEGER"}, Nullable: true},
			{Name: "name", Type: &schema.Type{Kind: "TEXT"}, Nullable: true},
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Columns: []string{"id"}},
			&schema.ForeignKey{Columns: []string{"owner_id"}, RefSchema: "aux", RefTable: "people", RefColumns: []string{"id"}},
			&schema.Unique{Columns: []string{"name"}},
		},
		Indexes: []*schema.Index{{Name: "ix_things_owner", Schema: "aux", Table: "things", Elements: []schema.IndexElement{{Column: "owner_id"}}}},
	})

	// With the referenced table filtered out, its key is still aux's.
	md = inspect(t, db, dialect.InspectOptions{Schema: "aux", Tables: []string{"things"}})
	if len(md.Tables) != 1 {
		t.Fatalf("tables %v, want [aux.things]", tableNames(md))
	}
	if fk, ok := md.Tables[0].Constraints[1].(*schema.ForeignKey); !ok || !reflect.DeepEqual(fk.RefColumns, []string{"id"}) {
		t.Errorf("filtered foreign key %s, want RefColumns [id]", js(md.Tables[0].Constraints[1]))
	}

	md = inspect(t, db, dialect.InspectOptions{})
	if got, w := tableNames(md), []string{".main_only", ".people"}; !reflect.DeepEqual(got, w) {
		t.Errorf("main tables %v, want %v", got, w)
	}
	if _, err := d.InspectSchema(ctx, db, dialect.InspectOptions{Schema: "not_attached"}); err == nil ||
		!strings.Contains(err.Error(), "not_attached") {
		t.Errorf("inspecting a database not attached: %v", err)
	}
}

// countingQuerier counts the queries an inspection sends.
type countingQuerier struct {
	dialect.Querier
	queries int
}

func (c *countingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.queries++
	return c.Querier.QueryContext(ctx, query, args...)
}

func TestInspectSchemaQueryCountIndependentOfTables(t *testing.T) {
	count := func(n int) int {
		db, _ := dbtest.SQLite(t)
		createManyTables(t, db, n)
		cq := &countingQuerier{Querier: db}
		md, err := newSQLite().InspectSchema(context.Background(), cq, dialect.InspectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(md.Tables) != n {
			t.Fatalf("%d tables read, want %d", len(md.Tables), n)
		}
		return cq.queries
	}
	few, many := count(3), count(60)
	if few != many || few > 5 {
		t.Errorf("queries: %d for 3 tables, %d for 60; want the same, at most 5", few, many)
	}
}

func TestTypeAndDefaultSQL(t *testing.T) {
	d := newSQLite()
	for _, c := range []struct {
		typ  *schema.Type
		want string
	}{
		{&schema.Type{Kind: "String", Length: 50}, "VARCHAR(50)"},
		{&schema.Type{Kind: "String"}, "VARCHAR"},
		{&schema.Type{Kind: "Enum", Values: []string{"a", "bbbb", "cc"}, NativeEnum: true}, "VARCHAR(4)"},
		{&schema.Type{Kind: "Integer"}, "INTEGER"},
		{&schema.Type{Kind: "BigInteger"}, "BIGINT"},
		{&schema.Type{Kind: "Numeric", Precision: ip(10), Scale: ip(2)}, "NUMERIC(10, 2)"},
		{&schema.Type{Kind: "DateTime", Timezone: true}, "DATETIME"},
		{&schema.Type{Kind: "LargeBinary"}, "BLOB"},
		{&schema.Type{Kind: "Text", Collation: "NOCASE"}, `TEXT COLLATE "NOCASE"`},
		{&schema.Type{Kind: "JSON", Variants: map[string]*schema.Type{"sqlite": {Kind: "Text"}}}, "TEXT"},
		// A reflected type renders as it was declared.
		{&schema.Type{Kind: "UNSIGNED BIG INT", Dialect: "sqlite"}, "UNSIGNED BIG INT"},
	} {
		got, err := d.TypeSQL(c.typ)
		if err != nil || got != c.want {
			t.Errorf("TypeSQL(%s) = %q, %v; want %q", js(c.typ), got, err, c.want)
		}
	}
	if _, err := d.TypeSQL(&schema.Type{Kind: "ARRAY", Item: &schema.Type{Kind: "Integer"}}); err == nil {
		t.Errorf("TypeSQL(ARRAY) rendered; SQLite has no arrays")
	}
	for _, c := range []struct {
		e    schema.Expr
		want string
	}{
		{fn("now"), "(CURRENT_TIMESTAMP)"},
		{lit("0"), "'0'"},
		{lit("O'Brien"), "'O''Brien'"},
		{text("1"), "1"},
		{text("(datetime('now'))"), "(datetime('now'))"},
	} {
		got, err := d.DefaultSQL(&c.e)
		if err != nil || got != c.want {
			t.Errorf("DefaultSQL(%s) = %q, %v; want %q", js(c.e), got, err, c.want)
		}
	}
	if _, err := d.DefaultSQL(nil); err == nil {
		t.Errorf("DefaultSQL(nil) rendered")
	}
}

// createManyTables makes n tables t0000..., each with an integer key, five
// columns, an index, a foreign key (to the previous table) and a unique
// constraint.
func createManyTables(tb testing.TB, db *sql.DB, n int) {
	tb.Helper()
	var b strings.Builder
	b.WriteString("BEGIN;\n")
	for i := 0; i < n; i++ {
		prev := i - 1
		if prev < 0 {
			prev = 0
		}
		fmt.Fprintf(&b, "CREATE TABLE t%04d (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL, code VARCHAR(20), "+
			"parent_id INTEGER REFERENCES t%04d (id) ON DELETE CASCADE, amount NUMERIC(10, 2) DEFAULT 0, UNIQUE (code));\n", i, prev)
		fmt.Fprintf(&b, "CREATE INDEX ix_t%04d_name ON t%04d (name);\n", i, i)
	}
	b.WriteString("COMMIT;")
	execAll(tb, db, b.String())
}

func BenchmarkInspectSchema1000(b *testing.B) {
	db, _ := dbtest.SQLite(b)
	createManyTables(b, db, 1000)
	d := newSQLite()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		md, err := d.InspectSchema(ctx, db, dialect.InspectOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(md.Tables) != 1000 {
			b.Fatalf("%d tables", len(md.Tables))
		}
	}
}

// The tables come back sorted the way Go sorts strings (byte order), which
// is also SQLite's BINARY order.
func TestInspectSchemaSortsTables(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	execAll(t, db, `CREATE TABLE "b" (x); CREATE TABLE "C" (x); CREATE TABLE "a_" (x); CREATE TABLE "A" (x)`)
	got := tableNames(inspect(t, db, dialect.InspectOptions{}))
	want := []string{".A", ".C", ".a_", ".b"}
	if !reflect.DeepEqual(got, want) || !sort.StringsAreSorted(got) {
		t.Errorf("tables %v, want %v", got, want)
	}
}

// Reflect (batch mode's source) reshapes the normal form: key columns
// flagged, the PrimaryKey constraint kept only when named or reordered.
func TestAsBatchSource(t *testing.T) {
	fk := func() *schema.ForeignKey {
		return &schema.ForeignKey{Columns: []string{"b"}, RefSchema: "aux", RefTable: "p", RefColumns: []string{"id"}}
	}
	for _, c := range []struct {
		name     string
		pk       *schema.PrimaryKey
		flagged  []bool // on columns a, b, c
		keepsKey bool
	}{
		{"unnamed single", &schema.PrimaryKey{Columns: []string{"a"}}, []bool{true, false, false}, false},
		{"unnamed composite in order", &schema.PrimaryKey{Columns: []string{"a", "c"}}, []bool{true, false, true}, false},
		{"unnamed composite reordered", &schema.PrimaryKey{Columns: []string{"c", "a"}}, []bool{true, false, true}, true},
		{"named", &schema.PrimaryKey{Name: "pk_t", Columns: []string{"b"}}, []bool{false, true, false}, true},
		{"no key", nil, []bool{false, false, false}, false},
	} {
		tb := &schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a"}, {Name: "b"}, {Name: "c"}}}
		if c.pk != nil {
			tb.Constraints = append(tb.Constraints, c.pk)
		}
		tb.Constraints = append(tb.Constraints, fk())
		asBatchSource(tb)
		for i, col := range tb.Columns {
			if col.PrimaryKey != c.flagged[i] {
				t.Errorf("%s: column %s PrimaryKey=%v, want %v", c.name, col.Name, col.PrimaryKey, c.flagged[i])
			}
		}
		want := []schema.Constraint{}
		if c.keepsKey {
			want = append(want, c.pk)
		}
		f := fk()
		f.RefSchema = ""
		want = append(want, f)
		if !reflect.DeepEqual(tb.Constraints, want) {
			t.Errorf("%s: constraints %s, want %s", c.name, js(tb.Constraints), js(want))
		}
	}
}
