package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// DefaultPyproject is the pyproject.toml Alembic 1.16+ reads beside the
// ini file's settings: in the current directory.
const DefaultPyproject = "pyproject.toml"

// isPyproject reports whether a -c value names a pyproject.toml rather
// than an ini file; Alembic goes by the file name alone.
func isPyproject(path string) bool { return filepath.Base(path) == DefaultPyproject }

// loadPyproject reads the [tool.alembic] table of the pyproject.toml at
// path, with %(here)s (its directory) substituted in every string, as
// Alembic 1.16 reads it. A missing file, or one without that table, gives
// nil.
func loadPyproject(path string) (map[string]any, error) {
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !hasAlembicTable(src) {
		return nil, nil
	}
	doc, err := parseTOML(path, src)
	if err != nil {
		return nil, err
	}
	tool, _ := doc["tool"].(map[string]any)
	table, ok := tool["alembic"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: Incorrect TOML format: [tool.alembic] is not a table", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	args := map[string]string{"here": filepath.ToSlash(filepath.Dir(abs))}
	out := make(map[string]any, len(table))
	for key, v := range table {
		sub, err := substituteTOML(v, args)
		if err != nil {
			return nil, fmt.Errorf("%s: [tool.alembic] %s: %w", path, key, err)
		}
		out[key] = sub
	}
	return out, nil
}

// substituteTOML applies Python's "%" formatting with args to the strings
// of a [tool.alembic] value: a string, the strings of a list, the values
// of a table or of a list of tables.
func substituteTOML(v any, args map[string]string) (any, error) {
	switch v := v.(type) {
	case string:
		return pyFormat(v, args)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			s, err := substituteTOML(e, args)
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			s, err := substituteTOML(e, args)
			if err != nil {
				return nil, err
			}
			out[k] = s
		}
		return out, nil
	}
	return v, nil
}

// pyFormat is Python's "s % args" for a dict args, for the two forms a
// config value uses: "%(name)s" and "%%".
func pyFormat(s string, args map[string]string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		rest := s[i+1:]
		switch {
		case strings.HasPrefix(rest, "%"):
			b.WriteByte('%')
			i++
		case strings.HasPrefix(rest, "("):
			end := strings.Index(rest, ")s")
			if end < 0 {
				return "", fmt.Errorf("bad %%-substitution in %s: expected %%(name)s", pyRepr(maskValue(s)))
			}
			name := rest[1:end]
			v, ok := args[name]
			if !ok {
				return "", fmt.Errorf("unknown substitution %%(%s)s in %s (only %%(here)s is known)", name, pyRepr(maskValue(s)))
			}
			b.WriteString(v)
			i += end + 2
		default:
			return "", fmt.Errorf("bad %%-substitution in %s: write %%%% for a literal %%", pyRepr(maskValue(s)))
		}
	}
	return b.String(), nil
}

// tomlOption is the [tool.alembic] value of key, for main-section settings
// the ini file does not set.
func (c *Config) tomlOption(key string) (any, bool) {
	v, ok := c.pyproject[key]
	return v, ok
}

// tomlScalar is a [tool.alembic] string, integer or boolean as the text
// an ini file would hold.
func (c *Config) tomlScalar(key string) (string, bool) {
	switch v := c.pyproject[key].(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case bool:
		if v {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// tomlList is a [tool.alembic] list of strings (version_locations,
// prepend_sys_path); ok is false when the key is absent.
func (c *Config) tomlList(key string) ([]string, bool, error) {
	v, ok := c.tomlOption(key)
	if !ok {
		return nil, false, nil
	}
	list, isList := v.([]any)
	if !isList {
		return nil, true, fmt.Errorf("%s: [tool.alembic] %s must be a list of strings", c.TOMLPath, key)
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, isString := e.(string)
		if !isString {
			return nil, true, fmt.Errorf("%s: [tool.alembic] %s must be a list of strings", c.TOMLPath, key)
		}
		out = append(out, s)
	}
	return out, true, nil
}

// tomlHooks reads [[tool.alembic.post_write_hooks]]: each table names its
// hook with "name"; the other keys are its options.
func (c *Config) tomlHooks() ([]Hook, error) {
	v, ok := c.tomlOption("post_write_hooks")
	if !ok {
		return nil, nil
	}
	list, _ := v.([]any)
	if list == nil {
		return nil, fmt.Errorf("%s: [tool.alembic] post_write_hooks must be an array of tables", c.TOMLPath)
	}
	var hooks []Hook
	for _, e := range list {
		table, _ := e.(map[string]any)
		if table == nil {
			return nil, fmt.Errorf("%s: [tool.alembic] post_write_hooks must be an array of tables", c.TOMLPath)
		}
		h := Hook{Options: map[string]string{}}
		keys := make([]string, 0, len(table))
		for k := range table {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s, isString := table[k].(string)
			if !isString {
				return nil, fmt.Errorf("%s: [tool.alembic] post_write_hooks: %s must be a string", c.TOMLPath, k)
			}
			if k == "name" {
				h.Name = s
				continue
			}
			h.Options[k] = s
		}
		if h.Name == "" {
			return nil, fmt.Errorf("%s: [tool.alembic] post_write_hooks: every hook needs a name", c.TOMLPath)
		}
		typ, ok := h.Options["type"]
		if !ok {
			return nil, fmt.Errorf("Key %s.type is required for post write hook '%s'", h.Name, h.Name)
		}
		h.Type = typ
		hooks = append(hooks, h)
	}
	return hooks, nil
}
