"""a batch block that only runs SQL and adds an index

Revision ID: r4
Revises: r3
Create Date: 2026-12-03 10:03:00
"""
from alembic import op

revision = "r4"
down_revision = "r3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("book", schema=None) as batch_op:
        batch_op.execute("UPDATE book SET pages = 100 WHERE pages IS NULL")
        batch_op.create_index("ix_book_title", ["title"], unique=False)


def downgrade():
    with op.batch_alter_table("book", schema=None) as batch_op:
        batch_op.drop_index("ix_book_title")
