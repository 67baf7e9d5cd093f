package pyscript

import (
	"errors"
	"fmt"
	"strings"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/ops"
)

// op.sync_enum_values, the operation the alembic_postgresql_enum plugin
// adds (env.py imports the plugin, scripts call the op), done natively.
// On PostgreSQL it replaces an enum type's values: the old type is renamed
// to NAME_old, the new one created, = and != operators between the two
// are defined for the time of the change (so that indexes and constraints
// comparing a column with a literal survive it), every affected column is
// altered to the new type through text (renamed values mapped with a
// CASE), its server default dropped before and set again after, and the
// helpers and the old type are dropped. On other dialects the plugin logs
// a warning and does nothing; so does retort.

// apeModule is alembic_postgresql_enum: TableReference and ColumnType.
var apeModule = newModule("alembic_postgresql_enum", starlark.StringDict{
	"TableReference": builtin("TableReference", newTableReference),
	"ColumnType":     columnTypeEnum,
})

var columnTypeEnum = func() *enumClass {
	e := newEnumClass("ColumnType", "Enum")
	e.add("COMMON", starlark.String("Enum"))
	e.add("ARRAY", starlark.String("ARRAY"))
	return e
}()

// tableReference is TableReference(...): a column using the enum.
type tableReference struct {
	base
	table, column string
	// schema is the table's schema; schemaSet is false when it was not
	// given, and the enum's schema is used (the plugin's compatibility rule).
	schema    string
	schemaSet bool
	array     bool
	// serverDefault is the column's default as PostgreSQL shows it
	// ('a'::mood); known tells a given None from a default to look up.
	serverDefault string
	known         bool
}

func (t *tableReference) String() string {
	return fmt.Sprintf("TableReference(table_name=%s, column_name=%s)", strRepr(t.table, false), strRepr(t.column, false))
}
func (t *tableReference) Type() string { return "TableReference" }

func newTableReference(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	t := &tableReference{known: true}
	var schemaV, kind, def starlark.Value = nil, starlark.None, starlark.None
	if err := starlark.UnpackArgs("TableReference", args, kwargs, "table_name", &t.table, "column_name", &t.column,
		"table_schema?", &schemaV, "column_type?", &kind, "existing_server_default?", &def); err != nil {
		return nil, err
	}
	if schemaV != nil {
		t.schemaSet = true
		if s, ok := schemaV.(starlark.String); ok {
			t.schema = string(s)
		} else if schemaV != starlark.None {
			return nil, fmt.Errorf("TableReference: table_schema must be a string or None, not %s", schemaV.Type())
		}
	}
	t.array = kind == columnTypeEnum.byName["ARRAY"]
	if s, ok := def.(starlark.String); ok {
		t.serverDefault = string(s)
	} else if def != starlark.None {
		return nil, fmt.Errorf("TableReference: existing_server_default must be a string or None, not %s", def.Type())
	}
	return t, nil
}

func opSyncEnumValues(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.sync_enum_values"
	// Before 1.0 the plugin called the first parameter schema.
	for i, kv := range kwargs {
		if kv[0] == starlark.String("schema") {
			kwargs[i] = starlark.Tuple{starlark.String("enum_schema"), kv[1]}
		}
	}
	var enumSchema, enumName string
	var values, affected starlark.Iterable
	var renames starlark.Iterable = starlark.Tuple{}
	if err := starlark.UnpackArgs(fn, args, kwargs, "enum_schema", &enumSchema, "enum_name", &enumName,
		"new_values", &values, "affected_columns", &affected, "enum_values_to_rename?", &renames); err != nil {
		return nil, err
	}
	st := stateOf(thread)
	if st == nil {
		return nil, fmt.Errorf("%s: called outside a migration run", fn)
	}
	if d := st.sink.DialectName(); d != "postgresql" {
		if st.env.Log != nil {
			st.env.Log("WARNING", "alembic.alembic_postgresql_enum.operations.sync_enum_values",
				fmt.Sprintf("This library only supports postgresql, but you are using %s, skipping", d))
		}
		return starlark.None, nil
	}
	s := &enumSync{schema: enumSchema, name: enumName}
	var err error
	if s.values, err = enumSyncStrings(fn+": new_values", values); err != nil {
		return nil, err
	}
	if s.renames, err = renamePairs(fn, renames); err != nil {
		return nil, err
	}
	for item := range starlark.Elements(affected) {
		ref, err := s.reference(fn, item)
		if err != nil {
			return nil, err
		}
		if !ref.known {
			if ref.serverDefault, err = columnDefault(st, ref); err != nil {
				if errors.Is(err, ops.ErrOffline) {
					return nil, fmt.Errorf("%s: offline (--sql), the server default of %s.%s cannot be read from the database; "+
						"give the column as TableReference(%s, %s, existing_server_default=...) instead", fn, ref.table, ref.column,
						strRepr(ref.table, false), strRepr(ref.column, false))
				}
				return nil, fmt.Errorf("%s: reading the default of %s.%s: %w", fn, ref.table, ref.column, err)
			}
		}
		s.columns = append(s.columns, ref)
	}
	for _, q := range s.statements() {
		if err := invoke(thread, fn, &ops.Execute{SQL: q}); err != nil {
			return nil, err
		}
	}
	return starlark.None, nil
}

func enumSyncStrings(what string, it starlark.Iterable) ([]string, error) {
	var out []string
	for v := range starlark.Elements(it) {
		s, ok := mixedValue(v).(starlark.String)
		if !ok {
			return nil, fmt.Errorf("%s: want strings, got %s", what, v.Type())
		}
		out = append(out, string(s))
	}
	return out, nil
}

func renamePairs(fn string, it starlark.Iterable) ([][2]string, error) {
	var out [][2]string
	for v := range starlark.Elements(it) {
		pair, ok := v.(starlark.Indexable)
		if !ok || pair.Len() != 2 {
			return nil, fmt.Errorf("%s: enum_values_to_rename holds (old, new) pairs, not %s", fn, pyRepr(v))
		}
		p, err := enumSyncStrings(fn+": enum_values_to_rename", pair.(starlark.Iterable))
		if err != nil {
			return nil, err
		}
		out = append(out, [2]string{p[0], p[1]})
	}
	return out, nil
}

// enumSync is one sync_enum_values call.
type enumSync struct {
	schema, name string
	values       []string
	renames      [][2]string
	columns      []*tableReference
}

// reference reads an affected column: a TableReference, or the older
// (table, column[, ColumnType]) tuple whose default is read from the
// database.
func (s *enumSync) reference(fn string, v starlark.Value) (*tableReference, error) {
	switch x := v.(type) {
	case *tableReference:
		ref := *x
		if !ref.schemaSet {
			ref.schema = s.schema
		}
		return &ref, nil
	case starlark.Tuple:
		if len(x) == 2 || len(x) == 3 {
			parts, err := enumSyncStrings(fn+": affected_columns", x[:2])
			if err != nil {
				return nil, err
			}
			ref := &tableReference{table: parts[0], column: parts[1], schema: s.schema}
			ref.array = len(x) == 3 && x[2] == columnTypeEnum.byName["ARRAY"]
			return ref, nil
		}
	}
	return nil, fmt.Errorf("ValueError: Affected columns must contain tuples or TableReferences")
}

// columnDefault is the column's default as information_schema shows it.
func columnDefault(st *runState, ref *tableReference) (string, error) {
	rows, err := st.sink.Query(st.ctx, "SELECT column_default FROM information_schema.columns "+
		"WHERE table_schema = $1 AND table_name = $2 AND column_name = $3", ref.schema, ref.table, ref.column)
	if st.sinkErr(err) != nil {
		return "", err
	}
	if rows == nil || len(rows.Values) == 0 || len(rows.Values[0]) == 0 || rows.Values[0][0] == nil {
		return "", nil
	}
	return fmt.Sprint(rows.Values[0][0]), nil
}

// comparisonHelpers are the operators defined between the new and the old
// type while the columns change, with the functions behind them.
var comparisonHelpers = [][2]string{{"!=", "new_old_not_equals"}, {"=", "new_old_equals"}}

func (s *enumSync) statements() []string {
	newType := pgIdent(s.schema) + "." + pgIdent(s.name)
	oldName := s.name + "_old"
	oldType := pgIdent(s.schema) + "." + pgIdent(oldName)
	quoted := make([]string, len(s.values))
	for i, v := range s.values {
		quoted[i] = sqlString(v)
	}
	out := []string{
		"ALTER TYPE " + newType + " RENAME TO " + oldName,
		"CREATE TYPE " + newType + " AS ENUM(" + strings.Join(quoted, ", ") + ")",
	}
	params := "new_enum_val " + newType + ", old_enum_val " + oldType
	for _, h := range comparisonHelpers {
		out = append(out,
			"CREATE FUNCTION "+h[1]+"("+params+") RETURNS boolean AS $$ SELECT new_enum_val::text "+h[0]+" "+
				s.renamed("old_enum_val::text", "")+"; $$ LANGUAGE SQL IMMUTABLE",
			"CREATE OPERATOR "+h[0]+" (leftarg = "+newType+", rightarg = "+oldType+", procedure = "+h[1]+")")
	}
	for _, c := range s.columns {
		table := pgIdent(c.table)
		if c.schema != "" {
			table = pgIdent(c.schema) + "." + table
		}
		alter := "ALTER TABLE " + table + " ALTER COLUMN " + pgIdent(c.column)
		if c.serverDefault != "" {
			out = append(out, alter+" DROP DEFAULT")
		}
		col := pgIdent(c.column)
		if c.array {
			cast := col + "::text[]"
			for _, r := range s.renames {
				cast = "array_replace(" + cast + ", " + sqlString(r[0]) + ", " + sqlString(r[1]) + ")"
			}
			out = append(out, alter+" TYPE "+newType+"[] USING "+cast+"::"+newType+"[]")
		} else {
			out = append(out, alter+" TYPE "+newType+" USING "+s.renamed(col+"::text", newType))
		}
		if c.serverDefault != "" {
			out = append(out, alter+" SET DEFAULT "+s.newDefault(c.serverDefault))
		}
	}
	for _, h := range comparisonHelpers {
		out = append(out, "DROP FUNCTION "+h[1]+"("+params+") CASCADE")
	}
	return append(out, "DROP TYPE "+oldType)
}

// renamed is text (a value as text) with the renamed values mapped, cast
// to typ when typ is not "".
func (s *enumSync) renamed(text, typ string) string {
	cast := func(e string) string {
		if typ == "" {
			return e
		}
		return e + "::" + typ
	}
	if len(s.renames) == 0 {
		return cast(text)
	}
	var b strings.Builder
	b.WriteString("CASE")
	for _, r := range s.renames {
		b.WriteString(" WHEN " + text + " = " + sqlString(r[0]) + " THEN " + cast(sqlString(r[1])))
	}
	b.WriteString(" ELSE " + cast(text) + " END")
	return b.String()
}

var pgCastRE = lazyre.New(`::[.\w]+`)

// newDefault is a column default ('a'::mood, ARRAY['a'::mood], '{a}'::mood[])
// with renamed values replaced and cast to the new type.
func (s *enumSync) newDefault(def string) string {
	typ := s.name
	if s.schema != "" {
		typ = s.schema + "." + s.name
	}
	replace := func(v string) string {
		for _, r := range s.renames {
			v = strings.ReplaceAll(v, "'"+r[0]+"'", "'"+r[1]+"'")
			v = strings.ReplaceAll(v, `"`+r[0]+`"`, `"`+r[1]+`"`)
		}
		return v
	}
	if strings.HasPrefix(def, "ARRAY[") {
		return pgCastRE().ReplaceAllString(replace(def), "::"+typ)
	}
	suffix := ""
	if strings.HasSuffix(def, "[]") {
		suffix = "[]"
	}
	if i := strings.Index(def, "::"); i >= 0 {
		def = def[:i]
	}
	return replace(def) + "::" + typ + suffix
}

// pgIdent quotes a PostgreSQL identifier.
func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// sqlString is a SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
