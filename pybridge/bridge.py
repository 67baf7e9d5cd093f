# retort's Python bridge: runs Alembic migration scripts under the project's
# own interpreter, with the real alembic.op and SQLAlchemy, while retort keeps
# the connection, the transaction, the lock and the version table.
#
# Every statement SQLAlchemy would hand a database driver goes to retort over
# file descriptor 3 as one JSON line; retort answers on standard input. The
# script's own output (print) stays on standard output, warnings on standard
# error. Messages, one JSON object a line:
#   retort -> bridge  {"cmd": "init"|"load"|"run", ...}
#   bridge -> retort  {"req": "exec"|"sql"|"autocommit"|"commit"|"rollback", ...}
#                     while a run works, then {"done": true} or {"error": ...}
import base64
import contextlib
import datetime
import decimal
import json
import os
import re
import sys
import traceback
import types
import uuid

_requests = os.fdopen(3, "w", buffering=1, encoding="utf-8")
_answers = sys.stdin
sys.stdin = open(os.devnull)


class _ScriptOutput:
    """sys.stdout for scripts: print() reaches retort in order with the
    statements, as under Alembic, where both go to the same stream."""

    encoding = "utf-8"

    def write(self, text):
        if text:
            _send({"req": "out", "text": text})
            _check(_receive())
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False


sys.stdout = _ScriptOutput()


def _script_line():
    """The line of the running script that made the current call."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == _state.path:
            return frame.f_lineno
        frame = frame.f_back
    return 0


def _send(msg):
    _requests.write(json.dumps(msg, default=_encode) + "\n")
    _requests.flush()


def _receive():
    line = _answers.readline()
    if not line:
        os._exit(3)  # retort went away: nothing left to answer to
    return json.loads(line, object_hook=_decode)


def _encode(v):
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"$b": base64.b64encode(bytes(v)).decode("ascii")}
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return str(v)  # what the drivers send: ISO text the server parses
    if isinstance(v, (decimal.Decimal, uuid.UUID)):
        return str(v)
    raise TypeError("retort cannot send a %s to the database" % type(v).__name__)


def _decode(d):
    if "$b" in d:
        return base64.b64decode(d["$b"])
    if "$dt" in d:
        return datetime.datetime.fromisoformat(d["$dt"])
    return d


# -- a DB-API 2.0 module whose connection is retort's ----------------------

class Warning(Exception):  # noqa: A001 - the DB-API names
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


class _RetortStatementError(DatabaseError):
    """A statement retort ran failed; retort reports its own error."""


_dbapi = types.ModuleType("retort_dbapi")
for _name in ("Warning", "Error", "InterfaceError", "DatabaseError", "DataError", "OperationalError",
              "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError"):
    setattr(_dbapi, _name, globals()[_name])
_dbapi.apilevel = "2.0"
_dbapi.threadsafety = 1
_dbapi.paramstyle = "format"
_dbapi.Binary = bytes
_dbapi.STRING, _dbapi.BINARY, _dbapi.NUMBER, _dbapi.DATETIME, _dbapi.ROWID = "STRING", "BINARY", "NUMBER", "DATETIME", "ROWID"
_dbapi.sqlite_version_info = (3, 0, 0)
_dbapi.sqlite_version = "3.0.0"


class _Placeholders(dict):
    """Turns pyformat's %(name)s into the driver's positional markers."""

    def __init__(self, params, marker):
        super().__init__()
        self.params, self.marker, self.values, self.numbers = params, marker, [], {}

    def __getitem__(self, key):
        value = self.params[key]
        if self.marker == "$":
            if key not in self.numbers:
                self.values.append(value)
                self.numbers[key] = len(self.values)
            return "$%d" % self.numbers[key]
        self.values.append(value)
        return "?"


def _positional(sql, params, style, dialect):
    """The statement and arguments as retort's Go driver takes them."""
    if params is None:
        return sql, []
    if style == "qmark":
        return sql, list(params)
    marker = "$" if dialect == "postgresql" else "?"
    if isinstance(params, dict):
        holder = _Placeholders(params, marker)
        return sql % holder, holder.values
    params = list(params)
    if marker == "$":
        return sql % tuple("$%d" % (i + 1) for i in range(len(params))), params
    return sql % tuple("?" for _ in params), params


class Cursor:
    arraysize = 1

    def __init__(self, conn):
        self.connection, self.description, self.rowcount, self.lastrowid = conn, None, -1, None
        self._rows = []

    def execute(self, sql, params=None):
        sql, args = _positional(sql, params, self.connection.paramstyle, _state.dialect)
        _send({"req": "exec", "sql": sql, "params": args})
        answer = _receive()
        if "error" in answer:
            self.description, self._rows = None, []
            raise _RetortStatementError(answer["error"])
        columns = answer.get("columns") or []
        self.description = [(c, None, None, None, None, None, None) for c in columns] or None
        self._rows = [tuple(r) for r in answer.get("rows") or []]
        self.rowcount = answer.get("rowcount", -1)
        return self

    def executemany(self, sql, seq):
        total = 0
        for params in seq:
            self.execute(sql, params)
            total += max(self.rowcount, 0)
        self.rowcount = total

    def fetchone(self):
        return self._rows.pop(0) if self._rows else None

    def fetchmany(self, size=None):
        size = size or self.arraysize
        out, self._rows = self._rows[:size], self._rows[size:]
        return out

    def fetchall(self):
        out, self._rows = self._rows, []
        return out

    def close(self):
        self._rows = []

    def setinputsizes(self, *a):
        pass

    def setoutputsize(self, *a):
        pass

    def __iter__(self):
        while self._rows:
            yield self._rows.pop(0)


class Connection:
    def __init__(self, paramstyle):
        self.paramstyle = paramstyle
        self.autocommit = False

    def cursor(self):
        return Cursor(self)

    def commit(self):
        # A script that commits (SQLAlchemy 2.0's connection.commit()) commits
        # the migration's transaction, as under Alembic; retort begins the next.
        _send({"req": "commit"})
        _check(_receive())

    def rollback(self):
        if _state.running:
            _send({"req": "rollback"})
            _check(_receive())

    def close(self):
        pass

    # MySQL's dialect asks the driver's connection for these.
    def get_server_info(self):
        return _state.server_version

    def character_set_name(self):
        return "utf8mb4"


def _check(answer):
    if "error" in answer:
        raise _RetortStatementError(answer["error"])


def _dialect_class(name):
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql.base import PGDialect as base
        style = "format"
    elif name == "mysql":
        from sqlalchemy.dialects.mysql.base import MySQLDialect as base
        style = "format"
    else:
        from sqlalchemy.dialects.sqlite.base import SQLiteDialect as base
        style = "qmark"

    class RetortDialect(base):
        driver = "retort"
        supports_statement_cache = True
        default_paramstyle = style

        @classmethod
        def dbapi(cls):  # SQLAlchemy 1.4
            return _dbapi

        @classmethod
        def import_dbapi(cls):  # SQLAlchemy 2.0
            return _dbapi

        def on_connect(self):
            return None

        def set_isolation_level(self, dbapi_conn, level):
            pass  # retort owns the session

        def get_isolation_level(self, dbapi_conn):
            return "READ COMMITTED"

        def _detect_charset(self, connection):
            return "utf8mb4"

        def _extract_error_code(self, exception):
            return None

        def is_disconnect(self, e, connection, cursor):
            return False

    return RetortDialect, style


# -- the run ---------------------------------------------------------------

class _State:
    dialect = "postgresql"
    offline = False
    running = False
    path = ""
    server_version = ""
    connection = None
    context = None
    transaction = None


_state = _State()


def _init(msg):
    import sqlalchemy
    from alembic import __version__ as alembic_version
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext

    _state.dialect, _state.offline = msg["dialect"], msg["offline"]
    for entry in reversed(msg.get("sys_path") or []):
        sys.path.insert(0, entry)
    cfg = Config(msg.get("config_file") or None, ini_section=msg.get("section") or "alembic")
    if not msg.get("config_file"):
        for key, value in (msg.get("main_options") or {}).items():
            cfg.set_main_option(key, value.replace("%", "%%"))
    cfg.cmd_opts = types.SimpleNamespace(x=list(msg.get("x_args") or []))
    env = EnvironmentContext(cfg, None)
    env._install_proxy()
    _state.environment = env
    _state.naming_convention = msg.get("naming_convention")
    return {"ready": True, "alembic": alembic_version, "sqlalchemy": sqlalchemy.__version__}


def _metadata():
    import sqlalchemy as sa
    if _state.naming_convention:
        return sa.MetaData(naming_convention=_state.naming_convention)
    return None


def _migration_context():
    """Alembic's MigrationContext: offline on the dialect alone, online on a
    SQLAlchemy connection whose every statement travels to retort."""
    if _state.context is not None:
        return _state.context
    from alembic.runtime.migration import MigrationContext
    opts = {"target_metadata": _metadata()}
    if _state.offline:
        opts.update(as_sql=True, literal_binds=True, output_buffer=sys.stderr)
        # As the offline env.py Alembic's templates write: named parameters,
        # so a literal % in a statement is written once, as retort does.
        ctx = MigrationContext.configure(dialect_name=_state.dialect, opts=opts,
                                         dialect_opts={"paramstyle": "named"})

        def write(text):
            if text.endswith(ctx.impl.command_terminator):
                text = text[: -len(ctx.impl.command_terminator)]
            _send({"req": "sql", "sql": text, "line": _script_line()})
            _check(_receive())

        ctx.impl.static_output = write
    else:
        from sqlalchemy import create_engine
        from sqlalchemy.dialects import registry
        from sqlalchemy.pool import StaticPool
        cls, style = _dialect_class(_state.dialect)
        _dbapi.paramstyle = style
        globals()["RetortDialect_" + _state.dialect] = cls
        registry.register(_state.dialect + ".retort", __name__, "RetortDialect_" + _state.dialect)
        version = _raw_scalar("select sqlite_version()" if _state.dialect == "sqlite" else "select version()")
        _state.server_version = version
        if _state.dialect == "sqlite":
            _dbapi.sqlite_version = version
            _dbapi.sqlite_version_info = tuple(int(p) for p in re.findall(r"\d+", version)[:3])
        engine = create_engine(_state.dialect + "+retort://", creator=lambda: Connection(style), poolclass=StaticPool)
        _state.running = False
        _state.connection = engine.connect()
        ctx = MigrationContext.configure(connection=_state.connection, opts=opts)
    ctx.autocommit_block = _autocommit_block
    _state.environment._migration_context = ctx
    _state.environment.context_opts = {"as_sql": _state.offline}
    _state.context = ctx
    return ctx


def _raw_scalar(sql):
    _send({"req": "exec", "sql": sql, "params": []})
    answer = _receive()
    _check(answer)
    rows = answer.get("rows") or [[""]]
    return str(rows[0][0])


@contextlib.contextmanager
def _autocommit_block():
    _send({"req": "autocommit", "begin": True})
    _check(_receive())
    try:
        yield
    finally:
        _send({"req": "autocommit", "begin": False})
        _check(_receive())


_modules = {}


def _load(msg):
    path = msg["path"]
    source = base64.b64decode(msg["source"])
    code = compile(source, path, "exec", dont_inherit=True)
    name = "retort_script_" + re.sub(r"\W", "_", os.path.basename(path))
    module = types.ModuleType(name)
    module.__file__ = path
    sys.modules[name] = module
    exec(code, module.__dict__)
    _modules[path] = module
    return {"ok": True}


def _run(msg):
    from alembic.operations import Operations
    module = _modules[msg["path"]]
    fn = getattr(module, msg["fn"], None)
    if fn is None:
        return {"error": "cannot %s: the script defines no %s() function" % (msg["fn"], msg["fn"])}
    ctx = _migration_context()
    if _state.connection is not None and not _state.connection.in_transaction():
        # Inside a transaction SQLAlchemy neither autocommits nor rolls back
        # on its own, as under Alembic; the real transaction is retort's.
        _state.transaction = _state.connection.begin()
    _state.running, _state.path = True, msg["path"]
    try:
        with Operations.context(ctx):
            fn()
    finally:
        _state.running = False
    return {"done": True}


def _failure(exc, path):
    line = 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == path:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == path:
        line = exc.lineno or 0
    statement = False
    seen = exc
    while seen is not None:
        if isinstance(seen, _RetortStatementError) or isinstance(getattr(seen, "orig", None), _RetortStatementError):
            statement = True
            break
        seen = seen.__cause__ or seen.__context__
    text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return {"error": text, "line": line, "statement": statement,
            "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))}


def main():
    handlers = {"init": _init, "load": _load, "run": _run}
    while True:
        msg = _receive()
        cmd = msg.get("cmd")
        if cmd == "exit":
            return
        try:
            answer = handlers[cmd](msg)
        except BaseException as exc:  # the script's failure is reported, not raised
            if isinstance(exc, KeyboardInterrupt):
                raise
            answer = _failure(exc, msg.get("path", ""))
        _send(answer)


main()
