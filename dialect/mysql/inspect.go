package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

var (
	_ dialect.Inspector    = (*MySQL)(nil)
	_ dialect.TypeRenderer = (*MySQL)(nil)
)

// InspectSchema reads the base tables of one database (o.Schema, or the
// connection's current one when ""), with at most seven bulk queries
// whatever the number of tables (the server version, then TABLES, COLUMNS,
// KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, CHECK_CONSTRAINTS and
// STATISTICS of information_schema), into the reflected normal form of
// dialect.Inspector. For MySQL and MariaDB that means:
//
//   - a column's Type comes from COLUMN_TYPE ("int(11)" is Kind INTEGER,
//     Length 11, Dialect "mysql"); Charset and Collation are set only when
//     the column's collation is not the table's default; MariaDB's JSON
//     (LONGTEXT with a json_valid() check) is Kind "JSON";
//   - ServerDefault is ExprText as SHOW CREATE TABLE spells it ("'anon'",
//     "0.00", "current_timestamp()"); no default and DEFAULT NULL are nil;
//   - Autoincrement is "true" for the AUTO_INCREMENT column, "false" for
//     other integer columns (as SQLAlchemy reflects), "auto" otherwise; ON
//     UPDATE is DialectOptions["mysql_on_update"] ("current_timestamp()");
//     generated columns are Computed (VIRTUAL: Persisted false);
//   - the primary key is an unnamed PrimaryKey (MySQL calls every one
//     PRIMARY); foreign keys carry RefSchema only when it is another
//     database, and OnDelete/OnUpdate only when neither RESTRICT nor NO
//     ACTION; MariaDB's column-level checks are named after their column;
//   - a unique key is a Unique constraint, unless it has a prefix length or
//     a descending part, which only an Index can say; every other key is an
//     Index, including the one InnoDB adds for a foreign key that no other
//     index covers (named after the constraint, or after its first column
//     for an unnamed one), which is reported like any other index;
//   - an Index's prefix lengths are DialectOptions["mysql_length"] in the
//     per-column form the DDL reads back, "col:10, other:5";
//     FULLTEXT and SPATIAL are DialectOptions["mysql_prefix"];
//   - table DialectOptions hold mysql_engine, mysql_charset (the default
//     character set) and mysql_collate (the default collation).
func (*MySQL) InspectSchema(ctx context.Context, q dialect.Querier, o dialect.InspectOptions) (*schema.MetaData, error) {
	if q == nil {
		return nil, errors.New("mysql: inspect needs a database connection")
	}
	tables, err := readSchema(ctx, q, o.Schema, o.Tables)
	if err != nil {
		return nil, fmt.Errorf("mysql: inspect %s: %w", schemaLabel(o.Schema), err)
	}
	return &schema.MetaData{Schema: o.Schema, Tables: tables}, nil
}

func schemaLabel(s string) string {
	if s == "" {
		return "the current database"
	}
	return "database " + s
}

// systemSchemas are the server's own databases, which hold no user tables.
var systemSchemas = []any{"information_schema", "mysql", "performance_schema", "sys"}

// SchemaNames lists the databases other than the server's own, sorted.
func (*MySQL) SchemaNames(ctx context.Context, q dialect.Querier) ([]string, error) {
	if q == nil {
		return nil, errors.New("mysql: schema names need a database connection")
	}
	var names []string
	err := queryRows(ctx, q, `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (?, ?, ?, ?)`, systemSchemas, func(r *sql.Rows) error {
		var n string
		if err := r.Scan(&n); err != nil {
			return err
		}
		names = append(names, n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mysql: list databases: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

// DefaultSchema is DATABASE(), the database the connection uses; it is an
// error when the URL names none.
func (*MySQL) DefaultSchema(ctx context.Context, q dialect.Querier) (string, error) {
	if q == nil {
		return "", errors.New("mysql: default schema needs a database connection")
	}
	var db sql.NullString
	if err := queryRows(ctx, q, "SELECT DATABASE()", nil, func(r *sql.Rows) error { return r.Scan(&db) }); err != nil {
		return "", fmt.Errorf("mysql: ask the current database: %w", err)
	}
	if !db.Valid {
		return "", errors.New("mysql: the connection has no current database (the URL names none)")
	}
	return db.String, nil
}

// TypeSQL renders t as CREATE TABLE does (String(50) is "VARCHAR(50)").
// It needs no server: MySQL and MariaDB spell every type alike, and a
// with_variant alternative is chosen by the dialect's own name ("mysql"
// for New, "mariadb" for NewMariaDB), as SQLAlchemy chooses it.
func (m *MySQL) TypeSQL(t *schema.Type) (string, error) {
	s, err := m.compiler.Type(t)
	if err != nil {
		return "", fmt.Errorf("mysql: %w", err)
	}
	return s, nil
}

// DefaultSQL renders a server default as it follows DEFAULT in CREATE
// TABLE: a plain value as a quoted string, text verbatim, func.now() as
// now(). Neither does it depend on the server.
func (m *MySQL) DefaultSQL(e *schema.Expr) (string, error) {
	s, err := m.compiler.ServerDefault(e)
	if err != nil {
		return "", fmt.Errorf("mysql: %w", err)
	}
	return s, nil
}
