"""shapes real projects' tables take

Revision ID: r1
Revises:
Create Date: 2026-12-03 10:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = "r1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "author",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, index=True),
        sa.Column("age", sa.Integer, sa.CheckConstraint("age >= 0")),
    )
    # A key that is also a foreign key (joined-table inheritance): no SERIAL.
    op.create_table(
        "editor",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("desk", sa.String(20)),
        sa.ForeignKeyConstraint(["id"], ["author.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "book",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("author.id")),
        sa.Column("price", sa.Integer),
        sa.Column("discount", sa.Integer),
        sa.CheckConstraint(
            sa.or_(sa.and_(sa.column("price") == None, sa.column("discount") == None), sa.column("price") > 0),
            name="ck_book_price",
        ),
    )
    op.add_column("book", sa.Column("pages", sa.Integer, sa.CheckConstraint("pages > 0")))
    print("-- shapes made")


def downgrade():
    op.drop_table("book")
    op.drop_table("editor")
    op.drop_table("author")
