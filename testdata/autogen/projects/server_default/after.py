import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "setting", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), server_default="fancy"),
    sa.Column("level", sa.Integer, server_default="5"),
    sa.Column("label", sa.String(20), server_default="none"),
    sa.Column("flag", sa.Integer),
    sa.Column("steady", sa.String(20), server_default="same"),
)
