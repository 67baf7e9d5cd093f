"""search start
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4a1f2c9d0e33'
down_revision = '27c6a30d7c24'
branch_labels = 'search'
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
