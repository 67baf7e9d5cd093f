package pyscript

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// iter, next and isinstance, which Starlark lacks.

// iteratorValue is iter(x): a position in a snapshot of x's elements.
type iteratorValue struct {
	base
	elems []starlark.Value
	pos   int
}

func (it *iteratorValue) String() string { return "<iterator>" }
func (it *iteratorValue) Type() string   { return "iterator" }

// Iterate yields the remaining elements.
func (it *iteratorValue) Iterate() starlark.Iterator {
	rest := it.elems[it.pos:]
	it.pos = len(it.elems)
	return starlark.Tuple(rest).Iterate()
}

var iterBuiltin = starlark.NewBuiltin("iter", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := starlark.UnpackPositionalArgs("iter", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	if it, ok := x.(*iteratorValue); ok {
		return it, nil
	}
	seq, ok := x.(starlark.Iterable)
	if !ok {
		return nil, fmt.Errorf("TypeError: '%s' object is not iterable", pyTypeName(x))
	}
	var elems []starlark.Value
	for v := range starlark.Elements(seq) {
		elems = append(elems, v)
	}
	return &iteratorValue{elems: elems}, nil
})

// nextBuiltin is next(it[, default]). A generator expression is a list
// in retort, so next() of a list gives its first element, as next() of
// the generator would.
var nextBuiltin = starlark.NewBuiltin("next", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, def starlark.Value
	if err := starlark.UnpackPositionalArgs("next", args, kwargs, 1, &x, &def); err != nil {
		return nil, err
	}
	switch it := x.(type) {
	case *iteratorValue:
		if it.pos < len(it.elems) {
			it.pos++
			return it.elems[it.pos-1], nil
		}
	case *starlark.List:
		if it.Len() > 0 {
			return it.Index(0), nil
		}
	default:
		return nil, fmt.Errorf("TypeError: '%s' object is not an iterator", pyTypeName(x))
	}
	if def != nil {
		return def, nil
	}
	return nil, fmt.Errorf("StopIteration")
})

// pythonTypeNames maps Python's builtin classes to Starlark type names.
var pythonTypeNames = map[string][]string{
	"str": {"string"}, "int": {"int", "bool"}, "float": {"float"}, "bool": {"bool"}, "list": {"list"},
	"dict": {"dict"}, "tuple": {"tuple"}, "bytes": {"bytes"}, "set": {"set"},
}

var isinstanceBuiltin = starlark.NewBuiltin("isinstance", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, cls starlark.Value
	if err := starlark.UnpackPositionalArgs("isinstance", args, kwargs, 2, &x, &cls); err != nil {
		return nil, err
	}
	ok, err := isInstance(x, cls)
	return starlark.Bool(ok), err
})

func isInstance(x, cls starlark.Value) (bool, error) {
	switch c := cls.(type) {
	case starlark.Tuple:
		for _, e := range c {
			ok, err := isInstance(x, e)
			if ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	case *typeCtor:
		tv, ok := x.(*typeValue)
		return ok && typeIsA(tv.t.Kind, c.kind), nil
	case *dtType:
		switch v := x.(type) {
		case *dateValue:
			// A datetime is a date in Python; a date is not a datetime.
			return c.name == "date" || c.name == "datetime" && !v.dateOnly, nil
		case timedeltaValue:
			return c.name == "timedelta", nil
		}
		return false, nil
	case *enumClass:
		m, ok := x.(*enumMember)
		return ok && m.class == c, nil
	case *exceptionType:
		return false, nil
	case *pyClass:
		i, ok := x.(*pyInstance)
		return ok && i.class.isSubclass(c), nil
	case *starlark.Builtin:
		name := c.Name()
		if types, ok := pythonTypeNames[name]; ok {
			for _, t := range types {
				if x.Type() == t {
					return true, nil
				}
			}
			return false, nil
		}
		short := name[strings.LastIndexByte(name, '.')+1:]
		return x.Type() == short || strings.EqualFold(x.Type(), short) && strings.Contains(name, "."), nil
	}
	return false, fmt.Errorf("TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union")
}

// sumBuiltin is sum(iterable, start=0).
var sumBuiltin = starlark.NewBuiltin("sum", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seq starlark.Iterable
	var total starlark.Value = starlark.MakeInt(0)
	if err := starlark.UnpackArgs("sum", args, kwargs, "iterable", &seq, "start?", &total); err != nil {
		return nil, err
	}
	if _, ok := total.(starlark.String); ok {
		return nil, fmt.Errorf("TypeError: sum() can't sum strings [use ''.join(seq) instead]")
	}
	for v := range starlark.Elements(seq) {
		t, err := starlark.Binary(syntax.PLUS, total, v)
		if err != nil {
			return nil, fmt.Errorf("TypeError: unsupported operand type(s) for +: '%s' and '%s'", pyTypeName(total), pyTypeName(v))
		}
		total = t
	}
	return total, nil
})

// powBuiltin is x ** y.
var powBuiltin = starlark.NewBuiltin(powName, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("%s: want 2 arguments", powName)
	}
	return pyPow(args[0], args[1])
})

func pyPow(x, y starlark.Value) (starlark.Value, error) {
	xi, xInt := x.(starlark.Int)
	yi, yInt := y.(starlark.Int)
	if xInt && yInt {
		if yi.Sign() >= 0 {
			e := yi.BigInt()
			if e.BitLen() > 20 {
				return nil, fmt.Errorf("OverflowError: exponent too large")
			}
			return starlark.MakeBigInt(new(big.Int).Exp(xi.BigInt(), e, nil)), nil
		}
	}
	fx, ok1 := asFloat(x)
	fy, ok2 := asFloat(y)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("TypeError: unsupported operand type(s) for ** or pow(): '%s' and '%s'", pyTypeName(x), pyTypeName(y))
	}
	if fx == 0 && fy < 0 {
		return nil, fmt.Errorf("ZeroDivisionError: 0.0 cannot be raised to a negative power")
	}
	return starlark.Float(math.Pow(fx, fy)), nil
}

// roundBuiltin is round(x[, ndigits]) with Python's round-half-to-even.
var roundBuiltin = starlark.NewBuiltin("round", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, nd starlark.Value = nil, starlark.None
	if err := starlark.UnpackArgs("round", args, kwargs, "number", &x, "ndigits?", &nd); err != nil {
		return nil, err
	}
	if i, ok := x.(starlark.Int); ok {
		n, isInt := nd.(starlark.Int)
		k, _ := n.Int64()
		if nd == starlark.None || isInt && k >= 0 {
			return i, nil
		}
		if isInt {
			// Round an int to tens, hundreds...: half to even, still an int.
			p := new(big.Int).Exp(big.NewInt(10), big.NewInt(-k), nil)
			q, r := new(big.Int).DivMod(i.BigInt(), p, new(big.Int))
			twice := new(big.Int).Lsh(r, 1)
			if c := twice.Cmp(p); c > 0 || c == 0 && q.Bit(0) == 1 {
				q.Add(q, big.NewInt(1))
			}
			return starlark.MakeBigInt(q.Mul(q, p)), nil
		}
	}
	f, ok := asFloat(x)
	if !ok {
		return nil, fmt.Errorf("TypeError: type %s doesn't define __round__ method", pyTypeName(x))
	}
	if nd == starlark.None {
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("OverflowError: cannot convert float infinity to integer")
		}
		n, _ := big.NewFloat(math.RoundToEven(f)).Int(nil)
		return starlark.MakeBigInt(n), nil
	}
	n, ok := nd.(starlark.Int)
	if !ok {
		return nil, fmt.Errorf("TypeError: '%s' object cannot be interpreted as an integer", pyTypeName(nd))
	}
	k, _ := n.Int64()
	// Python rounds the exact binary value: formatting with k digits does the same.
	if k >= 0 {
		r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'f', int(k), 64), 64)
		if err != nil {
			return nil, err
		}
		return starlark.Float(r), nil
	}
	p := math.Pow(10, float64(-k))
	return starlark.Float(math.RoundToEven(f/p) * p), nil
})

var divmodBuiltin = starlark.NewBuiltin("divmod", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, y starlark.Value
	if err := starlark.UnpackPositionalArgs("divmod", args, kwargs, 2, &x, &y); err != nil {
		return nil, err
	}
	q, err := starlark.Binary(syntax.SLASHSLASH, x, y)
	if err != nil {
		return nil, pythonArithError(err, x, y)
	}
	r, err := starlark.Binary(syntax.PERCENT, x, y)
	if err != nil {
		return nil, pythonArithError(err, x, y)
	}
	return starlark.Tuple{q, r}, nil
})

// mapBuiltin and filterBuiltin return lists (Python's are lazy iterators;
// list(...) and for loops see the same elements).
var mapBuiltin = starlark.NewBuiltin("map", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 2 || len(kwargs) > 0 {
		return nil, fmt.Errorf("TypeError: map() must have at least two arguments.")
	}
	var lists [][]starlark.Value
	n := -1
	for _, a := range args[1:] {
		seq, ok := a.(starlark.Iterable)
		if !ok {
			return nil, fmt.Errorf("TypeError: '%s' object is not iterable", pyTypeName(a))
		}
		var l []starlark.Value
		for v := range starlark.Elements(seq) {
			l = append(l, v)
		}
		if n < 0 || len(l) < n {
			n = len(l)
		}
		lists = append(lists, l)
	}
	out := make([]starlark.Value, 0, n)
	for i := 0; i < n; i++ {
		call := make(starlark.Tuple, len(lists))
		for j, l := range lists {
			call[j] = l[i]
		}
		v, err := starlark.Call(thread, args[0], call, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return starlark.NewList(out), nil
})

var filterBuiltin = starlark.NewBuiltin("filter", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fn starlark.Value
	var seq starlark.Iterable
	if err := starlark.UnpackPositionalArgs("filter", args, kwargs, 2, &fn, &seq); err != nil {
		return nil, err
	}
	var out []starlark.Value
	for v := range starlark.Elements(seq) {
		keep := v.Truth()
		if fn != starlark.None {
			r, err := starlark.Call(thread, fn, starlark.Tuple{v}, nil)
			if err != nil {
				return nil, err
			}
			keep = r.Truth()
		}
		if keep {
			out = append(out, v)
		}
	}
	return starlark.NewList(out), nil
})

var callableBuiltin = starlark.NewBuiltin("callable", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := starlark.UnpackPositionalArgs("callable", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	_, ok := x.(starlark.Callable)
	return starlark.Bool(ok), nil
})

// sandboxedBuiltins are Python builtins a script cannot have here.
var sandboxedBuiltins = map[string]string{
	"open": "file access", "exec": "running code", "eval": "running code", "compile": "running code",
	"__import__": "dynamic imports", "input": "reading input", "globals": "introspection", "locals": "introspection",
	"vars": "introspection", "id": "object identities", "breakpoint": "debugging", "exit": "exiting", "quit": "exiting",
	"memoryview": "memory views", "bytearray": "mutable bytes", "frozenset": "frozenset", "object": "classes",
	"super": "classes", "property": "classes", "classmethod": "classes", "staticmethod": "classes",
	"issubclass": "classes", "setattr": "setting attributes", "delattr": "deleting attributes",
	"complex": "complex numbers", "help": "help", "dir": "introspection", "aiter": "async", "anext": "async",
}

// undefinedMessage words a resolver failure as Python would, or says why
// the sandbox lacks a builtin.
func undefinedMessage(msg string) string {
	name, ok := strings.CutPrefix(msg, "undefined: ")
	if !ok {
		return msg
	}
	if why := sandboxedBuiltins[name]; why != "" {
		return fmt.Sprintf("retort does not support %s() in migration scripts (%s is not available in the sandbox)", name, why)
	}
	return fmt.Sprintf("NameError: name '%s' is not defined", name)
}
