package autogen

import "github.com/retort-dev/retort/schema"

// Objects lists every object of both sides that Options.Include is asked
// about, so a filter that lives elsewhere (env.py's include_name and
// include_object, run by the project's Python) can be evaluated in one
// batch before Compare runs.
func Objects(target, live *schema.MetaData, versionTable, versionTableSchema string) []Object {
	if versionTable == "" {
		versionTable = "alembic_version"
	}
	var out []Object
	add := func(md *schema.MetaData, reflected bool) {
		for _, t := range schema.Normalize(md).Tables {
			if reflected && t.Name == versionTable && t.Schema == versionTableSchema {
				continue
			}
			out = append(out, Object{Type: "table", Schema: t.Schema, Name: t.Name, Reflected: reflected})
			for _, col := range t.Columns {
				out = append(out, Object{Type: "column", Schema: t.Schema, Table: t.Name, Name: col.Name, Reflected: reflected})
			}
			for _, ix := range t.Indexes {
				out = append(out, Object{Type: "index", Schema: t.Schema, Table: t.Name, Name: ix.Name, Reflected: reflected})
			}
			for _, con := range t.Constraints {
				switch con := con.(type) {
				case *schema.Unique:
					out = append(out, Object{Type: "unique_constraint", Schema: t.Schema, Table: t.Name, Name: con.Name, Reflected: reflected})
				case *schema.ForeignKey:
					out = append(out, Object{Type: "foreign_key_constraint", Schema: t.Schema, Table: t.Name, Name: con.Name, Reflected: reflected})
				}
			}
		}
	}
	add(target, false)
	add(live, true)
	return out
}
