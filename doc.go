// Package retort runs Alembic-compatible database migrations from Go.
//
// A [Provider] holds a database, its dialect and a script directory (an
// [io/fs.FS] with versions/ inside: an embed.FS compiled into the program,
// os.DirFS, fstest.MapFS). The directory's .py and .sql scripts and the
// [Migration] values written in Go form one revision graph, the one the
// retort command line (and Alembic) sees:
//
//	//go:embed migrations
//	var scripts embed.FS
//
//	sub, _ := fs.Sub(scripts, "migrations")
//	p, err := retort.NewProvider(retort.PostgreSQL, db, sub, retort.WithMigrations(seed))
//	res, err := p.Upgrade(ctx, "head")
//
// Every method takes a context and returns values; nothing prints. A failed
// upgrade returns the steps that did apply and a [*MigrationError] naming
// the revision, file and statement that failed.
//
// [Open] builds a Provider from an alembic.ini / retort.ini, and [Main]
// turns a program into the retort command line with the program's own
// migrations and embedded scripts.
//
// The program links the database/sql drivers it uses: the registered names
// are "pgx" (github.com/jackc/pgx/v5/stdlib), "mysql"
// (github.com/go-sql-driver/mysql) and "sqlite" (modernc.org/sqlite).
package retort
