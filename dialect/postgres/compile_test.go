package postgres

import (
	"testing"

	"github.com/retort-dev/retort/dialect/ddl/ddltest"
)

// TestCompileMatchesAlembic compares the offline SQL of every shared case
// with what Alembic 1.8.1 printed for postgresql:// (testdata/oracle.json).
func TestCompileMatchesAlembic(t *testing.T) {
	ddltest.Run(t, New(), "testdata/oracle.json", map[string]string{
		"autocommit_block": "the COMMIT / BEGIN around an autocommit block are printed by the migration runtime; the op compiles to nothing",
	})
}

func TestMalformedOps(t *testing.T) { ddltest.RunMalformed(t, New()) }
