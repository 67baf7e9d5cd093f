#!/usr/bin/python3
"""Record what Alembic 1.8.1 + SQLAlchemy 1.4 emit for SQLite, per case.

Run with the system Python that has Alembic installed:

    /usr/bin/python3 dialect/sqlite/testdata/record.py > dialect/sqlite/testdata/oracle.txt

Each case runs one or more ops in offline (--sql) mode and writes

    -- name --
    <statements exactly as Alembic prints them>

or, when Alembic refuses, "ERROR: <message>". compile_test.go builds the
same ops in Go and compares. go test never runs this script.
"""
import io
import warnings

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

warnings.simplefilter("ignore")

buf = io.StringIO()
ctx = MigrationContext.configure(
    dialect_name="sqlite", opts={"as_sql": True, "output_buffer": buf}
)
op = Operations(ctx)
CASES = []


def case(name):
    def deco(fn):
        CASES.append((name, fn))
        return fn

    return deco


# ---- create_table -------------------------------------------------------


@case("create_table_basic")
def _():
    op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("description", sa.Unicode(200)),
    )


@case("create_table_types")
def _():
    op.create_table(
        "ty",
        sa.Column("a", sa.SmallInteger),
        sa.Column("b", sa.BigInteger),
        sa.Column("c", sa.Numeric),
        sa.Column("d", sa.Float),
        sa.Column("e", sa.Float(10)),
        sa.Column("f", sa.Date),
        sa.Column("g", sa.Time),
        sa.Column("h", sa.DateTime(timezone=True)),
        sa.Column("i", sa.LargeBinary),
        sa.Column("j", sa.Unicode(20)),
        sa.Column("k", sa.UnicodeText),
        sa.Column("l", sa.Interval),
        sa.Column("m", sa.String(20, collation="NOCASE")),
        sa.Column("n", sa.Numeric(10)),
        sa.Column("o", sa.PickleType),
        sa.Column("p", sa.TIMESTAMP),
        sa.Column("q", sa.CHAR(3)),
        sa.Column("r", sa.REAL),
        sa.Column("s", sa.NVARCHAR(5)),
        sa.Column("t", sa.CLOB),
        sa.Column("u", sa.DECIMAL(5, 2)),
        sa.Column("v", sa.BLOB),
        sa.Column("w", sa.Boolean),
        sa.Column("x", sa.JSON),
        sa.Column("y", sa.Text),
        sa.Column("z", sa.String),
    )


@case("create_table_enum")
def _():
    op.create_table(
        "e",
        sa.Column("kind", sa.Enum("small", "medium", "enormous", name="kind")),
        sa.Column("k2", sa.Enum("a", "bb", name="k2", create_constraint=True)),
    )


@case("create_table_boolean_constraint")
def _():
    op.create_table(
        "b",
        sa.Column("flag", sa.Boolean(create_constraint=True)),
        sa.Column("named", sa.Boolean(create_constraint=True, name="ck_named")),
    )


@case("create_table_defaults")
def _():
    op.create_table(
        "d",
        sa.Column("a", sa.String(10), server_default="x"),
        sa.Column("b", sa.Integer, server_default="1", nullable=False),
        sa.Column("c", sa.DateTime, server_default=sa.func.now()),
        sa.Column("d", sa.Integer, server_default=sa.text("0")),
        sa.Column("e", sa.String(5), server_default="it's"),
        sa.Column("f", sa.DateTime, server_default=sa.func.current_timestamp()),
    )


@case("create_table_column_fk_unique_index")
def _():
    op.create_table(
        "t",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("a", sa.Integer, sa.ForeignKey("x.id"), unique=True),
        sa.Column("b", sa.Integer, unique=True, index=True),
        sa.Column("c", sa.Integer, sa.ForeignKey("y.id", name="fk_c")),
        sa.Column("d", sa.Integer, index=True),
        sa.ForeignKeyConstraint(["b"], ["z.id"]),
        sa.CheckConstraint("a > 1"),
    )


@case("create_table_named_constraints")
def _():
    op.create_table(
        "t",
        sa.Column("id", sa.Integer),
        sa.Column("a", sa.Integer),
        sa.Column("b", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_t"),
        sa.UniqueConstraint("a", "b", name="uq_t_ab"),
        sa.CheckConstraint("a < b", name="ck_t_ab"),
        sa.ForeignKeyConstraint(["a"], ["p.id"], name="fk_t_a", ondelete="CASCADE"),
    )


@case("create_table_fk_options")
def _():
    op.create_table(
        "t",
        sa.Column("x", sa.Integer),
        sa.Column("y", sa.Integer),
        sa.ForeignKeyConstraint(
            ["x", "y"], ["p.a", "p.b"], name="fk", onupdate="CASCADE",
            ondelete="SET NULL", deferrable=True, initially="DEFERRED", match="FULL",
        ),
        sa.UniqueConstraint("x", deferrable=False),
    )


@case("create_table_composite_pk")
def _():
    op.create_table(
        "t",
        sa.Column("a", sa.Integer, primary_key=True),
        sa.Column("b", sa.String(10), primary_key=True),
        sa.Column("c", sa.Text),
    )


@case("create_table_autoincrement")
def _():
    op.create_table(
        "t",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("v", sa.String(10)),
        sqlite_autoincrement=True,
    )


@case("create_table_autoincrement_fk")
def _():
    op.create_table(
        "t",
        sa.Column("id", sa.Integer, sa.ForeignKey("p.id"), primary_key=True),
        sqlite_autoincrement=True,
    )


@case("create_table_autoincrement_composite_error")
def _():
    op.create_table(
        "t",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id2", sa.Integer, primary_key=True),
    )


@case("create_table_without_rowid")
def _():
    op.create_table(
        "t", sa.Column("x", sa.Integer, primary_key=True), sqlite_with_rowid=False
    )


@case("create_table_quoting")
def _():
    op.create_table(
        "User",
        sa.Column("order", sa.Integer),
        sa.Column("Name", sa.String(10)),
        sa.Column("select", sa.Integer, sa.ForeignKey("Group.key")),
        sa.Column("with space", sa.Integer),
        sa.Column("key", sa.Integer),
    )


@case("create_table_schema")
def _():
    op.create_table(
        "a",
        sa.Column("x", sa.Integer, sa.ForeignKey("main.b.id")),
        sa.Column("y", sa.Integer, sa.ForeignKey("b.id")),
        schema="main",
    )


@case("create_table_comments_ignored")
def _():
    op.create_table(
        "t", sa.Column("x", sa.Integer, comment="a column"), comment="a table"
    )


@case("create_table_computed")
def _():
    op.create_table(
        "t",
        sa.Column("y", sa.Integer),
        sa.Column("x", sa.Integer, sa.Computed("y + 1")),
        sa.Column("z", sa.Integer, sa.Computed("y * 2", persisted=True)),
        sa.Column("w", sa.Integer, sa.Computed("y * 3", persisted=False)),
    )


@case("create_table_index_objects")
def _():
    op.create_table(
        "t",
        sa.Column("a", sa.Integer),
        sa.Column("b", sa.Integer),
        sa.Index("ix_t_ab", "a", "b", unique=True),
        sa.Index("ix_t_partial", "a", sqlite_where=sa.text("b > 0")),
    )


@case("create_table_column_check_order")
def _():
    op.create_table(
        "t",
        sa.Column("x", sa.Boolean(create_constraint=True), sa.ForeignKey("p.id"), unique=True),
        sa.Column("y", sa.Enum("a", "b", create_constraint=True), sa.ForeignKey("p.id"), unique=True),
    )


@case("create_table_sql_expression_defaults")
def _():
    op.create_table(
        "t",
        sa.Column("a", sa.Boolean, server_default=sa.true()),
        sa.Column("b", sa.Boolean, server_default=sa.false()),
        sa.Column("d", sa.String, server_default=sa.func.lower("X")),
        sa.Column("e", sa.Integer, server_default=sa.text("(1+2)")),
    )


# ---- drop / rename table ------------------------------------------------


@case("drop_table")
def _():
    op.drop_table("account")


@case("drop_table_schema")
def _():
    op.drop_table("account", schema="main")


@case("drop_table_quoted")
def _():
    op.drop_table("Account")


@case("rename_table")
def _():
    op.rename_table("a", "b")


@case("rename_table_schema")
def _():
    op.rename_table("a", "Order", schema="main")


# ---- columns ------------------------------------------------------------


@case("add_column")
def _():
    op.add_column("account", sa.Column("email", sa.String(120)))


@case("add_column_not_null_default")
def _():
    op.add_column("account", sa.Column("x", sa.Integer, nullable=False, server_default="1"))


@case("add_column_func_default")
def _():
    op.add_column("account", sa.Column("at", sa.DateTime, server_default=sa.func.now()))


@case("add_column_quoted_schema")
def _():
    op.add_column("a", sa.Column("X", sa.Integer), schema="Main")


@case("add_column_index")
def _():
    op.add_column("t", sa.Column("x", sa.Integer, index=True))


@case("add_column_unique_index")
def _():
    op.add_column("t", sa.Column("x", sa.Integer, index=True, unique=True))


@case("add_column_boolean_constraint_skipped")
def _():
    op.add_column("t", sa.Column("x", sa.Boolean(create_constraint=True)))


@case("add_column_enum")
def _():
    op.add_column("t", sa.Column("x", sa.Enum("one", "three")))


@case("add_column_pk")
def _():
    op.add_column("t", sa.Column("x", sa.Integer, primary_key=True))


@case("add_column_computed")
def _():
    op.add_column("t", sa.Column("x", sa.Integer, sa.Computed("y+1")))


@case("add_column_comment_ignored")
def _():
    op.add_column("t", sa.Column("x", sa.Integer, comment="hello"))


@case("add_column_fk_error")
def _():
    op.add_column("t", sa.Column("x", sa.Integer, sa.ForeignKey("p.id")))


@case("add_column_unique_error")
def _():
    op.add_column("t", sa.Column("x", sa.Integer, unique=True))


@case("drop_column")
def _():
    op.drop_column("account", "email")


@case("drop_column_quoted_schema")
def _():
    op.drop_column("account", "Email", schema="main")


@case("alter_column_rename")
def _():
    op.alter_column("t", "a", new_column_name="b")


@case("alter_column_rename_quoted")
def _():
    op.alter_column("t", "order", new_column_name="Order", schema="main")


# ---- constraints outside batch -----------------------------------------


@case("create_foreign_key_error")
def _():
    op.create_foreign_key("fk", "t", "p", ["a"], ["id"])


@case("create_unique_constraint_error")
def _():
    op.create_unique_constraint("uq", "t", ["a"])


@case("create_check_constraint_error")
def _():
    op.create_check_constraint("ck", "t", "a > 1")


@case("create_primary_key_error")
def _():
    op.create_primary_key("pk", "t", ["a"])


@case("drop_constraint_error")
def _():
    op.drop_constraint("uq", "t")


# ---- indexes ------------------------------------------------------------


@case("create_index")
def _():
    op.create_index("ix_account_name", "account", ["name"])


@case("create_index_unique_multi")
def _():
    op.create_index("ix_a_bc", "a", ["b", "c"], unique=True)


@case("create_index_where")
def _():
    op.create_index("ix_w", "t", ["x"], sqlite_where=sa.text("x IS NOT NULL"))


@case("create_index_expression")
def _():
    op.create_index("ix_e", "t", [sa.text("lower(name)"), "id"])


@case("create_index_desc_text")
def _():
    op.create_index("ix_d", "t", [sa.text("x DESC"), "y"])


@case("create_index_schema")
def _():
    op.create_index("ix", "a", ["x"], schema="main")


@case("create_index_quoted")
def _():
    op.create_index("Ix", "Order", ["Key", "select"])


@case("drop_index")
def _():
    op.drop_index("ix_account_name")


@case("drop_index_schema")
def _():
    op.drop_index("ix", table_name="a", schema="main")


# ---- execute / bulk insert ---------------------------------------------


acct = sa.table(
    "acct",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("ok", sa.Boolean),
    sa.column("f", sa.Float),
)


@case("execute_sql")
def _():
    op.execute("UPDATE acct SET name = 'x'")


@case("execute_text")
def _():
    op.execute(sa.text("DELETE FROM acct"))


@case("bulk_insert")
def _():
    op.bulk_insert(
        acct,
        [
            {"id": 1, "name": "a'b", "ok": True, "f": 1.5},
            {"id": 2, "name": None, "ok": False, "f": 2.0},
        ],
    )


@case("bulk_insert_partial_rows")
def _():
    op.bulk_insert(acct, [{"id": 1, "name": "x"}, {"id": 2}], multiinsert=False)


@case("execute_update_inline")
def _():
    op.execute(
        acct.update()
        .where(acct.c.name == op.inline_literal("x"))
        .values({"name": op.inline_literal("y")})
    )


@case("execute_delete_inline")
def _():
    op.execute(acct.delete().where(acct.c.id == op.inline_literal(3)))


@case("execute_delete_all")
def _():
    op.execute(acct.delete())


# ---- batch ------------------------------------------------------------------


def T():
    m = sa.MetaData()
    return sa.Table(
        "t",
        m,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("a", sa.String(10)),
        sa.Column("b", sa.Integer, nullable=False),
        sa.Column("c", sa.Numeric(10, 2), server_default=sa.text("0")),
        sa.UniqueConstraint("a", name="uq_a"),
        sa.ForeignKeyConstraint(["b"], ["other.id"], name="fk_b"),
        sa.Index("ix_ab", "a", "b"),
    )


def batch(name, fn, **kw):
    def run():
        with op.batch_alter_table("t", copy_from=T(), **kw) as b:
            fn(b)

    CASES.append((name, run))


batch("batch_rename_column", lambda b: b.alter_column("a", new_column_name="aa"))
batch("batch_drop_column", lambda b: b.drop_column("c"))
batch("batch_nullable", lambda b: b.alter_column("b", nullable=True))
batch(
    "batch_server_defaults",
    lambda b: (
        b.alter_column("c", server_default=None),
        b.alter_column("a", server_default="z"),
        b.alter_column("b", server_default=sa.func.now()),
    ),
)
batch("batch_drop_unique", lambda b: b.drop_constraint("uq_a", type_="unique"))
batch("batch_drop_fk", lambda b: b.drop_constraint("fk_b", type_="foreignkey"))
batch(
    "batch_add_fk",
    lambda b: b.create_foreign_key("fk_a", "p", ["a"], ["name"], ondelete="SET NULL"),
)
batch("batch_add_check", lambda b: b.create_check_constraint("ck_b", "b > 0"))
batch("batch_add_unique", lambda b: b.create_unique_constraint("uq_bc", ["b", "c"]))
batch("batch_add_pk", lambda b: b.create_primary_key("pk_t", ["id", "b"]))
batch(
    "batch_type_casts",
    lambda b: (
        b.alter_column("a", type_=sa.Text),
        b.alter_column("b", type_=sa.BigInteger),
        b.alter_column("c", type_=sa.String(5)),
    ),
)
batch("batch_type_json_no_cast", lambda b: b.alter_column("a", type_=sa.JSON))
batch("batch_type_string_to_integer", lambda b: b.alter_column("a", type_=sa.Integer))
batch(
    "batch_insert_before",
    lambda b: b.add_column(sa.Column("n", sa.Integer), insert_before="b"),
    recreate="always",
)
batch(
    "batch_insert_after_chain",
    lambda b: (
        b.add_column(sa.Column("n", sa.Integer), insert_after="id"),
        b.add_column(sa.Column("m", sa.Integer), insert_after="n"),
    ),
    recreate="always",
)
batch(
    "batch_partial_reordering",
    lambda b: b.alter_column("a", nullable=False),
    partial_reordering=[("c", "b", "a")],
)
batch(
    "batch_add_only_in_place",
    lambda b: (
        b.add_column(sa.Column("n", sa.Integer)),
        b.create_index("ix_n", ["n"]),
        b.drop_index("ix_ab"),
    ),
)
batch(
    "batch_add_column_func_default_recreates",
    lambda b: b.add_column(sa.Column("n", sa.DateTime, server_default=sa.func.now())),
)
batch(
    "batch_add_column_text_default_recreates",
    lambda b: b.add_column(sa.Column("n", sa.Integer, server_default=sa.text("7"))),
)
batch(
    "batch_add_column_string_default_in_place",
    lambda b: b.add_column(sa.Column("n", sa.String(4), server_default="abc")),
)
batch(
    "batch_add_column_named_fk_recreates",
    lambda b: b.add_column(sa.Column("x", sa.Integer, sa.ForeignKey("p.id", name="fk_x"))),
)
batch(
    "batch_add_column_index_in_place",
    lambda b: b.add_column(sa.Column("x", sa.Integer, index=True)),
)
batch("batch_drop_index_always", lambda b: b.drop_index("ix_ab"), recreate="always")
batch("batch_always_no_ops", lambda b: None, recreate="always")
batch("batch_table_comment_recreates", lambda b: b.create_table_comment("hello"))
batch(
    "batch_add_column_and_alter",
    lambda b: (
        b.add_column(sa.Column("n", sa.String(3), nullable=False, server_default="x")),
        b.alter_column("b", new_column_name="bee", existing_type=sa.Integer),
        b.create_index("ix_n", ["n"]),
    ),
)
batch("batch_insert_before_error", lambda b: b.add_column(sa.Column("n", sa.Integer), insert_before="a"))
batch("batch_drop_missing_index_error", lambda b: b.drop_index("nope"), recreate="always")
batch("batch_drop_missing_constraint_error", lambda b: b.drop_constraint("nope"), recreate="always")


def batch_quoted():
    m = sa.MetaData()
    t = sa.Table(
        "User",
        m,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("Order", sa.String(5)),
        sa.Column("x", sa.Integer),
        sa.Index("ix_x", "x", sqlite_where=sa.text("x > 1")),
        schema="main",
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("User", copy_from=t, schema="main") as b:
        b.alter_column("Order", new_column_name="select", type_=sa.Integer)


CASES.append(("batch_quoted_schema_autoincrement", batch_quoted))


def batch_boolean():
    m = sa.MetaData()
    t = sa.Table(
        "flags",
        m,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("on", sa.Boolean(create_constraint=True, name="ck_on")),
        sa.Column("kind", sa.Enum("a", "bb", create_constraint=True, name="ck_kind")),
        sa.Column("ref", sa.Integer, sa.ForeignKey("flags.id")),
    )
    with op.batch_alter_table("flags", copy_from=t) as b:
        b.alter_column("kind", type_=sa.String(20), existing_type=sa.Enum("a", "bb", create_constraint=True, name="ck_kind"))
        b.drop_column("ref")


CASES.append(("batch_boolean_enum_checks", batch_boolean))


def batch_table_args():
    m = sa.MetaData()
    t = sa.Table(
        "flags",
        m,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("on", sa.Boolean(create_constraint=True, name="ck_on")),
    )
    with op.batch_alter_table(
        "flags", copy_from=t, recreate="always",
        table_args=(sa.CheckConstraint("id > 0", name="ck_extra"),),
    ) as b:
        b.add_column(sa.Column("n", sa.Integer))


CASES.append(("batch_table_args_before_type_checks", batch_table_args))


def batch_no_copy_from():
    with op.batch_alter_table("t") as b:
        b.alter_column("a", nullable=True)


CASES.append(("batch_offline_without_copy_from_error", batch_no_copy_from))


def batch_no_copy_from_in_place():
    with op.batch_alter_table("t") as b:
        b.add_column(sa.Column("z", sa.Integer))
        b.create_index("ix_z", ["z"])


CASES.append(("batch_offline_in_place_without_copy_from", batch_no_copy_from_in_place))


for name, fn in CASES:
    buf.truncate(0)
    buf.seek(0)
    try:
        fn()
        out = buf.getvalue()
    except Exception as e:  # noqa: BLE001 - the error text is the expectation
        out = "ERROR: %s\n" % (e,)
    print("-- %s --" % name)
    print(out.rstrip("\n"))
