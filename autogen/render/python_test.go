package render

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// pythonCases build, as Go values, the same operations testdata/record.py
// builds as Alembic objects; the golden files hold what Alembic rendered.
var pythonCases = map[string]func() []ops.Op{
	"empty": func() []ops.Op { return nil },
	"create_table_model": func() []ops.Op {
		email := col("email", tyLen("String", 120))
		email.ServerDefault, email.Comment = lit("x"), sp("mail")
		created := notNull("created", &schema.Type{Kind: "DateTime", Timezone: true})
		created.ServerDefault = fn("now")
		active := col("active", ty("Boolean"))
		active.ServerDefault = txt("true")
		quote := col("quote", tyLen("String", 10))
		quote.ServerDefault = lit("it's")
		id := notNull("id", ty("Integer"))
		id.PrimaryKey = true
		email.Unique = true
		return []ops.Op{&ops.CreateTable{Table: &schema.Table{
			Name: "user",
			Columns: []*schema.Column{
				id,
				notNull("name", tyLen("String", 50)),
				email, created,
				col("balance", &schema.Type{Kind: "Numeric", Precision: ip(10), Scale: ip(2)}),
				active,
				col("mood", &schema.Type{Kind: "Enum", Values: []string{"happy", "sad"}, EnumName: "mood", NativeEnum: true}),
				col("bio", ty("Text")),
				col("ratio", ty("Float")),
				col("born", ty("Date")),
				col("blob", tyLen("LargeBinary", 16)),
				col("data", ty("JSON")),
				quote,
			},
			Constraints: []schema.Constraint{&schema.Check{Name: "ck_balance", SQL: "balance >= 0"}},
			Comment:     sp("people"),
		}}}
	},
	"create_table_conv": func() []ops.Op {
		return []ops.Op{
			&ops.CreateTable{Table: &schema.Table{
				Name: "account",
				Columns: []*schema.Column{
					notNull("id", ty("Integer")), notNull("user_id", ty("Integer")),
					notNull("email", tyLen("String", 100)), col("balance", ty("Integer")),
				},
				Constraints: []schema.Constraint{
					&schema.PrimaryKey{Name: "pk_account", Columns: []string{"id"}, NameConv: true},
					&schema.Unique{Name: "uq_account_email", Columns: []string{"email"}, NameConv: true},
					&schema.ForeignKey{Name: "fk_account_user_id_user", Columns: []string{"user_id"}, RefTable: "user",
						RefColumns: []string{"id"}, OnDelete: "CASCADE", NameConv: true},
					&schema.Check{Name: "ck_account_positive", SQL: "balance > 0", NameConv: true},
				},
			}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_account_email", Table: "account",
				Elements: []schema.IndexElement{{Column: "email"}}, NameConv: true}},
		}
	},
	"create_table_schema": func() []ops.Op {
		return []ops.Op{
			&ops.CreateTable{Table: &schema.Table{
				Schema: "app", Name: "item",
				Columns: []*schema.Column{
					notNull("id", ty("Integer")), col("owner_id", ty("Integer")), notNull("code", tyLen("String", 8)),
				},
				Constraints: []schema.Constraint{
					&schema.PrimaryKey{Columns: []string{"id", "code"}},
					&schema.ForeignKey{Columns: []string{"owner_id"}, RefSchema: "app", RefTable: "user", RefColumns: []string{"id"},
						OnUpdate: "CASCADE", Deferrable: bp(true), Initially: "DEFERRED"},
					&schema.Unique{Name: "uq_item_code", Columns: []string{"code", "owner_id"}, Deferrable: bp(true), Initially: "DEFERRED"},
				},
				Comment:        sp("items"),
				DialectOptions: map[string]string{"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4"},
			}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_item_owner", Schema: "app", Table: "item",
				Elements: []schema.IndexElement{{Column: "owner_id"}}, Unique: true}},
		}
	},
	"create_table_reflected_pg": func() []ops.Op {
		// Types as dialect/postgres reflection returns them.
		c := func(name string, t *schema.Type) *schema.Column {
			cc := col(name, t)
			cc.Autoincrement = "false"
			return cc
		}
		id := notNull("id", ty("INTEGER"))
		id.Autoincrement = "true"
		name := c("name", tyLen("VARCHAR", 50))
		name.ServerDefault = txt("'x'::character varying")
		at := c("at", &schema.Type{Kind: "TIMESTAMP", Dialect: "postgresql", Timezone: true})
		at.ServerDefault = txt("now()")
		body := c("body", ty("TEXT"))
		body.Comment = sp("hello")
		ok := c("ok", ty("BOOLEAN"))
		ok.ServerDefault = txt("true")
		return []ops.Op{
			&ops.CreateTable{Table: &schema.Table{
				Name: "t",
				Columns: []*schema.Column{
					id, name, at,
					c("at3", &schema.Type{Kind: "TIMESTAMP", Dialect: "postgresql", Timezone: true, Precision: ip(3)}),
					c("plain", pg("TIMESTAMP")),
					c("t", pg("TIME")),
					c("amount", &schema.Type{Kind: "NUMERIC", Precision: ip(10), Scale: ip(2)}),
					c("n", ty("NUMERIC")),
					c("f", pg("DOUBLE_PRECISION")),
					c("r", ty("REAL")),
					c("doc", pg("JSONB")),
					c("j", pg("JSON")),
					c("tags", &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: ty("INTEGER"), Dimensions: 1}),
					c("names", &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: tyLen("VARCHAR", 20), Dimensions: 1}),
					c("uid", pg("UUID")),
					c("mood", &schema.Type{Kind: "ENUM", Dialect: "postgresql", EnumName: "mood", NativeEnum: true, CreateType: true, Values: []string{"a", "b"}}),
					c("raw", pg("BYTEA")),
					body, ok,
					c("s", ty("SMALLINT")),
					c("b", ty("BIGINT")),
					c("c", tyLen("CHAR", 3)),
					c("d", ty("DATE")),
					c("iv", pg("INTERVAL")),
					c("ip", pg("INET")),
					c("bits", &schema.Type{Kind: "BIT", Dialect: "postgresql", Length: 3}),
				},
				Constraints: []schema.Constraint{&schema.PrimaryKey{Name: "t_pkey", Columns: []string{"id"}}},
			}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_name", Table: "t", Elements: []schema.IndexElement{{Column: "name"}},
				DialectOptions: map[string]string{"postgresql_where": "name IS NOT NULL"}}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_lower", Table: "t", Elements: []schema.IndexElement{{Expr: "lower(name)"}}}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_gin", Table: "t", Elements: []schema.IndexElement{{Column: "doc"}},
				DialectOptions: map[string]string{"postgresql_using": "gin"}}},
		}
	},
	"create_table_reflected_mysql": func() []ops.Op {
		// Types as dialect/mysql reflection returns them from MariaDB.
		intCol := func(name string, kind string, width int, nullable bool) *schema.Column {
			cc := &schema.Column{Name: name, Type: &schema.Type{Kind: kind, Dialect: "mysql", Length: width}, Nullable: nullable, Autoincrement: "false"}
			return cc
		}
		id := intCol("id", "INTEGER", 11, false)
		id.Autoincrement = "true"
		a := intCol("a", "INTEGER", 11, false)
		a.ServerDefault = txt("3")
		b := col("b", &schema.Type{Kind: "VARCHAR", Dialect: "mysql", Length: 50})
		b.ServerDefault = txt("'x'")
		o := intCol("o", "BIGINT", 20, true)
		o.Type.Unsigned = true
		return []ops.Op{&ops.CreateTable{Table: &schema.Table{
			Name: "t",
			Columns: []*schema.Column{
				id, a, b,
				col("u", &schema.Type{Kind: "VARCHAR", Dialect: "mysql", Length: 10, Charset: "latin1", Collation: "latin1_swedish_ci"}),
				col("c", my("DATETIME")),
				col("x", &schema.Type{Kind: "DATETIME", Dialect: "mysql", Precision: ip(6)}),
				col("ts", &schema.Type{Kind: "TIMESTAMP", Dialect: "mysql", Precision: ip(3)}),
				col("e", &schema.Type{Kind: "DECIMAL", Dialect: "mysql", Precision: ip(10), Scale: ip(2)}),
				col("eu", &schema.Type{Kind: "DECIMAL", Dialect: "mysql", Precision: ip(10), Scale: ip(2), Unsigned: true}),
				col("f", my("DOUBLE")),
				col("g", my("FLOAT")),
				col("re", my("REAL")),
				col("h", my("TEXT")),
				intCol("i", "TINYINT", 1, true),
				col("j", my("DATE")),
				col("k", my("BLOB")),
				col("l", &schema.Type{Kind: "LONGTEXT", Dialect: "mysql", Charset: "utf8mb4", Collation: "utf8mb4_bin"}),
				col("m", &schema.Type{Kind: "ENUM", Dialect: "mysql", Values: []string{"a", "b"}, NativeEnum: true}),
				col("n", &schema.Type{Kind: "SET", Dialect: "mysql", Values: []string{"x", "y"}, NativeEnum: true}),
				o,
				col("p", &schema.Type{Kind: "CHAR", Dialect: "mysql", Length: 3}),
				col("q", my("TIME")),
				col("r", &schema.Type{Kind: "YEAR", Dialect: "mysql", Length: 4}),
				intCol("t", "MEDIUMINT", 9, true),
				col("v", &schema.Type{Kind: "BIT", Dialect: "mysql", Length: 1}),
				col("w", &schema.Type{Kind: "VARBINARY", Dialect: "mysql", Length: 10}),
				col("js", my("JSON")),
			},
			Constraints: []schema.Constraint{&schema.PrimaryKey{Columns: []string{"id"}}},
			Comment:     sp("tc"),
			DialectOptions: map[string]string{"mysql_engine": "InnoDB", "mysql_default_charset": "utf8mb4",
				"mysql_collate": "utf8mb4_general_ci", "mysql_comment": "tc"},
		}}}
	},
	"create_table_reflected_sqlite": func() []ops.Op {
		// Types as dialect/sqlite reflection returns them: known names
		// generic, anything else the declaration verbatim.
		sq := func(decl string) *schema.Type { return &schema.Type{Kind: decl, Dialect: "sqlite"} }
		name := col("name", tyLen("VARCHAR", 20))
		name.ServerDefault = txt("'x'")
		at := col("at", ty("DATETIME"))
		at.ServerDefault = txt("(CURRENT_TIMESTAMP)")
		return []ops.Op{&ops.CreateTable{Table: &schema.Table{
			Name: "t",
			Columns: []*schema.Column{
				notNull("id", ty("INTEGER")), name,
				col("amount", &schema.Type{Kind: "NUMERIC", Precision: ip(10), Scale: ip(2)}),
				at,
				col("body", ty("TEXT")),
				col("ok", ty("BOOLEAN")),
				col("r", ty("REAL")),
				col("money", sq("MONEY")),
				col("big", sq("BIGINTEGER")),
				col("label", sq("STRING")),
				col("raw", ty("BLOB")),
				col("note", sq("NVARCHAR2(30)")),
			},
			Constraints: []schema.Constraint{
				&schema.ForeignKey{Columns: []string{"big"}, RefTable: "other", RefColumns: []string{"id"}},
				&schema.PrimaryKey{Columns: []string{"id"}},
			},
		}}}
	},
	"drop_table": func() []ops.Op {
		return []ops.Op{&ops.DropTable{Name: "user"}, &ops.DropTable{Schema: "app", Name: "item"}}
	},
	"add_column": func() []ops.Op {
		flag := notNull("flag", ty("Boolean"))
		flag.ServerDefault = lit("0")
		note := col("note", tyLen("String", 200))
		note.Comment = sp("a note")
		at := col("at", ty("DateTime"))
		at.ServerDefault = fn("now")
		return []ops.Op{
			&ops.AddColumn{Table: "user", Column: col("age", ty("Integer"))},
			&ops.AddColumn{Schema: "app", Table: "user", Column: flag},
			&ops.AddColumn{Table: "user", Column: note},
			&ops.AddColumn{Table: "user", Column: at},
		}
	},
	"drop_column": func() []ops.Op {
		return []ops.Op{&ops.DropColumn{Table: "user", Column: "age"}, &ops.DropColumn{Schema: "app", Table: "user", Column: "flag"}}
	},
	"alter_column_nullable": func() []ops.Op {
		return []ops.Op{
			&ops.AlterColumn{Schema: "app", Table: "user", Column: "name", ExistingType: tyLen("VARCHAR", 50), Nullable: bp(false),
				ExistingServerDefault: txt("'x'::character varying"), ExistingComment: sp("the name"), ExistingNullable: bp(true)},
			&ops.AlterColumn{Table: "user", Column: "age", ExistingType: ty("INTEGER"), Nullable: bp(true)},
		}
	},
	"alter_column_type": func() []ops.Op {
		return []ops.Op{
			&ops.AlterColumn{Table: "user", Column: "id", ExistingType: ty("INTEGER"), Type: ty("BigInteger"),
				ExistingNullable: bp(false), Autoincrement: bp(true)},
			&ops.AlterColumn{Table: "user", Column: "name", ExistingType: tyLen("VARCHAR", 50), Type: tyLen("String", 100),
				ExistingNullable: bp(true)},
		}
	},
	"alter_column_default": func() []ops.Op {
		return []ops.Op{
			&ops.AlterColumn{Table: "user", Column: "name", ExistingType: tyLen("VARCHAR", 50),
				ServerDefault: &ops.DefaultChange{Expr: lit("x")}, ExistingServerDefault: txt("'y'::character varying"), ExistingNullable: bp(true)},
			&ops.AlterColumn{Table: "user", Column: "age", ExistingType: ty("INTEGER"),
				ServerDefault: &ops.DefaultChange{}, ExistingServerDefault: txt("0"), ExistingNullable: bp(true)},
			&ops.AlterColumn{Table: "user", Column: "at", ExistingType: pg("TIMESTAMP"),
				ServerDefault: &ops.DefaultChange{Expr: txt("now()")}, ExistingNullable: bp(false)},
		}
	},
	"alter_column_comment": func() []ops.Op {
		return []ops.Op{
			&ops.AlterColumn{Table: "user", Column: "name", ExistingType: tyLen("VARCHAR", 50),
				Comment: &ops.CommentChange{Comment: sp("new")}, ExistingComment: sp("old"), ExistingNullable: bp(true)},
			&ops.AlterColumn{Table: "user", Column: "age", ExistingType: ty("INTEGER"),
				Comment: &ops.CommentChange{}, ExistingComment: sp("gone"), ExistingNullable: bp(true)},
		}
	},
	"create_index": func() []ops.Op {
		return []ops.Op{
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_user_name", Table: "user", Elements: []schema.IndexElement{{Column: "name"}}}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_user_email", Schema: "app", Table: "user", Unique: true, NameConv: true,
				Elements: []schema.IndexElement{{Column: "email"}, {Column: "name"}}}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_user_active", Table: "user", Elements: []schema.IndexElement{{Column: "name"}},
				DialectOptions: map[string]string{"postgresql_where": "active = true"}}},
		}
	},
	"drop_index": func() []ops.Op {
		return []ops.Op{
			&ops.DropIndex{Table: "user", Name: "ix_user_name"},
			&ops.DropIndex{Schema: "app", Table: "user", Name: "ix_user_email",
				Existing: &schema.Index{Name: "ix_user_email", Schema: "app", Table: "user", NameConv: true}},
		}
	},
	"unique_constraint": func() []ops.Op {
		return []ops.Op{
			&ops.CreateUniqueConstraint{Table: "user", Unique: &schema.Unique{Name: "uq_user_email", Columns: []string{"email"}}},
			&ops.CreateUniqueConstraint{Schema: "app", Table: "user", Unique: &schema.Unique{Name: "uq_user_a_b", Columns: []string{"a", "b"}, NameConv: true}},
			&ops.CreateUniqueConstraint{Table: "user", Unique: &schema.Unique{Columns: []string{"c"}}},
		}
	},
	"foreign_key": func() []ops.Op {
		return []ops.Op{
			&ops.CreateForeignKey{Table: "post", ForeignKey: &schema.ForeignKey{Columns: []string{"user_id"}, RefTable: "user", RefColumns: []string{"id"}}},
			&ops.CreateForeignKey{Table: "post", ForeignKey: &schema.ForeignKey{Name: "fk_post_user_id_user", NameConv: true,
				Columns: []string{"user_id"}, RefTable: "user", RefColumns: []string{"id"}, OnDelete: "CASCADE", OnUpdate: "SET NULL"}},
			&ops.CreateForeignKey{Schema: "app", Table: "post", ForeignKey: &schema.ForeignKey{Name: "fk_x", Columns: []string{"a", "b"},
				RefSchema: "auth", RefTable: "user", RefColumns: []string{"c", "d"}, Initially: "DEFERRED", Deferrable: bp(true)}},
		}
	},
	"drop_constraint": func() []ops.Op {
		return []ops.Op{
			&ops.DropConstraint{Table: "post", Name: "fk_post_user", Type: "foreignkey"},
			&ops.DropConstraint{Schema: "app", Table: "user", Name: "uq_user_email", Type: "unique",
				Existing: &schema.Unique{Name: "uq_user_email", Columns: []string{"email"}, NameConv: true}},
			&ops.DropConstraint{Table: "user", Name: "ck_x", Type: "check"},
			&ops.DropConstraint{Table: "user", Name: "pk_user", Type: "primary"},
			&ops.DropConstraint{Table: "user", Name: "whatever"},
		}
	},
	"table_comment": func() []ops.Op {
		return []ops.Op{
			&ops.CreateTableComment{Table: "user", Comment: "people"},
			&ops.CreateTableComment{Schema: "app", Table: "item", Comment: "it's items", Existing: sp("old")},
			&ops.DropTableComment{Table: "post", Existing: sp("posts")},
			&ops.DropTableComment{Schema: "app", Table: "tag"},
		}
	},
	"execute": func() []ops.Op {
		return []ops.Op{
			&ops.Execute{SQL: "UPDATE user SET name = 'x'"},
			&ops.Execute{SQL: "CREATE VIEW v AS\nSELECT 1\n\tFROM t"},
			&ops.Execute{SQL: `SELECT "quoted" FROM t`},
		}
	},
	"batch": func() []ops.Op {
		return []ops.Op{
			&ops.BatchAlterTable{Table: "user", Ops: []ops.Op{
				&ops.AddColumn{Table: "user", Column: col("age", ty("Integer"))},
				&ops.AlterColumn{Table: "user", Column: "name", ExistingType: tyLen("VARCHAR", 50), Nullable: bp(false)},
				&ops.DropColumn{Table: "user", Column: "old"},
				&ops.CreateIndex{Index: &schema.Index{Name: "ix_user_age", Table: "user", NameConv: true, Elements: []schema.IndexElement{{Column: "age"}}}},
				&ops.DropIndex{Table: "user", Name: "ix_user_old"},
				&ops.CreateForeignKey{Table: "user", ForeignKey: &schema.ForeignKey{Name: "fk_user_org_id_org", NameConv: true,
					Columns: []string{"org_id"}, RefTable: "org", RefColumns: []string{"id"}, OnDelete: "CASCADE"}},
				&ops.DropConstraint{Table: "user", Name: "fk_old", Type: "foreignkey"},
				&ops.CreateUniqueConstraint{Table: "user", Unique: &schema.Unique{Name: "uq_user_age", Columns: []string{"age"}}},
			}},
			&ops.BatchAlterTable{Schema: "app", Table: "item", Ops: []ops.Op{
				&ops.AlterColumn{Schema: "app", Table: "item", Column: "code", ExistingType: tyLen("VARCHAR", 8),
					Type: tyLen("String", 16), ExistingNullable: bp(false)},
			}},
			&ops.BatchAlterTable{Table: "empty"},
			&ops.DropTable{Name: "gone"},
		}
	},
	"types_model": func() []ops.Op {
		types := []*schema.Type{
			{Kind: "Enum", Values: []string{"x", "y"}, EnumName: "ab"},
			{Kind: "Boolean", CreateConstraint: true},
			{Kind: "Unicode", Length: 20},
			{Kind: "ARRAY", Item: ty("Integer")},
			{Kind: "Interval"},
			{Kind: "Time", Timezone: true},
			{Kind: "String", Length: 30, Collation: "C"},
			{Kind: "Numeric"},
			{Kind: "Float", Precision: ip(53)},
			{Kind: "String", Length: 20, Variants: map[string]*schema.Type{"mysql": {Kind: "VARCHAR", Dialect: "mysql", Length: 20}}},
			{Kind: "UUID", Dialect: "postgresql", AsUUID: bp(true)},
			{Kind: "JSONB", Dialect: "postgresql"},
			{Kind: "Enum", Values: []string{"p", "q"}, NativeEnum: true},
			{Kind: "BigInteger"},
			{Kind: "SmallInteger"},
			{Kind: "UnicodeText"},
			{Kind: "String"},
			{Kind: "ARRAY", Dialect: "postgresql", Item: tyLen("String", 5), Dimensions: 2},
			{Kind: "DateTime"},
			{Kind: "ENUM", Dialect: "postgresql", Values: []string{"a", "b"}, EnumName: "mood", NativeEnum: true, CreateType: true},
		}
		var out []ops.Op
		for i, t := range types {
			out = append(out, &ops.AddColumn{Table: "t", Column: col(string(rune('a'+i)), t)})
		}
		return out
	},
	"column_shorthand": func() []ops.Op {
		// primary_key=True, unique=True and ForeignKey(...) on the columns.
		id := notNull("id", ty("Integer"))
		id.PrimaryKey = true
		org := notNull("org_id", ty("Integer"))
		org.ForeignKeys = []*schema.ForeignKeyRef{{Target: "org.id", OnDelete: "CASCADE"}}
		code := col("code", tyLen("String", 10))
		code.Unique = true
		owner := col("owner", ty("Integer"))
		owner.ForeignKeys = []*schema.ForeignKeyRef{{Target: "auth.user.id"}}
		return []ops.Op{&ops.CreateTable{Table: &schema.Table{
			Name: "member",
			Columns: []*schema.Column{
				id, org, code,
				col("kind", &schema.Type{Kind: "Enum", Values: []string{"a", "b"}, EnumName: "kind", NativeEnum: true, CreateConstraint: true}),
				col("flag", &schema.Type{Kind: "Boolean", CreateConstraint: true, EnumName: "ck_flag"}),
				owner,
			},
		}}}
	},
	"index_options": func() []ops.Op {
		el := func(c string) []schema.IndexElement { return []schema.IndexElement{{Column: c}} }
		return []ops.Op{
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_a", Table: "t", Elements: el("a"),
				DialectOptions: map[string]string{"postgresql_include": "n", "postgresql_using": "btree"}}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_n", Table: "t", Elements: el("n"),
				DialectOptions: map[string]string{"mysql_length": "n:10"}}},
			&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_m", Table: "t", Elements: el("n"),
				DialectOptions: map[string]string{"mysql_length": "10"}}},
			&ops.DropIndex{Table: "t", Name: "ix_t_a", DialectOptions: map[string]string{"postgresql_concurrently": "True"}},
		}
	},
	"computed_identity": func() []ops.Op {
		one := int64(1)
		id := notNull("id", ty("Integer"))
		id.Identity = &schema.Identity{Always: true, Start: &one, Increment: &one}
		id.PrimaryKey = true
		b := col("b", ty("Integer"))
		b.Computed = &schema.Computed{SQL: "a * 2", Persisted: bp(true)}
		c := col("c", ty("Integer"))
		c.Computed = &schema.Computed{SQL: "a + 1"}
		d := col("d", ty("Integer"))
		d.Autoincrement = "false"
		return []ops.Op{&ops.CreateTable{Table: &schema.Table{
			Name:    "calc",
			Columns: []*schema.Column{id, col("a", ty("Integer")), b, c, d},
		}}}
	},
}

// batchCases are rendered by record.py with render_as_batch=True; in Go the
// batch blocks are explicit *ops.BatchAlterTable values, so nothing differs.
func TestRenderPython_Golden(t *testing.T) {
	for name, build := range pythonCases {
		t.Run(name, func(t *testing.T) {
			wantImports, wantUp := golden(t, name)
			got, err := RenderPython(build(), nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Upgrades != wantUp {
				t.Errorf("upgrades differ from Alembic's\n--- got\n%s\n--- want\n%s", got.Upgrades, wantUp)
				diffLines(t, got.Upgrades, wantUp)
			}
			if got.Imports != wantImports {
				t.Errorf("imports = %q, want %q", got.Imports, wantImports)
			}
		})
	}
}

// TestRenderPython_AllGoldenFilesHaveACase keeps the Go cases and the
// recorded files in step.
func TestRenderPython_AllGoldenFilesHaveACase(t *testing.T) {
	files, err := filepath.Glob("testdata/python/*.golden")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(pythonCases) {
		t.Errorf("%d golden files, %d Go cases", len(files), len(pythonCases))
	}
	for _, f := range files {
		name := strings.TrimSuffix(f[strings.LastIndexByte(f, '/')+1:], ".golden")
		if pythonCases[name] == nil {
			t.Errorf("golden file %s has no Go case", f)
		}
	}
}

func diffLines(t *testing.T, got, want string) {
	t.Helper()
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("first difference at line %d:\n got: %q\nwant: %q", i+1, gl, wl)
			return
		}
	}
}
