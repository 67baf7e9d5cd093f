import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "owner", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
)
sa.Table(
    "pet", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("owner_id", sa.Integer),
    sa.Column("vet_id", sa.Integer),
    sa.ForeignKeyConstraint(["owner_id"], ["owner.id"], name="fk_pet_owner", ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["vet_id"], ["owner.id"], name="fk_pet_vet", ondelete="SET NULL", onupdate="CASCADE"),
)
