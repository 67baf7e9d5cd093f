"""Measure retort against Alembic on a directory of real Alembic revision scripts.

Run by scripts/measure-projects under Debian's /usr/bin/python3 (Alembic 1.8,
SQLAlchemy 1.4). Two subcommands:

  run NAME DIALECT VERSIONS_DIR OUT_DIR RETORT_BIN
      builds two throwaway projects around a copy of the scripts (one for
      Alembic, one for retort; the same alembic.ini and minimal offline env.py
      with target_metadata=None), then runs every single step offline in both:
      `upgrade <down>:<rev> --sql` and `downgrade <rev>:<down> --sql`, where
      <down> is the revision's first down_revision or "base". Writes
      OUT_DIR/NAME/steps.jsonl, one line per step and direction.

  report OUT_DIR...
      reads every steps.jsonl below the given directories and prints the
      Markdown summary: per-project and overall counts, retort's failures where
      Alembic succeeds grouped by message pattern, and SQL differences grouped
      by the first statement that differs.

Alembic runs in this one process through alembic.command (the same code the
`alembic` command line calls), with the script directory loaded once, because
Python start-up and re-importing a hundred scripts per step would take longer
than the measurement. Imports the scripts make of modules this Python lacks
(the application's own packages, third-party packages not installed) are
served by stand-in modules: importing works, but using a stand-in while a
migration runs raises NeedsProjectCode, so those steps count as "needs
project code" rather than as Alembic failures. A script that still fails to
import under Alembic is replaced, in Alembic's copy only, by one with the
same revision header whose steps raise, so the rest of the graph still runs.
"""

import ast
import contextlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import traceback
import types
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

STEP_TIMEOUT = int(os.environ.get("MEASURE_STEP_TIMEOUT", "60"))

URLS = {
    "postgresql": "postgresql://measure@localhost/measure",
    "mysql": "mysql://measure@localhost/measure",
    "sqlite": "sqlite:///measure.db",
}

ENV_PY = '''from alembic import context

config = context.config


def run_migrations_offline():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=None,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    raise SystemExit("this throwaway project runs offline only")
'''

MAKO = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''


# ---------------------------------------------------------------- stand-ins


class NeedsProjectCode(Exception):
    """A migration used a module this Python does not have."""


class _StubState:
    strict = False
    missing = Counter()


def _stub_fail(name):
    raise NeedsProjectCode("uses %s, which this Python cannot import" % name)


class _StubBase:
    """What `class X(stand_in):` derives from."""


class Stub:
    """A stand-in for any name of a missing module."""

    def __init__(self, name, *args, **kwargs):
        object.__setattr__(self, "_name", name if isinstance(name, str) else "?")

    def __mro_entries__(self, bases):
        return (_StubBase,)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        name = object.__getattribute__(self, "_name") + "." + attr
        if _StubState.strict:
            _stub_fail(name)
        return Stub(name)

    def __call__(self, *args, **kwargs):
        name = object.__getattribute__(self, "_name")
        if _StubState.strict:
            _stub_fail(name + "()")
        return Stub(name + "()")

    def __iter__(self):
        _stub_fail(object.__getattribute__(self, "_name"))

    def __getitem__(self, key):
        _stub_fail(object.__getattribute__(self, "_name") + "[...]")

    def __len__(self):
        _stub_fail(object.__getattribute__(self, "_name"))

    def __str__(self):
        _stub_fail(object.__getattribute__(self, "_name"))

    def __repr__(self):
        return "<stand-in %s>" % object.__getattribute__(self, "_name")

    def __bool__(self):
        if _StubState.strict:
            _stub_fail(object.__getattribute__(self, "_name"))
        return True

    def __eq__(self, other):
        if _StubState.strict:
            _stub_fail(object.__getattribute__(self, "_name"))
        return self is other

    __hash__ = object.__hash__


class _StubModule(types.ModuleType):
    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        name = self.__name__ + "." + attr
        if _StubState.strict:
            _stub_fail(name)
        return Stub(name)


class _StubLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return _StubModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []
        _StubState.missing[module.__name__.split(".")[0]] += 1


class _StubFinder(importlib.abc.MetaPathFinder):
    """Last on sys.meta_path: serves only what no real finder found."""

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in ("sqlalchemy", "alembic", "mako"):
            return None
        return importlib.machinery.ModuleSpec(fullname, _StubLoader(), is_package=True)


# ---------------------------------------------------------------- headers


def read_headers(path):
    """revision, down_revision, ... as literals, by ast, else by regex."""
    src = open(path, encoding="utf-8", errors="replace").read()
    heads = {}
    try:
        tree = ast.parse(src)
        for node in tree.body:
            targets = []
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
                value = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                targets = [node.target.id]
                value = node.value
            for t in targets:
                if t in ("revision", "down_revision", "branch_labels", "depends_on"):
                    try:
                        heads[t] = ast.literal_eval(value)
                    except Exception:
                        pass
    except SyntaxError:
        for k in ("revision", "down_revision", "branch_labels", "depends_on"):
            m = re.search(r"^%s\s*(?::[^=]*)?=\s*(.+)$" % k, src, re.M)
            if m:
                try:
                    heads[k] = ast.literal_eval(m.group(1).strip())
                except Exception:
                    pass
    return heads


PLACEHOLDER = '''# measure: the original did not import under Alembic: {err}
revision = {revision!r}
down_revision = {down_revision!r}
branch_labels = {branch_labels!r}
depends_on = {depends_on!r}


def upgrade():
    raise RuntimeError("measure: script does not import under Alembic: " + {err!r})


def downgrade():
    raise RuntimeError("measure: script does not import under Alembic: " + {err!r})
'''


def missing_imports_of(path):
    """Top-level modules the script imports (anywhere in it) that this Python lacks."""
    try:
        tree = ast.parse(open(path, encoding="utf-8", errors="replace").read())
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    missing = []
    for n in sorted(names):
        try:
            if importlib.util.find_spec(n) is None:
                missing.append(n)
        except Exception:
            missing.append(n)
    return missing


# ---------------------------------------------------------------- projects


def make_project(root, dialect, versions_src, files, extra_ini=""):
    os.makedirs(os.path.join(root, "migrations", "versions"), exist_ok=True)
    with open(os.path.join(root, "alembic.ini"), "w") as f:
        f.write(
            "[alembic]\nscript_location = migrations\nsqlalchemy.url = %s\n%s"
            % (URLS[dialect], extra_ini)
        )
    with open(os.path.join(root, "migrations", "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(root, "migrations", "script.py.mako"), "w") as f:
        f.write(MAKO)
    for fn in files:
        shutil.copy(os.path.join(versions_src, fn), os.path.join(root, "migrations", "versions", fn))


def where_in_scripts(tb, versions_dir):
    """file:line of the innermost traceback frame inside a revision script."""
    loc = None
    for fs in traceback.extract_tb(tb):
        if os.path.dirname(os.path.abspath(fs.filename)) == versions_dir:
            loc = "%s:%d" % (os.path.basename(fs.filename), fs.lineno)
    return loc


def exc_text(e):
    msg = str(e).strip().splitlines()
    return "%s: %s" % (type(e).__name__, msg[0] if msg else "")


def find_cause(e, kind):
    while e is not None:
        if isinstance(e, kind):
            return e
        e = e.__cause__ or e.__context__
    return None


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout("step took more than %ds" % STEP_TIMEOUT)


def run_alembic(root, files, versions_src):
    """Every single step under Alembic; returns (steps, load_failures)."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import pyfiles

    vdir = os.path.abspath(os.path.join(root, "migrations", "versions"))
    finder = _StubFinder()
    sys.meta_path.append(finder)
    _StubState.strict = False
    load_fail = {}
    try:
        # each script alone first: one that fails to import is replaced by a placeholder
        for fn in files:
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    pyfiles.load_python_file(vdir, fn)
            except BaseException as e:  # noqa: B902 - SystemExit from a script is a failure too
                h = read_headers(os.path.join(vdir, fn))
                err = exc_text(e)
                loc = where_in_scripts(e.__traceback__, vdir) or fn
                load_fail[fn] = {"error": err, "where": loc}
                with open(os.path.join(vdir, fn), "w") as f:
                    f.write(
                        PLACEHOLDER.format(
                            err=err,
                            revision=h.get("revision"),
                            down_revision=h.get("down_revision"),
                            branch_labels=h.get("branch_labels"),
                            depends_on=h.get("depends_on"),
                        )
                    )
        cfg = Config(os.path.join(root, "alembic.ini"))
        cwd = os.getcwd()
        os.chdir(root)
        sd = ScriptDirectory.from_config(cfg)
        revmap = sd.revision_map
        revs = list(sd.walk_revisions())
    except BaseException as e:  # noqa: B902
        sys.meta_path.remove(finder)
        return None, load_fail, "Alembic cannot read the graph: " + exc_text(e)
    # command.* asks ScriptDirectory.from_config each time; give it the loaded one
    orig_from_config = ScriptDirectory.from_config
    ScriptDirectory.from_config = classmethod(lambda cls, config: sd)
    _StubState.strict = True
    steps = []
    signal.signal(signal.SIGALRM, _alarm)
    try:
        for sc in reversed(revs):
            downs = sc._versioned_down_revisions or ()
            down = downs[0] if downs else "base"
            for direction, rng in (
                ("upgrade", "%s:%s" % (down, sc.revision)),
                ("downgrade", "%s:%s" % (sc.revision, down)),
            ):
                rec = {
                    "rev": sc.revision,
                    "file": os.path.basename(sc.path),
                    "direction": direction,
                    "range": rng,
                    "merge": len(downs) > 1,
                }
                buf = io.StringIO()
                cfg.output_buffer = buf
                signal.alarm(STEP_TIMEOUT)
                try:
                    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
                        getattr(command, direction)(cfg, rng, sql=True)
                    rec["alembic_ok"] = True
                    rec["alembic_sql"] = buf.getvalue()
                except BaseException as e:  # noqa: B902
                    rec["alembic_ok"] = False
                    npc = find_cause(e, NeedsProjectCode)
                    if npc is not None:
                        rec["alembic_needs_project_code"] = str(npc)
                    rec["alembic_error"] = exc_text(e)
                    rec["alembic_where"] = where_in_scripts(e.__traceback__, vdir)
                    if os.path.basename(sc.path) in load_fail:
                        rec["alembic_load_failed"] = True
                finally:
                    signal.alarm(0)
                steps.append(rec)
    finally:
        ScriptDirectory.from_config = orig_from_config
        sys.meta_path.remove(finder)
        os.chdir(cwd)
    return steps, load_fail, None


def run_retort(root, retort_bin, rec):
    direction, rng = rec["direction"], rec["range"]
    try:
        p = subprocess.run(
            [retort_bin, "-q", direction, rng, "--sql"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
            env=dict(os.environ, RETORT_URL="", DATABASE_URL=""),
        )
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return -1, "", "measure: retort took more than %ds" % STEP_TIMEOUT


def cmd_run(name, dialect, versions_src, out_dir, retort_bin):
    versions_src = os.path.abspath(versions_src)
    files = sorted(
        f
        for f in os.listdir(versions_src)
        if f.endswith(".py") and not f.startswith("__init__") and not f.startswith(".#")
    )
    work = os.path.join(out_dir, name)
    shutil.rmtree(work, ignore_errors=True)
    a_root, r_root = os.path.join(work, "alembic-project"), os.path.join(work, "retort-project")
    make_project(a_root, dialect, versions_src, files)
    # retort's audit trail would add its own table to every step's SQL; measured separately
    history = os.environ.get("MEASURE_HISTORY_TABLE", "false")
    extra = "" if history == "default" else "history_table = %s\n" % history
    # e.g. MEASURE_RETORT_INI="python_scripts = never" to measure the embedded interpreter alone
    extra += "".join(ln.strip() + "\n" for ln in os.environ.get("MEASURE_RETORT_INI", "").split(";") if ln.strip())
    make_project(r_root, dialect, versions_src, files, extra)
    missing_imports = {fn: missing_imports_of(os.path.join(versions_src, fn)) for fn in files}
    steps, load_fail, fatal = run_alembic(a_root, files, versions_src)
    if steps is None:
        # no graph from Alembic: take it from the headers so retort is still measured
        steps = []
        for fn in files:
            h = read_headers(os.path.join(versions_src, fn))
            d = h.get("down_revision")
            downs = (d,) if isinstance(d, str) else tuple(d or ())
            down = downs[0] if downs else "base"
            for direction, rng in (
                ("upgrade", "%s:%s" % (down, h.get("revision"))),
                ("downgrade", "%s:%s" % (h.get("revision"), down)),
            ):
                steps.append(
                    {"rev": h.get("revision"), "file": fn, "direction": direction, "range": rng,
                     "merge": len(downs) > 1, "alembic_ok": False, "alembic_error": fatal,
                     "alembic_where": None}
                )
    subprocess.run([retort_bin, "-q", "heads"], cwd=r_root, capture_output=True)
    with ThreadPoolExecutor(max_workers=int(os.environ.get("MEASURE_JOBS", "2"))) as ex:
        results = list(ex.map(lambda r: run_retort(r_root, retort_bin, r), steps))
    for rec, (rc, out, err) in zip(steps, results):
        rec["imports_missing"] = missing_imports.get(rec["file"], [])
        rec["retort_ok"] = rc == 0
        if rc == 0:
            rec["retort_sql"] = out
        else:
            rec["retort_error"] = err.strip() or ("exit status %d" % rc)
            rec["retort_partial_stdout"] = out[-2000:]
    with open(os.path.join(work, "steps.jsonl"), "w") as f:
        meta = {"meta": True, "name": name, "dialect": dialect, "scripts": len(files),
                "alembic_graph_error": fatal, "alembic_import_failures": load_fail,
                "missing_modules": dict(_StubState.missing)}
        f.write(json.dumps(meta) + "\n")
        for rec in steps:
            f.write(json.dumps(rec) + "\n")
    print("%s: %d scripts, %d steps" % (name, len(files), len(steps)), file=sys.stderr)


# ---------------------------------------------------------------- report


def norm_lines(sql, drop_txn=False):
    """Trailing whitespace off every line, blank lines dropped. Nothing else.

    drop_txn also drops BEGIN; and COMMIT; lines (the looser comparison that
    shows what differs besides retort running SQLite DDL in a transaction)."""
    lines = [ln.rstrip() for ln in sql.splitlines() if ln.strip()]
    if drop_txn:
        lines = [ln for ln in lines if ln not in ("BEGIN;", "COMMIT;")]
    return lines


def norm_ws(sql):
    """All runs of whitespace as one space (the looser second comparison)."""
    return " ".join(sql.split())


def statements(lines):
    out, cur = [], []
    for ln in lines:
        if ln.startswith("--") and not cur:
            continue
        cur.append(ln)
        if ln.endswith(";"):
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


MESSAGE_SUBS = [
    (re.compile(r"/\S*/versions/"), ""),
    (re.compile(r"\b[\w.-]+\.py:\d+(:\d+)?"), "FILE:LINE"),
    (re.compile(r"\b[\w.-]+\.py\b"), "FILE"),
    (re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|`[^`\n]*`"), "Q"),
    (re.compile(r"\b[0-9a-f]{8,40}\b"), "REV"),
    (re.compile(r"\b\d+\b"), "N"),
]


def error_pattern(msg, keep_quotes=False):
    lines = [ln for ln in msg.splitlines() if ln.strip()]
    first = lines[0] if lines else msg
    # prefer the line that says what failed over context lines
    for ln in lines:
        if re.search(r"\.py:\d+", ln):
            first = ln
            break
    p = re.split(r" \(retort runs scripts in a sandbox| Traceback", first)[0]
    for rx, rep in MESSAGE_SUBS:
        if keep_quotes and rep == "Q":
            continue
        p = rx.sub(rep, p)
    return p.strip()[:160]


def error_where(msg):
    m = re.search(r"([\w.-]+\.py:\d+)", msg)
    return m.group(1) if m else None


def first_difference(a_sql, r_sql):
    a, r = statements(norm_lines(a_sql, True)), statements(norm_lines(r_sql, True))
    for i in range(max(len(a), len(r))):
        x = a[i] if i < len(a) else "(nothing)"
        y = r[i] if i < len(r) else "(nothing)"
        if x != y:
            return x, y
    return None, None


UUID_RX = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MYSQL_OPTS_RX = re.compile(r"\)((?:\s*(?:DEFAULT )?\w+=\w+)+);$")
SCHEMA_INDEX_RX = re.compile(r"INDEX ix_(\w+?)_(\w+) ON \1\.")


def without_schema_index_names(lines):
    return sorted(SCHEMA_INDEX_RX.sub(r"INDEX ix_\2 ON \1.", ln) for ln in lines)


def known_difference(x, y):
    """Name the causes of difference seen on real projects; None when it is none of them."""
    if UUID_RX.sub("UUID", x) == UUID_RX.sub("UUID", y):
        return "random values (uuid4() in the script) differ run to run"
    mx, my = MYSQL_OPTS_RX.search(x), MYSQL_OPTS_RX.search(y)
    if mx and my and x[: mx.start()] == y[: my.start()] and sorted(mx.group(1).split()) == sorted(my.group(1).split()):
        return "MySQL table options in another order (SQLAlchemy 1.4 orders them by string hash: varies run to run)"
    if sorted(mx.group(1).replace("DEFAULT ", "DEFAULT_").split() if mx else []) == sorted(
            my.group(1).replace("DEFAULT ", "DEFAULT_").split() if my else [1]) and x[: mx.start()] == y[: my.start()]:
        return "MySQL table options in another order (SQLAlchemy 1.4 orders them by string hash: varies run to run)"
    ix = re.search(r"INDEX (\w+) ON (\w+)\.(\w+)", x)
    iy = re.search(r"INDEX (\w+) ON (\w+)\.(\w+)", y)
    if ix and iy and ix.group(1) != iy.group(1) and ix.group(1) == iy.group(1).replace("ix_", "ix_%s_" % ix.group(2), 1):
        return "index named without the schema (SQLAlchemy: ix_<schema>_<table>_<column>)"
    if re.sub(r"\bSERIAL\b", "INTEGER", y).replace(" AUTO_INCREMENT", "") == x:
        return "SERIAL / AUTO_INCREMENT on an integer primary key that SQLAlchemy does not autoincrement"
    if re.sub(r" IF (NOT )?EXISTS", "", y) == x:
        return "IF [NOT] EXISTS from if_exists/if_not_exists (Alembic 1.8 ignores those keywords)"
    if "CHECK" in x and x.rstrip(";").startswith(y.rstrip(";")):
        return "CheckConstraint given to add_column's column dropped"
    if "NOT NULL CHECK (" in x and "NOT NULL CHECK (" not in y and "CHECK (" in y:
        return "column-level CHECK rendered as a table-level constraint"
    if re.sub(r"[()]", "", x) == re.sub(r"[()]", "", y):
        return "parentheses: AND inside OR parenthesised where SQLAlchemy does not"
    if re.sub(r"SET (\w+)=(\w+)\.(\w+)", r"SET \1=\3", x) == y:
        return "UPDATE ... SET a=<table>.b rendered without the table"
    if x.replace(" NOT NULL", "") == y.replace(" NOT NULL", ""):
        return "NOT NULL on a column the script leaves nullable"
    return None


def diff_pattern(x, y):
    known = known_difference(x, y)
    if known:
        return known

    def head(s):
        words = re.findall(r"[A-Za-z_]+", s)
        kw = [w for w in words if w.isupper()][:3]
        return " ".join(kw) or s[:20]

    return "%s / %s" % (head(x), head(y))


def cmd_report(dirs):
    projects = []
    for d in dirs:
        for dp, dn, fns in os.walk(d):
            if "steps.jsonl" in fns:
                with open(os.path.join(dp, "steps.jsonl")) as f:
                    lines = [json.loads(ln) for ln in f]
                projects.append((lines[0], lines[1:]))
    projects.sort(key=lambda p: p[0]["name"])
    rows = []
    tot = Counter()
    fail_groups = defaultdict(list)
    diff_groups = defaultdict(list)
    npc_modules = Counter()
    import_modules = Counter()
    alembic_other = defaultdict(list)
    for meta, steps in projects:
        c = Counter()
        c["scripts"] = meta["scripts"]
        c["import_fail"] = len(meta["alembic_import_failures"])
        for s in steps:
            d = s["direction"][0]  # u / d
            if s["alembic_ok"]:
                c[d + "_alembic"] += 1
            elif s.get("alembic_needs_project_code") or "NeedsProjectCode" in (s.get("alembic_error") or ""):
                c[d + "_npc"] += 1
                m = re.search(r"uses ([\w]+)", s.get("alembic_needs_project_code") or s["alembic_error"])
                npc_modules[m.group(1) if m else "?"] += 1
            else:
                alembic_other[error_pattern(s.get("alembic_error") or "", keep_quotes=True)].append((meta["name"], s))
            if s["retort_ok"]:
                c[d + "_retort"] += 1
            if s["alembic_ok"] and not s["retort_ok"]:
                m = re.search(r"unsupported import: (\w+)|No module named '(\w+)", s["retort_error"])
                if m and (m.group(1) or m.group(2)) in s.get("imports_missing", []):
                    # Alembic ran it only because the stand-in went unused
                    c[d + "_retort_fail_imports"] += 1
                    for m in s["imports_missing"]:
                        import_modules[m] += 1
                else:
                    fail_groups[error_pattern(s["retort_error"])].append((meta["name"], s))
            if s["alembic_ok"] and s["retort_ok"]:
                c[d + "_both"] += 1
                if norm_lines(s["alembic_sql"]) == norm_lines(s["retort_sql"]):
                    c[d + "_same"] += 1
                else:
                    if norm_ws(s["alembic_sql"]) == norm_ws(s["retort_sql"]):
                        c[d + "_samews"] += 1
                    if norm_lines(s["alembic_sql"], True) == norm_lines(s["retort_sql"], True):
                        c[d + "_sametxn"] += 1
                        diff_groups["only BEGIN; / COMMIT; around the step"].append(
                            (meta["name"], s, "(no BEGIN;)", "BEGIN;"))
                        continue
                    if sorted(norm_lines(s["alembic_sql"], True)) == sorted(norm_lines(s["retort_sql"], True)):
                        # Alembic creates a table's indexes in set order, which varies run to run;
                        # print() output lands between statements under Alembic
                        x, y = first_difference(s["alembic_sql"], s["retort_sql"])
                        r_first = norm_lines(s["retort_sql"])[:1]
                        if r_first and not re.match(r"(BEGIN;|--|[A-Z]+ )", r_first[0]):
                            why = "print() output written before the step's SQL, not between its statements"
                        else:
                            why = "same statements in another order (a table's indexes: Alembic iterates a set)"
                        diff_groups[why].append((meta["name"], s, x, y))
                        continue
                    x, y = first_difference(s["alembic_sql"], s["retort_sql"])
                    if without_schema_index_names(norm_lines(s["alembic_sql"], True)) == sorted(
                            norm_lines(s["retort_sql"], True)):
                        diff_groups[known_difference("INDEX ix_s_t_c ON s.t", "INDEX ix_t_c ON s.t")].append(
                            (meta["name"], s, x, y))
                        continue
                    diff_groups[diff_pattern(x or "", y or "")].append((meta["name"], s, x, y))
            if not s["alembic_ok"] and s["retort_ok"]:
                c[d + "_retort_only"] += 1
        by_file = defaultdict(list)
        for st in steps:
            by_file[st["file"]].append(st)
        for fn, sts in by_file.items():
            ran = [st for st in sts if st["alembic_ok"]]
            if not ran:
                continue
            c["s_alembic"] += 1
            if all(st["retort_ok"] for st in ran):
                c["s_retort"] += 1
                if all(norm_lines(st["alembic_sql"]) == norm_lines(st["retort_sql"]) for st in ran):
                    c["s_same"] += 1
                if all(norm_lines(st["alembic_sql"], True) == norm_lines(st["retort_sql"], True) for st in ran):
                    c["s_sametxn"] += 1
        rows.append((meta, c))
        tot.update(c)

    def pct(a, b):
        return "%d%%" % round(100.0 * a / b) if b else "-"

    out = []
    w = out.append
    w("| project | dialect | scripts | up: Alembic | up: retort | up: both | up: identical SQL | "
      "down: Alembic | down: retort | down: both | down: identical SQL | identical but BEGIN/COMMIT (up/down) | "
      "Alembic needs project code (up/down) | retort fails on an import of a missing module (up/down) |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for meta, c in rows + [({"name": "**all**", "dialect": ""}, tot)]:
        w("| %s | %s | %d | %d | %d (%s) | %d | %d (%s) | %d | %d (%s) | %d | %d (%s) | %d/%d | %d/%d | %d/%d |" % (
            meta["name"], meta["dialect"], c["scripts"],
            c["u_alembic"], c["u_retort"], pct(c["u_retort"] - c["u_retort_only"], c["u_alembic"]),
            c["u_both"], c["u_same"], pct(c["u_same"], c["u_both"]),
            c["d_alembic"], c["d_retort"], pct(c["d_retort"] - c["d_retort_only"], c["d_alembic"]),
            c["d_both"], c["d_same"], pct(c["d_same"], c["d_both"]),
            c["u_sametxn"], c["d_sametxn"],
            c["u_npc"], c["d_npc"], c["u_retort_fail_imports"], c["d_retort_fail_imports"]))
    w("")
    ua, da = tot["u_alembic"], tot["d_alembic"]
    ub = tot["u_retort"] - tot["u_retort_only"]
    db = tot["d_retort"] - tot["d_retort_only"]
    w("Overall, of the steps Alembic runs retort runs %s up and %s down; leaving out the steps where "
      "retort stops at an import of a module this Python lacks, %s up and %s down. Identical SQL on "
      "%s up and %s down of the steps both run; %s and %s once BEGIN;/COMMIT; lines are ignored." % (
          pct(ub, ua), pct(db, da),
          pct(ub, ua - tot["u_retort_fail_imports"]), pct(db, da - tot["d_retort_fail_imports"]),
          pct(tot["u_same"], tot["u_both"]), pct(tot["d_same"], tot["d_both"]),
          pct(tot["u_same"] + tot["u_sametxn"], tot["u_both"]),
          pct(tot["d_same"] + tot["d_sametxn"], tot["d_both"])))
    w("")
    w("By script: Alembic runs at least one step of %d of the %d scripts; retort runs every step "
      "Alembic runs of %d of those (%s); identical SQL in every such step for %d (%s), %d (%s) ignoring "
      "BEGIN;/COMMIT;." % (
          tot["s_alembic"], tot["scripts"], tot["s_retort"], pct(tot["s_retort"], tot["s_alembic"]),
          tot["s_same"], pct(tot["s_same"], tot["s_alembic"]),
          tot["s_sametxn"], pct(tot["s_sametxn"], tot["s_alembic"])))
    w("")
    w("Percentages: retort's column is the share of the steps Alembic runs that retort also runs; "
      "the identical column is the share of the steps both run. Steps retort runs where Alembic "
      "fails: %d up, %d down. Of the differing steps, %d up and %d down are the same once all "
      "whitespace is collapsed." % (tot["u_retort_only"], tot["d_retort_only"], tot["u_samews"], tot["d_samews"]))
    w("")
    w("### Where retort fails and Alembic runs (steps, by message pattern)")
    w("")
    w("Not counting the steps where retort stops at the import of a module this Python lacks "
      "(last column above: Alembic ran them because the stand-in went unused; with the project "
      "installed it would import the real one). Those modules, by steps: " +
      ", ".join("%s %d" % kv for kv in import_modules.most_common()))
    w("")
    w("| steps | scripts | pattern | example |")
    w("|---:|---:|---|---|")
    for pat, items in sorted(fail_groups.items(), key=lambda kv: -len(kv[1]))[:25]:
        name, s = items[0]
        where = error_where(s["retort_error"]) or s["file"]
        first = [ln for ln in s["retort_error"].splitlines() if ln.strip()]
        w("| %d | %d | `%s` | %s/%s (%s): `%s` |" % (
            len(items), len({(n, x["file"]) for n, x in items}), pat.replace("|", "\\|"),
            name, where, s["direction"], (" ".join(first)[:220]).replace("|", "\\|")))
    w("")
    w("### Where the SQL differs (steps, by first differing statement)")
    w("")
    for pat, items in sorted(diff_groups.items(), key=lambda kv: -len(kv[1]))[:25]:
        name, s, x, y = items[0]
        w("- **%d steps** (%d scripts) `%s` — e.g. %s/%s %s:" % (
            len(items), len({(n, i["file"]) for n, i, _, _ in items}),
            pat, name, s["file"], s["direction"]))
        w("")
        w("  ```diff")
        for ln in (x or "").splitlines()[:12]:
            w("  - " + ln)
        for ln in (y or "").splitlines()[:12]:
            w("  + " + ln)
        w("  ```")
    w("")
    w("### Where Alembic itself fails (not counted against retort)")
    w("")
    w("Needs project code (a module this Python lacks, used while the step runs), steps by module: " +
      ", ".join("%s %d" % kv for kv in npc_modules.most_common()))
    w("")
    w("| steps | pattern | example |")
    w("|---:|---|---|")
    for pat, items in sorted(alembic_other.items(), key=lambda kv: -len(kv[1]))[:15]:
        name, s = items[0]
        w("| %d | `%s` | %s/%s |" % (len(items), pat.replace("|", "\\|"), name,
                                   s.get("alembic_where") or s["file"]))
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "run" and len(sys.argv) == 7:
        cmd_run(*sys.argv[2:])
    elif len(sys.argv) >= 3 and sys.argv[1] == "report":
        cmd_report(sys.argv[2:])
    else:
        sys.exit(__doc__)
