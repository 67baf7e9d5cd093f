package autogen

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// fkSig is what identifies a foreign key: its columns, what they point at,
// and its ON DELETE / ON UPDATE / DEFERRABLE / INITIALLY options.
func (c *comparer) fkSig(t *schema.Table, fk *schema.ForeignKey) string {
	refSchema := fk.RefSchema
	if refSchema == t.Schema {
		refSchema = ""
	}
	action := func(s string) string {
		s = strings.ToLower(s)
		if s == "no action" || (c.o.Dialect == "mysql" && s == "restrict") {
			return ""
		}
		return s
	}
	deferrable := ""
	if fk.Deferrable != nil && *fk.Deferrable {
		deferrable = "deferrable"
	}
	return strings.Join([]string{
		strings.Join(fk.Columns, ","), refSchema, fk.RefTable, strings.Join(fk.RefColumns, ","),
		action(fk.OnDelete), action(fk.OnUpdate), strings.ToLower(fk.Initially), deferrable,
	}, "|")
}

func foreignKeysOf(t *schema.Table) []*schema.ForeignKey {
	var out []*schema.ForeignKey
	for _, con := range t.Constraints {
		if fk, ok := con.(*schema.ForeignKey); ok {
			out = append(out, fk)
		}
	}
	return out
}

// compareForeignKeys matches foreign keys by signature, not by name (SQLite
// keeps no names): removed ones first, then added ones.
func (c *comparer) compareForeignKeys(tt, lt *schema.Table) {
	meta := map[string]*schema.ForeignKey{}
	for _, fk := range foreignKeysOf(tt) {
		if c.include(Object{Type: "foreign_key_constraint", Schema: tt.Schema, Table: tt.Name, Name: fk.Name}) {
			meta[c.fkSig(tt, fk)] = fk
		}
	}
	conn := map[string]*schema.ForeignKey{}
	for _, fk := range foreignKeysOf(lt) {
		if c.include(Object{Type: "foreign_key_constraint", Schema: lt.Schema, Table: lt.Name, Name: fk.Name, Reflected: true}) {
			conn[c.fkSig(lt, fk)] = fk
		}
	}
	for _, sig := range sortedKeys(conn) {
		if _, ok := meta[sig]; ok {
			continue
		}
		fk := conn[sig]
		c.emit(lt.Schema, lt.Name, &ops.DropConstraint{Schema: lt.Schema, Table: lt.Name, Name: fk.Name, Type: "foreignkey", Existing: schema.CloneConstraint(fk)},
			fmt.Sprintf("('remove_fk', %s, %s, %s, %s, %s)", pyOpt(lt.Schema), pyStr(lt.Name), pyOpt(fk.Name), pyList(fk.Columns), pyStr(fk.RefTable)))
	}
	for _, sig := range sortedKeys(meta) {
		if _, ok := conn[sig]; ok {
			continue
		}
		fk := schema.CloneConstraint(meta[sig]).(*schema.ForeignKey)
		c.emit(tt.Schema, tt.Name, &ops.CreateForeignKey{Schema: tt.Schema, Table: tt.Name, ForeignKey: fk},
			fmt.Sprintf("('add_fk', %s, %s, %s, %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name), pyOpt(fk.Name), pyList(fk.Columns), pyStr(fk.RefTable)))
	}
}

// compareChecks adds and drops named check constraints by name (beyond
// Alembic, which compares none). A changed body is not detected: databases
// rewrite the SQL they store.
func (c *comparer) compareChecks(tt, lt *schema.Table) {
	named := func(t *schema.Table) map[string]*schema.Check {
		m := map[string]*schema.Check{}
		for _, con := range t.Constraints {
			if ck, ok := con.(*schema.Check); ok && ck.Name != "" {
				m[ck.Name] = ck
			}
		}
		return m
	}
	meta, conn := named(tt), named(lt)
	for _, name := range sortedKeys(conn) {
		if _, ok := meta[name]; !ok {
			c.emit(lt.Schema, lt.Name, &ops.DropConstraint{Schema: lt.Schema, Table: lt.Name, Name: name, Type: "check", Existing: schema.CloneConstraint(conn[name])},
				fmt.Sprintf("('remove_check', %s, %s, %s)", pyOpt(lt.Schema), pyStr(lt.Name), pyStr(name)))
		}
	}
	for _, name := range sortedKeys(meta) {
		if _, ok := conn[name]; !ok {
			c.emit(tt.Schema, tt.Name, &ops.CreateCheckConstraint{Schema: tt.Schema, Table: tt.Name, Check: schema.CloneConstraint(meta[name]).(*schema.Check)},
				fmt.Sprintf("('add_check', %s, %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name), pyStr(name)))
		}
	}
}

// compareTableComment sets or drops the table comment.
func (c *comparer) compareTableComment(tt, lt *schema.Table) {
	if !c.supportsComments() || sameText(tt.Comment, lt.Comment) {
		return
	}
	if tt.Comment == nil {
		c.emit(tt.Schema, tt.Name, &ops.DropTableComment{Schema: tt.Schema, Table: tt.Name, Existing: clonePtr(lt.Comment)},
			fmt.Sprintf("('remove_table_comment', %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name)))
		return
	}
	c.emit(tt.Schema, tt.Name, &ops.CreateTableComment{Schema: tt.Schema, Table: tt.Name, Comment: *tt.Comment, Existing: clonePtr(lt.Comment)},
		fmt.Sprintf("('add_table_comment', %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name)))
}
