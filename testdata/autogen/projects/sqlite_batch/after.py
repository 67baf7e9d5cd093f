import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("email", sa.String(120)),
    sa.Column("joined", sa.DateTime),
    sa.Index("ix_account_email", "email"),
)
sa.Table(
    "tag", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("label", sa.String(30)),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE")),
)
