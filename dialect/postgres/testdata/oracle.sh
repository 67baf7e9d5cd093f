#!/bin/sh
# Regenerates oracle.json from the real Alembic 1.8.1 (never run by go test).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../ddl/ddltest" && go test -run TestDumpCases -dump "$here/cases.json" >/dev/null
PYTHONHASHSEED=0 /usr/bin/python3 "$here/../../ddl/testdata/oracle.py" "$here/cases.json" postgresql://x@localhost/x "$here/oracle.json"
rm "$here/cases.json"
