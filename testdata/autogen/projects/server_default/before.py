import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "setting", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), server_default="plain"),
    sa.Column("level", sa.Integer, server_default="0"),
    sa.Column("label", sa.String(20)),
    sa.Column("flag", sa.Integer, server_default="1"),
    sa.Column("steady", sa.String(20), server_default="same"),
)
