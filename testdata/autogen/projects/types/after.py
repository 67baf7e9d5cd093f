import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "item", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("qty", sa.BigInteger),
    sa.Column("price", sa.Numeric(12, 4)),
    sa.Column("notes", sa.Text),
    sa.Column("same", sa.String(30)),
)
