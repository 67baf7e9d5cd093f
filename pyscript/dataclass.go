package pyscript

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// Dataclasses: @dataclass (with frozen=, eq=, init=, repr=), field() with
// a default or a default_factory, __post_init__, and asdict/astuple. The
// shim keeps a class body's annotated names as fields (classField).

// classField is an annotated name of a class body, with its default.
type classField struct {
	base
	def     starlark.Value // nil when there is none
	factory starlark.Value // default_factory, or nil
}

func (f *classField) String() string { return "Field()" }
func (f *classField) Type() string   { return "Field" }

var fieldBuiltin = starlark.NewBuiltin(fieldName, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return &classField{}, nil
	}
	if f, ok := args[0].(*classField); ok {
		return f, nil // x: list = field(default_factory=list)
	}
	return &classField{def: args[0]}, nil
})

func dataclassField(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := &classField{}
	var ignored starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "default?", &f.def, "default_factory?", &f.factory,
		"init?", &ignored, "repr?", &ignored, "hash?", &ignored, "compare?", &ignored, "metadata?", &ignored, "kw_only?", &ignored); err != nil {
		return nil, err
	}
	if f.def != nil && f.factory != nil {
		return nil, fmt.Errorf("ValueError: cannot specify both default and default_factory")
	}
	return f, nil
}

// dataInfo is what @dataclass made of a class.
type dataInfo struct {
	fields             []string
	defaults           map[string]*classField
	frozen, eq, noInit bool
	repr               bool
}

// dataclass is @dataclass and @dataclass(frozen=True, ...).
func dataclass(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	info := &dataInfo{eq: true, repr: true}
	init := true
	var cls, ignored starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "cls?", &cls, "init?", &init, "repr?", &info.repr, "eq?", &info.eq,
		"order?", &ignored, "unsafe_hash?", &ignored, "frozen?", &info.frozen, "match_args?", &ignored,
		"kw_only?", &ignored, "slots?", &ignored); err != nil {
		return nil, err
	}
	info.noInit = !init
	apply := func(v starlark.Value) (starlark.Value, error) {
		c, ok := v.(*pyClass)
		if !ok || c.exc != "" {
			return nil, fmt.Errorf("retort does not support @dataclass on %s", v.String())
		}
		return c, c.makeData(info)
	}
	if cls != nil {
		return apply(cls)
	}
	return starlark.NewBuiltin("dataclass", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs("dataclass", args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		return apply(v)
	}), nil
}

// makeData collects the fields, the bases' dataclass fields first.
func (c *pyClass) makeData(info *dataInfo) error {
	info.defaults = map[string]*classField{}
	add := func(name string, f *classField) {
		if _, seen := info.defaults[name]; !seen {
			info.fields = append(info.fields, name)
		}
		info.defaults[name] = f
	}
	for i := len(c.bases) - 1; i >= 0; i-- {
		if d := c.bases[i].data; d != nil {
			for _, n := range d.fields {
				add(n, d.defaults[n])
			}
		}
	}
	for _, n := range c.fields {
		add(n, c.fieldDefs[n])
	}
	seenDefault := ""
	for _, n := range info.fields {
		f := info.defaults[n]
		hasDefault := f.def != nil || f.factory != nil
		if !hasDefault && seenDefault != "" {
			return fmt.Errorf("TypeError: non-default argument '%s' follows default argument", n)
		}
		if hasDefault {
			seenDefault = n
		}
	}
	c.data = info
	return nil
}

// initData is the __init__ @dataclass writes.
func (c *pyClass) initData(thread *starlark.Thread, inst *pyInstance, args starlark.Tuple, kwargs []starlark.Tuple) error {
	d := c.data
	fn := c.name + ".__init__()"
	if len(args) > len(d.fields) {
		return fmt.Errorf("TypeError: %s takes %d positional arguments but %d were given", fn, len(d.fields)+1, len(args)+1)
	}
	for i, a := range args {
		inst.attrs[d.fields[i]] = a
	}
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		if indexOf(d.fields, k) < 0 {
			return fmt.Errorf("TypeError: %s got an unexpected keyword argument '%s'", fn, k)
		}
		if _, dup := inst.attrs[k]; dup {
			return fmt.Errorf("TypeError: %s got multiple values for argument '%s'", fn, k)
		}
		inst.attrs[k] = kv[1]
	}
	var missing []string
	for _, n := range d.fields {
		if _, ok := inst.attrs[n]; ok {
			continue
		}
		f := d.defaults[n]
		switch {
		case f.factory != nil:
			v, err := starlark.Call(thread, f.factory, nil, nil)
			if err != nil {
				return err
			}
			inst.attrs[n] = v
		case f.def != nil:
			inst.attrs[n] = f.def
		default:
			missing = append(missing, "'"+n+"'")
		}
	}
	if len(missing) > 0 {
		plural := "argument"
		if len(missing) > 1 {
			plural = "arguments"
		}
		return fmt.Errorf("TypeError: %s missing %d required positional %s: %s", fn, len(missing), plural, joinPython(missing))
	}
	if post, ok := c.lookup("__post_init__"); ok {
		if _, err := starlark.Call(thread, post, starlark.Tuple{inst}, nil); err != nil {
			return err
		}
	}
	return nil
}

// joinPython joins names as Python's argument errors do: 'a', 'b' and 'c'.
func joinPython(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// dataRepr is the repr @dataclass writes: P(x=1, y='a').
func (i *pyInstance) dataRepr() string {
	parts := make([]string, len(i.class.data.fields))
	for k, n := range i.class.data.fields {
		parts[k] = n + "=" + pyRepr(i.attrs[n])
	}
	return i.class.name + "(" + strings.Join(parts, ", ") + ")"
}

// CompareSameType is == and != : field by field for a dataclass (of the
// same class), identity otherwise.
func (i *pyInstance) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	o := y.(*pyInstance)
	if op != syntax.EQL && op != syntax.NEQ {
		return false, fmt.Errorf("TypeError: '%s' not supported between instances of '%s' and '%s'", op, i.class.name, o.class.name)
	}
	eq := i == o
	if !eq && i.class == o.class && i.class.data != nil && i.class.data.eq {
		eq = true
		for _, n := range i.class.data.fields {
			same, err := starlark.EqualDepth(i.attrs[n], o.attrs[n], depth-1)
			if err != nil {
				return false, err
			}
			if !same {
				eq = false
				break
			}
		}
	}
	return eq == (op == syntax.EQL), nil
}

// asdict is dataclasses.asdict (astuple when tuple): the fields, with
// dataclass values inside turned the same way.
func asdict(tuple bool) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	var conv func(v starlark.Value) (starlark.Value, error)
	conv = func(v starlark.Value) (starlark.Value, error) {
		switch x := v.(type) {
		case *pyInstance:
			if x.class.data == nil {
				return v, nil
			}
			d := starlark.NewDict(len(x.class.data.fields))
			var t starlark.Tuple
			for _, n := range x.class.data.fields {
				fv, err := conv(x.attrs[n])
				if err != nil {
					return nil, err
				}
				t = append(t, fv)
				if err := d.SetKey(starlark.String(n), fv); err != nil {
					return nil, err
				}
			}
			if tuple {
				return t, nil
			}
			return d, nil
		case *starlark.List:
			out := make([]starlark.Value, x.Len())
			for k := range out {
				fv, err := conv(x.Index(k))
				if err != nil {
					return nil, err
				}
				out[k] = fv
			}
			return starlark.NewList(out), nil
		}
		return v, nil
	}
	return func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var obj starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &obj); err != nil {
			return nil, err
		}
		if i, ok := obj.(*pyInstance); !ok || i.class.data == nil {
			return nil, fmt.Errorf("TypeError: %s() should be called on dataclass instances", b.Name())
		}
		return conv(obj)
	}
}
