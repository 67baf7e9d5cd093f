"""Record golden.json from cases.txt with CPython: python3 record.py

Not run by go test; the Go test compares retort's output with what this
script recorded.
"""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
out = []
with open(os.path.join(here, "cases.txt"), encoding="utf-8") as f:
    for line in f:
        expr = line.rstrip("\n")
        if not expr.strip() or expr.startswith("#"):
            continue
        try:
            out.append({"expr": expr, "out": eval(expr)})
        except Exception as e:  # the message a traceback's last line shows
            out.append({"expr": expr, "err": "%s: %s" % (type(e).__name__, e)})
with open(os.path.join(here, "golden.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
