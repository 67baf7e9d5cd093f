package schema

import (
	"maps"
	"slices"
)

// Clone returns a deep copy of the metadata.
func (md *MetaData) Clone() *MetaData {
	if md == nil {
		return nil
	}
	out := &MetaData{Schema: md.Schema, NamingConvention: maps.Clone(md.NamingConvention)}
	for _, t := range md.Tables {
		out.Tables = append(out.Tables, t.Clone())
	}
	for _, e := range md.Enums {
		c := *e
		c.Values = slices.Clone(e.Values)
		out.Enums = append(out.Enums, &c)
	}
	return out
}

// Clone returns a deep copy of the table.
func (t *Table) Clone() *Table {
	if t == nil {
		return nil
	}
	out := *t
	out.Comment = clonePtr(t.Comment)
	out.DialectOptions = maps.Clone(t.DialectOptions)
	out.Columns = make([]*Column, len(t.Columns))
	for i, c := range t.Columns {
		out.Columns[i] = c.Clone()
	}
	out.Constraints = make([]Constraint, len(t.Constraints))
	for i, c := range t.Constraints {
		out.Constraints[i] = CloneConstraint(c)
	}
	out.Indexes = make([]*Index, len(t.Indexes))
	for i, ix := range t.Indexes {
		out.Indexes[i] = ix.Clone()
	}
	return &out
}

// Clone returns a deep copy of the column.
func (c *Column) Clone() *Column {
	if c == nil {
		return nil
	}
	out := *c
	out.Type = c.Type.Clone()
	out.ServerDefault = c.ServerDefault.Clone()
	out.Comment = clonePtr(c.Comment)
	out.Checks = nil
	for _, ck := range c.Checks {
		cp := *ck
		out.Checks = append(out.Checks, &cp)
	}
	out.ForeignKeys = nil
	for _, fk := range c.ForeignKeys {
		r := *fk
		r.Deferrable = clonePtr(fk.Deferrable)
		out.ForeignKeys = append(out.ForeignKeys, &r)
	}
	if c.Identity != nil {
		id := *c.Identity
		out.Identity = &id
	}
	if c.Computed != nil {
		cp := *c.Computed
		cp.Persisted = clonePtr(c.Computed.Persisted)
		out.Computed = &cp
	}
	if c.Sequence != nil {
		s := *c.Sequence
		out.Sequence = &s
	}
	out.DialectOptions = maps.Clone(c.DialectOptions)
	return &out
}

// Clone returns a deep copy of the type.
func (t *Type) Clone() *Type {
	if t == nil {
		return nil
	}
	out := *t
	out.Precision = clonePtr(t.Precision)
	out.Scale = clonePtr(t.Scale)
	out.AsUUID = clonePtr(t.AsUUID)
	out.Values = slices.Clone(t.Values)
	out.Item = t.Item.Clone()
	out.PythonImports = slices.Clone(t.PythonImports)
	if t.Variants != nil {
		out.Variants = map[string]*Type{}
		for k, v := range t.Variants {
			out.Variants[k] = v.Clone()
		}
	}
	return &out
}

// Clone returns a deep copy of the expression.
func (e *Expr) Clone() *Expr {
	if e == nil {
		return nil
	}
	out := *e
	if e.Args != nil {
		out.Args = make([]Expr, len(e.Args))
		for i := range e.Args {
			out.Args[i] = *e.Args[i].Clone()
		}
	}
	return &out
}

// Clone returns a deep copy of the index.
func (ix *Index) Clone() *Index {
	if ix == nil {
		return nil
	}
	out := *ix
	out.Elements = slices.Clone(ix.Elements)
	out.DialectOptions = maps.Clone(ix.DialectOptions)
	return &out
}

// CloneConstraint returns a deep copy of a constraint.
func CloneConstraint(c Constraint) Constraint {
	switch c := c.(type) {
	case *PrimaryKey:
		out := *c
		out.Columns = slices.Clone(c.Columns)
		return &out
	case *ForeignKey:
		out := *c
		out.Columns = slices.Clone(c.Columns)
		out.RefColumns = slices.Clone(c.RefColumns)
		out.Deferrable = clonePtr(c.Deferrable)
		return &out
	case *Unique:
		out := *c
		out.Columns = slices.Clone(c.Columns)
		out.Deferrable = clonePtr(c.Deferrable)
		return &out
	case *Check:
		out := *c
		return &out
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
