"""statuses, seeded through the ORM

Revision ID: a1
Revises:
Create Date: 2026-12-03 10:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session, declarative_base

from app.seed import STATUSES, label

revision = "a1"
down_revision = None
branch_labels = None
depends_on = None

Base = declarative_base()


class Status(Base):
    __tablename__ = "status"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(20), nullable=False)


def upgrade():
    op.create_table(
        "status",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(20), nullable=False),
    )
    session = Session(bind=op.get_bind())
    session.add_all([Status(id=i, name=label(n)) for i, n in enumerate(STATUSES, 1)])
    session.commit()


def downgrade():
    op.drop_table("status")
