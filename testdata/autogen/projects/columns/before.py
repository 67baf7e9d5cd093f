import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("legacy_code", sa.String(10)),
    sa.Column("old_score", sa.Integer),
)
