// Package command is retort's library API: one exported function per
// Alembic command (Init, ListTemplates, Revision, Merge, Upgrade, Downgrade,
// Stamp, Current, History, Heads, Branches, Show, Edit, EnsureVersion,
// Check), the Go counterpart of Alembic 1.8.1's alembic/command.py.
//
// A caller describes the invocation with an [Env] (config file, section, -x
// arguments, where offline SQL and progress events go), loads the project
// with [Load], and calls a command on the returned [Project]. Commands that
// list revisions return them ([]*script.Script) instead of printing; the
// command line (internal/cli) turns them into Alembic's text. Commands that
// write SQL offline write it to Env.Stdout and nothing else.
//
// The package also owns the explicit table from SQLAlchemy dialect names to
// retort's dialects ([LookupDialect]) and opens the *sql.DB of a project's URL
// with the database/sql driver names "pgx", "mysql" and "sqlite"; the
// drivers themselves are linked in by the program (cmd/retort), not here.
//
// Before the first statement of an upgrade or downgrade runs, every script
// in the plan is compiled, so a broken script fails the run before it
// touches the database.
package command
