import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "person", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("first", sa.String(50)),
    sa.Column("last", sa.String(50)),
    sa.Column("email", sa.String(120)),
    sa.Column("city", sa.String(50)),
    sa.Index("ix_person_email", "email"),
    sa.Index("ix_person_city", "city"),
    sa.Index("ix_person_first", "first"),
)
