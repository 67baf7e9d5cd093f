// Package dburl parses SQLAlchemy database URLs and turns them into what Go's
// database/sql needs.
//
// It owns the URL grammar of SQLAlchemy 1.4's make_url
// ("dialect[+driver]://user:password@host:port/database?key=value"), the
// mapping from a URL to a database/sql driver name and DSN for the drivers
// retort ships (jackc/pgx/v5 stdlib, go-sql-driver/mysql, modernc.org/sqlite),
// and hiding passwords in anything retort prints ([URL.String], [Mask]).
//
// The package imports no database driver; callers open the connection with
// sql.Open(u.DriverName(), dsn).
package dburl
