package pyscript

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/schema"
)

// typeCtor is a type class such as sa.Integer or postgresql.UUID. Scripts
// use it bare (type_=sa.Integer) or call it (sa.String(50)).
type typeCtor struct {
	base
	module     string // "sa", "postgresql", ...
	dialect    string // schema.Type.Dialect
	kind       string
	positional []string // parameter names accepted by position
	keywords   []string // further keyword-only parameters
	variadic   bool     // Enum / SET take their values as *args
}

func (c *typeCtor) Name() string   { return c.module + "." + c.kind }
func (c *typeCtor) String() string { return "<class '" + c.Name() + "'>" }
func (c *typeCtor) Type() string   { return "type" }
func (c *typeCtor) Hash() (uint32, error) {
	return starlark.String(c.Name()).Hash()
}

// typeValue is an instance of a type class, e.g. sa.String(50).
type typeValue struct {
	base
	t *schema.Type
	// schema is the enum type's schema= (where Enum.create puts the type).
	schema string
	// reflected types (Inspector.get_columns) print as their SQL, as
	// SQLAlchemy's str() of a type does: VARCHAR(20), INTEGER.
	reflected bool
}

func (v *typeValue) String() string {
	if v.reflected {
		return reflectedTypeSQL(v.t)
	}
	return typeString(v.t)
}

func reflectedTypeSQL(t *schema.Type) string {
	var args []string
	if t.Length > 0 {
		args = append(args, fmt.Sprint(t.Length))
	}
	if t.Precision != nil {
		args = append(args, fmt.Sprint(*t.Precision))
	}
	if t.Scale != nil {
		args = append(args, fmt.Sprint(*t.Scale))
	}
	if len(args) == 0 {
		return strings.ToUpper(t.Kind)
	}
	return strings.ToUpper(t.Kind) + "(" + strings.Join(args, ", ") + ")"
}
func (v *typeValue) Type() string { return v.t.Kind }

func typeString(t *schema.Type) string {
	var args []string
	if t.Length > 0 {
		args = append(args, fmt.Sprint(t.Length))
	}
	if t.Precision != nil {
		args = append(args, fmt.Sprint(*t.Precision))
	}
	if t.Scale != nil {
		args = append(args, fmt.Sprint(*t.Scale))
	}
	for _, v := range t.Values {
		args = append(args, fmt.Sprintf("%q", v))
	}
	return t.Kind + "(" + strings.Join(args, ", ") + ")"
}

// Attr supports with_variant and the item_type of ARRAY.
func (v *typeValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "with_variant":
		return method("with_variant", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var other typeArg
			var dialectName string
			if err := starlark.UnpackArgs("with_variant", args, kwargs, "type_", &other, "dialect_name", &dialectName); err != nil {
				return nil, err
			}
			cp := *v.t
			cp.Variants = map[string]*schema.Type{}
			for k, t := range v.t.Variants {
				cp.Variants[k] = t
			}
			cp.Variants[dialectName] = other.t
			return &typeValue{t: &cp}, nil
		}), nil
	case "item_type":
		if v.t.Item != nil {
			return &typeValue{t: v.t.Item}, nil
		}
		return starlark.None, nil
	case "length":
		if v.t.Length == 0 {
			return starlark.None, nil
		}
		return starlark.MakeInt(v.t.Length), nil
	case "name":
		return starlark.String(v.t.EnumName), nil
	case "create", "drop":
		if !strings.EqualFold(v.t.Kind, "Enum") {
			return nil, nil
		}
		return method(name, func(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return enumCreateDrop(thread, v, name, args, kwargs)
		}), nil
	}
	return nil, nil
}

// AttrNames lists a type's attributes.
func (v *typeValue) AttrNames() []string {
	return []string{"create", "drop", "item_type", "length", "name", "with_variant"}
}

// CallInternal builds a type instance from the class.
func (c *typeCtor) CallInternal(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	t, err := c.build(args, kwargs)
	if err != nil {
		return nil, err
	}
	if err := enumValuesCallable(thread, c.Name(), t, args, kwargs); err != nil {
		return nil, err
	}
	v := &typeValue{t: t}
	for _, kv := range kwargs {
		if s, ok := kv[1].(starlark.String); ok && string(kv[0].(starlark.String)) == "schema" {
			v.schema = string(s)
		}
	}
	return v, nil
}

// enumValuesCallable applies Enum(EnumClass, values_callable=f): the
// type's values are what f returns for the class (often the members'
// values instead of their names).
func enumValuesCallable(thread *starlark.Thread, fn string, t *schema.Type, args starlark.Tuple, kwargs []starlark.Tuple) error {
	var f starlark.Value
	for _, kv := range kwargs {
		if kv[0] == starlark.String("values_callable") && kv[1] != starlark.None {
			f = kv[1]
		}
	}
	if f == nil {
		return nil
	}
	for _, a := range args {
		e, ok := a.(*enumClass)
		if !ok {
			continue
		}
		res, err := starlark.Call(thread, f, starlark.Tuple{e}, nil)
		if err != nil {
			return err
		}
		it, ok := res.(starlark.Iterable)
		if !ok {
			return fmt.Errorf("%s: values_callable must return a list of strings, not %s", fn, res.Type())
		}
		t.Values = nil
		for v := range starlark.Elements(it) {
			s, ok := mixedValue(v).(starlark.String)
			if !ok {
				return fmt.Errorf("%s: values_callable must return strings, got %s", fn, v.Type())
			}
			t.Values = append(t.Values, string(s))
		}
	}
	return nil
}

func (c *typeCtor) build(args starlark.Tuple, kwargs []starlark.Tuple) (*schema.Type, error) {
	t := &schema.Type{Kind: c.kind, Dialect: c.dialect}
	if c.kind == "PickleType" {
		t.Kind = "LargeBinary" // PickleType's impl: BYTEA, BLOB
	}
	if c.variadic {
		t.NativeEnum, t.CreateType = true, true
		for _, a := range args {
			switch x := a.(type) {
			case starlark.String:
				t.Values = append(t.Values, string(x))
			case *enumClass:
				// SQLAlchemy stores an Enum class's member names and names
				// the type after the class, lower-cased.
				t.Values = append(t.Values, x.names...)
				if t.EnumName == "" {
					t.EnumName = strings.ToLower(x.name)
				}
			case *starlark.List, starlark.Tuple:
				for item := range starlark.Elements(x.(starlark.Iterable)) {
					s, ok := starlark.AsString(item)
					if !ok {
						return nil, fmt.Errorf("%s: enum values must be strings, got %s", c.Name(), item.Type())
					}
					t.Values = append(t.Values, s)
				}
			default:
				return nil, fmt.Errorf("%s: enum values must be strings, got %s", c.Name(), a.Type())
			}
		}
		args = nil
	}
	if len(args) > len(c.positional) {
		return nil, fmt.Errorf("%s: got %d positional arguments, want at most %d", c.Name(), len(args), len(c.positional))
	}
	for i, a := range args {
		if err := setTypeParam(t, c.positional[i], a); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name(), err)
		}
	}
	for _, kv := range kwargs {
		name := string(kv[0].(starlark.String))
		if !contains(c.positional, name) && !contains(c.keywords, name) {
			return nil, fmt.Errorf("%s: unexpected keyword argument '%s'", c.Name(), name)
		}
		if err := setTypeParam(t, name, kv[1]); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name(), err)
		}
	}
	return t, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ignoredTypeParams are accepted for compatibility but change no DDL
// retort renders (Python-side conversion options and the like).
var ignoredTypeParams = map[string]bool{
	"asdecimal": true, "decimal_return_scale": true, "none_as_null": true, "native": true,
	"day_precision": true, "astext_type": true, "as_tuple": true, "zero_indexes": true,
	"inherit_schema": true, "metadata": true, "validate_strings": true, "values_callable": true,
	"native_uuid": true, "retrieve_as_bitwise": true, "quote": true, "sort_key_function": true,
	"omit_aliases": true, "convert_unicode": true, "storage_format": true, "regexp": true,
	"truncate_microseconds": true, "_create_events": true, "display_width": true, "zerofill": true,
	"national": true, "fields": true, "varying": true, "text_type": true, "binary": true, "ascii": true, "unicode": true, "schema": true, "_expect_unicode": true,
}

func setTypeParam(t *schema.Type, name string, v starlark.Value) error {
	if ignoredTypeParams[name] {
		return nil
	}
	intPtr := func() (*int, error) {
		if v == starlark.None {
			return nil, nil
		}
		var n int
		if err := starlark.AsInt(v, &n); err != nil {
			return nil, fmt.Errorf("%s: got %s, want int", name, v.Type())
		}
		return &n, nil
	}
	boolVal := func() (bool, error) {
		b, ok := v.(starlark.Bool)
		if !ok {
			return false, fmt.Errorf("%s: got %s, want bool", name, v.Type())
		}
		return bool(b), nil
	}
	strVal := func() (string, error) {
		if v == starlark.None {
			return "", nil
		}
		s, ok := starlark.AsString(v)
		if !ok {
			return "", fmt.Errorf("%s: got %s, want string", name, v.Type())
		}
		return s, nil
	}
	var err error
	switch name {
	case "length":
		var p *int
		if p, err = intPtr(); err == nil && p != nil {
			t.Length = *p
		}
	case "precision", "fsp", "second_precision":
		t.Precision, err = intPtr()
	case "scale":
		t.Scale, err = intPtr()
	case "timezone":
		t.Timezone, err = boolVal()
	case "collation":
		t.Collation, err = strVal()
	case "charset":
		var cs string
		if cs, err = strVal(); err == nil && cs != "" {
			t.Charset = cs
		}
	case "unsigned":
		t.Unsigned, err = boolVal()
	case "as_uuid":
		var b bool
		if b, err = boolVal(); err == nil {
			t.AsUUID = &b
		}
	case "name":
		t.EnumName, err = strVal()
	case "native_enum":
		t.NativeEnum, err = boolVal()
	case "create_type":
		t.CreateType, err = boolVal()
	case "create_constraint":
		t.CreateConstraint, err = boolVal()
	case "dimensions":
		var p *int
		if p, err = intPtr(); err == nil && p != nil {
			t.Dimensions = *p
		}
	case "item_type":
		var it typeArg
		if err = it.Unpack(v); err == nil {
			t.Item = it.t
		}
	case "enums":
		return nil
	default:
		return fmt.Errorf("unexpected argument '%s'", name)
	}
	return err
}

// typeArg unpacks a type given as a class (sa.Integer) or an instance
// (sa.Integer()), like lib/time's Duration unpacks durations.
type typeArg struct{ t *schema.Type }

// Unpack implements starlark.Unpacker.
func (a *typeArg) Unpack(v starlark.Value) error {
	switch x := v.(type) {
	case *typeValue:
		a.t = x.t
		return nil
	case *typeCtor:
		t, err := x.build(nil, nil)
		if err != nil {
			return err
		}
		a.t = t
		return nil
	case starlark.NoneType:
		a.t = nil
		return nil
	}
	return fmt.Errorf("got %s, want a SQLAlchemy type such as sa.Integer or sa.String(50)", v.Type())
}

// typeSpec declares one type class: "Kind(pos1, pos2; kw1, kw2)" with
// "*" marking variadic values.
func typeSpecs(module, dialect string, specs ...string) map[string]*typeCtor {
	out := map[string]*typeCtor{}
	for _, spec := range specs {
		kind, params, _ := strings.Cut(spec, "(")
		params = strings.TrimSuffix(params, ")")
		pos, kw, _ := strings.Cut(params, ";")
		c := &typeCtor{module: module, dialect: dialect, kind: kind}
		for _, p := range strings.Split(pos, ",") {
			if p = strings.TrimSpace(p); p == "*" {
				c.variadic = true
			} else if p != "" {
				c.positional = append(c.positional, p)
			}
		}
		for _, p := range strings.Split(kw, ",") {
			if p = strings.TrimSpace(p); p != "" {
				c.keywords = append(c.keywords, p)
			}
		}
		out[kind] = c
	}
	return out
}

const enumKeywords = "name, native_enum, create_constraint, length, schema, inherit_schema, metadata, validate_strings, values_callable, sort_key_function, omit_aliases, quote, _create_events"

var saTypes = typeSpecs("sa", "",
	"Integer()", "SmallInteger()", "BigInteger()",
	"String(length, collation; convert_unicode, _expect_unicode)", "Unicode(length; collation)", "Text(length, collation)", "UnicodeText(length; collation)",
	"Boolean(create_constraint, name; _create_events)", "Date()", "DateTime(timezone)", "Time(timezone)",
	"Interval(native, second_precision, day_precision)", "Numeric(precision, scale, decimal_return_scale, asdecimal)",
	"Float(precision, asdecimal, decimal_return_scale)", "JSON(none_as_null)", "LargeBinary(length)",
	"Enum(*; "+enumKeywords+")", "Uuid(as_uuid, native_uuid)", "ARRAY(item_type, as_tuple, dimensions, zero_indexes)",
	"PickleType()", "TIMESTAMP(timezone)", "INTEGER()", "SMALLINT()", "BIGINT()", "VARCHAR(length, collation)",
	"CHAR(length, collation)", "NCHAR(length, collation)", "NVARCHAR(length, collation)", "TEXT(length, collation)",
	"CLOB(length, collation)", "BOOLEAN(create_constraint, name)", "DATE()", "DATETIME(timezone)", "TIME(timezone)",
	"NUMERIC(precision, scale, decimal_return_scale, asdecimal)", "DECIMAL(precision, scale, decimal_return_scale, asdecimal)",
	"FLOAT(precision, asdecimal, decimal_return_scale)", "REAL(precision, asdecimal, decimal_return_scale)",
	"BLOB(length)", "BINARY(length)", "VARBINARY(length)", "UUID(as_uuid, native_uuid)",
)

var postgresqlTypes = typeSpecs("postgresql", "postgresql",
	"UUID(as_uuid)", "JSONB(none_as_null, astext_type)", "JSON(none_as_null, astext_type)",
	"ARRAY(item_type, as_tuple, dimensions, zero_indexes)",
	"ENUM(*; create_type, "+enumKeywords+")", "TIMESTAMP(timezone, precision)", "TIME(timezone, precision)",
	"INET()", "CIDR()", "MACADDR()", "CITEXT()", "BYTEA(length)", "INTERVAL(precision, fields)", "MONEY()",
	"TSVECTOR()", "DOUBLE_PRECISION(precision, asdecimal, decimal_return_scale)", "HSTORE(text_type)",
	"BIT(length, varying)", "OID()", "REAL(precision)", "INTEGER()", "BIGINT()", "SMALLINT()", "TEXT(length, collation)",
	"VARCHAR(length, collation)", "CHAR(length, collation)", "BOOLEAN()", "DATE()", "NUMERIC(precision, scale, asdecimal)",
	"INT4RANGE()", "INT8RANGE()", "NUMRANGE()", "DATERANGE()", "TSRANGE()", "TSTZRANGE()",
)

var mysqlTypes = typeSpecs("mysql", "mysql",
	"INTEGER(display_width; unsigned, zerofill)", "TINYINT(display_width; unsigned, zerofill)",
	"SMALLINT(display_width; unsigned, zerofill)", "MEDIUMINT(display_width; unsigned, zerofill)",
	"BIGINT(display_width; unsigned, zerofill)",
	"VARCHAR(length; charset, collation, ascii, binary, unicode, national)", "CHAR(length; charset, collation, ascii, binary, unicode, national)",
	"TEXT(length; charset, collation, ascii, binary, unicode, national)", "LONGTEXT(; charset, collation, ascii, binary, unicode, national)",
	"MEDIUMTEXT(; charset, collation, ascii, binary, unicode, national)", "TINYTEXT(; charset, collation, ascii, binary, unicode, national)",
	"DATETIME(timezone; fsp)", "TIMESTAMP(timezone; fsp)", "TIME(timezone; fsp)",
	"DOUBLE(precision, scale; asdecimal, unsigned, zerofill)", "FLOAT(precision, scale; asdecimal, unsigned, zerofill)",
	"DECIMAL(precision, scale; asdecimal, unsigned, zerofill)", "NUMERIC(precision, scale; asdecimal, unsigned, zerofill)",
	"ENUM(*; charset, collation, "+enumKeywords+")", "SET(*; charset, collation, retrieve_as_bitwise, quote)",
	"JSON()", "BIT(length)", "BLOB(length)", "LONGBLOB()", "MEDIUMBLOB()", "TINYBLOB()", "YEAR(display_width)",
	"BOOLEAN(create_constraint, name)", "DATE()", "VARBINARY(length)", "BINARY(length)",
)

var sqliteTypes = typeSpecs("sqlite", "sqlite",
	"DATETIME(storage_format, regexp, truncate_microseconds)", "DATE(storage_format, regexp)",
	"TIME(storage_format, regexp, truncate_microseconds)", "JSON(none_as_null)",
	"INTEGER()", "TEXT(length, collation)", "REAL()", "BLOB(length)", "NUMERIC(precision, scale)", "VARCHAR(length, collation)",
)

// typeSuper is the SQLAlchemy class each type class derives from, as far
// as isinstance(col.type, sa.String) and the like need: VARCHAR is a
// String, BIGINT a BigInteger and so an Integer. Reflected types carry the
// upper-case SQL names.
var typeSuper = map[string]string{
	"VARCHAR": "String", "CHAR": "String", "NVARCHAR": "Unicode", "NCHAR": "Unicode", "Unicode": "String",
	"TEXT": "Text", "CLOB": "Text", "CITEXT": "TEXT", "UnicodeText": "Text", "Text": "String", "Enum": "String", "ENUM": "Enum",
	"INTEGER": "Integer", "INT": "Integer", "TINYINT": "Integer", "MEDIUMINT": "Integer",
	"SMALLINT": "SmallInteger", "SmallInteger": "Integer", "BIGINT": "BigInteger", "BigInteger": "Integer",
	"NUMERIC": "Numeric", "DECIMAL": "Numeric", "FLOAT": "Float", "REAL": "Float", "DOUBLE_PRECISION": "Float",
	"DOUBLE": "Float", "Float": "Numeric", "BOOLEAN": "Boolean", "DATE": "Date", "DATETIME": "DateTime",
	"TIMESTAMP": "DateTime", "TIME": "Time", "INTERVAL": "Interval", "BLOB": "LargeBinary", "BINARY": "LargeBinary",
	"VARBINARY": "LargeBinary", "BYTEA": "LargeBinary", "JSONB": "JSON", "UUID": "Uuid",
}

// typeIsA reports whether a type of class kind is an instance of class want.
func typeIsA(kind, want string) bool {
	for seen := 0; kind != "" && seen < 8; seen++ {
		if kind == want {
			return true
		}
		next, ok := typeSuper[kind]
		if !ok {
			next = typeSuper[strings.ToUpper(kind)]
		}
		kind = next
	}
	return false
}
