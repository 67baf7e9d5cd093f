"""Regenerates the Generate goldens with the real Alembic (not run by go test).

    /usr/bin/python3 script/testdata/gen_golden.py

It builds a project with Alembic's generic template, generates revisions with a
fixed create date, and copies each file to testdata/generate/<name>.
"""
import datetime
import os
import shutil
import tempfile

from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic import command

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "generate")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)

work = tempfile.mkdtemp()
os.chdir(work)
cfg = Config("alembic.ini")
command.init(cfg, "migrations")
cfg = Config("alembic.ini")
cfg.set_main_option("script_location", "migrations")

fixed = datetime.datetime(2026, 11, 22, 4, 5, 6, 123456)
ScriptDirectory._generate_create_date = lambda self: fixed

steps = [
    dict(rev_id="aaaaaaaaaaaa", message="create account table"),
    dict(rev_id="bbbbbbbbbbbb", message="add email", branch_label="billing"),
    dict(rev_id="cccccccccccc", message="splice it", head="aaaaaaaaaaaa", splice=True),
    dict(rev_id="dddddddddddd", message="needs two", head="cccccccccccc", depends_on=["billing", "bbbb"]),
    dict(rev_id="eeeeeeeeeeee", message=None, head="dddddddddddd", depends_on=["aaaa"]),
]
for s in steps:
    script = command.revision(cfg, **s)
    shutil.copy(script.path, os.path.join(out, os.path.basename(script.path)))
script = command.merge(cfg, ["bbbbbbbbbbbb", "eeeeeeeeeeee"], message="merge 'them' all", rev_id="ffffffffffff")
shutil.copy(script.path, os.path.join(out, os.path.basename(script.path)))
