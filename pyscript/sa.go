package pyscript

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// nameArg unpacks a constraint or index name: None, a string, or op.f(...)
// (a name the naming convention must leave alone).
type nameArg struct {
	name string
	conv bool
}

// Unpack implements starlark.Unpacker.
func (a *nameArg) Unpack(v starlark.Value) error {
	switch x := v.(type) {
	case starlark.NoneType:
		*a = nameArg{}
	case starlark.String:
		*a = nameArg{name: string(x)}
	case *convName:
		*a = nameArg{name: x.name, conv: true}
	default:
		return fmt.Errorf("got %s, want a name (string or None)", v.Type())
	}
	return nil
}

// convName is op.f("name"): a name already final under the naming convention.
type convName struct {
	base
	name string
}

func (c *convName) String() string { return c.name }
func (c *convName) Type() string   { return "conv" }

// strPtr is an optional string argument.
type optString struct {
	set bool
	s   string
}

// Unpack implements starlark.Unpacker: None leaves it unset.
func (o *optString) Unpack(v starlark.Value) error {
	if v == starlark.None {
		*o = optString{}
		return nil
	}
	s, ok := starlark.AsString(v)
	if !ok {
		return fmt.Errorf("got %s, want string or None", v.Type())
	}
	*o = optString{set: true, s: s}
	return nil
}

// optBool is an optional bool argument.
type optBool struct {
	set bool
	b   bool
}

// Unpack implements starlark.Unpacker: None leaves it unset.
func (o *optBool) Unpack(v starlark.Value) error {
	if v == starlark.None {
		*o = optBool{}
		return nil
	}
	b, ok := v.(starlark.Bool)
	if !ok {
		return fmt.Errorf("got %s, want bool or None", v.Type())
	}
	*o = optBool{set: true, b: bool(b)}
	return nil
}

func (o optBool) ptr() *bool {
	if !o.set {
		return nil
	}
	b := o.b
	return &b
}

// optInt64 is an optional integer argument.
type optInt64 struct {
	set bool
	n   int64
}

// Unpack implements starlark.Unpacker: None leaves it unset.
func (o *optInt64) Unpack(v starlark.Value) error {
	if v == starlark.None {
		*o = optInt64{}
		return nil
	}
	i, ok := v.(starlark.Int)
	if !ok {
		return fmt.Errorf("got %s, want int or None", v.Type())
	}
	n, ok := i.Int64()
	if !ok {
		return fmt.Errorf("integer %s out of range", i)
	}
	*o = optInt64{set: true, n: n}
	return nil
}

func (o optInt64) ptr() *int64 {
	if !o.set {
		return nil
	}
	n := o.n
	return &n
}

// strList unpacks a list or tuple of column names (strings or columns).
type strList []string

// Unpack implements starlark.Unpacker.
func (l *strList) Unpack(v starlark.Value) error {
	if s, ok := v.(starlark.String); ok {
		// SQLAlchemy accepts a lone string in some places; a single name
		// is what the user meant.
		*l = []string{string(s)}
		return nil
	}
	it, ok := v.(starlark.Iterable)
	if !ok {
		return fmt.Errorf("got %s, want a list of column names", v.Type())
	}
	var out []string
	for item := range starlark.Elements(it) {
		name, err := columnName(item)
		if err != nil {
			return err
		}
		out = append(out, name)
	}
	*l = out
	return nil
}

func columnName(v starlark.Value) (string, error) {
	switch x := v.(type) {
	case starlark.String:
		return string(x), nil
	case *columnValue:
		return x.col.Name, nil
	}
	return "", fmt.Errorf("got %s, want a column name", v.Type())
}

// serverDefault converts a server_default argument.
func serverDefault(fn string, v starlark.Value) (*schema.Expr, error) {
	switch x := plain(v).(type) {
	case starlark.NoneType:
		return nil, nil
	case starlark.String:
		return &schema.Expr{Kind: schema.ExprLiteral, Text: string(x), Value: string(x)}, nil
	case *exprValue:
		e := x.e
		return &e, nil
	case *columnValue:
		return &schema.Expr{Kind: schema.ExprColumn, Text: x.col.Name}, nil
	}
	return nil, fmt.Errorf("%s: server_default must be a string, sa.text(...) or a SQL expression such as sa.func.now(), not %s", fn, v.Type())
}

// dialectPrefixes are the <dialect>_ keyword prefixes SQLAlchemy routes to dialects.
var dialectPrefixes = []string{"postgresql_", "mysql_", "mariadb_", "sqlite_", "mssql_", "oracle_"}

func isDialectKwarg(name string) bool {
	for _, p := range dialectPrefixes {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			return true
		}
	}
	return false
}

// splitDialectKwargs removes <dialect>_* keyword arguments from kwargs and
// returns them rendered as strings: strings as written, bools as "true" or
// "false", numbers in decimal, SQL expressions as SQL text, lists of names
// joined with ",", and dicts as sorted "key=value" pairs joined with ","
// (mysql_length={"a": 10} is "a=10").
func splitDialectKwargs(fn string, kwargs []starlark.Tuple) ([]starlark.Tuple, map[string]string, error) {
	var rest []starlark.Tuple
	var opts map[string]string
	for _, kv := range kwargs {
		name := string(kv[0].(starlark.String))
		if !isDialectKwarg(name) {
			rest = append(rest, kv)
			continue
		}
		s, err := dialectKwargValue(kv[1])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: %w", fn, name, err)
		}
		if opts == nil {
			opts = map[string]string{}
		}
		opts[name] = s
	}
	return rest, opts, nil
}

func dialectKwargValue(v starlark.Value) (string, error) {
	switch x := plain(v).(type) {
	case *starlark.Dict:
		var parts []string
		for _, item := range x.Items() {
			k, err := dialectKwargValue(item[0])
			if err != nil {
				return "", err
			}
			v, err := dialectKwargValue(item[1])
			if err != nil {
				return "", err
			}
			parts = append(parts, k+"="+v)
		}
		sort.Strings(parts)
		return strings.Join(parts, ","), nil
	case starlark.String:
		return string(x), nil
	case starlark.Bool:
		return strconv.FormatBool(bool(x)), nil
	case starlark.Int, starlark.Float:
		return x.String(), nil
	case starlark.NoneType:
		return "", nil
	case *exprValue:
		return renderSQL(x.e), nil
	case *columnValue:
		return x.col.Name, nil
	case *starlark.List, starlark.Tuple:
		var parts []string
		for item := range starlark.Elements(x.(starlark.Iterable)) {
			s, err := dialectKwargValue(item)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("unsupported value of type %s", v.Type())
}

// sa.Column -------------------------------------------------------------

// ignoredColumnKwargs only matter to Python code (ORM, client-side defaults).
var ignoredColumnKwargs = map[string]bool{
	"default": true, "onupdate": true, "info": true, "doc": true, "quote": true, "system": true,
	"server_onupdate": true, "_proxies": true, "insert_default": true, "sort_order": true,
}

func saColumn(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.Column"
	kwargs, dialectOpts, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	col := &schema.Column{Autoincrement: "auto", DialectOptions: dialectOpts}
	cv := &columnValue{col: col}
	rest := args
	if len(rest) > 0 {
		if s, ok := rest[0].(starlark.String); ok {
			col.Name = string(s)
			rest = rest[1:]
		}
	}
	for _, a := range rest {
		switch x := a.(type) {
		case *typeValue, *typeCtor:
			var ta typeArg
			if err := ta.Unpack(x); err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			col.Type = ta.t
		case *fkRefValue:
			cv.fks = append(cv.fks, x)
		case *identityValue:
			col.Identity = x.id
		case *computedValue:
			col.Computed = x.c
		case *sequenceValue:
			col.Sequence = x.s
		case *constraintValue:
			if _, ok := x.c.(*schema.Check); !ok {
				return nil, fmt.Errorf("%s: only CheckConstraint may be given to a Column, got %s", fn, x.Type())
			}
			cv.checks = append(cv.checks, x)
		default:
			return nil, fmt.Errorf("%s: unexpected positional argument of type %s", fn, a.Type())
		}
	}
	nullable := optBool{}
	var primaryKey, unique, index bool
	var serverDef starlark.Value = starlark.None
	var comment optString
	var autoinc starlark.Value = starlark.String("auto")
	var name, key optString
	var typ typeArg
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		v := kv[1]
		var err error
		switch k {
		case "name":
			err = name.Unpack(v)
		case "type_":
			err = typ.Unpack(v)
		case "key":
			err = key.Unpack(v)
		case "primary_key":
			primaryKey = bool(v.Truth())
		case "nullable":
			err = nullable.Unpack(v)
		case "unique":
			unique = bool(v.Truth())
		case "index":
			index = bool(v.Truth())
		case "server_default":
			serverDef = v
		case "comment":
			err = comment.Unpack(v)
		case "autoincrement":
			autoinc = v
		default:
			if ignoredColumnKwargs[k] {
				continue
			}
			return nil, fmt.Errorf("%s: unexpected keyword argument '%s'", fn, k)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", fn, k, err)
		}
	}
	if name.set {
		col.Name = name.s
	}
	if typ.t != nil {
		col.Type = typ.t
	}
	if col.Type == nil {
		// SQLAlchemy's NullType; a ForeignKey column without a type takes
		// the referenced column's type only once both tables are known.
		col.Type = &schema.Type{Kind: "NullType"}
	}
	col.PrimaryKey, col.Unique, col.Index = primaryKey, unique, index
	// SQLAlchemy makes primary key and Identity columns NOT NULL unless
	// nullable=True is given.
	col.Nullable = !primaryKey && col.Identity == nil
	if nullable.set {
		col.Nullable = nullable.b
		cv.nullableSet = true
	}
	if col.ServerDefault, err = serverDefault(fn, serverDef); err != nil {
		return nil, err
	}
	if comment.set {
		c := comment.s
		col.Comment = &c
	}
	switch x := autoinc.(type) {
	case starlark.Bool:
		col.Autoincrement = strconv.FormatBool(bool(x))
	case starlark.String:
		if x != "auto" && x != "ignore_fk" {
			return nil, fmt.Errorf("%s: autoincrement must be True, False, \"auto\" or \"ignore_fk\", not %q", fn, string(x))
		}
		col.Autoincrement = string(x)
	default:
		return nil, fmt.Errorf("%s: autoincrement must be True, False, \"auto\" or \"ignore_fk\", not %s", fn, autoinc.Type())
	}
	for _, fk := range cv.fks {
		ref := *fk.ref
		col.ForeignKeys = append(col.ForeignKeys, &ref)
	}
	return cv, nil
}

// sa.column / sa.table -----------------------------------------------------

func saLowerColumn(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	var typ typeArg
	if err := starlark.UnpackArgs("sa.column", args, kwargs, "text", &name, "type_?", &typ, "is_literal?", new(bool), "_selectable?", new(starlark.Value)); err != nil {
		return nil, err
	}
	if typ.t == nil {
		typ.t = &schema.Type{Kind: "NullType"}
	}
	return &columnValue{col: &schema.Column{Name: name, Type: typ.t, Nullable: true, Autoincrement: "auto"}}, nil
}

// tableValue is sa.table(...) or sa.Table(...).
type tableValue struct {
	base
	t *schema.Table
	// cols keeps the script's column objects (with their ForeignKey objects).
	cols []*columnValue
}

func (v *tableValue) String() string { return "Table(" + strconv.Quote(v.t.Name) + ")" }
func (v *tableValue) Type() string   { return "Table" }

// Attr exposes c / columns, name, schema and the DML builders.
func (v *tableValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "c", "columns":
		return &columnCollection{table: v}, nil
	case "name":
		return starlark.String(v.t.Name), nil
	case "schema":
		if v.t.Schema == "" {
			return starlark.None, nil
		}
		return starlark.String(v.t.Schema), nil
	case "insert", "update", "delete":
		kind := name
		return method(name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			d := &dmlValue{dml: &ops.DML{Kind: kind, Table: v.t}}
			if err := starlark.UnpackPositionalArgs(v.t.Name+"."+kind, args, nil, 0); err != nil {
				return nil, err
			}
			if len(kwargs) > 0 {
				return d.values(kind, nil, kwargs)
			}
			return d, nil
		}), nil
	}
	return nil, nil
}

// AttrNames lists a table's attributes.
func (v *tableValue) AttrNames() []string {
	return []string{"c", "columns", "delete", "insert", "name", "schema", "update"}
}

// columnCollection is table.c.
type columnCollection struct {
	base
	table *tableValue
}

func (c *columnCollection) String() string { return c.table.t.Name + ".c" }
func (c *columnCollection) Type() string   { return "ColumnCollection" }

func (c *columnCollection) lookup(name string) *columnValue {
	for _, cv := range c.table.cols {
		if cv.col.Name == name {
			if cv.owner == nil {
				cv.owner = c.table
			}
			return cv
		}
	}
	return nil
}

// Attr returns the named column.
func (c *columnCollection) Attr(name string) (starlark.Value, error) {
	if cv := c.lookup(name); cv != nil {
		return cv, nil
	}
	return nil, starlark.NoSuchAttrError(fmt.Sprintf("table %s has no column %q", c.table.t.Name, name))
}

// AttrNames lists the column names.
func (c *columnCollection) AttrNames() []string {
	var out []string
	for _, cv := range c.table.cols {
		out = append(out, cv.col.Name)
	}
	return out
}

// Get supports table.c["name"].
func (c *columnCollection) Get(k starlark.Value) (starlark.Value, bool, error) {
	s, ok := starlark.AsString(k)
	if !ok {
		return nil, false, fmt.Errorf("column key must be a string, not %s", k.Type())
	}
	if cv := c.lookup(s); cv != nil {
		return cv, true, nil
	}
	return nil, false, fmt.Errorf("table %s has no column %q", c.table.t.Name, s)
}

// Iterate yields the columns.
func (c *columnCollection) Iterate() starlark.Iterator {
	vals := make([]starlark.Value, len(c.table.cols))
	for i, cv := range c.table.cols {
		vals[i] = cv
	}
	return starlark.NewList(vals).Iterate()
}

// Len is the number of columns.
func (c *columnCollection) Len() int { return len(c.table.cols) }

// dmlValue is table.insert() / update() / delete(), with where() and values().
type dmlValue struct {
	base
	dml *ops.DML
}

func (d *dmlValue) String() string { return strings.ToUpper(d.dml.Kind) + " " + d.dml.Table.Name }
func (d *dmlValue) Type() string   { return strings.ToUpper(d.dml.Kind[:1]) + d.dml.Kind[1:] }

func (d *dmlValue) clone() *dmlValue {
	cp := *d.dml
	cp.Values = append([]ops.ColumnValue(nil), d.dml.Values...)
	return &dmlValue{dml: &cp}
}

func (d *dmlValue) values(fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if d.dml.Kind == "delete" {
		return nil, fmt.Errorf("%s: DELETE takes no values", fn)
	}
	out := d.clone()
	add := func(k string, v starlark.Value) error {
		if c, ok := ownedColumn(v); ok && d.dml.Table != nil && !sameTable(c.owner.t, d.dml.Table) {
			return otherTableError("setting "+d.dml.Table.Name+"."+k+" to", c)
		}
		e, err := toExpr(v)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", fn, k, err)
		}
		out.dml.Values = append(out.dml.Values, ops.ColumnValue{Column: k, Value: e})
		return nil
	}
	if len(args) > 1 {
		return nil, fmt.Errorf("%s: takes one dict or keyword arguments", fn)
	}
	if len(args) == 1 {
		dict, ok := args[0].(*starlark.Dict)
		if !ok {
			return nil, fmt.Errorf("%s: got %s, want dict", fn, args[0].Type())
		}
		for _, item := range dict.Items() {
			k, err := columnName(item[0])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			if err := add(k, item[1]); err != nil {
				return nil, err
			}
		}
	}
	for _, kv := range kwargs {
		if err := add(string(kv[0].(starlark.String)), kv[1]); err != nil {
			return nil, err
		}
	}
	// SQLAlchemy lists SET and INSERT columns in the table's column order,
	// whatever order values() names them in; others follow as given.
	if t := out.dml.Table; t != nil {
		pos := func(name string) int {
			for i, c := range t.Columns {
				if c.Name == name {
					return i
				}
			}
			return len(t.Columns)
		}
		slices.SortStableFunc(out.dml.Values, func(a, b ops.ColumnValue) int { return pos(a.Column) - pos(b.Column) })
	}
	return out, nil
}

// Attr provides where() and values().
func (d *dmlValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "values":
		return method("values", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return d.values("values", args, kwargs)
		}), nil
	case "where":
		return method("where", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if d.dml.Kind == "insert" {
				return nil, fmt.Errorf("where: INSERT takes no WHERE clause")
			}
			if len(kwargs) > 0 || len(args) == 0 {
				return nil, fmt.Errorf("where: want one or more SQL conditions")
			}
			out := d.clone()
			for _, a := range args {
				e, err := toCondition(a)
				if err != nil {
					return nil, fmt.Errorf("where: %w", err)
				}
				if out.dml.Where == nil {
					out.dml.Where = &e
				} else {
					and := schema.Expr{Kind: schema.ExprBinary, Text: "AND", Args: []schema.Expr{*out.dml.Where, e}}
					out.dml.Where = &and
				}
			}
			return out, nil
		}), nil
	}
	return nil, nil
}

// AttrNames lists the builder methods.
func (d *dmlValue) AttrNames() []string { return []string{"values", "where"} }

// toCondition accepts a SQL expression or a SQL string (as sa.text).
func toCondition(v starlark.Value) (schema.Expr, error) {
	switch x := plain(v).(type) {
	case starlark.String:
		return schema.Expr{Kind: schema.ExprText, Text: string(x)}, nil
	case *exprValue:
		return x.e, nil
	case *columnValue:
		return schema.Expr{Kind: schema.ExprColumn, Text: x.col.Name}, nil
	}
	return schema.Expr{}, fmt.Errorf("got %s, want a SQL expression", v.Type())
}

func saTable(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return buildTable("sa.table", args, kwargs, false)
}

func saUpperTable(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return buildTable("sa.Table", args, kwargs, true)
}

// buildTable builds a table from a name, (for sa.Table) a MetaData, and
// columns, constraints and indexes.
func buildTable(fn string, args starlark.Tuple, kwargs []starlark.Tuple, withMeta bool) (*tableValue, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("%s: missing table name", fn)
	}
	name, ok := starlark.AsString(args[0])
	if !ok {
		return nil, fmt.Errorf("%s: table name must be a string, not %s", fn, args[0].Type())
	}
	rest := args[1:]
	var meta *metaValue
	if withMeta {
		if len(rest) == 0 {
			return nil, fmt.Errorf("%s: missing MetaData argument", fn)
		}
		m, ok := rest[0].(*metaValue)
		if !ok {
			return nil, fmt.Errorf("%s: second argument must be a MetaData, not %s", fn, rest[0].Type())
		}
		meta, rest = m, rest[1:]
	}
	kwargs, dialectOpts, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	t := &schema.Table{Name: name, DialectOptions: dialectOpts}
	tv := &tableValue{t: t}
	var conv map[string]string
	if meta != nil {
		t.Schema = meta.m.Schema
		conv = meta.m.NamingConvention
	}
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		switch k {
		case "schema":
			var s optString
			if err := s.Unpack(kv[1]); err != nil {
				return nil, fmt.Errorf("%s: schema: %w", fn, err)
			}
			t.Schema = s.s
		case "comment":
			var s optString
			if err := s.Unpack(kv[1]); err != nil {
				return nil, fmt.Errorf("%s: comment: %w", fn, err)
			}
			if s.set {
				c := s.s
				t.Comment = &c
			}
		case "info", "keep_existing", "extend_existing", "quote", "quote_schema", "prefixes", "listeners", "must_exist", "implicit_returning", "autoload_with", "resolve_fks", "include_columns":
			// Python-side options with no DDL effect.
		default:
			return nil, fmt.Errorf("%s: unexpected keyword argument '%s'", fn, k)
		}
	}
	if meta != nil {
		for _, other := range meta.m.Tables {
			if other.Name == t.Name && other.Schema == t.Schema {
				return nil, fmt.Errorf("%s: table %q is already defined for this MetaData", fn, qualified(t.Schema, t.Name))
			}
		}
	}
	if err := populateTable(fn, tv, rest, withConvention(conv)); err != nil {
		return nil, err
	}
	if meta != nil {
		meta.m.Tables = append(meta.m.Tables, t)
	}
	return tv, nil
}

// populateTable adds columns, constraints and indexes to a table and names
// unnamed ones by the naming convention, as SQLAlchemy does when they are
// attached to a table.
func populateTable(fn string, tv *tableValue, items starlark.Tuple, conv map[string]string) error {
	t := tv.t
	var pending []*constraintValue
	var indexes []*indexValue
	for _, a := range items {
		switch x := a.(type) {
		case *columnValue:
			if x.col.Name == "" {
				return fmt.Errorf("%s: a Column needs a name", fn)
			}
			// Copy the column, and its foreign keys that get named below, so
			// a Column object reused in several tables stays independent.
			col := *x.col
			col.ForeignKeys = nil
			for _, fk := range x.col.ForeignKeys {
				ref := *fk
				col.ForeignKeys = append(col.ForeignKeys, &ref)
			}
			cv := &columnValue{col: &col, table: t.Name, fks: x.fks, checks: x.checks, nullableSet: x.nullableSet}
			t.Columns = append(t.Columns, cv.col)
			tv.cols = append(tv.cols, cv)
		case *constraintValue:
			pending = append(pending, x)
		case *indexValue:
			indexes = append(indexes, x)
		default:
			return fmt.Errorf("%s: unexpected argument of type %s (want Column, constraint or Index)", fn, a.Type())
		}
	}
	// Column-level foreign keys, checks, and index=True.
	for _, cv := range tv.cols {
		for i, fk := range cv.fks {
			name, err := conventionNameIn(conv, "fk", fk.name, t.Schema, t.Name, []string{cv.col.Name}, fkRefTable(fk.ref.Target), []string{fkRefColumn(fk.ref.Target)})
			if err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
			cv.col.ForeignKeys[i].Name = name
		}
		for _, ck := range cv.checks {
			c := *ck.c.(*schema.Check)
			cols := ck.cols
			if len(cols) == 0 {
				cols = []string{cv.col.Name}
			}
			name, err := conventionNameIn(conv, "ck", ck.name, t.Schema, t.Name, cols, "", nil)
			if err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
			c.Name = name
			cv.col.Checks = append(cv.col.Checks, &c)
		}
		if cv.col.Index {
			name, err := conventionNameIn(conv, "ix", nameArg{}, t.Schema, t.Name, []string{cv.col.Name}, "", nil)
			if err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
			t.Indexes = append(t.Indexes, &schema.Index{Name: name, Schema: t.Schema, Table: t.Name, Unique: cv.col.Unique,
				Elements: []schema.IndexElement{{Column: cv.col.Name}}})
			// The index carries the column's uniqueness, as in SQLAlchemy
			// (index=True, unique=True makes a unique index, no constraint).
			cv.col.Index, cv.col.Unique = false, false
		}
		if cv.col.Unique {
			if tmpl, ok := conv["uq"]; ok && tmpl != "" {
				name, err := conventionNameIn(conv, "uq", nameArg{}, t.Schema, t.Name, []string{cv.col.Name}, "", nil)
				if err != nil {
					return fmt.Errorf("%s: %w", fn, err)
				}
				t.Constraints = append(t.Constraints, &schema.Unique{Name: name, Columns: []string{cv.col.Name}})
				cv.col.Unique = false
			}
		}
	}
	for _, c := range pending {
		named, err := c.named(conv, t.Name)
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		t.Constraints = append(t.Constraints, named)
		if pk, ok := named.(*schema.PrimaryKey); ok {
			for _, colName := range pk.Columns {
				for _, cv := range tv.cols {
					if cv.col.Name == colName {
						cv.col.PrimaryKey = true
						cv.col.Nullable = cv.nullableSet && cv.col.Nullable
					}
				}
			}
		}
	}
	for _, ix := range indexes {
		idx := *ix.idx
		idx.Table, idx.Schema = t.Name, t.Schema
		name, err := conventionNameIn(conv, "ix", ix.name, t.Schema, t.Name, indexColumns(&idx), "", nil)
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		idx.Name = name
		t.Indexes = append(t.Indexes, &idx)
	}
	return nil
}

func qualified(schemaName, name string) string {
	if schemaName == "" {
		return name
	}
	return schemaName + "." + name
}

func indexColumns(ix *schema.Index) []string {
	var out []string
	for _, e := range ix.Elements {
		if e.Column != "" {
			out = append(out, e.Column)
		}
	}
	return out
}

// fkRefTable and fkRefColumn split "[schema.]table.column".
func fkRefTable(target string) string {
	i := strings.LastIndexByte(target, '.')
	if i < 0 {
		return ""
	}
	t := target[:i]
	if j := strings.LastIndexByte(t, '.'); j >= 0 {
		t = t[j+1:]
	}
	return t
}

func fkRefColumn(target string) string {
	return target[strings.LastIndexByte(target, '.')+1:]
}

// metaValue is sa.MetaData(...).
type metaValue struct {
	base
	m *schema.MetaData
}

func (v *metaValue) String() string { return "MetaData()" }
func (v *metaValue) Type() string   { return "MetaData" }

// Attr exposes naming_convention, schema and tables.
func (v *metaValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "naming_convention":
		d := starlark.NewDict(len(v.m.NamingConvention))
		for _, k := range sortedKeys(v.m.NamingConvention) {
			_ = d.SetKey(starlark.String(k), starlark.String(v.m.NamingConvention[k]))
		}
		return d, nil
	case "schema":
		return starlark.String(v.m.Schema), nil
	}
	return nil, nil
}

// AttrNames lists MetaData's attributes.
func (v *metaValue) AttrNames() []string { return []string{"naming_convention", "schema"} }

func saMetaData(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sch optString
	var nc *starlark.Dict
	if err := starlark.UnpackArgs("sa.MetaData", args, kwargs, "schema?", &sch, "quote_schema?", new(starlark.Value),
		"naming_convention?", &nc, "info?", new(starlark.Value)); err != nil {
		return nil, err
	}
	m := &schema.MetaData{Schema: sch.s}
	if nc != nil {
		m.NamingConvention = map[string]string{}
		for _, item := range nc.Items() {
			k, ok1 := starlark.AsString(item[0])
			v, ok2 := starlark.AsString(item[1])
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("sa.MetaData: naming_convention must map strings to strings")
			}
			m.NamingConvention[conventionKey(k)] = v
		}
	}
	return &metaValue{m: m}, nil
}

// Constraints, ForeignKey, Index, Identity, Computed, Sequence ----------------

// constraintValue is a PrimaryKeyConstraint, UniqueConstraint,
// CheckConstraint or ForeignKeyConstraint not yet attached to a table.
type constraintValue struct {
	base
	c    schema.Constraint
	name nameArg
	cols []string // columns a CheckConstraint's expression mentions
}

func (v *constraintValue) String() string { return v.Type() + "(" + strconv.Quote(v.name.name) + ")" }
func (v *constraintValue) Type() string {
	switch v.c.(type) {
	case *schema.PrimaryKey:
		return "PrimaryKeyConstraint"
	case *schema.Unique:
		return "UniqueConstraint"
	case *schema.Check:
		return "CheckConstraint"
	}
	return "ForeignKeyConstraint"
}

// named returns a copy of the constraint with its convention-derived name.
func (v *constraintValue) named(conv map[string]string, table string) (schema.Constraint, error) {
	switch c := v.c.(type) {
	case *schema.PrimaryKey:
		cp := *c
		n, err := conventionName(conv, "pk", v.name, table, cp.Columns, "", nil)
		cp.Name = n
		return &cp, err
	case *schema.Unique:
		cp := *c
		n, err := conventionName(conv, "uq", v.name, table, cp.Columns, "", nil)
		cp.Name = n
		return &cp, err
	case *schema.Check:
		cp := *c
		n, err := conventionName(conv, "ck", v.name, table, v.cols, "", nil)
		cp.Name = n
		return &cp, err
	case *schema.ForeignKey:
		cp := *c
		n, err := conventionName(conv, "fk", v.name, table, cp.Columns, cp.RefTable, cp.RefColumns)
		cp.Name = n
		return &cp, err
	}
	return nil, fmt.Errorf("unknown constraint %T", v.c)
}

// constraintKwargs unpacks the keyword arguments constraints share.
type constraintKwargs struct {
	name       nameArg
	deferrable optBool
	initially  optString
}

func (k *constraintKwargs) take(fn string, kwargs []starlark.Tuple, extra map[string]starlark.Unpacker) error {
	for _, kv := range kwargs {
		key := string(kv[0].(starlark.String))
		var err error
		switch key {
		case "name":
			err = k.name.Unpack(kv[1])
		case "deferrable":
			err = k.deferrable.Unpack(kv[1])
		case "initially":
			err = k.initially.Unpack(kv[1])
		case "info", "_create_rule", "_type_bound", "use_alter", "link_to_name", "_autoattach", "_column_flag":
		default:
			u, ok := extra[key]
			if !ok {
				return fmt.Errorf("%s: unexpected keyword argument '%s'", fn, key)
			}
			err = u.Unpack(kv[1])
		}
		if err != nil {
			return fmt.Errorf("%s: %s: %w", fn, key, err)
		}
	}
	return nil
}

func columnsOf(fn string, args starlark.Tuple) ([]string, error) {
	var out []string
	for _, a := range args {
		n, err := columnName(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		out = append(out, n)
	}
	return out, nil
}

func saPrimaryKeyConstraint(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.PrimaryKeyConstraint"
	kwargs, _, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	var k constraintKwargs
	if err := k.take(fn, kwargs, nil); err != nil {
		return nil, err
	}
	cols, err := columnsOf(fn, args)
	if err != nil {
		return nil, err
	}
	return &constraintValue{c: &schema.PrimaryKey{Columns: cols}, name: k.name}, nil
}

func saUniqueConstraint(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.UniqueConstraint"
	kwargs, _, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	var k constraintKwargs
	if err := k.take(fn, kwargs, nil); err != nil {
		return nil, err
	}
	cols, err := columnsOf(fn, args)
	if err != nil {
		return nil, err
	}
	return &constraintValue{c: &schema.Unique{Columns: cols, Deferrable: k.deferrable.ptr(), Initially: k.initially.s}, name: k.name}, nil
}

func saCheckConstraint(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.CheckConstraint"
	kwargs, _, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	if len(args) == 0 {
		var rest []starlark.Tuple
		for _, kv := range kwargs {
			if kv[0] == starlark.String("sqltext") {
				args = starlark.Tuple{kv[1]}
				continue
			}
			rest = append(rest, kv)
		}
		kwargs = rest
	}
	if len(args) != 1 {
		return nil, fmt.Errorf("%s: want one condition (a SQL string or expression)", fn)
	}
	var k constraintKwargs
	if err := k.take(fn, kwargs, nil); err != nil {
		return nil, err
	}
	cond, err := toCondition(args[0])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return &constraintValue{c: &schema.Check{SQL: renderSQL(cond)}, name: k.name, cols: exprColumns(cond)}, nil
}

func saForeignKeyConstraint(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.ForeignKeyConstraint"
	kwargs, _, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	var cols strList
	var onupdate, ondelete, match optString
	var k constraintKwargs
	rest := kwargs[:0:0]
	for _, kv := range kwargs {
		switch kv[0] {
		case starlark.String("columns"):
			args = append(starlark.Tuple{kv[1]}, args...)
		case starlark.String("refcolumns"):
			args = append(args, kv[1])
		default:
			rest = append(rest, kv)
		}
	}
	if len(args) != 2 {
		return nil, fmt.Errorf("%s: want columns and refcolumns lists", fn)
	}
	if err := cols.Unpack(args[0]); err != nil {
		return nil, fmt.Errorf("%s: columns: %w", fn, err)
	}
	var refTargets []string
	it, ok := args[1].(starlark.Iterable)
	if !ok {
		return nil, fmt.Errorf("%s: refcolumns: got %s, want a list", fn, args[1].Type())
	}
	for item := range starlark.Elements(it) {
		switch x := item.(type) {
		case starlark.String:
			refTargets = append(refTargets, string(x))
		case *columnValue:
			refTargets = append(refTargets, x.table+"."+x.col.Name)
		default:
			return nil, fmt.Errorf("%s: refcolumns: got %s, want \"table.column\"", fn, item.Type())
		}
	}
	if err := k.take(fn, rest, map[string]starlark.Unpacker{"onupdate": &onupdate, "ondelete": &ondelete, "match": &match}); err != nil {
		return nil, err
	}
	if len(cols) != len(refTargets) {
		return nil, fmt.Errorf("%s: %d columns but %d referenced columns", fn, len(cols), len(refTargets))
	}
	fk := &schema.ForeignKey{Columns: cols, OnUpdate: onupdate.s, OnDelete: ondelete.s, Match: match.s,
		Deferrable: k.deferrable.ptr(), Initially: k.initially.s}
	for _, target := range refTargets {
		parts := strings.Split(target, ".")
		if len(parts) < 2 {
			return nil, fmt.Errorf("%s: referenced column %q must be \"table.column\"", fn, target)
		}
		fk.RefColumns = append(fk.RefColumns, parts[len(parts)-1])
		fk.RefTable = parts[len(parts)-2]
		if len(parts) > 2 {
			fk.RefSchema = strings.Join(parts[:len(parts)-2], ".")
		}
	}
	return &constraintValue{c: fk, name: k.name}, nil
}

// fkRefValue is sa.ForeignKey("table.column", ...).
type fkRefValue struct {
	base
	ref  *schema.ForeignKeyRef
	name nameArg
}

func (v *fkRefValue) String() string { return "ForeignKey(" + strconv.Quote(v.ref.Target) + ")" }
func (v *fkRefValue) Type() string   { return "ForeignKey" }

func saForeignKey(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.ForeignKey"
	kwargs, _, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	var target starlark.Value
	var onupdate, ondelete, match optString
	var k constraintKwargs
	rest := kwargs[:0:0]
	for _, kv := range kwargs {
		if kv[0] == starlark.String("column") {
			target = kv[1]
			continue
		}
		rest = append(rest, kv)
	}
	if len(args) == 1 && target == nil {
		target = args[0]
	} else if len(args) > 1 || target == nil {
		return nil, fmt.Errorf("%s: want one target column \"table.column\"", fn)
	}
	if err := k.take(fn, rest, map[string]starlark.Unpacker{"onupdate": &onupdate, "ondelete": &ondelete, "match": &match}); err != nil {
		return nil, err
	}
	var t string
	switch x := target.(type) {
	case starlark.String:
		t = string(x)
	case *columnValue:
		t = x.table + "." + x.col.Name
	default:
		return nil, fmt.Errorf("%s: target must be \"table.column\", not %s", fn, target.Type())
	}
	if !strings.Contains(t, ".") {
		return nil, fmt.Errorf("%s: target %q must be \"table.column\"", fn, t)
	}
	return &fkRefValue{ref: &schema.ForeignKeyRef{Name: k.name.name, Target: t, OnDelete: ondelete.s, OnUpdate: onupdate.s,
		Deferrable: k.deferrable.ptr(), Initially: k.initially.s}, name: k.name}, nil
}

// indexValue is sa.Index(...).
type indexValue struct {
	base
	idx  *schema.Index
	name nameArg
}

func (v *indexValue) String() string { return "Index(" + strconv.Quote(v.idx.Name) + ")" }
func (v *indexValue) Type() string   { return "Index" }

// indexElements converts index columns: names, columns, sa.text and func expressions.
func indexElements(fn string, items []starlark.Value) ([]schema.IndexElement, error) {
	var out []schema.IndexElement
	for _, item := range items {
		switch x := plain(item).(type) {
		case starlark.String:
			out = append(out, schema.IndexElement{Column: string(x)})
		case *columnValue:
			out = append(out, schema.IndexElement{Column: x.col.Name})
		case *exprValue:
			if x.e.Kind == schema.ExprColumn {
				out = append(out, schema.IndexElement{Column: x.e.Text, Desc: x.desc})
			} else {
				out = append(out, schema.IndexElement{Expr: renderSQL(x.e), Desc: x.desc})
			}
		default:
			return nil, fmt.Errorf("%s: index element must be a column name or SQL expression, not %s", fn, item.Type())
		}
	}
	return out, nil
}

func saIndex(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.Index"
	kwargs, dialectOpts, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, fmt.Errorf("%s: missing index name", fn)
	}
	var name nameArg
	if err := name.Unpack(args[0]); err != nil {
		return nil, fmt.Errorf("%s: name: %w", fn, err)
	}
	var unique bool
	for _, kv := range kwargs {
		switch kv[0] {
		case starlark.String("unique"):
			unique = bool(kv[1].Truth())
		case starlark.String("quote"), starlark.String("info"), starlark.String("_table"), starlark.String("_column_flag"):
		default:
			return nil, fmt.Errorf("%s: unexpected keyword argument '%s'", fn, string(kv[0].(starlark.String)))
		}
	}
	elems, err := indexElements(fn, args[1:])
	if err != nil {
		return nil, err
	}
	return &indexValue{idx: &schema.Index{Name: name.name, Elements: elems, Unique: unique, DialectOptions: dialectOpts}, name: name}, nil
}

type identityValue struct {
	base
	id *schema.Identity
}

func (v *identityValue) String() string { return "Identity()" }
func (v *identityValue) Type() string   { return "Identity" }

func saIdentity(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var always bool
	var onNull optBool
	var start, increment, minv, maxv, cache optInt64
	var cycle optBool
	if err := starlark.UnpackArgs("sa.Identity", args, kwargs, "always?", &always, "on_null?", &onNull,
		"start?", &start, "increment?", &increment, "minvalue?", &minv, "maxvalue?", &maxv,
		"nominvalue?", new(starlark.Value), "nomaxvalue?", new(starlark.Value), "cycle?", &cycle,
		"cache?", &cache, "order?", new(starlark.Value)); err != nil {
		return nil, err
	}
	return &identityValue{id: &schema.Identity{Always: always, OnNull: onNull.b, Start: start.ptr(), Increment: increment.ptr(),
		MinValue: minv.ptr(), MaxValue: maxv.ptr(), Cycle: cycle.b, Cache: cache.ptr()}}, nil
}

type computedValue struct {
	base
	c *schema.Computed
}

func (v *computedValue) String() string { return "Computed(" + strconv.Quote(v.c.SQL) + ")" }
func (v *computedValue) Type() string   { return "Computed" }

func saComputed(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sqltext starlark.Value
	var persisted optBool
	if err := starlark.UnpackArgs("sa.Computed", args, kwargs, "sqltext", &sqltext, "persisted?", &persisted); err != nil {
		return nil, err
	}
	cond, err := toCondition(sqltext)
	if err != nil {
		return nil, fmt.Errorf("sa.Computed: %w", err)
	}
	return &computedValue{c: &schema.Computed{SQL: renderSQL(cond), Persisted: persisted.ptr()}}, nil
}

type sequenceValue struct {
	base
	s *schema.Sequence
}

func (v *sequenceValue) String() string { return "Sequence(" + strconv.Quote(v.s.Name) + ")" }
func (v *sequenceValue) Type() string   { return "Sequence" }

func saSequence(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	var start, increment optInt64
	var sch optString
	var ignored starlark.Value
	if err := starlark.UnpackArgs("sa.Sequence", args, kwargs, "name", &name, "start?", &start, "increment?", &increment,
		"minvalue?", &ignored, "maxvalue?", &ignored, "nominvalue?", &ignored, "nomaxvalue?", &ignored, "cycle?", &ignored,
		"schema?", &sch, "cache?", &ignored, "order?", &ignored, "data_type?", &ignored, "optional?", &ignored,
		"quote?", &ignored, "metadata?", &ignored, "for_update?", &ignored); err != nil {
		return nil, err
	}
	return &sequenceValue{s: &schema.Sequence{Name: name, Schema: sch.s, Start: start.ptr(), Increment: increment.ptr()}}, nil
}

// text, func, literals -------------------------------------------------------

func saText(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var text string
	if err := starlark.UnpackPositionalArgs("sa.text", args, kwargs, 1, &text); err != nil {
		return nil, err
	}
	return &textValue{exprValue: exprValue{e: schema.Expr{Kind: schema.ExprText, Text: text}}}, nil
}

// textValue is sa.text(...): an expression that can carry bound parameters.
type textValue struct {
	exprValue
	params []starlark.Tuple // bindparams(name=value)
}

// Attr adds bindparams to the expression methods.
func (v *textValue) Attr(name string) (starlark.Value, error) {
	if name == "bindparams" {
		return method("bindparams", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if len(args) > 0 {
				return nil, fmt.Errorf("bindparams: give parameters as keyword arguments")
			}
			out := &textValue{exprValue: v.exprValue, params: append(append([]starlark.Tuple(nil), v.params...), kwargs...)}
			return out, nil
		}), nil
	}
	return v.exprValue.Attr(name)
}

// AttrNames adds bindparams.
func (v *textValue) AttrNames() []string { return append([]string{"bindparams"}, exprMethodNames...) }

func saLiteralColumn(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var text string
	if err := starlark.UnpackArgs("sa.literal_column", args, kwargs, "text", &text, "type_?", new(typeArg)); err != nil {
		return nil, err
	}
	return &exprValue{e: schema.Expr{Kind: schema.ExprText, Text: text}}, nil
}

func saLiteral(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackArgs("sa.literal", args, kwargs, "value", &v, "type_?", new(typeArg), "literal_execute?", new(bool)); err != nil {
		return nil, err
	}
	g, err := toGo(v)
	if err != nil {
		return nil, fmt.Errorf("sa.literal: %w", err)
	}
	return &exprValue{e: schema.Expr{Kind: schema.ExprLiteral, Text: fmt.Sprint(g), Value: g}}, nil
}

// funcNamespace is sa.func: any attribute is a SQL function.
type funcNamespace struct{ base }

func (funcNamespace) String() string { return "sa.func" }
func (funcNamespace) Type() string   { return "_FunctionGenerator" }

// Attr returns a SQL function constructor for any name.
func (funcNamespace) Attr(name string) (starlark.Value, error) {
	return starlark.NewBuiltin("sa.func."+name, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		for _, kv := range kwargs {
			if kv[0] != starlark.String("type_") {
				return nil, fmt.Errorf("sa.func.%s: unexpected keyword argument '%s'", name, string(kv[0].(starlark.String)))
			}
		}
		e := schema.Expr{Kind: schema.ExprFunc, Text: name}
		for _, a := range args {
			x, err := toExpr(a)
			if err != nil {
				return nil, fmt.Errorf("sa.func.%s: %w", name, err)
			}
			if x.Kind == schema.ExprBind {
				x.Kind = schema.ExprLiteral
			}
			e.Args = append(e.Args, x)
		}
		return &exprValue{e: e}, nil
	}), nil
}

// AttrNames is empty: every name is a function.
func (funcNamespace) AttrNames() []string { return nil }

func conjunction(name, sqlOp string) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if len(kwargs) > 0 || len(args) == 0 {
			return nil, fmt.Errorf("%s: want one or more conditions", name)
		}
		var acc *schema.Expr
		for _, a := range args {
			e, err := toCondition(a)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if acc == nil {
				acc = &e
				continue
			}
			acc = &schema.Expr{Kind: schema.ExprBinary, Text: sqlOp, Args: []schema.Expr{*acc, e}}
		}
		return &exprValue{e: *acc}, nil
	})
}

func saNot(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs("sa.not_", args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	e, err := toCondition(v)
	if err != nil {
		return nil, fmt.Errorf("sa.not_: %w", err)
	}
	return &exprValue{e: schema.Expr{Kind: schema.ExprText, Text: "NOT (" + renderSQL(e) + ")"}}, nil
}

func saOrder(name string, desc bool) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(name, args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		var e schema.Expr
		if s, ok := v.(starlark.String); ok {
			e = schema.Expr{Kind: schema.ExprColumn, Text: string(s)}
		} else {
			var err error
			if e, err = toExpr(v); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		return &exprValue{e: e, desc: desc}, nil
	})
}

func constExpr(text string) *exprValue {
	return &exprValue{e: schema.Expr{Kind: schema.ExprText, Text: text}}
}

func saConstant(name, text string) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
			return nil, err
		}
		return constExpr(text), nil
	})
}

// saBoolConstant is sa.true() / sa.false(): a boolean literal each dialect
// renders its own way (true on PostgreSQL, 1 on SQLite).
func saBoolConstant(name string, value bool) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
			return nil, err
		}
		return &exprValue{e: schema.Expr{Kind: schema.ExprLiteral, Value: value, Text: strconv.FormatBool(value)}}, nil
	})
}

func builtin(name string, fn func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)) *starlark.Builtin {
	return starlark.NewBuiltin(name, fn)
}

// module is a predeclared namespace such as sa or op. Unlike
// starlarkstruct.Module it may refer to itself (sa.sql is sa), so Freeze
// does not walk its members: they are stateless builtins and classes.
type module struct {
	name    string
	Members starlark.StringDict
}

func newModule(name string, members starlark.StringDict) *module {
	return &module{name: name, Members: members}
}

func (m *module) String() string        { return "<module " + m.name + ">" }
func (m *module) Type() string          { return "module" }
func (m *module) Freeze()               {}
func (m *module) Truth() starlark.Bool  { return starlark.True }
func (m *module) Hash() (uint32, error) { return starlark.String(m.name).Hash() }

// Attr returns a member, or a "has no" error naming the module.
func (m *module) Attr(name string) (starlark.Value, error) {
	if v, ok := m.Members[name]; ok {
		return v, nil
	}
	return nil, starlark.NoSuchAttrError(fmt.Sprintf("module %s has no attribute %q that retort supports", m.name, name))
}

// AttrNames lists the members.
func (m *module) AttrNames() []string { return m.Members.Keys() }

func typeMembers(types map[string]*typeCtor, into starlark.StringDict) starlark.StringDict {
	for k, v := range types {
		into[k] = v
	}
	return into
}

// saModule is `sa` / `sqlalchemy`.
var saModule = newModule("sqlalchemy", typeMembers(saTypes, starlark.StringDict{
	"Column":               builtin("sa.Column", saColumn),
	"column":               builtin("sa.column", saLowerColumn),
	"table":                builtin("sa.table", saTable),
	"Table":                builtin("sa.Table", saUpperTable),
	"MetaData":             builtin("sa.MetaData", saMetaData),
	"PrimaryKeyConstraint": builtin("sa.PrimaryKeyConstraint", saPrimaryKeyConstraint),
	"UniqueConstraint":     builtin("sa.UniqueConstraint", saUniqueConstraint),
	"CheckConstraint":      builtin("sa.CheckConstraint", saCheckConstraint),
	"ForeignKeyConstraint": builtin("sa.ForeignKeyConstraint", saForeignKeyConstraint),
	"ForeignKey":           builtin("sa.ForeignKey", saForeignKey),
	"Index":                builtin("sa.Index", saIndex),
	"Identity":             builtin("sa.Identity", saIdentity),
	"Computed":             builtin("sa.Computed", saComputed),
	"Sequence":             builtin("sa.Sequence", saSequence),
	"text":                 builtin("sa.text", saText),
	"DDL":                  builtin("sa.DDL", saDDL),
	"case":                 builtin("sa.case", saCase),
	"Row":                  rowClass,
	"CreateSequence":       builtin("sa.schema.CreateSequence", sequenceDDLBuiltin(true)),
	"DropSequence":         builtin("sa.schema.DropSequence", sequenceDDLBuiltin(false)),
	"literal_column":       builtin("sa.literal_column", saLiteralColumn),
	"literal":              builtin("sa.literal", saLiteral),
	"func":                 funcNamespace{},
	"and_":                 conjunction("sa.and_", "AND"),
	"or_":                  conjunction("sa.or_", "OR"),
	"not_":                 builtin("sa.not_", saNot),
	"desc":                 saOrder("sa.desc", true),
	"asc":                  saOrder("sa.asc", false),
	"null":                 saConstant("sa.null", "NULL"),
	"true":                 saBoolConstant("sa.true", true),
	"false":                saBoolConstant("sa.false", false),
}))

func memberSet(d starlark.StringDict) map[string]bool {
	out := make(map[string]bool, len(d))
	for k := range d {
		out[k] = true
	}
	return out
}
