// Package mysql is retort's MySQL and MariaDB dialect: it compiles every op
// of package ops into the DDL that Alembic 1.8.1 with SQLAlchemy 1.4 emits
// for MySQL ([New]) or MariaDB ([NewMariaDB]) — AUTO_INCREMENT keys, inline
// COMMENT clauses, table options after CREATE TABLE, ALTER ... MODIFY /
// CHANGE for column changes (which need the existing type, as in Alembic),
// DROP FOREIGN KEY / DROP INDEX / DROP PRIMARY KEY / DROP CHECK by
// constraint type — and reflects a live table from information_schema.
//
// The two flavours differ where SQLAlchemy and Alembic make them differ:
// the reserved words that force quoting, and dropping a CHECK constraint
// (DROP CHECK on MySQL, DROP CONSTRAINT on MariaDB). It imports no database
// driver; placeholders are "?".
package mysql

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/internal/sqlbuild"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// MySQL is the MySQL or MariaDB dialect.
type MySQL struct {
	mariadb  bool
	hooks    *hooks
	compiler *ddl.Compiler

	// A mysql:// dialect that finds a MariaDB server behind its connection
	// behaves as SQLAlchemy's does after connecting: still named "mysql",
	// but with MariaDB's reserved words and CHECK syntax. probe guards the
	// one-time SELECT VERSION().
	probe      sync.Mutex
	probed     bool
	serverHook *hooks
	serverComp *ddl.Compiler
}

var _ dialect.Dialect = (*MySQL)(nil)

// New returns the MySQL dialect (what a mysql:// URL selects).
func New() dialect.Dialect { return newMySQL(false) }

// NewMariaDB returns the MariaDB flavour (what a mariadb:// URL selects).
func NewMariaDB() dialect.Dialect { return newMySQL(true) }

func newMySQL(mariadb bool) *MySQL {
	reserved := sqlbuild.MySQLReserved
	if mariadb {
		reserved = sqlbuild.MariaDBReserved
	}
	h := &hooks{mariadb: mariadb, mariadbServer: mariadb, quoter: sqlbuild.Quoter{Quote: '`', Reserved: reserved}}
	return &MySQL{mariadb: mariadb, hooks: h, compiler: ddl.New(h)}
}

// compilerFor returns the compiler matching the server behind q: offline
// (q nil), or for a mariadb:// dialect, the one chosen at construction.
func (m *MySQL) compilerFor(ctx context.Context, q dialect.Querier) (*ddl.Compiler, error) {
	if m.mariadb || q == nil {
		return m.compiler, nil
	}
	m.probe.Lock()
	defer m.probe.Unlock()
	if !m.probed {
		var version string
		rows, err := q.QueryContext(ctx, "SELECT VERSION()")
		if err != nil {
			return nil, fmt.Errorf("mysql: ask the server version: %w", err)
		}
		for rows.Next() {
			if err := rows.Scan(&version); err != nil {
				rows.Close()
				return nil, fmt.Errorf("mysql: ask the server version: %w", err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("mysql: ask the server version: %w", err)
		}
		m.probed = true
		if strings.Contains(strings.ToLower(version), "mariadb") {
			m.serverHook = &hooks{mariadbServer: true, quoter: sqlbuild.Quoter{Quote: '`', Reserved: sqlbuild.MariaDBReserved}}
			m.serverComp = ddl.New(m.serverHook)
		}
	}
	if m.serverComp != nil {
		return m.serverComp, nil
	}
	return m.compiler, nil
}

// Name is "mysql" for both flavours: dialect.Dialect promises one of
// "postgresql", "mysql" and "sqlite", and the runtime keys MySQL behaviour
// (GET_LOCK, non-transactional DDL) on it. SQLAlchemy itself names the
// flavour "mariadb"; the hooks use that name to pick with_variant types.
func (*MySQL) Name() string { return "mysql" }

// ImplName is Alembic's impl class name.
func (m *MySQL) ImplName() string {
	if m.mariadb {
		return "MariaDBImpl"
	}
	return "MySQLImpl"
}

// TransactionalDDL is false: MySQL commits DDL implicitly.
func (*MySQL) TransactionalDDL() bool { return false }

// Compile turns one op into MySQL statements. Online (q non-nil) a mysql://
// dialect first asks the server whether it is MariaDB, as SQLAlchemy does on
// connect; batch_alter_table with recreate="always" and no copy_from
// reflects the table through q.
func (m *MySQL) Compile(ctx context.Context, q dialect.Querier, op ops.Op) ([]dialect.Stmt, error) {
	c, err := m.compilerFor(ctx, q)
	if err != nil {
		return nil, err
	}
	return c.Compile(ctx, q, op)
}

// QuoteIdent quotes name with backticks when SQLAlchemy would.
func (m *MySQL) QuoteIdent(name string) string { return m.hooks.quoter.Ident(name) }

// Literal renders v as a MySQL literal (backslashes doubled).
func (*MySQL) Literal(v any) (string, error) { return literals.Literal(v) }

// Reflect reads one table from information_schema. An empty schemaName
// means the connection's current database.
func (*MySQL) Reflect(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	return reflectTable(ctx, q, schemaName, table)
}

var literals = sqlbuild.LiteralStyle{BackslashEscapes: true, True: "true", False: "false"}
