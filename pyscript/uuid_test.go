package pyscript

import (
	"regexp"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// TestUUIDSeedData runs the Zyeta guide's seed-data migration: a row id made
// with uuid4() and put into the SQL with an f-string.
func TestUUIDSeedData(t *testing.T) {
	canonical := regexp.MustCompile(`'[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'`)
	for _, imp := range []string{"from uuid import uuid4", "import uuid\nuuid4 = uuid.uuid4", "import uuid as u\nuuid4 = u.uuid4"} {
		t.Run(imp, func(t *testing.T) {
			src := imp + "\nfrom alembic import op\n\nrevision = 'a1'\ndown_revision = None\n\n" +
				"def upgrade() -> None:\n    new_id = str(uuid4())\n    op.execute(f\"\"\"\n        INSERT INTO item (id, hex) VALUES ('{new_id}', '{uuid4().hex}')\n    \"\"\")\n\n" +
				"def downgrade() -> None:\n    pass\n"
			got, err := runUpgrade(t, src, Env{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("got %d ops, want 1", len(got))
			}
			sql := got[0].(*ops.Execute).SQL
			if !canonical.MatchString(sql) || !regexp.MustCompile(`'[0-9a-f]{32}'`).MatchString(sql) {
				t.Errorf("SQL %q lacks a canonical uuid4 and a hex one", sql)
			}
		})
	}
}
