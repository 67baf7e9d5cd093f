import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "doc", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.String(100), comment="the document's title"),
    sa.Column("body", sa.Text, comment="markdown"),
    sa.Column("draft", sa.Integer),
    comment="documents",
)
sa.Table(
    "shelf", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    comment="new shelf",
)
sa.Table(
    "box", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
)
