import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "member", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(120)),
    sa.Column("handle", sa.String(40)),
    sa.Column("org", sa.String(40)),
    sa.Column("seat", sa.Integer),
    sa.UniqueConstraint("email", name="uq_member_email"),
    sa.UniqueConstraint("org", "seat", name="uq_member_org_seat"),
)
