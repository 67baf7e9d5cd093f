"""hotfix two, with a first paragraph
that spans two lines
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8f0b2d4e6a37'
down_revision = '7e9a1b3c5d26'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
