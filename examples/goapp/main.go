// Command goapp is an application's own retort binary: the stock command
// line, with the application's embedded scripts and Go migrations.
//
//	goapp -c retort.ini upgrade head
package main

import (
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"

	"github.com/retort-dev/retort"

	"example.com/goapp/app"
)

func main() {
	retort.Main(app.Options()...)
}
