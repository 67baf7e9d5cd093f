// Command sqlexec executes a SQL script in one session on a SQLite file,
// through the same pure-Go driver retort uses: scripts/bench's baseline for
// "the same SQL, run directly", without the driver difference that comparing
// against the C sqlite3 shell would add.
//
//	go run ./scripts/sqlexec DB.sqlite < script.sql
package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"

	_ "modernc.org/sqlite"

	"github.com/retort-dev/retort/sqlfile"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sqlexec DB < script.sql")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "sqlexec:", err)
		os.Exit(1)
	}
}

func run(path string, in io.Reader) error {
	src, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	stmts, err := sqlfile.Split(string(src), "sqlite")
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.ExecContext(context.Background(), s.SQL); err != nil {
			return fmt.Errorf("line %d: %w", s.Line, err)
		}
	}
	return nil
}
