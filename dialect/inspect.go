package dialect

import (
	"context"

	"github.com/retort-dev/retort/schema"
)

// Inspector reads whole schemas from a live database, for autogenerate.
// Implementations use a handful of bulk catalog queries per schema, never
// one round trip per table.
//
// What InspectSchema returns is in retort's reflected normal form:
//   - tables sorted by name, columns in their ordinal order;
//   - every constraint at the table level: Table.Constraints holds the
//     primary key, foreign keys, unique constraints and check constraints,
//     each with the name the database gave it ("" only where the database
//     keeps no name, as SQLite does for inline constraints);
//   - Table.Indexes holds the indexes that do not merely back a primary key
//     or a unique constraint;
//   - the column flags PrimaryKey, Unique, Index and ForeignKeys are left
//     zero (they are the model side's shorthand);
//   - server defaults are ExprText holding the database's own spelling;
//   - PostgreSQL enum types are listed in MetaData.Enums, and each enum
//     column's Type carries the labels in Values.
type Inspector interface {
	// InspectSchema reads the tables of one schema.
	InspectSchema(ctx context.Context, q Querier, o InspectOptions) (*schema.MetaData, error)
	// SchemaNames lists the schemas a user can keep tables in (databases on
	// MySQL), without the system ones, sorted.
	SchemaNames(ctx context.Context, q Querier) ([]string, error)
	// DefaultSchema names the connection's default schema ("main" on SQLite).
	DefaultSchema(ctx context.Context, q Querier) (string, error)
}

// InspectOptions selects what InspectSchema reads.
type InspectOptions struct {
	// Schema is the schema to read; "" is the connection's default schema,
	// and the returned tables then carry Schema "".
	Schema string
	// Tables limits the result to these table names; nil reads every table.
	Tables []string
}

// TypeRenderer renders types and defaults the way the dialect's DDL does;
// autogenerate compares a model's type with a reflected one through it.
type TypeRenderer interface {
	// TypeSQL renders a column type as it appears in CREATE TABLE.
	TypeSQL(t *schema.Type) (string, error)
	// DefaultSQL renders a server default as it appears after DEFAULT.
	DefaultSQL(e *schema.Expr) (string, error)
}
