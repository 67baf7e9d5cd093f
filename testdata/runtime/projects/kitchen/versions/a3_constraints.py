"""tags table, constraints and a rename

Revision ID: a3c0de000003
Revises: a2c0de000002
Create Date: 2026-11-03 00:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = 'a3c0de000003'
down_revision = 'a2c0de000002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tag',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('label', sa.String(30), nullable=False),
        sa.Column('customer_id', sa.Integer),
    )
    with op.batch_alter_table('tag') as batch_op:
        batch_op.create_foreign_key('fk_tag_customer', 'customer', ['customer_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint('ck_tag_label', 'length(label) > 0')
        batch_op.alter_column('label', existing_type=sa.String(30), type_=sa.String(60), existing_nullable=False)
    op.rename_table('tag', 'label_tag')


def downgrade():
    op.rename_table('label_tag', 'tag')
    with op.batch_alter_table('tag') as batch_op:
        batch_op.alter_column('label', existing_type=sa.String(60), type_=sa.String(30), existing_nullable=False)
        batch_op.drop_constraint('ck_tag_label', type_='check')
        batch_op.drop_constraint('fk_tag_customer', type_='foreignkey')
    op.drop_table('tag')
