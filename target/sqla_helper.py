# retort's SQLAlchemy helper: runs a project's env.py (or imports its
# target metadata directly), dumps the metadata as one JSON document and then
# answers include_name / include_object questions.
#
# Protocol. The first stdin line (read by the bootstrap) carries this source
# and the request. The helper answers with one JSON line on the process's
# original stdout; everything the project prints goes to stderr instead.
# After that, every stdin line {"objects": [...]} gets one line back
# {"ok": true, "include": [bool, ...]}; the helper exits when stdin closes.
#
# It works with SQLAlchemy 1.4 and 2.0 on Python 3.9+ and needs nothing else.

import configparser
import contextlib
import importlib
import importlib.util
import json
import os
import re
import sys
import traceback
import types


_HELPER_FILE = "retort_sqla_helper.py"


def _tail(n=12):
    """The current exception's traceback without the helper's own frames."""
    etype, evalue, tb = sys.exc_info()
    frames = [
        f
        for f in traceback.extract_tb(tb)
        if os.path.basename(f.filename) != _HELPER_FILE and not f.filename.startswith("<frozen")
    ]
    if not frames:
        # The message already says it all.
        return ""
    text = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
    text += "".join(traceback.format_exception_only(etype, evalue))
    lines = [ln for ln in text.rstrip().splitlines() if ln.strip()]
    return "\n".join(lines[-n:])


class _Protocol:
    """The JSON line channel, kept apart from the project's own stdio."""

    def __init__(self):
        self.out = os.fdopen(os.dup(1), "wb")
        self.inp = os.fdopen(os.dup(0), "rb")
        # The project's prints and reads must not touch the channel.
        os.dup2(2, 1)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        sys.stdout = sys.stderr
        sys.stdin = open(os.devnull, "r")

    def send(self, doc):
        data = json.dumps(doc, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
        self.out.write(data.encode("ascii") + b"\n")
        self.out.flush()

    def receive(self):
        line = self.inp.readline()
        if not line:
            return None
        return json.loads(line.decode("utf-8"))


def _error(what):
    evalue = sys.exc_info()[1]
    msg = what
    if evalue is not None:
        msg = "%s: %s: %s" % (what, type(evalue).__name__, evalue)
    return {"ok": False, "error": {"message": msg, "traceback": _tail()}}


# ---------------------------------------------------------------- config


class _Config:
    """The part of alembic.config.Config that env.py files use."""

    def __init__(self, req):
        self.config_file_name = req.get("config_path") or None
        self.config_ini_section = req.get("section") or "alembic"
        self.config_args = {}
        self.attributes = {}
        self.cmd_opts = types.SimpleNamespace(x=list(req.get("x_args") or []), autogenerate=True)
        self.output_buffer = None
        self.stdout = sys.stdout
        here = os.path.dirname(os.path.abspath(self.config_file_name)) if self.config_file_name else os.getcwd()
        self.file_config = configparser.ConfigParser({"here": here})
        if self.config_file_name and os.path.exists(self.config_file_name):
            try:
                self.file_config.read([self.config_file_name])
            except configparser.Error:
                # A file Python's parser rejects still has its main options,
                # which arrive already parsed.
                self.file_config = configparser.ConfigParser({"here": here})
        if not self.file_config.has_section(self.config_ini_section):
            self.file_config.add_section(self.config_ini_section)
        for k, v in sorted((req.get("main_options") or {}).items()):
            # The values arrive interpolated; escape them so ConfigParser
            # gives them back unchanged.
            self.file_config.set(self.config_ini_section, k, v.replace("%", "%%"))

    def get_main_option(self, name, default=None):
        return self.get_section_option(self.config_ini_section, name, default)

    def set_main_option(self, name, value):
        self.set_section_option(self.config_ini_section, name, value)

    def remove_main_option(self, name):
        self.file_config.remove_option(self.config_ini_section, name)

    def get_section(self, name, default=None):
        if not self.file_config.has_section(name):
            return default
        return dict(self.file_config.items(name))

    def get_section_option(self, section, name, default=None):
        if not self.file_config.has_section(section):
            raise configparser.NoSectionError(section)
        if self.file_config.has_option(section, name):
            return self.file_config.get(section, name)
        return default

    def set_section_option(self, section, name, value):
        if not self.file_config.has_section(section):
            self.file_config.add_section(section)
        self.file_config.set(section, name, value)

    def print_stdout(self, text, *arg):
        sys.stderr.write((text % arg if arg else text) + "\n")

    def get_template_directory(self):
        return ""


# --------------------------------------------------------------- context


class _Recorder:
    def __init__(self, config, x_args):
        self.config = config
        self.x_args = x_args
        self.kwargs = None


def _make_context_module(rec):
    mod = types.ModuleType("alembic.context")
    mod.__doc__ = "retort's stand-in for alembic.context while reading the models"
    mod.config = rec.config
    mod.script = None

    def configure(**kw):
        if rec.kwargs is None:
            rec.kwargs = {}
        rec.kwargs.update(kw)

    def get_x_argument(as_dictionary=False):
        if not as_dictionary:
            return list(rec.x_args)
        out = {}
        for a in rec.x_args:
            k, sep, v = a.partition("=")
            out[k] = v if sep else ""
        return out

    def get_tag_argument():
        return None

    def get_revision_argument():
        return "head"

    def get_starting_revision_argument():
        return None

    def get_context():
        return None

    def get_bind():
        return None

    def get_impl():
        return None

    def execute(sql, execution_options=None):
        return None

    mod.configure = configure
    mod.is_offline_mode = lambda: True
    mod.is_transactional_ddl = lambda: False
    mod.begin_transaction = lambda: contextlib.nullcontext()
    mod.run_migrations = lambda **kw: None
    mod.get_x_argument = get_x_argument
    mod.get_tag_argument = get_tag_argument
    mod.get_revision_argument = get_revision_argument
    mod.get_starting_revision_argument = get_starting_revision_argument
    mod.get_context = get_context
    mod.get_bind = get_bind
    mod.get_impl = get_impl
    mod.execute = execute
    mod.static_output = lambda text: None
    return mod


def _install_context(mod):
    # A package module of our own stands in for alembic: its submodules
    # (alembic.op, alembic.script, ...) still load from the real package when
    # one is installed, without paying for alembic/__init__.py, which
    # imports most of Alembic.
    for name in [n for n in sys.modules if n == "alembic" or n.startswith("alembic.")]:
        del sys.modules[name]
    alembic = types.ModuleType("alembic")
    alembic.__path__ = []
    alembic.__version__ = "0"
    try:
        spec = importlib.util.find_spec("alembic")
    except Exception:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        alembic.__path__ = list(spec.submodule_search_locations)
        alembic.__file__ = spec.origin
        try:
            with open(spec.origin, encoding="utf-8") as f:
                m = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", f.read())
            if m:
                alembic.__version__ = m.group(1)
        except Exception:
            pass
    sys.modules["alembic"] = alembic
    alembic.context = mod
    sys.modules["alembic.context"] = mod


# ----------------------------------------------------------------- paths


def _prepend_sys_path(value, base):
    # Alembic splits on commas and spaces (and the path separator); relative
    # entries are taken from the config file's directory.
    if not value:
        return
    paths = []
    for p in re.split(r", *| +|" + re.escape(os.pathsep), value):
        p = p.strip()
        if not p:
            continue
        if not os.path.isabs(p):
            p = os.path.join(base, p)
        paths.append(os.path.normpath(p))
    sys.path[0:0] = paths


def _run_env_py(path):
    name = re.sub(r"\W", "_", os.path.basename(path))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def _import_target(ref):
    modname, sep, attr = ref.partition(":")
    if not sep or not modname or not attr:
        raise ValueError("target metadata %r is not of the form package.module:attribute" % ref)
    obj = importlib.import_module(modname)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


# ---------------------------------------------------------- SQL rendering


def _dialect_for(name, url):
    from sqlalchemy.engine import default

    if not name and url:
        scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
        name = {"postgres": "postgresql", "mariadb": "mysql"}.get(scheme, scheme)
    if name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return name, postgresql.dialect()
    if name == "mysql":
        from sqlalchemy.dialects import mysql

        return name, mysql.dialect()
    if name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return name, sqlite.dialect()
    return "", default.DefaultDialect()


class _SQL:
    def __init__(self, dialect):
        self.dialect = dialect
        self.ddl = dialect.ddl_compiler(dialect, None)

    def expr(self, e):
        from sqlalchemy.sql import elements

        if isinstance(e, str):
            return e
        if isinstance(e, elements.TextClause):
            return e.text
        return str(self.ddl.sql_compiler.process(e, include_table=False, literal_binds=True))

    def type_ddl(self, t):
        try:
            return str(t.compile(dialect=self.dialect))
        except Exception:
            return ""

    def name(self, obj):
        """The final name of a constraint or index and whether it is conv."""
        from sqlalchemy.sql import elements, naming

        n = obj.name
        if n is None:
            return "", False
        # The "to be named by the convention" marker; sqlalchemy.sql.naming
        # imports it under this name in 1.4 and 2.0 alike.
        if n is getattr(naming, "_NONE_NAME", None):
            try:
                final = self.dialect.identifier_preparer.format_constraint(obj, _alembic_quote=False)
            except Exception:
                final = None
            return (str(final), True) if final is not None else ("", False)
        return str(n), isinstance(n, elements.conv)


# ------------------------------------------------------------ type render


def _has_variants(t):
    from sqlalchemy.sql import type_api

    variant = getattr(type_api, "Variant", None)
    if variant is not None and isinstance(t, variant) and hasattr(t, "mapping"):
        return True
    try:
        return bool(getattr(t, "_variant_mapping", None))
    except Exception:
        return False


def _variant_parts(t):
    if hasattr(t, "mapping") and hasattr(t, "impl") and type(t).__name__ == "Variant":
        return t.impl, dict(t.mapping)
    return t, dict(t._variant_mapping)


def _dialect_module(t):
    m = re.match(r"sqlalchemy\.dialects\.(\w+)", type(t).__module__)
    return m.group(1) if m else None


class _TypeRender:
    """Renders a type as Alembic's autogenerate writes it in a script."""

    def __init__(self, user_prefix):
        self.user_prefix = user_prefix
        # docs memoizes _type_doc by _type_key: the documents are never
        # changed once made, so equal types may share one.
        self.docs = {}

    def render(self, t, imports, skip_variants=False):
        mod = type(t).__module__
        dname = _dialect_module(t)
        if dname:
            imports.add("from sqlalchemy.dialects import %s" % dname)
            if dname == "postgresql":
                sub = self._pg_subtype(t, imports)
                if sub:
                    return sub
            return "%s.%r" % (dname, t)
        if mod.startswith("sqlalchemy."):
            if not skip_variants and _has_variants(t):
                base, mapping = _variant_parts(t)
                out = self.render(base, imports, skip_variants=True)
                for d in sorted(mapping):
                    out += ".with_variant(%s, %r)" % (self.render(mapping[d], imports, skip_variants=True), d)
                return out
            if getattr(t, "__visit_name__", "") == "ARRAY":
                sub = self._subtype(t, imports, "item_type", "sa.")
                if sub:
                    return sub
            return "sa.%r" % (t,)
        if self.user_prefix is None:
            imports.add("import %s" % mod)
            return "%s.%r" % (mod, t)
        return "%s%r" % (self.user_prefix, t)

    def _pg_subtype(self, t, imports):
        attr = {"ARRAY": "item_type", "HSTORE": "text_type", "JSON": "astext_type", "JSONB": "astext_type"}.get(
            getattr(t, "__visit_name__", "").upper()
        )
        if attr is None:
            return None
        return self._subtype(t, imports, attr, "postgresql.")

    def _subtype(self, t, imports, attr, prefix):
        inner = getattr(t, attr, None)
        if inner is None:
            return None
        outer = repr(t)
        inner_repr = repr(inner)
        if inner_repr not in outer:
            return None
        return prefix + outer.replace(inner_repr, self.render(inner, imports), 1)


def _int_or_none(v):
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _type_key(t):
    """A key under which equal types share one document, or None.

    A thousand-table model has thousands of Integer() and String(50)
    instances; compiling and rendering each alone is most of the dump.
    """
    try:
        key = (type(t), tuple(sorted(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in vars(t).items())))
        hash(key)
        return key
    except TypeError:
        return None


def _type_doc(t, sql, render):
    key = _type_key(t)
    if key is not None:
        doc = render.docs.get(key)
        if doc is None:
            doc = render.docs[key] = _new_type_doc(t, sql, render)
        return doc
    return _new_type_doc(t, sql, render)


def _new_type_doc(t, sql, render):
    from sqlalchemy import types as satypes

    imports = set()
    doc = {"python": render.render(t, imports), "ddl": sql.type_ddl(t)}
    # The dialect modules are the script template's business; report the rest.
    doc["imports"] = sorted(i for i in imports if not i.startswith("from sqlalchemy.dialects import"))
    base = t
    if _has_variants(t):
        base, mapping = _variant_parts(t)
        doc["variants"] = {d: _type_doc(v, sql, render) for d, v in sorted(mapping.items())}
    if isinstance(base, satypes.TypeDecorator):
        doc["decorator"] = "%s.%s" % (type(base).__module__, type(base).__name__)
        try:
            base = base.load_dialect_impl(sql.dialect)
        except Exception:
            base = base.impl
        if isinstance(base, type):
            base = base()
    _structured(base, doc, sql, render)
    return doc


def _structured(t, doc, sql, render):
    doc["kind"] = type(t).__name__
    doc["dialect"] = _dialect_module(t) or ""
    for attr in ("length", "precision", "scale"):
        v = _int_or_none(getattr(t, attr, None))
        if v is not None:
            doc[attr] = v
    fsp = _int_or_none(getattr(t, "fsp", None))
    if fsp is not None and "precision" not in doc:
        doc["precision"] = fsp
    for attr in ("timezone", "unsigned"):
        if getattr(t, attr, False) is True:
            doc[attr] = True
    for attr in ("collation", "charset"):
        v = getattr(t, attr, None)
        if isinstance(v, str) and v:
            doc[attr] = v
    as_uuid = getattr(t, "as_uuid", None)
    if isinstance(as_uuid, bool):
        doc["as_uuid"] = as_uuid
    enums = getattr(t, "enums", None)
    if isinstance(enums, (list, tuple)):
        doc["values"] = [str(e) for e in enums]
        doc["enum_name"] = str(t.name) if getattr(t, "name", None) else ""
        doc["native_enum"] = bool(getattr(t, "native_enum", True))
        doc["create_type"] = bool(getattr(t, "create_type", True))
        if doc["native_enum"]:
            # Enum.length sizes the VARCHAR of a non-native enum only.
            doc.pop("length", None)
    if getattr(t, "create_constraint", False) is True:
        doc["create_constraint"] = True
    item = getattr(t, "item_type", None)
    if item is not None and doc["kind"].upper() == "ARRAY":
        if isinstance(item, type):
            item = item()
        sub = {}
        _structured(item, sub, sql, render)
        sub["python"] = render.render(item, set())
        sub["ddl"] = sql.type_ddl(item)
        doc["item"] = sub
        dims = _int_or_none(getattr(t, "dimensions", None))
        if dims:
            doc["dimensions"] = dims


# ----------------------------------------------------------------- dumping


def _dialect_kwargs(obj, sql):
    out = {}
    # SQLAlchemy builds dialect_options only when an object was given
    # dialect keyword arguments; skipping the rest saves most of the cost.
    if "dialect_options" not in getattr(obj, "__dict__", {}):
        return out
    try:
        items = list(obj.dialect_kwargs.items())
    except Exception:
        return out
    for k, v in items:
        if v is None:
            continue
        out[k] = _option_text(v, sql)
    return out


def _option_text(v, sql):
    from sqlalchemy.sql import elements

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (str, int, float)):
        return str(v)
    if isinstance(v, dict):
        return ", ".join("%s=%s" % (_element_name(k), _option_text(x, sql)) for k, x in sorted(v.items(), key=lambda kv: _element_name(kv[0])))
    if isinstance(v, (list, tuple)):
        return ", ".join(_element_name(x) for x in v)
    if isinstance(v, elements.ClauseElement):
        return sql.expr(v)
    return str(v)


def _element_name(x):
    name = getattr(x, "name", None)
    return str(name) if name is not None and not isinstance(x, str) else str(x)


def _column_doc(c, sql, render):
    from sqlalchemy import schema as saschema
    from sqlalchemy.sql import elements

    doc = {
        "name": str(c.name),
        "type": _type_doc(c.type, sql, render),
        "nullable": bool(c.nullable),
        "primary_key": bool(c.primary_key),
    }
    ai = c.autoincrement
    doc["autoincrement"] = {True: "true", False: "false"}.get(ai, str(ai)) if isinstance(ai, bool) else str(ai)
    sd = c.server_default
    if isinstance(sd, saschema.DefaultClause):
        arg = sd.arg
        if isinstance(arg, str):
            doc["server_default"] = {"kind": "literal", "text": arg}
        elif isinstance(arg, elements.TextClause):
            doc["server_default"] = {"kind": "text", "text": arg.text}
        else:
            doc["server_default"] = {"kind": "func", "text": sql.expr(arg)}
    if c.comment is not None:
        doc["comment"] = str(c.comment)
    ident = getattr(c, "identity", None)
    if ident is not None:
        idoc = {"always": bool(ident.always), "on_null": bool(getattr(ident, "on_null", False)), "cycle": bool(getattr(ident, "cycle", False))}
        for attr in ("start", "increment", "minvalue", "maxvalue", "cache"):
            v = _int_or_none(getattr(ident, attr, None))
            if v is not None:
                idoc[attr] = v
        doc["identity"] = idoc
    comp = getattr(c, "computed", None)
    if comp is not None:
        cdoc = {"sqltext": sql.expr(comp.sqltext)}
        if comp.persisted is not None:
            cdoc["persisted"] = bool(comp.persisted)
        doc["computed"] = cdoc
    if isinstance(c.default, saschema.Sequence):
        seq = c.default
        sdoc = {"name": str(seq.name), "schema": str(seq.schema or "")}
        for attr in ("start", "increment"):
            v = _int_or_none(getattr(seq, attr, None))
            if v is not None:
                sdoc[attr] = v
        doc["sequence"] = sdoc
    opts = _dialect_kwargs(c, sql)
    if opts:
        doc["dialect_options"] = opts
    return doc


def _cols(const):
    return [str(c.name) for c in const.columns]


def _constraint_docs(table, sql):
    from sqlalchemy import schema as saschema

    out = []
    for const in table.constraints:
        if isinstance(const, saschema.PrimaryKeyConstraint):
            if not const.columns:
                continue
            name, is_conv = sql.name(const)
            out.append({"kind": "primary_key", "name": name, "conv": is_conv, "columns": _cols(const)})
        elif isinstance(const, saschema.ForeignKeyConstraint):
            name, is_conv = sql.name(const)
            refs = [fk.column for fk in const.elements]
            doc = {
                "kind": "foreign_key",
                "name": name,
                "conv": is_conv,
                "columns": [str(fk.parent.name) for fk in const.elements],
                "ref_schema": str(refs[0].table.schema or "") if refs else "",
                "ref_table": str(refs[0].table.name) if refs else "",
                "ref_columns": [str(r.name) for r in refs],
                "use_alter": bool(const.use_alter),
            }
            for attr in ("ondelete", "onupdate", "initially", "match"):
                v = getattr(const, attr, None)
                if v:
                    doc[attr] = str(v)
            if const.deferrable is not None:
                doc["deferrable"] = bool(const.deferrable)
            out.append(doc)
        elif isinstance(const, saschema.UniqueConstraint):
            name, is_conv = sql.name(const)
            doc = {"kind": "unique", "name": name, "conv": is_conv, "columns": _cols(const)}
            if const.deferrable is not None:
                doc["deferrable"] = bool(const.deferrable)
            if const.initially:
                doc["initially"] = str(const.initially)
            out.append(doc)
        elif isinstance(const, saschema.CheckConstraint):
            # Checks that an Enum or Boolean type makes for itself belong to the type.
            if getattr(const, "_type_bound", False):
                continue
            name, is_conv = sql.name(const)
            out.append({"kind": "check", "name": name, "conv": is_conv, "sqltext": sql.expr(const.sqltext)})
    order = {"primary_key": 0, "foreign_key": 1, "unique": 2, "check": 3}
    out.sort(key=lambda d: (order[d["kind"]], d["name"], d.get("columns", []), d.get("sqltext", ""), d.get("ref_table", "")))
    return out


def _index_docs(table, sql):
    from sqlalchemy import schema as saschema
    from sqlalchemy.sql import operators

    out = []
    for idx in table.indexes:
        name, is_conv = sql.name(idx)
        elems = []
        for e in idx.expressions:
            if isinstance(e, saschema.Column):
                elems.append({"column": str(e.name)})
                continue
            if getattr(e, "modifier", None) is operators.desc_op and isinstance(getattr(e, "element", None), saschema.Column):
                elems.append({"column": str(e.element.name), "desc": True})
                continue
            elems.append({"expr": sql.expr(e)})
        doc = {"name": name, "conv": is_conv, "unique": bool(idx.unique), "elements": elems}
        opts = _dialect_kwargs(idx, sql)
        if opts:
            doc["dialect_options"] = opts
        out.append(doc)
    out.sort(key=lambda d: (d["name"], json.dumps(d["elements"], sort_keys=True)))
    return out


def _convention_doc(md):
    from sqlalchemy import schema as saschema

    short = {
        saschema.Index: "ix",
        saschema.UniqueConstraint: "uq",
        saschema.CheckConstraint: "ck",
        saschema.ForeignKeyConstraint: "fk",
        saschema.PrimaryKeyConstraint: "pk",
    }
    out = {}
    for k, v in md.naming_convention.items():
        key = short.get(k, k) if isinstance(k, type) else k
        if isinstance(key, str) and isinstance(v, str):
            out[key] = v
    return out


def _metadata_doc(mds, sql, render):
    tables = []
    enums = {}
    convention = {}
    # Every table carries its own schema; the merged default is the first's.
    schema = str(mds[0].schema or "")
    for md in mds:
        for k, v in _convention_doc(md).items():
            convention.setdefault(k, v)
        for t in md.tables.values():
            cols = [_column_doc(c, sql, render) for c in t.columns]
            tdoc = {
                "schema": str(t.schema or ""),
                "name": str(t.name),
                "columns": cols,
                "constraints": _constraint_docs(t, sql),
                "indexes": _index_docs(t, sql),
            }
            if t.comment is not None:
                tdoc["comment"] = str(t.comment)
            opts = _dialect_kwargs(t, sql)
            if opts:
                tdoc["dialect_options"] = opts
            tables.append(tdoc)
            for c in t.columns:
                _collect_enum(c.type, t, enums)
    tables.sort(key=lambda d: (d["schema"], d["name"]))
    return {
        "schema": schema,
        "naming_convention": convention,
        "tables": tables,
        "enums": [enums[k] for k in sorted(enums)],
    }


def _collect_enum(t, table, enums):
    from sqlalchemy import types as satypes

    if _has_variants(t):
        t, _ = _variant_parts(t)
    if isinstance(t, satypes.TypeDecorator):
        t = t.impl
    item = getattr(t, "item_type", None)
    if item is not None and not isinstance(item, type):
        _collect_enum(item, table, enums)
    if not isinstance(t, satypes.Enum) or not t.native_enum or not t.name:
        return
    sch = t.schema if t.schema is not None else (table.schema if getattr(t, "inherit_schema", False) else None)
    if sch is None and t.metadata is not None:
        sch = t.metadata.schema
    key = (str(sch or ""), str(t.name))
    enums.setdefault(key, {"schema": key[0], "name": key[1], "values": [str(v) for v in t.enums]})


def _metadatas(value):
    from sqlalchemy import MetaData

    if value is None:
        raise ValueError("target_metadata is None: env.py gave no metadata to compare against")
    if isinstance(value, MetaData):
        return [value]
    if isinstance(value, (list, tuple)) and value and all(isinstance(m, MetaData) for m in value):
        return list(value)
    raise ValueError("target_metadata is a %s, not a MetaData or a sequence of MetaData" % type(value).__name__)


# ----------------------------------------------------------------- filters


_BOOL_KEYS = ("compare_type", "compare_server_default", "render_as_batch", "include_schemas", "transaction_per_migration")
_STR_KEYS = ("version_table", "version_table_schema", "user_module_prefix")


def _configure_doc(kw):
    out = {}
    for k in _BOOL_KEYS:
        v = kw.get(k)
        if v is not None:
            # A custom comparison function turns the comparison on.
            out[k] = True if callable(v) else bool(v)
    for k in _STR_KEYS:
        v = kw.get(k)
        if v is not None:
            out[k] = str(v)
    return out


def _filter_key(o):
    return (o["type"], o.get("schema") or "", o.get("table") or "", o.get("name") or "")


class _Filters:
    def __init__(self, kw, mds):
        self.include_name = kw.get("include_name")
        self.include_object = kw.get("include_object")
        self.mds = mds
        self.light = {}
        self.light_objs = {}

    def _model_table(self, schema, table):
        key = "%s.%s" % (schema, table) if schema else table
        for md in self.mds:
            if key in md.tables:
                return md.tables[key]
        return None

    def _light_table(self, schema, table):
        import sqlalchemy as sa

        key = (schema, table)
        if key not in self.light:
            self.light[key] = sa.Table(table, sa.MetaData(), schema=schema or None)
        return self.light[key]

    def _light(self, o):
        key = _filter_key(o) + (bool(o.get("reflected")),)
        if key not in self.light_objs:
            self.light_objs[key] = self._make_light(o)
        return self.light_objs[key]

    def _make_light(self, o):
        import sqlalchemy as sa

        typ, name, schema = o["type"], o.get("name") or None, o.get("schema") or ""
        if typ == "table":
            return self._light_table(schema, o.get("name", ""))
        t = self._light_table(schema, o.get("table", ""))
        if typ == "column":
            if name in t.c:
                return t.c[name]
            col = sa.Column(name, sa.types.NullType())
            t.append_column(col)
            return col
        if typ == "index":
            return sa.Index(name, _table=t)
        if typ == "unique_constraint":
            c = sa.UniqueConstraint(name=name)
        else:
            c = sa.ForeignKeyConstraint([], [], name=name)
        t.append_constraint(c)
        return c

    def _model(self, o, sql):
        from sqlalchemy import schema as saschema

        typ, name = o["type"], o.get("name", "")
        t = self._model_table(o.get("schema", ""), o.get("name", "") if typ == "table" else o.get("table", ""))
        if t is None or typ == "table":
            return t
        if typ == "column":
            for c in t.columns:
                if c.name == name:
                    return c
            return None
        if typ == "index":
            pool = t.indexes
        elif typ == "unique_constraint":
            pool = [c for c in t.constraints if isinstance(c, saschema.UniqueConstraint)]
        else:
            pool = [c for c in t.constraints if isinstance(c, saschema.ForeignKeyConstraint)]
        for c in pool:
            if name and sql.name(c)[0] == name:
                return c
        return None

    def answer(self, objs, sql):
        out = []
        self.light, self.light_objs = {}, {}
        # A model object's compare_to is its reflected twin, when the batch
        # holds one.
        twins = {_filter_key(o): o for o in objs if o.get("reflected")}
        for o in objs:
            typ, name, schema = o["type"], o.get("name", ""), o.get("schema", "") or None
            reflected = bool(o.get("reflected"))
            ok = True
            if reflected and self.include_name is not None:
                if typ == "schema":
                    parents = {}
                elif typ == "table":
                    parents = {"schema_name": schema}
                else:
                    parents = {"table_name": o.get("table", ""), "schema_name": schema}
                if "schema_name" in parents:
                    tname = name if typ == "table" else parents.get("table_name")
                    if tname:
                        parents["schema_qualified_table_name"] = "%s.%s" % (schema, tname) if schema else tname
                ok = bool(self.include_name(name or None, typ, parents))
            if ok and typ != "schema" and self.include_object is not None:
                model = self._model(o, sql)
                if reflected:
                    obj, other = self._light(o), model
                else:
                    twin = twins.get(_filter_key(o))
                    obj = model if model is not None else self._light(dict(o, reflected=False))
                    other = self._light(twin) if twin is not None else None
                ok = bool(self.include_object(obj, name or None, typ, reflected, other))
            out.append(ok)
        return out


# -------------------------------------------------------------------- main


def main(req):
    sys.dont_write_bytecode = True
    proto = _Protocol()
    stage = ["starting"]
    try:
        result, filters, sql = _phase1(req, stage)
    except BaseException:
        proto.send(_error(stage[0] + " failed"))
        return
    proto.send(result)
    while True:
        try:
            msg = proto.receive()
        except Exception:
            proto.send(_error("reading a filter request failed"))
            return
        if msg is None:
            return
        try:
            proto.send({"ok": True, "include": filters.answer(msg.get("objects") or [], sql)})
        except BaseException:
            proto.send(_error("include_name/include_object failed"))


def _phase1(req, stage):
    config_path = req.get("config_path") or ""
    config_dir = os.path.dirname(os.path.abspath(config_path)) if config_path else os.getcwd()
    main_opts = req.get("main_options") or {}
    if config_dir not in sys.path:
        sys.path.insert(0, config_dir)
    _prepend_sys_path(main_opts.get("prepend_sys_path", ""), config_dir)
    stage[0] = "importing SQLAlchemy with %s" % sys.executable
    import sqlalchemy

    stage[0] = "reading the configuration"
    config = _Config(req)
    rec = _Recorder(config, req.get("x_args") or [])
    initial_url = config.get_main_option("sqlalchemy.url")
    target = req.get("target_metadata") or ""
    if target:
        stage[0] = "importing the target metadata %s" % target
        mds = _metadatas(_import_target(target))
        kw = {}
    else:
        env = os.path.join(req.get("script_location") or "", "env.py")
        stage[0] = "finding env.py"
        if not os.path.exists(env):
            raise FileNotFoundError("no env.py in %s" % (req.get("script_location") or "(no script_location)"))
        stage[0] = "running %s" % env
        _install_context(_make_context_module(rec))
        _run_env_py(env)
        if rec.kwargs is None:
            raise RuntimeError("env.py never called context.configure() in offline mode")
        kw = rec.kwargs
        # target_metadata=None (alembic init's default) is no error here:
        # env.py may still have chosen the URL; Go reports the missing models.
        mds = _metadatas(kw.get("target_metadata")) if kw.get("target_metadata") is not None else None
    stage[0] = "reading the metadata"
    url = config.get_main_option("sqlalchemy.url")
    url_kw = kw.get("url")
    if url_kw is not None:
        url = url_kw.render_as_string(hide_password=False) if hasattr(url_kw, "render_as_string") else str(url_kw)
    dname, dialect = _dialect_for(req.get("dialect") or "", url or "")
    sql = _SQL(dialect)
    render = _TypeRender(kw.get("user_module_prefix"))
    result = {
        "ok": True,
        "sqlalchemy_version": sqlalchemy.__version__,
        "python_version": "%d.%d.%d" % sys.version_info[:3],
        "dialect": dname,
        "configure": _configure_doc(kw),
        "url": url or "",
        "url_changed": (url or "") != (initial_url or ""),
        "has_include_name": callable(kw.get("include_name")),
        "has_include_object": callable(kw.get("include_object")),
        "metadata": _metadata_doc(mds, sql, render) if mds is not None else None,
    }
    return result, _Filters(kw, mds or []), sql
