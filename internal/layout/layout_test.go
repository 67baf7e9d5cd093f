package layout

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/retort-dev/retort/"

// allowed lists, for each package, the project packages and third-party
// modules it may import. A package missing here may import no project
// package and no third-party module at all.
var allowed = map[string][]string{
	// "." is the module root, package retort: the library's front door.
	".":                    {"autogen", "command", "dialect", "internal/autodiff", "internal/cli", "internal/engine", "migration", "ops", "pybridge", "pyscript", "revision", "schema", "script", "target"},
	"retorttest":           {"."},
	"ops":                  {"schema"},
	"dialect":              {"ops", "schema"},
	"dialect/batch":        {"internal/lazyre", "ops", "schema"},
	"dialect/ddl":          {"dialect", "dialect/batch", "internal/sqlbuild", "ops", "schema"},
	"dialect/ddl/ddltest":  {"dialect", "ops", "schema"},
	"dialect/postgres":     {"dialect", "dialect/batch", "dialect/ddl", "internal/lazyre", "internal/sqlbuild", "ops", "schema"},
	"dialect/mysql":        {"dialect", "dialect/batch", "dialect/ddl", "internal/lazyre", "internal/sqlbuild", "ops", "schema"},
	"dialect/sqlite":       {"dialect", "dialect/batch", "dialect/ddl", "internal/lazyre", "internal/sqlbuild", "ops", "schema"},
	"migration":            {"dialect", "internal/lazyre", "ops", "revision", "schema"},
	"pyscript":             {"internal/lazyre", "internal/pyrepr", "ops", "schema", "go.starlark.net"},
	"pyscript/mako":        {"internal/lazyre", "internal/pyrepr", "go.starlark.net"},
	"internal/pyrepr":      {},
	"internal/smallfile":   {},
	"script":               {"internal/lazyre", "internal/smallfile", "pyscript/mako", "revision", "sqlfile"},
	"autogen":              {"dialect", "internal/lazyre", "internal/pyrepr", "ops", "schema"},
	"lint":                 {"ops", "schema"},
	"autogen/render":       {"autogen", "dialect", "internal/lazyre", "internal/pyrepr", "ops", "schema", "sqlfile"},
	"target":               {"dialect", "internal/tail", "ops", "pyscript", "schema", "sqlfile"},
	"internal/engine":      {"dialect", "dialect/", "migration", "ops", "pybridge", "pyscript", "revision", "script", "sqlfile"},
	"pybridge":             {"internal/tail", "ops"},
	"internal/tail":        {},
	"internal/lazyre":      {},
	"internal/autodiff":    {"autogen", "dialect", "revision", "schema", "target"},
	"command":              {"autogen", "autogen/", "config", "dburl", "dialect", "dialect/", "internal/autodiff", "internal/engine", "internal/lazyre", "lint", "migration", "ops", "pybridge", "pyscript", "revision", "schema", "script", "sqlfile", "target"},
	"internal/cli":         {"command", "config", "dburl", "graph", "internal/lazyre", "lint", "migration", "revision", "script", "github.com/spf13/"},
	"cmd/retort":           {".", "github.com/jackc/pgx/v5/stdlib", "github.com/go-sql-driver/mysql", "modernc.org/sqlite"},
	"internal/dbtest":      {"github.com/jackc/pgx/v5/stdlib", "github.com/go-sql-driver/mysql", "modernc.org/sqlite"},
	"scripts/benchgen":     {},
	"scripts/autogenbench": {},
	"scripts/sqlexec":      {"sqlfile", "modernc.org/sqlite"},
	"internal/difftest":    {},
	"internal/e2e":         {},
	"internal/layout":      {},
	"revision":             {},
	"graph":                {"revision"},
	"schema":               {},
	"config":               {"internal/lazyre"},
	"dburl":                {},
	"sqlfile":              {},
	"internal/sqlbuild":    {},
}

// TestImportsPointOneWay checks every package's non-test imports against
// the table above: the pure core imports nothing of the project, dialects
// know no files or Starlark, only pyscript embeds Starlark, and only the
// binary (and the test helpers) import database drivers.
func TestImportsPointOneWay(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", module+"...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := rel(fields[0])
		rules, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the layout table; add it with the imports it may use", pkg)
			continue
		}
		seen++
		for _, imp := range fields[1:] {
			if !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				continue // standard library
			}
			dep := rel(imp)
			if !permitted(dep, rules) {
				t.Errorf("%s imports %s, which the layout does not allow", pkg, dep)
			}
		}
	}
	if seen < 20 {
		t.Errorf("checked only %d packages; go list output:\n%s", seen, out)
	}
}

// rel is an import path relative to the module, "." for the root.
func rel(importPath string) string {
	if importPath == strings.TrimSuffix(module, "/") {
		return "."
	}
	return strings.TrimPrefix(importPath, module)
}

func permitted(dep string, rules []string) bool {
	for _, r := range rules {
		if dep == r || (strings.HasSuffix(r, "/") && strings.HasPrefix(dep, r)) || strings.HasPrefix(dep, r+"/") && strings.Contains(r, ".") {
			return true
		}
	}
	return false
}
