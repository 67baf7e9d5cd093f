// Package lint finds the hazards of a migration before it runs: statements
// that lock a big PostgreSQL table for a long time or fail on one that has
// rows, changes that lose data or break the code still running against the
// old schema, and revisions that cannot be undone.
//
// It works on values only: the operations a .py script hands to its sink
// (package ops) and the SQL text of a .sql script or of op.execute. It
// never connects to a database, so every rule is tested without one. The
// command layer compiles the scripts and builds the [Step] values; [Check]
// applies the rules of [Rules] in plan order, remembering which tables and
// columns the linted steps create themselves (those are new and empty, so
// locking them costs nothing).
//
// A hazard is silenced by a comment naming its rule: in a .sql script a
// "-- retort:lint-ignore RULE" line before the statement, in a .py script
// a "# retort: lint-ignore RULE" comment at the end of the op's line or on
// its own line just above it (see [ParseIgnores]).
package lint
