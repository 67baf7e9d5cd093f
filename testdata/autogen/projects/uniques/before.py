import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "member", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(120)),
    sa.Column("handle", sa.String(40)),
    sa.Column("org", sa.String(40)),
    sa.Column("seat", sa.Integer),
    sa.UniqueConstraint("handle", name="uq_member_handle"),
)
