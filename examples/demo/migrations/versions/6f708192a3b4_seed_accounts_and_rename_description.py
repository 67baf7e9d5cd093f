"""seed accounts and rename description

Revision ID: 6f708192a3b4
Revises: 5e6f708192a3
Create Date: 2026-11-05 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table, column


# revision identifiers, used by Alembic.
revision = '6f708192a3b4'
down_revision = '5e6f708192a3'
branch_labels = None
depends_on = None


def upgrade():
    accounts = table(
        'account',
        column('id', sa.Integer),
        column('name', sa.String),
        column('email', sa.String),
    )
    op.bulk_insert(accounts, [
        {'id': 1, 'name': 'Ada', 'email': 'ada@example.com'},
        {'id': 2, 'name': 'Grace', 'email': 'grace@example.com'},
    ])
    with op.batch_alter_table('account') as batch_op:
        batch_op.alter_column('description', new_column_name='bio', existing_type=sa.Unicode(200))
    op.execute("INSERT INTO audit_log (event, detail) VALUES ('seeded', 'two accounts')")


def downgrade():
    with op.batch_alter_table('account') as batch_op:
        batch_op.alter_column('bio', new_column_name='description', existing_type=sa.Unicode(200))
    op.execute("DELETE FROM audit_log WHERE event = 'seeded'")
    op.execute("DELETE FROM account WHERE id IN (1, 2)")
