package mysql

import (
	"context"
	"reflect"
	"testing"

	"github.com/retort-dev/retort/dialect"
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

func str(n int) *schema.Type { return &schema.Type{Kind: "String", Length: n} }

func integer() *schema.Type { return &schema.Type{Kind: "Integer"} }

func parentTable() *schema.Table {
	id := col("id", integer(), false)
	id.PrimaryKey = true
	return &schema.Table{Name: "parent", Columns: []*schema.Column{id}, DialectOptions: map[string]string{"mysql_engine": "InnoDB"}}
}

// flavours runs a live test with both dialect flavours: the server is
// MariaDB, and a mysql:// URL pointed at it compiles with New.
func flavours(t *testing.T, run func(t *testing.T, d dialect.Dialect)) {
	t.Run("mariadb", func(t *testing.T) { run(t, NewMariaDB()) })
	t.Run("mysql", func(t *testing.T) { run(t, New()) })
}

func TestLiveCreateTable(t *testing.T) {
	flavours(t, func(t *testing.T, d dialect.Dialect) {
		db, _ := dbtest.MySQL(t)
		id := col("id", integer(), false)
		id.PrimaryKey = true
		id.Comment = sp("the key")
		name := col("name", str(50), false)
		name.ServerDefault = lit("anon")
		mood := col("mood", &schema.Type{Kind: "Enum", Values: []string{"happy", "it's"}, EnumName: "mood", NativeEnum: true}, true)
		mood.Index = true
		email := col("email", str(100), true)
		email.Unique = true
		pid := col("parent_id", integer(), true)
		pid.ForeignKeys = []*schema.ForeignKeyRef{{Target: "parent.id", OnDelete: "CASCADE"}}
		created := col("created", &schema.Type{Kind: "DateTime"}, true)
		created.ServerDefault = &schema.Expr{Kind: schema.ExprFunc, Text: "now"}
		amount := col("amount", &schema.Type{Kind: "Numeric", Precision: ip(10), Scale: ip(2)}, true)
		big := col("big", &schema.Type{Kind: "BIGINT", Dialect: "mysql", Unsigned: true}, true)
		table := &schema.Table{Name: "account", Comment: sp("accounts"),
			Columns:        []*schema.Column{id, name, mood, email, pid, created, amount, big, col("body", &schema.Type{Kind: "LONGTEXT", Dialect: "mysql"}, true)},
			Constraints:    []schema.Constraint{&schema.Check{Name: "ck_amount", SQL: "amount >= 0"}},
			DialectOptions: map[string]string{"mysql_engine": "InnoDB", "mariadb_engine": "InnoDB"},
		}
		ddltest.Apply(t, d, db, &ops.CreateTable{Table: parentTable()}, &ops.CreateTable{Table: table})

		got := ddltest.Reflect(t, d, db, "", "account")
		if want := []string{"id", "name", "mood", "email", "parent_id", "created", "amount", "big", "body"}; !reflect.DeepEqual(ddltest.ColumnNames(got), want) {
			t.Fatalf("columns = %v, want %v", ddltest.ColumnNames(got), want)
		}
		if got.Comment == nil || *got.Comment != "accounts" {
			t.Errorf("table comment = %v", got.Comment)
		}
		idc := ddltest.Column(t, got, "id")
		if idc.Nullable || !idc.PrimaryKey || idc.Autoincrement != "true" || idc.Comment == nil || *idc.Comment != "the key" {
			t.Errorf("id = %+v, want AUTO_INCREMENT primary key with comment", idc)
		}
		nc := ddltest.Column(t, got, "name")
		if nc.Nullable || nc.Type.Kind != "VARCHAR" || nc.Type.Length != 50 || nc.ServerDefault == nil || nc.ServerDefault.Text != "'anon'" {
			t.Errorf("name = %+v type %+v default %+v", nc, nc.Type, nc.ServerDefault)
		}
		if mc := ddltest.Column(t, got, "mood"); mc.Type.Kind != "ENUM" || !reflect.DeepEqual(mc.Type.Values, []string{"happy", "it's"}) {
			t.Errorf("mood type = %+v", mc.Type)
		}
		if cc := ddltest.Column(t, got, "created"); cc.Type.Kind != "DATETIME" || cc.ServerDefault == nil || cc.ServerDefault.Text != "current_timestamp()" {
			t.Errorf("created = %+v default %+v", cc.Type, cc.ServerDefault)
		}
		if ac := ddltest.Column(t, got, "amount"); ac.Type.Kind != "DECIMAL" || *ac.Type.Precision != 10 || *ac.Type.Scale != 2 {
			t.Errorf("amount type = %+v", ac.Type)
		}
		if bc := ddltest.Column(t, got, "big"); bc.Type.Kind != "BIGINT" || !bc.Type.Unsigned {
			t.Errorf("big type = %+v", bc.Type)
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
		if fk == nil || fk.RefTable != "parent" || fk.RefSchema != "" || !reflect.DeepEqual(fk.Columns, []string{"parent_id"}) || fk.OnDelete != "CASCADE" {
			t.Errorf("foreign key = %+v", fk)
		}
		if uq == nil || !reflect.DeepEqual(uq.Columns, []string{"email"}) {
			t.Errorf("unique = %+v", uq)
		}
		if ck, ok := ddltest.Constraint(got, "ck_amount").(*schema.Check); !ok || ck.SQL != "`amount` >= 0" {
			t.Errorf("check = %+v", ddltest.Constraint(got, "ck_amount"))
		}
	})
}

func TestLiveColumnOps(t *testing.T) {
	flavours(t, func(t *testing.T, d dialect.Dialect) {
		db, _ := dbtest.MySQL(t)
		ddltest.Apply(t, d, db, &ops.CreateTable{Table: parentTable()},
			&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{col("a", str(10), true), col("gone", integer(), true)}}})
		added := col("b", integer(), false)
		added.ServerDefault = lit("7")
		added.Comment = sp("bee")
		added.ForeignKeys = []*schema.ForeignKeyRef{{Target: "parent.id"}}
		added.Index = true
		ts := col("ts", &schema.Type{Kind: "TIMESTAMP"}, true)
		ddltest.Apply(t, d, db, &ops.Execute{SQL: "INSERT INTO parent (id) VALUES (7)"},
			&ops.AddColumn{Table: "t", Column: added},
			&ops.AddColumn{Table: "t", Column: ts},
			&ops.DropColumn{Table: "t", Column: "gone"},
			&ops.Execute{SQL: "INSERT INTO t (a) VALUES ('42')"},
			&ops.AlterColumn{Table: "t", Column: "a", Type: integer(), ExistingType: str(10)},
			&ops.AlterColumn{Table: "t", Column: "a", Nullable: bp(false), ExistingType: integer()},
			&ops.AlterColumn{Table: "t", Column: "a", ServerDefault: &ops.DefaultChange{Expr: lit("0")}, ExistingType: integer()},
			&ops.AlterColumn{Table: "t", Column: "a", NewName: "a2", Comment: &ops.CommentChange{Comment: sp("ay")}, ExistingType: integer(),
				ExistingNullable: bp(false), ExistingServerDefault: lit("0")},
			&ops.AlterColumn{Table: "t", Column: "b", ServerDefault: &ops.DefaultChange{}, ExistingType: integer()},
			&ops.AlterColumn{Table: "t", Column: "ts", ServerDefault: &ops.DefaultChange{Expr: &schema.Expr{Kind: schema.ExprText, Text: "CURRENT_TIMESTAMP"}},
				ExistingType: &schema.Type{Kind: "TIMESTAMP"}, ExistingNullable: bp(true)},
		)
		got := ddltest.Reflect(t, d, db, "", "t")
		if want := []string{"a2", "b", "ts"}; !reflect.DeepEqual(ddltest.ColumnNames(got), want) {
			t.Fatalf("columns = %v, want %v", ddltest.ColumnNames(got), want)
		}
		a := ddltest.Column(t, got, "a2")
		if a.Type.Kind != "INTEGER" || a.Nullable || a.ServerDefault == nil || a.ServerDefault.Text != "0" || a.Comment == nil || *a.Comment != "ay" {
			t.Errorf("a2 = %+v type %+v default %+v", a, a.Type, a.ServerDefault)
		}
		b := ddltest.Column(t, got, "b")
		if b.Nullable || b.ServerDefault != nil || b.Comment == nil || *b.Comment != "bee" {
			t.Errorf("b = %+v default %+v, want NOT NULL without default, comment kept", b, b.ServerDefault)
		}
		if c := ddltest.Column(t, got, "ts"); !c.Nullable || c.ServerDefault == nil || c.ServerDefault.Text != "current_timestamp()" {
			t.Errorf("ts = %+v default %+v", c, c.ServerDefault)
		}
		if ddltest.Index(got, "ix_t_b") == nil {
			t.Errorf("index ix_t_b missing: %+v", got.Indexes)
		}
		if n := ddltest.Count(t, db, "SELECT 1 FROM t WHERE a2 = 42 AND b = 7"); n != 1 {
			t.Errorf("converted row count = %d", n)
		}
		_, err := d.Compile(context.Background(), nil, &ops.AlterColumn{Table: "t", Column: "b", Nullable: bp(true)})
		if err == nil {
			t.Errorf("alter_column nullable without existing_type compiled")
		}
	})
}

func TestLiveIndexesAndConstraints(t *testing.T) {
	flavours(t, func(t *testing.T, d dialect.Dialect) {
		db, _ := dbtest.MySQL(t)
		cols := []*schema.Column{col("a", integer(), false), col("b", integer(), false), col("c", str(200), true)}
		ddltest.Apply(t, d, db, &ops.CreateTable{Table: parentTable()}, &ops.CreateTable{Table: &schema.Table{Name: "t", Columns: cols}},
			&ops.CreatePrimaryKey{Table: "t", PrimaryKey: &schema.PrimaryKey{Name: "pk_t", Columns: []string{"a", "b"}}},
			&ops.CreateUniqueConstraint{Table: "t", Unique: &schema.Unique{Name: "uq_t_c", Columns: []string{"c"}}},
			&ops.CreateForeignKey{Table: "t", ForeignKey: &schema.ForeignKey{Name: "fk_t_a", Columns: []string{"a"}, RefTable: "parent", RefColumns: []string{"id"}, OnUpdate: "CASCADE"}},
			&ops.CreateCheckConstraint{Table: "t", Check: &schema.Check{Name: "ck_t_b", SQL: "b > 0"}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_prefix", Table: "t", Elements: []schema.IndexElement{{Column: "c"}, {Column: "b"}},
				DialectOptions: map[string]string{"mysql_length": "c:10", "mariadb_length": "c:10"}}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_gone", Table: "t", Elements: []schema.IndexElement{{Column: "b"}}}},
			&ops.DropIndex{Table: "t", Name: "ix_gone"},
		)
		got := ddltest.Reflect(t, d, db, "", "t")
		pk := ddltest.FirstConstraint[*schema.PrimaryKey](got)
		if pk == nil || !reflect.DeepEqual(pk.Columns, []string{"a", "b"}) {
			t.Errorf("primary key = %+v", pk)
		}
		if uq, ok := ddltest.Constraint(got, "uq_t_c").(*schema.Unique); !ok || !reflect.DeepEqual(uq.Columns, []string{"c"}) {
			t.Errorf("uq_t_c = %+v", ddltest.Constraint(got, "uq_t_c"))
		}
		if fk, ok := ddltest.Constraint(got, "fk_t_a").(*schema.ForeignKey); !ok || fk.OnUpdate != "CASCADE" || fk.OnDelete != "" {
			t.Errorf("fk_t_a = %+v", ddltest.Constraint(got, "fk_t_a"))
		}
		if ck, ok := ddltest.Constraint(got, "ck_t_b").(*schema.Check); !ok || ck.SQL != "`b` > 0" {
			t.Errorf("ck_t_b = %+v", ddltest.Constraint(got, "ck_t_b"))
		}
		ix := ddltest.Index(got, "ix_prefix")
		if ix == nil || !reflect.DeepEqual(ix.Elements, []schema.IndexElement{{Column: "c"}, {Column: "b"}}) || ix.DialectOptions["mysql_length"] != "c:10" {
			t.Errorf("ix_prefix = %+v", ix)
		}
		if ddltest.Index(got, "ix_gone") != nil {
			t.Errorf("ix_gone was not dropped")
		}
		// Offline, mysql:// drops a CHECK with MySQL's DROP CHECK; online it
		// sees the MariaDB server and uses DROP CONSTRAINT, as SQLAlchemy does.
		ddltest.Apply(t, d, db,
			&ops.DropConstraint{Table: "t", Name: "fk_t_a", Type: "foreignkey"},
			&ops.DropConstraint{Table: "t", Name: "ck_t_b", Type: "check"},
			&ops.DropConstraint{Table: "t", Name: "uq_t_c", Type: "unique"},
			&ops.DropConstraint{Table: "t", Name: "pk_t", Type: "primary"},
		)
		if got := ddltest.Reflect(t, d, db, "", "t"); len(got.Constraints) != 0 {
			t.Errorf("constraints left after drops: %+v", got.Constraints)
		}
	})
}

func TestLiveTableOps(t *testing.T) {
	flavours(t, func(t *testing.T, d dialect.Dialect) {
		db, _ := dbtest.MySQL(t)
		ctx := context.Background()
		ddltest.Apply(t, d, db,
			&ops.CreateTable{Table: &schema.Table{Name: "Old", Columns: []*schema.Column{col("x", integer(), true)}}},
			&ops.RenameTable{OldName: "Old", NewName: "new"},
			&ops.CreateTableComment{Table: "new", Comment: "it's new"},
		)
		got := ddltest.Reflect(t, d, db, "", "new")
		if got.Comment == nil || *got.Comment != "it's new" {
			t.Errorf("comment = %v", got.Comment)
		}
		ddltest.Apply(t, d, db, &ops.DropTableComment{Table: "new"})
		if got := ddltest.Reflect(t, d, db, "", "new"); got.Comment != nil {
			t.Errorf("comment after drop = %q", *got.Comment)
		}
		ddltest.Apply(t, d, db, &ops.DropTable{Name: "new"})
		if _, err := d.Reflect(ctx, db, "", "new"); err == nil {
			t.Errorf("table still there after drop_table")
		}
	})
}

func TestLiveDataOps(t *testing.T) {
	db, _ := dbtest.MySQL(t)
	d := NewMariaDB()
	id := col("id", integer(), false)
	id.PrimaryKey = true
	tb := &schema.Table{Name: "item", Columns: []*schema.Column{id, col("name", str(20), true), col("ok", &schema.Type{Kind: "Boolean"}, true)}}
	ddltest.Apply(t, d, db, &ops.CreateTable{Table: tb},
		&ops.BulkInsert{Table: tb, MultiInsert: true, Rows: []map[string]any{{"id": int64(1), "name": "o'ne", "ok": true}, {"id": int64(2), "name": "two", "ok": false}}},
		&ops.BulkInsert{Table: tb, Rows: []map[string]any{{"id": int64(3)}, {"id": int64(4), "name": schema.Expr{Kind: schema.ExprInline, Value: `fo\ur`}}}},
		&ops.Execute{DML: &ops.DML{Kind: "update", Table: tb, Values: []ops.ColumnValue{{Column: "ok", Value: schema.Expr{Kind: schema.ExprBind, Value: true}}},
			Where: &schema.Expr{Kind: schema.ExprBinary, Text: "=", Args: []schema.Expr{{Kind: schema.ExprColumn, Text: "name"}, {Kind: schema.ExprBind, Value: "two"}}}}},
		&ops.Execute{DML: &ops.DML{Kind: "delete", Table: tb,
			Where: &schema.Expr{Kind: schema.ExprBinary, Text: "=", Args: []schema.Expr{{Kind: schema.ExprColumn, Text: "name"}, {Kind: schema.ExprBind}}}}},
	)
	for q, want := range map[string]int{
		"SELECT 1 FROM item":                                  3,
		"SELECT 1 FROM item WHERE name = 'o''ne' AND ok":      1,
		"SELECT 1 FROM item WHERE name = 'two' AND ok":        1,
		`SELECT 1 FROM item WHERE id = 4 AND name = 'fo\\ur'`: 1,
		"SELECT 1 FROM item WHERE id = 3":                     0,
	} {
		if n := ddltest.Count(t, db, q); n != want {
			t.Errorf("%s: %d rows, want %d", q, n, want)
		}
	}
}

func TestLiveBatchInPlace(t *testing.T) {
	db, _ := dbtest.MySQL(t)
	d := NewMariaDB()
	ddltest.Apply(t, d, db,
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{col("x", integer(), true), col("y", integer(), true)}}},
		&ops.BatchAlterTable{Table: "t", Recreate: "auto", Ops: []ops.Op{
			&ops.AddColumn{Column: col("z", &schema.Type{Kind: "Text"}, true)},
			&ops.DropColumn{Column: "y"},
			&ops.AlterColumn{Column: "x", NewName: "x2", Nullable: bp(false), ExistingType: integer()},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_x2", Elements: []schema.IndexElement{{Column: "x2"}}}},
		}},
	)
	got := ddltest.Reflect(t, d, db, "", "t")
	if want := []string{"x2", "z"}; !reflect.DeepEqual(ddltest.ColumnNames(got), want) {
		t.Errorf("columns = %v, want %v", ddltest.ColumnNames(got), want)
	}
	if ddltest.Column(t, got, "x2").Nullable {
		t.Errorf("x2 is nullable")
	}
	if ddltest.Index(got, "ix_t_x2") == nil {
		t.Errorf("ix_t_x2 missing")
	}
}

func TestLiveBatchRecreate(t *testing.T) {
	db, _ := dbtest.MySQL(t)
	d := NewMariaDB()
	id := col("id", integer(), false)
	id.PrimaryKey = true
	ddltest.Apply(t, d, db,
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{id, col("x", str(10), true), col("y", integer(), true)},
			Constraints: []schema.Constraint{&schema.Unique{Name: "uq_t_y", Columns: []string{"y"}}},
			Indexes:     []*schema.Index{{Name: "ix_t_x", Elements: []schema.IndexElement{{Column: "x"}}}}}},
		&ops.Execute{SQL: "INSERT INTO t (x, y) VALUES ('12', 1), ('34', 2)"},
		&ops.BatchAlterTable{Table: "t", Recreate: "always", Ops: []ops.Op{
			&ops.AlterColumn{Column: "x", Type: integer(), ExistingType: str(10)},
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
}
