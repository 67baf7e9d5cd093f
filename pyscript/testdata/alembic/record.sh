#!/bin/sh
# Records what the real Alembic writes with `upgrade --sql` for each case
# NAME.py here (the body of upgrade(), indented four spaces, or module code
# with its own "def upgrade():" line) into
# NAME.DIALECT.sql: the step's statements, between the "Running upgrade"
# line and the version table's INSERT. go test never runs this; run it by
# hand with Alembic 1.8.1 and SQLAlchemy 1.4 installed:
#   sh record.sh [/usr/bin/python3]
set -e
py=${1:-python3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" -m alembic init proj >/dev/null
for case in "$here"/*.py; do
	name=$(basename "$case" .py)
	for d in postgresql sqlite mysql; do
		rm -f proj/versions/*.py
		{
			printf 'from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import postgresql\n\n'
			printf "revision = 'a1'\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\n"
			# A case with its own "def upgrade():" line is module code.
			grep -q '^def upgrade():' "$case" || printf 'def upgrade():\n'
			cat "$case"
			printf '\n\ndef downgrade():\n    pass\n'
		} >proj/versions/a1_x.py
		case $d in
		sqlite) url=sqlite:///x.db ;;
		*) url=$d://u:p@localhost/db ;;
		esac
		sed -i "s#^sqlalchemy.url.*#sqlalchemy.url = $url#" alembic.ini
		if "$py" -m alembic upgrade a1 --sql >out.sql 2>err.txt; then
			sed -n '/^-- Running upgrade  -> a1$/,/^INSERT INTO alembic_version/p' out.sql |
				sed '1,2d;$d' >"$here/$name.$d.sql"
		else
			echo "$name on $d: Alembic failed:" >&2
			tail -1 err.txt >&2
		fi
	done
done
