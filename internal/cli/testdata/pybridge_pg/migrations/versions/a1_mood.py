"""mood, with a value added outside the transaction

Revision ID: a1
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
revision = 'a1'
down_revision = None

def upgrade():
    op.execute("CREATE TYPE mood AS ENUM ('a')")
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE mood ADD VALUE 'b'")
    op.create_table('t', sa.Column('id', sa.Integer, primary_key=True), sa.Column('m', postgresql.ENUM('a', 'b', name='mood', create_type=False)))
    op.get_bind().execute(sa.text("INSERT INTO t (id, m) VALUES (1, 'b')"))
    print(op.get_bind().execute(sa.text("select m from t")).scalar())

def downgrade():
    op.drop_table('t')
    op.execute("DROP TYPE mood")
