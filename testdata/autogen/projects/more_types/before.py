import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "sample", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("small", sa.SmallInteger),
    sa.Column("stamp", sa.DateTime),
    sa.Column("title", sa.Unicode(20)),
    sa.Column("ratio", sa.Float),
    sa.Column("flag", sa.Boolean),
    sa.Column("blob", sa.LargeBinary),
    sa.Column("at", sa.Time),
    sa.Column("day", sa.Date),
    sa.Column("code", sa.CHAR(3)),
)
