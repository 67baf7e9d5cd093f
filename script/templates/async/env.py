"""Migration environment for Alembic with an async database driver, written
by `retort init -t async`.

Alembic executes this file for every command that touches the database.
retort does not need it (it reads the ini file directly and uses its own
drivers, whatever +driver the URL names), but keeping it working means the
project can still be run with Alembic and an asyncio driver such as
postgresql+asyncpg.
"""
import asyncio
from logging.config import fileConfig

from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import async_engine_from_config

from alembic import context

# The parsed ini file the command was started with.
config = context.config

# Configure Python logging from the [loggers]/[handlers]/[formatters]
# sections, when the ini file has them.
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# Autogenerate compares the database with this MetaData. Point it at your
# models to use `revision --autogenerate`, for example:
#     from myapp.models import Base
#     target_metadata = Base.metadata
target_metadata = None


def run_migrations_offline() -> None:
    """Write the migration SQL to standard output (`upgrade --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def apply_migrations(connection: Connection) -> None:
    """Run the migrations on a synchronous view of the async connection."""
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    """Connect with the async driver and hand the connection to Alembic."""
    engine = async_engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    async with engine.connect() as connection:
        await connection.run_sync(apply_migrations)
    await engine.dispose()


def run_migrations_online() -> None:
    """Run the async migration routine to completion."""
    asyncio.run(run_async_migrations())


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
