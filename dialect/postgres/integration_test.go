package postgres

import (
	"context"
	"reflect"
	"testing"

	"github.com/retort-dev/retort/dialect/ddl/ddltest"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

func ip(n int) *int       { return &n }
func bp(b bool) *bool     { return &b }
func sp(s string) *string { return &s }

func col(name string, t *schema.Type, nullable bool) *schema.Column {
	return &schema.Column{Name: name, Type: t, Nullable: nullable, Autoincrement: "auto"}
}

func lit(s string) *schema.Expr { return &schema.Expr{Kind: schema.ExprLiteral, Value: s} }

// parentTable is referenced by the foreign keys of the other tests.
func parentTable() *schema.Table {
	id := col("id", &schema.Type{Kind: "Integer"}, false)
	id.PrimaryKey = true
	return &schema.Table{Name: "parent", Columns: []*schema.Column{id}}
}

func TestLiveCreateTable(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	id := col("id", &schema.Type{Kind: "Integer"}, false)
	id.PrimaryKey = true
	id.Comment = sp("the key")
	name := col("name", &schema.Type{Kind: "String", Length: 50}, false)
	name.ServerDefault = lit("anon")
	mood := col("mood", &schema.Type{Kind: "Enum", Values: []string{"happy", "sad"}, EnumName: "mood", NativeEnum: true, CreateType: true}, true)
	mood.Index = true
	email := col("email", &schema.Type{Kind: "String", Length: 100}, true)
	email.Unique = true
	pid := col("parent_id", &schema.Type{Kind: "Integer"}, true)
	pid.ForeignKeys = []*schema.ForeignKeyRef{{Target: "parent.id", OnDelete: "CASCADE"}}
	created := col("created", &schema.Type{Kind: "DateTime", Timezone: true}, true)
	created.ServerDefault = &schema.Expr{Kind: schema.ExprFunc, Text: "now"}
	amount := col("amount", &schema.Type{Kind: "Numeric", Precision: ip(10), Scale: ip(2)}, true)
	tags := col("tags", &schema.Type{Kind: "ARRAY", Item: &schema.Type{Kind: "Text"}}, true)
	table := &schema.Table{Name: "account", Comment: sp("accounts"),
		Columns: []*schema.Column{id, name, mood, email, pid, created, amount, tags,
			col("data", &schema.Type{Kind: "JSONB", Dialect: "postgresql"}, true)},
		Constraints: []schema.Constraint{&schema.Check{Name: "ck_amount", SQL: "amount >= 0"}},
	}
	ddltest.Apply(t, d, db, &ops.CreateTable{Table: parentTable()}, &ops.CreateTable{Table: table})

	got := ddltest.Reflect(t, d, db, "", "account")
	if want := []string{"id", "name", "mood", "email", "parent_id", "created", "amount", "tags", "data"}; !reflect.DeepEqual(ddltest.ColumnNames(got), want) {
		t.Fatalf("columns = %v, want %v", ddltest.ColumnNames(got), want)
	}
	if got.Comment == nil || *got.Comment != "accounts" {
		t.Errorf("table comment = %v", got.Comment)
	}
	idc := ddltest.Column(t, got, "id")
	if idc.Nullable || !idc.PrimaryKey || idc.Autoincrement != "true" || idc.Comment == nil || *idc.Comment != "the key" {
		t.Errorf("id = %+v, want serial primary key with comment", idc)
	}
	nc := ddltest.Column(t, got, "name")
	if nc.Nullable || nc.Type.Kind != "VARCHAR" || nc.Type.Length != 50 || nc.ServerDefault == nil || nc.ServerDefault.Text != "'anon'::character varying" {
		t.Errorf("name = %+v type %+v default %+v", nc, nc.Type, nc.ServerDefault)
	}
	mc := ddltest.Column(t, got, "mood")
	if mc.Type.Kind != "ENUM" || mc.Type.EnumName != "mood" || !reflect.DeepEqual(mc.Type.Values, []string{"happy", "sad"}) {
		t.Errorf("mood type = %+v", mc.Type)
	}
	cc := ddltest.Column(t, got, "created")
	if cc.Type.Kind != "TIMESTAMP" || !cc.Type.Timezone || cc.ServerDefault == nil || cc.ServerDefault.Text != "now()" {
		t.Errorf("created = %+v type %+v", cc, cc.Type)
	}
	ac := ddltest.Column(t, got, "amount")
	if ac.Type.Kind != "NUMERIC" || ac.Type.Precision == nil || *ac.Type.Precision != 10 || *ac.Type.Scale != 2 {
		t.Errorf("amount type = %+v", ac.Type)
	}
	if tc := ddltest.Column(t, got, "tags"); tc.Type.Kind != "ARRAY" || tc.Type.Item.Kind != "TEXT" {
		t.Errorf("tags type = %+v", tc.Type)
	}
	if dc := ddltest.Column(t, got, "data"); dc.Type.Kind != "JSONB" {
		t.Errorf("data type = %+v", dc.Type)
	}
	if ix := ddltest.Index(got, "ix_account_mood"); ix == nil || ix.Unique || !reflect.DeepEqual(ix.Elements, []schema.IndexElement{{Column: "mood"}}) {
		t.Errorf("index ix_account_mood = %+v", ix)
	}
	pk := ddltest.FirstConstraint[*schema.PrimaryKey](got)
	fk := ddltest.FirstConstraint[*schema.ForeignKey](got)
	uq := ddltest.FirstConstraint[*schema.Unique](got)
	if pk == nil || !reflect.DeepEqual(pk.Columns, []string{"id"}) {
		t.Errorf("primary key = %+v", pk)
	}
	if fk == nil || fk.RefTable != "parent" || !reflect.DeepEqual(fk.Columns, []string{"parent_id"}) || fk.OnDelete != "CASCADE" {
		t.Errorf("foreign key = %+v", fk)
	}
	if uq == nil || !reflect.DeepEqual(uq.Columns, []string{"email"}) {
		t.Errorf("unique = %+v", uq)
	}
	if ck, ok := ddltest.Constraint(got, "ck_amount").(*schema.Check); !ok || ck.SQL != "(amount >= (0)::numeric)" {
		t.Errorf("check = %+v", ddltest.Constraint(got, "ck_amount"))
	}
}

func TestLiveColumnOps(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	ddltest.Apply(t, d, db, &ops.CreateTable{Table: parentTable()},
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{col("a", &schema.Type{Kind: "String", Length: 10}, true), col("gone", &schema.Type{Kind: "Integer"}, true)}}})
	added := col("b", &schema.Type{Kind: "Integer"}, false)
	added.ServerDefault = lit("7")
	added.Comment = sp("bee")
	added.ForeignKeys = []*schema.ForeignKeyRef{{Target: "parent.id"}}
	added.Index = true
	ddltest.Apply(t, d, db, &ops.Execute{SQL: "INSERT INTO parent (id) VALUES (7)"},
		&ops.AddColumn{Table: "t", Column: added},
		&ops.DropColumn{Table: "t", Column: "gone"},
		&ops.Execute{SQL: "INSERT INTO t (a) VALUES ('42')"},
		&ops.AlterColumn{Table: "t", Column: "a", Type: &schema.Type{Kind: "Integer"}, ExistingType: &schema.Type{Kind: "String", Length: 10},
			DialectOptions: map[string]string{"postgresql_using": "a::integer"}},
		&ops.AlterColumn{Table: "t", Column: "a", Nullable: bp(false), ServerDefault: &ops.DefaultChange{Expr: &schema.Expr{Kind: schema.ExprText, Text: "0"}},
			Comment: &ops.CommentChange{Comment: sp("ay")}, NewName: "a2"},
		&ops.AlterColumn{Table: "t", Column: "b", ServerDefault: &ops.DefaultChange{}, Comment: &ops.CommentChange{}},
	)
	got := ddltest.Reflect(t, d, db, "", "t")
	if want := []string{"a2", "b"}; !reflect.DeepEqual(ddltest.ColumnNames(got), want) {
		t.Fatalf("columns = %v, want %v", ddltest.ColumnNames(got), want)
	}
	a := ddltest.Column(t, got, "a2")
	if a.Type.Kind != "INTEGER" || a.Nullable || a.ServerDefault == nil || a.ServerDefault.Text != "0" || a.Comment == nil || *a.Comment != "ay" {
		t.Errorf("a2 = %+v type %+v default %+v", a, a.Type, a.ServerDefault)
	}
	b := ddltest.Column(t, got, "b")
	if b.Nullable || b.ServerDefault != nil || b.Comment != nil {
		t.Errorf("b = %+v, want NOT NULL without default or comment", b)
	}
	if ddltest.Index(got, "ix_t_b") == nil {
		t.Errorf("index ix_t_b missing: %+v", got.Indexes)
	}
	if len(got.Constraints) != 1 {
		t.Errorf("constraints = %+v, want the foreign key", got.Constraints)
	}
	if n := ddltest.Count(t, db, "SELECT 1 FROM t WHERE a2 = 42 AND b = 7"); n != 1 {
		t.Errorf("converted row count = %d", n)
	}
}

func TestLiveIndexesAndConstraints(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	cols := []*schema.Column{col("a", &schema.Type{Kind: "Integer"}, false), col("b", &schema.Type{Kind: "Integer"}, false), col("c", &schema.Type{Kind: "Text"}, true)}
	ddltest.Apply(t, d, db, &ops.CreateTable{Table: parentTable()}, &ops.CreateTable{Table: &schema.Table{Name: "t", Columns: cols}},
		&ops.CreatePrimaryKey{Table: "t", PrimaryKey: &schema.PrimaryKey{Name: "pk_t", Columns: []string{"a", "b"}}},
		&ops.CreateUniqueConstraint{Table: "t", Unique: &schema.Unique{Name: "uq_t_c", Columns: []string{"c"}}},
		&ops.CreateForeignKey{Table: "t", ForeignKey: &schema.ForeignKey{Name: "fk_t_a", Columns: []string{"a"}, RefTable: "parent", RefColumns: []string{"id"}, OnUpdate: "CASCADE", Deferrable: bp(true), Initially: "DEFERRED"}},
		&ops.CreateCheckConstraint{Table: "t", Check: &schema.Check{Name: "ck_t_b", SQL: "b > 0"}},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix_partial", Table: "t", Unique: true, Elements: []schema.IndexElement{{Column: "b"}},
			DialectOptions: map[string]string{"postgresql_where": "b > 10", "postgresql_include": "c"}}},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix_expr", Table: "t", Elements: []schema.IndexElement{{Expr: "lower(c)"}, {Column: "a", Desc: true}}}},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix_gone", Table: "t", Elements: []schema.IndexElement{{Column: "c"}}}},
		&ops.DropIndex{Table: "t", Name: "ix_gone"},
	)
	got := ddltest.Reflect(t, d, db, "", "t")
	if pk, ok := ddltest.Constraint(got, "pk_t").(*schema.PrimaryKey); !ok || !reflect.DeepEqual(pk.Columns, []string{"a", "b"}) {
		t.Errorf("pk_t = %+v", ddltest.Constraint(got, "pk_t"))
	}
	if uq, ok := ddltest.Constraint(got, "uq_t_c").(*schema.Unique); !ok || !reflect.DeepEqual(uq.Columns, []string{"c"}) {
		t.Errorf("uq_t_c = %+v", ddltest.Constraint(got, "uq_t_c"))
	}
	fk, ok := ddltest.Constraint(got, "fk_t_a").(*schema.ForeignKey)
	if !ok || fk.OnUpdate != "CASCADE" || fk.Deferrable == nil || !*fk.Deferrable || fk.Initially != "DEFERRED" {
		t.Errorf("fk_t_a = %+v", ddltest.Constraint(got, "fk_t_a"))
	}
	if ck, ok := ddltest.Constraint(got, "ck_t_b").(*schema.Check); !ok || ck.SQL != "(b > 0)" {
		t.Errorf("ck_t_b = %+v", ddltest.Constraint(got, "ck_t_b"))
	}
	part := ddltest.Index(got, "ix_partial")
	if part == nil || !part.Unique || part.DialectOptions["postgresql_where"] != "(b > 10)" || part.DialectOptions["postgresql_include"] != "c" {
		t.Errorf("ix_partial = %+v", part)
	}
	expr := ddltest.Index(got, "ix_expr")
	if expr == nil || !reflect.DeepEqual(expr.Elements, []schema.IndexElement{{Expr: "lower(c)"}, {Column: "a", Desc: true}}) {
		t.Errorf("ix_expr = %+v", expr)
	}
	if ddltest.Index(got, "ix_gone") != nil {
		t.Errorf("ix_gone was not dropped")
	}

	ddltest.Apply(t, d, db,
		&ops.DropConstraint{Table: "t", Name: "fk_t_a", Type: "foreignkey"},
		&ops.DropConstraint{Table: "t", Name: "ck_t_b", Type: "check"},
		&ops.DropConstraint{Table: "t", Name: "uq_t_c", Type: "unique"},
		&ops.DropConstraint{Table: "t", Name: "pk_t", Type: "primary"},
	)
	if got := ddltest.Reflect(t, d, db, "", "t"); len(got.Constraints) != 0 {
		t.Errorf("constraints left after drops: %+v", got.Constraints)
	}
}

func TestLiveTableOps(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA other"); err != nil {
		t.Fatal(err)
	}
	ddltest.Apply(t, d, db,
		&ops.CreateTable{Table: &schema.Table{Schema: "other", Name: "Old", Columns: []*schema.Column{col("x", &schema.Type{Kind: "Integer"}, true)}}},
		&ops.RenameTable{Schema: "other", OldName: "Old", NewName: "new"},
		&ops.CreateTableComment{Schema: "other", Table: "new", Comment: "it's new"},
	)
	got := ddltest.Reflect(t, d, db, "other", "new")
	if got.Comment == nil || *got.Comment != "it's new" {
		t.Errorf("comment = %v", got.Comment)
	}
	ddltest.Apply(t, d, db, &ops.DropTableComment{Schema: "other", Table: "new"})
	if got := ddltest.Reflect(t, d, db, "other", "new"); got.Comment != nil {
		t.Errorf("comment after drop = %q", *got.Comment)
	}
	ddltest.Apply(t, d, db, &ops.DropTable{Schema: "other", Name: "new"})
	if _, err := d.Reflect(ctx, db, "other", "new"); err == nil {
		t.Errorf("table still there after drop_table")
	}
}

func TestLiveDataOps(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	id := col("id", &schema.Type{Kind: "Integer"}, false)
	id.PrimaryKey = true
	tb := &schema.Table{Name: "item", Columns: []*schema.Column{id, col("name", &schema.Type{Kind: "String", Length: 20}, true), col("ok", &schema.Type{Kind: "Boolean"}, true)}}
	ddltest.Apply(t, d, db, &ops.CreateTable{Table: tb},
		&ops.BulkInsert{Table: tb, MultiInsert: true, Rows: []map[string]any{{"id": int64(1), "name": "o'ne", "ok": true}, {"id": int64(2), "name": "two", "ok": false}}},
		&ops.BulkInsert{Table: tb, Rows: []map[string]any{{"id": int64(3)}, {"id": int64(4), "name": schema.Expr{Kind: schema.ExprInline, Value: "four"}}}},
		&ops.Execute{DML: &ops.DML{Kind: "update", Table: tb, Values: []ops.ColumnValue{{Column: "ok", Value: schema.Expr{Kind: schema.ExprBind, Value: true}}},
			Where: &schema.Expr{Kind: schema.ExprBinary, Text: "=", Args: []schema.Expr{{Kind: schema.ExprColumn, Text: "name"}, {Kind: schema.ExprBind, Value: "two"}}}}},
		&ops.Execute{DML: &ops.DML{Kind: "delete", Table: tb,
			Where: &schema.Expr{Kind: schema.ExprBinary, Text: "=", Args: []schema.Expr{{Kind: schema.ExprColumn, Text: "name"}, {Kind: schema.ExprBind}}}}},
		&ops.Execute{DML: &ops.DML{Kind: "insert", Table: tb, Values: []ops.ColumnValue{{Column: "id", Value: schema.Expr{Kind: schema.ExprBind, Value: int64(5)}}, {Column: "name", Value: schema.Expr{Kind: schema.ExprBind, Value: `back\slash`}}}}},
	)
	for q, want := range map[string]int{
		"SELECT 1 FROM item":                                4,
		"SELECT 1 FROM item WHERE name = 'o''ne' AND ok":    1,
		"SELECT 1 FROM item WHERE name = 'two' AND ok":      1,
		"SELECT 1 FROM item WHERE id = 4 AND name = 'four'": 1,
		`SELECT 1 FROM item WHERE name = 'back\slash'`:      1,
		"SELECT 1 FROM item WHERE id = 3":                   0,
	} {
		if n := ddltest.Count(t, db, q); n != want {
			t.Errorf("%s: %d rows, want %d", q, n, want)
		}
	}
}

func TestLiveBatchInPlace(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	ddltest.Apply(t, d, db,
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{col("x", &schema.Type{Kind: "Integer"}, true), col("y", &schema.Type{Kind: "Integer"}, true)}}},
		&ops.BatchAlterTable{Table: "t", Recreate: "auto", Ops: []ops.Op{
			&ops.AddColumn{Column: col("z", &schema.Type{Kind: "Text"}, true)},
			&ops.DropColumn{Column: "y"},
			&ops.AlterColumn{Column: "x", NewName: "x2", Nullable: bp(false)},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_z", Elements: []schema.IndexElement{{Column: "z"}}}},
		}},
	)
	got := ddltest.Reflect(t, d, db, "", "t")
	if want := []string{"x2", "z"}; !reflect.DeepEqual(ddltest.ColumnNames(got), want) {
		t.Errorf("columns = %v, want %v", ddltest.ColumnNames(got), want)
	}
	if ddltest.Column(t, got, "x2").Nullable {
		t.Errorf("x2 is nullable")
	}
	if ddltest.Index(got, "ix_t_z") == nil {
		t.Errorf("ix_t_z missing")
	}
}

func TestLiveBatchRecreate(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	id := col("id", &schema.Type{Kind: "Integer"}, false)
	id.PrimaryKey = true
	ddltest.Apply(t, d, db,
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{id, col("x", &schema.Type{Kind: "String", Length: 10}, true), col("y", &schema.Type{Kind: "Integer"}, true)},
			Constraints: []schema.Constraint{&schema.Unique{Name: "uq_t_y", Columns: []string{"y"}}},
			Indexes:     []*schema.Index{{Name: "ix_t_x", Elements: []schema.IndexElement{{Column: "x"}}}}}},
		&ops.Execute{SQL: "INSERT INTO t (x, y) VALUES ('12', 1), ('34', 2)"},
		&ops.BatchAlterTable{Table: "t", Recreate: "always", Ops: []ops.Op{
			&ops.AlterColumn{Column: "x", Type: &schema.Type{Kind: "Integer"}, ExistingType: &schema.Type{Kind: "String", Length: 10}},
			&ops.AddColumn{Column: col("z", &schema.Type{Kind: "Text"}, true)},
		}},
	)
	got := ddltest.Reflect(t, d, db, "", "t")
	if want := []string{"id", "x", "y", "z"}; !reflect.DeepEqual(ddltest.ColumnNames(got), want) {
		t.Errorf("columns = %v, want %v", ddltest.ColumnNames(got), want)
	}
	if x := ddltest.Column(t, got, "x"); x.Type.Kind != "INTEGER" {
		t.Errorf("x type = %+v", x.Type)
	}
	if ddltest.Index(got, "ix_t_x") == nil || ddltest.Constraint(got, "uq_t_y") == nil {
		t.Errorf("index or unique constraint not recreated: %+v %+v", got.Indexes, got.Constraints)
	}
	if n := ddltest.Count(t, db, "SELECT 1 FROM t WHERE x + y IN (13, 36)"); n != 2 {
		t.Errorf("copied rows = %d, want 2", n)
	}
	if _, err := d.Compile(context.Background(), nil, &ops.BatchAlterTable{Table: "t", Recreate: "always"}); err == nil {
		t.Errorf("offline recreate without copy_from compiled")
	}
}

// TestLiveBackslashDefault checks that a default with a backslash is stored
// as written online, while the offline text doubles it as Alembic prints it.
func TestLiveBackslashDefault(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	d := New()
	c := col("p", &schema.Type{Kind: "String", Length: 20}, true)
	c.ServerDefault = lit(`C:\tmp`)
	op := &ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{c}}}
	stmts, err := d.Compile(context.Background(), nil, op)
	if err != nil {
		t.Fatal(err)
	}
	if want := "CREATE TABLE t (\n    p VARCHAR(20) DEFAULT 'C:\\\\tmp'\n)"; stmts[0].Offline() != want {
		t.Errorf("offline = %q, want %q", stmts[0].Offline(), want)
	}
	ddltest.Apply(t, d, db, op)
	got := ddltest.Column(t, ddltest.Reflect(t, d, db, "", "t"), "p")
	if got.ServerDefault == nil || got.ServerDefault.Text != `'C:\tmp'::character varying` {
		t.Errorf("stored default = %+v", got.ServerDefault)
	}
}
