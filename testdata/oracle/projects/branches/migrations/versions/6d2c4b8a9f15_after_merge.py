from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6d2c4b8a9f15'
down_revision = '5b8e6f0a1c47'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
