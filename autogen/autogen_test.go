package autogen

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// sqlTypes renders the few types these tests use the way PostgreSQL's DDL
// spells them.
type sqlTypes struct{}

func (sqlTypes) TypeSQL(t *schema.Type) (string, error) {
	switch t.Kind {
	case "Integer", "INTEGER":
		return "INTEGER", nil
	case "String", "VARCHAR":
		if t.Length > 0 {
			return fmt.Sprintf("VARCHAR(%d)", t.Length), nil
		}
		return "VARCHAR", nil
	case "Numeric", "NUMERIC", "DECIMAL":
		if t.Precision != nil {
			return fmt.Sprintf("%s(%d, %d)", strings.ToUpper(t.Kind), *t.Precision, *t.Scale), nil
		}
		return strings.ToUpper(t.Kind), nil
	case "Text", "TEXT":
		return "TEXT", nil
	case "Enum", "ENUM":
		return t.EnumName, nil
	}
	return "", fmt.Errorf("no type %s", t.Kind)
}

func (sqlTypes) DefaultSQL(e *schema.Expr) (string, error) { return e.Text, nil }

func intCol(name string) *schema.Column {
	return &schema.Column{Name: name, Type: &schema.Type{Kind: "Integer"}, Nullable: true}
}

func strCol(name string, n int) *schema.Column {
	return &schema.Column{Name: name, Type: &schema.Type{Kind: "String", Length: n}, Nullable: true}
}

func pk(t *schema.Table, cols ...string) *schema.Table {
	t.Constraints = append(t.Constraints, &schema.PrimaryKey{Columns: cols})
	for _, c := range cols {
		t.Column(c).Nullable = false
	}
	return t
}

func table(name string, cols ...*schema.Column) *schema.Table {
	return &schema.Table{Name: name, Columns: cols}
}

// describe spells ops as short lines a reader can check by eye.
func describe(list []ops.Op) []string {
	var out []string
	for _, op := range list {
		switch o := op.(type) {
		case *ops.CreateTable:
			var cols []string
			for _, c := range o.Table.Columns {
				cols = append(cols, c.Name)
			}
			out = append(out, fmt.Sprintf("create_table %s (%s) indexes=%d", o.Table.Name, strings.Join(cols, ","), len(o.Table.Indexes)))
		case *ops.DropTable:
			out = append(out, "drop_table "+o.Name)
		case *ops.AddColumn:
			out = append(out, "add_column "+o.Table+"."+o.Column.Name)
		case *ops.DropColumn:
			out = append(out, "drop_column "+o.Table+"."+o.Column)
		case *ops.AlterColumn:
			s := "alter_column " + o.Table + "." + o.Column
			if o.Nullable != nil {
				s += fmt.Sprintf(" nullable=%v", *o.Nullable)
			}
			if o.Type != nil {
				s += " type=" + o.Type.Kind + fmt.Sprint(o.Type.Length)
			}
			if o.ServerDefault != nil {
				s += " default"
			}
			if o.Comment != nil {
				s += " comment"
			}
			out = append(out, s)
		case *ops.CreateIndex:
			out = append(out, fmt.Sprintf("create_index %s on %s unique=%v", o.Index.Name, o.Index.Table, o.Index.Unique))
		case *ops.DropIndex:
			out = append(out, "drop_index "+o.Name+" on "+o.Table)
		case *ops.CreateUniqueConstraint:
			out = append(out, fmt.Sprintf("create_unique %q on %s (%s)", o.Unique.Name, o.Table, strings.Join(o.Unique.Columns, ",")))
		case *ops.CreateForeignKey:
			out = append(out, fmt.Sprintf("create_fk %s.%s -> %s", o.Table, strings.Join(o.ForeignKey.Columns, ","), o.ForeignKey.RefTable))
		case *ops.CreateCheckConstraint:
			out = append(out, "create_check "+o.Check.Name+" on "+o.Table)
		case *ops.DropConstraint:
			out = append(out, fmt.Sprintf("drop_constraint %q %s on %s", o.Name, o.Type, o.Table))
		case *ops.CreateTableComment:
			out = append(out, "table_comment "+o.Table+" = "+o.Comment)
		case *ops.DropTableComment:
			out = append(out, "drop_table_comment "+o.Table)
		case *ops.Execute:
			out = append(out, "execute "+o.SQL)
		case *ops.AutocommitBlock:
			out = append(out, fmt.Sprintf("autocommit begin=%v", o.Begin))
		case *ops.BatchAlterTable:
			out = append(out, "batch "+o.Table+" {"+strings.Join(describe(o.Ops), "; ")+"}")
		default:
			out = append(out, fmt.Sprintf("%T", op))
		}
	}
	return out
}

func TestCompare(t *testing.T) {
	prec, scale := 10, 2
	tests := []struct {
		name       string
		opts       Options
		target     *schema.MetaData
		live       *schema.MetaData
		up, down   []string
		commentHas string
	}{
		{
			name:   "nothing differs",
			target: &schema.MetaData{Tables: []*schema.Table{pk(table("a", intCol("id"), strCol("x", 50)), "id")}},
			live:   &schema.MetaData{Tables: []*schema.Table{pk(table("a", &schema.Column{Name: "id", Type: &schema.Type{Kind: "INTEGER"}}, &schema.Column{Name: "x", Type: &schema.Type{Kind: "VARCHAR", Length: 50}, Nullable: true}), "id")}},
		},
		{
			name: "added tables in dependency order, with their indexes after them",
			target: &schema.MetaData{Tables: []*schema.Table{
				{Name: "a_child", Columns: []*schema.Column{intCol("id"), {Name: "parent_id", Type: &schema.Type{Kind: "Integer"}, Nullable: true, Index: true,
					ForeignKeys: []*schema.ForeignKeyRef{{Target: "z_parent.id"}}}}},
				pk(table("z_parent", intCol("id")), "id"),
			}},
			live: &schema.MetaData{},
			up:   []string{"create_table z_parent (id) indexes=0", "create_table a_child (id,parent_id) indexes=0", "create_index ix_a_child_parent_id on a_child unique=false"},
			down: []string{"drop_index ix_a_child_parent_id on a_child", "drop_table a_child", "drop_table z_parent"},
		},
		{
			name:   "dropped table: indexes first, the version table never",
			target: &schema.MetaData{},
			live: &schema.MetaData{Tables: []*schema.Table{
				{Name: "alembic_version", Columns: []*schema.Column{strCol("version_num", 32)}},
				{Name: "old", Columns: []*schema.Column{intCol("id")}, Indexes: []*schema.Index{{Name: "ix_old_id", Elements: []schema.IndexElement{{Column: "id"}}}}},
			}},
			up:   []string{"drop_index ix_old_id on old", "drop_table old"},
			down: []string{"create_table old (id) indexes=0", "create_index ix_old_id on old unique=false"},
		},
		{
			name:       "a column dropped and one added with its type: a rename hint",
			target:     &schema.MetaData{Tables: []*schema.Table{table("a", intCol("id"), strCol("full_name", 50))}},
			live:       &schema.MetaData{Tables: []*schema.Table{table("a", intCol("id"), strCol("name", 50))}},
			up:         []string{"add_column a.full_name", "drop_column a.name"},
			down:       []string{"add_column a.name", "drop_column a.full_name"},
			commentHas: "op.alter_column('a', 'name', new_column_name='full_name')",
		},
		{
			name:   "nullability and a longer string, one alter_column",
			opts:   Options{CompareType: true},
			target: &schema.MetaData{Tables: []*schema.Table{table("a", &schema.Column{Name: "x", Type: &schema.Type{Kind: "String", Length: 100}})}},
			live:   &schema.MetaData{Tables: []*schema.Table{table("a", &schema.Column{Name: "x", Type: &schema.Type{Kind: "VARCHAR", Length: 50}, Nullable: true})}},
			up:     []string{"alter_column a.x nullable=false type=String100"},
			down:   []string{"alter_column a.x nullable=true type=VARCHAR50"},
		},
		{
			name:   "types compare off",
			target: &schema.MetaData{Tables: []*schema.Table{table("a", strCol("x", 100))}},
			live:   &schema.MetaData{Tables: []*schema.Table{table("a", &schema.Column{Name: "x", Type: &schema.Type{Kind: "VARCHAR", Length: 50}, Nullable: true})}},
		},
		{
			name: "equivalent spellings are not changes",
			opts: Options{CompareType: true},
			target: &schema.MetaData{Tables: []*schema.Table{table("a", strCol("s", 0),
				&schema.Column{Name: "n", Type: &schema.Type{Kind: "Numeric", Precision: &prec, Scale: &scale}, Nullable: true})}},
			live: &schema.MetaData{Tables: []*schema.Table{table("a", &schema.Column{Name: "s", Type: &schema.Type{Kind: "VARCHAR", Length: 30}, Nullable: true},
				&schema.Column{Name: "n", Type: &schema.Type{Kind: "DECIMAL", Precision: &prec, Scale: &scale}, Nullable: true})}},
		},
		{
			name: "indexes: removed, changed uniqueness, changed predicate, added",
			target: &schema.MetaData{Tables: []*schema.Table{{Name: "a", Columns: []*schema.Column{intCol("x"), intCol("y")}, Indexes: []*schema.Index{
				{Name: "ix_new", Elements: []schema.IndexElement{{Column: "y"}}},
				{Name: "ix_uq", Unique: true, Elements: []schema.IndexElement{{Column: "x"}}},
				{Name: "ix_part", Elements: []schema.IndexElement{{Column: "x"}}, DialectOptions: map[string]string{"postgresql_where": "y > 1"}},
				{Name: "ix_same", Elements: []schema.IndexElement{{Column: "y"}}, DialectOptions: map[string]string{"postgresql_where": "y IS NULL"}},
			}}}},
			live: &schema.MetaData{Tables: []*schema.Table{{Name: "a", Columns: []*schema.Column{intCol("x"), intCol("y")}, Indexes: []*schema.Index{
				{Name: "ix_gone", Elements: []schema.IndexElement{{Column: "x"}}},
				{Name: "ix_uq", Elements: []schema.IndexElement{{Column: "x"}}},
				{Name: "ix_part", Elements: []schema.IndexElement{{Column: "x"}}, DialectOptions: map[string]string{"postgresql_where": "(y > 0)"}},
				{Name: "ix_same", Elements: []schema.IndexElement{{Column: "y"}}, DialectOptions: map[string]string{"postgresql_where": "(y IS NULL)"}},
			}}}},
			up: []string{"drop_index ix_gone on a", "drop_index ix_part on a", "create_index ix_part on a unique=false",
				"drop_index ix_uq on a", "create_index ix_uq on a unique=true", "create_index ix_new on a unique=false"},
			down: []string{"drop_index ix_new on a", "drop_index ix_uq on a", "create_index ix_uq on a unique=false",
				"drop_index ix_part on a", "create_index ix_part on a unique=false", "create_index ix_gone on a unique=false"},
		},
		{
			name: "an unnamed unique matches the database's named one by columns; a new one is added",
			target: &schema.MetaData{Tables: []*schema.Table{{Name: "a", Columns: []*schema.Column{intCol("x"), intCol("y")},
				Constraints: []schema.Constraint{&schema.Unique{Columns: []string{"x"}}, &schema.Unique{Columns: []string{"y"}}}}}},
			live: &schema.MetaData{Tables: []*schema.Table{{Name: "a", Columns: []*schema.Column{intCol("x"), intCol("y")},
				Constraints: []schema.Constraint{&schema.Unique{Name: "a_x_key", Columns: []string{"x"}}}}}},
			up:   []string{`create_unique "" on a (y)`},
			down: []string{`drop_constraint "" unique on a`},
		},
		{
			name: "foreign keys by signature, check constraints by name, table comment",
			target: &schema.MetaData{Tables: []*schema.Table{pk(table("p", intCol("id")), "id"), {Name: "c", Comment: ptr("children"), Columns: []*schema.Column{intCol("p_id")},
				Constraints: []schema.Constraint{&schema.ForeignKey{Columns: []string{"p_id"}, RefTable: "p", RefColumns: []string{"id"}, OnDelete: "CASCADE"},
					&schema.Check{Name: "ck_new", SQL: "p_id > 0"}}}}},
			live: &schema.MetaData{Tables: []*schema.Table{pk(table("p", intCol("id")), "id"), {Name: "c", Columns: []*schema.Column{intCol("p_id")},
				Constraints: []schema.Constraint{&schema.ForeignKey{Name: "c_p_id_fkey", Columns: []string{"p_id"}, RefTable: "p", RefColumns: []string{"id"}},
					&schema.Check{Name: "ck_old", SQL: "p_id < 0"}}}}},
			up: []string{`drop_constraint "c_p_id_fkey" foreignkey on c`, "create_fk c.p_id -> p", `drop_constraint "ck_old" check on c`, "create_check ck_new on c",
				"table_comment c = children"},
			down: []string{"drop_table_comment c", `drop_constraint "ck_new" check on c`, "create_check ck_old on c", `drop_constraint "" foreignkey on c`, "create_fk c.p_id -> p"},
		},
		{
			name:   "the include filter keeps a table out",
			opts:   Options{Include: func(o Object) bool { return !(o.Type == "table" && o.Name == "keep_out") }},
			live:   &schema.MetaData{Tables: []*schema.Table{table("keep_out", intCol("id"))}},
			target: &schema.MetaData{},
		},
		{
			name:   "render_as_batch groups a table's alterations",
			opts:   Options{RenderAsBatch: true},
			target: &schema.MetaData{Tables: []*schema.Table{table("a", intCol("id"), intCol("b"), intCol("c")), table("new", intCol("id"))}},
			live:   &schema.MetaData{Tables: []*schema.Table{table("a", intCol("id"))}},
			up:     []string{"create_table new (id) indexes=0", "batch a {add_column a.b; add_column a.c}"},
			down:   []string{"batch a {drop_column a.c; drop_column a.b}", "drop_table new"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.opts
			o.Dialect = "postgresql"
			o.Types = sqlTypes{}
			before := describe(ops2(tt.target))
			res, err := Compare(tt.target, tt.live, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(res.Upgrade); !slices.Equal(got, tt.up) {
				t.Errorf("upgrade:\n got %q\nwant %q", got, tt.up)
			}
			if got := describe(res.Downgrade); !slices.Equal(got, tt.down) {
				t.Errorf("downgrade:\n got %q\nwant %q", got, tt.down)
			}
			if tt.commentHas != "" && !strings.Contains(strings.Join(res.Comments, "\n"), tt.commentHas) {
				t.Errorf("comments %q lack %q", res.Comments, tt.commentHas)
			}
			if res.Empty() != (len(tt.up) == 0) || len(res.Diffs) == 0 != (len(tt.up) == 0) {
				t.Errorf("Empty() = %v with diffs %q", res.Empty(), res.Diffs)
			}
			if after := describe(ops2(tt.target)); !slices.Equal(before, after) {
				t.Errorf("Compare changed its input: %q -> %q", before, after)
			}
		})
	}
}

// ops2 describes a metadata's tables as create_table ops, to see that
// Compare leaves its input alone.
func ops2(md *schema.MetaData) []ops.Op {
	var out []ops.Op
	for _, t := range md.Tables {
		out = append(out, &ops.CreateTable{Table: t})
		for _, c := range t.Columns {
			out = append(out, &ops.AlterColumn{Table: t.Name, Column: c.Name, Nullable: &c.Nullable})
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func TestCompare_PostgresEnums(t *testing.T) {
	mood := func(values ...string) *schema.Type {
		return &schema.Type{Kind: "Enum", EnumName: "mood", NativeEnum: true, Values: values, Python: "sa.Enum('a', name='mood')"}
	}
	t.Run("created before its first table, not twice, dropped in the downgrade", func(t *testing.T) {
		target := &schema.MetaData{Tables: []*schema.Table{
			table("a", &schema.Column{Name: "m", Type: mood("happy", "sad"), Nullable: true}),
			table("b", &schema.Column{Name: "m", Type: mood("happy", "sad"), Nullable: true}),
		}}
		res, err := Compare(target, &schema.MetaData{}, Options{Dialect: "postgresql", Types: sqlTypes{}})
		if err != nil {
			t.Fatal(err)
		}
		wantUp := []string{"execute CREATE TYPE mood AS ENUM ('happy', 'sad')", "create_table a (m) indexes=0", "create_table b (m) indexes=0"}
		if got := describe(res.Upgrade); !slices.Equal(got, wantUp) {
			t.Errorf("upgrade %q, want %q", got, wantUp)
		}
		wantDown := []string{"drop_table b", "drop_table a", "execute DROP TYPE mood"}
		if got := describe(res.Downgrade); !slices.Equal(got, wantDown) {
			t.Errorf("downgrade %q, want %q", got, wantDown)
		}
		ty := res.Upgrade[1].(*ops.CreateTable).Table.Columns[0].Type
		if ty.Kind != "ENUM" || ty.Dialect != "postgresql" || ty.CreateType || ty.Python != "" {
			t.Errorf("column type %+v: want postgresql.ENUM with create_type=False", ty)
		}
		if target.Tables[0].Columns[0].Type.Kind != "Enum" {
			t.Error("Compare changed the target's type")
		}
	})
	t.Run("a value added is ADD VALUE outside the transaction; undone by re-creating the type", func(t *testing.T) {
		live := &schema.MetaData{Enums: []*schema.Enum{{Name: "mood", Values: []string{"happy", "sad"}}},
			Tables: []*schema.Table{table("a", &schema.Column{Name: "m", Type: &schema.Type{Kind: "ENUM", Dialect: "postgresql", EnumName: "mood", NativeEnum: true, Values: []string{"happy", "sad"}}, Nullable: true})}}
		target := &schema.MetaData{Tables: []*schema.Table{table("a", &schema.Column{Name: "m", Type: mood("happy", "meh", "sad", "angry"), Nullable: true})}}
		res, err := Compare(target, live, Options{Dialect: "postgresql", Types: sqlTypes{}, CompareType: true})
		if err != nil {
			t.Fatal(err)
		}
		wantUp := []string{"autocommit begin=true", "execute ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad'", "execute ALTER TYPE mood ADD VALUE 'angry'", "autocommit begin=false"}
		if got := describe(res.Upgrade); !slices.Equal(got, wantUp) {
			t.Errorf("upgrade %q, want %q", got, wantUp)
		}
		wantDown := []string{"execute ALTER TYPE mood RENAME TO mood_old", "execute CREATE TYPE mood AS ENUM ('happy', 'sad')",
			"execute ALTER TABLE a ALTER COLUMN m TYPE mood USING m::text::mood", "execute DROP TYPE mood_old"}
		if got := describe(res.Downgrade); !slices.Equal(got, wantDown) {
			t.Errorf("downgrade %q, want %q", got, wantDown)
		}
	})
	t.Run("dropped with its last table", func(t *testing.T) {
		live := &schema.MetaData{Enums: []*schema.Enum{{Name: "user", Values: []string{"x"}}},
			Tables: []*schema.Table{table("a", &schema.Column{Name: "m", Type: &schema.Type{Kind: "ENUM", Dialect: "postgresql", EnumName: "user", NativeEnum: true, Values: []string{"x"}}, Nullable: true})}}
		res, err := Compare(&schema.MetaData{}, live, Options{Dialect: "postgresql", Types: sqlTypes{}})
		if err != nil {
			t.Fatal(err)
		}
		wantUp := []string{"drop_table a", `execute DROP TYPE "user"`}
		if got := describe(res.Upgrade); !slices.Equal(got, wantUp) {
			t.Errorf("upgrade %q, want %q", got, wantUp)
		}
		wantDown := []string{`execute CREATE TYPE "user" AS ENUM ('x')`, "create_table a (m) indexes=0"}
		if got := describe(res.Downgrade); !slices.Equal(got, wantDown) {
			t.Errorf("downgrade %q, want %q", got, wantDown)
		}
	})
}
