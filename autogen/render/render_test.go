package render

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

func ptr[T any](v T) *T { return &v }

func col(name string, t *schema.Type, nullable bool) *schema.Column {
	return &schema.Column{Name: name, Type: t, Nullable: nullable}
}

func ty(kind string) *schema.Type { return &schema.Type{Kind: kind} }

func str(kind string, n int) *schema.Type { return &schema.Type{Kind: kind, Length: n} }

func dty(d, kind string) *schema.Type { return &schema.Type{Kind: kind, Dialect: d} }

// goldenCases are the operations testdata/record.py builds in Alembic,
// built here as retort values; each renders to testdata/python/<name>.golden.
var goldenCases = map[string]struct {
	ops   []ops.Op
	batch bool
}{
	"create_table": {ops: []ops.Op{&ops.CreateTable{Table: &schema.Table{
		Name: "account", Comment: ptr("people"),
		Columns: []*schema.Column{
			col("id", ty("Integer"), false),
			col("name", str("String", 50), false),
			{Name: "email", Type: str("String", 120), Nullable: true, Comment: ptr("where we write")},
			{Name: "score", Type: &schema.Type{Kind: "Numeric", Precision: ptr(10), Scale: ptr(2)}, Nullable: true, ServerDefault: &schema.Expr{Kind: schema.ExprLiteral, Value: "0"}},
			{Name: "created", Type: &schema.Type{Kind: "DateTime", Timezone: true}, Nullable: true, ServerDefault: &schema.Expr{Kind: schema.ExprText, Text: "now()"}},
		},
		Constraints: []schema.Constraint{
			&schema.PrimaryKey{Name: "pk_account", NameConv: true, Columns: []string{"id"}},
			&schema.Unique{Name: "uq_account_email", NameConv: true, Columns: []string{"email"}},
		},
	}}}},
	"create_table_fk_schema": {ops: []ops.Op{
		&ops.CreateTable{Table: &schema.Table{
			Name: "post", Schema: "blog",
			Columns: []*schema.Column{col("id", ty("Integer"), false), col("account_id", ty("Integer"), false), col("body", ty("Text"), true)},
			Constraints: []schema.Constraint{
				&schema.ForeignKey{Columns: []string{"account_id"}, RefTable: "account", RefColumns: []string{"id"}, OnDelete: "CASCADE"},
				&schema.PrimaryKey{Columns: []string{"id"}},
				&schema.Check{Name: "ck_post_body", SQL: "length(body) > 0"},
			},
		}},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix_post_account_id", Schema: "blog", Table: "post", Elements: []schema.IndexElement{{Column: "account_id"}}}},
	}},
	"drop_table_reflected": {ops: []ops.Op{
		&ops.DropIndex{Table: "tag", Name: "ix_tag_label"},
		&ops.DropTable{Name: "tag", Existing: &schema.Table{Name: "tag", Columns: []*schema.Column{col("id", ty("INTEGER"), false)}}},
	}},
	"columns": {ops: []ops.Op{
		&ops.AddColumn{Table: "account", Column: col("email", str("String", 120), true)},
		&ops.AddColumn{Schema: "app", Table: "account", Column: &schema.Column{Name: "n", Type: ty("BigInteger"), ServerDefault: &schema.Expr{Kind: schema.ExprLiteral, Value: "5"}}},
		&ops.DropColumn{Table: "account", Column: "legacy"},
		&ops.DropColumn{Schema: "app", Table: "account", Column: "legacy"},
	}},
	"alter_column": {ops: []ops.Op{
		&ops.AlterColumn{Table: "account", Column: "name", ExistingType: str("VARCHAR", 50), Type: str("String", 80), ExistingNullable: ptr(false)},
		&ops.AlterColumn{Table: "account", Column: "nickname", ExistingType: str("VARCHAR", 20), Nullable: ptr(false), ExistingNullable: ptr(true)},
		&ops.AlterColumn{Table: "account", Column: "score", ExistingType: &schema.Type{Kind: "NUMERIC", Precision: ptr(10), Scale: ptr(2)},
			ServerDefault:         &ops.DefaultChange{Expr: &schema.Expr{Kind: schema.ExprText, Text: "'1'::numeric"}},
			ExistingServerDefault: &schema.Expr{Kind: schema.ExprText, Text: "'0'::numeric"}, ExistingNullable: ptr(true)},
		&ops.AlterColumn{Table: "account", Column: "flag", ExistingType: ty("BOOLEAN"), ServerDefault: &ops.DefaultChange{},
			ExistingServerDefault: &schema.Expr{Kind: schema.ExprText, Text: "false"}, ExistingNullable: ptr(true)},
		&ops.AlterColumn{Schema: "app", Table: "account", Column: "email", ExistingType: str("VARCHAR", 120),
			Comment: &ops.CommentChange{Comment: ptr("where we write")}, ExistingComment: ptr("old"), ExistingNullable: ptr(true)},
		&ops.AlterColumn{Table: "account", Column: "x", ExistingType: &schema.Type{Kind: "INTEGER", Dialect: "mysql", Length: 11}, Nullable: ptr(true),
			ExistingServerDefault: &schema.Expr{Kind: schema.ExprText, Text: "'0'"}},
	}},
	"indexes_and_constraints": {ops: []ops.Op{
		&ops.CreateIndex{Index: &schema.Index{Name: "ix_account_name", NameConv: true, Table: "account", Elements: []schema.IndexElement{{Column: "name"}}}},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix_active", Table: "account", Unique: true, Elements: []schema.IndexElement{{Column: "name"}},
			DialectOptions: map[string]string{"postgresql_using": "gin", "postgresql_where": "deleted_at IS NULL"}}},
		&ops.DropIndex{Table: "account", Name: "ix_account_old", Existing: &schema.Index{Name: "ix_account_old", NameConv: true}},
		&ops.DropIndex{Schema: "app", Table: "account", Name: "ix_x"},
		&ops.CreateUniqueConstraint{Table: "account", Unique: &schema.Unique{Name: "uq_account_email", NameConv: true, Columns: []string{"email"}}},
		&ops.CreateUniqueConstraint{Schema: "app", Table: "account", Unique: &schema.Unique{Columns: []string{"a", "b"}}},
		&ops.CreateForeignKey{Table: "tag", ForeignKey: &schema.ForeignKey{Name: "fk_tag_account_id_account", NameConv: true, Columns: []string{"account_id"}, RefTable: "account", RefColumns: []string{"id"}}},
		&ops.CreateForeignKey{Schema: "app", Table: "tag", ForeignKey: &schema.ForeignKey{Columns: []string{"account_id"}, RefSchema: "app", RefTable: "account", RefColumns: []string{"id"}, OnDelete: "CASCADE"}},
		&ops.DropConstraint{Table: "account", Name: "uq_account_email", Type: "unique", Existing: &schema.Unique{Name: "uq_account_email", NameConv: true}},
		&ops.DropConstraint{Schema: "app", Table: "tag", Name: "fk_x", Type: "foreignkey"},
	}},
	"comments": {ops: []ops.Op{
		&ops.CreateTableComment{Table: "account", Comment: "people"},
		&ops.CreateTableComment{Schema: "app", Table: "account", Comment: "it's people", Existing: ptr("people")},
		&ops.DropTableComment{Table: "account", Existing: ptr("people")},
	}},
	"batch": {batch: true, ops: []ops.Op{
		&ops.BatchAlterTable{Table: "account", Ops: []ops.Op{
			&ops.AddColumn{Table: "account", Column: col("email", str("String", 120), true)},
			&ops.AlterColumn{Table: "account", Column: "name", ExistingType: str("VARCHAR", 50), Type: str("String", 80), ExistingNullable: ptr(false)},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_account_name", NameConv: true, Table: "account", Elements: []schema.IndexElement{{Column: "name"}}}},
			&ops.CreateUniqueConstraint{Table: "account", Unique: &schema.Unique{Name: "uq_account_email", NameConv: true, Columns: []string{"email"}}},
			&ops.CreateForeignKey{Table: "account", ForeignKey: &schema.ForeignKey{Name: "fk_account_org", NameConv: true, Columns: []string{"org_id"}, RefTable: "org", RefColumns: []string{"id"}}},
			&ops.DropIndex{Table: "account", Name: "ix_old"},
			&ops.DropConstraint{Table: "account", Name: "uq_old", Type: "unique"},
			&ops.DropColumn{Table: "account", Column: "legacy"},
		}},
		&ops.BatchAlterTable{Schema: "app", Table: "tag", Ops: []ops.Op{&ops.DropColumn{Schema: "app", Table: "tag", Column: "x"}}},
	}},
	"types": {ops: []ops.Op{
		&ops.AddColumn{Table: "t", Column: col("a", &schema.Type{Kind: "UUID", Dialect: "postgresql", AsUUID: ptr(true)}, false)},
		&ops.AddColumn{Table: "t", Column: col("b", &schema.Type{Kind: "TIMESTAMP", Dialect: "postgresql", Timezone: true}, true)},
		&ops.AddColumn{Table: "t", Column: col("c", &schema.Type{Kind: "Enum", Values: []string{"x", "y"}, EnumName: "mood", NativeEnum: true}, true)},
		&ops.AddColumn{Table: "t", Column: col("d", &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: ty("Integer"), Dimensions: 1}, true)},
		&ops.AddColumn{Table: "t", Column: col("e", &schema.Type{Kind: "VARCHAR", Dialect: "mysql", Length: 20, Collation: "utf8mb4_bin"}, true)},
		&ops.AddColumn{Table: "t", Column: col("f", &schema.Type{Kind: "DOUBLE_PRECISION", Dialect: "postgresql", Precision: ptr(53)}, true)},
		&ops.AddColumn{Table: "t", Column: &schema.Column{Name: "g", Type: ty("Boolean"), Nullable: true, ServerDefault: &schema.Expr{Kind: schema.ExprText, Text: "false"}}},
		&ops.AddColumn{Table: "t", Column: col("h", &schema.Type{Kind: "INTEGER", Dialect: "mysql", Unsigned: true}, true)},
		&ops.AddColumn{Table: "t", Column: col("i", dty("postgresql", "JSONB"), true)},
		&ops.AddColumn{Table: "t", Column: col("j", ty("DateTime"), true)},
		&ops.AddColumn{Table: "t", Column: col("k", str("Unicode", 20), true)},
		&ops.AddColumn{Table: "t", Column: col("l", ty("Float"), true)},
		&ops.AddColumn{Table: "t", Column: &schema.Column{Name: "m", Type: ty("Integer"), Identity: &schema.Identity{Always: true, Start: ptr(int64(10))}}},
		&ops.AddColumn{Table: "t", Column: &schema.Column{Name: "n", Type: ty("Integer"), Nullable: true, Computed: &schema.Computed{SQL: "m * 2", Persisted: ptr(true)}}},
	}},
	"execute": {ops: []ops.Op{&ops.Execute{SQL: "CREATE TYPE mood AS ENUM ('a', 'b')"}}},
	"empty":   {},
}

func TestRenderPython_MatchesAlembic(t *testing.T) {
	files, err := filepath.Glob("testdata/python/*.golden")
	if err != nil || len(files) != len(goldenCases) {
		t.Fatalf("%d golden files for %d cases (%v)", len(files), len(goldenCases), err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".golden")
		t.Run(name, func(t *testing.T) {
			c, ok := goldenCases[name]
			if !ok {
				t.Fatalf("no case for %s", f)
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			imports, body, ok := strings.Cut(strings.TrimPrefix(string(raw), "-- imports\n"), "-- body\n")
			if !ok {
				t.Fatalf("%s: no body section", f)
			}
			py, err := RenderPython(c.ops, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSuffix(body, "\n"); py.Upgrades != want {
				t.Errorf("body:\n--- got\n%s\n--- want (Alembic)\n%s", py.Upgrades, want)
			}
			if want := strings.TrimSuffix(imports, "\n"); py.Imports != want {
				t.Errorf("imports: got %q, want %q", py.Imports, want)
			}
		})
	}
}

// TestRenderPython_Beyond covers what retort renders and Alembic does not:
// explicit enum types, autocommit blocks, check constraints, rename hints.
func TestRenderPython_Beyond(t *testing.T) {
	up := []ops.Op{
		&ops.AutocommitBlock{Begin: true},
		&ops.Execute{SQL: "ALTER TYPE mood ADD VALUE 'meh'"},
		&ops.AutocommitBlock{Begin: false},
		&ops.AddColumn{Table: "t", Column: col("m", &schema.Type{Kind: "ENUM", Dialect: "postgresql", EnumName: "mood", Values: []string{"a", "b"}, NativeEnum: true}, true)},
		&ops.CreateCheckConstraint{Table: "t", Check: &schema.Check{Name: "ck_t_positive", NameConv: true, SQL: "n > 0"}},
	}
	py, err := RenderPython(up, nil, Options{Comments: []string{"Column t.a was dropped and t.b added with the same type: a rename?"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `# ### commands auto generated by Alembic - please adjust! ###
    # Column t.a was dropped and t.b added with the same type: a rename?
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE mood ADD VALUE 'meh'")

    op.add_column('t', sa.Column('m', postgresql.ENUM('a', 'b', name='mood', create_type=False), nullable=True))
    op.create_check_constraint(op.f('ck_t_positive'), 't', 'n > 0')
    # ### end Alembic commands ###`
	if py.Upgrades != want {
		t.Errorf("got\n%s\nwant\n%s", py.Upgrades, want)
	}
	if py.Imports != "from sqlalchemy.dialects import postgresql" {
		t.Errorf("imports %q", py.Imports)
	}
	if py.Downgrades != "# ### commands auto generated by Alembic - please adjust! ###\n    pass\n    # ### end Alembic commands ###" {
		t.Errorf("empty downgrade %q", py.Downgrades)
	}
}

func TestRenderPython_PythonSpelling(t *testing.T) {
	up := []ops.Op{&ops.AddColumn{Table: "t", Column: col("price", &schema.Type{Kind: "Numeric", Python: "app.types.Money(precision=12)", PythonImports: []string{"import app.types"}}, true)}}
	py, err := RenderPython(up, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(py.Upgrades, "sa.Column('price', app.types.Money(precision=12), nullable=True)") || py.Imports != "import app.types" {
		t.Errorf("got %q / imports %q", py.Upgrades, py.Imports)
	}
}

func TestRenderSQL(t *testing.T) {
	table := &schema.Table{Name: "account", Columns: []*schema.Column{col("id", ty("Integer"), false), col("name", str("String", 50), false)},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"id"}}}}
	up := []ops.Op{&ops.CreateTable{Table: table}, &ops.CreateIndex{Index: &schema.Index{Name: "ix_account_name", Table: "account", Elements: []schema.IndexElement{{Column: "name"}}}}}
	down := []ops.Op{&ops.DropIndex{Table: "account", Name: "ix_account_name"}, &ops.DropTable{Name: "account"}}
	tests := []struct {
		d        dialect.Dialect
		up, down string
	}{
		{postgres.New(), "CREATE TABLE account (\n    id SERIAL NOT NULL, \n    name VARCHAR(50) NOT NULL, \n    PRIMARY KEY (id)\n);\nCREATE INDEX ix_account_name ON account (name);\n",
			"DROP INDEX ix_account_name;\nDROP TABLE account;\n"},
		{mysql.New(), "CREATE TABLE account (\n    id INTEGER NOT NULL AUTO_INCREMENT, \n    name VARCHAR(50) NOT NULL, \n    PRIMARY KEY (id)\n);\nCREATE INDEX ix_account_name ON account (name);\n",
			"DROP INDEX ix_account_name ON account;\nDROP TABLE account;\n"},
		{sqlite.New(), "CREATE TABLE account (\n    id INTEGER NOT NULL, \n    name VARCHAR(50) NOT NULL, \n    PRIMARY KEY (id)\n);\nCREATE INDEX ix_account_name ON account (name);\n",
			"DROP INDEX ix_account_name;\nDROP TABLE account;\n"},
	}
	for _, tt := range tests {
		t.Run(tt.d.Name(), func(t *testing.T) {
			gotUp, gotDown, err := RenderSQL(context.Background(), tt.d, nil, up, down)
			if err != nil {
				t.Fatal(err)
			}
			if gotUp != tt.up || gotDown != tt.down {
				t.Errorf("up:\n%s\ndown:\n%s", gotUp, gotDown)
			}
		})
	}
}
