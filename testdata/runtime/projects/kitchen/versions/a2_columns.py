"""add and alter columns

Revision ID: a2c0de000002
Revises: a1c0de000001
Create Date: 2026-11-02 00:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table, column

revision = 'a2c0de000002'
down_revision = 'a1c0de000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('customer', sa.Column('email', sa.String(120), nullable=True))
    op.add_column('invoice', sa.Column('note', sa.String(200), server_default='none'))
    customer = table('customer', column('id', sa.Integer), column('name', sa.String), column('email', sa.String))
    op.bulk_insert(customer, [
        {'id': 1, 'name': "O'Brien", 'email': 'ob@example.com'},
        {'id': 2, 'name': 'Zoë', 'email': None},
    ])
    op.execute(customer.update().where(customer.c.id == op.inline_literal(2)).values({'email': op.inline_literal('zoe@example.com')}))
    with op.batch_alter_table('customer') as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(120), nullable=False)
        batch_op.alter_column('nickname', new_column_name='handle', existing_type=sa.Unicode(40))
        batch_op.create_unique_constraint('uq_customer_email', ['email'])
    op.create_index('ix_customer_handle', 'customer', ['handle'])


def downgrade():
    op.drop_index('ix_customer_handle', table_name='customer')
    with op.batch_alter_table('customer') as batch_op:
        batch_op.drop_constraint('uq_customer_email', type_='unique')
        batch_op.alter_column('handle', new_column_name='nickname', existing_type=sa.Unicode(40))
        batch_op.alter_column('email', existing_type=sa.String(120), nullable=True)
    op.execute("DELETE FROM customer WHERE id IN (1, 2)")
    op.drop_column('invoice', 'note')
    op.drop_column('customer', 'email')
