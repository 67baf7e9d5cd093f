"""Migration environment for Alembic, written by `retort init`.

Alembic executes this file for every command that touches the database.
retort does not need it (it reads the ini file directly), but keeping it
working means the project can still be run with Alembic itself.
"""
from logging.config import fileConfig

from sqlalchemy import engine_from_config
from sqlalchemy import pool

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


def include_name(name, type_, parent_names):
    """Leave retort's audit trail (the retort_history table) out of
    autogenerate, so that Alembic never proposes to drop it."""
    return not (type_ == "table" and name == "retort_history")


def run_migrations_offline() -> None:
    """Write the migration SQL to standard output (`upgrade --sql`).

    Only the URL is needed: no connection is made, so no database driver
    has to be installed.
    """
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        include_name=include_name,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Connect to sqlalchemy.url and run the migrations there."""
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
