package pyscript

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// jsonModule is Python's json module: dumps and loads, with Python's
// defaults (", " and ": " separators, ensure_ascii, NaN and Infinity).
var jsonModule = newModule("json", starlark.StringDict{
	"dumps": starlark.NewBuiltin("json.dumps", jsonDumps),
	"loads": starlark.NewBuiltin("json.loads", jsonLoads),
})

type jsonOpts struct {
	indent          string
	hasIndent       bool
	itemSep, keySep string
	sortKeys        bool
	ensureASCII     bool
}

func jsonDumps(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var obj starlark.Value
	var indent, separators starlark.Value = starlark.None, starlark.None
	sortKeys, ensureASCII := false, true
	var skipKeys, checkCircular, allowNaN, def starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "obj", &obj, "skipkeys?", &skipKeys, "ensure_ascii?", &ensureASCII,
		"check_circular?", &checkCircular, "allow_nan?", &allowNaN, "indent?", &indent, "separators?", &separators,
		"default?", &def, "sort_keys?", &sortKeys); err != nil {
		return nil, err
	}
	if def != nil && def != starlark.None {
		return nil, fmt.Errorf("retort does not support json.dumps(default=...)")
	}
	o := jsonOpts{itemSep: ", ", keySep: ": ", sortKeys: sortKeys, ensureASCII: ensureASCII}
	switch x := indent.(type) {
	case starlark.NoneType:
	case starlark.Int:
		n, _ := x.Int64()
		o.indent, o.hasIndent, o.itemSep = strings.Repeat(" ", int(max(n, 0))), true, ","
	case starlark.String:
		o.indent, o.hasIndent, o.itemSep = string(x), true, ","
	default:
		return nil, fmt.Errorf("TypeError: indent must be None, an int or a str, not %s", pyTypeName(indent))
	}
	if separators != starlark.None {
		seq, ok := separators.(starlark.Indexable)
		if !ok || seq.Len() != 2 {
			return nil, fmt.Errorf("ValueError: separators must be an (item_separator, key_separator) tuple")
		}
		is, ok1 := seq.Index(0).(starlark.String)
		ks, ok2 := seq.Index(1).(starlark.String)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("TypeError: separators must be strings")
		}
		o.itemSep, o.keySep = string(is), string(ks)
	}
	var sb strings.Builder
	if err := o.write(&sb, obj, 0, nil); err != nil {
		return nil, err
	}
	return starlark.String(sb.String()), nil
}

func (o *jsonOpts) newline(sb *strings.Builder, level int) {
	if o.hasIndent {
		sb.WriteByte('\n')
		sb.WriteString(strings.Repeat(o.indent, level))
	}
}

func (o *jsonOpts) write(sb *strings.Builder, v starlark.Value, level int, seen []starlark.Value) error {
	for _, s := range seen {
		if s == v {
			return fmt.Errorf("ValueError: Circular reference detected")
		}
	}
	switch x := v.(type) {
	case starlark.NoneType:
		sb.WriteString("null")
	case starlark.Bool:
		sb.WriteString(map[bool]string{true: "true", false: "false"}[bool(x)])
	case starlark.Int:
		sb.WriteString(x.String())
	case starlark.Float:
		sb.WriteString(jsonFloat(float64(x)))
	case starlark.String:
		sb.WriteString(jsonQuote(string(x), o.ensureASCII))
	case *starlark.List, starlark.Tuple:
		seq := x.(starlark.Indexable)
		if seq.Len() == 0 {
			sb.WriteString("[]")
			return nil
		}
		sb.WriteByte('[')
		for i := 0; i < seq.Len(); i++ {
			if i > 0 {
				sb.WriteString(o.itemSep)
			}
			o.newline(sb, level+1)
			if err := o.write(sb, seq.Index(i), level+1, append(seen, v)); err != nil {
				return err
			}
		}
		o.newline(sb, level)
		sb.WriteByte(']')
	case *starlark.Dict:
		items := x.Items()
		if len(items) == 0 {
			sb.WriteString("{}")
			return nil
		}
		type kv struct {
			k string
			v starlark.Value
		}
		var pairs []kv
		for _, it := range items {
			var k string
			switch key := it[0].(type) {
			case starlark.String:
				k = string(key)
			case starlark.Int:
				k = key.String()
			case starlark.Float:
				k = jsonFloat(float64(key))
			case starlark.Bool:
				k = map[bool]string{true: "true", false: "false"}[bool(key)]
			case starlark.NoneType:
				k = "null"
			default:
				return fmt.Errorf("TypeError: keys must be str, int, float, bool or None, not %s", pyTypeName(it[0]))
			}
			pairs = append(pairs, kv{k, it[1]})
		}
		if o.sortKeys {
			sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].k < pairs[j].k })
		}
		sb.WriteByte('{')
		for i, p := range pairs {
			if i > 0 {
				sb.WriteString(o.itemSep)
			}
			o.newline(sb, level+1)
			sb.WriteString(jsonQuote(p.k, o.ensureASCII))
			sb.WriteString(o.keySep)
			if err := o.write(sb, p.v, level+1, append(seen, v)); err != nil {
				return err
			}
		}
		o.newline(sb, level)
		sb.WriteByte('}')
	default:
		return fmt.Errorf("TypeError: Object of type %s is not JSON serializable", pyTypeName(v))
	}
	return nil
}

func jsonFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return floatRepr(f)
}

// jsonQuote quotes s as Python's json module does.
func jsonQuote(s string, ascii bool) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || ascii && r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		case ascii && r > 0x7f:
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func jsonLoads(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var s starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &s); err != nil {
		return nil, err
	}
	var text string
	switch x := s.(type) {
	case starlark.String:
		text = string(x)
	case starlark.Bytes:
		text = string(x)
	default:
		return nil, fmt.Errorf("TypeError: the JSON object must be str, bytes or bytearray, not %s", pyTypeName(s))
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("json.loads: input is not valid UTF-8")
	}
	// Go's decoder refuses NaN and Infinity, which Python's accepts; they
	// are reported as a decode error.
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	v, err := jsonValue(dec)
	if err != nil {
		return nil, fmt.Errorf("JSONDecodeError: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("JSONDecodeError: Extra data")
	}
	return v, nil
}

// jsonValue reads one value, keeping the order of object keys as Python does.
func jsonValue(dec *json.Decoder) (starlark.Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return starlark.None, nil
	case bool:
		return starlark.Bool(t), nil
	case string:
		return starlark.String(t), nil
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return starlark.MakeInt64(i), nil
		}
		if n, ok := new(big.Int).SetString(string(t), 10); ok {
			return starlark.MakeBigInt(n), nil
		}
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil {
			return nil, err
		}
		return starlark.Float(f), nil
	case json.Delim:
		switch t {
		case '[':
			var elems []starlark.Value
			for dec.More() {
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				elems = append(elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return starlark.NewList(elems), nil
		case '{':
			d := starlark.NewDict(0)
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				if err := d.SetKey(starlark.String(k.(string)), v); err != nil {
					return nil, err
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return d, nil
		}
	}
	return nil, fmt.Errorf("unexpected %v", tok)
}
