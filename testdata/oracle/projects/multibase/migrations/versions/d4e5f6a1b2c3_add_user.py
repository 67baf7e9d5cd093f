"""add user, needs subnets
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4e5f6a1b2c3'
down_revision = 'c3d4e5f6a1b2'
branch_labels = None
depends_on = 'b2c3d4e5f6a1'


def upgrade():
    pass


def downgrade():
    pass
