// Package engine is retort's one migration engine: upgrade, downgrade,
// stamp and the read-only questions (current, heads, history) over a
// database handle, a dialect and a script directory, answering with values
// (the steps applied, with their statements and durations) instead of
// printing. The command package and the root package's Provider both call
// it, so the CLI and the Go library run migrations the same way.
//
// Before the first statement of an upgrade or downgrade runs, every script
// of the plan is compiled, so a broken script fails the run before it
// touches the database.
package engine
