import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "doc", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.String(100), comment="the title"),
    sa.Column("body", sa.Text),
    sa.Column("draft", sa.Integer, comment="to be removed"),
)
sa.Table(
    "shelf", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    comment="old shelf",
)
sa.Table(
    "box", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    comment="a box",
)
