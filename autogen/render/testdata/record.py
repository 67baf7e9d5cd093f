"""Record Alembic's own rendering of autogenerate operations as golden files.

Run with Debian's interpreter and Alembic 1.8.1 (go test never runs this):

    /usr/bin/python3 autogen/render/testdata/record.py

Each case builds Alembic operation objects and writes what
Alembic's renderer gives (as render_python_code does), plus the imports it
collected, to testdata/python/<case>.golden. render_test.go builds the same
operations as retort values and compares byte for byte.
"""
import os
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, mysql
from alembic.operations import ops
from alembic.autogenerate import render
from alembic.autogenerate.api import AutogenContext
from alembic.migration import MigrationContext
from sqlalchemy.sql.elements import conv

here = os.path.dirname(os.path.abspath(__file__))


def account_table(md):
    return sa.Table(
        "account", md,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=True, comment="where we write"),
        sa.Column("score", sa.Numeric(precision=10, scale=2), server_default="0", nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.PrimaryKeyConstraint("id", name=conv("pk_account")),
        sa.UniqueConstraint("email", name=conv("uq_account_email")),
        comment="people",
    )


def cases():
    md = sa.MetaData()
    yield "create_table", [ops.CreateTableOp.from_table(account_table(md))], {}

    md = sa.MetaData()
    sa.Table("account", md, sa.Column("id", sa.Integer(), primary_key=True))
    post = sa.Table(
        "post", md,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.CheckConstraint("length(body) > 0", name="ck_post_body"),
        schema="blog",
    )
    yield "create_table_fk_schema", [
        ops.CreateTableOp.from_table(post),
        ops.CreateIndexOp("ix_post_account_id", "post", ["account_id"], schema="blog", unique=False),
    ], {}

    yield "drop_table_reflected", [
        ops.DropIndexOp("ix_tag_label", table_name="tag"),
        ops.DropTableOp.from_table(sa.Table(
            "tag", sa.MetaData(),
            sa.Column("id", sa.INTEGER(), nullable=False),
            sa.Column("label", sa.VARCHAR(length=30), nullable=True),
            sa.Column("kind", postgresql.ENUM("a", "b", name="kind"), nullable=True),
            sa.PrimaryKeyConstraint("id", name="tag_pkey"),
        )),
    ], {}

    yield "columns", [
        ops.AddColumnOp("account", sa.Column("email", sa.String(length=120), nullable=True)),
        ops.AddColumnOp("account", sa.Column("n", sa.BigInteger(), server_default="5", nullable=False), schema="app"),
        ops.DropColumnOp("account", "legacy"),
        ops.DropColumnOp("account", "legacy", schema="app"),
    ], {}

    yield "alter_column", [
        ops.AlterColumnOp("account", "name", existing_type=sa.VARCHAR(length=50), modify_type=sa.String(length=80), existing_nullable=False),
        ops.AlterColumnOp("account", "nickname", existing_type=sa.VARCHAR(length=20), modify_nullable=False),
        ops.AlterColumnOp("account", "score", existing_type=sa.NUMERIC(precision=10, scale=2), modify_server_default=sa.schema.DefaultClause(sa.text("'1'::numeric")),
                          existing_server_default=sa.schema.DefaultClause(sa.text("'0'::numeric")), existing_nullable=True),
        ops.AlterColumnOp("account", "flag", existing_type=sa.BOOLEAN(), modify_server_default=None,
                          existing_server_default=sa.schema.DefaultClause(sa.text("false")), existing_nullable=True),
        ops.AlterColumnOp("account", "email", existing_type=sa.VARCHAR(length=120), modify_comment="where we write",
                          existing_comment="old", existing_nullable=True, schema="app"),
        ops.AlterColumnOp("account", "x", existing_type=mysql.INTEGER(display_width=11), modify_nullable=True,
                          existing_server_default=sa.schema.DefaultClause(sa.text("'0'"))),
    ], {}

    yield "indexes_and_constraints", [
        ops.CreateIndexOp(conv("ix_account_name"), "account", ["name"], unique=False),
        ops.CreateIndexOp("ix_active", "account", ["name"], unique=True, postgresql_where=sa.text("deleted_at IS NULL"), postgresql_using="gin"),
        ops.DropIndexOp(conv("ix_account_old"), table_name="account"),
        ops.DropIndexOp("ix_x", table_name="account", schema="app"),
        ops.CreateUniqueConstraintOp(conv("uq_account_email"), "account", ["email"]),
        ops.CreateUniqueConstraintOp(None, "account", ["a", "b"], schema="app"),
        ops.CreateForeignKeyOp(conv("fk_tag_account_id_account"), "tag", "account", ["account_id"], ["id"]),
        ops.CreateForeignKeyOp(None, "tag", "account", ["account_id"], ["id"], ondelete="CASCADE", source_schema="app", referent_schema="app"),
        ops.DropConstraintOp(conv("uq_account_email"), "account", type_="unique"),
        ops.DropConstraintOp("fk_x", "tag", type_="foreignkey", schema="app"),
    ], {}

    yield "comments", [
        ops.CreateTableCommentOp("account", "people", existing_comment=None),
        ops.CreateTableCommentOp("account", "it's people", existing_comment="people", schema="app"),
        ops.DropTableCommentOp("account", existing_comment="people"),
    ], {}

    yield "batch", [
        ops.ModifyTableOps("account", [
            ops.AddColumnOp("account", sa.Column("email", sa.String(length=120), nullable=True)),
            ops.AlterColumnOp("account", "name", existing_type=sa.VARCHAR(length=50), modify_type=sa.String(length=80), existing_nullable=False),
            ops.CreateIndexOp(conv("ix_account_name"), "account", ["name"], unique=False),
            ops.CreateUniqueConstraintOp(conv("uq_account_email"), "account", ["email"]),
            ops.CreateForeignKeyOp(conv("fk_account_org"), "account", "org", ["org_id"], ["id"]),
            ops.DropIndexOp("ix_old", table_name="account"),
            ops.DropConstraintOp("uq_old", "account", type_="unique"),
            ops.DropColumnOp("account", "legacy"),
        ]),
        ops.ModifyTableOps("tag", [ops.DropColumnOp("tag", "x")], schema="app"),
    ], {"render_as_batch": True}

    yield "types", [
        ops.AddColumnOp("t", sa.Column("a", postgresql.UUID(as_uuid=True), nullable=False)),
        ops.AddColumnOp("t", sa.Column("b", postgresql.TIMESTAMP(timezone=True), nullable=True)),
        ops.AddColumnOp("t", sa.Column("c", sa.Enum("x", "y", name="mood"), nullable=True)),
        ops.AddColumnOp("t", sa.Column("d", postgresql.ARRAY(sa.Integer()), nullable=True)),
        ops.AddColumnOp("t", sa.Column("e", mysql.VARCHAR(collation="utf8mb4_bin", length=20), nullable=True)),
        ops.AddColumnOp("t", sa.Column("f", postgresql.DOUBLE_PRECISION(precision=53), nullable=True)),
        ops.AddColumnOp("t", sa.Column("g", sa.Boolean(), server_default=sa.text("false"), nullable=True)),
        ops.AddColumnOp("t", sa.Column("h", mysql.INTEGER(unsigned=True), nullable=True)),
        ops.AddColumnOp("t", sa.Column("i", postgresql.JSONB(astext_type=sa.Text()), nullable=True)),
        ops.AddColumnOp("t", sa.Column("j", sa.DateTime(), nullable=True)),
        ops.AddColumnOp("t", sa.Column("k", sa.Unicode(length=20), nullable=True)),
        ops.AddColumnOp("t", sa.Column("l", sa.Float(), nullable=True)),
        ops.AddColumnOp("t", sa.Column("m", sa.Integer(), sa.Identity(always=True, start=10), nullable=False)),
        ops.AddColumnOp("t", sa.Column("n", sa.Integer(), sa.Computed("m * 2", persisted=True), nullable=True)),
    ], {}

    yield "execute", [ops.ExecuteSQLOp("CREATE TYPE mood AS ENUM ('a', 'b')")], {}

    yield "empty", [], {}


def record(name, op_list, opts):
    mc = MigrationContext.configure(dialect_name="postgresql")
    ctx = AutogenContext(mc, opts={"sqlalchemy_module_prefix": "sa.", "alembic_module_prefix": "op.",
                                   "user_module_prefix": None, "render_item": None, **opts})
    ctx.imports = set()
    body = render._indent(render._render_cmd_body(ops.UpgradeOps(ops=op_list), ctx))
    with open(os.path.join(here, "python", name + ".golden"), "w") as f:
        f.write("-- imports\n" + "\n".join(sorted(ctx.imports)) + "\n-- body\n" + body + "\n")


for name, op_list, opts in cases():
    record(name, op_list, opts)
