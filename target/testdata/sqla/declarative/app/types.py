import sqlalchemy as sa


class Money(sa.types.TypeDecorator):
    """Cents stored as a NUMERIC(12, 2)."""

    impl = sa.Numeric(12, 2)
    cache_ok = True
