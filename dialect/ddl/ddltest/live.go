package ddltest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Apply compiles each op online and executes its statements on db,
// failing the test on the first error.
func Apply(t *testing.T, d dialect.Dialect, db *sql.DB, list ...ops.Op) {
	t.Helper()
	ctx := context.Background()
	for _, op := range list {
		stmts, err := d.Compile(ctx, db, op)
		if err != nil {
			t.Fatalf("compile %T: %v", op, err)
		}
		for _, s := range stmts {
			if _, err := db.ExecContext(ctx, s.SQL, s.Args...); err != nil {
				t.Fatalf("exec %q %v: %v", s.SQL, s.Args, err)
			}
		}
	}
}

// Reflect reads a table or fails the test.
func Reflect(t *testing.T, d dialect.Dialect, db *sql.DB, schemaName, table string) *schema.Table {
	t.Helper()
	tb, err := d.Reflect(context.Background(), db, schemaName, table)
	if err != nil {
		t.Fatalf("reflect %s: %v", table, err)
	}
	return tb
}

// Column returns the named column of a reflected table or fails the test.
func Column(t *testing.T, tb *schema.Table, name string) *schema.Column {
	t.Helper()
	c := tb.Column(name)
	if c == nil {
		var names []string
		for _, c := range tb.Columns {
			names = append(names, c.Name)
		}
		t.Fatalf("table %s has no column %s (has %v)", tb.Name, name, names)
	}
	return c
}

// ColumnNames lists a table's column names in order.
func ColumnNames(tb *schema.Table) []string {
	var out []string
	for _, c := range tb.Columns {
		out = append(out, c.Name)
	}
	return out
}

// Constraint returns the constraint called name, or nil.
func Constraint(tb *schema.Table, name string) schema.Constraint {
	for _, c := range tb.Constraints {
		if c.ConstraintName() == name {
			return c
		}
	}
	return nil
}

// FirstConstraint returns the table's first constraint of type C (for
// example *schema.PrimaryKey), or nil.
func FirstConstraint[C schema.Constraint](tb *schema.Table) C {
	for _, c := range tb.Constraints {
		if c, ok := c.(C); ok {
			return c
		}
	}
	var zero C
	return zero
}

// Index returns the index called name, or nil.
func Index(tb *schema.Table, name string) *schema.Index {
	for _, ix := range tb.Indexes {
		if ix.Name == name {
			return ix
		}
	}
	return nil
}

// Count returns SELECT count(*) of a query's rows.
func Count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM ("+query+") q", args...).Scan(&n); err != nil {
		t.Fatalf("count %q: %v", query, err)
	}
	return n
}
