#!/bin/sh
# Regenerates oracle-mysql.json and oracle-mariadb.json from the real
# Alembic 1.8.1 (never run by go test).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../ddl/ddltest" && go test -run TestDumpCases -dump "$here/cases.json" >/dev/null
PYTHONHASHSEED=0 /usr/bin/python3 "$here/../../ddl/testdata/oracle.py" "$here/cases.json" mysql://x@localhost/x "$here/oracle-mysql.json"
PYTHONHASHSEED=0 /usr/bin/python3 "$here/../../ddl/testdata/oracle.py" "$here/cases.json" mariadb://x@localhost/x "$here/oracle-mariadb.json"
rm "$here/cases.json"
