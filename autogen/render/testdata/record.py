"""Record the golden files of package render from the real Alembic.

Each case builds Alembic operation objects, renders them with
alembic.autogenerate.render_python_code and writes the imports Alembic
collected and the rendered upgrade body to python/<case>.golden:

    === imports ===
    <imports, one per line, sorted as Alembic joins them>
    === upgrades ===
    <the ${upgrades} text>

Run with the system Python that has Alembic 1.8.1 and SQLAlchemy 1.4:

    /usr/bin/python3 autogen/render/testdata/record.py
"""

import os

import sqlalchemy as sa
from alembic.autogenerate import render_python_code
from alembic.migration import MigrationContext
from alembic.operations import ops
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.sql.elements import conv

HERE = os.path.dirname(os.path.abspath(__file__))


def text_default(sql):
    """A server default as reflection returns it: DefaultClause(text(...))."""
    return sa.schema.DefaultClause(sa.text(sql))


def table(name, *args, **kw):
    return sa.Table(name, sa.MetaData(), *args, **kw)


def create(name, *args, **kw):
    return ops.CreateTableOp.from_table(table(name, *args, **kw))


CASES = {}


def case(name, dialect=None, batch=False):
    def register(fn):
        CASES[name] = (fn, dialect, batch)
        return fn

    return register


@case("empty")
def _():
    return []


@case("create_table_model")
def _():
    return [
        create(
            "user",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("name", sa.String(length=50), nullable=False),
            sa.Column("email", sa.String(length=120), server_default="x", comment="mail"),
            sa.Column("created", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
            sa.Column("balance", sa.Numeric(precision=10, scale=2)),
            sa.Column("active", sa.Boolean(), server_default=sa.text("true")),
            sa.Column("mood", sa.Enum("happy", "sad", name="mood")),
            sa.Column("bio", sa.Text()),
            sa.Column("ratio", sa.Float()),
            sa.Column("born", sa.Date()),
            sa.Column("blob", sa.LargeBinary(length=16)),
            sa.Column("data", sa.JSON()),
            sa.Column("quote", sa.String(length=10), server_default="it's"),
            sa.UniqueConstraint("email"),
            sa.CheckConstraint("balance >= 0", name="ck_balance"),
            comment="people",
        )
    ]


@case("create_table_conv")
def _():
    return [
        create(
            "account",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("user_id", sa.Integer(), nullable=False),
            sa.Column("email", sa.String(length=100), nullable=False),
            sa.Column("balance", sa.Integer(), nullable=True),
            sa.PrimaryKeyConstraint("id", name=conv("pk_account")),
            sa.UniqueConstraint("email", name=conv("uq_account_email")),
            sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=conv("fk_account_user_id_user"), ondelete="CASCADE"),
            sa.CheckConstraint("balance > 0", name=conv("ck_account_positive")),
        ),
        ops.CreateIndexOp(conv("ix_account_email"), "account", ["email"], unique=False),
    ]


@case("create_table_schema")
def _():
    return [
        create(
            "item",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("owner_id", sa.Integer(), nullable=True),
            sa.Column("code", sa.String(length=8), nullable=False),
            sa.PrimaryKeyConstraint("id", "code"),
            sa.ForeignKeyConstraint(["owner_id"], ["app.user.id"], onupdate="CASCADE", deferrable=True, initially="DEFERRED"),
            sa.UniqueConstraint("code", "owner_id", name="uq_item_code", deferrable=True, initially="DEFERRED"),
            schema="app",
            comment="items",
            mysql_engine="InnoDB",
            mysql_charset="utf8mb4",
        ),
        ops.CreateIndexOp("ix_item_owner", "item", ["owner_id"], unique=True, schema="app"),
    ]


@case("create_table_reflected_pg", dialect="postgresql")
def _():
    return [
        create(
            "t",
            sa.Column("id", sa.INTEGER(), autoincrement=True, nullable=False),
            sa.Column("name", sa.VARCHAR(length=50), server_default=sa.text("'x'::character varying"), autoincrement=False, nullable=True),
            sa.Column("at", postgresql.TIMESTAMP(timezone=True), server_default=sa.text("now()"), autoincrement=False, nullable=True),
            sa.Column("at3", postgresql.TIMESTAMP(timezone=True, precision=3), autoincrement=False, nullable=True),
            sa.Column("plain", postgresql.TIMESTAMP(), autoincrement=False, nullable=True),
            sa.Column("t", postgresql.TIME(), autoincrement=False, nullable=True),
            sa.Column("amount", sa.NUMERIC(precision=10, scale=2), autoincrement=False, nullable=True),
            sa.Column("n", sa.NUMERIC(), autoincrement=False, nullable=True),
            sa.Column("f", postgresql.DOUBLE_PRECISION(precision=53), autoincrement=False, nullable=True),
            sa.Column("r", sa.REAL(), autoincrement=False, nullable=True),
            sa.Column("doc", postgresql.JSONB(astext_type=sa.Text()), autoincrement=False, nullable=True),
            sa.Column("j", postgresql.JSON(astext_type=sa.Text()), autoincrement=False, nullable=True),
            sa.Column("tags", postgresql.ARRAY(sa.INTEGER()), autoincrement=False, nullable=True),
            sa.Column("names", postgresql.ARRAY(sa.VARCHAR(length=20)), autoincrement=False, nullable=True),
            sa.Column("uid", postgresql.UUID(), autoincrement=False, nullable=True),
            sa.Column("mood", postgresql.ENUM("a", "b", name="mood"), autoincrement=False, nullable=True),
            sa.Column("raw", postgresql.BYTEA(), autoincrement=False, nullable=True),
            sa.Column("body", sa.TEXT(), autoincrement=False, nullable=True, comment="hello"),
            sa.Column("ok", sa.BOOLEAN(), server_default=sa.text("true"), autoincrement=False, nullable=True),
            sa.Column("s", sa.SMALLINT(), autoincrement=False, nullable=True),
            sa.Column("b", sa.BIGINT(), autoincrement=False, nullable=True),
            sa.Column("c", sa.CHAR(length=3), autoincrement=False, nullable=True),
            sa.Column("d", sa.DATE(), autoincrement=False, nullable=True),
            sa.Column("iv", postgresql.INTERVAL(), autoincrement=False, nullable=True),
            sa.Column("ip", postgresql.INET(), autoincrement=False, nullable=True),
            sa.Column("bits", postgresql.BIT(length=3), autoincrement=False, nullable=True),
            sa.PrimaryKeyConstraint("id", name="t_pkey"),
        ),
        ops.CreateIndexOp("ix_t_name", "t", ["name"], unique=False, postgresql_where=sa.text("name IS NOT NULL")),
        ops.CreateIndexOp("ix_t_lower", "t", [sa.text("lower(name)")], unique=False),
        ops.CreateIndexOp("ix_t_gin", "t", ["doc"], unique=False, postgresql_using="gin"),
    ]


@case("create_table_reflected_mysql", dialect="mysql")
def _():
    return [
        create(
            "t",
            sa.Column("id", mysql.INTEGER(display_width=11), autoincrement=True, nullable=False),
            sa.Column("a", mysql.INTEGER(display_width=11), server_default=sa.text("3"), autoincrement=False, nullable=False),
            sa.Column("b", mysql.VARCHAR(length=50), server_default=sa.text("'x'"), nullable=True),
            sa.Column("u", mysql.VARCHAR(charset="latin1", collation="latin1_swedish_ci", length=10), nullable=True),
            sa.Column("c", mysql.DATETIME(), nullable=True),
            sa.Column("x", mysql.DATETIME(fsp=6), nullable=True),
            sa.Column("ts", mysql.TIMESTAMP(fsp=3), nullable=True),
            sa.Column("e", mysql.DECIMAL(precision=10, scale=2), nullable=True),
            sa.Column("eu", mysql.DECIMAL(precision=10, scale=2, unsigned=True), nullable=True),
            sa.Column("f", mysql.DOUBLE(asdecimal=True), nullable=True),
            sa.Column("g", mysql.FLOAT(), nullable=True),
            sa.Column("re", mysql.REAL(), nullable=True),
            sa.Column("h", mysql.TEXT(), nullable=True),
            sa.Column("i", mysql.TINYINT(display_width=1), autoincrement=False, nullable=True),
            sa.Column("j", sa.DATE(), nullable=True),
            sa.Column("k", sa.BLOB(), nullable=True),
            sa.Column("l", mysql.LONGTEXT(charset="utf8mb4", collation="utf8mb4_bin"), nullable=True),
            sa.Column("m", mysql.ENUM("a", "b"), nullable=True),
            sa.Column("n", mysql.SET("x", "y"), nullable=True),
            sa.Column("o", mysql.BIGINT(display_width=20, unsigned=True), autoincrement=False, nullable=True),
            sa.Column("p", mysql.CHAR(length=3), nullable=True),
            sa.Column("q", mysql.TIME(), nullable=True),
            sa.Column("r", mysql.YEAR(display_width=4), nullable=True),
            sa.Column("t", mysql.MEDIUMINT(display_width=9), autoincrement=False, nullable=True),
            sa.Column("v", mysql.BIT(length=1), nullable=True),
            sa.Column("w", sa.VARBINARY(length=10), nullable=True),
            sa.Column("js", mysql.JSON(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            comment="tc",
            mysql_collate="utf8mb4_general_ci",
            mysql_comment="tc",
            mysql_default_charset="utf8mb4",
            mysql_engine="InnoDB",
        )
    ]


@case("create_table_reflected_sqlite", dialect="sqlite")
def _():
    # Reflected for real from an in-memory SQLite database.
    eng = sa.create_engine("sqlite://")
    with eng.begin() as c:
        c.execute(sa.text(
            "CREATE TABLE other (id INTEGER PRIMARY KEY)"))
        c.execute(sa.text(
            "CREATE TABLE t (id INTEGER NOT NULL, name VARCHAR(20) DEFAULT 'x', amount NUMERIC(10, 2), "
            "at DATETIME DEFAULT (CURRENT_TIMESTAMP), body TEXT, ok BOOLEAN, r REAL, money MONEY, "
            "big BIGINTEGER, label STRING, raw BLOB, note NVARCHAR2(30), PRIMARY KEY (id), "
            "FOREIGN KEY (big) REFERENCES other (id))"))
    md = sa.MetaData()
    with eng.connect() as c:
        t = sa.Table("t", md, autoload_with=c)
    return [ops.CreateTableOp.from_table(t)]


@case("drop_table")
def _():
    return [ops.DropTableOp("user"), ops.DropTableOp("item", schema="app")]


@case("add_column")
def _():
    return [
        ops.AddColumnOp("user", sa.Column("age", sa.Integer(), nullable=True)),
        ops.AddColumnOp("user", sa.Column("flag", sa.Boolean(), server_default="0", nullable=False), schema="app"),
        ops.AddColumnOp("user", sa.Column("note", sa.String(length=200), nullable=True, comment="a note")),
        ops.AddColumnOp("user", sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=True)),
    ]


@case("drop_column")
def _():
    return [ops.DropColumnOp("user", "age"), ops.DropColumnOp("user", "flag", schema="app")]


@case("alter_column_nullable")
def _():
    return [
        ops.AlterColumnOp(
            "user", "name", existing_type=sa.VARCHAR(length=50), modify_nullable=False,
            existing_server_default=text_default("'x'::character varying"), existing_comment="the name", schema="app",
        ),
        ops.AlterColumnOp("user", "age", existing_type=sa.INTEGER(), modify_nullable=True),
    ]


@case("alter_column_type")
def _():
    return [
        ops.AlterColumnOp("user", "id", existing_type=sa.INTEGER(), modify_type=sa.BigInteger(), existing_nullable=False, autoincrement=True),
        ops.AlterColumnOp("user", "name", existing_type=sa.VARCHAR(length=50), modify_type=sa.String(length=100), existing_nullable=True),
    ]


@case("alter_column_default")
def _():
    return [
        ops.AlterColumnOp("user", "name", existing_type=sa.VARCHAR(length=50), modify_server_default="x",
                          existing_server_default=text_default("'y'::character varying"), existing_nullable=True),
        ops.AlterColumnOp("user", "age", existing_type=sa.INTEGER(), modify_server_default=None,
                          existing_server_default=text_default("0"), existing_nullable=True),
        ops.AlterColumnOp("user", "at", existing_type=postgresql.TIMESTAMP(), modify_server_default=text_default("now()"), existing_nullable=False),
    ]


@case("alter_column_comment")
def _():
    return [
        ops.AlterColumnOp("user", "name", existing_type=sa.VARCHAR(length=50), modify_comment="new", existing_comment="old", existing_nullable=True),
        ops.AlterColumnOp("user", "age", existing_type=sa.INTEGER(), modify_comment=None, existing_comment="gone", existing_nullable=True),
    ]


@case("create_index")
def _():
    return [
        ops.CreateIndexOp("ix_user_name", "user", ["name"], unique=False),
        ops.CreateIndexOp(conv("ix_user_email"), "user", ["email", "name"], unique=True, schema="app"),
        ops.CreateIndexOp("ix_user_active", "user", ["name"], unique=False, postgresql_where=sa.text("active = true")),
    ]


@case("drop_index")
def _():
    return [
        ops.DropIndexOp("ix_user_name", table_name="user"),
        ops.DropIndexOp(conv("ix_user_email"), table_name="user", schema="app"),
    ]


@case("unique_constraint")
def _():
    return [
        ops.CreateUniqueConstraintOp("uq_user_email", "user", ["email"]),
        ops.CreateUniqueConstraintOp(conv("uq_user_a_b"), "user", ["a", "b"], schema="app"),
        ops.CreateUniqueConstraintOp(None, "user", ["c"]),
    ]


@case("foreign_key")
def _():
    return [
        ops.CreateForeignKeyOp(None, "post", "user", ["user_id"], ["id"]),
        ops.CreateForeignKeyOp(conv("fk_post_user_id_user"), "post", "user", ["user_id"], ["id"], ondelete="CASCADE", onupdate="SET NULL"),
        ops.CreateForeignKeyOp("fk_x", "post", "user", ["a", "b"], ["c", "d"], source_schema="app", referent_schema="auth",
                               initially="DEFERRED", deferrable=True),
    ]


@case("drop_constraint")
def _():
    return [
        ops.DropConstraintOp("fk_post_user", "post", type_="foreignkey"),
        ops.DropConstraintOp(conv("uq_user_email"), "user", type_="unique", schema="app"),
        ops.DropConstraintOp("ck_x", "user", type_="check"),
        ops.DropConstraintOp("pk_user", "user", type_="primary"),
        ops.DropConstraintOp("whatever", "user"),
    ]


@case("table_comment")
def _():
    return [
        ops.CreateTableCommentOp("user", "people", existing_comment=None),
        ops.CreateTableCommentOp("item", "it's items", existing_comment="old", schema="app"),
        ops.DropTableCommentOp("post", existing_comment="posts"),
        ops.DropTableCommentOp("tag", schema="app"),
    ]


@case("execute")
def _():
    return [
        ops.ExecuteSQLOp("UPDATE user SET name = 'x'"),
        ops.ExecuteSQLOp("CREATE VIEW v AS\nSELECT 1\n\tFROM t"),
        ops.ExecuteSQLOp('SELECT "quoted" FROM t'),
    ]


@case("batch", batch=True)
def _():
    return [
        ops.ModifyTableOps("user", [
            ops.AddColumnOp("user", sa.Column("age", sa.Integer(), nullable=True)),
            ops.AlterColumnOp("user", "name", existing_type=sa.VARCHAR(length=50), modify_nullable=False, schema=None),
            ops.DropColumnOp("user", "old"),
            ops.CreateIndexOp(conv("ix_user_age"), "user", ["age"], unique=False),
            ops.DropIndexOp("ix_user_old", table_name="user"),
            ops.CreateForeignKeyOp(conv("fk_user_org_id_org"), "user", "org", ["org_id"], ["id"], ondelete="CASCADE"),
            ops.DropConstraintOp("fk_old", "user", type_="foreignkey"),
            ops.CreateUniqueConstraintOp("uq_user_age", "user", ["age"]),
        ]),
        ops.ModifyTableOps("item", [
            ops.AlterColumnOp("item", "code", existing_type=sa.VARCHAR(length=8), modify_type=sa.String(length=16), existing_nullable=False, schema="app"),
        ], schema="app"),
        ops.ModifyTableOps("empty", []),
        ops.DropTableOp("gone"),
    ]


@case("types_model", dialect="postgresql")
def _():
    cols = [
        sa.Column("a", sa.Enum("x", "y", name="ab", native_enum=False)),
        sa.Column("b", sa.Boolean(create_constraint=True)),
        sa.Column("c", sa.Unicode(length=20)),
        sa.Column("d", sa.ARRAY(sa.Integer())),
        sa.Column("e", sa.Interval()),
        sa.Column("f", sa.Time(timezone=True)),
        sa.Column("g", sa.String(length=30, collation="C")),
        sa.Column("h", sa.Numeric()),
        sa.Column("i", sa.Float(precision=53)),
        sa.Column("j", sa.String(length=20).with_variant(mysql.VARCHAR(length=20), "mysql")),
        sa.Column("k", postgresql.UUID(as_uuid=True)),
        sa.Column("l", postgresql.JSONB(astext_type=sa.Text())),
        sa.Column("m", sa.Enum("p", "q")),
        sa.Column("n", sa.BigInteger()),
        sa.Column("o", sa.SmallInteger()),
        sa.Column("p", sa.UnicodeText()),
        sa.Column("q", sa.String()),
        sa.Column("r", postgresql.ARRAY(sa.String(length=5), dimensions=2)),
        sa.Column("s", sa.DateTime()),
        sa.Column("t", postgresql.ENUM("a", "b", name="mood", create_type=False)),
    ]
    return [ops.AddColumnOp("t", c) for c in cols]


@case("computed_identity", dialect="postgresql")
def _():
    return [
        create(
            "calc",
            sa.Column("id", sa.Integer(), sa.Identity(always=True, start=1, increment=1), nullable=False),
            sa.Column("a", sa.Integer(), nullable=True),
            sa.Column("b", sa.Integer(), sa.Computed("a * 2", persisted=True), nullable=True),
            sa.Column("c", sa.Integer(), sa.Computed("a + 1"), nullable=True),
            sa.Column("d", sa.Integer(), autoincrement=False, nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
    ]


@case("column_shorthand")
def _():
    return [
        create(
            "member",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("org_id", sa.Integer(), sa.ForeignKey("org.id", ondelete="CASCADE"), nullable=False),
            sa.Column("code", sa.String(length=10), unique=True),
            sa.Column("kind", sa.Enum("a", "b", name="kind", create_constraint=True)),
            sa.Column("flag", sa.Boolean(create_constraint=True, name="ck_flag")),
            sa.Column("owner", sa.Integer(), sa.ForeignKey("auth.user.id")),
        )
    ]


@case("index_options")
def _():
    return [
        ops.CreateIndexOp("ix_t_a", "t", ["a"], unique=False, postgresql_include=["n"], postgresql_using="btree"),
        ops.CreateIndexOp("ix_t_n", "t", ["n"], unique=False, mysql_length={"n": 10}),
        ops.CreateIndexOp("ix_t_m", "t", ["n"], unique=False, mysql_length=10),
        ops.DropIndexOp("ix_t_a", table_name="t", postgresql_concurrently=True),
    ]


def main():
    out = os.path.join(HERE, "python")
    os.makedirs(out, exist_ok=True)
    for name, (fn, dialect, batch) in CASES.items():
        if dialect:
            mc = MigrationContext.configure(dialect_name=dialect)
        else:
            mc = None
        imports = set()
        # render_python_code keeps its imports set private; render through
        # the same AutogenContext machinery to read them back.
        from alembic.autogenerate.api import AutogenContext
        from alembic.autogenerate import render

        if mc is None:
            from sqlalchemy.engine.default import DefaultDialect

            mc = MigrationContext.configure(dialect=DefaultDialect())
        ctx = AutogenContext(mc, opts={
            "sqlalchemy_module_prefix": "sa.",
            "alembic_module_prefix": "op.",
            "render_item": None,
            "render_as_batch": batch,
            "user_module_prefix": None,
        })
        ctx.imports = imports
        body = render._indent(render._render_cmd_body(ops.UpgradeOps(fn()), ctx))
        # The same text as the public helper renders.
        assert body == render_python_code(ops.UpgradeOps(fn()), render_as_batch=batch, migration_context=mc)
        with open(os.path.join(out, name + ".golden"), "w") as f:
            f.write("=== imports ===\n" + "\n".join(sorted(imports)) + "\n=== upgrades ===\n" + body + "\n")


if __name__ == "__main__":
    main()
