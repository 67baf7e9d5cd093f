package retort_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort"
	"github.com/retort-dev/retort/internal/dbtest"
)

const pyWithClass = `"""seeded statuses

Revision ID: a1
Revises:
Create Date: 2024-01-01 00:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

revision = 'a1'
down_revision = None

Base = declarative_base()
names = ["new", "done"]


def upgrade():
    t = op.create_table('status', sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(20)))
    op.bulk_insert(t, [{"id": i, "name": n} for i, n in enumerate(names, 1)])


def downgrade():
    op.drop_table('status')
`

// TestWithPythonScripts: a NewProvider program runs a script the embedded
// interpreter cannot run (an ORM import it does not support) only when asked to,
// under the Python it names, from an fs.FS with no file on disk.
func TestWithPythonScripts(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import sqlalchemy, alembic").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s cannot import SQLAlchemy and Alembic (%v), and CI=true", python, err)
		}
		t.Skipf("%s cannot import SQLAlchemy and Alembic: %v", python, err)
	}
	fsys := fstest.MapFS{"versions/a1_status.py": {Data: []byte(pyWithClass)}}
	ctx := context.Background()

	db, _ := dbtest.SQLite(t)
	p, err := retort.NewProvider(retort.SQLite, db, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Upgrade(ctx, "head"); err == nil || !strings.Contains(err.Error(), "sqlalchemy.orm") {
		t.Fatalf("Upgrade without WithPythonScripts: err = %v, want the embedded interpreter's error about sqlalchemy.orm", err)
	}

	p, err = retort.NewProvider(retort.SQLite, db, fsys, retort.WithPythonScripts("auto", python))
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Upgrade(ctx, "head")
	if err != nil {
		t.Fatalf("Upgrade under Python: %v", err)
	}
	if len(res.Steps) != 1 || res.Steps[0].Revision != "a1" {
		t.Errorf("steps = %+v, want a1", res.Steps)
	}
	var names string
	if err := db.QueryRow("SELECT group_concat(name, ',') FROM (SELECT name FROM status ORDER BY id)").Scan(&names); err != nil || names != "new,done" {
		t.Errorf("status names = %q (%v), want new,done", names, err)
	}
	if _, err := p.Downgrade(ctx, "base"); err != nil {
		t.Fatalf("Downgrade under Python: %v", err)
	}

	if _, err := retort.NewProvider(retort.SQLite, db, fsys, retort.WithPythonScripts("sometimes", "")); err == nil ||
		!strings.Contains(err.Error(), "must be auto, always or never") {
		t.Errorf("WithPythonScripts(sometimes): err = %v", err)
	}
}
