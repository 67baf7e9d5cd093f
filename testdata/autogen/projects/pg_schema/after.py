import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "customer", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("email", sa.String(120)),
    sa.Index("ix_customer_email", "email"),
    schema="app",
)
sa.Table(
    "invoice", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("customer_id", sa.Integer, sa.ForeignKey("app.customer.id", ondelete="CASCADE")),
    sa.Column("total", sa.Numeric(10, 2)),
    schema="app",
)
sa.Table(
    "note", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
)
