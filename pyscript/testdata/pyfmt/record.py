"""Record golden files from case lists with CPython: python3 record.py

cases.txt -> golden.json and stdlib_cases.txt -> golden_stdlib.json. A
case line is a Python expression whose value is a str; import/from lines
set up the cases after them. Not run by go test; the Go tests compare
retort's output with what this script recorded.
"""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))


def record(cases, golden):
    out = []
    setup = []
    env = {}
    with open(os.path.join(here, cases), encoding="utf-8") as f:
        for line in f:
            expr = line.rstrip("\n")
            if not expr.strip() or expr.startswith("#"):
                continue
            if expr.startswith(("import ", "from ")):
                setup.append(expr)
                exec(expr, env)
                continue
            case = {"expr": expr}
            if setup:
                case["setup"] = list(setup)
            try:
                case["out"] = eval(expr, env)
            except Exception as e:  # the message a traceback's last line shows
                case["err"] = "%s: %s" % (type(e).__name__, e)
            out.append(case)
    with open(os.path.join(here, golden), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


record("cases.txt", "golden.json")
record("stdlib_cases.txt", "golden_stdlib.json")
