import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "item", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("qty", sa.Integer),
    sa.Column("price", sa.Numeric(10, 2)),
    sa.Column("notes", sa.String(100)),
    sa.Column("same", sa.String(30)),
)
