# Records what Alembic 1.8.1 + SQLAlchemy 1.4 print in offline (--sql) mode
# for each case of dialect/ddl/ddltest, as the generic env.py configures it
# (literal_binds=True, paramstyle "named"). go test never runs this file.
#
# usage: /usr/bin/python3 oracle.py CASES.json URL OUT.json
import io
import json
import sys

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.dialects import mysql, postgresql


def run(url, code):
    buf = io.StringIO()
    ctx = MigrationContext.configure(
        url=url,
        opts={"as_sql": True, "output_buffer": buf, "literal_binds": True},
        dialect_opts={"paramstyle": "named"},
    )
    op = Operations(ctx)
    try:
        exec(code, {"op": op, "sa": sa, "postgresql": postgresql, "mysql": mysql})
    except Exception as e:  # the error text is part of the record
        return "ERROR: %s" % e
    return buf.getvalue()


def main():
    cases_path, url, out_path = sys.argv[1:4]
    with open(cases_path) as f:
        cases = json.load(f)
    out = {}
    for case in cases:
        out[case["name"]] = run(url, case["py"])
    with open(out_path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


main()
