// Package pyscript runs Alembic's .py migration scripts on an embedded
// Starlark interpreter (go.starlark.net), so that retort executes existing
// `versions/*.py` files without Python.
//
// It owns:
//   - the source shim: a line-preserving pass that maps the imports Alembic
//     scripts use (alembic's op and context, sqlalchemy and its dialect
//     modules, typing) onto predeclared modules, drops type annotations,
//     turns `with op.batch_alter_table(...) as batch_op:` and
//     `with op.get_context().autocommit_block():` into one-shot loops,
//     `x is None` into `x == None` and `raise E(...)` into `fail(E(...))`,
//     and rejects what it cannot translate with path:line:col ("retort
//     does not support X"). It also translates what Starlark lacks:
//     adjacent string literals, the u, br and upper-case string prefixes,
//     Python-only escapes, f-string format specs and {x=}, generator
//     expressions (as lists), set displays, chained comparisons, `**`,
//     1_000, f(*args, key=v), several context managers in one with,
//     try/except/else/finally (the body becomes a nested function; at the
//     top level of a module, bodies binding names read after the try are
//     refused), assert, del, global
//     (reading), raise ... from, class statements and decorators. Where it changes a line's length it records the
//     shift, so columns in errors stay the user's;
//   - the predeclared modules op, sa / sqlalchemy, postgresql, mysql, sqlite
//     and context, whose values become package schema and ops values;
//   - the sandbox: no load(), no file, network or process access, a
//     budget of execution steps (Env.MaxSteps, DefaultMaxSteps when zero;
//     the error names Env.MaxStepsSetting, the setting that raises it) and
//     context cancellation.
//
// Strings format as in Python, not as in Starlark: repr, str, ascii,
// format and print are Python's; `x % y` with a str x and every
// `x.format(...)` call (f-strings become one) are rewritten after parsing
// into hidden builtins that implement Python's %-formatting, str.format
// and the format-spec mini-language, with CPython's error texts
// ("TypeError: not enough arguments for format string").
//
// Imports of the standard modules migrations use bind sandboxed,
// read-only stand-ins: json (dumps/loads with Python's separators and
// escaping), re (Go's RE2: no backreferences or lookaround, which are
// refused; `$` matches only at the very end unless re.M), datetime
// (datetime, date, timedelta, timezone.utc), os (environ and getenv only),
// time (time.sleep does nothing), base64, logging (see Env.Log), enum
// (the functional API and class-based enums), collections, textwrap,
// hashlib, bisect and dataclasses; contextlib's generator-based tools are
// refused by name. sqlalchemy.exc, alembic.util and
// alembic.script.revision supply exception classes for raise, and
// alembic_postgresql_enum its TableReference for op.sync_enum_values,
// which retort does itself (enumsync.go).
//
// Class statements define helper classes, exception classes and enums
// (class.go, enumclass.go): the shim makes the header a def and a pass
// over the syntax tree (classast.go) makes the body return its names and
// binds the class after it, without moving a line; decorators are applied
// the same way. ORM declarative classes are refused, and so are special
// methods retort would not honour (__eq__, __len__, ...).
//
// Sources are read as Python reads them: a PEP 263 coding line in the
// first two lines selects the encoding (utf-8, ascii, latin-1,
// iso-8859-15 and cp1252 are known); without one the file must be valid
// UTF-8, and a stray byte is a SyntaxError naming its line.
//
// [Compile] validates a script without running it; [Script.Upgrade] and
// [Script.Downgrade] run it against an [ops.Sink]. Failures are [*Error]
// values that name the user's file, line and column.
//
// [LoadMetaData] runs a models.py file the same way and returns the
// *schema.MetaData it builds, for autogenerate.
//
// Bound parameters (sa.text(...).bindparams(x=1), or a dict given to
// connection.execute) reach ops.Execute.Args and Sink.Query as
// sql.NamedArg values while the SQL keeps its ":x" placeholders; a list
// of parameters arrives as plain positional values.
//
// <dialect>_* keyword arguments land in DialectOptions as strings: strings
// as written, bools "true"/"false", numbers in decimal, SQL expressions as
// SQL text, lists joined with ",", dicts as sorted "key=value" pairs.
//
// Column(index=True) becomes an explicit index: an entry in Table.Indexes
// for op.create_table, or an ops.CreateIndex following ops.AddColumn, named
// by the naming convention (SQLAlchemy's default "ix_%(column_0_label)s");
// the column's Index flag is then cleared so dialects do not create it twice.
package pyscript
