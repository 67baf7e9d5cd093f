import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "customer", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50)),
    sa.Column("old", sa.Integer),
    schema="app",
)
sa.Table(
    "note", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
)
