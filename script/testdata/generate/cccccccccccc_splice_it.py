"""splice it

Revision ID: cccccccccccc
Revises: aaaaaaaaaaaa
Create Date: 2026-11-22 04:05:06.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cccccccccccc'
down_revision = 'aaaaaaaaaaaa'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
