"""add email

Revision ID: bbbbbbbbbbbb
Revises: aaaaaaaaaaaa
Create Date: 2026-11-22 04:05:06.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bbbbbbbbbbbb'
down_revision = 'aaaaaaaaaaaa'
branch_labels = ('billing',)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
