"""Multi-database migration environment for Alembic, written by `retort init`.

The ini option `databases` lists database names; each name is also an ini
section holding that database's sqlalchemy.url. Every revision is applied
to each database in turn, and the revision scripts receive the name so that
they can run the upgrade_<name>/downgrade_<name> function for it.
"""
import logging
import re
from logging.config import fileConfig

from sqlalchemy import engine_from_config
from sqlalchemy import pool

from alembic import context

# Commit the databases with two-phase commit (the drivers must support it).
USE_TWOPHASE = False

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)
log = logging.getLogger("alembic.env")

database_names = [
    name
    for name in re.split(r",\s*", config.get_main_option("databases", ""))
    if name
]

# Autogenerate compares each database with its own MetaData, for example:
#     from myapp import models
#     target_metadata = {"engine1": models.metadata1, "engine2": models.metadata2}
target_metadata = {}


def run_migrations_offline() -> None:
    """Write each database's SQL to <name>.sql (`upgrade --sql`)."""
    for name in database_names:
        url = config.get_section_option(name, "sqlalchemy.url")
        out_file = "%s.sql" % name
        log.info("Migrating database %s" % name)
        log.info("Writing output to %s" % out_file)
        with open(out_file, "w") as out:
            context.configure(
                url=url,
                output_buffer=out,
                target_metadata=target_metadata.get(name),
                literal_binds=True,
                dialect_opts={"paramstyle": "named"},
            )
            with context.begin_transaction():
                context.run_migrations(engine_name=name)


def run_migrations_online() -> None:
    """Open a transaction on every database, migrate them all, then commit
    them all, or roll them all back if any fails."""
    open_dbs = []
    try:
        for name in database_names:
            engine = engine_from_config(
                config.get_section(name, {}),
                prefix="sqlalchemy.",
                poolclass=pool.NullPool,
            )
            connection = engine.connect()
            if USE_TWOPHASE:
                transaction = connection.begin_twophase()
            else:
                transaction = connection.begin()
            open_dbs.append((name, connection, transaction))

        for name, connection, _ in open_dbs:
            log.info("Migrating database %s" % name)
            context.configure(
                connection=connection,
                upgrade_token="%s_upgrades" % name,
                downgrade_token="%s_downgrades" % name,
                target_metadata=target_metadata.get(name),
            )
            context.run_migrations(engine_name=name)

        if USE_TWOPHASE:
            for _, _, transaction in open_dbs:
                transaction.prepare()
        for _, _, transaction in open_dbs:
            transaction.commit()
    except BaseException:
        for _, _, transaction in open_dbs:
            if transaction.is_active:
                transaction.rollback()
        raise
    finally:
        for _, connection, _ in open_dbs:
            connection.close()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
