package pyscript

import (
	"fmt"
	"reflect"
	"strings"

	"go.starlark.net/starlark"
)

// Classes a script defines (see classast.go for how a class statement
// reaches _retort_mkclass). Supported: class attributes, methods taking
// self, __init__, instance attributes, @staticmethod and @classmethod,
// single or multiple inheritance from object and other script classes,
// super() in methods, exception classes (`class Failed(RuntimeError)`) and
// enums (enumclass.go). Attribute lookup goes depth-first through the
// bases, which is Python's order for the simple hierarchies scripts have.

// pyClass is a class defined by a script, or the built-in object.
type pyClass struct {
	name    string
	bases   []*pyClass
	attrs   map[string]starlark.Value
	builtin bool // object: no attributes may be set on it
	// exc is the built-in exception the class derives from, "" if none.
	exc string
	// fields are the body's annotated names, in order, with their
	// defaults; data is set by @dataclass.
	fields    []string
	fieldDefs map[string]*classField
	data      *dataInfo
}

var (
	_ starlark.HasSetField = (*pyClass)(nil)
	_ starlark.Callable    = (*pyClass)(nil)
)

// objectClass is Python's object; its attributes cannot be set, so sharing
// it between scripts is safe.
var objectClass = &pyClass{name: "object", builtin: true}

func (c *pyClass) String() string       { return "<class '" + c.name + "'>" }
func (c *pyClass) Type() string         { return "type" }
func (c *pyClass) Name() string         { return c.name }
func (c *pyClass) Freeze()              {}
func (c *pyClass) Truth() starlark.Bool { return true }
func (c *pyClass) Hash() (uint32, error) {
	return uint32(reflect.ValueOf(c).Pointer()), nil
}

// lookup finds name on the class or its bases.
func (c *pyClass) lookup(name string) (starlark.Value, bool) {
	if v, ok := c.attrs[name]; ok {
		return v, true
	}
	for _, b := range c.bases {
		if v, ok := b.lookup(name); ok {
			return v, true
		}
	}
	return nil, false
}

// isSubclass reports whether c is other or derives from it.
func (c *pyClass) isSubclass(other *pyClass) bool {
	if c == other || other == objectClass {
		return true
	}
	for _, b := range c.bases {
		if b.isSubclass(other) {
			return true
		}
	}
	return false
}

// AttrNames lists the class's own attributes.
func (c *pyClass) AttrNames() []string { return sortedKeys(c.attrs) }

// Attr looks an attribute up on the class: functions come back unbound,
// as in Python 3.
func (c *pyClass) Attr(name string) (starlark.Value, error) {
	if name == "__name__" {
		return starlark.String(c.name), nil
	}
	v, ok := c.lookup(name)
	if !ok {
		return nil, fmt.Errorf("AttributeError: type object '%s' has no attribute '%s'", c.name, name)
	}
	return bindAttr(v, nil, c), nil
}

// SetField sets a class attribute.
func (c *pyClass) SetField(name string, v starlark.Value) error {
	if c.builtin {
		return fmt.Errorf("TypeError: cannot set '%s' attribute of immutable type '%s'", name, c.name)
	}
	c.attrs[name] = v
	return nil
}

// CallInternal makes an instance and runs __init__ on it.
func (c *pyClass) CallInternal(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if c.exc != "" {
		if _, ok := c.lookup("__init__"); ok {
			return nil, fmt.Errorf("retort does not support __init__ on an exception class (%s)", c.name)
		}
		return (&exceptionType{name: c.name}).CallInternal(thread, args, kwargs)
	}
	inst := &pyInstance{class: c, attrs: map[string]starlark.Value{}}
	init, data := c.initOf()
	if data != nil {
		if err := data.initData(thread, inst, args, kwargs); err != nil {
			return nil, err
		}
		return inst, nil
	}
	if init == nil {
		if len(args) > 0 || len(kwargs) > 0 {
			return nil, fmt.Errorf("TypeError: %s() takes no arguments", c.name)
		}
		return inst, nil
	}
	res, err := starlark.Call(thread, init, append(starlark.Tuple{inst}, args...), kwargs)
	if err != nil {
		return nil, err
	}
	if res != starlark.None {
		return nil, fmt.Errorf("TypeError: __init__() should return None, not '%s'", res.Type())
	}
	return inst, nil
}

// initOf finds what initializes an instance: the nearest __init__ in the
// class or its bases, or the one @dataclass wrote for the class it made.
func (c *pyClass) initOf() (starlark.Value, *pyClass) {
	if v, ok := c.attrs["__init__"]; ok {
		return v, nil
	}
	if c.data != nil && !c.data.noInit {
		return nil, c
	}
	for _, b := range c.bases {
		if v, d := b.initOf(); v != nil || d != nil {
			return v, d
		}
	}
	return nil, nil
}

// pyInstance is an instance of a script's class.
type pyInstance struct {
	class *pyClass
	attrs map[string]starlark.Value
}

var _ starlark.HasSetField = (*pyInstance)(nil)

func (i *pyInstance) String() string {
	if d := i.class.data; d != nil && d.repr {
		return i.dataRepr()
	}
	return "<" + i.class.name + " object>"
}
func (i *pyInstance) Type() string         { return i.class.name }
func (i *pyInstance) Freeze()              {}
func (i *pyInstance) Truth() starlark.Bool { return true }

// Hash is by identity, except for dataclasses: by the fields when frozen,
// none when they compare by value but may change (Python sets __hash__ to
// None then).
func (i *pyInstance) Hash() (uint32, error) {
	d := i.class.data
	switch {
	case d == nil || !d.eq:
		return uint32(reflect.ValueOf(i).Pointer()), nil
	case d.frozen:
		t := make(starlark.Tuple, len(d.fields))
		for k, n := range d.fields {
			t[k] = i.attrs[n]
		}
		return t.Hash()
	}
	return 0, fmt.Errorf("TypeError: unhashable type: '%s'", i.class.name)
}

// AttrNames lists the instance's attributes.
func (i *pyInstance) AttrNames() []string { return sortedKeys(i.attrs) }

// Attr reads an instance attribute, or the class's, binding methods.
func (i *pyInstance) Attr(name string) (starlark.Value, error) {
	if v, ok := i.attrs[name]; ok {
		return v, nil
	}
	if name == "__class__" {
		return i.class, nil
	}
	v, ok := i.class.lookup(name)
	if !ok {
		return nil, fmt.Errorf("AttributeError: '%s' object has no attribute '%s'", i.class.name, name)
	}
	return bindAttr(v, i, i.class), nil
}

// SetField sets an instance attribute.
func (i *pyInstance) SetField(name string, v starlark.Value) error {
	if d := i.class.data; d != nil && d.frozen {
		return fmt.Errorf("dataclasses.FrozenInstanceError: cannot assign to field '%s'", name)
	}
	i.attrs[name] = v
	return nil
}

// methodKind wraps a function for @staticmethod or @classmethod.
type methodKind struct {
	kind string
	fn   starlark.Value
}

func (m *methodKind) String() string       { return "<" + m.kind + " object>" }
func (m *methodKind) Type() string         { return m.kind }
func (m *methodKind) Freeze()              {}
func (m *methodKind) Truth() starlark.Bool { return true }
func (m *methodKind) Hash() (uint32, error) {
	return 0, fmt.Errorf("TypeError: unhashable type: '%s'", m.kind)
}

func methodKindBuiltin(kind string) *starlark.Builtin {
	return starlark.NewBuiltin(kind, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var fn starlark.Value
		if err := starlark.UnpackPositionalArgs(kind, args, kwargs, 1, &fn); err != nil {
			return nil, err
		}
		return &methodKind{kind: kind, fn: fn}, nil
	})
}

// propertyBuiltin refuses @property: reading an attribute cannot run
// script code in Starlark.
var propertyBuiltin = starlark.NewBuiltin("property", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return nil, fmt.Errorf("retort does not support @property (make it a method and call it)")
})

// bindAttr is what reading attribute v gives: a function read through
// an instance (self not nil) is bound to it, a classmethod to the class.
func bindAttr(v, self starlark.Value, class starlark.Value) starlark.Value {
	switch x := v.(type) {
	case *methodKind:
		if x.kind == "classmethod" {
			return boundMethod(x.fn, class)
		}
		return x.fn
	case *starlark.Function:
		if self != nil {
			return boundMethod(x, self)
		}
	}
	return v
}

// boundMethod is fn with its first argument given.
func boundMethod(fn, self starlark.Value) starlark.Value {
	name := "method"
	if n, ok := fn.(interface{ Name() string }); ok {
		name = n.Name()
	}
	return starlark.NewBuiltin(name, func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return starlark.Call(thread, fn, append(starlark.Tuple{self}, args...), kwargs)
	})
}

// superProxy is super() in a method of class: attributes come from the
// bases, bound to self.
type superProxy struct {
	base
	class *pyClass
	self  starlark.Value
}

func (p *superProxy) String() string { return "<super: <class '" + p.class.name + "'>>" }
func (p *superProxy) Type() string   { return "super" }

// AttrNames is empty: super() lists nothing.
func (p *superProxy) AttrNames() []string { return nil }

// Attr looks name up on the bases.
func (p *superProxy) Attr(name string) (starlark.Value, error) {
	for _, b := range p.class.bases {
		if v, ok := b.lookup(name); ok {
			return bindAttr(v, p.self, b), nil
		}
	}
	if name == "__init__" {
		// object.__init__ takes nothing and does nothing.
		return starlark.NewBuiltin("__init__", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if len(args) > 0 || len(kwargs) > 0 {
				return nil, fmt.Errorf("TypeError: object.__init__() takes exactly one argument (the instance to initialize)")
			}
			return starlark.None, nil
		}), nil
	}
	return nil, fmt.Errorf("AttributeError: 'super' object has no attribute '%s'", name)
}

var superBuiltin = starlark.NewBuiltin(superName, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var cls, self starlark.Value
	if err := starlark.UnpackPositionalArgs("super", args, kwargs, 2, &cls, &self); err != nil {
		return nil, err
	}
	c, ok := cls.(*pyClass)
	if !ok {
		return nil, fmt.Errorf("retort does not support super() in %s", cls.Type())
	}
	return &superProxy{class: c, self: self}, nil
})

// mkClassBuiltin makes the class a class statement defines from its
// name, its bases and the function that runs its body, which returns the
// body's names and values in the order they were defined.
var mkClassBuiltin = starlark.NewBuiltin(mkClassName, func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	var bases *starlark.List
	var body starlark.Callable
	if err := starlark.UnpackPositionalArgs(mkClassName, args, kwargs, 3, &name, &bases, &body); err != nil {
		return nil, err
	}
	res, err := starlark.Call(thread, body, nil, nil)
	if err != nil {
		return nil, err
	}
	var ns []classEntry
	for item := range starlark.Elements(res.(*starlark.List)) {
		kv := item.(starlark.Tuple)
		ns = append(ns, classEntry{string(kv[0].(starlark.String)), kv[1]})
	}
	var baseList []starlark.Value
	for b := range starlark.Elements(bases) {
		baseList = append(baseList, b)
	}
	return makeClass(thread, name, baseList, ns)
})

type classEntry struct {
	name  string
	value starlark.Value
}

func makeClass(thread *starlark.Thread, name string, bases []starlark.Value, ns []classEntry) (starlark.Value, error) {
	c := &pyClass{name: name, attrs: map[string]starlark.Value{}}
	var enum *enumSpec
	for _, b := range bases {
		switch x := b.(type) {
		case *pyClass:
			if x.exc != "" {
				c.exc = x.name
			}
			if x != objectClass {
				c.bases = append(c.bases, x)
			}
		case *exceptionType:
			c.exc = x.name
		case *enumFactory, *enumClass:
			if enum == nil {
				enum = &enumSpec{}
			}
			if err := enum.addBase(x); err != nil {
				return nil, err
			}
		case *starlark.Builtin:
			if x.Name() == "str" || x.Name() == "int" {
				if enum == nil {
					enum = &enumSpec{}
				}
				enum.mixin = x.Name()
				continue
			}
			return nil, unsupportedBase(name, b)
		default:
			return nil, unsupportedBase(name, b)
		}
	}
	if enum != nil {
		if enum.kind == "" {
			return nil, fmt.Errorf("retort does not support class %s deriving from %s without enum.Enum", name, enum.mixin)
		}
		return enum.build(thread, name, ns)
	}
	for _, e := range ns {
		if err := checkSpecial(name, e.name, false); err != nil {
			return nil, err
		}
		if f, ok := e.value.(*classField); ok {
			if c.fieldDefs == nil {
				c.fieldDefs = map[string]*classField{}
			}
			c.fields = append(c.fields, e.name)
			c.fieldDefs[e.name] = f
			if f.def == nil {
				continue
			}
			e.value = f.def
		}
		c.attrs[e.name] = e.value
	}
	if c.exc != "" {
		registerException(thread, c)
	}
	return c, nil
}

// honoredSpecial are the special names a class may define: retort gives
// them their Python meaning, or they mean nothing at run time. Other
// special methods (__eq__, __len__, ...) would be silently ignored, so
// they are refused. An enum may also define __str__ and __repr__, which
// are worked out for each member when the class is made.
var honoredSpecial = map[string]bool{
	"__init__": true, "__doc__": true, "__module__": true, "__qualname__": true, "__slots__": true,
	"__annotations__": true, "__post_init__": true,
}

func checkSpecial(class, name string, enum bool) error {
	if !strings.HasPrefix(name, "__") || !strings.HasSuffix(name, "__") || honoredSpecial[name] {
		return nil
	}
	if enum && (name == "__str__" || name == "__repr__") {
		return nil
	}
	return fmt.Errorf("retort does not support the special method %s (in class %s)", name, class)
}

func unsupportedBase(name string, b starlark.Value) error {
	return fmt.Errorf("retort does not support class %s deriving from %s (only object, the script's own classes, enum.Enum, str/int enum mixins and exception classes; ORM declarative classes are not supported)", name, b.String())
}

const excClassesKey = "retort.pyscript.excclasses"

// registerException records a script's exception class on the thread, so
// that except clauses know its parent.
func registerException(thread *starlark.Thread, c *pyClass) {
	m, _ := thread.Local(excClassesKey).(map[string]*pyClass)
	if m == nil {
		m = map[string]*pyClass{}
		thread.SetLocal(excClassesKey, m)
	}
	m[c.name] = c
}

// scriptException is the script's exception class called name, if any.
func scriptException(thread *starlark.Thread, name string) *pyClass {
	if thread == nil {
		return nil
	}
	m, _ := thread.Local(excClassesKey).(map[string]*pyClass)
	return m[name]
}
