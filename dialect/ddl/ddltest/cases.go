package ddltest

import (
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

func ty(kind string) *schema.Type { return &schema.Type{Kind: kind} }

func tyd(dialect, kind string) *schema.Type { return &schema.Type{Kind: kind, Dialect: dialect} }

func str(n int) *schema.Type { return &schema.Type{Kind: "String", Length: n} }

func ip(n int) *int       { return &n }
func i64(n int64) *int64  { return &n }
func bp(b bool) *bool     { return &b }
func sp(s string) *string { return &s }

// col is a nullable column, as sa.Column(name, type) is.
func col(name string, t *schema.Type) *schema.Column {
	return &schema.Column{Name: name, Type: t, Nullable: true, Autoincrement: "auto"}
}

func notNull(c *schema.Column) *schema.Column { c.Nullable = false; return c }

func pk(c *schema.Column) *schema.Column { c.PrimaryKey = true; c.Nullable = false; return c }

func lit(s string) *schema.Expr  { return &schema.Expr{Kind: schema.ExprLiteral, Value: s} }
func text(s string) *schema.Expr { return &schema.Expr{Kind: schema.ExprText, Text: s} }
func fn(name string) *schema.Expr {
	return &schema.Expr{Kind: schema.ExprFunc, Text: name}
}
func bind(v any) schema.Expr         { return schema.Expr{Kind: schema.ExprBind, Value: v} }
func column(name string) schema.Expr { return schema.Expr{Kind: schema.ExprColumn, Text: name} }
func binary(op string, l, r schema.Expr) *schema.Expr {
	return &schema.Expr{Kind: schema.ExprBinary, Text: op, Args: []schema.Expr{l, r}}
}

func enum(name string, values ...string) *schema.Type {
	return &schema.Type{Kind: "Enum", Values: values, EnumName: name, NativeEnum: true, CreateType: true}
}

func table(name string, cols ...*schema.Column) *schema.Table {
	return &schema.Table{Name: name, Columns: cols}
}

func createTable(t *schema.Table) []ops.Op { return []ops.Op{&ops.CreateTable{Table: t}} }

func one(op ops.Op) []ops.Op { return []ops.Op{op} }

// Cases returns the shared op-compilation cases.
func Cases() []Case {
	return []Case{
		{Name: "create_table_serial_pk",
			Py:  `op.create_table("account", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(50), nullable=False), sa.Column("description", sa.Unicode(200)))`,
			Ops: createTable(table("account", pk(col("id", ty("Integer"))), notNull(col("name", str(50))), col("description", &schema.Type{Kind: "Unicode", Length: 200})))},
		{Name: "create_table_bigint_pk",
			Py:  `op.create_table("t", sa.Column("id", sa.BigInteger, primary_key=True))`,
			Ops: createTable(table("t", pk(col("id", ty("BigInteger")))))},
		{Name: "create_table_smallint_pk",
			Py:  `op.create_table("t", sa.Column("id", sa.SmallInteger, primary_key=True))`,
			Ops: createTable(table("t", pk(col("id", ty("SmallInteger")))))},
		{Name: "create_table_pk_no_autoincrement",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True, autoincrement=False))`,
			Ops: createTable(table("t", func() *schema.Column {
				c := pk(col("id", ty("Integer")))
				c.Autoincrement = "false"
				return c
			}()))},
		{Name: "create_table_pk_with_default",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True, server_default="5"))`,
			Ops: createTable(table("t", func() *schema.Column {
				c := pk(col("id", ty("Integer")))
				c.ServerDefault = lit("5")
				return c
			}()))},
		{Name: "create_table_composite_pk",
			Py:  `op.create_table("t", sa.Column("a", sa.Integer, primary_key=True), sa.Column("b", sa.String(10), primary_key=True))`,
			Ops: createTable(table("t", pk(col("a", ty("Integer"))), pk(col("b", str(10)))))},
		{Name: "create_table_composite_pk_autoinc_first",
			Py: `op.create_table("t", sa.Column("a", sa.Integer, primary_key=True), sa.Column("b", sa.Integer, primary_key=True, autoincrement=True))`,
			Ops: createTable(table("t", pk(col("a", ty("Integer"))), func() *schema.Column {
				c := pk(col("b", ty("Integer")))
				c.Autoincrement = "true"
				return c
			}()))},
		{Name: "create_table_explicit_pk_constraint",
			Py: `op.create_table("t", sa.Column("a", sa.Integer, nullable=False), sa.Column("b", sa.Integer, nullable=False), sa.PrimaryKeyConstraint("a", "b", name="pk_t"))`,
			Ops: createTable(&schema.Table{Name: "t", Columns: []*schema.Column{notNull(col("a", ty("Integer"))), notNull(col("b", ty("Integer")))},
				Constraints: []schema.Constraint{&schema.PrimaryKey{Name: "pk_t", Columns: []string{"a", "b"}}}})},
		{Name: "create_table_fk_pk_not_serial",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, sa.ForeignKey("o.id"), primary_key=True))`,
			Ops: createTable(table("t", func() *schema.Column {
				c := pk(col("id", ty("Integer")))
				c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "o.id"}}
				return c
			}()))},
		{Name: "create_table_constraints_order",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer, sa.ForeignKey("o.id", ondelete="CASCADE")), sa.Column("b", sa.Integer, unique=True), sa.Column("c", sa.Integer, sa.ForeignKey("o.id"), unique=True), sa.CheckConstraint("a > 1", name="ck"), sa.ForeignKeyConstraint(["b"], ["s.o.x"], name="fk_b", onupdate="SET NULL"), sa.UniqueConstraint("a", "b", name="uq_ab"))`,
			Ops: createTable(&schema.Table{Name: "t",
				Columns: []*schema.Column{
					pk(col("id", ty("Integer"))),
					func() *schema.Column {
						c := col("a", ty("Integer"))
						c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "o.id", OnDelete: "CASCADE"}}
						return c
					}(),
					func() *schema.Column { c := col("b", ty("Integer")); c.Unique = true; return c }(),
					func() *schema.Column {
						c := col("c", ty("Integer"))
						c.Unique = true
						c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "o.id"}}
						return c
					}(),
				},
				Constraints: []schema.Constraint{
					&schema.Check{Name: "ck", SQL: "a > 1"},
					&schema.ForeignKey{Name: "fk_b", Columns: []string{"b"}, RefSchema: "s", RefTable: "o", RefColumns: []string{"x"}, OnUpdate: "SET NULL"},
					&schema.Unique{Name: "uq_ab", Columns: []string{"a", "b"}},
				}})},
		{Name: "create_table_fk_deferrable_match",
			Py: `op.create_table("t", sa.Column("a", sa.Integer), sa.ForeignKeyConstraint(["a"], ["o.id"], name="fk_a", deferrable=True, initially="DEFERRED", match="FULL"))`,
			Ops: createTable(&schema.Table{Name: "t", Columns: []*schema.Column{col("a", ty("Integer"))},
				Constraints: []schema.Constraint{&schema.ForeignKey{Name: "fk_a", Columns: []string{"a"}, RefTable: "o", RefColumns: []string{"id"}, Deferrable: bp(true), Initially: "DEFERRED", Match: "FULL"}}})},
		{Name: "create_table_fk_deferrable",
			Py: `op.create_table("t", sa.Column("a", sa.Integer), sa.ForeignKeyConstraint(["a"], ["o.id"], name="fk_a", deferrable=False))`,
			Ops: createTable(&schema.Table{Name: "t", Columns: []*schema.Column{col("a", ty("Integer"))},
				Constraints: []schema.Constraint{&schema.ForeignKey{Name: "fk_a", Columns: []string{"a"}, RefTable: "o", RefColumns: []string{"id"}, Deferrable: bp(false)}}})},
		// Alembic creates a table's indexes in set order, which varies between
		// runs when there are several; each case below has one.
		{Name: "create_table_index_true",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer, index=True))`,
			Ops: createTable(table("t", pk(col("id", ty("Integer"))),
				func() *schema.Column { c := col("a", ty("Integer")); c.Index = true; return c }()))},
		{Name: "create_table_index_true_unique",
			Py: `op.create_table("t", sa.Column("b", sa.Integer, index=True, unique=True), schema="s")`,
			Ops: createTable(&schema.Table{Name: "t", Schema: "s", Columns: []*schema.Column{
				func() *schema.Column { c := col("b", ty("Integer")); c.Index = true; c.Unique = true; return c }()}})},
		{Name: "create_table_with_index_object",
			Py: `op.create_table("t", sa.Column("a", sa.Integer), sa.Column("b", sa.Integer), sa.Index("ix_ab", "a", "b"))`,
			Ops: createTable(&schema.Table{Name: "t", Columns: []*schema.Column{col("a", ty("Integer")), col("b", ty("Integer"))},
				Indexes: []*schema.Index{{Name: "ix_ab", Elements: []schema.IndexElement{{Column: "a"}, {Column: "b"}}}}})},
		{Name: "create_table_quoting",
			Py: `op.create_table("User", sa.Column("order", sa.Integer), sa.Column("Name", sa.String(5)), sa.Column("select", sa.Integer), sa.Column("has space", sa.Integer), sa.Column("1st", sa.Integer), schema="Other")`,
			Ops: createTable(&schema.Table{Name: "User", Schema: "Other", Columns: []*schema.Column{col("order", ty("Integer")), col("Name", str(5)),
				col("select", ty("Integer")), col("has space", ty("Integer")), col("1st", ty("Integer"))}})},
		{Name: "create_table_defaults",
			Py: `op.create_table("t", sa.Column("a", sa.String(10), server_default="x'y"), sa.Column("b", sa.Integer, server_default=sa.text("0")), sa.Column("c", sa.DateTime(timezone=True), server_default=sa.func.now()), sa.Column("d", sa.TIMESTAMP, server_default=sa.func.current_timestamp()), sa.Column("e", sa.Boolean, server_default=sa.text("false")), sa.Column("f", sa.String(10), server_default="50%"), sa.Column("g", sa.String(10), server_default="a\\b"))`,
			Ops: createTable(table("t",
				func() *schema.Column { c := col("a", str(10)); c.ServerDefault = lit("x'y"); return c }(),
				func() *schema.Column { c := col("b", ty("Integer")); c.ServerDefault = text("0"); return c }(),
				func() *schema.Column {
					c := col("c", &schema.Type{Kind: "DateTime", Timezone: true})
					c.ServerDefault = fn("now")
					return c
				}(),
				func() *schema.Column {
					c := col("d", ty("TIMESTAMP"))
					c.ServerDefault = fn("current_timestamp")
					return c
				}(),
				func() *schema.Column { c := col("e", ty("Boolean")); c.ServerDefault = text("false"); return c }(),
				func() *schema.Column { c := col("f", str(10)); c.ServerDefault = lit("50%"); return c }(),
				func() *schema.Column { c := col("g", str(10)); c.ServerDefault = lit(`a\b`); return c }(),
			))},
		{Name: "create_table_comments",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True, comment="the key"), sa.Column("x", sa.Integer, comment="it's x"), comment="a table")`,
			Ops: createTable(&schema.Table{Name: "t", Comment: sp("a table"), Columns: []*schema.Column{
				func() *schema.Column { c := pk(col("id", ty("Integer"))); c.Comment = sp("the key"); return c }(),
				func() *schema.Column { c := col("x", ty("Integer")); c.Comment = sp("it's x"); return c }(),
			}})},
		{Name: "create_table_identity_computed",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, sa.Identity(start=5, increment=2), primary_key=True), sa.Column("g", sa.Integer, sa.Computed("id * 2", persisted=True)))`,
			Ops: createTable(table("t",
				func() *schema.Column {
					c := pk(col("id", ty("Integer")))
					c.Identity = &schema.Identity{Start: i64(5), Increment: i64(2)}
					return c
				}(),
				func() *schema.Column {
					c := col("g", ty("Integer"))
					c.Computed = &schema.Computed{SQL: "id * 2", Persisted: bp(true)}
					return c
				}()))},
		{Name: "create_table_identity_always",
			Py: `op.create_table("t", sa.Column("id", sa.BigInteger, sa.Identity(always=True, minvalue=1, maxvalue=100, cycle=True, cache=5), primary_key=True))`,
			Ops: createTable(table("t", func() *schema.Column {
				c := pk(col("id", ty("BigInteger")))
				c.Identity = &schema.Identity{Always: true, MinValue: i64(1), MaxValue: i64(100), Cycle: true, Cache: i64(5)}
				return c
			}()))},
		{Name: "create_table_mariadb_options",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), mariadb_default_charset="utf8mb4")`,
			Ops: createTable(&schema.Table{Name: "t", DialectOptions: map[string]string{"mariadb_default_charset": "utf8mb4"},
				Columns: []*schema.Column{pk(col("id", ty("Integer")))}})},
		// SQLAlchemy orders several table options by Python set iteration;
		// oracle.sh runs Alembic with PYTHONHASHSEED=0, whose order retort
		// reproduces.
		{Name: "create_table_mysql_options",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), mysql_engine="InnoDB")`,
			Ops: createTable(&schema.Table{Name: "t", DialectOptions: map[string]string{"mysql_engine": "InnoDB"},
				Columns: []*schema.Column{pk(col("id", ty("Integer")))}})},
		{Name: "create_table_mysql_options_and_comment",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), mysql_engine="InnoDB", mysql_charset="utf8mb4", mysql_collate="utf8mb4_bin", comment="c")`,
			Ops: createTable(&schema.Table{Name: "t", Comment: sp("c"), DialectOptions: map[string]string{"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_bin"},
				Columns: []*schema.Column{pk(col("id", ty("Integer")))}})},
		{Name: "create_table_mysql_collate",
			Py: `op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), mysql_collate="utf8mb4_bin")`,
			Ops: createTable(&schema.Table{Name: "t", DialectOptions: map[string]string{"mysql_collate": "utf8mb4_bin"},
				Columns: []*schema.Column{pk(col("id", ty("Integer")))}})},
		{Name: "create_table_enum_native",
			Py:  `op.create_table("t", sa.Column("x", sa.Enum("a", "b", name="myenum")), sa.Column("y", sa.Enum("a", "b", name="myenum")))`,
			Ops: createTable(table("t", col("x", enum("myenum", "a", "b")), col("y", enum("myenum", "a", "b"))))},
		{Name: "create_table_enum_quoted_name",
			Py:  `op.create_table("t", sa.Column("x", sa.Enum("p", "it's", name="Mood")))`,
			Ops: createTable(table("t", col("x", enum("Mood", "p", "it's"))))},
		{Name: "create_table_enum_no_create_type",
			Py:  `op.create_table("t", sa.Column("w", postgresql.ENUM("q", name="w", create_type=False)))`,
			Ops: createTable(table("t", col("w", &schema.Type{Kind: "ENUM", Dialect: "postgresql", Values: []string{"q"}, EnumName: "w", NativeEnum: true})))},
		{Name: "create_table_enum_non_native",
			Py: `op.create_table("t", sa.Column("ne", sa.Enum("aa", "b", name="ne", native_enum=False, create_constraint=True)), sa.Column("nn", sa.Enum("xyz", "b", native_enum=False)))`,
			Ops: createTable(table("t",
				col("ne", &schema.Type{Kind: "Enum", Values: []string{"aa", "b"}, EnumName: "ne", CreateConstraint: true, CreateType: true}),
				col("nn", &schema.Type{Kind: "Enum", Values: []string{"xyz", "b"}, CreateType: true})))},
		{Name: "create_table_boolean_constraint",
			Py:  `op.create_table("t", sa.Column("b", sa.Boolean(create_constraint=True, name="ck_b")))`,
			Ops: createTable(table("t", col("b", &schema.Type{Kind: "Boolean", CreateConstraint: true, EnumName: "ck_b"})))},
		{Name: "types_generic",
			Py: `op.create_table("t", sa.Column("a", sa.Integer), sa.Column("b", sa.SmallInteger), sa.Column("c", sa.BigInteger), sa.Column("d", sa.String(20)), sa.Column("e", sa.Text), sa.Column("f", sa.UnicodeText), sa.Column("g", sa.Boolean), sa.Column("h", sa.Date), sa.Column("i", sa.DateTime), sa.Column("j", sa.Time), sa.Column("k", sa.Numeric(10, 2)), sa.Column("l", sa.Numeric), sa.Column("m", sa.Float), sa.Column("n", sa.Float(53)), sa.Column("o", sa.JSON), sa.Column("p", sa.LargeBinary), sa.Column("q", sa.Interval), sa.Column("r", sa.Numeric(10)))`,
			Ops: createTable(table("t", col("a", ty("Integer")), col("b", ty("SmallInteger")), col("c", ty("BigInteger")), col("d", str(20)),
				col("e", ty("Text")), col("f", ty("UnicodeText")), col("g", ty("Boolean")), col("h", ty("Date")), col("i", ty("DateTime")),
				col("j", ty("Time")), col("k", &schema.Type{Kind: "Numeric", Precision: ip(10), Scale: ip(2)}), col("l", ty("Numeric")),
				col("m", ty("Float")), col("n", &schema.Type{Kind: "Float", Precision: ip(53)}), col("o", ty("JSON")), col("p", ty("LargeBinary")),
				col("q", ty("Interval")), col("r", &schema.Type{Kind: "Numeric", Precision: ip(10)})))},
		{Name: "types_uppercase",
			Py: `op.create_table("t", sa.Column("a", sa.VARCHAR(10)), sa.Column("b", sa.CHAR(2)), sa.Column("c", sa.INTEGER), sa.Column("d", sa.TIMESTAMP), sa.Column("e", sa.DATETIME), sa.Column("f", sa.REAL), sa.Column("g", sa.NUMERIC(5, 1)), sa.Column("h", sa.DECIMAL(5, 1)), sa.Column("i", sa.TEXT), sa.Column("j", sa.BOOLEAN), sa.Column("k", sa.BIGINT), sa.Column("l", sa.SMALLINT), sa.Column("m", sa.DATE), sa.Column("n", sa.TIME), sa.Column("o", sa.FLOAT))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "VARCHAR", Length: 10}), col("b", &schema.Type{Kind: "CHAR", Length: 2}), col("c", ty("INTEGER")),
				col("d", ty("TIMESTAMP")), col("e", ty("DATETIME")), col("f", ty("REAL")), col("g", &schema.Type{Kind: "NUMERIC", Precision: ip(5), Scale: ip(1)}),
				col("h", &schema.Type{Kind: "DECIMAL", Precision: ip(5), Scale: ip(1)}), col("i", ty("TEXT")), col("j", ty("BOOLEAN")), col("k", ty("BIGINT")),
				col("l", ty("SMALLINT")), col("m", ty("DATE")), col("n", ty("TIME")), col("o", ty("FLOAT"))))},
		{Name: "types_collation",
			Py:  `op.create_table("t", sa.Column("a", sa.String(50, collation="utf8mb4_bin")), sa.Column("b", sa.Text(collation="C")))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "String", Length: 50, Collation: "utf8mb4_bin"}), col("b", &schema.Type{Kind: "Text", Collation: "C"})))},
		{Name: "types_datetime_tz",
			Py:  `op.create_table("t", sa.Column("a", sa.DateTime(timezone=True)), sa.Column("b", sa.Time(timezone=True)))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "DateTime", Timezone: true}), col("b", &schema.Type{Kind: "Time", Timezone: true})))},
		{Name: "types_string_no_length",
			Py:  `op.create_table("t", sa.Column("a", sa.String))`,
			Ops: createTable(table("t", col("a", ty("String"))))},
		{Name: "types_postgresql",
			Py: `op.create_table("t", sa.Column("a", postgresql.UUID), sa.Column("b", postgresql.JSONB), sa.Column("c", postgresql.ARRAY(sa.Text)), sa.Column("d", postgresql.TIMESTAMP(timezone=True, precision=3)), sa.Column("e", postgresql.INET), sa.Column("f", postgresql.CIDR), sa.Column("g", postgresql.BYTEA), sa.Column("h", postgresql.INTERVAL), sa.Column("i", postgresql.MONEY), sa.Column("j", postgresql.TSVECTOR), sa.Column("k", postgresql.DOUBLE_PRECISION), sa.Column("l", postgresql.HSTORE), sa.Column("m", postgresql.TIME(precision=3)), sa.Column("n", sa.ARRAY(sa.String(5), dimensions=2)), sa.Column("o", postgresql.MACADDR))`,
			Ops: createTable(table("t", col("a", tyd("postgresql", "UUID")), col("b", tyd("postgresql", "JSONB")),
				col("c", &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: ty("Text")}),
				col("d", &schema.Type{Kind: "TIMESTAMP", Dialect: "postgresql", Timezone: true, Precision: ip(3)}),
				col("e", tyd("postgresql", "INET")), col("f", tyd("postgresql", "CIDR")), col("g", tyd("postgresql", "BYTEA")),
				col("h", tyd("postgresql", "INTERVAL")), col("i", tyd("postgresql", "MONEY")), col("j", tyd("postgresql", "TSVECTOR")),
				col("k", tyd("postgresql", "DOUBLE_PRECISION")), col("l", tyd("postgresql", "HSTORE")),
				col("m", &schema.Type{Kind: "TIME", Dialect: "postgresql", Precision: ip(3)}),
				col("n", &schema.Type{Kind: "ARRAY", Item: str(5), Dimensions: 2}), col("o", tyd("postgresql", "MACADDR"))))},
		{Name: "types_mysql",
			Py: `op.create_table("t", sa.Column("a", mysql.INTEGER(unsigned=True)), sa.Column("b", mysql.TINYINT(1)), sa.Column("c", mysql.BIGINT(unsigned=True)), sa.Column("d", mysql.MEDIUMINT), sa.Column("e", mysql.LONGTEXT), sa.Column("f", mysql.MEDIUMTEXT), sa.Column("g", mysql.DATETIME(fsp=6)), sa.Column("h", mysql.TIMESTAMP(fsp=3)), sa.Column("i", mysql.DOUBLE), sa.Column("j", mysql.DECIMAL(10, 2, unsigned=True)), sa.Column("l", mysql.SET("a", "b")), sa.Column("m", mysql.JSON), sa.Column("n", mysql.BIT(8)), sa.Column("o", mysql.LONGBLOB), sa.Column("p", mysql.YEAR), sa.Column("q", mysql.VARBINARY(16)), sa.Column("r", mysql.TINYTEXT), sa.Column("s", mysql.INTEGER(display_width=11)))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "INTEGER", Dialect: "mysql", Unsigned: true}), col("b", &schema.Type{Kind: "TINYINT", Dialect: "mysql", Length: 1}),
				col("c", &schema.Type{Kind: "BIGINT", Dialect: "mysql", Unsigned: true}), col("d", tyd("mysql", "MEDIUMINT")), col("e", tyd("mysql", "LONGTEXT")),
				col("f", tyd("mysql", "MEDIUMTEXT")), col("g", &schema.Type{Kind: "DATETIME", Dialect: "mysql", Precision: ip(6)}),
				col("h", &schema.Type{Kind: "TIMESTAMP", Dialect: "mysql", Precision: ip(3)}), col("i", tyd("mysql", "DOUBLE")),
				col("j", &schema.Type{Kind: "DECIMAL", Dialect: "mysql", Precision: ip(10), Scale: ip(2), Unsigned: true}),
				col("l", &schema.Type{Kind: "SET", Dialect: "mysql", Values: []string{"a", "b"}}), col("m", tyd("mysql", "JSON")),
				col("n", &schema.Type{Kind: "BIT", Dialect: "mysql", Length: 8}), col("o", tyd("mysql", "LONGBLOB")), col("p", tyd("mysql", "YEAR")),
				col("q", &schema.Type{Kind: "VARBINARY", Dialect: "mysql", Length: 16}), col("r", tyd("mysql", "TINYTEXT")),
				col("s", &schema.Type{Kind: "INTEGER", Dialect: "mysql", Length: 11})))},
		{Name: "types_mysql_timestamp_not_null",
			Py:  `op.create_table("t", sa.Column("h", mysql.TIMESTAMP(fsp=3), nullable=False))`,
			Ops: createTable(table("t", notNull(col("h", &schema.Type{Kind: "TIMESTAMP", Dialect: "mysql", Precision: ip(3)}))))},
		{Name: "types_mysql_charset",
			Py:  `op.create_table("t", sa.Column("a", mysql.VARCHAR(20, charset="utf8mb4", collation="utf8mb4_bin")), sa.Column("b", mysql.TEXT(charset="latin1")))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "VARCHAR", Dialect: "mysql", Length: 20, Charset: "utf8mb4", Collation: "utf8mb4_bin"}), col("b", &schema.Type{Kind: "TEXT", Dialect: "mysql", Charset: "latin1"})))},
		{Name: "types_mysql_enum",
			Py:  `op.create_table("t", sa.Column("k", mysql.ENUM("a", "it's")))`,
			Ops: createTable(table("t", col("k", &schema.Type{Kind: "ENUM", Dialect: "mysql", Values: []string{"a", "it's"}, NativeEnum: true})))},
		{Name: "types_with_variant",
			Py: `op.create_table("t", sa.Column("a", sa.JSON().with_variant(postgresql.JSONB(), "postgresql").with_variant(mysql.LONGTEXT(), "mysql")))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "JSON", Variants: map[string]*schema.Type{
				"postgresql": tyd("postgresql", "JSONB"), "mysql": tyd("mysql", "LONGTEXT")}})))},
		{Name: "create_table_numeric_pk",
			Py:  `op.create_table("t", sa.Column("id", sa.Numeric(10), primary_key=True))`,
			Ops: createTable(table("t", pk(col("id", &schema.Type{Kind: "Numeric", Precision: ip(10)}))))},
		{Name: "create_table_array_of_enum",
			Py:  `op.create_table("t", sa.Column("moods", postgresql.ARRAY(sa.Enum("a", "b", name="mood"))))`,
			Ops: createTable(table("t", col("moods", &schema.Type{Kind: "ARRAY", Dialect: "postgresql", Item: enum("mood", "a", "b")})))},
		{Name: "create_table_schema_fk_quoted",
			Py: `op.create_table("Child", sa.Column("id", sa.Integer, primary_key=True), sa.Column("ParentId", sa.Integer, sa.ForeignKey("Other.Parent.Id", name="FK_parent", onupdate="CASCADE")), schema="s")`,
			Ops: createTable(&schema.Table{Name: "Child", Schema: "s", Columns: []*schema.Column{pk(col("id", ty("Integer"))), func() *schema.Column {
				c := col("ParentId", ty("Integer"))
				c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "Other.Parent.Id", Name: "FK_parent", OnUpdate: "CASCADE"}}
				return c
			}()}})},
		{Name: "create_table_computed_virtual",
			Py: `op.create_table("t", sa.Column("a", sa.Integer), sa.Column("b", sa.Integer, sa.Computed("a + 1", persisted=False), nullable=False), sa.Column("c", sa.Integer, sa.Computed("a * 2")))`,
			Ops: createTable(table("t", col("a", ty("Integer")), notNull(func() *schema.Column {
				c := col("b", ty("Integer"))
				c.Computed = &schema.Computed{SQL: "a + 1", Persisted: bp(false)}
				return c
			}()), func() *schema.Column {
				c := col("c", ty("Integer"))
				c.Computed = &schema.Computed{SQL: "a * 2"}
				return c
			}()))},
		{Name: "create_table_server_default_true",
			Py:  `op.create_table("t", sa.Column("flag", sa.Boolean, server_default=sa.true(), nullable=False))`,
			Ops: createTable(table("t", notNull(func() *schema.Column { c := col("flag", ty("Boolean")); c.ServerDefault = text("true"); return c }())))},
		{Name: "types_more_generic",
			Py: `op.create_table("t", sa.Column("a", sa.Unicode(10)), sa.Column("b", sa.NVARCHAR(5)), sa.Column("c", sa.NCHAR(2)), sa.Column("d", sa.Float(24)), sa.Column("e", sa.Text(1000)), sa.Column("f", sa.LargeBinary(100)), sa.Column("g", sa.Enum("x", "yy", native_enum=False)), sa.Column("h", sa.BINARY(4)), sa.Column("i", sa.VARBINARY(8)), sa.Column("j", sa.CLOB))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "Unicode", Length: 10}), col("b", &schema.Type{Kind: "NVARCHAR", Length: 5}),
				col("c", &schema.Type{Kind: "NCHAR", Length: 2}), col("d", &schema.Type{Kind: "Float", Precision: ip(24)}), col("e", &schema.Type{Kind: "Text", Length: 1000}),
				col("f", &schema.Type{Kind: "LargeBinary", Length: 100}), col("g", &schema.Type{Kind: "Enum", Values: []string{"x", "yy"}, CreateType: true}),
				col("h", &schema.Type{Kind: "BINARY", Length: 4}), col("i", &schema.Type{Kind: "VARBINARY", Length: 8}), col("j", ty("CLOB"))))},
		{Name: "types_mysql_double_float",
			Py: `op.create_table("t", sa.Column("a", mysql.DOUBLE(precision=10, scale=2)), sa.Column("b", mysql.FLOAT(precision=7, scale=3)), sa.Column("c", mysql.REAL), sa.Column("d", mysql.TIME(fsp=2)), sa.Column("e", mysql.YEAR(4)))`,
			Ops: createTable(table("t", col("a", &schema.Type{Kind: "DOUBLE", Dialect: "mysql", Precision: ip(10), Scale: ip(2)}), col("b", &schema.Type{Kind: "FLOAT", Dialect: "mysql", Precision: ip(7), Scale: ip(3)}),
				col("c", tyd("mysql", "REAL")), col("d", &schema.Type{Kind: "TIME", Dialect: "mysql", Precision: ip(2)}), col("e", &schema.Type{Kind: "YEAR", Dialect: "mysql", Length: 4})))},
		{Name: "create_table_column_constraint_order",
			Py: `op.create_table("t", sa.Column("x", sa.Boolean(create_constraint=True), sa.ForeignKey("p.id"), unique=True))`,
			Ops: createTable(table("t", func() *schema.Column {
				c := col("x", &schema.Type{Kind: "Boolean", CreateConstraint: true})
				c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "p.id"}}
				c.Unique = true
				return c
			}()))},
		{Name: "drop_table_if_exists_ignored",
			Py:  `op.drop_table("t", if_exists=True)`,
			Ops: one(&ops.DropTable{Name: "t", IfExists: true})},
		{Name: "drop_table",
			Py:  `op.drop_table("account")`,
			Ops: one(&ops.DropTable{Name: "account"})},
		{Name: "drop_table_schema",
			Py:  `op.drop_table("account", schema="Other")`,
			Ops: one(&ops.DropTable{Name: "account", Schema: "Other"})},
		{Name: "rename_table",
			Py:  `op.rename_table("a", "b")`,
			Ops: one(&ops.RenameTable{OldName: "a", NewName: "b"})},
		{Name: "rename_table_schema",
			Py:  `op.rename_table("a", "b", schema="s")`,
			Ops: one(&ops.RenameTable{OldName: "a", NewName: "b", Schema: "s"})},
		{Name: "add_column",
			Py:  `op.add_column("t", sa.Column("x", sa.String(30), nullable=False, server_default="hi"))`,
			Ops: one(&ops.AddColumn{Table: "t", Column: func() *schema.Column { c := notNull(col("x", str(30))); c.ServerDefault = lit("hi"); return c }()})},
		{Name: "add_column_schema",
			Py:  `op.add_column("t", sa.Column("x", sa.Integer), schema="s")`,
			Ops: one(&ops.AddColumn{Table: "t", Schema: "s", Column: col("x", ty("Integer"))})},
		{Name: "add_column_fk_unique_index_comment",
			Py: `op.add_column("t", sa.Column("a", sa.Integer, sa.ForeignKey("o.id"), index=True, comment="c'1", nullable=False, server_default="5"))`,
			Ops: one(&ops.AddColumn{Table: "t", Column: func() *schema.Column {
				c := notNull(col("a", ty("Integer")))
				c.ForeignKeys = []*schema.ForeignKeyRef{{Target: "o.id"}}
				c.Index = true
				c.Comment = sp("c'1")
				c.ServerDefault = lit("5")
				return c
			}()})},
		{Name: "add_column_unique",
			Py:  `op.add_column("t", sa.Column("e", sa.Integer, unique=True), schema="s")`,
			Ops: one(&ops.AddColumn{Table: "t", Schema: "s", Column: func() *schema.Column { c := col("e", ty("Integer")); c.Unique = true; return c }()})},
		{Name: "add_column_pk",
			Py:  `op.add_column("t", sa.Column("id", sa.Integer, primary_key=True))`,
			Ops: one(&ops.AddColumn{Table: "t", Column: pk(col("id", ty("Integer")))})},
		{Name: "add_column_timestamp",
			Py: `op.add_column("t", sa.Column("ts", sa.TIMESTAMP, server_default=sa.text("CURRENT_TIMESTAMP")))`,
			Ops: one(&ops.AddColumn{Table: "t", Column: func() *schema.Column {
				c := col("ts", ty("TIMESTAMP"))
				c.ServerDefault = text("CURRENT_TIMESTAMP")
				return c
			}()})},
		{Name: "add_column_enum",
			Py:  `op.add_column("t", sa.Column("e", sa.Enum("x", "y", name="ee")))`,
			Ops: one(&ops.AddColumn{Table: "t", Column: col("e", enum("ee", "x", "y"))})},
		{Name: "add_column_boolean_constraint",
			Py:  `op.add_column("t", sa.Column("b", sa.Boolean(create_constraint=True, name="ck_b"), nullable=False))`,
			Ops: one(&ops.AddColumn{Table: "t", Column: notNull(col("b", &schema.Type{Kind: "Boolean", CreateConstraint: true, EnumName: "ck_b"}))})},
		{Name: "drop_column",
			Py:  `op.drop_column("t", "x")`,
			Ops: one(&ops.DropColumn{Table: "t", Column: "x"})},
		{Name: "drop_column_schema_quoted",
			Py:  `op.drop_column("t", "Order", schema="s")`,
			Ops: one(&ops.DropColumn{Table: "t", Column: "Order", Schema: "s"})},
		{Name: "alter_column_nullable",
			Py:  `op.alter_column("t", "c", nullable=True, existing_type=sa.Integer)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Nullable: bp(true), ExistingType: ty("Integer")})},
		{Name: "alter_column_not_null",
			Py:  `op.alter_column("t", "c", nullable=False, existing_type=sa.String(20), existing_server_default="x", existing_comment="cc")`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Nullable: bp(false), ExistingType: str(20), ExistingServerDefault: lit("x"), ExistingComment: sp("cc")})},
		{Name: "alter_column_nullable_no_type",
			Py:  `op.alter_column("t", "c", nullable=False)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Nullable: bp(false)})},
		{Name: "alter_column_type",
			Py:  `op.alter_column("t", "c", type_=sa.String(50), existing_type=sa.String(20), existing_nullable=False)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Type: str(50), ExistingType: str(20), ExistingNullable: bp(false)})},
		{Name: "alter_column_type_using",
			Py:  `op.alter_column("t", "c", type_=sa.Integer, postgresql_using="c::integer", existing_type=sa.String(20))`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Type: ty("Integer"), ExistingType: str(20), DialectOptions: map[string]string{"postgresql_using": "c::integer"}})},
		{Name: "alter_column_using_without_type",
			Py:  `op.alter_column("t", "c", nullable=False, postgresql_using="c::integer", existing_type=sa.String(20))`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Nullable: bp(false), ExistingType: str(20), DialectOptions: map[string]string{"postgresql_using": "c::integer"}})},
		{Name: "alter_column_server_default",
			Py:  `op.alter_column("t", "c", server_default="x", existing_type=sa.String(10))`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", ServerDefault: &ops.DefaultChange{Expr: lit("x")}, ExistingType: str(10)})},
		{Name: "alter_column_drop_default",
			Py:  `op.alter_column("t", "c", server_default=None, existing_type=sa.Integer)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", ServerDefault: &ops.DefaultChange{}, ExistingType: ty("Integer")})},
		{Name: "alter_column_default_text",
			Py:  `op.alter_column("t", "c", server_default=sa.text("now()"), existing_type=sa.Date)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", ServerDefault: &ops.DefaultChange{Expr: text("now()")}, ExistingType: ty("Date")})},
		{Name: "alter_column_datetime_default",
			Py:  `op.alter_column("t", "c", server_default=sa.text("CURRENT_TIMESTAMP"), existing_type=sa.DateTime(), existing_nullable=False)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", ServerDefault: &ops.DefaultChange{Expr: text("CURRENT_TIMESTAMP")}, ExistingType: ty("DateTime"), ExistingNullable: bp(false)})},
		{Name: "alter_column_datetime_nullable",
			Py:  `op.alter_column("t", "c", nullable=True, existing_type=sa.DateTime())`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Nullable: bp(true), ExistingType: ty("DateTime")})},
		{Name: "alter_column_rename",
			Py:  `op.alter_column("t", "c", new_column_name="d", existing_type=sa.Integer, existing_nullable=True)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", NewName: "d", ExistingType: ty("Integer"), ExistingNullable: bp(true)})},
		{Name: "alter_column_everything",
			Py:  `op.alter_column("t", "c", server_default="x", type_=sa.String(5), new_column_name="d", comment="hm", nullable=False, existing_type=sa.Integer, schema="s")`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Schema: "s", ServerDefault: &ops.DefaultChange{Expr: lit("x")}, Type: str(5), NewName: "d", Comment: &ops.CommentChange{Comment: sp("hm")}, Nullable: bp(false), ExistingType: ty("Integer")})},
		{Name: "alter_column_comment",
			Py:  `op.alter_column("t", "c", comment="it's", existing_type=sa.Integer, existing_nullable=False)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Comment: &ops.CommentChange{Comment: sp("it's")}, ExistingType: ty("Integer"), ExistingNullable: bp(false)})},
		{Name: "alter_column_drop_comment",
			Py:  `op.alter_column("t", "c", comment=None, existing_type=sa.Integer, existing_comment="old")`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Comment: &ops.CommentChange{}, ExistingType: ty("Integer"), ExistingComment: sp("old")})},
		{Name: "alter_column_existing_everything",
			Py:  `op.alter_column("t", "c", nullable=True, existing_type=sa.String(10), existing_server_default=sa.text("'x'"), existing_comment="keep", existing_autoincrement=False)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Nullable: bp(true), ExistingType: str(10), ExistingServerDefault: text("'x'"), ExistingComment: sp("keep"), ExistingAutoincrement: bp(false)})},
		{Name: "alter_column_timestamp_rename",
			Py:  `op.alter_column("t", "ts", new_column_name="ts2", existing_type=sa.TIMESTAMP(), existing_server_default=sa.func.now(), existing_nullable=True)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "ts", NewName: "ts2", ExistingType: ty("TIMESTAMP"), ExistingServerDefault: fn("now"), ExistingNullable: bp(true)})},
		{Name: "alter_column_type_enum",
			Py:  `op.alter_column("t", "c", type_=sa.Enum("a", "b", name="ab"), existing_type=sa.String(5), postgresql_using="c::ab")`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", Type: enum("ab", "a", "b"), ExistingType: str(5), DialectOptions: map[string]string{"postgresql_using": "c::ab"}})},
		{Name: "alter_column_nothing",
			Py:  `op.alter_column("t", "c", existing_type=sa.Integer)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "c", ExistingType: ty("Integer")})},
		{Name: "alter_column_autoincrement",
			Py:  `op.alter_column("t", "id", autoincrement=True, existing_type=sa.Integer, existing_nullable=False)`,
			Ops: one(&ops.AlterColumn{Table: "t", Column: "id", Autoincrement: bp(true), ExistingType: ty("Integer"), ExistingNullable: bp(false)})},
		{Name: "create_index_desc_column",
			Py:  `op.create_index("ix_e", "t", [sa.column("a").desc(), "b"])`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix_e", Table: "t", Elements: []schema.IndexElement{{Column: "a", Desc: true}, {Column: "b"}}}})},
		{Name: "create_index_quoted",
			Py:  `op.create_index("IX_Upper", "Order", ["Key", "select"])`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "IX_Upper", Table: "Order", Elements: []schema.IndexElement{{Column: "Key"}, {Column: "select"}}}})},
		{Name: "create_index",
			Py:  `op.create_index("ix_t_a", "t", ["a"])`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_a", Table: "t", Elements: []schema.IndexElement{{Column: "a"}}}})},
		{Name: "create_index_unique_schema_expr",
			Py:  `op.create_index("ix1", "t", ["a", sa.text("lower(b)")], unique=True, schema="s")`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix1", Table: "t", Schema: "s", Unique: true, Elements: []schema.IndexElement{{Column: "a"}, {Expr: "lower(b)"}}}})},
		{Name: "create_index_desc",
			Py:  `op.create_index("ix_d", "t", [sa.text("a DESC"), "b"])`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix_d", Table: "t", Elements: []schema.IndexElement{{Expr: "a DESC"}, {Column: "b"}}}})},
		{Name: "create_index_postgresql_options",
			Py: `op.create_index("ix_a", "t", ["a", "b"], unique=True, postgresql_where=sa.text("a > 5"), postgresql_using="gin", postgresql_concurrently=True, postgresql_include=["c"], schema="s")`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix_a", Table: "t", Schema: "s", Unique: true, Elements: []schema.IndexElement{{Column: "a"}, {Column: "b"}},
				DialectOptions: map[string]string{"postgresql_where": "a > 5", "postgresql_using": "gin", "postgresql_concurrently": "true", "postgresql_include": "c"}}})},
		{Name: "create_index_if_not_exists_ignored",
			Py:  `op.create_index("ix_a", "t", ["a"], if_not_exists=True)`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix_a", Table: "t", Elements: []schema.IndexElement{{Column: "a"}}}, IfNotExists: true})},
		{Name: "create_index_mysql_options",
			Py: `op.create_index("ix_b", "t", ["a", "b"], mysql_length={"a": 10}, mysql_prefix="FULLTEXT", mysql_using="btree")`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix_b", Table: "t", Elements: []schema.IndexElement{{Column: "a"}, {Column: "b"}},
				DialectOptions: map[string]string{"mysql_length": "a:10", "mysql_prefix": "FULLTEXT", "mysql_using": "btree"}}})},
		{Name: "create_index_mysql_length_all",
			Py:  `op.create_index("ix_c", "t", ["a", "b"], mysql_length=10)`,
			Ops: one(&ops.CreateIndex{Index: &schema.Index{Name: "ix_c", Table: "t", Elements: []schema.IndexElement{{Column: "a"}, {Column: "b"}}, DialectOptions: map[string]string{"mysql_length": "10"}}})},
		{Name: "drop_index",
			Py:  `op.drop_index("ix1", table_name="t")`,
			Ops: one(&ops.DropIndex{Name: "ix1", Table: "t"})},
		{Name: "drop_index_schema_concurrently",
			Py:  `op.drop_index("ix_a", table_name="t", postgresql_concurrently=True, schema="s")`,
			Ops: one(&ops.DropIndex{Name: "ix_a", Table: "t", Schema: "s", DialectOptions: map[string]string{"postgresql_concurrently": "true"}})},
		{Name: "create_primary_key",
			Py:  `op.create_primary_key("pk", "t", ["a", "b"])`,
			Ops: one(&ops.CreatePrimaryKey{Table: "t", PrimaryKey: &schema.PrimaryKey{Name: "pk", Columns: []string{"a", "b"}}})},
		{Name: "create_unique_constraint",
			Py:  `op.create_unique_constraint("uq", "t", ["a", "b"], schema="s")`,
			Ops: one(&ops.CreateUniqueConstraint{Table: "t", Schema: "s", Unique: &schema.Unique{Name: "uq", Columns: []string{"a", "b"}}})},
		{Name: "create_unique_constraint_unnamed",
			Py:  `op.create_unique_constraint(None, "t", ["a"])`,
			Ops: one(&ops.CreateUniqueConstraint{Table: "t", Unique: &schema.Unique{Columns: []string{"a"}}})},
		{Name: "create_foreign_key",
			Py:  `op.create_foreign_key("fk", "t", "o", ["a"], ["id"], ondelete="CASCADE", source_schema="s", referent_schema="r")`,
			Ops: one(&ops.CreateForeignKey{Table: "t", Schema: "s", ForeignKey: &schema.ForeignKey{Name: "fk", Columns: []string{"a"}, RefSchema: "r", RefTable: "o", RefColumns: []string{"id"}, OnDelete: "CASCADE"}})},
		{Name: "create_foreign_key_full",
			Py:  `op.create_foreign_key("fk2", "t", "o", ["a", "b"], ["x", "y"], onupdate="RESTRICT", ondelete="SET NULL", deferrable=True, initially="IMMEDIATE")`,
			Ops: one(&ops.CreateForeignKey{Table: "t", ForeignKey: &schema.ForeignKey{Name: "fk2", Columns: []string{"a", "b"}, RefTable: "o", RefColumns: []string{"x", "y"}, OnUpdate: "RESTRICT", OnDelete: "SET NULL", Deferrable: bp(true), Initially: "IMMEDIATE"}})},
		{Name: "create_foreign_key_match",
			Py:  `op.create_foreign_key("fk3", "t", "o", ["a"], ["id"], match="FULL")`,
			Ops: one(&ops.CreateForeignKey{Table: "t", ForeignKey: &schema.ForeignKey{Name: "fk3", Columns: []string{"a"}, RefTable: "o", RefColumns: []string{"id"}, Match: "FULL"}})},
		{Name: "create_check_constraint",
			Py:  `op.create_check_constraint("ck", "t", "a > 5")`,
			Ops: one(&ops.CreateCheckConstraint{Table: "t", Check: &schema.Check{Name: "ck", SQL: "a > 5"}})},
		{Name: "create_check_constraint_schema",
			Py:  `op.create_check_constraint("Ck", "t", sa.text("length(name) > 2"), schema="s")`,
			Ops: one(&ops.CreateCheckConstraint{Table: "t", Schema: "s", Check: &schema.Check{Name: "Ck", SQL: "length(name) > 2"}})},
		{Name: "drop_constraint_foreignkey",
			Py:  `op.drop_constraint("fk", "t", type_="foreignkey")`,
			Ops: one(&ops.DropConstraint{Table: "t", Name: "fk", Type: "foreignkey"})},
		{Name: "drop_constraint_check",
			Py:  `op.drop_constraint("ck", "t", type_="check")`,
			Ops: one(&ops.DropConstraint{Table: "t", Name: "ck", Type: "check"})},
		{Name: "drop_constraint_unique",
			Py:  `op.drop_constraint("uq", "t", type_="unique", schema="s")`,
			Ops: one(&ops.DropConstraint{Table: "t", Schema: "s", Name: "uq", Type: "unique"})},
		{Name: "drop_constraint_primary",
			Py:  `op.drop_constraint("pk", "t", type_="primary")`,
			Ops: one(&ops.DropConstraint{Table: "t", Name: "pk", Type: "primary"})},
		{Name: "drop_constraint_untyped",
			Py:  `op.drop_constraint("c1", "t")`,
			Ops: one(&ops.DropConstraint{Table: "t", Name: "c1"})},
		{Name: "create_table_comment",
			Py:  `op.create_table_comment("t", "tc'x")`,
			Ops: one(&ops.CreateTableComment{Table: "t", Comment: "tc'x"})},
		{Name: "create_table_comment_schema",
			Py:  `op.create_table_comment("t", "c", schema="s")`,
			Ops: one(&ops.CreateTableComment{Table: "t", Schema: "s", Comment: "c"})},
		{Name: "drop_table_comment",
			Py:  `op.drop_table_comment("t", existing_comment="x")`,
			Ops: one(&ops.DropTableComment{Table: "t", Existing: sp("x")})},
		{Name: "execute_raw",
			Py:  `op.execute("UPDATE t SET a = 1")`,
			Ops: one(&ops.Execute{SQL: "UPDATE t SET a = 1"})},
		{Name: "execute_insert",
			Py: `t = sa.table("t", sa.column("a", sa.String), sa.column("b", sa.Boolean), sa.column("c", sa.Float), sa.column("d", sa.Integer))
op.execute(t.insert().values(a="x%y'\\z", b=True, c=1.5, d=None))`,
			Ops: one(&ops.Execute{DML: &ops.DML{Kind: "insert", Table: &schema.Table{Name: "t"}, Values: []ops.ColumnValue{
				{Column: "a", Value: bind(`x%y'\z`)}, {Column: "b", Value: bind(true)}, {Column: "c", Value: bind(1.5)}, {Column: "d", Value: bind(nil)}}}})},
		{Name: "execute_insert_quoted_schema",
			Py: `t = sa.table("User", sa.column("Name", sa.String), sa.column("order", sa.Integer), schema="s")
op.execute(t.insert().values({"Name": "n", "order": 2}))`,
			Ops: one(&ops.Execute{DML: &ops.DML{Kind: "insert", Table: &schema.Table{Name: "User", Schema: "s"}, Values: []ops.ColumnValue{
				{Column: "Name", Value: bind("n")}, {Column: "order", Value: bind(int64(2))}}}})},
		{Name: "execute_text",
			Py:  `op.execute(sa.text("CREATE EXTENSION IF NOT EXISTS citext"))`,
			Ops: one(&ops.Execute{SQL: "CREATE EXTENSION IF NOT EXISTS citext"})},
		{Name: "execute_update",
			Py: `t = sa.table("t", sa.column("a", sa.String), sa.column("b", sa.Integer))
op.execute(t.update().where(t.c.a == "5").values(b=7))`,
			Ops: one(&ops.Execute{DML: &ops.DML{Kind: "update", Table: &schema.Table{Name: "t"}, Values: []ops.ColumnValue{{Column: "b", Value: bind(int64(7))}},
				Where: binary("=", column("a"), bind("5"))}})},
		{Name: "execute_update_null",
			Py: `t = sa.table("t", sa.column("a", sa.String), sa.column("b", sa.Integer))
op.execute(t.update().where(t.c.a == None).values(b=None))`,
			Ops: one(&ops.Execute{DML: &ops.DML{Kind: "update", Table: &schema.Table{Name: "t"}, Values: []ops.ColumnValue{{Column: "b", Value: bind(nil)}},
				Where: binary("=", column("a"), bind(nil))}})},
		{Name: "execute_delete_and",
			Py: `t = sa.table("t", sa.column("a", sa.String), sa.column("b", sa.Boolean))
op.execute(t.delete().where(sa.and_(t.c.a == "5", t.c.b == False)))`,
			Ops: one(&ops.Execute{DML: &ops.DML{Kind: "delete", Table: &schema.Table{Name: "t"},
				Where: binary("AND", *binary("=", column("a"), bind("5")), *binary("=", column("b"), bind(false)))}})},
		{Name: "execute_delete_or_in_and",
			Py: `t = sa.table("t", sa.column("a", sa.Integer), sa.column("b", sa.Integer))
op.execute(t.delete().where(sa.and_(sa.or_(t.c.a == 1, t.c.a == 2), t.c.b > 3)))`,
			Ops: one(&ops.Execute{DML: &ops.DML{Kind: "delete", Table: &schema.Table{Name: "t"},
				Where: binary("AND", *binary("OR", *binary("=", column("a"), bind(int64(1))), *binary("=", column("a"), bind(int64(2)))), *binary(">", column("b"), bind(int64(3))))}})},
		{Name: "execute_delete_all_schema",
			Py: `t = sa.table("t", sa.column("a", sa.Integer), schema="s")
op.execute(t.delete())`,
			Ops: one(&ops.Execute{DML: &ops.DML{Kind: "delete", Table: &schema.Table{Name: "t", Schema: "s"}}})},
		{Name: "bulk_insert",
			Py: `t = sa.table("t", sa.column("a", sa.Integer), sa.column("b", sa.Boolean), sa.column("d", sa.String))
op.bulk_insert(t, [{"a": 1, "b": True}, {"a": 2, "b": None, "d": "it's"}])`,
			Ops: one(&ops.BulkInsert{Table: table("t", col("a", ty("Integer")), col("b", ty("Boolean")), col("d", ty("String"))), MultiInsert: true,
				Rows: []map[string]any{{"a": int64(1), "b": true}, {"a": int64(2), "b": nil, "d": "it's"}}})},
		{Name: "bulk_insert_same_columns",
			Py: `t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.bulk_insert(t, [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"name": "c", "id": 3}])`,
			Ops: one(&ops.BulkInsert{Table: table("t", col("id", ty("Integer")), col("name", ty("String"))), MultiInsert: true,
				Rows: []map[string]any{{"id": int64(1), "name": "a"}, {"id": int64(2), "name": "b"}, {"name": "c", "id": int64(3)}}})},
		{Name: "bulk_insert_inline_literal",
			Py: `t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.bulk_insert(t, [{"id": 1, "name": op.inline_literal("x")}], multiinsert=False)`,
			Ops: one(&ops.BulkInsert{Table: table("t", col("id", ty("Integer")), col("name", ty("String"))),
				Rows: []map[string]any{{"id": int64(1), "name": schema.Expr{Kind: schema.ExprInline, Value: "x"}}}})},
		{Name: "batch_in_place",
			Py: `with op.batch_alter_table("t") as b:
    b.add_column(sa.Column("x", sa.Integer))
    b.alter_column("y", new_column_name="z", existing_type=sa.Integer)
    b.drop_column("w")
    b.create_index("ix_t_x", ["x"])`,
			Ops: one(&ops.BatchAlterTable{Table: "t", Recreate: "auto", Ops: []ops.Op{
				&ops.AddColumn{Column: col("x", ty("Integer"))},
				&ops.AlterColumn{Column: "y", NewName: "z", ExistingType: ty("Integer")},
				&ops.DropColumn{Column: "w"},
				&ops.CreateIndex{Index: &schema.Index{Name: "ix_t_x", Elements: []schema.IndexElement{{Column: "x"}}}},
			}})},
		{Name: "batch_recreate_copy_from",
			Py: `t = sa.Table("t", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("x", sa.String(10)), sa.Column("y", sa.Integer), sa.Index("ix_t_x", "x"), sa.UniqueConstraint("y", name="uq_y"))
with op.batch_alter_table("t", recreate="always", copy_from=t) as b:
    b.add_column(sa.Column("z", sa.Integer))
    b.alter_column("x", type_=sa.Integer, existing_type=sa.String(10))
    b.drop_column("y")`,
			Ops: one(&ops.BatchAlterTable{Table: "t", Recreate: "always",
				CopyFrom: &schema.Table{Name: "t", Columns: []*schema.Column{pk(col("id", ty("Integer"))), col("x", str(10)), col("y", ty("Integer"))},
					Constraints: []schema.Constraint{&schema.Unique{Name: "uq_y", Columns: []string{"y"}}},
					Indexes:     []*schema.Index{{Name: "ix_t_x", Table: "t", Elements: []schema.IndexElement{{Column: "x"}}}}},
				Ops: []ops.Op{
					&ops.AddColumn{Column: col("z", ty("Integer"))},
					&ops.AlterColumn{Column: "x", Type: ty("Integer"), ExistingType: str(10)},
					&ops.DropColumn{Column: "y"},
				}})},
		{Name: "batch_recreate_cast_string",
			Py: `t = sa.Table("t", sa.MetaData(), sa.Column("a", sa.Integer), sa.Column("b", sa.Numeric(5, 2)))
with op.batch_alter_table("t", recreate="always", copy_from=t) as b:
    b.alter_column("a", type_=sa.String(20), existing_type=sa.Integer)
    b.alter_column("b", type_=sa.Integer, existing_type=sa.Numeric(5, 2))`,
			Ops: one(&ops.BatchAlterTable{Table: "t", Recreate: "always",
				CopyFrom: &schema.Table{Name: "t", Columns: []*schema.Column{col("a", ty("Integer")), col("b", &schema.Type{Kind: "Numeric", Precision: ip(5), Scale: ip(2)})}},
				Ops: []ops.Op{
					&ops.AlterColumn{Column: "a", Type: str(20), ExistingType: ty("Integer")},
					&ops.AlterColumn{Column: "b", Type: ty("Integer"), ExistingType: &schema.Type{Kind: "Numeric", Precision: ip(5), Scale: ip(2)}},
				}})},
		{Name: "batch_recreate_offline_without_copy_from",
			Py: `with op.batch_alter_table("t", recreate="always") as b:
    b.drop_column("y")`,
			Ops: one(&ops.BatchAlterTable{Table: "t", Recreate: "always", Ops: []ops.Op{&ops.DropColumn{Column: "y"}}})},
		{Name: "autocommit_block",
			Py: `with op.get_context().autocommit_block():
    op.execute("ALTER TYPE mood ADD VALUE 'soso'")`,
			Ops: []ops.Op{&ops.AutocommitBlock{Begin: true}, &ops.Execute{SQL: "ALTER TYPE mood ADD VALUE 'soso'"}, &ops.AutocommitBlock{Begin: false}}},
	}
}
