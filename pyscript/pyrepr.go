package pyscript

import (
	"fmt"
	"github.com/retort-dev/retort/internal/pyrepr"
	"math"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
)

// Python's repr and str of script values. Starlark writes strings with
// double quotes and its own escapes; migrations build SQL with repr(),
// %r and {x!r}, so those must print what CPython prints ('users').

// pyRepr is Python's repr(v).
func pyRepr(v starlark.Value) string {
	var b strings.Builder
	writeRepr(&b, v, false, nil)
	return b.String()
}

// pyASCII is Python's ascii(v): repr with non-ASCII characters escaped.
func pyASCII(v starlark.Value) string {
	var b strings.Builder
	writeRepr(&b, v, true, nil)
	return b.String()
}

// pyStr is Python's str(v).
func pyStr(v starlark.Value) string {
	switch x := v.(type) {
	case interface{ pyStr() string }:
		return x.pyStr()
	case starlark.String:
		return string(x)
	case starlark.NoneType, starlark.Bool, starlark.Int, starlark.Float, starlark.Bytes,
		*starlark.List, starlark.Tuple, *starlark.Dict, *starlark.Set:
		return pyRepr(v)
	}
	// Other objects (SQL expressions, dates, UUIDs) print their str form.
	return v.String()
}

// pyReprer is a value whose Python repr differs from its str (String).
type pyReprer interface{ pyRepr() string }

// writeRepr writes repr(v); seen holds the containers being printed, so
// that a list holding itself prints [...] as in Python.
func writeRepr(b *strings.Builder, v starlark.Value, ascii bool, seen []starlark.Value) {
	for _, s := range seen {
		if s == v {
			switch v.(type) {
			case *starlark.Dict:
				b.WriteString("{...}")
			default:
				b.WriteString("[...]")
			}
			return
		}
	}
	switch x := v.(type) {
	case starlark.NoneType:
		b.WriteString("None")
	case starlark.Bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case starlark.Int:
		b.WriteString(x.String())
	case starlark.Float:
		b.WriteString(floatRepr(float64(x)))
	case starlark.String:
		b.WriteString(strRepr(string(x), ascii))
	case starlark.Bytes:
		b.WriteString(bytesRepr(string(x)))
	case *starlark.List:
		b.WriteByte('[')
		for i := 0; i < x.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, x.Index(i), ascii, append(seen, v))
		}
		b.WriteByte(']')
	case starlark.Tuple:
		b.WriteByte('(')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, e, ascii, seen)
		}
		if len(x) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *starlark.Dict:
		b.WriteByte('{')
		for i, kv := range x.Items() {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, kv[0], ascii, seen)
			b.WriteString(": ")
			writeRepr(b, kv[1], ascii, append(seen, v))
		}
		b.WriteByte('}')
	case *starlark.Set:
		if x.Len() == 0 {
			b.WriteString("set()")
			return
		}
		b.WriteByte('{')
		iter := x.Iterate()
		defer iter.Done()
		var e starlark.Value
		for i := 0; iter.Next(&e); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, e, ascii, seen)
		}
		b.WriteByte('}')
	case pyReprer:
		b.WriteString(x.pyRepr())
	default:
		b.WriteString(v.String())
	}
}

// floatRepr is Python's repr of a float: the shortest digits that read
// back the same, in fixed notation for exponents -4..15 and with ".0" on
// integral values.
func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	if exp >= -4 && exp < 16 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.ContainsRune(s, '.') {
			s += ".0"
		}
		return s
	}
	return mant + "e" + expSuffix(exp)
}

// expSuffix writes an exponent as Python does: a sign and at least two digits.
func expSuffix(exp int) string {
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	if exp < 10 {
		return sign + "0" + strconv.Itoa(exp)
	}
	return sign + strconv.Itoa(exp)
}

// strRepr quotes s as Python's repr does: single quotes unless s holds a
// single quote and no double quote, \t \n \r \\ escaped, other
// unprintable characters as \xNN, \uNNNN or \UNNNNNNNN.
func strRepr(s string, ascii bool) string {
	if ascii {
		return pyrepr.ASCII(s)
	}
	return pyrepr.Str(s)
}

// isPrintable follows Python's str.isprintable: letters, marks, numbers,
// punctuation and symbols; no separators other than the ASCII space.
func isPrintable(r rune) bool { return pyrepr.Printable(r) }

// bytesRepr is Python's repr of bytes: b'...' with ASCII shown as is.
func bytesRepr(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteString("b")
	b.WriteByte(q)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\x%02x", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// pyTypeName is the Python name of v's type, for error messages.
func pyTypeName(v starlark.Value) string {
	switch v.(type) {
	case starlark.NoneType:
		return "NoneType"
	case starlark.String:
		return "str"
	}
	return v.Type()
}
