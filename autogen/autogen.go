// Package autogen compares the schema a project wants (its models) with the
// schema a live database has (reflected) and produces the migration
// operations that turn one into the other: Alembic's autogenerate, as pure
// functions over package schema values. It reads no files and opens no
// connections; the caller loads the target metadata, reflects the database
// through a dialect.Inspector, and renders the result (autogen/render).
//
// The comparison follows Alembic 1.8–1.19: tables added and removed (in
// dependency order), columns added and removed, nullability, types (with
// Alembic's tolerance for equivalent spellings), server defaults (opt-in),
// indexes and unique constraints, foreign keys, check constraints, table and
// column comments. Renames cannot be detected — a rename is a drop and an
// add — but when one run drops and adds objects of the same shape the result
// carries a comment saying so. Beyond Alembic: PostgreSQL enum types are
// created before their first table and dropped after their last, values added
// to an enum become ALTER TYPE ... ADD VALUE, and a changed predicate, method
// or include list of an index is detected.
package autogen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Options control a comparison.
type Options struct {
	// Dialect is "postgresql", "mysql" or "sqlite".
	Dialect string
	// Types renders types and defaults for comparison; nil compares type
	// kinds only.
	Types dialect.TypeRenderer
	// CompareType compares column types (Alembic >= 1.12 default: true).
	CompareType bool
	// CompareServerDefault compares server defaults (default false).
	CompareServerDefault bool
	// EqualDefaults, when set, decides whether a reflected default and a
	// model default (both as SQL text) are equal where their text differs;
	// PostgreSQL asks the database (SELECT a = b), as Alembic does.
	EqualDefaults func(reflected, model string) (bool, error)
	// VersionTable and VersionTableSchema name the version table, which is
	// never compared. VersionTable "" means "alembic_version".
	VersionTable       string
	VersionTableSchema string
	// Include decides whether an object takes part (include_tables /
	// exclude_tables, env.py's include_name / include_object); nil includes
	// everything.
	Include func(Object) bool
	// RenderAsBatch groups each table's alterations in a batch_alter_table.
	RenderAsBatch bool
}

// Object names one object for the Include filter.
type Object struct {
	// Type is Alembic's type_: "table", "column", "index",
	// "unique_constraint" or "foreign_key_constraint".
	Type   string
	Schema string
	Table  string // the owning table, for everything but tables
	Name   string
	// Reflected is true for an object of the database, false for one of the models.
	Reflected bool
}

// Result is what a comparison finds.
type Result struct {
	// Upgrade turns the database into the models; Downgrade undoes it.
	Upgrade   []ops.Op
	Downgrade []ops.Op
	// Comments are notes for the script's reader (rename hints).
	Comments []string
	// Diffs describe each change in one line, in Upgrade's order, for check.
	Diffs []string
}

// Empty reports whether nothing differs.
func (r *Result) Empty() bool { return len(r.Upgrade) == 0 }

// Compare compares target (the models) with live (the reflected database).
// Neither input is changed.
func Compare(target, live *schema.MetaData, o Options) (*Result, error) {
	if o.VersionTable == "" {
		o.VersionTable = "alembic_version"
	}
	c := &comparer{o: o, target: schema.Normalize(target), live: schema.Normalize(live)}
	if o.Dialect == "postgresql" {
		forgetSerialDefaults(c.live)
	}
	if err := c.run(); err != nil {
		return nil, err
	}
	up, down, err := c.scripts()
	if err != nil {
		return nil, err
	}
	return &Result{Upgrade: up, Downgrade: down, Comments: c.renameHints(), Diffs: c.diffs}, nil
}

// comparer holds one comparison's inputs and the ops found so far.
type comparer struct {
	o            Options
	target, live *schema.MetaData
	// steps are the ops in order, each tagged with the table it alters
	// ("" for whole-table and schema-level ops), for batch grouping.
	steps []step
	diffs []string
	// added and dropped record shapes for rename hints.
	addedTables, droppedTables   []*schema.Table
	addedColumns, droppedColumns []tableColumn
	// created names the enum types this run creates ("schema.name").
	created map[string]bool
}

type step struct {
	schema, table string // set for ops that alter an existing table
	op            ops.Op
	// undo, when set, is what reverses op in the downgrade; otherwise
	// op.Reverse() does.
	undo []ops.Op
}

type tableColumn struct {
	schema, table string
	col           *schema.Column
}

func (c *comparer) emit(schemaName, table string, op ops.Op, diff string) {
	c.steps = append(c.steps, step{schema: schemaName, table: table, op: op})
	c.diffs = append(c.diffs, diff)
}

// emitWithUndo records an op whose reversal is given explicitly.
func (c *comparer) emitWithUndo(op ops.Op, undo []ops.Op, diff string) {
	c.steps = append(c.steps, step{op: op, undo: undo})
	c.diffs = append(c.diffs, diff)
}

func (c *comparer) include(obj Object) bool {
	return c.o.Include == nil || c.o.Include(obj)
}

// scripts returns the upgrade ops and their reversal, the downgrade: each
// step undone, in reverse order (Alembic's reverse_into). Under
// RenderAsBatch each run of one table's alterations becomes a
// BatchAlterTable, on both sides.
func (c *comparer) scripts() (up, down []ops.Op, err error) {
	undone := make([]step, 0, len(c.steps))
	for i := len(c.steps) - 1; i >= 0; i-- {
		s := c.steps[i]
		undo := s.undo
		if undo == nil {
			r, err := s.op.Reverse()
			if err != nil {
				return nil, nil, fmt.Errorf("autogenerate: reversing the upgrade operations: %w", err)
			}
			undo = []ops.Op{r}
		}
		for _, op := range undo {
			undone = append(undone, step{schema: s.schema, table: s.table, op: op})
		}
	}
	return c.grouped(c.steps), c.grouped(undone), nil
}

func (c *comparer) grouped(steps []step) []ops.Op {
	var out []ops.Op
	var batch *ops.BatchAlterTable
	for _, s := range steps {
		if !c.o.RenderAsBatch || s.table == "" {
			batch = nil
			out = append(out, s.op)
			continue
		}
		if batch == nil || batch.Table != s.table || batch.Schema != s.schema {
			batch = &ops.BatchAlterTable{Schema: s.schema, Table: s.table, Recreate: "auto"}
			out = append(out, batch)
		}
		batch.Ops = append(batch.Ops, s.op)
	}
	return out
}

func (c *comparer) run() error {
	c.compareEnumsBefore()
	targetTables := indexTables(c.target.Tables)
	liveTables := indexTables(c.live.Tables)

	var added, dropped, common []*schema.Table
	for _, t := range sortedByDependency(c.target.Tables) {
		if _, ok := liveTables[key(t)]; ok {
			continue
		}
		if c.include(Object{Type: "table", Schema: t.Schema, Name: t.Name}) {
			added = append(added, t)
		}
	}
	for _, t := range c.live.Tables {
		if c.isVersionTable(t) {
			continue
		}
		if _, ok := targetTables[key(t)]; ok {
			common = append(common, t)
			continue
		}
		if c.include(Object{Type: "table", Schema: t.Schema, Name: t.Name, Reflected: true}) {
			dropped = append(dropped, t)
		}
	}
	for _, t := range added {
		c.addTable(t)
	}
	// Dependents first, so foreign keys never point at a dropped table.
	byDep := sortedByDependency(dropped)
	slices.Reverse(byDep)
	for _, t := range byDep {
		c.dropTable(t)
	}
	slices.SortFunc(common, func(a, b *schema.Table) int { return strings.Compare(key(a), key(b)) })
	for _, lt := range common {
		tt := targetTables[key(lt)]
		if !c.include(Object{Type: "table", Schema: tt.Schema, Name: tt.Name}) {
			continue
		}
		if err := c.compareTable(tt, lt); err != nil {
			return err
		}
	}
	c.compareEnumsAfter()
	return nil
}

// forgetSerialDefaults drops the nextval() default of serial columns, as
// Alembic's PostgreSQL reflection hook does: it belongs to the column's own
// sequence, which SERIAL re-creates, not to anything the models say.
func forgetSerialDefaults(md *schema.MetaData) {
	for _, t := range md.Tables {
		for _, c := range t.Columns {
			if c.Autoincrement == "true" && c.ServerDefault != nil && strings.HasPrefix(c.ServerDefault.Text, "nextval(") {
				c.ServerDefault = nil
			}
		}
	}
}

func (c *comparer) isVersionTable(t *schema.Table) bool {
	return t.Name == c.o.VersionTable && t.Schema == c.o.VersionTableSchema
}

func key(t *schema.Table) string {
	if t.Schema == "" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}

func qualified(schemaName, name string) string {
	if schemaName == "" {
		return name
	}
	return schemaName + "." + name
}

func indexTables(ts []*schema.Table) map[string]*schema.Table {
	m := make(map[string]*schema.Table, len(ts))
	for _, t := range ts {
		m[key(t)] = t
	}
	return m
}

// sortedByDependency orders tables as SQLAlchemy's sorted_tables does:
// in rounds, each round taking (in name order) every table whose foreign
// keys point only at tables already taken. Tables caught in a cycle follow
// in name order.
func sortedByDependency(ts []*schema.Table) []*schema.Table {
	byKey := indexTables(ts)
	todo := make([]string, 0, len(ts))
	for k := range byKey {
		todo = append(todo, k)
	}
	slices.Sort(todo)
	deps := map[string][]string{}
	for _, k := range todo {
		t := byKey[k]
		for _, con := range t.Constraints {
			fk, ok := con.(*schema.ForeignKey)
			if !ok || fk.UseAlter {
				continue
			}
			dep := qualified(fk.RefSchema, fk.RefTable)
			if fk.RefSchema == "" && t.Schema != "" {
				dep = qualified(t.Schema, fk.RefTable)
			}
			if _, ok := byKey[dep]; ok && dep != k {
				deps[k] = append(deps[k], dep)
			}
		}
	}
	done := map[string]bool{}
	var out []*schema.Table
	for len(todo) > 0 {
		var round, rest []string
		for _, k := range todo {
			ready := true
			for _, d := range deps[k] {
				if !done[d] {
					ready = false
					break
				}
			}
			if ready {
				round = append(round, k)
			} else {
				rest = append(rest, k)
			}
		}
		if len(round) == 0 {
			round, rest = rest, nil // a cycle: the rest in name order
		}
		for _, k := range round {
			done[k] = true
			out = append(out, byKey[k])
		}
		todo = rest
	}
	return out
}
