#!/usr/bin/env bash
# record.sh: run the real Alembic's autogenerate (the oracle) on each case of
# projects/ against fresh SQLite, PostgreSQL and MariaDB databases, and write
# golden/<dialect>/<case>/{before.sql,diffs.txt,upgrade.py,downgrade.py,imports.txt}
# (record.py says what each file holds). go test never runs this; it rebuilds
# each database from before.sql, runs retort's comparison and compares.
# Needs: python3-alembic (1.8.1) python3-sqlalchemy (1.4) python3-psycopg2
# python3-pymysql, and the servers of scripts/dbup (eval "$(scripts/dbup)").
set -euo pipefail
export PYTHONHASHSEED=0
here=$(cd "$(dirname "$0")" && pwd)
: "${RETORT_TEST_POSTGRES_URL:?run eval \"\$(scripts/dbup)\" first}"
: "${RETORT_TEST_MYSQL_URL:?run eval \"\$(scripts/dbup)\" first}"
exec /usr/bin/python3 "$here/record.py"
