package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
)

// ErrNoScriptLocation is Alembic's error for a config without
// script_location; the text is Alembic's, so the CLI can print it unchanged.
var ErrNoScriptLocation = errors.New("No 'script_location' key found in configuration.")

// Defaults Alembic 1.8.1 applies when a key is absent.
const (
	DefaultFileTemplate       = "%(rev)s_%(slug)s"
	DefaultTruncateSlugLength = 40
	DefaultOutputEncoding     = "utf-8"
	DefaultVersionTable       = "alembic_version"
)

// splitOnSpaceComma is Alembic's _split_on_space_comma, used for
// version_locations without version_path_separator and for the hooks list.
var splitOnSpaceComma = lazyre.New(`, *| +`)

// splitOnSpaceCommaColon is Alembic's _split_on_space_comma_colon
// (prepend_sys_path).
var splitOnSpaceCommaColon = lazyre.New(`, *| +|:`)

// ValueError is a setting whose value has the wrong form (not a boolean,
// not an integer, an unknown separator name).
type ValueError struct {
	Path    string
	Section string
	Option  string
	Value   string
	Msg     string
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("%s: option '%s' in section '%s': %s", e.Path, e.Option, e.Section, e.Msg)
}

func (c *Config) valueError(key, value, msg string) error {
	return &ValueError{Path: c.Path, Section: c.Section, Option: optionName(key), Value: value, Msg: msg}
}

// Bool reads a main-section boolean with configparser's getboolean rules
// (1/yes/true/on and 0/no/false/off, any case); def when the key is absent.
func (c *Config) Bool(key string, def bool) (bool, error) {
	v, ok := c.Get(key)
	if !ok {
		return def, nil
	}
	switch strings.ToLower(v) {
	case "1", "yes", "true", "on":
		return true, nil
	case "0", "no", "false", "off":
		return false, nil
	}
	return false, c.valueError(key, v, "Not a boolean: "+v)
}

// Int reads a main-section integer as Python's int() does (surrounding
// spaces, a sign and "_" between digits allowed); def when the key is absent.
func (c *Config) Int(key string, def int) (int, error) {
	v, ok := c.Get(key)
	if !ok {
		return def, nil
	}
	n, err := parsePythonInt(v)
	if err != nil {
		return 0, c.valueError(key, v, fmt.Sprintf("invalid literal for int() with base 10: %s", pyRepr(v)))
	}
	return n, nil
}

func parsePythonInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	digits := strings.TrimLeft(s, "+-")
	if len(s)-len(digits) > 1 || digits == "" || strings.HasPrefix(digits, "_") ||
		strings.HasSuffix(digits, "_") || strings.Contains(digits, "__") {
		return 0, strconv.ErrSyntax
	}
	return strconv.Atoi(strings.ReplaceAll(s, "_", ""))
}

// String returns a main-section value, or def when the key is absent.
func (c *Config) String(key, def string) string {
	if v, ok := c.Get(key); ok {
		return v
	}
	return def
}

// ScriptLocation returns script_location as an absolute directory, resolved
// as Alembic does: a relative path is relative to the current directory (not
// to the config file; write %(here)s for that), and a relative value holding
// a colon is a package resource, "pkg.sub:dir", looked up as pkg/sub/dir in
// the prepend_sys_path directories and then the current directory (where
// Python would import the package from when run as "python -m alembic").
func (c *Config) ScriptLocation() (string, error) {
	v, ok := c.Get("script_location")
	if !ok {
		return "", ErrNoScriptLocation
	}
	return c.resolveLocation("script_location", v)
}

func (c *Config) resolveLocation(key, loc string) (string, error) {
	if loc == "" {
		return "", c.valueError(key, loc, "empty path")
	}
	if !filepath.IsAbs(loc) && strings.Contains(loc, ":") {
		return c.resolveResource(key, loc)
	}
	abs, err := filepath.Abs(loc)
	if err != nil {
		return "", c.valueError(key, loc, err.Error())
	}
	return abs, nil
}

func (c *Config) resolveResource(key, loc string) (string, error) {
	tokens := strings.Split(loc, ":")
	pkg := tokens[0]
	rel := filepath.Join(append(strings.Split(pkg, "."), tokens[1:]...)...)
	roots := append(c.PrependSysPath(), ".")
	for _, root := range roots {
		pkgDir := filepath.Join(root, filepath.Join(strings.Split(pkg, ".")...))
		if st, err := os.Stat(pkgDir); err == nil && st.IsDir() {
			abs, err := filepath.Abs(filepath.Join(root, rel))
			if err != nil {
				return "", c.valueError(key, loc, err.Error())
			}
			return abs, nil
		}
	}
	return "", c.valueError(key, loc, fmt.Sprintf(
		"package resource %q: package %q not found in %s (retort resolves packages from prepend_sys_path and the current directory)",
		loc, pkg, strings.Join(roots, ", ")))
}

// PrependSysPath returns prepend_sys_path split by path_separator
// (Alembic 1.16) when it is set, else as Alembic's legacy rule splits it
// (on spaces, commas and colons); nil when absent. An invalid
// path_separator falls back to the legacy rule here: VersionLocations and
// ScriptDirectory loading report it.
func (c *Config) PrependSysPath() []string {
	v, _, _ := c.Lookup(c.Section, "prepend_sys_path")
	if v == "" {
		if list, ok, err := c.tomlList("prepend_sys_path"); ok && err == nil {
			return nonEmpty(list)
		}
	}
	if sep, ok, err := c.pathSeparator("path_separator"); ok && err == nil {
		return splitTrim(v, sep)
	}
	return nonEmpty(splitOnSpaceCommaColon().Split(v, -1))
}

// pathSeparators maps path_separator (and the older
// version_path_separator) values to the string that splits
// version_locations and prepend_sys_path. Alembic knows space, newline,
// os, ":" and ";"; "," is accepted too, as retort's own templates use it.
var pathSeparators = map[string]string{
	"space":   " ",
	"newline": "\n",
	"os":      string(os.PathListSeparator),
	":":       ":",
	";":       ";",
	",":       ",",
}

// pathSeparator returns the separator the first of keys that is set
// names, as Alembic 1.16 reads path_separator before the deprecated
// version_path_separator; ok is false when none is set.
func (c *Config) pathSeparator(keys ...string) (sep string, ok bool, err error) {
	for _, key := range keys {
		name, set := c.Get(key)
		if !set {
			continue
		}
		sep, known := pathSeparators[name]
		if !known {
			// Alembic's own generic template writes
			// "version_path_separator = os  # Use os.pathsep. ...", and
			// configparser has no inline comments, so Alembic 1.8.1 rejects
			// its own file once version_locations is set. Read the first
			// word instead.
			if fields := strings.Fields(name); len(fields) > 1 && strings.HasPrefix(fields[1], "#") {
				sep, known = pathSeparators[fields[0]]
			}
		}
		if !known {
			names := make([]string, 0, len(pathSeparators))
			for n := range pathSeparators {
				names = append(names, "'"+n+"'")
			}
			sort.Strings(names)
			return "", true, c.valueError(key, name, fmt.Sprintf(
				"'%s' is not a valid value for %s; expected %s", name, key, strings.Join(names, ", ")))
		}
		return sep, true, nil
	}
	return "", false, nil
}

// splitTrim splits s on sep, trims the parts and drops the empty ones.
func splitTrim(s, sep string) []string {
	parts := strings.Split(s, sep)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return nonEmpty(parts)
}

// VersionLocations returns version_locations as absolute directories
// (resolved like script_location), or nil when the key is absent or empty,
// meaning "<script_location>/versions". The value is split by
// path_separator (Alembic 1.16), else by version_path_separator; without
// either key, Alembic's legacy rule applies: split on commas and spaces.
func (c *Config) VersionLocations() ([]string, error) {
	raw, _, _ := c.Lookup(c.Section, "version_locations")
	var parts []string
	if raw == "" {
		// [tool.alembic] holds a list, not a string to split.
		list, ok, err := c.tomlList("version_locations")
		if err != nil || !ok {
			return nil, err
		}
		parts = list
	} else {
		sep, ok, err := c.pathSeparator("path_separator", "version_path_separator")
		switch {
		case err != nil:
			return nil, err
		case ok:
			parts = splitTrim(raw, sep)
		default:
			parts = splitOnSpaceComma().Split(raw, -1)
		}
	}
	var locs []string
	for _, p := range nonEmpty(parts) {
		loc, err := c.resolveLocation("version_locations", p)
		if err != nil {
			return nil, err
		}
		locs = append(locs, loc)
	}
	return locs, nil
}

func nonEmpty(parts []string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// FileTemplate returns file_template (interpolated, so the ini's
// "%%(rev)s" reads as "%(rev)s"), default "%(rev)s_%(slug)s".
func (c *Config) FileTemplate() string { return c.String("file_template", DefaultFileTemplate) }

// TruncateSlugLength returns truncate_slug_length; absent or 0 means 40,
// as in Alembic.
func (c *Config) TruncateSlugLength() (int, error) {
	n, err := c.Int("truncate_slug_length", DefaultTruncateSlugLength)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		n = DefaultTruncateSlugLength
	}
	return n, nil
}

// Timezone returns the timezone setting (an IANA name) and whether it is set.
func (c *Config) Timezone() (string, bool) {
	v, ok := c.Get("timezone")
	return v, ok && v != ""
}

// RecursiveVersionLocations reports recursive_version_locations (default false).
func (c *Config) RecursiveVersionLocations() (bool, error) {
	return c.Bool("recursive_version_locations", false)
}

// OutputEncoding returns output_encoding, default "utf-8".
func (c *Config) OutputEncoding() string { return c.String("output_encoding", DefaultOutputEncoding) }

// Sourceless reports sourceless (default false).
func (c *Config) Sourceless() (bool, error) { return c.Bool("sourceless", false) }

// VersionTable returns version_table, default "alembic_version".
func (c *Config) VersionTable() string {
	if v := c.String("version_table", ""); v != "" {
		return v
	}
	return DefaultVersionTable
}

// VersionTableSchema returns version_table_schema ("" for the default schema).
func (c *Config) VersionTableSchema() string { return c.String("version_table_schema", "") }

// TransactionPerMigration reports transaction_per_migration (default false).
func (c *Config) TransactionPerMigration() (bool, error) {
	return c.Bool("transaction_per_migration", false)
}

// Lock reports whether runs take the migration lock (lock, default true).
func (c *Config) Lock() (bool, error) { return c.Bool("lock", true) }

// TargetMetadata returns target_metadata: a models.py file, a schema .sql
// file or a directory of them ("" when unset).
func (c *Config) TargetMetadata() string { return c.String("target_metadata", "") }

// DevURL returns dev_url, the scratch database for schema files ("" when unset).
func (c *Config) DevURL() string { return c.String("dev_url", "") }

// CompareType reports compare_type (default true, as Alembic 1.12+).
func (c *Config) CompareType() (bool, error) { return c.Bool("compare_type", true) }

// CompareServerDefault reports compare_server_default (default false).
func (c *Config) CompareServerDefault() (bool, error) { return c.Bool("compare_server_default", false) }

// RenderAsBatch reports render_as_batch (default false).
func (c *Config) RenderAsBatch() (bool, error) { return c.Bool("render_as_batch", false) }

// IncludeSchemas reports include_schemas (default false).
func (c *Config) IncludeSchemas() (bool, error) { return c.Bool("include_schemas", false) }

// IncludeTables returns the include_tables glob patterns (split on commas,
// spaces and newlines); nil when unset.
func (c *Config) IncludeTables() []string { return c.List("include_tables") }

// ExcludeTables returns the exclude_tables glob patterns; nil when unset.
func (c *Config) ExcludeTables() []string { return c.List("exclude_tables") }

// List splits a main-section value on commas, spaces and newlines.
func (c *Config) List(key string) []string {
	v, _ := c.Get(key)
	fields := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	if len(fields) == 0 {
		return nil
	}
	return fields
}

// URL returns the database URL to use: $RETORT_URL when set, else
// sqlalchemy.url, else $DATABASE_URL when the configured url is empty.
// The environment includes the .env file.
func (c *Config) URL() string {
	u, _ := c.URLSource()
	return u
}

// URLSource is URL plus where the URL came from: "RETORT_URL",
// "sqlalchemy.url", "DATABASE_URL", or "" when there is none.
func (c *Config) URLSource() (url, source string) {
	if v := c.Getenv("RETORT_URL"); v != "" {
		return v, "RETORT_URL"
	}
	if v, _ := c.Get("sqlalchemy.url"); v != "" {
		return v, "sqlalchemy.url"
	}
	if v := c.Getenv("DATABASE_URL"); v != "" {
		return v, "DATABASE_URL"
	}
	return "", ""
}

// Hook is one entry of [post_write_hooks].
type Hook struct {
	// Name is the hook's name in the "hooks" list.
	Name string
	// Type is "<name>.type": "console_scripts" or "exec" in Alembic.
	Type string
	// Options holds every "<name>.<option>" key without the "<name>."
	// prefix (type, entrypoint, executable, options, cwd, ...).
	Options map[string]string
}

// PostWriteHooks returns the hooks of [post_write_hooks] in the order of
// its "hooks" key (split on commas and spaces, as Alembic does). A hook
// without "<name>.type" is an error with Alembic's message.
func (c *Config) PostWriteHooks() ([]Hook, error) {
	const section = "post_write_hooks"
	if !c.HasSection(section) {
		return c.tomlHooks()
	}
	items, err := c.Items(section)
	if err != nil {
		return nil, err
	}
	values := map[string]string{}
	for _, kv := range items {
		values[kv[0]] = kv[1]
	}
	var hooks []Hook
	for _, name := range nonEmpty(splitOnSpaceComma().Split(values["hooks"], -1)) {
		h := Hook{Name: name, Options: map[string]string{}}
		for _, kv := range items {
			if opt, ok := strings.CutPrefix(kv[0], name+"."); ok {
				h.Options[opt] = kv[1]
			}
		}
		typ, ok := h.Options["type"]
		if !ok {
			return nil, fmt.Errorf("Key %s.type is required for post write hook '%s'", name, name)
		}
		h.Type = typ
		hooks = append(hooks, h)
	}
	return hooks, nil
}
