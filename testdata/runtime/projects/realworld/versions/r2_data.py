"""data moved the way real projects move it

Revision ID: r2
Revises: r1
Create Date: 2026-12-03 10:01:00
"""
from alembic import context, op
import sqlalchemy as sa

revision = "r2"
down_revision = "r1"
branch_labels = None
depends_on = None

author = sa.table("author", sa.column("id", sa.Integer), sa.column("name", sa.String))
book = sa.table("book", sa.column("id", sa.Integer), sa.column("title", sa.String),
                sa.column("author_id", sa.Integer), sa.column("price", sa.Integer), sa.column("discount", sa.Integer))


def upgrade():
    op.bulk_insert(author, [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Brian"}])
    op.bulk_insert(book, [
        {"id": 1, "title": "Notes", "author_id": 1, "price": 10, "discount": 2},
        {"id": 2, "title": "C", "author_id": 2, "price": 20, "discount": None},
    ])
    op.execute(book.update().values(discount=book.c.price).where(book.c.discount == None))
    if context.is_offline_mode():
        op.execute(book.update().values(title=sa.func.upper(book.c.title)))
    else:
        bind = op.get_bind()
        rows = bind.execute(sa.text("SELECT id, title FROM book ORDER BY id")).fetchall()
        for row in rows:
            bind.execute(sa.text("UPDATE book SET title = :t WHERE id = :id"), {"t": row.title.upper(), "id": row.id})


def downgrade():
    op.execute(book.delete())
    op.execute(author.delete())
