package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseTOML(t *testing.T) {
	src := `# a pyproject.toml
[project]
name = "app"
version = "1.0"
dependencies = [
    "alembic>=1.16",  # trailing comment
    'sqlalchemy',
]
float = 3.14
when = 1979-05-27T07:32:00Z
spaced = 1979-05-27 07:32:00

[tool.black]
line-length = 88
target-version = ["py311"]

[tool.alembic]
script_location = "%(here)s/migrations"
version_locations = ["%(here)s/a", '%(here)s\b']
truncate_slug_length = 1_000
recursive_version_locations = true
sourceless = false
"quoted key" = 'C:\literal'
dotted.key = "x"
inline = { type = "exec", options = "-l 79" }
multi = """
first\tline
second \
    joined"""
literal_multi = '''
raw \n '''
hex = 0xff
neg = -17
unicode = "caf\u00e9"

[[tool.alembic.post_write_hooks]]
name = "black"
type = "console_scripts"

[[tool.alembic.post_write_hooks]]
name = "ruff"
type = "exec"
`
	got, err := parseTOML("pyproject.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"project": map[string]any{
			"name": "app", "version": "1.0",
			"dependencies": []any{"alembic>=1.16", "sqlalchemy"},
			"float":        "3.14", "when": "1979-05-27T07:32:00Z", "spaced": "1979-05-27 07:32:00",
		},
		"tool": map[string]any{
			"black": map[string]any{"line-length": int64(88), "target-version": []any{"py311"}},
			"alembic": map[string]any{
				"script_location":             "%(here)s/migrations",
				"version_locations":           []any{"%(here)s/a", `%(here)s\b`},
				"truncate_slug_length":        int64(1000),
				"recursive_version_locations": true,
				"sourceless":                  false,
				"quoted key":                  `C:\literal`,
				"dotted":                      map[string]any{"key": "x"},
				"inline":                      map[string]any{"type": "exec", "options": "-l 79"},
				"multi":                       "first\tline\nsecond joined",
				"literal_multi":               `raw \n `,
				"hex":                         int64(255),
				"neg":                         int64(-17),
				"unicode":                     "café",
				"post_write_hooks": []any{
					map[string]any{"name": "black", "type": "console_scripts"},
					map[string]any{"name": "ruff", "type": "exec"},
				},
			},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseTOML =\n%#v\nwant\n%#v", got, want)
	}
}

func TestParseTOML_Errors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[tool.alembic]\nx = \"open\n", "pyproject.toml:2: unterminated string"},
		{"[tool.alembic]\nx = 1\nx = 2\n", "pyproject.toml:3: key x is defined twice"},
		{"[tool.alembic]\nx = [1, 2\n", "pyproject.toml:3: unterminated array"},
		{"[tool.alembic\n", `pyproject.toml:1: expected "]" after the table name`},
		{"[tool.alembic]\nx 1\n", `pyproject.toml:2: expected "=" after the key x`},
		{"[tool.alembic]\nx = 1 2\n", "pyproject.toml:2: expected the end of the line"},
		{"[tool.alembic]\nx = \"\\q\"\n", `pyproject.toml:2: unknown escape \q`},
		{"x = 1\n[x]\n", "pyproject.toml:2: x is already defined as a value"},
	}
	for _, tt := range tests {
		_, err := parseTOML("pyproject.toml", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("parseTOML(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestHasAlembicTable(t *testing.T) {
	for src, want := range map[string]bool{
		"[tool.alembic]\n":                    true,
		"  [tool.alembic.sub]\n":              true,
		"[[tool.alembic.post_write_hooks]]\n": true,
		"[ tool . alembic ]\n":                true,
		"[tool.black]\n":                      false,
		"[tool.alembicx]\n":                   false,
		"# [tool.alembic] in a comment":       false,
	} {
		if got := hasAlembicTable([]byte(src)); got != want {
			t.Errorf("hasAlembicTable(%q) = %v, want %v", src, got, want)
		}
	}
}
