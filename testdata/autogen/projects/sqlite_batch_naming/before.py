import sqlalchemy as sa

convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=convention)

sa.Table(
    "team", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
)
sa.Table(
    "user", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("login", sa.String(40), index=True),
    sa.Column("mail", sa.String(120), unique=True),
)
