package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Options says how to load a config file.
type Options struct {
	// Section is the main section (alembic's -n/--name). Empty means
	// "alembic", or "retort" when the file has a [retort] section and no
	// [alembic] one. A named section that the file lacks is not an error:
	// like Alembic, the config then behaves as if that section were empty
	// (DEFAULT values still apply).
	Section string
	// XArgs are the -x arguments ("key=value" or a bare value), in order.
	XArgs []string
	// Getenv reads the process environment. nil means os.LookupEnv; a
	// custom function reports a variable as unset by returning "".
	Getenv func(string) string
	// AllowMissing makes a missing file load as an empty config instead of
	// failing, as Alembic does (its ConfigParser.read ignores missing files).
	AllowMissing bool
}

// Config is a loaded retort.ini / alembic.ini: Alembic's Config with its
// file_config, plus retort's environment handling.
type Config struct {
	// Path is the file name as given to Load.
	Path string
	// Here is the absolute directory of Path: the value of %(here)s.
	Here string
	// Section is the main section in use ("alembic", "retort" or -n NAME).
	Section string
	// TOMLPath is the pyproject.toml whose [tool.alembic] table supplies
	// the settings the ini file leaves out (Alembic 1.16); "" when there
	// is none.
	TOMLPath string

	file      *iniFile
	pyproject map[string]any // [tool.alembic], %(here)s substituted
	xargs     []string
	getenv    func(string) (string, bool)
	dotenv    map[string]string
	cache     map[string]map[string]cachedValue
}

type cachedValue struct {
	value string
	ok    bool
	err   error
}

// Find returns the config file to use: explicit (the -c flag) when given,
// else $RETORT_CONFIG, else $ALEMBIC_CONFIG (Alembic's own default for -c),
// else retort.ini when it exists in the current directory, else alembic.ini.
// The returned file need not exist. getenv nil means os.Getenv.
func Find(explicit string, getenv func(string) string) (string, error) {
	if explicit != "" {
		return explicit, nil
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, name := range []string{"RETORT_CONFIG", "ALEMBIC_CONFIG"} {
		if v := getenv(name); v != "" {
			return v, nil
		}
	}
	_, err := os.Stat("retort.ini")
	switch {
	case err == nil:
		return "retort.ini", nil
	case errors.Is(err, fs.ErrNotExist):
		return "alembic.ini", nil
	default:
		return "", fmt.Errorf("find config file: %w", err)
	}
}

// Load reads and parses the config file at path, loads the .env file beside
// it, and interpolates every value of the main section, so that a bad value
// there is reported now, naming file, section and key. A missing file is an
// error wrapping fs.ErrNotExist unless opts.AllowMissing is set.
//
// As in Alembic 1.16, the [tool.alembic] table of pyproject.toml in the
// current directory supplies the main-section settings the ini file does
// not set; when path itself names a pyproject.toml, that one is used and
// the ini file is alembic.ini in the current directory (which may be
// missing).
func Load(path string, opts Options) (*Config, error) {
	tomlPath := DefaultPyproject
	if isPyproject(path) {
		tomlPath, path = path, "alembic.ini"
		opts.AllowMissing = true
	}
	pyproject, err := loadPyproject(tomlPath)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if !(opts.AllowMissing && errors.Is(err, fs.ErrNotExist)) {
			return nil, fmt.Errorf("read config file: %w", err)
		}
		src = nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	file, err := parseINI(path, src)
	if err != nil {
		return nil, err
	}
	c := &Config{Path: path, Here: filepath.Dir(abs), file: file, xargs: append([]string(nil), opts.XArgs...), pyproject: pyproject}
	if pyproject != nil {
		c.TOMLPath = tomlPath
	}
	c.getenv = os.LookupEnv
	if opts.Getenv != nil {
		c.getenv = func(name string) (string, bool) {
			v := opts.Getenv(name)
			return v, v != ""
		}
	}
	dotenvPath := filepath.Join(c.Here, ".env")
	if env, err := os.ReadFile(dotenvPath); err == nil {
		if c.dotenv, err = parseDotenv(dotenvPath, env); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read .env file: %w", err)
	}
	c.Section = opts.Section
	if c.Section == "" {
		c.Section = "alembic"
		if file.byName["alembic"] == nil && file.byName["retort"] != nil {
			c.Section = "retort"
		}
	}
	for _, kv := range c.rawItems(c.Section) {
		if _, _, err := c.Lookup(c.Section, kv[0]); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// New returns an empty config that reads nothing from disk, for library use
// and tests: set values with SetMain. here is the %(here)s directory.
func New(here string, opts Options) *Config {
	c := &Config{Here: here, file: newINIFile(""), xargs: append([]string(nil), opts.XArgs...), getenv: os.LookupEnv}
	if opts.Getenv != nil {
		c.getenv = func(name string) (string, bool) {
			v := opts.Getenv(name)
			return v, v != ""
		}
	}
	c.Section = opts.Section
	if c.Section == "" {
		c.Section = "alembic"
	}
	return c
}

// Getenv looks a variable up in the process environment, then in the .env
// file beside the config: the real environment wins.
func (c *Config) Getenv(name string) string {
	v, _ := c.lookupEnv(name)
	return v
}

func (c *Config) lookupEnv(name string) (string, bool) {
	if v, ok := c.getenv(name); ok && v != "" {
		return v, true
	}
	if v, ok := c.dotenv[name]; ok {
		return v, true
	}
	return c.getenv(name)
}

// Get returns an interpolated value of the main section (DEFAULT values
// included), like Alembic's get_main_option. Load has already checked that
// every main-section value interpolates, so ok is false only for a missing key.
//
// A key the ini file does not set comes from [tool.alembic] when that
// holds a string, integer or boolean for it (lists and tables have their
// own accessors). The database URL never does: Alembic reads
// sqlalchemy.url from the ini file only.
func (c *Config) Get(key string) (string, bool) {
	v, ok, _ := c.Lookup(c.Section, key)
	if !ok && optionName(key) != "sqlalchemy.url" {
		return c.tomlScalar(key)
	}
	return v, ok
}

// GetIn returns an interpolated value of any section. It reports false for
// a missing section or key and for a value that fails to interpolate; use
// Lookup to see that error.
func (c *Config) GetIn(section, key string) (string, bool) {
	v, ok, err := c.Lookup(section, key)
	return v, ok && err == nil
}

// Lookup returns the interpolated value of section/key, whether it exists,
// and an *InterpolationError when it cannot be interpolated. A missing
// non-main section has no keys; the main section always sees DEFAULT.
func (c *Config) Lookup(section, key string) (string, bool, error) {
	key = optionName(key)
	if cv, ok := c.cache[section][key]; ok {
		return cv.value, cv.ok, cv.err
	}
	cv := c.interpolate(section, key)
	if c.cache == nil {
		c.cache = map[string]map[string]cachedValue{}
	}
	if c.cache[section] == nil {
		c.cache[section] = map[string]cachedValue{}
	}
	c.cache[section][key] = cv
	return cv.value, cv.ok, cv.err
}

// rawLookup returns the raw value of key as configparser sees it from
// section: the section's own value, else DEFAULT's, else the predefined
// "here" (kept literal: neither a "%" nor a "${" in the directory name is
// interpolation).
func (c *Config) rawLookup(section, key string) (string, bool) {
	if s := c.file.byName[section]; s != nil {
		if v, ok := s.raw[key]; ok {
			return v, true
		}
	} else if section != c.Section && section != defaultSection {
		return "", false
	}
	if v, ok := c.file.defaults.raw[key]; ok {
		return v, true
	}
	if key == "here" {
		return strings.ReplaceAll(strings.ReplaceAll(c.Here, "%", "%%"), "${", "$${"), true
	}
	return "", false
}

func (c *Config) interpolate(section, key string) cachedValue {
	raw, ok := c.rawLookup(section, key)
	if !ok {
		return cachedValue{}
	}
	ip := &interpolator{path: c.Path, section: section, lookup: func(name string) (string, bool) {
		return c.rawLookup(section, name)
	}}
	v, err := ip.interpolate(key, raw, c.passwordKeys(section)[key])
	if err != nil {
		return cachedValue{err: err}
	}
	v, err = expandEnv(v, c.lookupEnv)
	if err != nil {
		return cachedValue{err: &InterpolationError{Path: c.Path, Section: section, Option: key,
			Msg: fmt.Sprintf("option '%s' in section '%s': %v", key, section, err)}}
	}
	return cachedValue{value: v, ok: true}
}

// Set stores a raw value (interpolated on read, so "%" must be written
// "%%"), like Alembic's set_section_option. It creates the section when
// needed and reports an *InterpolationError if the new value cannot be
// interpolated.
func (c *Config) Set(section, key, value string) error {
	key = optionName(key)
	var s *iniSection
	if section == defaultSection {
		s = c.file.defaults
	} else if s = c.file.byName[section]; s == nil {
		s = newSection(section)
		c.file.sections = append(c.file.sections, s)
		c.file.byName[section] = s
	}
	s.set(key, value, 0)
	c.cache = nil
	_, _, err := c.Lookup(section, key)
	return err
}

// SetMain is Set on the main section (Alembic's set_main_option).
func (c *Config) SetMain(key, value string) error { return c.Set(c.Section, key, value) }

// Sections returns the section names in file order, without DEFAULT
// (configparser's sections()).
func (c *Config) Sections() []string {
	names := make([]string, 0, len(c.file.sections))
	for _, s := range c.file.sections {
		names = append(names, s.name)
	}
	return names
}

// HasSection reports whether the file has the section (DEFAULT excluded).
//
// The main section also exists when [tool.alembic] supplies the settings.
func (c *Config) HasSection(name string) bool {
	return c.file.byName[name] != nil || name == c.Section && c.pyproject != nil
}

// rawItems lists the keys configparser's items(name) returns, in its order:
// "here", the DEFAULT keys, then the section's own keys.
func (c *Config) rawItems(name string) [][2]string {
	if c.file.byName[name] == nil && name != c.Section && name != defaultSection {
		return nil
	}
	var items [][2]string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			items = append(items, [2]string{k, ""})
		}
	}
	add("here")
	for _, k := range c.file.defaults.keys {
		add(k)
	}
	if s := c.file.byName[name]; s != nil {
		for _, k := range s.keys {
			add(k)
		}
	}
	return items
}

// Items returns the interpolated (key, value) pairs of a section as
// configparser's items(name) does: DEFAULT values, including "here", come
// first and are visible in every section. It fails on the first value that
// does not interpolate; a missing section yields nil.
func (c *Config) Items(name string) ([][2]string, error) {
	items := c.rawItems(name)
	for i := range items {
		v, _, err := c.Lookup(name, items[i][0])
		if err != nil {
			return nil, err
		}
		items[i][1] = v
	}
	return items, nil
}

// SectionItems is Items without the error: values that fail to interpolate
// are left out. Use it where a bad unrelated value must not stop the caller.
func (c *Config) SectionItems(name string) [][2]string {
	var out [][2]string
	for _, kv := range c.rawItems(name) {
		if v, ok := c.GetIn(name, kv[0]); ok {
			out = append(out, [2]string{kv[0], v})
		}
	}
	return out
}

// XArgs returns the -x arguments in the order given.
func (c *Config) XArgs() []string { return append([]string(nil), c.xargs...) }

// XArgMap returns the -x arguments as Alembic's
// context.get_x_argument(as_dictionary=True) does: "key=value" splits at the
// first "="; a bare value maps to "" (Alembic would fail on it); the last
// occurrence of a key wins.
func (c *Config) XArgMap() map[string]string {
	m := make(map[string]string, len(c.xargs))
	for _, arg := range c.xargs {
		k, v, _ := strings.Cut(arg, "=")
		m[k] = v
	}
	return m
}
