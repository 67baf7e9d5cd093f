import sqlalchemy as sa
from sqlalchemy.dialects import mysql

accounts_md = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})
billing_md = sa.MetaData(schema="billing")

accounts = sa.Table(
    "accounts",
    accounts_md,
    sa.Column("id", mysql.INTEGER(unsigned=True), primary_key=True, autoincrement=True),
    sa.Column("handle", sa.String(40, collation="utf8mb4_bin"), nullable=False, unique=True),
    sa.Column("kind", sa.Enum("free", "paid", name="plan", native_enum=False), nullable=False),
    sa.Column("note", sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql")),
    mysql_engine="InnoDB",
)

customers = sa.Table(
    "customers",
    billing_md,
    sa.Column("id", mysql.INTEGER(unsigned=True), primary_key=True),
)

invoices = sa.Table(
    "invoices",
    billing_md,
    sa.Column("id", sa.BigInteger, sa.Identity(start=100, increment=5), primary_key=True),
    sa.Column("account_id", mysql.INTEGER(unsigned=True), nullable=False),
    sa.Column("total", sa.Numeric(12, 2), nullable=False, server_default=sa.text("0.00")),
    sa.Column("doubled", sa.Numeric(12, 2), sa.Computed("total * 2", persisted=True)),
    sa.ForeignKeyConstraint(["account_id"], ["billing.customers.id"], onupdate="CASCADE", use_alter=True),
    sa.Index("ix_invoices_account", "account_id", mysql_length={"account_id": 4}),
)

ALL = [accounts_md, billing_md]
