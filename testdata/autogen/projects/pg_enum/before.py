import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "ticket", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("state", sa.Enum("open", "closed", name="ticket_state")),
)
