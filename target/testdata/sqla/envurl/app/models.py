import sqlalchemy as sa


class Slug(sa.types.TypeDecorator):
    """A short lowercase string."""

    impl = sa.String
    cache_ok = True


metadata = sa.MetaData()

things = sa.Table(
    "things",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("scratch", sa.Text, info={"skip_autogen": True}),
    sa.Column("slug", Slug(20)),
    sa.Column("payload", sa.JSON),
    sa.UniqueConstraint("name", name="uq_things_name"),
    sqlite_autoincrement=True,
)

sa.Index("ix_things_lower_name", sa.func.lower(things.c.name), unique=True)

archive = sa.Table(
    "archive_things",
    metadata,
    sa.Column("id", sa.Integer, sa.ForeignKey("things.id", name="fk_archive_thing"), primary_key=True),
    schema="archive",
)
