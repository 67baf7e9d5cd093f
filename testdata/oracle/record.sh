#!/usr/bin/env bash
# record.sh rebuilds the oracle projects under projects/ and records what the
# real Alembic 1.8.1 prints for the read-only commands listed in cases.txt.
# go test never runs this script (tests never call Python); it runs the
# recorded goldens through retort instead (internal/cli/oracle_test.go).
#
# Usage: testdata/oracle/record.sh          (needs /usr/bin/python3 -m alembic)
#
# Goldens are written to golden/<project>/<case>.out (stdout, byte for byte)
# and golden/<project>/<case>.exit (exit status). Absolute paths of a project
# are replaced by the placeholder $PROJECT, and the program name "alembic" in
# Alembic's self-references by "retort".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export PYTHONHASHSEED=0
alembic=(/usr/bin/python3 -m alembic)

rm -rf projects golden
mkdir -p projects golden

ini() { # ini DIR: a minimal alembic.ini whose script location is beside it
	cat >"$1/alembic.ini" <<'EOF'
[alembic]
script_location = %(here)s/migrations
sqlalchemy.url = sqlite:///%(here)s/oracle.db
EOF
	mkdir -p "$1/migrations/versions"
}

# rev FILE ID DOWN [LABELS] [DEPENDS] [DOCSTRING]: a plain (Alembic 1.8 template) header.
# DOWN, LABELS and DEPENDS are Python expressions.
rev() {
	local file=$1 id=$2 down=$3 labels=${4:-None} depends=${5:-None} doc=${6-}
	{
		if [ -n "$doc" ]; then printf '"""%s\n"""\n' "$doc"; fi
		cat <<EOF
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '$id'
down_revision = $down
branch_labels = $labels
depends_on = $depends


def upgrade():
    pass


def downgrade():
    pass
EOF
	} >"$file"
}

# annotated FILE ID DOWN DOC: the typed header of Alembic's newer templates.
annotated() {
	local file=$1 id=$2 down=$3 doc=$4
	cat >"$file" <<EOF
"""$doc

Revision ID: $id
Revises: ${down//\'/}
Create Date: 2024-03-01 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '$id'
down_revision: Union[str, None] = $down
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
EOF
}

# --- branches: a three-way branch point, branch labels, a merge, an unmerged head.
p=projects/branches
mkdir -p $p && ini $p
v=$p/migrations/versions
rev $v/1975ea83b712_create_account_table.py 1975ea83b712 None None None 'create account table

Revision ID: 1975ea83b712
Revises:
Create Date: 2024-01-01 09:00:00.000000
'
rev $v/27c6a30d7c24_add_a_column.py 27c6a30d7c24 "'1975ea83b712'" None None 'add a column

Second paragraph that history leaves out
but show prints.
'
rev $v/3cd7e5ab8b90_billing_start.py 3cd7e5ab8b90 "'27c6a30d7c24'" "('billing',)" None 'billing start'
rev $v/4a1f2c9d0e33_search_start.py 4a1f2c9d0e33 "'27c6a30d7c24'" "'search'" None 'search start'
rev $v/5b8e6f0a1c47_merge_billing_and_search.py 5b8e6f0a1c47 "('3cd7e5ab8b90', '4a1f2c9d0e33')" None None 'merge billing and search'
rev $v/6d2c4b8a9f15_after_merge.py 6d2c4b8a9f15 "'5b8e6f0a1c47'" None None ''
rev $v/7e9a1b3c5d26_hotfix_branch.py 7e9a1b3c5d26 "'27c6a30d7c24'" "('hotfix',)" None 'hotfix branch'
rev $v/8f0b2d4e6a37_hotfix_two.py 8f0b2d4e6a37 "'7e9a1b3c5d26'" None None 'hotfix two, with a first paragraph
that spans two lines'

# --- multibase: three roots, depends_on across them, effective heads.
p=projects/multibase
mkdir -p $p && ini $p
v=$p/migrations/versions
rev $v/a1b2c3d4e5f6_networking.py a1b2c3d4e5f6 None "('networking',)" None 'networking base'
rev $v/b2c3d4e5f6a1_add_subnet.py b2c3d4e5f6a1 "'a1b2c3d4e5f6'" None None 'add subnet'
rev $v/c3d4e5f6a1b2_accounts.py c3d4e5f6a1b2 None "('accounts',)" None 'accounts base'
rev $v/d4e5f6a1b2c3_add_user.py d4e5f6a1b2c3 "'c3d4e5f6a1b2'" None "'b2c3d4e5f6a1'" 'add user, needs subnets'
rev $v/e5f6a1b2c3d4_audit.py e5f6a1b2c3d4 None None "('d4e5f6a1b2c3', 'a1b2c3d4e5f6')" 'audit base depending on two branches'
rev $v/f6a1b2c3d4e5_audit_more.py f6a1b2c3d4e5 "'e5f6a1b2c3d4'" None None 'more audit'

# --- annotated: the typed header, three-character ids, a linear chain.
p=projects/annotated
mkdir -p $p && ini $p
v=$p/migrations/versions
annotated $v/001_create_users.py 001 None 'create users'
annotated $v/002_add_email.py 002 "'001'" 'add email'
annotated $v/003_add_orders.py 003 "'002'" 'add orders'
annotated $v/004_index_orders.py 004 "'003'" 'index orders'
annotated $v/005_drop_legacy.py 005 "'004'" 'drop legacy'

# --- run the cases.
status=0
while IFS= read -r line; do
	case "$line" in '' | '#'*) continue ;; esac
	read -r project name _ args <<<"$line"
	dir=$here/projects/$project
	mkdir -p "golden/$project"
	out=golden/$project/$name.out
	# shellcheck disable=SC2086 # args are word-split on purpose
	set +e
	(cd "$dir" && "${alembic[@]}" -c alembic.ini $args </dev/null) >"$out.tmp" 2>/dev/null
	code=$?
	set -e
	sed -e "s#$dir#\$PROJECT#g" -e 's/alembic init /retort init /' "$out.tmp" >"$out"
	rm "$out.tmp"
	echo "$code" >"golden/$project/$name.exit"
done <cases.txt
rm -rf projects/*/migrations/versions/__pycache__
exit $status
