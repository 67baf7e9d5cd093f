package pyscript

import (
	"strings"
	"testing"
)

func TestNamingConventions(t *testing.T) {
	conv := map[string]string{
		"ix": "ix_%(column_0_label)s",
		"uq": "uq_%(table_name)s_%(column_0_N_name)s",
		"ck": "ck_%(table_name)s_%(constraint_name)s",
		"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
		"pk": "pk_%(table_name)s",
	}
	cases := []struct {
		name string
		body string
		want []string // fragments of the ops' JSON, in order
	}{
		{"unnamed unique constraint", `op.create_unique_constraint(None, "user", ["a", "b"])`, []string{`"Name":"uq_user_a_b"`}},
		{"explicit name kept when the template has no constraint_name", `op.create_unique_constraint("my_uq", "user", ["a"])`, []string{`"Name":"my_uq"`}},
		{"check constraint name substituted", `op.create_check_constraint("positive", "acct", "bal > 0")`, []string{`"Name":"ck_acct_positive"`}},
		{"op.f bypasses the convention", `op.create_check_constraint(op.f("ck_acct_positive"), "acct", "bal > 0")`, []string{`"Name":"ck_acct_positive"`}},
		{"foreign key", `op.create_foreign_key(None, "order", "user", ["user_id"], ["id"])`, []string{`"Name":"fk_order_user_id_user"`}},
		{"primary key", `op.create_primary_key(None, "t", ["id"])`, []string{`"Name":"pk_t"`}},
		{"index", `op.create_index(None, "t", ["a", "b"])`, []string{`"Name":"ix_t_a"`}},
		{"create_table constraints", `op.create_table("t",
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(50), unique=True),
    sa.Column("uid", sa.Integer, sa.ForeignKey("user.id")),
    sa.PrimaryKeyConstraint("id"),
    sa.CheckConstraint("id > 0", name="pos"),
)`, []string{`{"Name":"uq_t_email","Columns":["email"]`, `"Name":"fk_t_uid_user"`, `{"Name":"pk_t","Columns":["id"],"NameConv":false}`, `{"Name":"ck_t_pos"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := runUpgrade(t, script(tc.body), Env{NamingConvention: conv})
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, op := range got {
				all.WriteString(opJSON(op))
			}
			for _, w := range tc.want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("missing %s in %s", w, all.String())
				}
			}
		})
	}
}

func TestNamingConventionTokens(t *testing.T) {
	cases := []struct {
		tmpl, kind string
		name       nameArg
		want       string
		wantErr    string
	}{
		{"ix_%(column_0_label)s", "ix", nameArg{}, "ix_t_a", ""},
		{"ix_%(column_0N_label)s", "ix", nameArg{}, "ix_t_at_b", ""},
		{"ix_%(column_0_N_label)s", "ix", nameArg{}, "ix_t_a_t_b", ""},
		{"uq_%(column_0N_name)s", "uq", nameArg{}, "uq_ab", ""},
		{"uq_%(column_0_key)s", "uq", nameArg{}, "uq_a", ""},
		{"fk_%(referred_column_0_name)s_%(referred_table_name)s", "fk", nameArg{}, "fk_id_r", ""},
		{"fk_%(referred_column_0_N_name)s", "fk", nameArg{}, "fk_id", ""},
		{"ck_%(constraint_name)s", "ck", nameArg{name: "x"}, "ck_x", ""},
		{"ck_%(constraint_name)s", "ck", nameArg{}, "", "requires the constraint to be explicitly named"},
		{"ck_%(bogus)s", "ck", nameArg{}, "", "unknown token %(bogus)s"},
		{"ck_%(constraint_name)s", "ck", nameArg{name: "final", conv: true}, "final", ""},
	}
	for _, tc := range cases {
		t.Run(tc.tmpl, func(t *testing.T) {
			var refTable string
			var refCols []string
			if tc.kind == "fk" {
				refTable, refCols = "r", []string{"id"}
			}
			got, err := conventionName(map[string]string{tc.kind: tc.tmpl}, tc.kind, tc.name, "t", []string{"a", "b"}, refTable, refCols)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %q, %v; want error %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestMetaDataNamingConvention(t *testing.T) {
	got := mustUpgrade(t, `meta = sa.MetaData(naming_convention={"unique_constraint": "uq_%(table_name)s_%(column_0_name)s"})
t = sa.Table("t", meta, sa.Column("id", sa.Integer), sa.Column("a", sa.Integer), sa.UniqueConstraint("a"))
with op.batch_alter_table("t", copy_from=t) as b:
    b.drop_column("a")`)
	if s := opJSON(got[0]); !strings.Contains(s, `"Constraints":[{"Name":"uq_t_a"`) {
		t.Errorf("got %s", s)
	}
}
