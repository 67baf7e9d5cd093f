// Package migration is retort's migration runtime, the counterpart of
// Alembic's runtime/migration.py (MigrationContext): it owns the version
// table (alembic_version), transactions (one for the whole run, or one per
// migration), the lock that serialises concurrent runs, online execution
// on a pinned *sql.Conn (in a *sql.Tx of it while a transaction is open),
// offline (--sql) output to an io.Writer, and the stream of events the
// command line turns into Alembic's progress lines.
//
// It never knows scripts. A run is a plan of steps computed from the
// current heads, each step a function that receives an ops.Sink; package
// revision decides which rows of the version table each step changes.
//
// A typical online upgrade:
//
//	c, err := migration.New(postgres.New(), db, nil, migration.Options{Lock: true})
//	err = c.Run(ctx, revMap, func(current []string) ([]migration.PlannedStep, error) {
//		steps, err := revMap.Upgrade(current, "head")
//		... // attach each step's Run function
//	})
//
// Transactions: where the dialect runs DDL transactionally (PostgreSQL,
// SQLite) the whole run is one transaction unless
// Options.TransactionPerMigration is set; a failure rolls back to the last
// commit, so the schema and the version table always agree. MySQL commits DDL
// implicitly, so every step gets its own transaction and its version row is
// written right after it; a failure reports what stayed applied.
//
// Locking: with Options.Lock a run holds pg_advisory_lock (PostgreSQL) or
// GET_LOCK (MySQL) on its connection, or runs under BEGIN IMMEDIATE
// (SQLite), from before it reads the version table until it ends, so
// concurrent runs apply each step once.
package migration
