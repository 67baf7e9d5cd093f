import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "org", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50)),
)
sa.Table(
    "team", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50)),
)
sa.Table(
    "player", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.Integer),
    sa.Column("team_id", sa.Integer),
    sa.ForeignKeyConstraint(["team_id"], ["team.id"], name="fk_player_team"),
)
