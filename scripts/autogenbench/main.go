// Command autogenbench writes the autogenerate benchmark's inputs: a
// SQLAlchemy models module of N tables (app/models.py) and the PostgreSQL
// DDL of the database those models were one change ago (before.sql): every
// tenth table has a column more in the models, and a longer name column.
//
//	go run ./scripts/autogenbench -dir /tmp/ag -n 1000
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("dir", "", "directory to write app/models.py and before.sql into")
	n := flag.Int("n", 1000, "number of tables")
	every := flag.Int("changed-every", 10, "every k-th table differs between the models and the database")
	flag.Parse()
	if *dir == "" || *n < 1 || *every < 1 {
		fmt.Fprintln(os.Stderr, "usage: autogenbench -dir DIR [-n N] [-changed-every K]")
		os.Exit(2)
	}
	if err := write(*dir, *n, *every); err != nil {
		fmt.Fprintln(os.Stderr, "autogenbench:", err)
		os.Exit(1)
	}
}

func write(dir string, n, every int) error {
	if err := os.MkdirAll(filepath.Join(dir, "app"), 0o755); err != nil {
		return err
	}
	var py, ddl strings.Builder
	py.WriteString("import sqlalchemy as sa\n\nmetadata = sa.MetaData()\n\n")
	for i := range n {
		name := fmt.Sprintf("t%04d", i)
		changed := i%every == 0
		nameLen := 50
		if changed {
			nameLen = 80
		}
		fmt.Fprintf(&py, "sa.Table(%q, metadata,\n", name)
		py.WriteString("    sa.Column(\"id\", sa.Integer, primary_key=True),\n")
		fmt.Fprintf(&py, "    sa.Column(\"name\", sa.String(%d), nullable=False),\n", nameLen)
		py.WriteString("    sa.Column(\"amount\", sa.Numeric(10, 2)),\n")
		py.WriteString("    sa.Column(\"created\", sa.DateTime()),\n")
		py.WriteString("    sa.Column(\"active\", sa.Boolean()),\n")
		py.WriteString("    sa.Column(\"code\", sa.String(20), unique=True),\n")
		if i > 0 {
			fmt.Fprintf(&py, "    sa.Column(\"prev_id\", sa.Integer, sa.ForeignKey(\"t%04d.id\")),\n", i/2)
		}
		if changed {
			py.WriteString("    sa.Column(\"extra\", sa.String(20)),\n")
		}
		fmt.Fprintf(&py, "    sa.Index(\"ix_%s_name\", \"name\"),\n)\n\n", name)

		fmt.Fprintf(&ddl, "CREATE TABLE %s (\n    id SERIAL NOT NULL,\n    name VARCHAR(50) NOT NULL,\n    amount NUMERIC(10, 2),\n", name)
		ddl.WriteString("    created TIMESTAMP WITHOUT TIME ZONE,\n    active BOOLEAN,\n    code VARCHAR(20),\n")
		if i > 0 {
			fmt.Fprintf(&ddl, "    prev_id INTEGER,\n    FOREIGN KEY(prev_id) REFERENCES t%04d (id),\n", i/2)
		}
		fmt.Fprintf(&ddl, "    PRIMARY KEY (id),\n    UNIQUE (code)\n);\nCREATE INDEX ix_%s_name ON %s (name);\n", name, name)
	}
	if err := os.WriteFile(filepath.Join(dir, "app", "__init__.py"), nil, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "app", "models.py"), []byte(py.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "before.sql"), []byte(ddl.String()), 0o644)
}
