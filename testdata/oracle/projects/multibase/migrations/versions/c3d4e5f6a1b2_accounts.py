"""accounts base
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d4e5f6a1b2'
down_revision = None
branch_labels = ('accounts',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
