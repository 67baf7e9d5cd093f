package pyscript

import (
	"errors"
	"fmt"
	"sort"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// inspectorValue is sa.inspect(bind) / Inspector.from_engine(bind): it
// answers SQLAlchemy's Inspector questions from the sink's InspectSchema,
// read once per schema and kept, as SQLAlchemy's Inspector caches.
type inspectorValue struct {
	base
	st      *runState
	schemas map[string]*schema.MetaData
}

func (*inspectorValue) String() string { return "<Inspector>" }
func (*inspectorValue) Type() string   { return "Inspector" }

var inspectorMethods = []string{"get_check_constraints", "get_columns", "get_enums", "get_foreign_keys", "get_indexes",
	"get_pk_constraint", "get_table_names", "get_unique_constraints", "has_table"}

// AttrNames lists the Inspector methods retort answers, plus bind.
func (*inspectorValue) AttrNames() []string {
	return append([]string{"bind", "dialect"}, inspectorMethods...)
}

// newInspector builds the inspector for a connection; offline there is no
// database to read.
func newInspector(thread *starlark.Thread, fn string, bind starlark.Value) (starlark.Value, error) {
	b, ok := bind.(*bindValue)
	if !ok {
		return nil, fmt.Errorf("%s: NoInspectionAvailable: no inspection system is available for object of type %s (retort inspects op.get_bind())", fn, pyTypeName(bind))
	}
	st := b.st
	if st == nil {
		st = stateOf(thread)
	}
	if st == nil {
		return nil, fmt.Errorf("%s: called outside a migration run", fn)
	}
	if st.sink.Offline() {
		return nil, fmt.Errorf("%s needs a database; it cannot run in --sql mode (guard it with context.is_offline_mode())", fn)
	}
	if _, ok := st.sink.(ops.SchemaInspector); !ok {
		return nil, fmt.Errorf("%s: this run cannot read the database's schema", fn)
	}
	return &inspectorValue{st: st, schemas: map[string]*schema.MetaData{}}, nil
}

func saInspect(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var subject starlark.Value
	if err := starlark.UnpackPositionalArgs("sa.inspect", args, kwargs, 1, &subject, new(bool)); err != nil {
		return nil, err
	}
	return newInspector(thread, "sa.inspect", subject)
}

func inspectorFromEngine(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var bind starlark.Value
	if err := starlark.UnpackArgs("Inspector.from_engine", args, kwargs, "bind", &bind); err != nil {
		return nil, err
	}
	return newInspector(thread, "Inspector.from_engine", bind)
}

// inspectorClass is sqlalchemy.engine.reflection.Inspector.
var inspectorClass = newModule("Inspector", starlark.StringDict{
	"from_engine": builtin("Inspector.from_engine", inspectorFromEngine),
})

var reflectionModule = newModule("sqlalchemy.engine.reflection", starlark.StringDict{"Inspector": inspectorClass})

var engineModule = newModule("sqlalchemy.engine", starlark.StringDict{
	"reflection": reflectionModule,
	"Inspector":  inspectorClass,
	"Row":        rowClass,
})

// meta reads (once) the tables of a schema.
func (in *inspectorValue) meta(schemaName string) (*schema.MetaData, error) {
	if m, ok := in.schemas[schemaName]; ok {
		return m, nil
	}
	m, err := in.st.sink.(ops.SchemaInspector).InspectSchema(in.st.ctx, schemaName)
	if in.st.sinkErr(err) != nil {
		return nil, err
	}
	in.schemas[schemaName] = m
	return m, nil
}

// table finds a table, or fails as SQLAlchemy does with NoSuchTableError.
func (in *inspectorValue) table(schemaName, name string) (*schema.Table, error) {
	m, err := in.meta(schemaName)
	if err != nil {
		return nil, err
	}
	for _, t := range m.Tables {
		if t.Name == name {
			return t, nil
		}
	}
	return nil, &noSuchTable{name: name}
}

// Attr provides the Inspector methods.
func (in *inspectorValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "bind":
		return &bindValue{st: in.st}, nil
	case "dialect":
		return dialectOf(in.st), nil
	case "get_table_names", "get_enums":
		return method("Inspector."+name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var sch optString
			if err := starlark.UnpackArgs("Inspector."+name, args, kwargs, "schema?", &sch); err != nil {
				return nil, err
			}
			m, err := in.meta(sch.s)
			if err != nil {
				return nil, fmt.Errorf("Inspector.%s: %w", name, err)
			}
			if name == "get_enums" {
				return enumList(m, sch.s), nil
			}
			names := make([]string, 0, len(m.Tables))
			for _, t := range m.Tables {
				names = append(names, t.Name)
			}
			sort.Strings(names)
			return stringList(names), nil
		}), nil
	}
	if !contains(inspectorMethods, name) {
		return nil, nil
	}
	fn := "Inspector." + name
	return method(fn, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var table string
		var sch optString
		// **kw of SQLAlchemy's methods are dialect options retort does not need.
		var rest []starlark.Tuple
		for _, kv := range kwargs {
			if k := string(kv[0].(starlark.String)); k == "table_name" || k == "schema" {
				rest = append(rest, kv)
			}
		}
		if err := starlark.UnpackArgs(fn, args, rest, "table_name", &table, "schema?", &sch); err != nil {
			return nil, err
		}
		t, err := in.table(sch.s, table)
		if name == "has_table" {
			if err != nil && !isNoSuchTable(err) {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			return starlark.Bool(err == nil), nil
		}
		if err != nil {
			if isNoSuchTable(err) {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		return tableFacts(name, t), nil
	}), nil
}

// noSuchTable is SQLAlchemy's NoSuchTableError.
type noSuchTable struct{ name string }

func (e *noSuchTable) Error() string { return "NoSuchTableError: " + e.name }

func isNoSuchTable(err error) bool {
	var e *noSuchTable
	return errors.As(err, &e)
}

// tableFacts answers one per-table Inspector method in SQLAlchemy's shapes.
func tableFacts(method string, t *schema.Table) starlark.Value {
	switch method {
	case "get_columns":
		out := make([]starlark.Value, 0, len(t.Columns))
		for _, c := range t.Columns {
			var def starlark.Value = starlark.None
			if c.ServerDefault != nil {
				def = starlark.String(c.ServerDefault.Text)
			}
			var comment starlark.Value = starlark.None
			if c.Comment != nil {
				comment = starlark.String(*c.Comment)
			}
			var typ starlark.Value = starlark.None
			if c.Type != nil {
				typ = &typeValue{t: c.Type, reflected: true}
			}
			out = append(out, dict("name", starlark.String(c.Name), "type", typ, "nullable", starlark.Bool(c.Nullable),
				"default", def, "autoincrement", starlark.Bool(c.Autoincrement == "true" || c.Identity != nil), "comment", comment))
		}
		return starlark.NewList(out)
	case "get_pk_constraint":
		for _, k := range t.Constraints {
			if pk, ok := k.(*schema.PrimaryKey); ok {
				return dict("constrained_columns", stringList(pk.Columns), "name", optName(pk.Name))
			}
		}
		return dict("constrained_columns", stringList(nil), "name", starlark.None)
	case "get_foreign_keys":
		var out []starlark.Value
		for _, k := range t.Constraints {
			if fk, ok := k.(*schema.ForeignKey); ok {
				opts := starlark.NewDict(2)
				for _, o := range [][2]string{{"ondelete", fk.OnDelete}, {"onupdate", fk.OnUpdate}, {"initially", fk.Initially}, {"match", fk.Match}} {
					if o[1] != "" {
						_ = opts.SetKey(starlark.String(o[0]), starlark.String(o[1]))
					}
				}
				if fk.Deferrable != nil {
					_ = opts.SetKey(starlark.String("deferrable"), starlark.Bool(*fk.Deferrable))
				}
				var refSchema starlark.Value = starlark.None
				if fk.RefSchema != "" {
					refSchema = starlark.String(fk.RefSchema)
				}
				out = append(out, dict("name", optName(fk.Name), "constrained_columns", stringList(fk.Columns), "referred_schema", refSchema,
					"referred_table", starlark.String(fk.RefTable), "referred_columns", stringList(fk.RefColumns), "options", opts))
			}
		}
		return starlark.NewList(out)
	case "get_unique_constraints":
		var out []starlark.Value
		for _, k := range t.Constraints {
			if u, ok := k.(*schema.Unique); ok {
				out = append(out, dict("name", optName(u.Name), "column_names", stringList(u.Columns)))
			}
		}
		return starlark.NewList(out)
	case "get_check_constraints":
		var out []starlark.Value
		for _, k := range t.Constraints {
			if c, ok := k.(*schema.Check); ok {
				out = append(out, dict("name", optName(c.Name), "sqltext", starlark.String(c.SQL)))
			}
		}
		return starlark.NewList(out)
	case "get_indexes":
		out := make([]starlark.Value, 0, len(t.Indexes))
		for _, ix := range t.Indexes {
			cols := make([]starlark.Value, len(ix.Elements))
			for i, e := range ix.Elements {
				if e.Column != "" {
					cols[i] = starlark.String(e.Column)
				} else {
					cols[i] = starlark.None // an expression, as SQLAlchemy reports it
				}
			}
			out = append(out, dict("name", optName(ix.Name), "column_names", starlark.NewList(cols), "unique", starlark.Bool(ix.Unique)))
		}
		return starlark.NewList(out)
	}
	return starlark.None
}

func enumList(m *schema.MetaData, schemaName string) starlark.Value {
	var out []starlark.Value
	for _, e := range m.Enums {
		sch := e.Schema
		if sch == "" {
			sch = schemaName
		}
		var schv starlark.Value = starlark.String(sch)
		if sch == "" {
			schv = starlark.String("public")
		}
		out = append(out, dict("name", starlark.String(e.Name), "schema", schv, "visible", starlark.Bool(e.Schema == "" && schemaName == ""),
			"labels", stringList(e.Values)))
	}
	return starlark.NewList(out)
}

func optName(s string) starlark.Value {
	if s == "" {
		return starlark.None
	}
	return starlark.String(s)
}

func stringList(ss []string) *starlark.List {
	vals := make([]starlark.Value, len(ss))
	for i, s := range ss {
		vals[i] = starlark.String(s)
	}
	return starlark.NewList(vals)
}

// dict builds a Python dict from alternating string keys and values, in order.
func dict(kv ...any) *starlark.Dict {
	d := starlark.NewDict(len(kv) / 2)
	for i := 0; i+1 < len(kv); i += 2 {
		_ = d.SetKey(starlark.String(kv[i].(string)), kv[i+1].(starlark.Value))
	}
	return d
}
