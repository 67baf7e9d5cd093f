// Command retort runs Alembic-style database migrations. It is the
// program behind internal/cli: this file only links the database drivers
// (the one place they are imported) and hands argv to cli.Main.
package main

import (
	"os"

	_ "github.com/go-sql-driver/mysql" // database/sql driver "mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite", pure Go

	"github.com/retort-dev/retort/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
