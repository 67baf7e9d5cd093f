"""Regenerates the *.golden files from the real Mako (not run by go test).

Run with the system interpreter that has Mako installed:
    /usr/bin/python3 pyscript/mako/testdata/gen_golden.py
"""
import json
import os

from mako.template import Template

here = os.path.dirname(os.path.abspath(__file__))


class Config:
    def __init__(self, opts):
        self.opts = opts

    def get_main_option(self, name, default=None):
        return self.opts.get(name, default)


def convert(v):
    if isinstance(v, dict) and "tuple" in v:
        return tuple(v["tuple"])
    if isinstance(v, dict) and "list" in v:
        return list(v["list"])
    return v


def format_as_comma(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return ", ".join(value)


for case in json.load(open(os.path.join(here, "cases.json"))):
    kw = {"comma": format_as_comma}
    for k, v in case["vars"].items():
        if k == "__config":
            kw["config"] = Config(v)
        else:
            kw[k] = convert(v)
    if "template" in case:
        t = Template(filename=os.path.join(here, "templates", case["template"] + ".mako"))
    else:
        t = Template(text=case["source"])
    out = t.render_unicode(**kw)
    with open(os.path.join(here, case["name"] + ".golden"), "w", newline="") as f:
        f.write(out)
