"""billing start
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3cd7e5ab8b90'
down_revision = '27c6a30d7c24'
branch_labels = ('billing',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
