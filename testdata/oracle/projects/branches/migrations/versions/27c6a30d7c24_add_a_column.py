"""add a column

Second paragraph that history leaves out
but show prints.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27c6a30d7c24'
down_revision = '1975ea83b712'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
