"""create audit log

Revision ID: 4d5e6f708192
Revises: 2b3c4d5e6f70
Create Date: 2026-11-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4d5e6f708192'
down_revision = '2b3c4d5e6f70'
branch_labels = ('audit',)
depends_on = None


def upgrade():
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('event', sa.String(40), nullable=False),
        sa.Column('detail', sa.Text),
    )


def downgrade():
    op.drop_table('audit_log')
