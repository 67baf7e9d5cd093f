package postgres

import (
	"context"
	"testing"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"

	"github.com/retort-dev/retort/dialect/ddl/ddltest"
)

// TestCompileMatchesAlembic compares the offline SQL of every shared case
// with what Alembic 1.8.1 printed for postgresql:// (testdata/oracle.json).
func TestCompileMatchesAlembic(t *testing.T) {
	ddltest.Run(t, New(), "testdata/oracle.json", map[string]string{
		"autocommit_block":                   "the COMMIT / BEGIN around an autocommit block are printed by the migration runtime; the op compiles to nothing",
		"create_index_if_not_exists_ignored": "Alembic 1.8.1 drops if_not_exists; retort renders it (TestIndexExistenceClauses)",
		"drop_table_if_exists_ignored":       "Alembic 1.8.1 ignores if_exists; retort renders it as Alembic >= 1.13.3 does (pyscript TestTableExistenceKeywords)",
	})
}

// TestIndexExistenceClauses checks if_not_exists / if_exists on indexes,
// which PostgreSQL supports and Alembic 1.8.1 silently ignored.
func TestIndexExistenceClauses(t *testing.T) {
	for _, tc := range []struct {
		name string
		op   ops.Op
		want string
	}{
		{"create", &ops.CreateIndex{IfNotExists: true, Index: &schema.Index{Name: "ix_a", Table: "t", Elements: []schema.IndexElement{{Column: "a"}}}},
			"CREATE INDEX IF NOT EXISTS ix_a ON t (a)"},
		{"create concurrently", &ops.CreateIndex{IfNotExists: true, Index: &schema.Index{Name: "ix_a", Table: "t", Unique: true,
			Elements: []schema.IndexElement{{Column: "a"}}, DialectOptions: map[string]string{"postgresql_concurrently": "true"}}},
			"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON t (a)"},
		{"drop", &ops.DropIndex{Name: "ix_a", Table: "t", IfExists: true}, "DROP INDEX IF EXISTS ix_a"},
		{"drop without", &ops.DropIndex{Name: "ix_a", Table: "t"}, "DROP INDEX ix_a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := New().Compile(context.Background(), nil, tc.op)
			if err != nil {
				t.Fatal(err)
			}
			if len(stmts) != 1 || stmts[0].SQL != tc.want {
				t.Errorf("got %v, want %q", stmts, tc.want)
			}
		})
	}
}

func TestMalformedOps(t *testing.T) { ddltest.RunMalformed(t, New()) }
