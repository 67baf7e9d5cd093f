"""dialect specific types

Revision ID: a4c0de000004
Revises: a3c0de000003
Create Date: 2026-11-04 00:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, mysql

revision = 'a4c0de000004'
down_revision = 'a3c0de000003'
branch_labels = None
depends_on = None


def upgrade():
    name = op.get_context().dialect.name
    if name == 'postgresql':
        op.create_table(
            'event',
            sa.Column('id', postgresql.UUID(as_uuid=True), primary_key=True, server_default=sa.text('gen_random_uuid()')),
            sa.Column('payload', postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
            sa.Column('tags', postgresql.ARRAY(sa.String(20))),
            sa.Column('source', postgresql.INET),
            sa.Column('at', postgresql.TIMESTAMP(timezone=True), server_default=sa.func.now()),
            sa.Column('seq', sa.BigInteger, sa.Identity(always=True, start=10)),
            comment='events seen',
        )
        op.create_index('ix_event_payload', 'event', ['payload'], postgresql_using='gin')
        op.create_index('ix_event_recent', 'event', ['at'], postgresql_where=sa.text("source IS NOT NULL"))
        op.alter_column('event', 'source', comment='client address', existing_type=postgresql.INET)
    elif name == 'mysql':
        op.create_table(
            'event',
            sa.Column('id', sa.Integer, primary_key=True),
            sa.Column('payload', sa.JSON),
            sa.Column('flags', mysql.SET('a', 'b', 'c')),
            sa.Column('level', mysql.TINYINT(unsigned=True), nullable=False, server_default='1'),
            sa.Column('body', mysql.LONGTEXT),
            sa.Column('at', mysql.DATETIME(fsp=6)),
            mysql_engine='InnoDB',
            comment='events seen',
        )
        op.alter_column('event', 'level', existing_type=mysql.TINYINT(unsigned=True), type_=mysql.SMALLINT(unsigned=True), existing_nullable=False, existing_server_default='1')
    else:
        op.create_table(
            'event',
            sa.Column('id', sa.Integer, primary_key=True),
            sa.Column('payload', sa.JSON),
            sa.Column('at', sa.DateTime(timezone=True), server_default=sa.func.now()),
        )
        op.create_index('ix_event_at', 'event', ['at'], sqlite_where=sa.text('payload IS NOT NULL'))


def downgrade():
    op.drop_table('event')
