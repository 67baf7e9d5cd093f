"""core tables with many column types

Revision ID: a1c0de000001
Revises:
Create Date: 2026-11-01 00:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = 'a1c0de000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'customer',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('name', sa.String(80), nullable=False),
        sa.Column('nickname', sa.Unicode(40)),
        sa.Column('bio', sa.Text),
        sa.Column('active', sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column('born', sa.Date),
        sa.Column('created_at', sa.DateTime, server_default=sa.func.now(), nullable=False),
        sa.Column('wake_at', sa.Time),
        sa.Column('balance', sa.Numeric(12, 2), server_default='0'),
        sa.Column('score', sa.Float),
        sa.Column('visits', sa.BigInteger, server_default=sa.text('0')),
        sa.Column('rank', sa.SmallInteger),
        sa.Column('kind', sa.Enum('person', 'company', name='customer_kind')),
        sa.Column('avatar', sa.LargeBinary),
        sa.UniqueConstraint('name', name='uq_customer_name'),
    )
    op.create_table(
        'invoice',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('customer_id', sa.Integer, nullable=False),
        sa.Column('number', sa.String(20), nullable=False),
        sa.Column('amount', sa.Numeric(10, 2), nullable=False),
        sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name='fk_invoice_customer', ondelete='CASCADE'),
        sa.CheckConstraint('amount >= 0', name='ck_invoice_amount'),
    )
    op.create_index('ix_invoice_number', 'invoice', ['number'], unique=True)
    op.create_index('ix_invoice_customer_amount', 'invoice', ['customer_id', 'amount'])


def downgrade():
    op.drop_index('ix_invoice_number', table_name='invoice')
    op.drop_table('invoice')
    op.drop_table('customer')
    if op.get_context().dialect.name == 'postgresql':
        op.execute('DROP TYPE customer_kind')
