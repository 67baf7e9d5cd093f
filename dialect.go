package retort

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/engine"
)

// Dialect names the database a Provider migrates, by its SQLAlchemy name.
type Dialect string

// The dialects retort supports.
const (
	PostgreSQL Dialect = "postgresql"
	MySQL      Dialect = "mysql"
	MariaDB    Dialect = "mariadb"
	SQLite     Dialect = "sqlite"
)

// String is the SQLAlchemy dialect name.
func (d Dialect) String() string { return string(d) }

// impl is a new compiler for d.
func (d Dialect) impl() (dialect.Dialect, error) {
	if impl, ok := engine.LookupDialect(string(d)); ok {
		return impl, nil
	}
	return nil, fmt.Errorf("retort: unknown dialect %q (retort supports %s)", string(d), strings.Join(engine.DialectNames(), ", "))
}
