package target

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/retort-dev/retort/schema"
)

// testPython is the interpreter the tests run: Debian's, which has
// SQLAlchemy (and Alembic) installed.
const testPython = "/usr/bin/python3"

func needPython(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(testPython); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing, and CI=true: the SQLAlchemy tests must run in CI", testPython)
		}
		t.Skipf("%s is missing", testPython)
	}
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "sqla", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// alembicOptions are the options for a fixture laid out as `alembic init`
// does: alembic.ini beside a migrations directory.
func alembicOptions(t *testing.T, name, dialect string) PythonOptions {
	dir := fixture(t, name)
	scripts := filepath.Join(dir, "migrations")
	return PythonOptions{
		Python:         testPython,
		ConfigPath:     filepath.Join(dir, "alembic.ini"),
		MainOptions:    map[string]string{"script_location": scripts, "prepend_sys_path": ".", "sqlalchemy.url": "postgresql://app:secret@localhost/app"},
		ScriptLocation: scripts,
		Dialect:        dialect,
	}
}

func start(t *testing.T, o PythonOptions) *SQLAProject {
	t.Helper()
	needPython(t)
	p, err := StartSQLA(context.Background(), o)
	if err != nil {
		t.Fatalf("StartSQLA: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

func ip(i int) *int       { return &i }
func i64(i int64) *int64  { return &i }
func bp(b bool) *bool     { return &b }
func sp(s string) *string { return &s }
func show(v any) string   { b, _ := json.MarshalIndent(v, "", "  "); return string(b) }
func table(md *schema.MetaData, schemaName, name string) *schema.Table {
	for _, t := range md.Tables {
		if t.Schema == schemaName && t.Name == name {
			return t
		}
	}
	return nil
}

// checkTable compares a decoded table with the expectation column by
// column, then constraints, indexes and the rest, so a failure names the
// field that differs.
func checkTable(t *testing.T, got, want *schema.Table) {
	t.Helper()
	if got == nil {
		t.Fatalf("table %s.%s missing", want.Schema, want.Name)
	}
	if len(got.Columns) != len(want.Columns) {
		t.Errorf("%s: %d columns, want %d:\n%s", want.Name, len(got.Columns), len(want.Columns), show(got.Columns))
	}
	for i := 0; i < len(got.Columns) && i < len(want.Columns); i++ {
		if !reflect.DeepEqual(got.Columns[i], want.Columns[i]) {
			t.Errorf("%s column %d:\n got %s\nwant %s", want.Name, i, show(got.Columns[i]), show(want.Columns[i]))
		}
	}
	if !reflect.DeepEqual(got.Constraints, want.Constraints) {
		t.Errorf("%s constraints:\n got %s\nwant %s", want.Name, show(got.Constraints), show(want.Constraints))
	}
	if !reflect.DeepEqual(got.Indexes, want.Indexes) {
		t.Errorf("%s indexes:\n got %s\nwant %s", want.Name, show(got.Indexes), show(want.Indexes))
	}
	g, w := *got, *want
	g.Columns, g.Constraints, g.Indexes = nil, nil, nil
	w.Columns, w.Constraints, w.Indexes = nil, nil, nil
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s table fields:\n got %s\nwant %s", want.Name, show(g), show(w))
	}
}

func tsCol(name string, nullable bool, def *schema.Expr) *schema.Column {
	return &schema.Column{
		Name:          name,
		Type:          &schema.Type{Kind: "DateTime", Timezone: true, Python: "sa.DateTime(timezone=True)", DDL: "TIMESTAMP WITH TIME ZONE"},
		Nullable:      nullable,
		Autoincrement: "auto",
		ServerDefault: def,
	}
}

func intPK() *schema.Column {
	return &schema.Column{Name: "id", Type: &schema.Type{Kind: "Integer", Python: "sa.Integer()", DDL: "INTEGER"}, PrimaryKey: true, Autoincrement: "auto"}
}

func TestStartSQLA_Declarative(t *testing.T) {
	p := start(t, alembicOptions(t, "declarative", "postgresql"))
	md := p.MetaData()

	now := &schema.Expr{Kind: schema.ExprText, Text: "now()"}
	checkTable(t, table(md, "", "users"), &schema.Table{
		Name:    "users",
		Comment: sp("people"),
		Columns: []*schema.Column{
			tsCol("created_at", false, now),
			tsCol("updated_at", true, nil),
			intPK(),
			{Name: "public_id", Type: &schema.Type{Kind: "UUID", Dialect: "postgresql", AsUUID: bp(true), Python: "postgresql.UUID(as_uuid=True)", DDL: "UUID"}, Autoincrement: "auto"},
			{Name: "email", Type: &schema.Type{Kind: "String", Length: 120, Python: "sa.String(length=120)", DDL: "VARCHAR(120)"}, Autoincrement: "auto"},
			{
				Name: "mood",
				Type: &schema.Type{
					Kind: "Enum", Values: []string{"happy", "sad"}, EnumName: "mood", NativeEnum: true, CreateType: true,
					Python: "sa.Enum('happy', 'sad', name='mood')", DDL: "mood",
				},
				Autoincrement: "auto",
				ServerDefault: &schema.Expr{Kind: schema.ExprLiteral, Text: "happy", Value: "happy"},
			},
			{Name: "active", Type: &schema.Type{Kind: "Boolean", Python: "sa.Boolean()", DDL: "BOOLEAN"}, Autoincrement: "auto", ServerDefault: &schema.Expr{Kind: schema.ExprText, Text: "true"}},
			{
				Name: "balance",
				Type: &schema.Type{
					Kind: "Numeric", Precision: ip(12), Scale: ip(2),
					Python: "app.types.Money(precision=12, scale=2)", PythonImports: []string{"import app.types"}, DDL: "NUMERIC(12, 2)",
				},
				Nullable: true, Autoincrement: "auto", Comment: sp("cents"),
			},
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Name: "pk_users", Columns: []string{"id"}, NameConv: true},
			&schema.Unique{Name: "uq_users_public_id", Columns: []string{"public_id"}, NameConv: true},
			&schema.Check{Name: "ck_users_email_len", SQL: "length(email) > 3", NameConv: true},
		},
		Indexes: []*schema.Index{{
			Name: "ix_users_active_email", Table: "users",
			Elements:       []schema.IndexElement{{Column: "email"}},
			DialectOptions: map[string]string{"postgresql_where": "active IS true"},
		}},
	})

	checkTable(t, table(md, "", "posts"), &schema.Table{
		Name: "posts",
		Columns: []*schema.Column{
			tsCol("created_at", false, now),
			tsCol("updated_at", true, nil),
			intPK(),
			{Name: "author_id", Type: &schema.Type{Kind: "Integer", Python: "sa.Integer()", DDL: "INTEGER"}, Autoincrement: "auto"},
			{Name: "title", Type: &schema.Type{Kind: "String", Length: 200, Python: "sa.String(length=200)", DDL: "VARCHAR(200)"}, Autoincrement: "auto"},
			{
				Name: "tags",
				Type: &schema.Type{
					Kind: "ARRAY", Dialect: "postgresql",
					Item:   &schema.Type{Kind: "String", Length: 30, Python: "sa.String(length=30)", DDL: "VARCHAR(30)"},
					Python: "postgresql.ARRAY(sa.String(length=30))", DDL: "VARCHAR(30)[]",
				},
				Nullable: true, Autoincrement: "auto",
			},
			{
				Name:          "score",
				Type:          &schema.Type{Kind: "Numeric", Precision: ip(10), Scale: ip(2), Python: "sa.Numeric(precision=10, scale=2)", DDL: "NUMERIC(10, 2)"},
				Nullable:      true,
				Autoincrement: "auto",
				ServerDefault: &schema.Expr{Kind: schema.ExprLiteral, Text: "0", Value: "0"},
			},
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Name: "pk_posts", Columns: []string{"id"}, NameConv: true},
			&schema.ForeignKey{
				Name: "fk_posts_author_id_users", Columns: []string{"author_id"}, RefTable: "users",
				RefColumns: []string{"id"}, OnDelete: "CASCADE", NameConv: true,
			},
		},
		Indexes: []*schema.Index{{Name: "ix_posts_author_id", Table: "posts", Elements: []schema.IndexElement{{Column: "author_id"}}, NameConv: true}},
	})

	if len(md.Tables) != 2 || md.Tables[0].Name != "posts" || md.Tables[1].Name != "users" {
		t.Errorf("tables not sorted posts, users: %s", show(md.Tables))
	}
	wantEnums := []*schema.Enum{{Name: "mood", Values: []string{"happy", "sad"}}}
	if !reflect.DeepEqual(md.Enums, wantEnums) {
		t.Errorf("enums = %s, want %s", show(md.Enums), show(wantEnums))
	}
	wantConv := map[string]string{
		"ix": "ix_%(column_0_label)s",
		"uq": "uq_%(table_name)s_%(column_0_name)s",
		"ck": "ck_%(table_name)s_%(constraint_name)s",
		"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
		"pk": "pk_%(table_name)s",
	}
	if !reflect.DeepEqual(md.NamingConvention, wantConv) {
		t.Errorf("naming convention = %v", md.NamingConvention)
	}
	if url, changed := p.URL(); url != "postgresql://app:secret@localhost/app" || changed {
		t.Errorf("URL() = %q, %v; want the ini's URL, unchanged", url, changed)
	}
	if got := p.Configure(); !reflect.DeepEqual(got, Configure{}) {
		t.Errorf("Configure() = %s, want nothing passed", show(got))
	}
	if p.HasFilters() {
		t.Error("HasFilters() = true for an env.py without include_object")
	}
	inc, err := p.Filter(context.Background(), []FilterObject{{Type: "table", Name: "users"}, {Type: "table", Name: "gone", Reflected: true}})
	if err != nil || !reflect.DeepEqual(inc, []bool{true, true}) {
		t.Errorf("Filter without filters = %v, %v; want all included", inc, err)
	}
}

// TestStartSQLA_SameBytes runs the same models twice, with different hash
// seeds so that Python's set and dict orders differ, and expects the very
// same document.
func TestStartSQLA_SameBytes(t *testing.T) {
	var docs [][]byte
	for _, seed := range []string{"1", "2"} {
		o := alembicOptions(t, "declarative", "postgresql")
		o.Env = append(os.Environ(), "PYTHONHASHSEED="+seed)
		docs = append(docs, start(t, o).raw)
	}
	if string(docs[0]) != string(docs[1]) {
		t.Errorf("two runs differ:\n%s\n%s", docs[0], docs[1])
	}
}

// TestStartSQLA_WithoutAlembic runs env.py with an interpreter that has
// SQLAlchemy but no Alembic: the helper then provides the alembic package.
func TestStartSQLA_WithoutAlembic(t *testing.T) {
	needPython(t)
	sa := "/usr/lib/python3/dist-packages/sqlalchemy"
	if _, err := os.Stat(sa); err != nil {
		t.Skipf("no %s to isolate", sa)
	}
	dir := t.TempDir()
	if err := os.Symlink(sa, filepath.Join(dir, "sqlalchemy")); err != nil {
		t.Fatal(err)
	}
	py := filepath.Join(dir, "python")
	script := "#!/bin/sh\nPYTHONPATH=" + dir + " exec " + testPython + " -S \"$@\"\n"
	if err := os.WriteFile(py, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	o := alembicOptions(t, "declarative", "postgresql")
	o.Python = py
	p := start(t, o)
	if table(p.MetaData(), "", "users") == nil {
		t.Fatalf("no users table: %s", show(p.MetaData()))
	}
}

func TestStartSQLA_EnvURLAndFilters(t *testing.T) {
	o := alembicOptions(t, "envurl", "") // the dialect comes from env.py's URL
	o.MainOptions["sqlalchemy.url"] = "sqlite:///from-ini.db"
	o.Env = append(os.Environ(), "APP_DATABASE_URL=sqlite:///p%40ss.db")
	o.XArgs = []string{"tenant=acme"}
	p := start(t, o)

	if url, changed := p.URL(); url != "sqlite:///p%40ss.db" || !changed {
		t.Errorf("URL() = %q, %v; want env.py's URL, changed", url, changed)
	}
	want := Configure{
		CompareType: bp(false), CompareServerDefault: bp(true), RenderAsBatch: bp(true),
		VersionTableSchema: sp("acme"), UserModulePrefix: sp("mytypes."),
	}
	if got := p.Configure(); !reflect.DeepEqual(got, want) {
		t.Errorf("Configure() = %s, want %s", show(got), show(want))
	}
	if !p.HasFilters() {
		t.Fatal("HasFilters() = false")
	}

	md := p.MetaData()
	things := table(md, "", "things")
	checkTable(t, things, &schema.Table{
		Name: "things",
		Columns: []*schema.Column{
			intPK(),
			{Name: "name", Type: &schema.Type{Kind: "String", Length: 50, Python: "sa.String(length=50)", DDL: "VARCHAR(50)"}, Autoincrement: "auto"},
			{Name: "scratch", Type: &schema.Type{Kind: "Text", Python: "sa.Text()", DDL: "TEXT"}, Nullable: true, Autoincrement: "auto"},
			// user_module_prefix replaces the module, and no import is needed.
			{Name: "slug", Type: &schema.Type{Kind: "String", Length: 20, Python: "mytypes.Slug(length=20)", DDL: "VARCHAR(20)"}, Nullable: true, Autoincrement: "auto"},
			// SQLite compiles JSON; a generic compiler would not.
			{Name: "payload", Type: &schema.Type{Kind: "JSON", Python: "sa.JSON()", DDL: "JSON"}, Nullable: true, Autoincrement: "auto"},
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Columns: []string{"id"}},
			&schema.Unique{Name: "uq_things_name", Columns: []string{"name"}},
		},
		Indexes:        []*schema.Index{{Name: "ix_things_lower_name", Table: "things", Unique: true, Elements: []schema.IndexElement{{Expr: "lower(name)"}}}},
		DialectOptions: map[string]string{"sqlite_autoincrement": "true"},
	})
	archive := table(md, "archive", "archive_things")
	if archive == nil || len(archive.Constraints) != 2 {
		t.Fatalf("archive.archive_things: %s", show(archive))
	}
	wantFK := &schema.ForeignKey{Name: "fk_archive_thing", Columns: []string{"id"}, RefTable: "things", RefColumns: []string{"id"}}
	if !reflect.DeepEqual(archive.Constraints[1], wantFK) {
		t.Errorf("archive FK = %s, want %s", show(archive.Constraints[1]), show(wantFK))
	}

	cases := []struct {
		obj  FilterObject
		want bool
	}{
		{FilterObject{Type: "schema", Name: "archive", Reflected: true}, true},
		{FilterObject{Type: "schema", Name: "", Reflected: true}, true},
		{FilterObject{Type: "schema", Name: "other", Reflected: true}, false},
		{FilterObject{Type: "table", Name: "alembic_version_archive", Schema: "archive", Reflected: true}, false},
		{FilterObject{Type: "table", Name: "alembic_version_archive", Schema: "", Reflected: true}, true},
		{FilterObject{Type: "table", Name: "stuff", Schema: "junk", Reflected: true}, false},
		{FilterObject{Type: "table", Name: "things"}, true},
		{FilterObject{Type: "column", Name: "scratch", Table: "things"}, false},
		{FilterObject{Type: "column", Name: "name", Table: "things"}, true},
		// slug is included only when the batch has no reflected slug column.
		{FilterObject{Type: "column", Name: "slug", Table: "things"}, true},
		{FilterObject{Type: "column", Name: "name", Table: "things", Reflected: true}, true},
		{FilterObject{Type: "column", Name: "extra", Table: "things", Reflected: true}, false},
		{FilterObject{Type: "column", Name: "extra", Table: "others", Reflected: true}, true},
		{FilterObject{Type: "column", Name: "x", Table: "legacy", Schema: "archive", Reflected: true}, false},
		{FilterObject{Type: "index", Name: "ix_old", Table: "legacy_things", Reflected: true}, false},
		{FilterObject{Type: "index", Name: "ix_things_lower_name", Table: "things"}, true},
		{FilterObject{Type: "unique_constraint", Name: "uq_ignored_x", Table: "things", Reflected: true}, false},
		{FilterObject{Type: "unique_constraint", Name: "uq_things_name", Table: "things"}, true},
		{FilterObject{Type: "foreign_key_constraint", Name: "", Table: "archive_things", Schema: "archive", Reflected: true}, true},
	}
	objs := make([]FilterObject, len(cases))
	for i, c := range cases {
		objs[i] = c.obj
	}
	got, err := p.Filter(context.Background(), objs)
	if err != nil {
		t.Fatalf("Filter: %v", err)
	}
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("Filter(%+v) = %v, want %v", c.obj, got[i], c.want)
		}
	}
	// A second batch goes through the same process.
	got, err = p.Filter(context.Background(), objs[:1])
	if err != nil || len(got) != 1 || !got[0] {
		t.Errorf("second Filter = %v, %v", got, err)
	}
	// A cancelled context stops the helper.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Filter(ctx, objs[:1]); !errors.Is(err, context.Canceled) {
		t.Errorf("Filter with a cancelled context: %v", err)
	}
	if _, err := p.Filter(context.Background(), objs[:1]); err == nil || !strings.Contains(err.Error(), "stopped by a cancelled context") {
		t.Errorf("Filter after the helper was stopped: %v", err)
	}
	p.Close()
	for _, line := range []string{"env.py prints to stdout", "and writes to fd 1 directly"} {
		if !strings.Contains(p.Stderr(), line) {
			t.Errorf("env.py's output %q did not reach stderr: %q", line, p.Stderr())
		}
	}
}

func TestFilter_RaisingFilter(t *testing.T) {
	o := alembicOptions(t, "envurl", "sqlite")
	o.Env = append(os.Environ(), "APP_DATABASE_URL=sqlite://")
	p := start(t, o)
	_, err := p.Filter(context.Background(), []FilterObject{{Type: "column", Name: "c", Table: "t", Reflected: true}, {Type: "table", Name: "explode", Reflected: true}})
	var pe *PythonError
	if !errors.As(err, &pe) {
		t.Fatalf("Filter error %T %v, want *PythonError", err, err)
	}
	if want := "include_name/include_object failed: ValueError: include_object cannot judge table explode"; pe.Message != want {
		t.Errorf("message %q, want %q", pe.Message, want)
	}
	if !strings.Contains(pe.Traceback, "in include_object") {
		t.Errorf("traceback lacks the filter's frame:\n%s", pe.Traceback)
	}
	// The helper survives a failing filter.
	if got, err := p.Filter(context.Background(), []FilterObject{{Type: "table", Name: "things"}}); err != nil || !got[0] {
		t.Errorf("Filter after a failure = %v, %v", got, err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("Close after a failed Filter: %v", err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestStartSQLA_TargetMetadata(t *testing.T) {
	dir := fixture(t, "direct")
	p := start(t, PythonOptions{
		Python:         testPython,
		ConfigPath:     filepath.Join(dir, "retort.ini"),
		ConfigSection:  "retort",
		MainOptions:    map[string]string{"prepend_sys_path": "src, lib", "sqlalchemy.url": "mysql://u:p@localhost/app"},
		TargetMetadata: "pkgx.schema_mod:ALL",
		Dialect:        "mysql",
	})
	md := p.MetaData()
	var names []string
	for _, tb := range md.Tables {
		names = append(names, tb.Schema+"."+tb.Name)
	}
	if want := []string{".accounts", "billing.customers", "billing.invoices"}; !reflect.DeepEqual(names, want) {
		t.Errorf("tables = %v, want %v (both metadatas merged, sorted)", names, want)
	}
	if md.Schema != "" || len(md.Enums) != 0 {
		t.Errorf("schema %q, enums %s; want the first metadata's schema and no native enums", md.Schema, show(md.Enums))
	}
	uint := func() *schema.Type {
		return &schema.Type{Kind: "INTEGER", Dialect: "mysql", Unsigned: true, Python: "mysql.INTEGER(unsigned=True)", DDL: "INTEGER UNSIGNED"}
	}
	checkTable(t, table(md, "", "accounts"), &schema.Table{
		Name: "accounts",
		Columns: []*schema.Column{
			{Name: "id", Type: uint(), PrimaryKey: true, Autoincrement: "true"},
			{Name: "handle", Type: &schema.Type{Kind: "String", Length: 40, Collation: "utf8mb4_bin", Python: "sa.String(length=40, collation='utf8mb4_bin')", DDL: "VARCHAR(40) COLLATE utf8mb4_bin"}, Autoincrement: "auto"},
			{
				Name: "kind",
				Type: &schema.Type{
					Kind: "Enum", Length: 4, Values: []string{"free", "paid"}, EnumName: "plan", CreateType: true,
					Python: "sa.Enum('free', 'paid', name='plan', native_enum=False)", DDL: "VARCHAR(4)",
				},
				Autoincrement: "auto",
			},
			{
				Name: "note",
				Type: &schema.Type{
					Kind: "Text", Python: "sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql')", DDL: "MEDIUMTEXT",
					Variants: map[string]*schema.Type{"mysql": {Kind: "MEDIUMTEXT", Dialect: "mysql", Python: "mysql.MEDIUMTEXT()", DDL: "MEDIUMTEXT"}},
				},
				Nullable: true, Autoincrement: "auto",
			},
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Columns: []string{"id"}},
			&schema.Unique{Name: "uq_accounts_handle", Columns: []string{"handle"}, NameConv: true},
		},
		DialectOptions: map[string]string{"mysql_engine": "InnoDB"},
	})
	num := func() *schema.Type {
		return &schema.Type{Kind: "Numeric", Precision: ip(12), Scale: ip(2), Python: "sa.Numeric(precision=12, scale=2)", DDL: "NUMERIC(12, 2)"}
	}
	checkTable(t, table(md, "billing", "invoices"), &schema.Table{
		Schema: "billing",
		Name:   "invoices",
		Columns: []*schema.Column{
			{
				Name: "id", Type: &schema.Type{Kind: "BigInteger", Python: "sa.BigInteger()", DDL: "BIGINT"},
				PrimaryKey: true, Autoincrement: "auto", Identity: &schema.Identity{Start: i64(100), Increment: i64(5)},
			},
			{Name: "account_id", Type: uint(), Autoincrement: "auto"},
			{Name: "total", Type: num(), Autoincrement: "auto", ServerDefault: &schema.Expr{Kind: schema.ExprText, Text: "0.00"}},
			{Name: "doubled", Type: num(), Nullable: true, Autoincrement: "auto", Computed: &schema.Computed{SQL: "total * 2", Persisted: bp(true)}},
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Columns: []string{"id"}},
			&schema.ForeignKey{
				Columns: []string{"account_id"}, RefSchema: "billing", RefTable: "customers", RefColumns: []string{"id"},
				OnUpdate: "CASCADE", UseAlter: true,
			},
		},
		Indexes: []*schema.Index{{
			Name: "ix_invoices_account", Schema: "billing", Table: "invoices",
			Elements:       []schema.IndexElement{{Column: "account_id"}},
			DialectOptions: map[string]string{"mysql_length": "account_id=4"},
		}},
	})
	if url, changed := p.URL(); url != "mysql://u:p@localhost/app" || changed {
		t.Errorf("URL() = %q, %v; want the config's URL, unchanged", url, changed)
	}
	if p.HasFilters() {
		t.Error("HasFilters() = true without env.py")
	}
}

func TestStartSQLA_Errors(t *testing.T) {
	needPython(t)
	noSA := filepath.Join(t.TempDir(), "python")
	// -S leaves site-packages (and so SQLAlchemy) off sys.path: an
	// interpreter that really lacks SQLAlchemy.
	if err := os.WriteFile(noSA, []byte("#!/bin/sh\nexec "+testPython+" -I -S \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	notPython := filepath.Join(t.TempDir(), "python")
	if err := os.WriteFile(notPython, []byte("#!/bin/sh\necho 'this is no python' >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		opts    func() PythonOptions
		message string // the first line of Error() contains this
		trace   string // the traceback contains this
	}{
		{
			name:    "import error in the models",
			opts:    func() PythonOptions { return alembicOptions(t, "importerror", "sqlite") },
			message: "env.py failed: ImportError: cannot import name 'TypeThatDoesNotExist' from 'sqlalchemy'",
			trace:   "app/models.py\", line 2, in <module>\n    from sqlalchemy import TypeThatDoesNotExist",
		},
		{
			name: "interpreter dies",
			opts: func() PythonOptions {
				o := alembicOptions(t, "declarative", "postgresql")
				o.Python = notPython
				return o
			},
			message: "the helper stopped without answering (exit status 3)",
			trace:   "this is no python",
		},
		{
			name:    "env.py raises",
			opts:    func() PythonOptions { return alembicOptions(t, "envraise", "sqlite") },
			message: "env.py failed: RuntimeError: env.py refuses to run without TENANT",
			trace:   "in fail",
		},
		{
			name: "no SQLAlchemy",
			opts: func() PythonOptions {
				o := alembicOptions(t, "declarative", "postgresql")
				o.Python = noSA
				return o
			},
			message: "importing SQLAlchemy with " + testPython + " failed: ModuleNotFoundError: No module named 'sqlalchemy'",
			trace:   "", // no frame of the project's: the message says it all
		},
		{
			name: "target metadata not found",
			opts: func() PythonOptions {
				o := alembicOptions(t, "direct", "mysql")
				o.MainOptions["prepend_sys_path"] = "src"
				o.TargetMetadata = "pkgx.schema_mod:nothing_here"
				return o
			},
			message: "importing the target metadata pkgx.schema_mod:nothing_here failed: AttributeError: module 'pkgx.schema_mod' has no attribute 'nothing_here'",
		},
		{
			name: "target metadata is not metadata",
			opts: func() PythonOptions {
				o := alembicOptions(t, "direct", "mysql")
				o.MainOptions["prepend_sys_path"] = "src"
				o.TargetMetadata = "pkgx.schema_mod:accounts"
				return o
			},
			message: "ValueError: target_metadata is a Table, not a MetaData or a sequence of MetaData",
		},
		{
			name: "no env.py",
			opts: func() PythonOptions {
				o := alembicOptions(t, "declarative", "postgresql")
				o.ScriptLocation = fixture(t, "declarative")
				return o
			},
			message: "finding env.py failed: FileNotFoundError: no env.py in " + fixture(t, "declarative"),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := c.opts()
			p, err := StartSQLA(context.Background(), o)
			if err == nil {
				p.Close()
				t.Fatal("StartSQLA succeeded")
			}
			t.Logf("%v", err)
			var pe *PythonError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want *PythonError", err, err)
			}
			if pe.Interpreter != o.Python {
				t.Errorf("Interpreter = %q, want %q", pe.Interpreter, o.Python)
			}
			first, _, _ := strings.Cut(err.Error(), "\n")
			if !strings.HasPrefix(first, "python ("+o.Python+"): ") || !strings.Contains(first, c.message) {
				t.Errorf("first line %q, want it to contain %q", first, c.message)
			}
			if !strings.Contains(pe.Traceback, c.trace) {
				t.Errorf("traceback lacks %q:\n%s", c.trace, pe.Traceback)
			}
			if strings.Contains(err.Error(), "goroutine") || strings.Contains(err.Error(), "retort_sqla_helper") {
				t.Errorf("error shows internals:\n%v", err)
			}
		})
	}
}

func TestStartSQLA_MissingInterpreter(t *testing.T) {
	o := alembicOptions(t, "declarative", "postgresql")
	o.Python = filepath.Join(t.TempDir(), "no-such-python")
	_, err := StartSQLA(context.Background(), o)
	if err == nil || !strings.Contains(err.Error(), "cannot run the Python interpreter "+o.Python) {
		t.Errorf("err = %v, want it to name the missing interpreter", err)
	}

	// Chosen through RETORT_PYTHON in the child's environment.
	o.Python = ""
	o.Env = []string{"PATH=/nonexistent", "RETORT_PYTHON=/nonexistent/python9"}
	_, err = StartSQLA(context.Background(), o)
	if err == nil || !strings.Contains(err.Error(), "RETORT_PYTHON=/nonexistent/python9") {
		t.Errorf("err = %v, want it to name RETORT_PYTHON", err)
	}
}

func TestFindPython(t *testing.T) {
	dir := t.TempDir()
	exe := func(rel string) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	withVenv := filepath.Join(dir, "withvenv")
	venvPy := exe("withvenv/.venv/bin/python")
	configured := exe("proj/bin/py")
	fromEnv := exe("env/python")
	pathDir := filepath.Dir(exe("pathbin/python3"))
	noVenv := filepath.Join(dir, "proj")
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	t.Setenv("PATH", pathDir)

	cases := []struct {
		name       string
		configDir  string
		configured string
		getenv     func(string) string
		want       string
		wantErr    string
	}{
		{"configured beats all", withVenv, configured, env("RETORT_PYTHON", fromEnv), configured, ""},
		{"configured relative to the config dir", noVenv, "bin/py", env(), configured, ""},
		{"configured on PATH", noVenv, "python3", env(), filepath.Join(pathDir, "python3"), ""},
		{"configured missing", noVenv, "bin/nope", env("RETORT_PYTHON", fromEnv), "", "python = bin/nope from the config"},
		{"RETORT_PYTHON beats the venv", withVenv, "", env("RETORT_PYTHON", fromEnv), fromEnv, ""},
		{"RETORT_PYTHON missing", withVenv, "", env("RETORT_PYTHON", "/nonexistent/py"), "", "RETORT_PYTHON=/nonexistent/py"},
		{"venv", withVenv, "", env(), venvPy, ""},
		{"python3 on PATH", noVenv, "", env(), filepath.Join(pathDir, "python3"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := FindPython(c.configDir, c.configured, c.getenv)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("FindPython = %q, %v; want error containing %q", got, err, c.wantErr)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("FindPython = %q, %v; want %q", got, err, c.want)
			}
		})
	}

	t.Run("nothing found", func(t *testing.T) {
		t.Setenv("PATH", filepath.Join(dir, "empty"))
		_, err := FindPython(noVenv, "", env())
		if err == nil || !strings.Contains(err.Error(), "no Python interpreter found") ||
			!strings.Contains(err.Error(), filepath.Join(noVenv, ".venv", "bin", "python")) ||
			!strings.Contains(err.Error(), "python3 on PATH") {
			t.Fatalf("err = %v, want it to list what was tried", err)
		}
	})
}

func TestPythonError_Error(t *testing.T) {
	e := &PythonError{
		Interpreter: "/usr/bin/python3",
		Message:     "running env.py failed: KeyError: 'X'",
		Traceback:   "Traceback (most recent call last):\n  a\n  b\n  c\n  d\n  e\n  File \"env.py\", line 3\nKeyError: 'X'",
	}
	want := "python (/usr/bin/python3): running env.py failed: KeyError: 'X'\n      b\n      c\n      d\n      e\n      File \"env.py\", line 3\n    KeyError: 'X'"
	if got := e.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	e.Traceback = ""
	if got := e.Error(); got != "python (/usr/bin/python3): running env.py failed: KeyError: 'X'" {
		t.Errorf("Error() without traceback = %q", got)
	}
}

// BenchmarkStartSQLA measures a whole load of the declarative project:
// interpreter start, SQLAlchemy import, env.py, the dump and the decode.
func BenchmarkStartSQLA(b *testing.B) {
	if _, err := os.Stat(testPython); err != nil {
		b.Skipf("%s is missing", testPython)
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "sqla", "declarative"))
	if err != nil {
		b.Fatal(err)
	}
	o := PythonOptions{
		Python:         testPython,
		ConfigPath:     filepath.Join(dir, "alembic.ini"),
		MainOptions:    map[string]string{"prepend_sys_path": ".", "sqlalchemy.url": "postgresql://localhost/app"},
		ScriptLocation: filepath.Join(dir, "migrations"),
		Dialect:        "postgresql",
	}
	for b.Loop() {
		p, err := StartSQLA(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
}

// TestStartSQLA_PrependSysPath checks the spellings Alembic accepts for
// prepend_sys_path: commas, spaces and the path separator.
func TestStartSQLA_PrependSysPath(t *testing.T) {
	dir := fixture(t, "direct")
	for _, value := range []string{"src", "lib,src", "lib  src", "lib" + string(os.PathListSeparator) + "src", filepath.Join(dir, "src")} {
		t.Run(value, func(t *testing.T) {
			p := start(t, PythonOptions{
				Python:         testPython,
				ConfigPath:     filepath.Join(dir, "retort.ini"),
				ConfigSection:  "retort",
				MainOptions:    map[string]string{"prepend_sys_path": value},
				TargetMetadata: "pkgx.schema_mod:invoices.metadata",
				Dialect:        "mysql",
			})
			if n := len(p.MetaData().Tables); n != 2 {
				t.Errorf("%d tables from billing_md, want 2", n)
			}
		})
	}
}
