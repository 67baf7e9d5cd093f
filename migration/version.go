package migration

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/schema"
)

// versionColumn is the version table's only column, as Alembic names it.
const versionColumn = "version_num"

// versionTable builds the SQL that reads and writes the version table, with
// the dialect's quoting, so that it matches what SQLAlchemy renders for
// Alembic's Table("alembic_version", Column("version_num", String(32))).
type versionTable struct {
	d        dialect.Dialect
	schema   string
	name     string
	qualName string // quoted, schema-qualified table name
	qualCol  string // qualName + "." + quoted column
	column   string // quoted column
}

func newVersionTable(d dialect.Dialect, schemaName, name string) *versionTable {
	v := &versionTable{d: d, schema: schemaName, name: name}
	v.qualName = d.QuoteIdent(name)
	if schemaName != "" {
		// A dotted schema ("db.owner") is quoted part by part, as Alembic does.
		parts := strings.Split(schemaName, ".")
		for i, p := range parts {
			parts[i] = d.QuoteIdent(p)
		}
		v.qualName = strings.Join(parts, ".") + "." + v.qualName
	}
	v.column = d.QuoteIdent(versionColumn)
	v.qualCol = v.qualName + "." + v.column
	return v
}

// definition is Alembic's version table: version_num VARCHAR(32) NOT NULL
// with the primary key constraint <table>_pkc.
func (v *versionTable) definition() *schema.Table {
	return &schema.Table{
		Schema: v.schema,
		Name:   v.name,
		Columns: []*schema.Column{{
			Name:          versionColumn,
			Type:          &schema.Type{Kind: "String", Length: 32},
			Nullable:      false,
			Autoincrement: "auto",
		}},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Name: v.name + "_pkc", Columns: []string{versionColumn}}},
	}
}

func (v *versionTable) createOp() ops.Op { return &ops.CreateTable{Table: v.definition()} }

func (v *versionTable) dropOp() ops.Op {
	return &ops.DropTable{Schema: v.schema, Name: v.name, Existing: v.definition()}
}

// placeholder returns the n-th (1-based) bind parameter marker.
func (v *versionTable) placeholder(n int) string {
	if v.d.Name() == "postgresql" {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// stmt builds a statement whose SQL has placeholders and whose Inline text
// has the values rendered as literals, as Alembic prints them offline.
func (v *versionTable) stmt(format string, values ...string) (dialect.Stmt, error) {
	marks := make([]any, len(values))
	lits := make([]any, len(values))
	args := make([]any, len(values))
	for i, val := range values {
		marks[i] = v.placeholder(i + 1)
		lit, err := v.d.Literal(val)
		if err != nil {
			return dialect.Stmt{}, fmt.Errorf("rendering version %q: %w", val, err)
		}
		lits[i] = lit
		args[i] = val
	}
	return dialect.Stmt{SQL: fmt.Sprintf(format, marks...), Args: args, Inline: fmt.Sprintf(format, lits...)}, nil
}

func (v *versionTable) insert(version string) (dialect.Stmt, error) {
	format := "INSERT INTO " + v.qualName + " (" + v.column + ") VALUES (%s)"
	if v.d.Name() == "postgresql" {
		// SQLAlchemy's implicit RETURNING of the primary key, which Alembic's
		// offline PostgreSQL output shows.
		format += " RETURNING " + v.qualCol
	}
	return v.stmt(format, version)
}

func (v *versionTable) update(from, to string) (dialect.Stmt, error) {
	return v.stmt("UPDATE "+v.qualName+" SET "+v.column+"=%s WHERE "+v.qualCol+" = %s", to, from)
}

func (v *versionTable) delete(version string) (dialect.Stmt, error) {
	return v.stmt("DELETE FROM "+v.qualName+" WHERE "+v.qualCol+" = %s", version)
}

func (v *versionTable) deleteAll() dialect.Stmt {
	return dialect.Stmt{SQL: "DELETE FROM " + v.qualName}
}

// changeStatements turns one version-table change into statements in the
// order Alembic's HeadMaintainer emits them: a merge deletes rows, then
// updates the last; an unmerge inserts rows, then updates; so deletes and
// inserts come before updates.
func (v *versionTable) changeStatements(c revision.VersionChange) ([]dialect.Stmt, error) {
	var out []dialect.Stmt
	for _, id := range c.Delete {
		s, err := v.delete(id)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	for _, id := range c.Insert {
		s, err := v.insert(id)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	for _, u := range c.Update {
		s, err := v.update(u.From, u.To)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// existsQuery returns a query whose single row and column is non-zero /
// non-null when the version table exists.
func (v *versionTable) existsQuery() (string, []any) {
	switch v.d.Name() {
	case "postgresql":
		return "SELECT to_regclass($1) IS NOT NULL", []any{v.qualName}
	case "mysql", "mariadb":
		if v.schema == "" {
			return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", []any{v.name}
		}
		return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", []any{v.schema, v.name}
	default: // sqlite
		master := "sqlite_master"
		if v.schema != "" {
			master = v.d.QuoteIdent(v.schema) + ".sqlite_master"
		}
		return "SELECT COUNT(*) FROM " + master + " WHERE type = 'table' AND name = ?", []any{v.name}
	}
}

// exists reports whether the version table exists.
func (v *versionTable) exists(ctx context.Context, q dialect.Querier) (bool, error) {
	query, args := v.existsQuery()
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return false, fmt.Errorf("checking for version table %s: %w", v.qualName, err)
	}
	defer rows.Close()
	var found bool
	if rows.Next() {
		// PostgreSQL answers a boolean, the others a count.
		var answer any
		if err := rows.Scan(&answer); err != nil {
			return false, fmt.Errorf("checking for version table %s: %w", v.qualName, err)
		}
		switch a := answer.(type) {
		case bool:
			found = a
		case int64:
			found = a > 0
		case uint64:
			found = a > 0
		case []byte:
			found = string(a) != "0" && len(a) > 0
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("checking for version table %s: %w", v.qualName, err)
	}
	return found, nil
}

// read returns the rows of the version table.
func (v *versionTable) read(ctx context.Context, q dialect.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+v.column+" FROM "+v.qualName)
	if err != nil {
		return nil, fmt.Errorf("reading version table %s: %w", v.qualName, err)
	}
	defer rows.Close()
	var heads []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("reading version table %s: %w", v.qualName, err)
		}
		heads = append(heads, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading version table %s: %w", v.qualName, err)
	}
	return heads, nil
}
