package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/batch"
	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// RequiresRecreate is SQLiteImpl.requires_recreate_in_batch: a batch needs
// "move and copy" unless it only creates or drops indexes and adds plain
// columns (no SQL-expression default, no stored computed value, no
// constraint of their own).
func RequiresRecreate(list []ops.Op) bool {
	for _, o := range list {
		switch o := o.(type) {
		case *ops.AddColumn:
			if o.Column == nil {
				continue
			}
			// A plain string default can be added by ALTER; sa.text() and
			// SQL expressions need the table rebuilt (Alembic tests for a
			// ClauseElement).
			if d := o.Column.ServerDefault; d != nil && (d.Kind == schema.ExprText || isSQLExpression(d)) {
				return true
			}
			if cp := o.Column.Computed; cp != nil && cp.Persisted != nil && *cp.Persisted {
				return true
			}
			// The column's constraints (unique=True, ForeignKey, a Boolean or
			// Enum CHECK) reach the batch as add_constraint ops, which SQLite
			// can only apply by recreating the table.
			if (o.Column.Unique && !o.Column.Index) || len(o.Column.ForeignKeys) > 0 ||
				(o.Column.Type != nil && o.Column.Type.CreateConstraint) {
				return true
			}
		case *ops.CreateIndex, *ops.DropIndex:
		default:
			return true
		}
	}
	return false
}

// batchAlterTable compiles op.batch_alter_table. Without recreation the
// ops run one by one, as plain ALTERs; with it, the table is rebuilt from
// copy_from, or from the live database through q.
func (d *SQLite) batchAlterTable(ctx context.Context, q dialect.Querier, b *ops.BatchAlterTable) ([]dialect.Stmt, error) {
	recreate, err := batch.ShouldRecreate(b.Recreate, RequiresRecreate(b.Ops))
	if err != nil {
		return nil, err
	}
	// Alembic checks insert_before/insert_after as each add_column arrives,
	// against the ops seen so far.
	for i, o := range b.Ops {
		if ac, ok := o.(*ops.AddColumn); ok && (ac.InsertBefore != "" || ac.InsertAfter != "") {
			soFar, _ := batch.ShouldRecreate(b.Recreate, RequiresRecreate(b.Ops[:i]))
			if !soFar {
				return nil, batch.Errorf(batch.ErrInvalidBatch, "Can't specify insert_before or insert_after when using ALTER; please specify recreate='always'")
			}
		}
	}
	if !recreate {
		var out []dialect.Stmt
		for i, o := range b.Ops {
			stmts, err := d.Compile(ctx, q, ddl.BindToTable(o, b.Schema, b.Table))
			if err != nil {
				return nil, fmt.Errorf("op %d of the batch: %w", i+1, err)
			}
			out = append(out, stmts...)
		}
		return out, nil
	}
	existing, reflected, err := ddl.BatchSource(ctx, q, b, "sqlite", d.Reflect)
	if err != nil {
		return nil, err
	}
	if q != nil {
		if err := checkForeignKeyEnforcement(ctx, q, existing); err != nil {
			return nil, err
		}
	}
	plan, err := batch.New(existing, b, reflected)
	if err != nil {
		return nil, err
	}
	return d.compilePlan(plan)
}

// ErrForeignKeysEnforced is wrapped when a table cannot be recreated
// safely because SQLite enforces foreign keys on the connection and other
// tables reference it.
var ErrForeignKeysEnforced = errors.New("foreign key enforcement is on")

// checkForeignKeyEnforcement refuses a recreation that would lose or
// reject data: with PRAGMA foreign_keys=ON, the DROP TABLE of the copy
// deletes every row first, which fires the ON DELETE actions (CASCADE, SET
// NULL) of the tables that reference it, or fails on their rows. The
// pragma cannot be switched inside a transaction, so the caller must run
// the migration with enforcement off, as SQLite's ALTER TABLE guide says.
func checkForeignKeyEnforcement(ctx context.Context, q dialect.Querier, t *schema.Table) error {
	on, err := queryRows(ctx, q, "PRAGMA foreign_keys")
	if err != nil {
		return err
	}
	if len(on) == 0 || strOf(on[0][0]) != "1" {
		return nil
	}
	refs, err := queryRows(ctx, q, "SELECT DISTINCT m.name FROM "+master(t.Schema)+" AS m, pragma_foreign_key_list(m.name) AS f "+
		"WHERE m.type = 'table' AND m.name <> ? AND f.\"table\" = ? COLLATE NOCASE ORDER BY m.name", t.Name, t.Name)
	if err != nil {
		return err
	}
	if len(refs) == 0 {
		return nil
	}
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = strOf(r[0])
	}
	return batch.Errorf(ErrForeignKeysEnforced, "batch mode must drop and recreate table %q, which %s reference(s) by foreign key; "+
		"with PRAGMA foreign_keys=ON that DROP would run their ON DELETE actions. Run this migration with foreign keys off",
		t.Name, strings.Join(names, ", "))
}

// compilePlan renders a move-and-copy plan as Alembic's ApplyBatchImpl
// emits it: CREATE TABLE _alembic_tmp_x, INSERT ... SELECT, DROP TABLE x,
// ALTER TABLE _alembic_tmp_x RENAME TO x, then CREATE INDEX for each index.
func (d *SQLite) compilePlan(p *batch.Plan) ([]dialect.Stmt, error) {
	c := d.compiler
	if len(p.NewTable.Columns) == 0 {
		return nil, errors.New("batch would leave the table without columns; SQLite tables need at least one")
	}
	create, err := d.createTableStmt(p.NewTable, p.TableArgCount)
	if err != nil {
		return nil, err
	}
	out := []dialect.Stmt{create}
	if len(p.Transfers) > 0 {
		out = append(out, dialect.Stmt{SQL: d.copySQL(p)})
	}
	old := c.Table(p.Table.Schema, p.Table.Name)
	out = append(out,
		dialect.Stmt{SQL: "DROP TABLE " + old},
		dialect.Stmt{SQL: c.AlterTable(p.NewTable.Schema, p.NewTable.Name) + " RENAME TO " + c.Ident(p.Table.Name)},
	)
	for _, idx := range p.Indexes {
		s, err := c.Hooks.CreateIndexSQL(c, idx, false)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	return out, nil
}

// copySQL renders INSERT INTO new (cols) SELECT old.col, CAST(old.col AS
// T) AS col, ... FROM old, in SQLAlchemy's layout (a space before the
// newline that precedes FROM).
func (d *SQLite) copySQL(p *batch.Plan) string {
	c := d.compiler
	old := c.Table(p.Table.Schema, p.Table.Name)
	into := make([]string, len(p.Transfers))
	sel := make([]string, len(p.Transfers))
	for i, tr := range p.Transfers {
		into[i] = c.Ident(tr.Column)
		src := old + "." + c.Ident(tr.Source)
		if tr.ToType != nil && needsCast(tr.FromType, tr.ToType) {
			if ts, err := c.Type(tr.ToType); err == nil {
				src = "CAST(" + src + " AS " + ts + ") AS " + c.Ident(tr.Source)
			}
		}
		sel[i] = src
	}
	return "INSERT INTO " + c.Table(p.NewTable.Schema, p.NewTable.Name) + " (" + strings.Join(into, ", ") +
		") SELECT " + strings.Join(sel, ", ") + " \nFROM " + old
}
