# The demo's models, kept as SQLAlchemy Core metadata: retort reads this file
# on its embedded interpreter (target_metadata = models.py), so autogenerate
# needs no Python. It matches the head revision plus one change the demo
# autogenerates: account.phone.
import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table("account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("bio", sa.String(200)),
    sa.Column("email", sa.String(120)),
    sa.Column("phone", sa.String(20)),
    sa.Index("ix_account_email", "email", unique=True),
)

sa.Table("orders", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
    sa.Column("total", sa.Numeric(10, 2), nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime, server_default=sa.func.now()),
    sa.Index("ix_orders_account_id", "account_id"),
)

sa.Table("audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event", sa.String(40), nullable=False),
    sa.Column("detail", sa.Text),
)
