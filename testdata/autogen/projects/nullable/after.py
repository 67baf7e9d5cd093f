import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("nickname", sa.String(20), nullable=True),
    sa.Column("age", sa.Integer, nullable=True),
)
