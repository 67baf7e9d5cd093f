package sqlite

import (
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/schema"
)

// createTable compiles op.create_table: CREATE TABLE, then the table's
// indexes (Index objects, then Column(index=True) ones). Comments are
// dropped: SQLite has none.
func (d *SQLite) createTable(t *schema.Table) ([]dialect.Stmt, error) {
	if t == nil {
		return nil, errors.New("no table given")
	}
	st, err := d.createTableStmt(t, -1)
	if err != nil {
		return nil, err
	}
	out := []dialect.Stmt{st}
	for _, idx := range ddl.TableIndexes(t) {
		s, err := d.compiler.Hooks.CreateIndexSQL(d.compiler, idx, false)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: s})
	}
	return out, nil
}

// createTableStmt renders CREATE TABLE. SQLite keeps the statement text
// verbatim in sqlite_master, so the executed SQL keeps SQLAlchemy's tab
// indentation (a database built by retort then reads exactly like one
// built by Alembic), while Inline, the offline text, has the four spaces
// Alembic's --sql output prints.
//
// typeChecksAt < 0 gives create_table's order: primary key, the table's
// constraints, then per column its unique, type CHECK and foreign keys.
// typeChecksAt >= 0 gives a batch-recreated table's order: primary key,
// the first typeChecksAt constraints, every column's type CHECK, then the
// remaining constraints (SQLAlchemy creates type CHECKs while building the
// new Table, before Alembic appends the copied constraints).
func (d *SQLite) createTableStmt(t *schema.Table, typeChecksAt int) (dialect.Stmt, error) {
	c := d.compiler
	var items []string
	for _, col := range t.Columns {
		spec, err := c.ColumnClause(t, col)
		if err != nil {
			return dialect.Stmt{}, fmt.Errorf("(in table '%s', column '%s'): %w", t.Name, col.Name, err)
		}
		items = append(items, spec)
	}
	cons, err := d.tableConstraints(t, typeChecksAt)
	if err != nil {
		return dialect.Stmt{}, fmt.Errorf("table %s: %w", t.Name, err)
	}
	items = append(items, cons...)
	post, err := c.Hooks.PostCreateTable(c, t)
	if err != nil {
		return dialect.Stmt{}, err
	}
	render := func(indent string) string {
		return "CREATE TABLE " + c.Table(t.Schema, t.Name) + " (\n" + indent +
			strings.Join(items, ", \n"+indent) + "\n)" + post
	}
	return dialect.Stmt{SQL: render("\t"), Inline: render(ddl.Indent)}, nil
}

func (d *SQLite) tableConstraints(t *schema.Table, typeChecksAt int) ([]string, error) {
	c := d.compiler
	var out []string
	add := func(con schema.Constraint) error {
		if fk, ok := con.(*schema.ForeignKey); ok {
			// SQLite cannot reference another schema: SQLAlchemy omits such a
			// foreign key, and names the referenced table without its schema.
			if fk.RefSchema != t.Schema {
				return nil
			}
			cp := *fk
			cp.RefSchema = ""
			con = &cp
		}
		s, err := c.ConstraintSQL(con)
		if err != nil {
			return err
		}
		out = append(out, s)
		return nil
	}
	if inlinePrimaryKey(t) == nil {
		if pk := explicitPK(t); pk != nil {
			if len(pk.Columns) > 0 {
				if err := add(pk); err != nil {
					return nil, err
				}
			}
		} else if cols := ddl.PrimaryKeyColumns(t); len(cols) > 0 {
			// An implicit key lists the autoincrement column first
			// (SQLAlchemy's columns_autoinc_first).
			if ai := ddl.AutoincrementColumn(t); ai != nil && cols[0] != ai.Name {
				ordered := []string{ai.Name}
				for _, n := range cols {
					if n != ai.Name {
						ordered = append(ordered, n)
					}
				}
				cols = ordered
			}
			if err := add(&schema.PrimaryKey{Columns: cols}); err != nil {
				return nil, err
			}
		}
	}
	var rest []schema.Constraint
	for _, con := range t.Constraints {
		if _, ok := con.(*schema.PrimaryKey); !ok {
			rest = append(rest, con)
		}
	}
	typeChecks := func() error {
		for _, col := range t.Columns {
			if ck := c.Hooks.ColumnCheck(c, col); ck != nil {
				if err := add(ck); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if typeChecksAt >= 0 {
		if typeChecksAt > len(rest) {
			typeChecksAt = len(rest)
		}
		for _, con := range rest[:typeChecksAt] {
			if err := add(con); err != nil {
				return nil, err
			}
		}
		if err := typeChecks(); err != nil {
			return nil, err
		}
		rest = rest[typeChecksAt:]
	}
	for _, con := range rest {
		if err := add(con); err != nil {
			return nil, err
		}
	}
	if typeChecksAt >= 0 {
		return out, nil
	}
	// SQLAlchemy attaches a column's own constraints when the column joins
	// the table, after the table-level ones: unique=True, then the type's
	// CHECK, then its ForeignKeys.
	for _, col := range t.Columns {
		if col.Unique && !col.Index {
			out = append(out, "UNIQUE ("+c.Ident(col.Name)+")")
		}
		if ck := c.Hooks.ColumnCheck(c, col); ck != nil {
			if err := add(ck); err != nil {
				return nil, err
			}
		}
		for _, ref := range col.ForeignKeys {
			fk, err := ddl.ColumnForeignKey(col.Name, ref)
			if err != nil {
				return nil, fmt.Errorf("column %s: %w", col.Name, err)
			}
			if err := add(fk); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func explicitPK(t *schema.Table) *schema.PrimaryKey {
	for _, con := range t.Constraints {
		if pk, ok := con.(*schema.PrimaryKey); ok {
			return pk
		}
	}
	return nil
}
