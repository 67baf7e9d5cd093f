"""rank

Revision ID: b2
Revises: a1
Create Date: 2026-12-03 10:01:00
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("status", sa.Column("rank", sa.Integer))
    op.execute("UPDATE status SET rank = id * 10")


def downgrade():
    with op.batch_alter_table("status") as batch_op:
        batch_op.drop_column("rank")
