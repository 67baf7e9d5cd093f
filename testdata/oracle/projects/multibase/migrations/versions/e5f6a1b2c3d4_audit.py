"""audit base depending on two branches
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5f6a1b2c3d4'
down_revision = None
branch_labels = None
depends_on = ('d4e5f6a1b2c3', 'a1b2c3d4e5f6')


def upgrade():
    pass


def downgrade():
    pass
