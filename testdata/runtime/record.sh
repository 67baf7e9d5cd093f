#!/usr/bin/env bash
# record.sh: run the real Alembic (the oracle) on each runtime project and
# record what it leaves behind, per dialect, into golden/<project>/<dialect>/:
#   upgrade.sql / downgrade.sql  offline output of `upgrade head --sql` and
#                                `downgrade head:base --sql` (when Alembic can)
#   schema-head.txt              dump/<dialect>.sql + the project's check.sql
#                                after an online `upgrade head` on a fresh database
#   schema-base.txt              dump/<dialect>.sql after `downgrade base`
# go test never runs this; it compares retort's results with the files.
# With arguments, only the project directories named are recorded.
# Needs: python3-alembic python3-psycopg2 python3-pymysql sqlite3, and the
# servers of scripts/dbup (eval "$(scripts/dbup)").
set -euo pipefail
export PYTHONHASHSEED=0
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
alembic=(/usr/bin/python3 -m alembic)
: "${RETORT_TEST_POSTGRES_URL:?run eval \"\$(scripts/dbup)\" first}"
: "${RETORT_TEST_MYSQL_URL:?run eval \"\$(scripts/dbup)\" first}"
pg_server=${RETORT_TEST_POSTGRES_URL%/*}
my_server=${RETORT_TEST_MYSQL_URL%/*}
my_hostport=${my_server##*@}

projects=("$root/examples/demo" "$here"/projects/*)
if [ $# -gt 0 ]; then projects=("$@"); fi # record.sh [PROJECT_DIR...]: only these

dump() { # dialect target
	local dialect=$1 target=$2 q
	while IFS= read -r q; do
		[ -n "$q" ] || continue
		case $dialect in
		postgresql) psql -X -At -v ON_ERROR_STOP=1 "$target" -c "$q" ;;
		mysql) mariadb -N -B -r -h "${my_hostport%:*}" -P "${my_hostport#*:}" -uretort -pretort "$target" -e "$q" ;;
		sqlite) sqlite3 "$target" "$q" ;;
		esac
	done
}

for project in "${projects[@]}"; do
	name=$(basename "$project")
	for dialect in postgresql mysql sqlite; do
		out="$here/golden/$name/$dialect"
		rm -rf "$out"
		mkdir -p "$out"
		work=$(mktemp -d)
		cp -r "$project/." "$work/"
		db="retort_oracle_${name}"
		case $dialect in
		postgresql)
			psql -X -q "$pg_server/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
			online="postgresql+psycopg2://${pg_server#postgresql://}/$db"
			offline="postgresql://scott@localhost/test"
			target="$pg_server/$db" ;;
		mysql)
			mariadb -h "${my_hostport%:*}" -P "${my_hostport#*:}" -uretort -pretort -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
			online="mysql+pymysql://${my_server#mysql://}/$db"
			offline="mysql://scott@localhost/test"
			target="$db" ;;
		sqlite)
			online="sqlite:///$work/oracle.db"
			offline="sqlite:///offline.db"
			target="$work/oracle.db" ;;
		esac
		seturl() { sed -i "s#^sqlalchemy.url = .*#sqlalchemy.url = $1#" "$work/alembic.ini"; }
		(
			cd "$work"
			seturl "$offline"
			"${alembic[@]}" upgrade head --sql >"$out/upgrade.sql" 2>/dev/null || rm -f "$out/upgrade.sql"
			"${alembic[@]}" downgrade head:base --sql >"$out/downgrade.sql" 2>/dev/null || rm -f "$out/downgrade.sql"
			seturl "$online"
			"${alembic[@]}" upgrade head 2>/dev/null
			{ dump "$dialect" "$target" <"$here/dump/$dialect.sql"; dump "$dialect" "$target" <"$project/check.sql"; } >"$out/schema-head.txt"
			"${alembic[@]}" downgrade base 2>/dev/null
			dump "$dialect" "$target" <"$here/dump/$dialect.sql" >"$out/schema-base.txt"
		)
		rm -rf "$work"
		echo "recorded $name/$dialect: $(ls "$out" | tr '\n' ' ')"
	done
done
