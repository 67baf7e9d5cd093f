"""a statement that fails after a table was created

Revision ID: d4
Revises: c3
Create Date: 2026-12-03 10:03:00
"""
from alembic import op
import sqlalchemy as sa

from app.seed import label

revision = "d4"
down_revision = "c3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(label("scratch").lower(), sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO no_such_table VALUES (1)")


def downgrade():
    op.drop_table("scratch")
