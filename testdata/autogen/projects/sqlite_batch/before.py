import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50)),
    sa.Column("legacy", sa.Integer),
    sa.Column("email", sa.String(100)),
    sa.Index("ix_account_legacy", "legacy"),
)
sa.Table(
    "tag", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("label", sa.String(30)),
)
