// Command retort runs Alembic-style database migrations. It is the stock
// build of retort.Main: this file only links the database drivers (the one
// place they are imported) and calls it. A program with its own Go
// migrations and embedded scripts calls retort.Main the same way.
package main

import (
	_ "github.com/go-sql-driver/mysql" // database/sql driver "mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite", pure Go

	"github.com/retort-dev/retort"
)

func main() {
	retort.Main()
}
