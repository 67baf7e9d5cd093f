package pyscript

import (
	"sort"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// predeclaredUses lists, sorted and once each, the predeclared names a
// resolved file refers to. A run's environment then holds just those:
// copying the whole environment for every run of every script was most of
// the cost of running a small migration.
func predeclaredUses(f *syntax.File) []string {
	seen := map[string]bool{}
	syntax.Walk(f, func(n syntax.Node) bool {
		if id, ok := n.(*syntax.Ident); ok {
			if b, ok := id.Binding.(*resolve.Binding); ok && b.Scope == resolve.Predeclared {
				seen[id.Name] = true
			}
		}
		return true
	})
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// scriptEnv is the environment a script's program runs in: the predeclared
// values of names, and __name__ as Alembic sets it for the script at path.
// Program.Init only reads it, so concurrent runs share it.
func scriptEnv(path string, names []string) starlark.StringDict {
	env := make(starlark.StringDict, len(names)+1)
	for _, name := range names {
		if v, ok := predeclared[name]; ok {
			env[name] = v
		}
	}
	env["__name__"] = starlark.String(moduleName(path))
	return env
}
