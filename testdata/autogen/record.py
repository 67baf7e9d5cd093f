"""Record the real Alembic's autogenerate on each case of projects/, per dialect.

Run through record.sh (it fixes PYTHONHASHSEED and checks the servers);
go test never runs this. For every dialect and case:

1. a fresh database gets the case's before.py schema through
   metadata.create_all; every DDL statement SQLAlchemy sends is written to
   golden/<dialect>/<case>/before.sql, so the Go test can rebuild the very
   same database without Python;
2. Alembic compares that database with after.py's metadata
   (compare_type=True, compare_server_default=True, plus the case's
   case.json options) and the result is written as
     diffs.txt     compare_metadata's diffs, one per line, as "kind object"
                   (a column's modify_* group on one line, joined by ", ")
     upgrade.py    ${upgrades} of the revision template, as Alembic renders it
     downgrade.py  ${downgrades}
     imports.txt   ${imports}
"""
import importlib.util
import json
import os
import secrets
import shutil
import sys
import tempfile

import sqlalchemy as sa
from alembic.autogenerate import api, compare, render
from alembic.migration import MigrationContext
from alembic.operations import ops

here = os.path.dirname(os.path.abspath(__file__))
DIALECTS = ("postgresql", "mysql", "sqlite")


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.metadata


def options(case_dir):
    path = os.path.join(case_dir, "case.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


class Database:
    """A fresh database of one dialect, dropped by close()."""

    def __init__(self, dialect, tmp):
        self.dialect = dialect
        self.name = "retort_agoracle_" + secrets.token_hex(4)
        self.admin = None
        if dialect == "postgresql":
            server = os.environ["RETORT_TEST_POSTGRES_URL"].replace("postgresql://", "postgresql+psycopg2://", 1)
            self.admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
            url = server.rsplit("/", 1)[0] + "/" + self.name
        elif dialect == "mysql":
            server = os.environ["RETORT_TEST_MYSQL_URL"].replace("mysql://", "mysql+pymysql://", 1)
            self.admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
            url = server.rsplit("/", 1)[0] + "/" + self.name
        else:
            url = "sqlite:///" + os.path.join(tmp, self.name + ".db")
        if self.admin is not None:
            with self.admin.connect() as c:
                c.execute(sa.text("CREATE DATABASE " + self.name))
        self.engine = sa.create_engine(url)

    def close(self):
        self.engine.dispose()
        if self.admin is not None:
            with self.admin.connect() as c:
                if self.dialect == "postgresql":
                    c.execute(sa.text("DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.name))
                else:
                    c.execute(sa.text("DROP DATABASE IF EXISTS " + self.name))
            self.admin.dispose()


def create_before(engine, md):
    """Runs create_all and returns the DDL statements it sent."""
    sent = []
    # Table.indexes is a set ordered by object identity: create the
    # indexes by name, so that every recording builds the same database.
    for t in md.tables.values():
        t.indexes = sa.util.OrderedSet(sorted(t.indexes, key=lambda ix: ix.name or ""))

    def capture(conn, cursor, statement, parameters, context, executemany):
        words = statement.lstrip().split(None, 1)
        if words and words[0].upper() in ("CREATE", "ALTER", "COMMENT"):
            sent.append(statement.strip())

    sa.event.listen(engine, "before_cursor_execute", capture)
    try:
        with engine.begin() as conn:
            for s in sorted({t.schema for t in md.tables.values() if t.schema}):
                conn.execute(sa.schema.CreateSchema(s))
            md.create_all(conn, checkfirst=False)
    finally:
        sa.event.remove(engine, "before_cursor_execute", capture)
    return sent


def qual(schema, name):
    return "%s.%s" % (schema, name) if schema else name


def describe(diff):
    """One diff of compare_metadata as "kind object"."""
    if isinstance(diff, list):
        return ", ".join(describe(d) for d in diff)
    kind = diff[0]
    if kind in ("add_table", "remove_table", "add_table_comment", "remove_table_comment"):
        t = diff[1]
        return "%s %s" % (kind, qual(t.schema, t.name))
    if kind in ("add_column", "remove_column"):
        return "%s %s.%s" % (kind, qual(diff[1], diff[2]), diff[3].name)
    if kind.startswith("modify_"):
        return "%s %s.%s" % (kind, qual(diff[1], diff[2]), diff[3])
    if kind in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        obj = diff[1]
        return "%s %s %s" % (kind, qual(obj.table.schema, obj.table.name), obj.name)
    if kind in ("add_fk", "remove_fk"):
        fk = diff[1]
        return "%s %s %s (%s) -> %s" % (
            kind, qual(fk.parent.schema, fk.parent.name), fk.name,
            ", ".join(fk.column_keys), fk.referred_table.name)
    return "%s %r" % (kind, diff[1:])


def autogenerate(engine, md, opts):
    """Alembic's comparison and rendering, as `revision --autogenerate` does it."""
    with engine.connect() as conn:
        mc = MigrationContext.configure(connection=conn, opts={
            "compare_type": True,
            "compare_server_default": True,
            "render_as_batch": bool(opts.get("render_as_batch")),
            "include_schemas": bool(opts.get("include_schemas")),
            "target_metadata": md,
            "sqlalchemy_module_prefix": "sa.",
            "alembic_module_prefix": "op.",
            "user_module_prefix": None,
        })
        diffs = api.compare_metadata(mc, md)
        ctx = api.AutogenContext(mc, metadata=md)
        script = ops.MigrationScript(rev_id=None, upgrade_ops=ops.UpgradeOps([]), downgrade_ops=ops.DowngradeOps([]))
        compare._populate_migration_script(ctx, script)
        out = {}
        render._render_python_into_templatevars(ctx, script, out)
    return diffs, out


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def record(dialect, case, tmp):
    case_dir = os.path.join(here, "projects", case)
    opts = options(case_dir)
    if dialect not in opts.get("dialects", DIALECTS):
        return False
    out = os.path.join(here, "golden", dialect, case)
    os.makedirs(out)
    db = Database(dialect, tmp)
    try:
        ddl = create_before(db.engine, load(os.path.join(case_dir, "before.py"), "before"))
        write(os.path.join(out, "before.sql"), "".join(s + ";\n\n" for s in ddl))
        diffs, tv = autogenerate(db.engine, load(os.path.join(case_dir, "after.py"), "after"), opts)
    finally:
        db.close()
    write(os.path.join(out, "diffs.txt"), "".join(describe(d) + "\n" for d in diffs))
    write(os.path.join(out, "upgrade.py"), tv["upgrades"] + "\n")
    write(os.path.join(out, "downgrade.py"), tv["downgrades"] + "\n")
    write(os.path.join(out, "imports.txt"), tv["imports"] + "\n")
    return True


def main():
    cases = sorted(os.listdir(os.path.join(here, "projects")))
    tmp = tempfile.mkdtemp()
    try:
        for dialect in DIALECTS:
            shutil.rmtree(os.path.join(here, "golden", dialect), ignore_errors=True)
            done = [c for c in cases if record(dialect, c, tmp)]
            print("recorded %s: %s" % (dialect, " ".join(done)))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
