package mysql

import (
	"context"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/ddl/ddltest"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// TestCompileMatchesAlembic compares the offline SQL of every shared case
// with what Alembic 1.8.1 printed for mysql:// and mariadb:// URLs.
func TestCompileMatchesAlembic(t *testing.T) {
	t.Run("mysql", func(t *testing.T) {
		ddltest.Run(t, New(), "testdata/oracle-mysql.json", map[string]string{
			"drop_table_if_exists_ignored": "Alembic 1.8.1 ignores if_exists; retort renders it as Alembic >= 1.13.3 does (pyscript TestTableExistenceKeywords)",
		})
	})
	t.Run("mariadb", func(t *testing.T) {
		ddltest.Run(t, NewMariaDB(), "testdata/oracle-mariadb.json", map[string]string{
			"create_index_if_not_exists_ignored": "Alembic 1.8.1 drops if_not_exists; MariaDB has the clause and retort renders it (TestIndexExistenceClauses)",
			"drop_table_if_exists_ignored":       "Alembic 1.8.1 ignores if_exists; retort renders it as Alembic >= 1.13.3 does (pyscript TestTableExistenceKeywords)",
		})
	})
}

func TestMalformedOps(t *testing.T) {
	ddltest.RunMalformed(t, New())
	ddltest.RunMalformed(t, NewMariaDB())
}

// TestIndexExistenceClauses checks if_not_exists / if_exists on indexes:
// rendered on MariaDB, which has the clauses, ignored on MySQL, which has not.
func TestIndexExistenceClauses(t *testing.T) {
	create := &ops.CreateIndex{IfNotExists: true, Index: &schema.Index{Name: "ix_a", Table: "t", Elements: []schema.IndexElement{{Column: "a"}}}}
	drop := &ops.DropIndex{Name: "ix_a", Table: "t", IfExists: true}
	for _, tc := range []struct {
		name string
		d    dialect.Dialect
		op   ops.Op
		want string
	}{
		{"mariadb create", NewMariaDB(), create, "CREATE INDEX IF NOT EXISTS ix_a ON t (a)"},
		{"mariadb drop", NewMariaDB(), drop, "DROP INDEX IF EXISTS ix_a ON t"},
		{"mysql create", New(), create, "CREATE INDEX ix_a ON t (a)"},
		{"mysql drop", New(), drop, "DROP INDEX ix_a ON t"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := tc.d.Compile(context.Background(), nil, tc.op)
			if err != nil {
				t.Fatal(err)
			}
			if len(stmts) != 1 || stmts[0].SQL != tc.want {
				t.Errorf("got %v, want %q", stmts, tc.want)
			}
		})
	}
}
