import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
)
sa.Table(
    "legacy", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("note", sa.String(200)),
    sa.Index("ix_legacy_note", "note"),
)
