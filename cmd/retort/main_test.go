package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/retort-dev/retort"
)

// update rewrites the expected outputs inside the .txtar stories:
// go test ./cmd/retort -update
var update = flag.Bool("update", false, "update testscript golden sections")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"retort": func() { os.Exit(retort.Run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the stories under testdata/script: each is a small
// session a user would live, with the files it needs.
func TestScripts(t *testing.T) {
	// One compile cache for all stories, which run in parallel: later
	// runs of the same scripts read what earlier ones wrote.
	cache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sqlite":   sqliteQuery,
			"jsonmask": jsonMask,
		},
		Setup: func(env *testscript.Env) error {
			// Keep the host's settings out of the stories.
			for _, name := range []string{"RETORT_URL", "DATABASE_URL", "RETORT_CONFIG", "ALEMBIC_CONFIG", "EDITOR", "VISUAL"} {
				env.Setenv(name, "")
			}
			env.Setenv("RETORT_CACHE_DIR", cache)
			// The host's PYTHONPATH reaches the project's Python and the
			// real Alembic, so that the stories can run against another
			// SQLAlchemy and Alembic than the system's (see README).
			env.Setenv("PYTHONPATH", os.Getenv("PYTHONPATH"))
			// No story finds a Python by chance on PATH: those that run
			// scripts under Python name it (RETORT_PYTHON or python =).
			env.Setenv("RETORT_PYTHON", "/nonexistent/python3")
			return nil
		},
	})
}

// sqliteQuery is the story verb "sqlite FILE QUERY": it runs QUERY on the
// SQLite database FILE and prints each row on stdout, columns separated by
// "|" like the sqlite3 shell, so that stories can assert what a migration
// left in the database.
func sqliteQuery(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sqlite FILE QUERY")
	}
	db, err := sql.Open("sqlite", ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	rows, err := db.Query(args[1])
	if neg {
		if err == nil {
			rows.Close()
			ts.Fatalf("query succeeded unexpectedly")
		}
		return
	}
	ts.Check(err)
	defer rows.Close()
	cols, err := rows.Columns()
	ts.Check(err)
	var out strings.Builder
	for rows.Next() {
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		ts.Check(rows.Scan(ptrs...))
		fields := make([]string, len(values))
		for i, v := range values {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			if v == nil {
				v = ""
			}
			fields[i] = fmt.Sprint(v)
		}
		out.WriteString(strings.Join(fields, "|") + "\n")
	}
	ts.Check(rows.Err())
	ts.Stdout().Write([]byte(out.String()))
}

// jsonMask is the story verb "jsonmask FIELD...": it prints the last
// command's stdout, a JSON document, with the value of every FIELD (a
// time, a duration, the user's name) replaced by "*", keeping the field
// order, so that the rest of the document can be compared exactly.
func jsonMask(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: jsonmask FIELD...")
	}
	doc := ts.ReadFile("stdout")
	if !json.Valid([]byte(doc)) {
		ts.Fatalf("stdout is not one JSON document:\n%s", doc)
	}
	for _, field := range args {
		re := regexp.MustCompile(`("` + regexp.QuoteMeta(field) + `": )("(?:[^"\\]|\\.)*"|[-0-9.eE+]+)`)
		doc = re.ReplaceAllString(doc, `$1"*"`)
	}
	ts.Stdout().Write([]byte(doc))
}
