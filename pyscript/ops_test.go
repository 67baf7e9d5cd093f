package pyscript

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// opJSON renders an op as its Go type followed by its JSON, so cases can
// assert on the fields a user cares about with short fragments.
func opJSON(op ops.Op) string {
	b, err := json.Marshal(op)
	if err != nil {
		return fmt.Sprintf("%T <%v>", op, err)
	}
	return fmt.Sprintf("%T %s", op, b)
}

// opCase runs body as upgrade() and checks each recorded op: want[i][0] is
// the op's Go type, the rest are fragments of its JSON.
type opCase struct {
	name string
	body string
	want [][]string
}

func runOpCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := mustUpgrade(t, tc.body)
			if len(got) != len(tc.want) {
				var lines []string
				for _, op := range got {
					lines = append(lines, opJSON(op))
				}
				t.Fatalf("got %d ops, want %d:\n%s", len(got), len(tc.want), strings.Join(lines, "\n"))
			}
			for i, w := range tc.want {
				s := opJSON(got[i])
				if !strings.HasPrefix(s, w[0]+" ") {
					t.Errorf("op %d is %s, want %s", i, s, w[0])
					continue
				}
				for _, frag := range w[1:] {
					if !strings.Contains(s, frag) {
						t.Errorf("op %d: missing %s in\n%s", i, frag, s)
					}
				}
			}
		})
	}
}

func TestOpTableDirectives(t *testing.T) {
	runOpCases(t, []opCase{
		{"create_table columns", `op.create_table("account",
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("bio", sa.Unicode(200)),
)`, [][]string{{"*ops.CreateTable", `"Name":"account"`, `"Name":"id","Type":{"Kind":"Integer"`, `"Nullable":false,"PrimaryKey":true`,
			`"Name":"name","Type":{"Kind":"String","Dialect":"","Length":50`, `"Name":"bio","Type":{"Kind":"Unicode","Dialect":"","Length":200`}}},
		{"create_table schema comment and dialect kwargs", `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), schema="s", comment="hello", mysql_engine="InnoDB", mysql_charset="utf8mb4")`,
			[][]string{{"*ops.CreateTable", `"Schema":"s"`, `"Comment":"hello"`, `"mysql_charset":"utf8mb4"`, `"mysql_engine":"InnoDB"`}}},
		{"create_table table constraints", `op.create_table("t",
    sa.Column("id", sa.Integer),
    sa.Column("a", sa.Integer),
    sa.Column("p", sa.Integer),
    sa.PrimaryKeyConstraint("id", name="pk_t"),
    sa.UniqueConstraint("a", name="uq_a"),
    sa.CheckConstraint("a > 0", name="ck_a"),
    sa.ForeignKeyConstraint(["p"], ["parent.id"], name="fk_p", ondelete="CASCADE"),
)`, [][]string{{"*ops.CreateTable", `{"Name":"pk_t","Columns":["id"],"NameConv":false}`, `{"Name":"uq_a","Columns":["a"]`, `{"Name":"ck_a","SQL":"a \u003e 0","NameConv":false}`,
			`{"Name":"fk_p","Columns":["p"],"RefSchema":"","RefTable":"parent","RefColumns":["id"],"OnDelete":"CASCADE"`, `"Name":"id","Type":{"Kind":"Integer"`}}},
		{"primary key constraint makes columns not null", `op.create_table("t", sa.Column("id", sa.Integer), sa.PrimaryKeyConstraint("id"))`,
			[][]string{{"*ops.CreateTable", `"Name":"id","Type":{"Kind":"Integer","Dialect":""`, `"Nullable":false,"PrimaryKey":true`}}},
		{"column foreign key", `op.create_table("t", sa.Column("user_id", sa.Integer, sa.ForeignKey("user.id", ondelete="SET NULL", onupdate="CASCADE")))`,
			[][]string{{"*ops.CreateTable", `"ForeignKeys":[{"Name":"","Target":"user.id","OnDelete":"SET NULL","OnUpdate":"CASCADE"`}}},
		{"column index true becomes named index", `op.create_table("user", sa.Column("email", sa.String(100), index=True, unique=True))`,
			[][]string{{"*ops.CreateTable", `"Indexes":[{"Name":"ix_user_email","Schema":"","Table":"user","Elements":[{"Column":"email"`, `"Unique":true`, `"Index":false`}}},
		{"column server defaults", `op.create_table("t",
    sa.Column("a", sa.Integer, server_default="1"),
    sa.Column("b", sa.DateTime, server_default=sa.func.now()),
    sa.Column("c", sa.Boolean, server_default=sa.text("false")),
    sa.Column("d", sa.String, server_default=sa.literal_column("'x'")),
)`, [][]string{{"*ops.CreateTable", `"ServerDefault":{"Kind":0,"Text":"1","Value":"1",`, `"ServerDefault":{"Kind":2,"Text":"now"`, `"ServerDefault":{"Kind":1,"Text":"false"`, `"ServerDefault":{"Kind":1,"Text":"'x'"`}}},
		{"column comment autoincrement and dialect options", `op.create_table("t", sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False, comment="key", mysql_collate="utf8_bin"), sa.Column("x", sa.Integer, autoincrement="ignore_fk", default=5, info={"a": 1}))`,
			[][]string{{"*ops.CreateTable", `"Autoincrement":"false"`, `"Comment":"key"`, `"mysql_collate":"utf8_bin"`, `"Autoincrement":"ignore_fk"`}}},
		{"identity column", `op.create_table("t", sa.Column("id", sa.Integer, sa.Identity(always=True, start=10, increment=5), primary_key=True))`,
			[][]string{{"*ops.CreateTable", `"Identity":{"Always":true,"OnNull":false,"Start":10,"Increment":5`}}},
		{"identity column is not null by default", `op.create_table("t", sa.Column("seq", sa.BigInteger, sa.Identity()), sa.Column("n", sa.BigInteger, sa.Identity(), nullable=True))`,
			[][]string{{"*ops.CreateTable", `"Name":"seq","Type":{"Kind":"BigInteger"`, `"Nullable":false,"PrimaryKey":false`, `"Name":"n"`, `"Nullable":true,"PrimaryKey":false`}}},
		{"sa.true server default is a boolean literal", `op.create_table("t", sa.Column("ok", sa.Boolean, server_default=sa.true()), sa.Column("no", sa.Boolean, server_default=sa.false()))`,
			[][]string{{"*ops.CreateTable", `"ServerDefault":{"Kind":0,"Text":"true","Value":true`, `"ServerDefault":{"Kind":0,"Text":"false","Value":false`}}},
		{"computed column", `op.create_table("t", sa.Column("a", sa.Integer), sa.Column("b", sa.Integer, sa.Computed("a * 2", persisted=True)))`,
			[][]string{{"*ops.CreateTable", `"Computed":{"SQL":"a * 2","Persisted":true}`}}},
		{"sequence column", `op.create_table("t", sa.Column("id", sa.Integer, sa.Sequence("t_id_seq", start=5), primary_key=True))`,
			[][]string{{"*ops.CreateTable", `"Sequence":{"Name":"t_id_seq","Schema":"","Start":5`}}},
		{"column level check constraint", `op.create_table("t", sa.Column("a", sa.Integer, sa.CheckConstraint("a > 0", name="positive")))`,
			[][]string{{"*ops.CreateTable", `{"Name":"positive","SQL":"a \u003e 0","NameConv":false}`}}},
		{"index object in create_table", `op.create_table("t", sa.Column("a", sa.Integer), sa.Column("b", sa.Integer), sa.Index("ix_ab", "a", "b", unique=True, postgresql_using="btree"))`,
			[][]string{{"*ops.CreateTable", `"Indexes":[{"Name":"ix_ab","Schema":"","Table":"t","Elements":[{"Column":"a","Expr":"","Desc":false},{"Column":"b"`, `"postgresql_using":"btree"`, `"Unique":true`}}},
		{"create_table returns a table usable for bulk_insert", `t = op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.String(10)))
op.bulk_insert(t, [{"id": 1, "v": "a"}])`, [][]string{{"*ops.CreateTable"}, {"*ops.BulkInsert", `"Rows":[{"id":1,"v":"a"}]`}}},
		{"drop_table", `op.drop_table("account")`, [][]string{{"*ops.DropTable", `"Schema":"","Name":"account"`}}},
		{"drop_table schema", `op.drop_table("account", schema="app")`, [][]string{{"*ops.DropTable", `"Schema":"app","Name":"account"`}}},
		{"drop_table if_exists", `op.drop_table("account", if_exists=True)`, [][]string{{"*ops.DropTable", `"IfExists":true`}}},
		{"rename_table", `op.rename_table("old", "new", schema="s")`, [][]string{{"*ops.RenameTable", `{"Schema":"s","OldName":"old","NewName":"new"}`}}},
		{"rename_table keywords", `op.rename_table(old_table_name="a", new_table_name="b")`, [][]string{{"*ops.RenameTable", `"OldName":"a","NewName":"b"`}}},
		{"create_table_comment", `op.create_table_comment("t", "the t", existing_comment="old", schema="s")`,
			[][]string{{"*ops.CreateTableComment", `{"Schema":"s","Table":"t","Comment":"the t","Existing":"old"}`}}},
		{"drop_table_comment", `op.drop_table_comment("t", existing_comment="old")`, [][]string{{"*ops.DropTableComment", `{"Schema":"","Table":"t","Existing":"old"}`}}},
	})
}

func TestOpColumnDirectives(t *testing.T) {
	runOpCases(t, []opCase{
		{"add_column", `op.add_column("account", sa.Column("email", sa.String(120), nullable=True))`,
			[][]string{{"*ops.AddColumn", `"Table":"account"`, `"Name":"email","Type":{"Kind":"String","Dialect":"","Length":120`, `"Nullable":true`}}},
		{"add_column schema", `op.add_column("account", sa.Column("n", sa.Integer, nullable=False, server_default="0"), schema="app")`,
			[][]string{{"*ops.AddColumn", `"Schema":"app"`, `"Nullable":false`, `"ServerDefault":{"Kind":0,"Text":"0"`}}},
		{"add_column with index creates the index after", `op.add_column("user", sa.Column("email", sa.String(50), index=True))`,
			[][]string{{"*ops.AddColumn", `"Index":false`}, {"*ops.CreateIndex", `"Name":"ix_user_email"`, `"Table":"user"`}}},
		{"add_column with foreign key", `op.add_column("order", sa.Column("user_id", sa.Integer, sa.ForeignKey("user.id")))`,
			[][]string{{"*ops.AddColumn", `"Target":"user.id"`}}},
		{"drop_column", `op.drop_column("account", "email")`, [][]string{{"*ops.DropColumn", `{"Schema":"","Table":"account","Column":"email","Existing":null,"IfExists":false}`}}},
		{"drop_column schema and dialect kwarg", `op.drop_column("account", "email", schema="s", mssql_drop_default=True)`, [][]string{{"*ops.DropColumn", `"Schema":"s"`}}},
		{"alter_column nullable", `op.alter_column("t", "c", nullable=False, existing_type=sa.String(20))`,
			[][]string{{"*ops.AlterColumn", `"Column":"c","Nullable":false,"Type":null`, `"ExistingType":{"Kind":"String","Dialect":"","Length":20`}}},
		{"alter_column type with postgresql_using", `op.alter_column("t", "c", type_=sa.Integer, postgresql_using="c::integer")`,
			[][]string{{"*ops.AlterColumn", `"Type":{"Kind":"Integer"`, `"DialectOptions":{"postgresql_using":"c::integer"}`}}},
		{"alter_column rename", `op.alter_column("t", "old", new_column_name="new")`, [][]string{{"*ops.AlterColumn", `"Column":"old"`, `"NewName":"new"`}}},
		{"alter_column server_default set", `op.alter_column("t", "c", server_default="x", existing_server_default=sa.text("'y'"))`,
			[][]string{{"*ops.AlterColumn", `"ServerDefault":{"Expr":{"Kind":0,"Text":"x"`, `"ExistingServerDefault":{"Kind":1,"Text":"'y'"`}}},
		{"alter_column server_default drop", `op.alter_column("t", "c", server_default=None)`, [][]string{{"*ops.AlterColumn", `"ServerDefault":{"Expr":null}`}}},
		{"alter_column server_default unchanged", `op.alter_column("t", "c", nullable=True)`, [][]string{{"*ops.AlterColumn", `"ServerDefault":null`, `"Comment":null`}}},
		{"alter_column comment", `op.alter_column("t", "c", comment="hi", existing_comment="old")`,
			[][]string{{"*ops.AlterColumn", `"Comment":{"Comment":"hi"}`, `"ExistingComment":"old"`}}},
		{"alter_column drop comment", `op.alter_column("t", "c", comment=None)`, [][]string{{"*ops.AlterColumn", `"Comment":{"Comment":null}`}}},
		{"alter_column existing hints and schema", `op.alter_column("t", "c", existing_nullable=True, existing_type=sa.Integer(), autoincrement=True, schema="s")`,
			[][]string{{"*ops.AlterColumn", `"Schema":"s"`, `"ExistingNullable":true`, `"Autoincrement":true`}}},
	})
}

func TestOpIndexAndConstraintDirectives(t *testing.T) {
	runOpCases(t, []opCase{
		{"create_index", `op.create_index("ix_a", "t", ["a", "b"])`,
			[][]string{{"*ops.CreateIndex", `"Name":"ix_a","Schema":"","Table":"t","Elements":[{"Column":"a","Expr":"","Desc":false},{"Column":"b"`, `"Unique":false`}}},
		{"create_index unique schema", `op.create_index("ix_a", "t", ["a"], unique=True, schema="s")`, [][]string{{"*ops.CreateIndex", `"Schema":"s"`, `"Unique":true`}}},
		{"create_index op.f", `op.create_index(op.f("ix_t_a"), "t", ["a"], unique=False)`, [][]string{{"*ops.CreateIndex", `"Name":"ix_t_a"`}}},
		{"create_index unnamed uses the default convention", `op.create_index(None, "t", ["a"])`, [][]string{{"*ops.CreateIndex", `"Name":"ix_t_a"`}}},
		{"create_index text expression", `op.create_index("ix_lower", "t", [sa.text("lower(name)")])`, [][]string{{"*ops.CreateIndex", `"Elements":[{"Column":"","Expr":"lower(name)"`}}},
		{"create_index func expression", `op.create_index("ix_lower", "t", [sa.func.lower(sa.column("name"))])`, [][]string{{"*ops.CreateIndex", `"Expr":"lower(name)"`}}},
		{"create_index desc", `op.create_index("ix_d", "t", [sa.desc("created")])`, [][]string{{"*ops.CreateIndex", `{"Column":"created","Expr":"","Desc":true}`}}},
		{"create_index postgresql options", `op.create_index("ix_p", "t", ["a"], postgresql_where=sa.text("a > 0"), postgresql_using="gin", postgresql_concurrently=True, postgresql_include=["b", "c"])`,
			[][]string{{"*ops.CreateIndex", `"postgresql_concurrently":"true"`, `"postgresql_include":"b,c"`, `"postgresql_using":"gin"`, `"postgresql_where":"a \u003e 0"`}}},
		{"create_index where as expression", `op.create_index("ix_p", "t", ["a"], postgresql_where=sa.column("deleted") == False)`,
			[][]string{{"*ops.CreateIndex", `"postgresql_where":"deleted = false"`}}},
		{"create_index mysql_length and if_not_exists", `op.create_index("ix_m", "t", ["a"], mysql_length={"a": 10}, if_not_exists=True)`,
			[][]string{{"*ops.CreateIndex", `"IfNotExists":true`, `"mysql_length":"a=10"`}}},
		{"drop_index", `op.drop_index("ix_a", table_name="t")`, [][]string{{"*ops.DropIndex", `"Schema":"","Table":"t","Name":"ix_a"`}}},
		{"drop_index op.f concurrently if_exists", `op.drop_index(op.f("ix_a"), table_name="t", schema="s", if_exists=True, postgresql_concurrently=True)`,
			[][]string{{"*ops.DropIndex", `"Schema":"s"`, `"IfExists":true`, `"postgresql_concurrently":"true"`}}},
		{"create_primary_key", `op.create_primary_key("pk_t", "t", ["a", "b"])`, [][]string{{"*ops.CreatePrimaryKey", `"Table":"t","PrimaryKey":{"Name":"pk_t","Columns":["a","b"],"NameConv":false}`}}},
		{"create_unique_constraint", `op.create_unique_constraint("uq_t_a", "t", ["a"], schema="s", deferrable=True, initially="DEFERRED")`,
			[][]string{{"*ops.CreateUniqueConstraint", `"Schema":"s"`, `"Unique":{"Name":"uq_t_a","Columns":["a"],"Deferrable":true,"Initially":"DEFERRED","NameConv":false}`}}},
		{"create_foreign_key", `op.create_foreign_key("fk_order_user", "order", "user", ["user_id"], ["id"], ondelete="CASCADE", onupdate="RESTRICT", deferrable=False, initially="IMMEDIATE", match="FULL", source_schema="a", referent_schema="b")`,
			[][]string{{"*ops.CreateForeignKey", `"Schema":"a","Table":"order"`, `"Name":"fk_order_user","Columns":["user_id"],"RefSchema":"b","RefTable":"user","RefColumns":["id"],"OnDelete":"CASCADE","OnUpdate":"RESTRICT","Deferrable":false,"Initially":"IMMEDIATE","Match":"FULL"`}}},
		{"create_foreign_key positional minimal", `op.create_foreign_key(None, "a", "b", ["x", "y"], ["x", "y"])`,
			[][]string{{"*ops.CreateForeignKey", `"Name":"","Columns":["x","y"]`}}},
		{"create_check_constraint string", `op.create_check_constraint("ck_pos", "t", "amount > 0")`, [][]string{{"*ops.CreateCheckConstraint", `"Check":{"Name":"ck_pos","SQL":"amount \u003e 0","NameConv":false}`}}},
		{"create_check_constraint text", `op.create_check_constraint("ck_pos", "t", sa.text("amount >= 0"), schema="s")`, [][]string{{"*ops.CreateCheckConstraint", `"Schema":"s"`, `"SQL":"amount \u003e= 0"`}}},
		{"create_check_constraint expression", `op.create_check_constraint("ck_len", "user", sa.func.len(sa.column("name")) > 5)`,
			[][]string{{"*ops.CreateCheckConstraint", `"SQL":"len(name) \u003e 5"`}}},
		{"create_check_constraint combined expression", `op.create_check_constraint("ck", "t", (sa.column("a") > 1) & (sa.column("b") != "x"))`,
			[][]string{{"*ops.CreateCheckConstraint", `"SQL":"a \u003e 1 AND b != 'x'"`}}},
		{"drop_constraint", `op.drop_constraint("fk_a", "t", type_="foreignkey")`, [][]string{{"*ops.DropConstraint", `"Table":"t","Name":"fk_a","Type":"foreignkey"`}}},
		{"drop_constraint untyped with schema", `op.drop_constraint("uq_a", "t", schema="s")`, [][]string{{"*ops.DropConstraint", `"Schema":"s"`, `"Type":""`}}},
	})
}

func TestOpDataDirectives(t *testing.T) {
	runOpCases(t, []opCase{
		{"execute string", `op.execute("UPDATE t SET a = 1")`, [][]string{{"*ops.Execute", `"SQL":"UPDATE t SET a = 1"`}}},
		{"execute text", `op.execute(sa.text("DELETE FROM t"))`, [][]string{{"*ops.Execute", `"SQL":"DELETE FROM t"`}}},
		{"execute text bindparams", `op.execute(sa.text("DELETE FROM t WHERE id = :id").bindparams(id=5))`,
			[][]string{{"*ops.Execute", `"SQL":"DELETE FROM t WHERE id = :id","Args":[{"Name":"id","Value":5}]`}}},
		{"execute execution_options", `op.execute("VACUUM", execution_options={"autocommit": True})`, [][]string{{"*ops.Execute", `"SQL":"VACUUM"`}}},
		{"execute insert", `t = sa.table("t", sa.column("a", sa.Integer), sa.column("b", sa.String))
op.execute(t.insert().values(a=1, b="x"))`, [][]string{{"*ops.Execute", `"Kind":"insert"`, `"Values":[{"Column":"a","Value":{"Kind":5,"Text":"1","Value":1,`, `{"Column":"b","Value":{"Kind":5,"Text":"x","Value":"x",`}}},
		{"execute update where", `t = sa.table("account", sa.column("id"), sa.column("name"))
op.execute(t.update().where(t.c.id == 5).values({"name": op.inline_literal("ann")}))`,
			[][]string{{"*ops.Execute", `"Kind":"update"`, `"Where":{"Kind":4,"Text":"=","Value":null,"Args":[{"Kind":3,"Text":"id"`, `{"Kind":5,"Text":"5","Value":5,`, `"Value":{"Kind":6,"Text":"ann","Value":"ann",`}}},
		{"execute update with where on None", `t = sa.table("account", sa.column("id"), sa.column("name"))
op.execute(t.update().where(t.c.name is None).values(name="n/a"))`,
			[][]string{{"*ops.Execute", `"Where":{"Kind":4,"Text":"IS"`}}},
		{"execute delete with several conditions", `t = sa.table("t", sa.column("a"), sa.column("b"))
op.execute(t.delete().where(t.c.a > 1, t.c["b"].in_([1, 2])))`,
			[][]string{{"*ops.Execute", `"Kind":"delete"`, `"Text":"AND"`, `"Text":"b IN (1, 2)"`}}},
		{"bulk_insert", `t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("ok", sa.Boolean), sa.column("score", sa.Float))
op.bulk_insert(t, [{"id": 1, "name": "a", "ok": True, "score": 1.5}, {"id": 2, "name": None, "ok": False, "score": 0.0}])`,
			[][]string{{"*ops.BulkInsert", `"Rows":[{"id":1,"name":"a","ok":true,"score":1.5},{"id":2,"name":null,"ok":false,"score":0}],"MultiInsert":true`}}},
		{"bulk_insert multiinsert false with inline literal", `t = sa.table("t", sa.column("id"))
op.bulk_insert(t, [{"id": op.inline_literal(7)}], multiinsert=False)`,
			[][]string{{"*ops.BulkInsert", `"Rows":[{"id":{"Kind":6,"Text":"7","Value":7`, `"MultiInsert":false`}}},
		{"autocommit block", `with op.get_context().autocommit_block():
    op.execute("ALTER TYPE mood ADD VALUE 'soso'")`,
			[][]string{{"*ops.AutocommitBlock", `"Begin":true`}, {"*ops.Execute"}, {"*ops.AutocommitBlock", `"Begin":false`}}},
		{"helper functions and loops", `def add(name):
    op.add_column("t", sa.Column(name, sa.Integer))
for n in ["a", "b"]:
    add(n)
i = 0
while i < 1:
    op.drop_column("t", "old%d" % i)
    i += 1`, [][]string{{"*ops.AddColumn", `"Name":"a"`}, {"*ops.AddColumn", `"Name":"b"`}, {"*ops.DropColumn", `"old0"`}}},
	})
}

func TestOpBatch(t *testing.T) {
	runOpCases(t, []opCase{
		{"batch add and drop column", `with op.batch_alter_table("account", schema=None) as batch_op:
    batch_op.add_column(sa.Column("email", sa.String(100)))
    batch_op.drop_column("old")`,
			[][]string{{"*ops.BatchAlterTable", `"Table":"account","Recreate":"auto"`, `"Ops":[{"Schema":"","Table":"account","Column":{"Name":"email"`, `{"Schema":"","Table":"account","Column":"old","Existing":null,"IfExists":false}`}}},
		{"batch alter column", `with op.batch_alter_table("t", recreate="always") as b:
    b.alter_column("c", new_column_name="d", existing_type=sa.Unicode(200), nullable=False)`,
			[][]string{{"*ops.BatchAlterTable", `"Recreate":"always"`, `"Column":"c","Nullable":false`, `"NewName":"d"`}}},
		{"batch constraints and indexes", `with op.batch_alter_table("t") as b:
    b.create_index("ix_t_a", ["a"], unique=True)
    b.drop_index("ix_old")
    b.create_primary_key("pk_t", ["id"])
    b.create_unique_constraint("uq_t_a", ["a"])
    b.create_foreign_key("fk_t_u", "user", ["uid"], ["id"], ondelete="CASCADE")
    b.create_check_constraint("ck_t", "a > 0")
    b.drop_constraint("uq_old", type_="unique")
    b.create_table_comment("c", existing_comment=None)
    b.drop_table_comment(existing_comment="c")`,
			[][]string{{"*ops.BatchAlterTable", `"Index":{"Name":"ix_t_a"`, `"Name":"ix_old"`, `"PrimaryKey":{"Name":"pk_t"`, `"Unique":{"Name":"uq_t_a"`,
				`"ForeignKey":{"Name":"fk_t_u","Columns":["uid"],"RefSchema":"","RefTable":"user"`, `"Check":{"Name":"ck_t"`, `"Name":"uq_old","Type":"unique"`, `"Comment":"c","Existing":null`, `"Existing":"c"`}}},
		{"batch naming convention names unnamed constraints", `with op.batch_alter_table("t", naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}) as b:
    b.create_unique_constraint(None, ["a"])
    b.create_foreign_key(None, "u", ["uid"], ["id"])`,
			[][]string{{"*ops.BatchAlterTable", `"NamingConvention":{"fk":`, `"Unique":{"Name":"uq_t_a"`, `"ForeignKey":{"Name":"fk_t_uid_u"`}}},
		{"batch copy_from table_args partial_reordering", `meta = sa.MetaData()
t = sa.Table("t", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))
with op.batch_alter_table("t", copy_from=t, table_args=(sa.UniqueConstraint("a", name="uq_a"),), partial_reordering=[("a", "id")]) as b:
    b.drop_column("a")`,
			[][]string{{"*ops.BatchAlterTable", `"CopyFrom":{"Schema":"","Name":"t","Columns":[{"Name":"id"`, `"TableArgs":[{"Name":"uq_a","Columns":["a"]`, `"PartialReordering":[["a","id"]]`}}},
		{"two batches in a row", `with op.batch_alter_table("a") as b:
    b.drop_column("x")
with op.batch_alter_table("b") as b:
    b.drop_column("y")`, [][]string{{"*ops.BatchAlterTable", `"Table":"a"`}, {"*ops.BatchAlterTable", `"Table":"b"`}}},
		{"empty batch", `with op.batch_alter_table("a"):
    pass`, [][]string{{"*ops.BatchAlterTable", `"Ops":null`}}},
		{"batch execute and f", `with op.batch_alter_table("a") as b:
    b.execute("UPDATE a SET x = 1")
    b.create_index(b.f("ix_custom"), ["x"])`, [][]string{{"*ops.Execute", `"SQL":"UPDATE a SET x = 1"`}, {"*ops.BatchAlterTable", `"Name":"ix_custom"`}}}, // Alembic runs batch_op.execute at once (toimpl.execute_sql)
		{"batch add_column insert_after", `with op.batch_alter_table("a") as b:
    b.add_column(sa.Column("x", sa.Integer), insert_after="id")
    b.add_column(sa.Column("y", sa.Integer), insert_before="x")`, [][]string{{"*ops.BatchAlterTable", `"Name":"x"`, `"InsertBefore":"","InsertAfter":"id"`, `"InsertBefore":"x","InsertAfter":""`}}},
	})
}
