"""create account table

Revision ID: aaaaaaaaaaaa
Revises: 
Create Date: 2026-11-22 04:05:06.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'aaaaaaaaaaaa'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
