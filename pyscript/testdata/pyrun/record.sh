#!/bin/sh
# Records what CPython prints when each script NAME.py here runs its
# upgrade() into NAME.out. go test never runs this; run it by hand:
#   sh record.sh [/usr/bin/python3]
set -e
py=${1:-python3}
cd "$(dirname "$0")"
for f in *.py; do
	"$py" -c "import importlib.util as u; s = u.spec_from_file_location('m', '$f'); m = u.module_from_spec(s); s.loader.exec_module(m); m.upgrade()" >"${f%.py}.out"
done
