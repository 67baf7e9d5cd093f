package ddl

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/sqlbuild"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// testHooks is a minimal dialect: generic types, "$n" placeholders.
type testHooks struct{ Defaults }

var _ Hooks = (*testHooks)(nil)

func (*testHooks) Name() string { return "generic" }
func (*testHooks) Quoter() sqlbuild.Quoter {
	return sqlbuild.Quoter{Quote: '"', Reserved: sqlbuild.GenericReserved}
}
func (*testHooks) Literals() sqlbuild.LiteralStyle { return sqlbuild.LiteralStyle{} }
func (*testHooks) Placeholder(n int) string        { return "$" + strconv.Itoa(n) }
func (*testHooks) TypeSQL(t *schema.Type) (string, error) {
	if s, ok := GenericTypeSQL(t); ok {
		return s, nil
	}
	return "", errors.New("unknown type " + t.Kind)
}
func (*testHooks) ColumnSpec(c *Compiler, _ *schema.Table, col *schema.Column) (string, error) {
	ts, err := c.Type(col.Type)
	if err != nil {
		return "", err
	}
	s := c.Ident(col.Name) + " " + ts
	if !col.Nullable {
		s += " NOT NULL"
	}
	return s, nil
}

func newTest() *Compiler { return New(&testHooks{}) }

func intCol(name string) *schema.Column {
	return &schema.Column{Name: name, Type: &schema.Type{Kind: "Integer"}, Nullable: true, Autoincrement: "auto"}
}

func TestAutoincrementColumn(t *testing.T) {
	pk := func(c *schema.Column) *schema.Column { c.PrimaryKey = true; c.Nullable = false; return c }
	with := func(c *schema.Column, f func(*schema.Column)) *schema.Column { f(c); return c }
	tests := []struct {
		name  string
		table *schema.Table
		want  string
	}{
		{"single integer key", &schema.Table{Columns: []*schema.Column{pk(intCol("id"))}}, "id"},
		{"no key", &schema.Table{Columns: []*schema.Column{intCol("id")}}, ""},
		{"string key", &schema.Table{Columns: []*schema.Column{pk(&schema.Column{Name: "id", Type: &schema.Type{Kind: "String"}})}}, ""},
		{"autoincrement false", &schema.Table{Columns: []*schema.Column{with(pk(intCol("id")), func(c *schema.Column) { c.Autoincrement = "false" })}}, ""},
		{"server default", &schema.Table{Columns: []*schema.Column{with(pk(intCol("id")), func(c *schema.Column) { c.ServerDefault = &schema.Expr{Kind: schema.ExprText, Text: "1"} })}}, ""},
		{"foreign key", &schema.Table{Columns: []*schema.Column{with(pk(intCol("id")), func(c *schema.Column) { c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "o.id"}} })}}, ""},
		{"foreign key ignore_fk", &schema.Table{Columns: []*schema.Column{with(pk(intCol("id")), func(c *schema.Column) {
			c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "o.id"}}
			c.Autoincrement = "ignore_fk"
		})}}, "id"},
		{"composite without flag", &schema.Table{Columns: []*schema.Column{pk(intCol("a")), pk(intCol("b"))}}, ""},
		{"composite with flag", &schema.Table{Columns: []*schema.Column{pk(intCol("a")), with(pk(intCol("b")), func(c *schema.Column) { c.Autoincrement = "true" })}}, "b"},
		{"explicit constraint", &schema.Table{Columns: []*schema.Column{intCol("a")}, Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"a"}}}}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AutoincrementColumn(tt.table)
			name := ""
			if got != nil {
				name = got.Name
			}
			if name != tt.want {
				t.Errorf("AutoincrementColumn = %q, want %q", name, tt.want)
			}
		})
	}
}

func TestColumnForeignKey(t *testing.T) {
	tests := []struct {
		target                string
		schema, table, column string
		wantErr               bool
	}{
		{target: "o.id", table: "o", column: "id"},
		{target: "s.o.id", schema: "s", table: "o", column: "id"},
		{target: "db.s.o.id", schema: "db.s", table: "o", column: "id"},
		{target: "id", wantErr: true},
	}
	for _, tt := range tests {
		fk, err := ColumnForeignKey("c", &schema.ForeignKeyRef{Target: tt.target})
		if (err != nil) != tt.wantErr {
			t.Fatalf("%s: err = %v", tt.target, err)
		}
		if err != nil {
			continue
		}
		if fk.RefSchema != tt.schema || fk.RefTable != tt.table || fk.RefColumns[0] != tt.column || fk.Columns[0] != "c" {
			t.Errorf("%s: got %+v", tt.target, fk)
		}
	}
}

func TestExprSQL(t *testing.T) {
	col := func(n string) schema.Expr { return schema.Expr{Kind: schema.ExprColumn, Text: n} }
	val := func(v any) schema.Expr { return schema.Expr{Kind: schema.ExprLiteral, Value: v} }
	bin := func(op string, l, r schema.Expr) schema.Expr {
		return schema.Expr{Kind: schema.ExprBinary, Text: op, Args: []schema.Expr{l, r}}
	}
	tests := []struct {
		name string
		e    schema.Expr
		want string
	}{
		{"comparison", bin("=", col("a"), val(int64(1))), "a = 1"},
		{"is null", bin("=", col("a"), schema.Expr{Kind: schema.ExprBind}), "a IS NULL"},
		{"is not null", bin("!=", col("a"), schema.Expr{Kind: schema.ExprLiteral}), "a IS NOT NULL"},
		{"and of comparisons", bin("and", bin("=", col("a"), val("x")), bin(">", col("b"), val(2.5))), "a = 'x' AND b > 2.5"},
		{"or inside and", bin("AND", bin("OR", col("a"), col("b")), col("c")), "(a OR b) AND c"},
		{"and inside or", bin("OR", bin("AND", col("a"), col("b")), col("c")), "a AND b OR c"},
		{"function", schema.Expr{Kind: schema.ExprFunc, Text: "lower", Args: []schema.Expr{col("Name")}}, `lower("Name")`},
		{"ansi function", schema.Expr{Kind: schema.ExprFunc, Text: "current_timestamp"}, "CURRENT_TIMESTAMP"},
		{"text", schema.Expr{Kind: schema.ExprText, Text: "a + 1"}, "a + 1"},
	}
	c := newTest()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.ExprSQL(&tt.e)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ExprSQL = %s, want %s", got, tt.want)
			}
		})
	}
	if _, err := c.ExprSQL(&schema.Expr{Kind: schema.ExprBinary, Text: "=", Args: []schema.Expr{col("a")}}); err == nil {
		t.Errorf("binary expression with one operand rendered")
	}
}

func TestExecuteDML(t *testing.T) {
	c := newTest()
	tb := &schema.Table{Name: "t", Schema: "s"}
	stmts, err := c.Compile(context.Background(), nil, &ops.Execute{DML: &ops.DML{Kind: "update", Table: tb,
		Values: []ops.ColumnValue{{Column: "a", Value: schema.Expr{Kind: schema.ExprBind, Value: "x'y"}}, {Column: "b", Value: schema.Expr{Kind: schema.ExprInline, Value: int64(3)}}},
		Where:  &schema.Expr{Kind: schema.ExprBinary, Text: "=", Args: []schema.Expr{{Kind: schema.ExprColumn, Text: "id"}, {Kind: schema.ExprBind, Value: int64(9)}}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := dialect.Stmt{
		SQL:    "UPDATE s.t SET a=$1, b=3 WHERE s.t.id = $2",
		Args:   []any{"x'y", int64(9)},
		Inline: "UPDATE s.t SET a='x''y', b=3 WHERE s.t.id = 9",
	}
	if len(stmts) != 1 || !reflect.DeepEqual(stmts[0], want) {
		t.Errorf("got %#v\nwant %#v", stmts, want)
	}
	raw, err := c.Compile(context.Background(), nil, &ops.Execute{SQL: "SELECT $1", Args: []any{1}})
	if err != nil || raw[0].SQL != "SELECT $1" || raw[0].Inline != "" || len(raw[0].Args) != 1 {
		t.Errorf("raw execute = %#v, %v", raw, err)
	}
	for _, bad := range []*ops.Execute{{}, {DML: &ops.DML{Kind: "merge", Table: tb}}, {DML: &ops.DML{Kind: "update", Table: tb}}, {DML: &ops.DML{Kind: "delete"}}} {
		if _, err := c.Compile(context.Background(), nil, bad); err == nil || !strings.Contains(err.Error(), "execute") {
			t.Errorf("Compile(%+v) error = %v, want one naming execute", bad, err)
		}
	}
}

func TestBulkInsert(t *testing.T) {
	c := newTest()
	tb := &schema.Table{Name: "t", Columns: []*schema.Column{intCol("id"), intCol("name")}}
	same := &ops.BulkInsert{Table: tb, MultiInsert: true, Rows: []map[string]any{{"name": "a", "id": int64(1)}, {"id": int64(2), "name": nil}}}
	stmts, err := c.BulkInsert(same)
	if err != nil {
		t.Fatal(err)
	}
	want := []dialect.Stmt{{
		SQL:    "INSERT INTO t (id, name) VALUES ($1, $2), ($3, $4)",
		Args:   []any{int64(1), "a", int64(2), nil},
		Inline: "INSERT INTO t (id, name) VALUES (1, 'a');\n\nINSERT INTO t (id, name) VALUES (2, NULL)",
	}}
	if !reflect.DeepEqual(stmts, want) {
		t.Errorf("multiinsert:\n got %#v\nwant %#v", stmts, want)
	}
	mixed := &ops.BulkInsert{Table: tb, MultiInsert: true, Rows: []map[string]any{{"id": int64(1)}, {"id": int64(2), "name": "b"}}}
	stmts, err = c.BulkInsert(mixed)
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 2 || stmts[0].SQL != "INSERT INTO t (id) VALUES ($1)" || stmts[1].Inline != "INSERT INTO t (id, name) VALUES (2, 'b')" {
		t.Errorf("rows with different keys: %#v", stmts)
	}
	if _, err := c.BulkInsert(&ops.BulkInsert{Table: tb, Rows: []map[string]any{{"nope": 1}}}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown column error = %v", err)
	}
}

func TestCompileDispatch(t *testing.T) {
	c := newTest()
	ctx := context.Background()
	if stmts, err := c.Compile(ctx, nil, &ops.AutocommitBlock{Begin: true}); err != nil || stmts != nil {
		t.Errorf("autocommit block = %v, %v; want no statements", stmts, err)
	}
	_, err := c.Compile(ctx, nil, &ops.CreateIndex{Index: &schema.Index{Table: "t", Elements: []schema.IndexElement{{Column: "a"}}}})
	if err == nil || !strings.Contains(err.Error(), "create_index") {
		t.Errorf("unnamed index error = %v", err)
	}
	_, err = c.Compile(ctx, nil, &ops.DropConstraint{Table: "t"})
	if err == nil || !strings.Contains(err.Error(), "drop_constraint") {
		t.Errorf("unnamed drop_constraint error = %v", err)
	}
	_, err = c.Compile(ctx, nil, &ops.BatchAlterTable{Table: "t", Recreate: "always"})
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("recreate=always on Defaults = %v, want ErrUnsupported", err)
	}
	stmts, err := c.Compile(ctx, nil, &ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{intCol("a")}, Comment: func() *string { s := "c"; return &s }()}})
	if err != nil {
		t.Fatal(err)
	}
	if got := stmts[len(stmts)-1].SQL; got != "COMMENT ON TABLE t IS 'c'" {
		t.Errorf("comment statement = %q", got)
	}
}

func TestBindToTable(t *testing.T) {
	got := BindToTable(&ops.AddColumn{Column: intCol("x")}, "s", "t").(*ops.AddColumn)
	if got.Table != "t" || got.Schema != "s" {
		t.Errorf("AddColumn bound to %s.%s", got.Schema, got.Table)
	}
	kept := BindToTable(&ops.DropColumn{Table: "other", Column: "x"}, "s", "t").(*ops.DropColumn)
	if kept.Table != "other" || kept.Schema != "" {
		t.Errorf("explicit table replaced: %+v", kept)
	}
	idx := BindToTable(&ops.CreateIndex{Index: &schema.Index{Name: "i"}}, "", "t").(*ops.CreateIndex)
	if idx.Index.Table != "t" {
		t.Errorf("index bound to %q", idx.Index.Table)
	}
}

func TestTypeAffinity(t *testing.T) {
	same := [][2]string{{"Integer", "BIGINT"}, {"String", "Text"}, {"VARCHAR", "Enum"}, {"Numeric", "Float"}, {"DateTime", "TIMESTAMP"}}
	for _, p := range same {
		if TypeAffinity(&schema.Type{Kind: p[0]}) != TypeAffinity(&schema.Type{Kind: p[1]}) {
			t.Errorf("%s and %s should share an affinity", p[0], p[1])
		}
	}
	differ := [][2]string{{"Integer", "String"}, {"Date", "DateTime"}, {"Boolean", "Integer"}}
	for _, p := range differ {
		if TypeAffinity(&schema.Type{Kind: p[0]}) == TypeAffinity(&schema.Type{Kind: p[1]}) {
			t.Errorf("%s and %s should differ", p[0], p[1])
		}
	}
}
