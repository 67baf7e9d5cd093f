"""needs two

Revision ID: dddddddddddd
Revises: cccccccccccc
Create Date: 2026-11-22 04:05:06.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dddddddddddd'
down_revision = 'cccccccccccc'
branch_labels = None
depends_on = ['billing', 'bbbbbbbbbbbb']


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
