"""merge billing and search
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b8e6f0a1c47'
down_revision = ('3cd7e5ab8b90', '4a1f2c9d0e33')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
