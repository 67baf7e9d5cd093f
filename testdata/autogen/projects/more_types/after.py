import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "sample", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("small", sa.Integer),
    sa.Column("stamp", sa.DateTime(timezone=True)),
    sa.Column("title", sa.Unicode(40)),
    sa.Column("ratio", sa.Numeric(8, 3)),
    sa.Column("flag", sa.Boolean),
    sa.Column("blob", sa.LargeBinary),
    sa.Column("at", sa.Time),
    sa.Column("day", sa.DateTime),
    sa.Column("code", sa.CHAR(3)),
)
