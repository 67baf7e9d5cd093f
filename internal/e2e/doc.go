// Package e2e runs the retort binary as users do, as separate processes
// against real PostgreSQL, MariaDB and SQLite databases: concurrent
// deploys, failing statements, processes killed mid-run, and bad
// connection settings. The package has no code outside its tests.
package e2e
