package ddl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/batch"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// ErrNeedsConnection is wrapped when a batch must be recreated from the
// live table, but there is no connection (offline) and no copy_from.
var ErrNeedsConnection = errors.New("needs a live database connection")

// Recreate describes how a dialect performs batch "move and copy" on a
// database that could otherwise ALTER in place (batch_alter_table with
// recreate="always").
type Recreate struct {
	// Reflect reads the live table when the batch has no copy_from.
	Reflect func(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error)
	// Prepare returns statements run before the new table is created
	// (PostgreSQL drops the old table's named constraints, whose names the
	// new table reuses). nil means none.
	Prepare func(c *Compiler, old *schema.Table, reflected bool) []dialect.Stmt
	// CastType renders the type of CAST(x AS type) for a column whose type
	// changes affinity; false skips the CAST (a type the database cannot
	// cast to).
	CastType func(c *Compiler, t *schema.Type) (string, bool)
}

// BatchSource returns the table a batch rebuild starts from, and whether it
// was reflected: the script's copy_from (named after the batch's table when
// it has no name or schema of its own), else the live table read through
// reflect. Offline (q nil) without copy_from is Alembic's error.
func BatchSource(ctx context.Context, q dialect.Querier, b *ops.BatchAlterTable, dialectName string,
	reflect func(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error)) (*schema.Table, bool, error) {
	if existing := b.CopyFrom; existing != nil {
		if existing.Name == "" || (existing.Schema == "" && b.Schema != "") {
			cp := *existing
			if cp.Name == "" {
				cp.Name = b.Table
			}
			if cp.Schema == "" {
				cp.Schema = b.Schema
			}
			existing = &cp
		}
		return existing, false, nil
	}
	if q == nil || reflect == nil {
		return nil, false, batch.Errorf(ErrNeedsConnection, "This operation cannot proceed in --sql mode; batch mode with dialect %s "+
			"requires a live database connection with which to reflect the table \"%s\". "+
			"To generate a batch SQL migration script using table \"move and copy\", a complete Table object "+
			"should be passed to the \"copy_from\" argument of the batch_alter_table() method so that table "+
			"reflection can be skipped.", dialectName, b.Table)
	}
	existing, err := reflect(ctx, q, b.Schema, b.Table)
	return existing, err == nil, err
}

// CompileBatch compiles op.batch_alter_table for a database that alters in
// place: with recreate "auto" or "never" the inner ops run one by one, with
// "always" the table is rebuilt by the batch planner as Alembic's
// ApplyBatchImpl does (CREATE TABLE _alembic_tmp_t, INSERT ... SELECT, DROP
// TABLE t, RENAME, CREATE INDEX).
func CompileBatch(ctx context.Context, c *Compiler, q dialect.Querier, b *ops.BatchAlterTable, r Recreate) ([]dialect.Stmt, error) {
	recreate, err := batch.ShouldRecreate(b.Recreate, false)
	if err != nil {
		return nil, err
	}
	if !recreate {
		for _, o := range b.Ops {
			if ac, ok := o.(*ops.AddColumn); ok && (ac.InsertBefore != "" || ac.InsertAfter != "") {
				return nil, fmt.Errorf("%w: Can't specify insert_before or insert_after when using ALTER; please specify recreate='always'", batch.ErrInvalidBatch)
			}
		}
		return CompileBatchInPlace(ctx, c, q, b)
	}
	existing, reflected, err := BatchSource(ctx, q, b, c.Hooks.Name(), r.Reflect)
	if err != nil {
		return nil, err
	}
	plan, err := batch.New(existing, b, reflected)
	if err != nil {
		return nil, err
	}
	if len(plan.NewTable.Columns) == 0 {
		return nil, errors.New("batch would leave the table without columns")
	}
	var out []dialect.Stmt
	if r.Prepare != nil {
		out = append(out, r.Prepare(c, plan.Table, reflected)...)
	}
	create, err := c.CreateTable(plan.NewTable)
	if err != nil {
		return nil, err
	}
	out = append(out, create...)
	if len(plan.Transfers) > 0 {
		out = append(out, dialect.Stmt{SQL: copySQL(c, plan, r.CastType)})
	}
	out = append(out,
		dialect.Stmt{SQL: "DROP TABLE " + c.Table(plan.Table.Schema, plan.Table.Name)},
		dialect.Stmt{SQL: c.AlterTable(plan.NewTable.Schema, plan.NewTable.Name) + " RENAME TO " + c.Ident(plan.Table.Name)},
	)
	for _, idx := range plan.Indexes {
		s, err := c.Hooks.CreateIndexSQL(c, idx, false)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	return out, nil
}

// copySQL renders INSERT INTO tmp (cols) SELECT t.col, CAST(t.col AS T) AS
// col ... \nFROM t in SQLAlchemy's layout.
func copySQL(c *Compiler, p *batch.Plan, castType func(*Compiler, *schema.Type) (string, bool)) string {
	old := c.Table(p.Table.Schema, p.Table.Name)
	into := make([]string, len(p.Transfers))
	sel := make([]string, len(p.Transfers))
	for i, tr := range p.Transfers {
		into[i] = c.Ident(tr.Column)
		src := old + "." + c.Ident(tr.Source)
		if tr.ToType != nil && TypeAffinity(tr.FromType) != TypeAffinity(tr.ToType) {
			to := ResolveVariant(tr.ToType, c.Hooks.Name())
			if ts, ok := castType(c, to); ok {
				src = "CAST(" + src + " AS " + ts + ")"
			}
			src += " AS " + c.Ident(tr.Source)
		}
		sel[i] = src
	}
	return "INSERT INTO " + c.Table(p.NewTable.Schema, p.NewTable.Name) + " (" + strings.Join(into, ", ") +
		") SELECT " + strings.Join(sel, ", ") + " \nFROM " + old
}

// TypeAffinity is SQLAlchemy's _type_affinity: the generic family a type
// belongs to ("Integer", "String", "Numeric", "DateTime", ...). Types in
// the same family convert without a CAST in batch copies.
func TypeAffinity(t *schema.Type) string {
	if t == nil {
		return ""
	}
	switch strings.ToUpper(t.Kind) {
	case "INTEGER", "INT", "SMALLINTEGER", "SMALLINT", "BIGINTEGER", "BIGINT", "TINYINT", "MEDIUMINT":
		return "Integer"
	case "STRING", "UNICODE", "VARCHAR", "NVARCHAR", "CHAR", "NCHAR", "TEXT", "UNICODETEXT", "CLOB",
		"TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET", "CITEXT":
		return "String"
	case "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE", "DOUBLE_PRECISION", "MONEY":
		return "Numeric"
	case "DATETIME", "TIMESTAMP":
		return "DateTime"
	case "DATE":
		return "Date"
	case "TIME":
		return "Time"
	case "BOOLEAN":
		return "Boolean"
	case "LARGEBINARY", "BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "BINARY", "VARBINARY", "BYTEA":
		return "LargeBinary"
	case "INTERVAL":
		return "Interval"
	case "JSON", "JSONB":
		return "JSON"
	}
	return strings.ToUpper(t.Kind)
}
