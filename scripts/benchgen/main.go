// Command benchgen writes large Alembic-format projects for scripts/bench:
// a config, a script.py.mako and N revision scripts, either in one line or
// branched, with a branch point and a merge every 50 revisions.
//
//	go run ./scripts/benchgen -dir /tmp/p -n 10000 -shape branched
package main

import (
	"crypto/sha1"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("dir", "", "project directory to create")
	n := flag.Int("n", 10000, "number of revisions")
	shape := flag.String("shape", "linear", "linear or branched")
	url := flag.String("url", "sqlite:///bench.db", "sqlalchemy.url of the project")
	flag.Parse()
	if *dir == "" || (*shape != "linear" && *shape != "branched") {
		fmt.Fprintln(os.Stderr, "usage: benchgen -dir DIR [-n N] [-shape linear|branched] [-url URL]")
		os.Exit(2)
	}
	if err := generate(*dir, *n, *shape, *url); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}

func revID(i int) string {
	sum := sha1.Sum([]byte(fmt.Sprint("rev", i)))
	return hex.EncodeToString(sum[:])[:12]
}

func generate(dir string, n int, shape, url string) error {
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		return err
	}
	ini := "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = " + url + "\n"
	if err := os.WriteFile(filepath.Join(dir, "alembic.ini"), []byte(ini), 0o644); err != nil {
		return err
	}
	parents := make([][]string, n)
	for i := 1; i < n; i++ {
		parents[i] = []string{revID(i - 1)}
	}
	if shape == "branched" {
		// Every 50 revisions: i is a branch point, i+1..i+20 form a second
		// branch beside i+21..i+40, and i+41 merges the two tips.
		for base := 0; base+41 < n; base += 50 {
			parents[base+21] = []string{revID(base)}
			parents[base+41] = []string{revID(base + 20), revID(base + 40)}
		}
	}
	for i := 0; i < n; i++ {
		down := "None"
		switch len(parents[i]) {
		case 1:
			down = fmt.Sprintf("'%s'", parents[i][0])
		case 2:
			down = fmt.Sprintf("('%s', '%s')", parents[i][0], parents[i][1])
		}
		src := fmt.Sprintf(`"""create table t%[1]d

Revision ID: %[2]s
Revises: %[3]s
Create Date: 2026-11-22 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '%[2]s'
down_revision = %[4]s
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('t%[1]d', sa.Column('id', sa.Integer, primary_key=True))


def downgrade():
    op.drop_table('t%[1]d')
`, i, revID(i), strings.Join(parents[i], ", "), down)
		name := filepath.Join(versions, fmt.Sprintf("%s_create_table_t%d.py", revID(i), i))
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			return err
		}
	}
	return nil
}
