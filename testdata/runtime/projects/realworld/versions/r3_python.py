"""what only the project's own Python runs: its modules, a class, the ORM

Revision ID: r3
Revises: r2
Create Date: 2026-12-03 10:02:00
"""
from alembic import context, op
import sqlalchemy as sa
from sqlalchemy.orm import Session, declarative_base

from app.catalog import DEFAULT_STATUSES, slug

revision = "r3"
down_revision = "r2"
branch_labels = None
depends_on = None

Base = declarative_base()


class Status(Base):
    __tablename__ = "status"
    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False)


def upgrade():
    op.create_table(
        "status",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
    )
    if context.is_offline_mode():
        op.bulk_insert(Status.__table__, [{"id": i, "code": slug(n)} for i, n in enumerate(DEFAULT_STATUSES, 1)])
    else:
        session = Session(bind=op.get_bind())
        session.add_all([Status(id=i, code=slug(n)) for i, n in enumerate(DEFAULT_STATUSES, 1)])
        session.flush()


def downgrade():
    op.drop_table("status")
