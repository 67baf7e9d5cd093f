package pyscript

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// Builtins that replace Starlark's where Python prints differently, and
// the hidden builtins the % operator and str.format calls are rewritten
// into (see rewriteFormatting).

const (
	modName       = "_retort_mod"
	strFormatName = "_retort_strformat"
)

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
		var encoding, errors string
		if err := starlark.UnpackArgs("str", args, kwargs, "object", &v, "encoding?", &encoding, "errors?", &errors); err != nil {
			return nil, err
		}
		bs, ok := v.(starlark.Bytes)
		if !ok {
			return nil, fmt.Errorf("TypeError: decoding to str: need a bytes-like object, %s found", pyTypeName(v))
		}
		return decodeBytes(bs, encoding, errors)
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
		return nil, err
	}
	return starlark.String(s), nil
}
