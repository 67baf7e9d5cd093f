import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "region", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
)
sa.Table(
    "city", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("region_id", sa.Integer, sa.ForeignKey("region.id")),
)
sa.Table(
    "street", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("city_id", sa.Integer, sa.ForeignKey("city.id", ondelete="CASCADE")),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Index("ix_street_name", "name", unique=True),
)
