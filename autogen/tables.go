package autogen

import (
	"fmt"
	"github.com/retort-dev/retort/internal/pyrepr"
	"slices"
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// addTable emits create_table (constraints inline, as Alembic renders them)
// followed by create_index for each of the table's indexes.
func (c *comparer) addTable(t *schema.Table) {
	tbl := t.Clone()
	tbl.Indexes = nil
	c.prepareEnums(tbl.Schema, tbl.Columns)
	c.emit("", "", &ops.CreateTable{Table: tbl}, fmt.Sprintf("('add_table', %s)", pyStr(key(t))))
	c.addedTables = append(c.addedTables, t)
	for _, ix := range sortedIndexes(t.Indexes) {
		if !c.include(Object{Type: "index", Schema: t.Schema, Table: t.Name, Name: ix.Name}) {
			continue
		}
		c.emit(t.Schema, t.Name, &ops.CreateIndex{Index: ix.Clone()}, indexDiff("add_index", ix))
		if c.o.Dialect == "mysql" {
			// MySQL refuses to drop an index a foreign key needs; the
			// downgrade's DROP TABLE takes the table's indexes with it.
			c.steps[len(c.steps)-1].undo = []ops.Op{}
		}
	}
}

// dropTable emits drop_index for the table's indexes, then drop_table with
// the reflected definition, so the downgrade can re-create both.
// On MySQL, which refuses to drop an index a foreign key needs, the
// indexes go with the table instead.
func (c *comparer) dropTable(t *schema.Table) {
	existing := t.Clone()
	existing.Indexes = nil
	c.prepareEnums(existing.Schema, existing.Columns)
	var recreate []ops.Op
	for _, ix := range sortedIndexes(t.Indexes) {
		if !c.include(Object{Type: "index", Schema: t.Schema, Table: t.Name, Name: ix.Name, Reflected: true}) {
			continue
		}
		if c.o.Dialect == "mysql" {
			recreate = append(recreate, &ops.CreateIndex{Index: ix.Clone()})
			continue
		}
		c.emit(t.Schema, t.Name, &ops.DropIndex{Schema: t.Schema, Table: t.Name, Name: ix.Name, Existing: ix.Clone()}, indexDiff("remove_index", ix))
	}
	drop := &ops.DropTable{Schema: t.Schema, Name: t.Name, Existing: existing}
	diff := fmt.Sprintf("('remove_table', %s)", pyStr(key(t)))
	if recreate != nil {
		c.emitWithUndo(drop, append([]ops.Op{&ops.CreateTable{Table: existing}}, recreate...), diff)
	} else {
		c.emit("", "", drop, diff)
	}
	c.droppedTables = append(c.droppedTables, t)
}

// compareTable compares a table both sides have, in Alembic's order: added
// columns, altered columns, indexes and unique constraints, foreign keys,
// check constraints, the table comment, then removed columns.
func (c *comparer) compareTable(tt, lt *schema.Table) error {
	liveCols := map[string]*schema.Column{}
	for _, col := range lt.Columns {
		if c.include(Object{Type: "column", Schema: lt.Schema, Table: lt.Name, Name: col.Name, Reflected: true}) {
			liveCols[col.Name] = col
		}
	}
	targetCols := map[string]bool{}
	for _, col := range tt.Columns {
		targetCols[col.Name] = true
	}
	for _, col := range tt.Columns {
		if _, ok := liveCols[col.Name]; ok {
			continue
		}
		if !c.include(Object{Type: "column", Schema: tt.Schema, Table: tt.Name, Name: col.Name}) {
			continue
		}
		add := col.Clone()
		c.prepareEnums(tt.Schema, []*schema.Column{add})
		c.emit(tt.Schema, tt.Name, &ops.AddColumn{Schema: tt.Schema, Table: tt.Name, Column: add},
			fmt.Sprintf("('add_column', %s, %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name), pyStr(col.Name)))
		c.addedColumns = append(c.addedColumns, tableColumn{tt.Schema, tt.Name, col})
	}
	for _, col := range tt.Columns {
		live, ok := liveCols[col.Name]
		if !ok || !c.include(Object{Type: "column", Schema: tt.Schema, Table: tt.Name, Name: col.Name}) {
			continue
		}
		if err := c.compareColumn(tt, lt, col, live); err != nil {
			return err
		}
	}
	c.compareIndexes(tt, lt)
	c.compareForeignKeys(tt, lt)
	c.compareChecks(tt, lt)
	c.compareTableComment(tt, lt)
	var dropped []string
	for name := range liveCols {
		if !targetCols[name] {
			dropped = append(dropped, name)
		}
	}
	// Alembic drops in the database's column order.
	slices.SortFunc(dropped, func(a, b string) int { return columnPos(lt, a) - columnPos(lt, b) })
	for _, name := range dropped {
		col := liveCols[name].Clone()
		c.prepareEnums(lt.Schema, []*schema.Column{col})
		c.emit(lt.Schema, lt.Name, &ops.DropColumn{Schema: lt.Schema, Table: lt.Name, Column: name, Existing: col},
			fmt.Sprintf("('remove_column', %s, %s, %s)", pyOpt(lt.Schema), pyStr(lt.Name), pyStr(name)))
		c.droppedColumns = append(c.droppedColumns, tableColumn{lt.Schema, lt.Name, col})
	}
	return nil
}

func columnPos(t *schema.Table, name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return len(t.Columns)
}

func sortedIndexes(list []*schema.Index) []*schema.Index {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b *schema.Index) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// pyStr and pyOpt spell values as Python's repr does, for check's output.
func pyStr(s string) string { return pyrepr.Str(s) }

func pyOpt(s string) string {
	if s == "" {
		return "None"
	}
	return pyStr(s)
}

func pyList(list []string) string { return pyrepr.List(list) }
