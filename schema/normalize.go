package schema

import (
	"slices"
	"strings"
)

// Normalize returns a deep copy of md in one normal form, the form that
// reflection produces and that autogenerate compares:
//   - column-level shorthand (Column.PrimaryKey, Unique, Index, Checks and
//     ForeignKeys) is lifted into table-level constraints and indexes, once,
//     and the column flags are cleared;
//   - primary-key columns are NOT NULL;
//   - every index carries its table's schema and name;
//   - unnamed indexes from index=True get SQLAlchemy's default convention
//     name ix_<table>_<column> unless the convention says otherwise;
//   - native named enums used by columns are listed in Enums.
//
// md itself is never changed.
func Normalize(md *MetaData) *MetaData {
	out := md.Clone()
	for _, t := range out.Tables {
		normalizeTable(t, out.NamingConvention)
	}
	out.Enums = collectEnums(out)
	return out
}

func normalizeTable(t *Table, conv map[string]string) {
	if t.PrimaryKey() == nil {
		var cols []string
		for _, c := range t.Columns {
			if c.PrimaryKey {
				cols = append(cols, c.Name)
			}
		}
		if len(cols) > 0 {
			t.Constraints = append([]Constraint{&PrimaryKey{Columns: cols}}, t.Constraints...)
		}
	}
	if pk := t.PrimaryKey(); pk != nil {
		for _, name := range pk.Columns {
			if c := t.Column(name); c != nil {
				c.Nullable = false
			}
		}
	}
	for _, c := range t.Columns {
		for _, ref := range c.ForeignKeys {
			refSchema, refTable, refCol := ref.Parts()
			t.Constraints = append(t.Constraints, &ForeignKey{
				Name: ref.Name, Columns: []string{c.Name},
				RefSchema: refSchema, RefTable: refTable, RefColumns: []string{refCol},
				OnDelete: ref.OnDelete, OnUpdate: ref.OnUpdate, Deferrable: ref.Deferrable, Initially: ref.Initially,
			})
		}
		if c.Index {
			ix := &Index{Table: t.Name, Schema: t.Schema, Unique: c.Unique, Elements: []IndexElement{{Column: c.Name}}}
			ix.Name, ix.NameConv = defaultIndexName(conv, t.Name, c.Name)
			t.Indexes = append(t.Indexes, ix)
		} else if c.Unique && !hasUnique(t, []string{c.Name}) {
			t.Constraints = append(t.Constraints, &Unique{Columns: []string{c.Name}})
		}
		for _, ck := range c.Checks {
			t.Constraints = append(t.Constraints, ck)
		}
		c.PrimaryKey, c.Unique, c.Index, c.ForeignKeys, c.Checks = false, false, false, nil, nil
	}
	for _, ix := range t.Indexes {
		ix.Table, ix.Schema = t.Name, t.Schema
	}
}

// defaultIndexName names an index=True index the way SQLAlchemy's default
// naming convention ("ix": "ix_%(column_0_label)s") does, when the
// metadata's convention does not replace it with another template.
func defaultIndexName(conv map[string]string, table, column string) (string, bool) {
	tmpl := "ix_%(column_0_label)s"
	for _, k := range []string{"ix", "index"} {
		if v, ok := conv[k]; ok {
			tmpl = v
		}
	}
	r := strings.NewReplacer(
		"%(column_0_label)s", table+"_"+column, "%(column_0_name)s", column,
		"%(column_0N_name)s", column, "%(column_0_N_name)s", column,
		"%(column_0N_label)s", table+"_"+column, "%(column_0_N_label)s", table+"_"+column,
		"%(column_0_key)s", column, "%(table_name)s", table)
	name := r.Replace(tmpl)
	if strings.Contains(name, "%(") {
		return "", false
	}
	return name, true
}

func hasUnique(t *Table, cols []string) bool {
	for _, c := range t.Constraints {
		if u, ok := c.(*Unique); ok && slices.Equal(u.Columns, cols) {
			return true
		}
	}
	return false
}

// collectEnums lists the named native enums: those already in md.Enums,
// then those that columns use, by first use.
func collectEnums(md *MetaData) []*Enum {
	var out []*Enum
	seen := map[[2]string]bool{}
	add := func(e *Enum) {
		k := [2]string{e.Schema, e.Name}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	for _, e := range md.Enums {
		add(e)
	}
	for _, t := range md.Tables {
		for _, c := range t.Columns {
			for ty := c.Type; ty != nil; ty = ty.Item {
				if ty.EnumName != "" && ty.NativeEnum && len(ty.Values) > 0 {
					add(&Enum{Schema: t.Schema, Name: ty.EnumName, Values: slices.Clone(ty.Values)})
				}
			}
		}
	}
	return out
}

// PrimaryKey returns the table's primary key constraint, or nil.
func (t *Table) PrimaryKey() *PrimaryKey {
	for _, c := range t.Constraints {
		if pk, ok := c.(*PrimaryKey); ok {
			return pk
		}
	}
	return nil
}

// Parts splits Target ("table.column" or "schema.table.column").
func (r *ForeignKeyRef) Parts() (schemaName, table, column string) {
	parts := strings.Split(r.Target, ".")
	switch len(parts) {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	}
	n := len(parts)
	return strings.Join(parts[:n-2], "."), parts[n-2], parts[n-1]
}
