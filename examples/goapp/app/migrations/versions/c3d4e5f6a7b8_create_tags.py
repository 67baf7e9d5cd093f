"""create tags

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2026-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'c3d4e5f6a7b8'
down_revision = 'b2c3d4e5f6a7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tags',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('note_id', sa.Integer, sa.ForeignKey('notes.id'), nullable=False),
        sa.Column('name', sa.String(50), nullable=False),
    )


def downgrade():
    op.drop_table('tags')
