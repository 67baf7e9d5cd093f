package pyscript

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
)

// Enums: those of the functional API (enum.Enum("Mood", "a b")) and those
// a class statement defines (class Mood(str, enum.Enum)). Members keep
// their definition order; a member whose value another already has is an
// alias, as in Python: it names the first one and is not iterated, but
// sa.Enum(Mood) lists its name, as SQLAlchemy 1.4 does.

// enumClass is an enum.
type enumClass struct {
	base
	name    string
	kind    string // Enum, IntEnum or StrEnum
	mixin   string // "str" or "int" for a mixed-in type, "" otherwise
	members []*enumMember
	// names are all member names, aliases included, in definition order.
	names  []string
	byName map[string]*enumMember
	// attrs are the class's methods and other non-member attributes.
	attrs map[string]starlark.Value
}

var (
	_ starlark.Iterable = (*enumClass)(nil)
	_ starlark.Mapping  = (*enumClass)(nil)
	_ starlark.Callable = (*enumClass)(nil)
)

func newEnumClass(name, kind string) *enumClass {
	e := &enumClass{name: name, kind: kind, byName: map[string]*enumMember{}, attrs: map[string]starlark.Value{}}
	switch kind {
	case "IntEnum":
		e.mixin = "int"
	case "StrEnum":
		e.mixin = "str"
	}
	return e
}

// add adds a member, or an alias when a member has the value already.
func (e *enumClass) add(name string, v starlark.Value) {
	e.names = append(e.names, name)
	for _, m := range e.members {
		if eq, err := starlark.Equal(m.value, v); err == nil && eq {
			e.byName[name] = m
			return
		}
	}
	m := &enumMember{class: e, name: name, value: v}
	e.members = append(e.members, m)
	e.byName[name] = m
}

func (e *enumClass) String() string { return "<enum '" + e.name + "'>" }
func (e *enumClass) Type() string   { return "EnumType" }
func (e *enumClass) Name() string   { return e.name }

// Iterate yields the members in order, without aliases.
func (e *enumClass) Iterate() starlark.Iterator {
	vals := make([]starlark.Value, len(e.members))
	for i, m := range e.members {
		vals[i] = m
	}
	return starlark.Tuple(vals).Iterate()
}

// Len is the number of members.
func (e *enumClass) Len() int { return len(e.members) }

// Get is Mood['name'].
func (e *enumClass) Get(k starlark.Value) (starlark.Value, bool, error) {
	if s, ok := k.(starlark.String); ok {
		if m := e.byName[string(s)]; m != nil {
			return m, true, nil
		}
	}
	return nil, true, fmt.Errorf("KeyError: %s", pyRepr(k))
}

// CallInternal is Mood(value): the member with that value.
func (e *enumClass) CallInternal(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(e.name, args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	if m, ok := v.(*enumMember); ok && m.class == e {
		return m, nil
	}
	for _, m := range e.members {
		if eq, err := starlark.Equal(m.value, v); err == nil && eq {
			return m, nil
		}
	}
	return nil, fmt.Errorf("ValueError: %s is not a valid %s", pyRepr(v), e.name)
}

// AttrNames lists the members and attributes.
func (e *enumClass) AttrNames() []string {
	out := append([]string(nil), sortedKeys(e.byName)...)
	return append(out, sortedKeys(e.attrs)...)
}

// Attr looks a member or attribute up.
func (e *enumClass) Attr(name string) (starlark.Value, error) {
	if m := e.byName[name]; m != nil {
		return m, nil
	}
	switch name {
	case "__name__":
		return starlark.String(e.name), nil
	case "__members__":
		d := starlark.NewDict(len(e.names))
		for _, n := range e.names {
			if err := d.SetKey(starlark.String(n), e.byName[n]); err != nil {
				return nil, err
			}
		}
		return d, nil
	}
	if v, ok := e.attrs[name]; ok {
		return bindAttr(v, nil, e), nil
	}
	return nil, fmt.Errorf("AttributeError: %s", name)
}

// enumMember is one member: .name and .value.
type enumMember struct {
	class *enumClass
	name  string
	value starlark.Value
	// str and repr are what the class's __str__ and __repr__ return.
	str, repr *starlark.String
}

func (m *enumMember) String() string { return m.class.name + "." + m.name }
func (m *enumMember) pyRepr() string {
	if m.repr != nil {
		return string(*m.repr)
	}
	return "<" + m.String() + ": " + pyRepr(m.value) + ">"
}
func (m *enumMember) Type() string          { return m.class.name }
func (m *enumMember) Freeze()               {}
func (m *enumMember) Truth() starlark.Bool  { return true }
func (m *enumMember) Hash() (uint32, error) { return starlark.String(m.String()).Hash() }

// pyStr is str(member): Mood.happy, or the value of an IntEnum's or
// StrEnum's member (Python 3.11).
func (m *enumMember) pyStr() string {
	if m.str != nil {
		return string(*m.str)
	}
	if m.class.kind != "Enum" {
		return pyStr(m.value)
	}
	return m.String()
}

// AttrNames lists name and value.
func (m *enumMember) AttrNames() []string { return []string{"name", "value"} }

// Attr provides name, value and the class's methods bound to the member.
func (m *enumMember) Attr(name string) (starlark.Value, error) {
	switch name {
	case "name", "_name_":
		return starlark.String(m.name), nil
	case "value", "_value_":
		return m.value, nil
	case "__class__":
		return m.class, nil
	}
	if v, ok := m.class.attrs[name]; ok {
		return bindAttr(v, m, m.class), nil
	}
	if m.class.mixin == "str" {
		// str's own methods: Mood.happy.upper().
		if v, err := starlark.String(pyStr(m.value)).Attr(name); v != nil || err != nil {
			return v, err
		}
	}
	return nil, fmt.Errorf("AttributeError: '%s' object has no attribute '%s'", m.class.name, name)
}

// mixedValue is what a member of a str or int enum compares as: its value.
func mixedValue(v starlark.Value) starlark.Value {
	if m, ok := v.(*enumMember); ok && m.class.mixin != "" {
		return m.value
	}
	return v
}

// autoValue is enum.auto(): the value the class gives its member.
type autoValue struct{ base }

func (autoValue) String() string { return "auto()" }
func (autoValue) Type() string   { return "auto" }

func enumAuto(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return autoValue{}, nil
}

// enumUnique is @enum.unique: an enum with aliases is a ValueError.
func enumUnique(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var e *enumClass
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &e); err != nil {
		return nil, err
	}
	var dup []string
	for _, n := range e.names {
		if m := e.byName[n]; m.name != n {
			dup = append(dup, n+" -> "+m.name)
		}
	}
	if len(dup) > 0 {
		return nil, fmt.Errorf("ValueError: duplicate values found in %s: %s", e.String(), strings.Join(dup, ", "))
	}
	return e, nil
}

// enumSpec gathers what a class statement's bases say about an enum.
type enumSpec struct {
	kind, mixin string
	attrs       map[string]starlark.Value
}

func (s *enumSpec) addBase(b starlark.Value) error {
	switch x := b.(type) {
	case *enumFactory:
		s.kind = x.kind
	case *enumClass:
		if len(x.members) > 0 {
			return fmt.Errorf("TypeError: %s cannot extend %s", "<enum>", x.String())
		}
		s.kind = x.kind
		if x.mixin != "" {
			s.mixin = x.mixin
		}
		s.attrs = x.attrs
	}
	return nil
}

// build makes the enum from the class body's names: functions, dunder
// and _sunder_ names are attributes, everything else a member.
func (s *enumSpec) build(thread *starlark.Thread, name string, ns []classEntry) (*enumClass, error) {
	e := newEnumClass(name, s.kind)
	if s.mixin != "" {
		e.mixin = s.mixin
	}
	for k, v := range s.attrs {
		e.attrs[k] = v
	}
	var last starlark.Value
	for _, entry := range ns {
		n, v := entry.name, entry.value
		if strings.HasPrefix(n, "_") && strings.HasSuffix(n, "_") {
			if err := checkSpecial(name, n, true); err != nil {
				return nil, err
			}
			if n == "_ignore_" || n == "_order_" || strings.HasPrefix(n, "__") {
				e.attrs[n] = v
				continue
			}
			return nil, fmt.Errorf("retort does not support enum hook %s in %s", n, name)
		}
		switch v.(type) {
		case *starlark.Function, *starlark.Builtin, *methodKind, *pyClass, *enumClass:
			e.attrs[n] = v
			continue
		}
		if f, ok := v.(*classField); ok {
			if f.def == nil {
				continue // a bare annotation binds nothing
			}
			v = f.def
		}
		if _, ok := v.(autoValue); ok {
			v = s.next(n, last)
		}
		var err error
		if v, err = e.convert(n, v); err != nil {
			return nil, err
		}
		e.add(n, v)
		last = v
	}
	return e, e.renderMembers(thread)
}

// renderMembers works out what the class's own __str__ and __repr__ give
// for each member: members do not change, and printing has no thread to
// run script code on.
func (e *enumClass) renderMembers(thread *starlark.Thread) error {
	for _, special := range []string{"__str__", "__repr__"} {
		fn, ok := e.attrs[special]
		if !ok {
			continue
		}
		for _, m := range e.members {
			v, err := starlark.Call(thread, fn, starlark.Tuple{m}, nil)
			if err != nil {
				return err
			}
			s, ok := v.(starlark.String)
			if !ok {
				return fmt.Errorf("TypeError: %s returned non-string (type %s)", special, v.Type())
			}
			if special == "__str__" {
				m.str = &s
			} else {
				m.repr = &s
			}
		}
	}
	return nil
}

// next is the value auto() gives: the member's name lower-cased in a
// StrEnum, else one more than the last integer value (1 for the first);
// a str-mixed Enum turns that number into a string.
func (s *enumSpec) next(name string, last starlark.Value) starlark.Value {
	if s.kind == "StrEnum" {
		return starlark.String(strings.ToLower(name))
	}
	n := starlark.MakeInt(1)
	switch x := last.(type) {
	case starlark.Int:
		n = x.Add(starlark.MakeInt(1))
	case starlark.String:
		var i int
		if _, err := fmt.Sscan(string(x), &i); err == nil {
			n = starlark.MakeInt(i + 1)
		}
	}
	return n
}

// convert makes a member's value one of the mixed-in type.
func (e *enumClass) convert(name string, v starlark.Value) (starlark.Value, error) {
	switch e.mixin {
	case "str":
		if _, ok := v.(starlark.String); !ok {
			if e.kind == "StrEnum" {
				return nil, fmt.Errorf("TypeError: %s is not a string", pyRepr(v))
			}
			return starlark.String(pyStr(v)), nil
		}
	case "int":
		if _, ok := v.(starlark.Int); !ok {
			return nil, fmt.Errorf("ValueError: invalid literal for int() with base 10: %s (member %s)", pyRepr(v), name)
		}
	}
	return v, nil
}
