import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "item", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("qty", sa.Integer),
    sa.Column("price", sa.Integer),
    sa.CheckConstraint("qty > 0", name="ck_item_qty"),
)
