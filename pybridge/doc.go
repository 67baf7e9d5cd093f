// Package pybridge runs Alembic migration scripts that retort's embedded
// interpreter cannot run (class definitions, the app's own imports, ORM
// sessions, ...) under the project's own Python, with the real alembic.op
// and SQLAlchemy.
//
// retort keeps everything that makes a run safe: the connection, its
// transaction, the lock and the version table. The bridge gives Alembic a
// SQLAlchemy connection whose DB-API driver is a stand-in: every statement
// SQLAlchemy would hand a driver travels to retort, which executes it on
// the run's connection (ops.Sink) and sends the rows back. Offline, the
// statements Alembic renders are written into the SQL script. A script
// that commits commits the migration's transaction, as under Alembic; one
// that rolls it back is refused, since retort owns that transaction.
//
// One Process serves one run: Load imports each script before the run's
// first statement (so an import error stops the run before it changes
// anything), Run calls its upgrade() or downgrade().
package pybridge
