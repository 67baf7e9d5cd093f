"""index when missing, data fixed row by row

Revision ID: c3
Revises: b2
Create Date: 2026-12-03 10:02:00
"""
from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"
branch_labels = None
depends_on = None


class Renamer:
    def __init__(self, suffix):
        self.suffix = suffix

    def __call__(self, name):
        return "%s-%s" % (name.lower(), self.suffix)


def upgrade():
    bind = op.get_bind()
    names = {ix["name"] for ix in sa.inspect(bind).get_indexes("status")}
    if "ix_status_name" not in names:
        op.create_index("ix_status_name", "status", ["name"])
    rename = Renamer("v2")
    rows = bind.execute(sa.text("SELECT id, name FROM status ORDER BY id")).fetchall()
    for row in rows:
        bind.execute(sa.text("UPDATE status SET name = :name WHERE id = :id"), {"name": rename(row.name), "id": row.id})
    print("renamed %d rows" % len(rows))


def downgrade():
    op.drop_index("ix_status_name", table_name="status")
