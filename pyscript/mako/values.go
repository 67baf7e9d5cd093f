package mako

import (
	"fmt"
	"github.com/retort-dev/retort/internal/pyrepr"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// Namespace is a Go value that templates see as an object with attributes,
// e.g. Alembic's `config` whose get_main_option method the multidb template
// calls. Attribute values are converted like any other variable; a
// Func becomes a method.
type Namespace map[string]any

// Func is a Go function callable from a template. Positional arguments
// arrive converted to Go (string, int64, float64, bool, nil, []any,
// map[string]any); the result is converted back.
type Func func(args ...any) (any, error)

// List is rendered as a Python list (`['a', 'b']`); other slices become
// tuples, which is what Alembic passes for most multi-valued variables.
type List []any

// undefined stands for a name the template uses but the caller did not
// pass, like Mako's UNDEFINED: it is false in a condition and an error
// when printed.
type undefined struct{ name string }

func (u undefined) String() string        { return "UNDEFINED" }
func (u undefined) Type() string          { return "Undefined" }
func (u undefined) Freeze()               {}
func (u undefined) Truth() starlark.Bool  { return starlark.False }
func (u undefined) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable: Undefined") }
func (u undefined) Name() string          { return u.name }

// CallInternal makes an unknown filter or function name fail with the
// same message as printing it.
func (u undefined) CallInternal(*starlark.Thread, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return nil, undefinedError(u)
}

// toStarlark converts a Go value passed in vars into a Starlark value.
func toStarlark(v any) (starlark.Value, error) {
	switch x := v.(type) {
	case nil:
		return starlark.None, nil
	case starlark.Value:
		return x, nil
	case string:
		return starlark.String(x), nil
	case bool:
		return starlark.Bool(x), nil
	case int:
		return starlark.MakeInt(x), nil
	case int64:
		return starlark.MakeInt64(x), nil
	case float64:
		return starlark.Float(x), nil
	case []string:
		elems := make([]starlark.Value, len(x))
		for i, s := range x {
			elems[i] = starlark.String(s)
		}
		return starlark.Tuple(elems), nil
	case List:
		elems, err := convertAll(x)
		if err != nil {
			return nil, err
		}
		return starlark.NewList(elems), nil
	case []any:
		elems, err := convertAll(x)
		if err != nil {
			return nil, err
		}
		return starlark.Tuple(elems), nil
	case map[string]any:
		d := starlark.NewDict(len(x))
		for _, k := range sortedKeys(x) {
			sv, err := toStarlark(x[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			if err := d.SetKey(starlark.String(k), sv); err != nil {
				return nil, err
			}
		}
		return d, nil
	case map[string]string:
		d := starlark.NewDict(len(x))
		for k, s := range x {
			_ = d.SetKey(starlark.String(k), starlark.String(s))
		}
		return d, nil
	case Namespace:
		attrs := starlark.StringDict{}
		for k, av := range x {
			sv, err := toStarlark(av)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			attrs[k] = sv
		}
		return starlarkstruct.FromStringDict(starlark.String("namespace"), attrs), nil
	case Func:
		return starlark.NewBuiltin("function", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if len(kwargs) > 0 {
				return nil, fmt.Errorf("%s: keyword arguments are not supported", b.Name())
			}
			goArgs := make([]any, len(args))
			for i, a := range args {
				goArgs[i] = fromStarlark(a)
			}
			res, err := x(goArgs...)
			if err != nil {
				return nil, err
			}
			return toStarlark(res)
		}), nil
	case func(args ...any) (any, error):
		return toStarlark(Func(x))
	}
	return nil, fmt.Errorf("unsupported template value of type %s", reflect.TypeOf(v))
}

func convertAll(xs []any) ([]starlark.Value, error) {
	elems := make([]starlark.Value, len(xs))
	for i, e := range xs {
		sv, err := toStarlark(e)
		if err != nil {
			return nil, err
		}
		elems[i] = sv
	}
	return elems, nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fromStarlark converts a Starlark value back to plain Go for Func calls.
func fromStarlark(v starlark.Value) any {
	switch x := v.(type) {
	case starlark.NoneType:
		return nil
	case starlark.String:
		return string(x)
	case starlark.Bool:
		return bool(x)
	case starlark.Int:
		if i, ok := x.Int64(); ok {
			return i
		}
		return x.String()
	case starlark.Float:
		return float64(x)
	case starlark.Tuple:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = fromStarlark(e)
		}
		return out
	case *starlark.List:
		out := make([]any, x.Len())
		for i := range out {
			out[i] = fromStarlark(x.Index(i))
		}
		return out
	case *starlark.Dict:
		out := map[string]any{}
		for _, item := range x.Items() {
			out[pyStr(item[0])] = fromStarlark(item[1])
		}
		return out
	}
	return v
}

// pyStr is Python's str(): strings print bare, containers print the repr
// of their elements.
func pyStr(v starlark.Value) string {
	if s, ok := v.(starlark.String); ok {
		return string(s)
	}
	return pyRepr(v)
}

// pyRepr is Python's repr() for the value kinds templates handle. Starlark's
// own repr differs (double quotes, no "(x,)" for one-element tuples), and
// the rendered script must be the Python Alembic would have written.
func pyRepr(v starlark.Value) string {
	switch x := v.(type) {
	case starlark.NoneType:
		return "None"
	case starlark.Bool:
		if x {
			return "True"
		}
		return "False"
	case starlark.String:
		return pyQuote(string(x))
	case starlark.Float:
		return pyFloat(float64(x))
	case starlark.Tuple:
		parts := reprAll(x)
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case *starlark.List:
		elems := make([]starlark.Value, x.Len())
		for i := range elems {
			elems[i] = x.Index(i)
		}
		return "[" + strings.Join(reprAll(elems), ", ") + "]"
	case *starlark.Dict:
		parts := make([]string, 0, x.Len())
		for _, item := range x.Items() {
			parts = append(parts, pyRepr(item[0])+": "+pyRepr(item[1]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *starlark.Set:
		if x.Len() == 0 {
			return "set()"
		}
		var elems []starlark.Value
		iter := x.Iterate()
		defer iter.Done()
		var e starlark.Value
		for iter.Next(&e) {
			elems = append(elems, e)
		}
		return "{" + strings.Join(reprAll(elems), ", ") + "}"
	}
	return v.String()
}

func reprAll(vs []starlark.Value) []string {
	out := make([]string, len(vs))
	for i, e := range vs {
		out[i] = pyRepr(e)
	}
	return out
}

func pyFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// pyQuote quotes like Python 3's str.__repr__: single quotes unless the
// text holds a single quote and no double quote.
func pyQuote(s string) string { return pyrepr.Str(s) }

// starlarkQuote writes s as a Starlark string literal for generated code.
func starlarkQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", c)
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				fmt.Fprintf(&b, "\\x%02x", c)
				continue
			}
			b.WriteString(s[i : i+size])
			i += size - 1
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
