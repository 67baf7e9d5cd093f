package batch

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

func ty(kind string) *schema.Type { return &schema.Type{Kind: kind} }

func mkcol(name, kind string, mods ...func(*schema.Column)) *schema.Column {
	c := &schema.Column{Name: name, Type: ty(kind), Nullable: true}
	for _, m := range mods {
		m(c)
	}
	return c
}

func primary(c *schema.Column)  { c.PrimaryKey, c.Nullable = true, false }
func required(c *schema.Column) { c.Nullable = false }

// base is the table most cases start from: a primary key, a named unique
// constraint, a named foreign key, an unnamed check and an index.
func base() *schema.Table {
	return &schema.Table{
		Name: "t",
		Columns: []*schema.Column{
			mkcol("id", "Integer", primary),
			mkcol("a", "String"),
			mkcol("b", "Integer", required),
			mkcol("c", "Numeric"),
		},
		Constraints: []schema.Constraint{
			&schema.Unique{Name: "uq_a", Columns: []string{"a"}},
			&schema.ForeignKey{Name: "fk_b", Columns: []string{"b"}, RefTable: "other", RefColumns: []string{"id"}},
			&schema.Check{SQL: "c > 0"},
		},
		Indexes: []*schema.Index{{Name: "ix_ab", Table: "t", Elements: []schema.IndexElement{{Column: "a"}, {Column: "b"}}}},
	}
}

func columns(t *schema.Table) string {
	var out []string
	for _, c := range t.Columns {
		s := c.Name
		if !c.Nullable {
			s += "!"
		}
		if c.PrimaryKey {
			s += "*"
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

func constraints(t *schema.Table) string {
	var out []string
	for _, c := range t.Constraints {
		switch x := c.(type) {
		case *schema.PrimaryKey:
			out = append(out, fmt.Sprintf("pk %s(%s)", x.Name, strings.Join(x.Columns, ",")))
		case *schema.Unique:
			out = append(out, fmt.Sprintf("uq %s(%s)", x.Name, strings.Join(x.Columns, ",")))
		case *schema.ForeignKey:
			out = append(out, fmt.Sprintf("fk %s(%s)->%s(%s)", x.Name, strings.Join(x.Columns, ","), x.RefTable, strings.Join(x.RefColumns, ",")))
		case *schema.Check:
			out = append(out, fmt.Sprintf("ck %s(%s)", x.Name, x.SQL))
		}
	}
	return strings.Join(out, "; ")
}

func transfers(p *Plan) string {
	var out []string
	for _, tr := range p.Transfers {
		s := tr.Column + "<-" + tr.Source
		if tr.ToType != nil {
			s += ":" + tr.FromType.Kind + ">" + tr.ToType.Kind
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

func indexes(p *Plan) string {
	var out []string
	for _, ix := range p.Indexes {
		var els []string
		for _, e := range ix.Elements {
			if e.Column != "" {
				els = append(els, e.Column)
			} else {
				els = append(els, e.Expr)
			}
		}
		u := ""
		if ix.Unique {
			u = "u:"
		}
		out = append(out, fmt.Sprintf("%s%s(%s)@%s", u, ix.Name, strings.Join(els, ","), ix.Table))
	}
	return strings.Join(out, "; ")
}

func boolp(b bool) *bool { return &b }

func TestPlan(t *testing.T) {
	type want struct {
		cols, cons, transfers, indexes string
		err                            error
		errText                        string
	}
	cases := []struct {
		name      string
		table     func() *schema.Table
		reflected bool
		batch     ops.BatchAlterTable
		want      want
	}{
		{
			name:  "no ops copies everything",
			table: base,
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "rename follows into constraints and indexes",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AlterColumn{Column: "a", NewName: "aa"}}},
			want: want{cols: "id!*,aa,b!,c", cons: "pk (id); uq uq_a(aa); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,aa<-a,b<-b,c<-c", indexes: "ix_ab(aa,b)@t"},
		},
		{
			name:  "drop column drops its constraints and indexes",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropColumn{Column: "a"}}},
			want: want{cols: "id!*,b!,c", cons: "pk (id); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,b<-b,c<-c", indexes: ""},
		},
		{
			name:  "type change records both types",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AlterColumn{Column: "c", Type: ty("String")}}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c:Numeric>String", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "nullable both ways",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{
				&ops.AlterColumn{Column: "b", Nullable: boolp(true)},
				&ops.AlterColumn{Column: "a", Nullable: boolp(false)}}},
			want: want{cols: "id!*,a!,b,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "add column goes last and is not transferred",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AddColumn{Column: mkcol("n", "Integer")}}},
			want: want{cols: "id!*,a,b!,c,n", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "insert_before an existing column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AddColumn{Column: mkcol("n", "Integer"), InsertBefore: "b"}}},
			want: want{cols: "id!*,a,n,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "insert_before the first column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AddColumn{Column: mkcol("n", "Integer"), InsertBefore: "id"}}},
			want: want{cols: "n,id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "insert_after chains through a new column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{
				&ops.AddColumn{Column: mkcol("n", "Integer"), InsertAfter: "id"},
				&ops.AddColumn{Column: mkcol("m", "Integer"), InsertAfter: "n"}}},
			want: want{cols: "id!*,n,m,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "insert_after the last column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AddColumn{Column: mkcol("n", "Integer"), InsertAfter: "c"}}},
			want: want{cols: "id!*,a,b!,c,n", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "partial_reordering",
			table: base,
			batch: ops.BatchAlterTable{PartialReordering: [][]string{{"c", "b", "a"}}},
			want: want{cols: "id!*,c,b!,a", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,c<-c,b<-b,a<-a", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "circular partial_reordering is an error",
			table: base,
			batch: ops.BatchAlterTable{PartialReordering: [][]string{{"a", "b"}, {"b", "a"}}},
			want:  want{err: ErrInvalidBatch, errText: "circular"},
		},
		{
			name:  "drop named unique",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropConstraint{Name: "uq_a", Type: "unique"}}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "drop foreign key",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropConstraint{Name: "fk_b", Type: "foreignkey"}}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "drop unknown constraint",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropConstraint{Name: "nope"}}},
			want:  want{err: ErrNoSuchObject, errText: "No such constraint: 'nope'"},
		},
		{
			name:  "drop constraint without a name",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropConstraint{}}},
			want:  want{err: ErrInvalidBatch, errText: "Constraint must have a name"},
		},
		{
			name:  "add named constraints after the copied named ones",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{
				&ops.CreateForeignKey{ForeignKey: &schema.ForeignKey{Name: "fk_a", Columns: []string{"a"}, RefTable: "p", RefColumns: []string{"name"}}},
				&ops.CreateCheckConstraint{Check: &schema.Check{Name: "ck_b", SQL: "b > 0"}},
				&ops.CreateUniqueConstraint{Unique: &schema.Unique{Name: "uq_bc", Columns: []string{"b", "c"}}}}},
			want: want{cols: "id!*,a,b!,c",
				cons:      "pk (id); uq uq_a(a); fk fk_b(b)->other(id); fk fk_a(a)->p(name); ck ck_b(b > 0); uq uq_bc(b,c); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "unnamed added constraint is an error",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.CreateUniqueConstraint{Unique: &schema.Unique{Columns: []string{"b"}}}}},
			want:  want{err: ErrInvalidBatch, errText: "Constraint must have a name"},
		},
		{
			name:  "new primary key replaces the old one",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.CreatePrimaryKey{PrimaryKey: &schema.PrimaryKey{Name: "pk_t", Columns: []string{"id", "b"}}}}},
			want: want{cols: "id!*,a,b!*,c", cons: "pk pk_t(id,b); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name: "drop named primary key",
			table: func() *schema.Table {
				t := base()
				t.Constraints = append([]schema.Constraint{&schema.PrimaryKey{Name: "pk_t", Columns: []string{"id"}}}, t.Constraints...)
				return t
			},
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropConstraint{Name: "pk_t", Type: "primary"}}},
			want: want{cols: "id!,a,b!,c", cons: "uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "drop primary key column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropColumn{Column: "id"}}},
			want: want{cols: "a,b!,c", cons: "uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "drop index and create one",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{
				&ops.DropIndex{Name: "ix_ab"},
				&ops.CreateIndex{Index: &schema.Index{Name: "ix_c", Unique: true, Elements: []schema.IndexElement{{Column: "c"}}}}}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "u:ix_c(c)@t"},
		},
		{
			name:  "drop unknown index",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropIndex{Name: "ix_zz"}}},
			want:  want{err: ErrNoSuchObject, errText: "No such index: 'ix_zz'"},
		},
		{
			name:  "alter unknown column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AlterColumn{Column: "zz", Nullable: boolp(true)}}},
			want:  want{err: ErrNoSuchObject, errText: `no column "zz"`},
		},
		{
			name:  "drop unknown column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.DropColumn{Column: "zz"}}},
			want:  want{err: ErrNoSuchObject, errText: `no column "zz"`},
		},
		{
			name:  "add an existing column",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AddColumn{Column: mkcol("a", "Integer")}}},
			want:  want{err: ErrInvalidBatch, errText: "already exists"},
		},
		{
			name:  "create table inside batch",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.CreateTable{Table: &schema.Table{Name: "x"}}}},
			want:  want{err: ErrInvalidBatch, errText: "Can't create table in batch mode"},
		},
		{
			name:      "reflected unnamed check is skipped",
			table:     base,
			reflected: true,
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name: "column-level unique and foreign key become constraints; index=True is not re-created",
			table: func() *schema.Table {
				return &schema.Table{Name: "t", Columns: []*schema.Column{
					mkcol("id", "Integer", primary),
					mkcol("u", "Integer", func(c *schema.Column) { c.Unique = true }),
					mkcol("f", "Integer", func(c *schema.Column) {
						c.Index = true
						c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "main.p.id", OnDelete: "CASCADE"}}
					}),
				}}
			},
			want: want{cols: "id!*,u,f", cons: "pk (id); uq (u); fk (f)->p(id)",
				transfers: "id<-id,u<-u,f<-f", indexes: ""},
		},
		{
			name:  "added column with index=True and a foreign key",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AddColumn{Column: mkcol("n", "Integer", func(c *schema.Column) {
				c.Index = true
				c.ForeignKeys = []*schema.ForeignKeyRef{{Name: "fk_n", Target: "p.id"}}
			})}}},
			want: want{cols: "id!*,a,b!,c,n", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); fk fk_n(n)->p(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t; ix_t_n(n)@t"},
		},
		{
			name:  "table_args come first after the primary key",
			table: base,
			batch: ops.BatchAlterTable{TableArgs: []schema.Constraint{&schema.Check{Name: "ck_extra", SQL: "a <> ''"}}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); ck ck_extra(a <> ''); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "rename then constraint on the new name",
			table: base,
			batch: ops.BatchAlterTable{Ops: []ops.Op{
				&ops.AlterColumn{Column: "c", NewName: "cost"},
				&ops.CreateUniqueConstraint{Unique: &schema.Unique{Name: "uq_cost", Columns: []string{"cost"}}}}},
			want: want{cols: "id!*,a,b!,cost", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); uq uq_cost(cost); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,cost<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name: "named enum check is dropped with a rename",
			table: func() *schema.Table {
				t := base()
				t.Columns = append(t.Columns, &schema.Column{Name: "k", Nullable: true, Type: &schema.Type{Kind: "VARCHAR", Length: 2}})
				t.Constraints = append(t.Constraints, &schema.Check{Name: "ck_k", SQL: "k IN ('a', 'bb')"})
				return t
			},
			batch: ops.BatchAlterTable{Ops: []ops.Op{&ops.AlterColumn{Column: "k", NewName: "kind",
				ExistingType: &schema.Type{Kind: "Enum", EnumName: "ck_k", CreateConstraint: true}}}},
			want: want{cols: "id!*,a,b!,c,kind", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c,kind<-k", indexes: "ix_ab(a,b)@t"},
		},
		{
			name: "naming convention names reflected unnamed constraints",
			table: func() *schema.Table {
				t := base()
				t.Constraints = append(t.Constraints,
					&schema.Unique{Columns: []string{"b", "c"}},
					&schema.ForeignKey{Columns: []string{"c"}, RefTable: "rates", RefColumns: []string{"code"}})
				return t
			},
			reflected: true,
			batch: ops.BatchAlterTable{NamingConvention: map[string]string{
				"pk":          "pk_%(table_name)s",
				"uq":          "uq_%(table_name)s_%(column_0_N_name)s",
				"foreign_key": "fk_%(column_0_label)s_%(referred_table_name)s_%(referred_column_0_name)s",
				"ck":          "ck_%(table_name)s_%(constraint_name)s",
			}, Ops: []ops.Op{&ops.DropConstraint{Name: "uq_t_b_c", Type: "unique"}}},
			want: want{cols: "id!*,a,b!,c", cons: "pk pk_t(id); uq uq_a(a); fk fk_b(b)->other(id); fk fk_t_c_rates_code(c)->rates(code)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:      "naming convention without constraint_name also names reflected checks",
			table:     base,
			reflected: true,
			batch:     ops.BatchAlterTable{NamingConvention: map[string]string{"ck": "ck_%(table_name)s_%(column_0_name)s"}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:      "naming convention on a check without columns",
			table:     base,
			reflected: true,
			batch:     ops.BatchAlterTable{NamingConvention: map[string]string{"ck": "ck_%(table_name)s_1"}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck ck_t_1(c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
		{
			name:  "naming convention is ignored for copy_from tables",
			table: base,
			batch: ops.BatchAlterTable{NamingConvention: map[string]string{"pk": "pk_%(table_name)s"}},
			want: want{cols: "id!*,a,b!,c", cons: "pk (id); uq uq_a(a); fk fk_b(b)->other(id); ck (c > 0)",
				transfers: "id<-id,a<-a,b<-b,c<-c", indexes: "ix_ab(a,b)@t"},
		},
	}
	if len(cases) < 25 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := c.batch
			b.Table = "t"
			p, err := New(c.table(), &b, c.reflected)
			if c.want.err != nil {
				if !errors.Is(err, c.want.err) || !strings.Contains(fmt.Sprint(err), c.want.errText) {
					t.Fatalf("want error %v containing %q, got %v", c.want.err, c.want.errText, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if p.NewTable.Name != "_alembic_tmp_t" {
				t.Errorf("new table name %q", p.NewTable.Name)
			}
			if got := columns(p.NewTable); got != c.want.cols {
				t.Errorf("columns\n got %s\nwant %s", got, c.want.cols)
			}
			if got := constraints(p.NewTable); got != c.want.cons {
				t.Errorf("constraints\n got %s\nwant %s", got, c.want.cons)
			}
			if got := transfers(p); got != c.want.transfers {
				t.Errorf("transfers\n got %s\nwant %s", got, c.want.transfers)
			}
			if got := indexes(p); got != c.want.indexes {
				t.Errorf("indexes\n got %s\nwant %s", got, c.want.indexes)
			}
		})
	}
}

func TestPlanKeepsInputUntouched(t *testing.T) {
	orig := base()
	b := &ops.BatchAlterTable{Table: "t", Ops: []ops.Op{
		&ops.AlterColumn{Column: "a", NewName: "aa", Type: ty("Text"), Nullable: boolp(false)},
		&ops.DropConstraint{Name: "uq_a"},
		&ops.DropIndex{Name: "ix_ab"},
	}}
	if _, err := New(orig, b, false); err != nil {
		t.Fatal(err)
	}
	fresh := base()
	if columns(orig) != columns(fresh) || constraints(orig) != constraints(fresh) || orig.Columns[1].Type.Kind != "String" || len(orig.Indexes) != 1 {
		t.Errorf("New modified its input table: %s / %s", columns(orig), constraints(orig))
	}
}

func TestShouldRecreate(t *testing.T) {
	for _, c := range []struct {
		mode     string
		requires bool
		want     bool
		err      bool
	}{
		{"", true, true, false}, {"auto", false, false, false}, {"always", false, true, false},
		{"never", true, false, false}, {"sometimes", true, false, true},
	} {
		got, err := ShouldRecreate(c.mode, c.requires)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("ShouldRecreate(%q, %v) = %v, %v", c.mode, c.requires, got, err)
		}
	}
}

func TestTempTableName(t *testing.T) {
	if got := TempTableName("account"); got != "_alembic_tmp_account" {
		t.Errorf("got %q", got)
	}
	long := strings.Repeat("x", 60)
	if got := TempTableName(long); len(got) != 50 || !strings.HasPrefix(got, "_alembic_tmp_xxx") {
		t.Errorf("got %q (%d)", got, len(got))
	}
}

func TestSplitTarget(t *testing.T) {
	for in, want := range map[string][3]string{
		"t.id": {"", "t", "id"}, "s.t.id": {"s", "t", "id"}, "a.b.t.id": {"a.b", "t", "id"}, "id": {"", "", "id"},
	} {
		s, tb, c := SplitTarget(in)
		if [3]string{s, tb, c} != want {
			t.Errorf("SplitTarget(%q) = %q %q %q", in, s, tb, c)
		}
	}
}
