package autogen

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/schema"
)

// renameHints points out drops and adds of the same shape: autogenerate
// cannot tell a rename from a drop and an add, but the reader can.
func (c *comparer) renameHints() []string {
	var out []string
	for _, d := range c.droppedTables {
		for _, a := range c.addedTables {
			if d.Schema == a.Schema && c.sameShape(d.Columns, a.Columns) {
				out = append(out, fmt.Sprintf("Table %s was dropped and %s added with the same columns: if this is a rename, replace both with op.rename_table(%s, %s).",
					pyStr(key(d)), pyStr(key(a)), pyStr(d.Name), pyStr(a.Name)))
			}
		}
	}
	for _, d := range c.droppedColumns {
		for _, a := range c.addedColumns {
			if d.schema == a.schema && d.table == a.table && c.typeText(d.col.Type) != "" && !c.typeDiffers(a.col.Type, d.col.Type) {
				out = append(out, fmt.Sprintf("Column %s.%s was dropped and %s.%s added with the same type: if this is a rename, replace both with op.alter_column(%s, %s, new_column_name=%s).",
					d.table, d.col.Name, a.table, a.col.Name, pyStr(d.table), pyStr(d.col.Name), pyStr(a.col.Name)))
			}
		}
	}
	return out
}

// sameShape reports whether two column lists have the same names and types
// in the same order.
func (c *comparer) sameShape(a, b []*schema.Column) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i].Name, b[i].Name) || c.typeDiffers(b[i].Type, a[i].Type) {
			return false
		}
	}
	return true
}
