package autogen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// PostgreSQL keeps named enums as types of the schema, shared by tables.
// Alembic's scripts leave their lifecycle to sa.Enum's create-with-table,
// which creates a type twice when two tables share it and never drops it,
// so "downgrade base; upgrade head" fails. retort's scripts manage the types
// explicitly instead: CREATE TYPE before the first table that needs one,
// DROP TYPE after the last one that used it, and every column typed
// postgresql.ENUM(..., create_type=False).

// prepareEnums rewrites the native enum types of columns about to appear in
// an op as create_type=False enums, and (create) emits CREATE TYPE for
// those neither the database nor this run has created yet.
func (c *comparer) prepareEnums(schemaName string, cols []*schema.Column) {
	for _, col := range cols {
		c.prepareEnumType(schemaName, col.Type)
	}
}

func (c *comparer) prepareEnumType(schemaName string, t *schema.Type) {
	if c.o.Dialect != "postgresql" {
		return
	}
	for ty := t; ty != nil; ty = ty.Item {
		if !isNativeEnum(ty) {
			continue
		}
		values := ty.Values
		if len(values) == 0 {
			if e := findEnum(c.live.Enums, schemaName, ty.EnumName); e != nil {
				values = e.Values
			}
		}
		ty.Kind, ty.Dialect, ty.CreateType, ty.NativeEnum = "ENUM", "postgresql", false, true
		ty.Values = slices.Clone(values)
		ty.Python, ty.DDL = "", ""
		c.ensureEnum(schemaName, ty.EnumName, values)
	}
}

func isNativeEnum(t *schema.Type) bool {
	return strings.EqualFold(t.Kind, "Enum") && t.NativeEnum && t.EnumName != ""
}

func findEnum(list []*schema.Enum, schemaName, name string) *schema.Enum {
	for _, e := range list {
		if e.Name == name && e.Schema == schemaName {
			return e
		}
	}
	return nil
}

// ensureEnum emits CREATE TYPE once for an enum the database lacks.
func (c *comparer) ensureEnum(schemaName, name string, values []string) {
	if findEnum(c.live.Enums, schemaName, name) != nil || c.created[enumKey(schemaName, name)] {
		return
	}
	if c.created == nil {
		c.created = map[string]bool{}
	}
	c.created[enumKey(schemaName, name)] = true
	create := &ops.Execute{SQL: createTypeSQL(schemaName, name, values)}
	drop := &ops.Execute{SQL: "DROP TYPE " + pgQualified(schemaName, name)}
	c.emitWithUndo(create, []ops.Op{drop}, fmt.Sprintf("('add_enum', %s, %s)", pyOpt(schemaName), pyStr(name)))
}

func enumKey(schemaName, name string) string { return schemaName + "." + name }

// compareEnumValues runs first: for each enum both sides have, values the
// models add become ALTER TYPE ... ADD VALUE (outside the transaction, as
// PostgreSQL needs before the value can be used); values removed or
// reordered re-create the type under the same name, converting the columns
// that use it. Each is undone by re-creating the type as it was.
func (c *comparer) compareEnumsBefore() {
	if c.o.Dialect != "postgresql" {
		return
	}
	for _, want := range c.target.Enums {
		have := findEnum(c.live.Enums, want.Schema, want.Name)
		if have == nil || slices.Equal(have.Values, want.Values) {
			continue
		}
		undo := c.recreateEnum(have.Schema, have.Name, have.Values)
		if added, ok := appendedValues(have.Values, want.Values); ok {
			var up []ops.Op
			up = append(up, &ops.AutocommitBlock{Begin: true})
			for _, a := range added {
				sql := "ALTER TYPE " + pgQualified(want.Schema, want.Name) + " ADD VALUE " + pgLiteral(a.value)
				if a.before != "" {
					sql += " BEFORE " + pgLiteral(a.before)
				}
				up = append(up, &ops.Execute{SQL: sql})
			}
			up = append(up, &ops.AutocommitBlock{Begin: false})
			c.emitAll(up, undo, fmt.Sprintf("('add_enum_values', %s, %s)", pyOpt(want.Schema), pyStr(want.Name)))
			continue
		}
		c.emitAll(c.recreateEnum(want.Schema, want.Name, want.Values), undo, fmt.Sprintf("('modify_enum', %s, %s)", pyOpt(want.Schema), pyStr(want.Name)))
	}
}

// emitAll records several upgrade ops undone together by undo.
func (c *comparer) emitAll(up, undo []ops.Op, diff string) {
	for i, op := range up {
		s := step{op: op, undo: []ops.Op{}}
		if i == len(up)-1 {
			s.undo = undo
		}
		c.steps = append(c.steps, s)
	}
	c.diffs = append(c.diffs, diff)
}

// addedValue is one value to add to an enum, before an existing value
// ("" = at the end).
type addedValue struct{ value, before string }

// appendedValues returns the values that turn have into want, when want
// keeps have's values in order and only inserts new ones.
func appendedValues(have, want []string) ([]addedValue, bool) {
	i := 0
	for _, w := range want {
		if i < len(have) && have[i] == w {
			i++
		}
	}
	if i != len(have) || len(want) <= len(have) {
		return nil, false
	}
	var out []addedValue
	pos := map[string]bool{}
	for _, h := range have {
		pos[h] = true
	}
	for j, w := range want {
		if pos[w] {
			continue
		}
		a := addedValue{value: w}
		// Place the value where the models put it: before the next old value.
		for _, next := range want[j+1:] {
			if pos[next] {
				a.before = next
				break
			}
		}
		out = append(out, a)
	}
	return out, true
}

// recreateEnum re-creates an enum type with other values, converting every
// column of the database that uses it through text.
func (c *comparer) recreateEnum(schemaName, name string, values []string) []ops.Op {
	old := name + "_old"
	out := []ops.Op{
		&ops.Execute{SQL: "ALTER TYPE " + pgQualified(schemaName, name) + " RENAME TO " + pgIdent(old)},
		&ops.Execute{SQL: createTypeSQL(schemaName, name, values)},
	}
	for _, t := range c.live.Tables {
		if t.Schema != schemaName {
			continue
		}
		for _, col := range t.Columns {
			if col.Type != nil && col.Type.EnumName == name {
				out = append(out, &ops.Execute{SQL: fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::text::%s",
					pgQualified(t.Schema, t.Name), pgIdent(col.Name), pgQualified(schemaName, name), pgIdent(col.Name), pgQualified(schemaName, name))})
			}
		}
	}
	return append(out, &ops.Execute{SQL: "DROP TYPE " + pgQualified(schemaName, old)})
}

// compareEnumsAfter runs last: an enum that a reflected table used and
// that no model uses any more is dropped after its last table.
func (c *comparer) compareEnumsAfter() {
	if c.o.Dialect != "postgresql" {
		return
	}
	used := map[string]bool{}
	for _, t := range c.live.Tables {
		for _, col := range t.Columns {
			for ty := col.Type; ty != nil; ty = ty.Item {
				if ty.EnumName != "" {
					used[enumKey(t.Schema, ty.EnumName)] = true
				}
			}
		}
	}
	for _, e := range c.live.Enums {
		if !used[enumKey(e.Schema, e.Name)] || findEnum(c.target.Enums, e.Schema, e.Name) != nil {
			continue
		}
		if !c.dropsEveryUser(e) {
			continue
		}
		drop := &ops.Execute{SQL: "DROP TYPE " + pgQualified(e.Schema, e.Name)}
		create := &ops.Execute{SQL: createTypeSQL(e.Schema, e.Name, e.Values)}
		c.emitWithUndo(drop, []ops.Op{create}, fmt.Sprintf("('remove_enum', %s, %s)", pyOpt(e.Schema), pyStr(e.Name)))
	}
}

// dropsEveryUser reports whether this run removes every column of the
// database that uses the enum (filters may keep some out of the run).
func (c *comparer) dropsEveryUser(e *schema.Enum) bool {
	gone := map[string]bool{}
	for _, t := range c.droppedTables {
		for _, col := range t.Columns {
			gone[key(t)+"."+col.Name] = true
		}
	}
	for _, tc := range c.droppedColumns {
		gone[qualified(tc.schema, tc.table)+"."+tc.col.Name] = true
	}
	for _, s := range c.steps {
		if ac, ok := s.op.(*ops.AlterColumn); ok && ac.Type != nil && ac.Type.EnumName != e.Name {
			gone[qualified(ac.Schema, ac.Table)+"."+ac.Column] = true
		}
	}
	for _, t := range c.live.Tables {
		if t.Schema != e.Schema {
			continue
		}
		for _, col := range t.Columns {
			if col.Type != nil && col.Type.EnumName == e.Name && !gone[key(t)+"."+col.Name] {
				return false
			}
		}
	}
	return true
}

func createTypeSQL(schemaName, name string, values []string) string {
	lits := make([]string, len(values))
	for i, v := range values {
		lits[i] = pgLiteral(v)
	}
	return "CREATE TYPE " + pgQualified(schemaName, name) + " AS ENUM (" + strings.Join(lits, ", ") + ")"
}

var plainIdent = lazyre.New(`^[a-z_][a-z0-9_]*$`)

// pgIdent quotes an identifier unless it is a plain lower-case name that is
// not a reserved word.
func pgIdent(s string) string {
	if plainIdent().MatchString(s) && !pgReserved[s] {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func pgQualified(schemaName, name string) string {
	if schemaName == "" {
		return pgIdent(name)
	}
	return pgIdent(schemaName) + "." + pgIdent(name)
}

func pgLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// pgReserved are PostgreSQL's reserved key words (those that cannot name a type).
var pgReserved = wordSet(`all analyse analyze and any array as asc asymmetric both case cast check collate
column constraint create current_catalog current_date current_role current_time current_timestamp current_user
default deferrable desc distinct do else end except false fetch for foreign from grant group having in initially
intersect into lateral leading limit localtime localtimestamp not null offset on only or order placing primary
references returning select session_user some symmetric table then to trailing true union unique user using
variadic when where window with authorization binary collation concurrently cross freeze full ilike inner is
isnull join left like natural notnull outer overlaps right similar tablesample verbose`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
