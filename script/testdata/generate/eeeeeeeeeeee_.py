"""empty message

Revision ID: eeeeeeeeeeee
Revises: dddddddddddd
Create Date: 2026-11-22 04:05:06.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'eeeeeeeeeeee'
down_revision = 'dddddddddddd'
branch_labels = None
depends_on = 'aaaaaaaaaaaa'


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
