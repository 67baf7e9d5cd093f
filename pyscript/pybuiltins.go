package pyscript

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// Builtins that replace Starlark's where Python prints differently, and
// the hidden builtins the % operator and str.format calls are rewritten
// into (see rewriteFormatting).

const (
	modName       = "_retort_mod"
	strFormatName = "_retort_strformat"
	methodName    = "_retort_method"
	assertName    = "_retort_assert"
)

// assertBuiltin is the assert statement: AssertionError[: msg] when cond is false.
var assertBuiltin = starlark.NewBuiltin(assertName, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 || len(args) > 2 || len(kwargs) > 0 {
		return nil, fmt.Errorf("SyntaxError: invalid assert statement")
	}
	if args[0].Truth() {
		return starlark.None, nil
	}
	if len(args) == 2 {
		return nil, fmt.Errorf("AssertionError: %s", pyStr(args[1]))
	}
	return nil, fmt.Errorf("AssertionError")
})

var reprBuiltin = starlark.NewBuiltin("repr", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs("repr", args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return starlark.String(pyRepr(v)), nil
})

var asciiBuiltin = starlark.NewBuiltin("ascii", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs("ascii", args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return starlark.String(pyASCII(v)), nil
})

var strBuiltin = starlark.NewBuiltin("str", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 || len(args) > 1 {
		// str(b, "utf-8") and friends.
		var v starlark.Value
		var encoding, errs string
		if err := starlark.UnpackArgs("str", args, kwargs, "object", &v, "encoding?", &encoding, "errors?", &errs); err != nil {
			return nil, err
		}
		bs, ok := v.(starlark.Bytes)
		if !ok {
			return nil, fmt.Errorf("TypeError: decoding to str: need a bytes-like object, %s found", pyTypeName(v))
		}
		return decodeBytes(bs, encoding, errs)
	}
	if len(args) == 0 {
		return starlark.String(""), nil
	}
	return starlark.String(pyStr(args[0])), nil
})

var formatBuiltin = starlark.NewBuiltin("format", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	var spec string
	if err := starlark.UnpackPositionalArgs("format", args, kwargs, 1, &v, &spec); err != nil {
		return nil, err
	}
	s, err := formatValue(v, spec)
	if err != nil {
		return nil, err
	}
	return starlark.String(s), nil
})

// printBuiltin is Python's print: str() of each argument, sep and end.
var printBuiltin = starlark.NewBuiltin("print", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	sep, end := " ", "\n"
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		switch k {
		case "sep", "end":
			s, ok := kv[1].(starlark.String)
			if !ok && kv[1] != starlark.None {
				return nil, fmt.Errorf("TypeError: %s must be None or a string, not %s", k, pyTypeName(kv[1]))
			}
			if ok && k == "sep" {
				sep = string(s)
			} else if ok {
				end = string(s)
			}
		case "flush":
		case "file":
			if kv[1] != starlark.None {
				return nil, fmt.Errorf("retort does not support print(file=...): output goes to the migration log")
			}
		default:
			return nil, fmt.Errorf("TypeError: '%s' is an invalid keyword argument for print()", k)
		}
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = pyStr(a)
	}
	msg := strings.Join(parts, sep) + end
	if thread.Print != nil {
		thread.Print(thread, strings.TrimSuffix(msg, "\n"))
	}
	return starlark.None, nil
})

// modBuiltin is x % y: Python's string formatting for a str x, Starlark's
// arithmetic otherwise.
var modBuiltin = starlark.NewBuiltin(modName, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("%s: want 2 arguments", modName)
	}
	if s, ok := args[0].(starlark.String); ok {
		out, err := percentFormat(string(s), args[1])
		if err != nil {
			return nil, err
		}
		return starlark.String(out), nil
	}
	v, err := starlark.Binary(syntax.PERCENT, args[0], args[1])
	if err != nil {
		return nil, pythonArithError(err, args[0], args[1])
	}
	return v, nil
})

// pythonArithError gives an arithmetic failure Python's wording.
func pythonArithError(err error, x, y starlark.Value) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "by zero"):
		if _, ok := x.(starlark.Float); ok {
			return fmt.Errorf("ZeroDivisionError: float modulo")
		}
		if _, ok := y.(starlark.Float); ok {
			return fmt.Errorf("ZeroDivisionError: float modulo")
		}
		return fmt.Errorf("ZeroDivisionError: integer division or modulo by zero")
	case strings.Contains(msg, "unknown binary op"):
		return fmt.Errorf("TypeError: unsupported operand type(s) for %%: '%s' and '%s'", pyTypeName(x), pyTypeName(y))
	}
	return err
}

// strFormatBuiltin is recv.format(*args, **kwargs): Python's str.format
// for a str recv, the receiver's own format method otherwise.
var strFormatBuiltin = starlark.NewBuiltin(strFormatName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("%s: missing receiver", strFormatName)
	}
	recv := args[0]
	if s, ok := recv.(starlark.String); ok {
		out, err := strFormat(string(s), args[1:], kwargs)
		if err != nil {
			return nil, err
		}
		return starlark.String(out), nil
	}
	var m starlark.Value
	if hv, ok := recv.(starlark.HasAttrs); ok {
		m, _ = hv.Attr("format")
	}
	if m == nil {
		return nil, fmt.Errorf("AttributeError: '%s' object has no attribute 'format'", pyTypeName(recv))
	}
	return starlark.Call(thread, m, args[1:], kwargs)
})

// decodeBytes is bytes.decode / str(b, encoding) for the encodings the
// coding-line support knows.
func decodeBytes(b starlark.Bytes, encoding, _ string) (starlark.Value, error) {
	s, err := decodeSource([]byte(b), encoding)
	if err != nil {
		var de *decodeError
		if errors.As(err, &de) {
			return nil, fmt.Errorf("UnicodeDecodeError: %s", de.msg)
		}
		return nil, err
	}
	return starlark.String(s), nil
}

// methodBuiltin is recv.name(*args, **kwargs) for the str and bytes
// methods in pyStrMethods; other receivers use their own method.
var methodBuiltin = starlark.NewBuiltin(methodName, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 2 {
		return nil, fmt.Errorf("%s: missing receiver", methodName)
	}
	recv := args[0]
	name := string(args[1].(starlark.String))
	args = args[2:]
	switch x := recv.(type) {
	case starlark.String:
		if v, err, ok := strMethod(string(x), name, args, kwargs); ok {
			return v, err
		}
	case starlark.Bytes:
		if name == "decode" {
			encoding, errs := "utf-8", "strict"
			if err := starlark.UnpackArgs("decode", args, kwargs, "encoding?", &encoding, "errors?", &errs); err != nil {
				return nil, err
			}
			return decodeBytes(x, encoding, errs)
		}
	}
	var m starlark.Value
	if hv, ok := recv.(starlark.HasAttrs); ok {
		m, _ = hv.Attr(name)
	}
	if m == nil {
		return nil, fmt.Errorf("AttributeError: '%s' object has no attribute '%s'", pyTypeName(recv), name)
	}
	return starlark.Call(thread, m, args, kwargs)
})

// strMethod implements the str methods of pyStrMethods.
func strMethod(s, name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error, bool) {
	pad := func() (starlark.Value, error) {
		var width int
		fill := " "
		if err := starlark.UnpackPositionalArgs(name, args, kwargs, 1, &width, &fill); err != nil {
			return nil, err
		}
		if utf8.RuneCountInString(fill) != 1 {
			return nil, fmt.Errorf("TypeError: The fill character must be exactly one character long")
		}
		n := width - utf8.RuneCountInString(s)
		if n <= 0 {
			return starlark.String(s), nil
		}
		switch name {
		case "ljust":
			return starlark.String(s + strings.Repeat(fill, n)), nil
		case "rjust":
			return starlark.String(strings.Repeat(fill, n) + s), nil
		}
		// Python's center puts the extra fill character on the left when
		// the width is odd and the string's length even, and on the right otherwise.
		left := n / 2
		if n%2 == 1 && width%2 == 1 {
			left++
		}
		return starlark.String(strings.Repeat(fill, left) + s + strings.Repeat(fill, n-left)), nil
	}
	switch name {
	case "encode":
		encoding, errs := "utf-8", "strict"
		if err := starlark.UnpackArgs("encode", args, kwargs, "encoding?", &encoding, "errors?", &errs); err != nil {
			return nil, err, true
		}
		b, err := encodeString(s, encoding)
		return b, err, true
	case "ljust", "rjust", "center":
		v, err := pad()
		return v, err, true
	case "zfill":
		var width int
		if err := starlark.UnpackPositionalArgs("zfill", args, kwargs, 1, &width); err != nil {
			return nil, err, true
		}
		n := width - utf8.RuneCountInString(s)
		if n <= 0 {
			return starlark.String(s), nil, true
		}
		sign := ""
		if s != "" && (s[0] == '-' || s[0] == '+') {
			sign, s = s[:1], s[1:]
		}
		return starlark.String(sign + strings.Repeat("0", n) + s), nil, true
	case "casefold":
		return starlark.String(strings.ToLower(s)), nil, true
	case "swapcase":
		var sb strings.Builder
		for _, r := range s {
			if unicode.IsUpper(r) {
				sb.WriteRune(unicode.ToLower(r))
			} else {
				sb.WriteRune(unicode.ToUpper(r))
			}
		}
		return starlark.String(sb.String()), nil, true
	}
	return nil, nil, false
}

// encodeString is str.encode for utf-8, ascii and latin-1.
func encodeString(s, encoding string) (starlark.Value, error) {
	codec, ok := normEncoding(encoding)
	if !ok {
		return nil, fmt.Errorf("LookupError: unknown encoding: %s", encoding)
	}
	limit := rune(0)
	switch codec {
	case "utf-8":
		return starlark.Bytes(s), nil
	case "ascii":
		limit = 0x7f
	case "latin-1":
		limit = 0xff
	default:
		return nil, fmt.Errorf("retort does not support encoding to %s", encoding)
	}
	var b []byte
	for i, r := range []rune(s) {
		if r > limit {
			return nil, fmt.Errorf("UnicodeEncodeError: '%s' codec can't encode character %s in position %d: ordinal not in range(%d)",
				codec, strRepr(string(r), true), i, limit+1)
		}
		b = append(b, byte(r))
	}
	return starlark.Bytes(b), nil
}
