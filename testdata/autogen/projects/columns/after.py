import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("email", sa.String(120)),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.text("1")),
    sa.Column("score", sa.Numeric(10, 2)),
    sa.Column("born", sa.Date),
)
