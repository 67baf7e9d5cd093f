package mysql

import (
	"testing"

	"github.com/retort-dev/retort/dialect/ddl/ddltest"
)

// TestCompileMatchesAlembic compares the offline SQL of every shared case
// with what Alembic 1.8.1 printed for mysql:// and mariadb:// URLs.
func TestCompileMatchesAlembic(t *testing.T) {
	t.Run("mysql", func(t *testing.T) { ddltest.Run(t, New(), "testdata/oracle-mysql.json", nil) })
	t.Run("mariadb", func(t *testing.T) { ddltest.Run(t, NewMariaDB(), "testdata/oracle-mariadb.json", nil) })
}

func TestMalformedOps(t *testing.T) {
	ddltest.RunMalformed(t, New())
	ddltest.RunMalformed(t, NewMariaDB())
}
