package engine

import (
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
)

// DialectNames are the SQLAlchemy dialect names retort supports.
func DialectNames() []string { return []string{"postgresql", "mysql", "mariadb", "sqlite"} }

// LookupDialect returns a new dialect for a SQLAlchemy dialect name. It is
// the one place dialects are registered: no init() side effects, no
// mutable table.
func LookupDialect(name string) (dialect.Dialect, bool) {
	switch name {
	case "postgresql":
		return postgres.New(), true
	case "mysql":
		return mysql.New(), true
	case "mariadb":
		return mysql.NewMariaDB(), true
	case "sqlite":
		return sqlite.New(), true
	}
	return nil, false
}
