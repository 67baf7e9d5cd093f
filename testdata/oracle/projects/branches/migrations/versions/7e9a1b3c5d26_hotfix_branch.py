"""hotfix branch
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7e9a1b3c5d26'
down_revision = '27c6a30d7c24'
branch_labels = ('hotfix',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
