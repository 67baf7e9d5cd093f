"""networking base
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1b2c3d4e5f6'
down_revision = None
branch_labels = ('networking',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
