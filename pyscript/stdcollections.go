package pyscript

import (
	"fmt"
	"sort"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// collections: OrderedDict (a dict: Starlark's keep their order),
// defaultdict with a built-in factory, Counter and namedtuple.

var collectionsModule = newModule("collections", starlark.StringDict{
	"OrderedDict": starlark.NewBuiltin("OrderedDict", func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return starlark.Call(thread, starlark.Universe["dict"], args, kwargs)
	}),
	"defaultdict": starlark.NewBuiltin("defaultdict", newDefaultDict),
	"Counter":     starlark.NewBuiltin("Counter", newCounter),
	"namedtuple":  starlark.NewBuiltin("namedtuple", newNamedTuple),
})

// defaultFactories are the factories defaultdict accepts: looking a
// missing key up must not run script code, which needs the thread that
// indexing does not have.
var defaultFactories = map[string]func() starlark.Value{
	"list":  func() starlark.Value { return starlark.NewList(nil) },
	"dict":  func() starlark.Value { return starlark.NewDict(0) },
	"set":   func() starlark.Value { return starlark.NewSet(0) },
	"int":   func() starlark.Value { return starlark.MakeInt(0) },
	"float": func() starlark.Value { return starlark.Float(0) },
	"str":   func() starlark.Value { return starlark.String("") },
}

// defaultDict is defaultdict or Counter: a dict whose missing keys read
// as a default; a defaultdict stores it, a Counter does not.
type defaultDict struct {
	*starlark.Dict
	kind    string // defaultdict or Counter
	factory string
	newDef  func() starlark.Value
}

var (
	_ starlark.Mapping   = (*defaultDict)(nil)
	_ starlark.Container = (*defaultDict)(nil)
	_ starlark.HasSetKey = (*defaultDict)(nil)
)

func (d *defaultDict) Type() string { return d.kind }
func (d *defaultDict) String() string {
	if d.kind == "Counter" {
		return "Counter(" + pyRepr(d.Dict) + ")"
	}
	return "defaultdict(<class '" + d.factory + "'>, " + pyRepr(d.Dict) + ")"
}

// Get is d[k]: a missing key gets the default.
func (d *defaultDict) Get(k starlark.Value) (starlark.Value, bool, error) {
	v, found, err := d.Dict.Get(k)
	if err != nil || found || d.newDef == nil {
		return v, found, err
	}
	v = d.newDef()
	if d.kind == "defaultdict" {
		if err := d.Dict.SetKey(k, v); err != nil {
			return nil, false, err
		}
	}
	return v, true, nil
}

// Has is `k in d`, which adds nothing.
func (d *defaultDict) Has(k starlark.Value) (bool, error) {
	_, found, err := d.Dict.Get(k)
	return found, err
}

// Attr adds Counter's most_common to the dict's methods.
func (d *defaultDict) Attr(name string) (starlark.Value, error) {
	if d.kind == "Counter" && name == "most_common" {
		return starlark.NewBuiltin("most_common", d.mostCommon), nil
	}
	return d.Dict.Attr(name)
}

func (d *defaultDict) mostCommon(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	n := -1
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0, &n); err != nil {
		return nil, err
	}
	items := d.Dict.Items()
	var sortErr error
	sort.SliceStable(items, func(i, j int) bool {
		gt, err := starlark.Compare(syntax.GT, items[i][1], items[j][1])
		if err != nil {
			sortErr = err
		}
		return gt
	})
	if sortErr != nil {
		return nil, sortErr
	}
	if n >= 0 && n < len(items) {
		items = items[:n]
	}
	out := make([]starlark.Value, len(items))
	for i, kv := range items {
		out[i] = kv
	}
	return starlark.NewList(out), nil
}

func newDefaultDict(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	d := &defaultDict{Dict: starlark.NewDict(0), kind: "defaultdict", factory: "NoneType"}
	if len(args) > 0 && args[0] != starlark.None {
		f, ok := args[0].(*starlark.Builtin)
		if !ok || defaultFactories[f.Name()] == nil {
			return nil, fmt.Errorf("retort does not support defaultdict(%s): the factory must be list, dict, set, int, float or str", args[0].String())
		}
		d.factory, d.newDef = f.Name(), defaultFactories[f.Name()]
	}
	if len(args) > 1 || len(kwargs) > 0 {
		init, err := starlark.Call(thread, starlark.Universe["dict"], args[1:], kwargs)
		if err != nil {
			return nil, err
		}
		for _, kv := range init.(*starlark.Dict).Items() {
			if err := d.Dict.SetKey(kv[0], kv[1]); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

func newCounter(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	c := &defaultDict{Dict: starlark.NewDict(0), kind: "Counter", factory: "int", newDef: defaultFactories["int"]}
	var from starlark.Value
	if err := starlark.UnpackPositionalArgs("Counter", args, nil, 0, &from); err != nil {
		return nil, err
	}
	add := func(k starlark.Value, n starlark.Value) error {
		old, _, err := c.Get(k)
		if err != nil {
			return err
		}
		sum, err := starlark.Binary(syntax.PLUS, old, n)
		if err != nil {
			return err
		}
		return c.Dict.SetKey(k, sum)
	}
	switch x := from.(type) {
	case nil:
	case *starlark.Dict:
		for _, kv := range x.Items() {
			if err := add(kv[0], kv[1]); err != nil {
				return nil, err
			}
		}
	case starlark.Iterable:
		for v := range starlark.Elements(x) {
			if err := add(v, starlark.MakeInt(1)); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("TypeError: '%s' object is not iterable", pyTypeName(from))
	}
	for _, kv := range kwargs {
		if err := add(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// namedTupleType is what namedtuple(...) returns: called, it makes a row.
type namedTupleType struct {
	base
	name   string
	fields []string
}

func (t *namedTupleType) String() string { return "<class '" + t.name + "'>" }
func (t *namedTupleType) Type() string   { return "type" }
func (t *namedTupleType) Name() string   { return t.name }

// Attr provides _fields.
func (t *namedTupleType) Attr(name string) (starlark.Value, error) {
	if name == "_fields" {
		out := make(starlark.Tuple, len(t.fields))
		for i, f := range t.fields {
			out[i] = starlark.String(f)
		}
		return out, nil
	}
	return nil, nil
}

// AttrNames lists _fields.
func (t *namedTupleType) AttrNames() []string { return []string{"_fields"} }

// CallInternal makes a row from positional and keyword values.
func (t *namedTupleType) CallInternal(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > len(t.fields) {
		return nil, fmt.Errorf("TypeError: %s.__new__() takes %d positional arguments but %d were given", t.name, len(t.fields)+1, len(args)+1)
	}
	vals := make(starlark.Tuple, len(t.fields))
	copy(vals, args)
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		i := indexOf(t.fields, k)
		if i < 0 {
			return nil, fmt.Errorf("TypeError: %s.__new__() got an unexpected keyword argument '%s'", t.name, k)
		}
		vals[i] = kv[1]
	}
	for i, v := range vals {
		if v == nil {
			return nil, fmt.Errorf("TypeError: %s.__new__() missing required argument: '%s'", t.name, t.fields[i])
		}
	}
	return &namedTuple{Tuple: vals, typ: t}, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// namedTuple is a row of a namedtuple type: a tuple with named fields.
type namedTuple struct {
	starlark.Tuple
	typ *namedTupleType
}

func (n *namedTuple) Type() string { return n.typ.name }
func (n *namedTuple) String() string {
	parts := make([]string, len(n.Tuple))
	for i, v := range n.Tuple {
		parts[i] = n.typ.fields[i] + "=" + pyRepr(v)
	}
	return n.typ.name + "(" + strings.Join(parts, ", ") + ")"
}
func (n *namedTuple) pyRepr() string { return n.String() }

// AttrNames lists the fields.
func (n *namedTuple) AttrNames() []string { return append([]string{"_asdict"}, n.typ.fields...) }

// Attr reads a field, or _asdict.
func (n *namedTuple) Attr(name string) (starlark.Value, error) {
	if i := indexOf(n.typ.fields, name); i >= 0 {
		return n.Tuple[i], nil
	}
	if name == "_asdict" {
		return starlark.NewBuiltin("_asdict", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			d := starlark.NewDict(len(n.Tuple))
			for i, f := range n.typ.fields {
				if err := d.SetKey(starlark.String(f), n.Tuple[i]); err != nil {
					return nil, err
				}
			}
			return d, nil
		}), nil
	}
	return nil, fmt.Errorf("AttributeError: '%s' object has no attribute '%s'", n.typ.name, name)
}

func newNamedTuple(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	var fields starlark.Value
	if err := starlark.UnpackArgs("namedtuple", args, kwargs, "typename", &name, "field_names", &fields); err != nil {
		return nil, err
	}
	t := &namedTupleType{name: name}
	switch x := fields.(type) {
	case starlark.String:
		t.fields = strings.FieldsFunc(string(x), func(r rune) bool { return r == ' ' || r == ',' })
	case starlark.Iterable:
		for v := range starlark.Elements(x) {
			s, ok := v.(starlark.String)
			if !ok {
				return nil, fmt.Errorf("TypeError: Type names and field names must be strings")
			}
			t.fields = append(t.fields, string(s))
		}
	default:
		return nil, fmt.Errorf("TypeError: namedtuple field_names must be a string or a list of strings")
	}
	return t, nil
}
