package pyscript

import (
	"fmt"

	"go.starlark.net/starlark"
)

// functools: wraps and the caches as decorators that keep the function
// as it is (a migration runs once; caching changes nothing it can see),
// partial and reduce.

var functoolsModule = newModule("functools", starlark.StringDict{
	"wraps":     starlark.NewBuiltin("functools.wraps", keepDecorator),
	"lru_cache": starlark.NewBuiltin("functools.lru_cache", cacheDecorator),
	"cache":     starlark.NewBuiltin("functools.cache", cacheDecorator),
	"partial":   starlark.NewBuiltin("functools.partial", functoolsPartial),
	"reduce":    starlark.NewBuiltin("functools.reduce", functoolsReduce),
})

// identity returns the function it decorates.
var identity = starlark.NewBuiltin("decorator", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fn starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &fn); err != nil {
		return nil, err
	}
	return fn, nil
})

// keepDecorator is @functools.wraps(wrapped): the wrapper stays itself.
func keepDecorator(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("TypeError: %s() takes the wrapped function", b.Name())
	}
	return identity, nil
}

// cacheDecorator is @lru_cache, @lru_cache(maxsize=...) and @cache.
func cacheDecorator(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 1 {
		if _, ok := args[0].(starlark.Callable); ok {
			return args[0], nil
		}
	}
	return identity, nil
}

func functoolsPartial(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("TypeError: partial() needs a function")
	}
	fn, bound, boundKw := args[0], args[1:], kwargs
	return starlark.NewBuiltin("partial", func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		all := append(append(starlark.Tuple{}, bound...), args...)
		return starlark.Call(thread, fn, all, append(append([]starlark.Tuple{}, boundKw...), kwargs...))
	}), nil
}

func functoolsReduce(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fn starlark.Value
	var seq starlark.Iterable
	var acc starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &fn, &seq, &acc); err != nil {
		return nil, err
	}
	for v := range starlark.Elements(seq) {
		if acc == nil {
			acc = v
			continue
		}
		var err error
		if acc, err = starlark.Call(thread, fn, starlark.Tuple{acc, v}, nil); err != nil {
			return nil, err
		}
	}
	if acc == nil {
		return nil, fmt.Errorf("TypeError: reduce() of empty iterable with no initial value")
	}
	return acc, nil
}
