package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// chdir switches to dir for the rest of the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name      string
		explicit  string
		env       map[string]string
		retortINI bool
		want      string
	}{
		{"explicit wins", "custom.ini", map[string]string{"ALEMBIC_CONFIG": "env.ini"}, true, "custom.ini"},
		{"RETORT_CONFIG", "", map[string]string{"RETORT_CONFIG": "r.ini", "ALEMBIC_CONFIG": "a.ini"}, true, "r.ini"},
		{"ALEMBIC_CONFIG", "", map[string]string{"ALEMBIC_CONFIG": "a.ini"}, true, "a.ini"},
		{"retort.ini when present", "", nil, true, "retort.ini"},
		{"alembic.ini otherwise", "", nil, false, "alembic.ini"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.retortINI {
				if err := os.WriteFile(filepath.Join(dir, "retort.ini"), []byte("[retort]\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			chdir(t, dir)
			got, err := Find(tt.explicit, func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Find() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLoad_SectionChoice(t *testing.T) {
	tests := []struct {
		name, ini, option, wantSection, wantLoc string
	}{
		{"alembic", "[alembic]\nscript_location = a\n[retort]\nscript_location = r\n", "", "alembic", "a"},
		{"retort when no alembic", "[retort]\nscript_location = r\n", "", "retort", "r"},
		{"explicit -n", "[alembic]\nscript_location = a\n[other]\nscript_location = o\n", "other", "other", "o"},
		{"explicit missing section sees DEFAULT", "[DEFAULT]\nscript_location = d\n[alembic]\n", "nope", "nope", "d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": tt.ini})
			c, err := Load(path, Options{Section: tt.option, Getenv: noEnv})
			if err != nil {
				t.Fatal(err)
			}
			if c.Section != tt.wantSection {
				t.Errorf("Section = %q, want %q", c.Section, tt.wantSection)
			}
			if got, _ := c.Get("script_location"); got != tt.wantLoc {
				t.Errorf("script_location = %q, want %q", got, tt.wantLoc)
			}
		})
	}
}

func TestLoad_MissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alembic.ini")
	_, err := Load(path, Options{Getenv: noEnv})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load error = %v, want fs.ErrNotExist", err)
	}
	c, err := Load(path, Options{Getenv: noEnv, AllowMissing: true})
	if err != nil {
		t.Fatalf("Load with AllowMissing: %v", err)
	}
	if _, err := c.ScriptLocation(); err != ErrNoScriptLocation {
		t.Errorf("ScriptLocation error = %v, want %v", err, ErrNoScriptLocation)
	}
	if got := ErrNoScriptLocation.Error(); got != "No 'script_location' key found in configuration." {
		t.Errorf("ErrNoScriptLocation = %q, want Alembic's text", got)
	}
}

// Alembic's own generic template must load and give Alembic's values.
func TestLoad_AlembicGenericTemplate(t *testing.T) {
	c, err := Load("testdata/alembic-generic.ini", Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("testdata")
	if c.Here != abs {
		t.Errorf("Here = %q, want %q", c.Here, abs)
	}
	cwd, _ := os.Getwd()
	if got, err := c.ScriptLocation(); err != nil || got != filepath.Join(cwd, "migrations") {
		t.Errorf("ScriptLocation() = %q, %v; want %q (relative to the current directory)", got, err, filepath.Join(cwd, "migrations"))
	}
	if got := c.URL(); got != "driver://user:pass@localhost/dbname" {
		t.Errorf("URL() = %q", got)
	}
	if got := c.PrependSysPath(); !reflect.DeepEqual(got, []string{"."}) {
		t.Errorf("PrependSysPath() = %q", got)
	}
	if got := c.FileTemplate(); got != DefaultFileTemplate {
		t.Errorf("FileTemplate() = %q", got)
	}
	if hooks, err := c.PostWriteHooks(); err != nil || hooks != nil {
		t.Errorf("PostWriteHooks() = %v, %v; want none", hooks, err)
	}
	if got, _ := c.GetIn("logger_alembic", "qualname"); got != "alembic" {
		t.Errorf("logger_alembic qualname = %q", got)
	}
	if loc, err := c.VersionLocations(); err != nil || loc != nil {
		t.Errorf("VersionLocations() = %v, %v; want nil", loc, err)
	}
	// The template's separator carries a "# comment" that configparser
	// keeps in the value; retort still reads it as "os".
	if err := c.SetMain("version_locations", "a"+string(os.PathListSeparator)+"b"); err != nil {
		t.Fatal(err)
	}
	if got, err := c.VersionLocations(); err != nil || !reflect.DeepEqual(got, []string{filepath.Join(cwd, "a"), filepath.Join(cwd, "b")}) {
		t.Errorf("VersionLocations() = %v, %v", got, err)
	}
}

func TestScriptLocation(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "lib", "myapp", "sub", "migrations"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	chdir(t, dir)
	tests := []struct {
		name, ini, want, wantErr string
	}{
		{"relative to cwd", "script_location = migrations", filepath.Join(dir, "migrations"), ""},
		{"here", "script_location = %(here)s/m", filepath.Join(dir, "conf", "m"), ""},
		{"absolute", "script_location = /srv/m", "/srv/m", ""},
		{"package resource via prepend_sys_path", "script_location = myapp.sub:migrations\nprepend_sys_path = . lib", filepath.Join(dir, "lib", "myapp", "sub", "migrations"), ""},
		{"package resource in cwd", "script_location = pkg:m", filepath.Join(dir, "pkg", "m"), ""},
		{"unknown package", "script_location = nopkg:m", "", `package resource "nopkg:m": package "nopkg" not found`},
		{"empty", "script_location =", "", "option 'script_location' in section 'alembic': empty path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conf := filepath.Join(dir, "conf")
			if err := os.MkdirAll(conf, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(conf, "alembic.ini")
			if err := os.WriteFile(path, []byte("[alembic]\n"+tt.ini+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := Load(path, Options{Getenv: noEnv})
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.ScriptLocation()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("ScriptLocation() error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ScriptLocation() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestVersionLocations(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	abs := func(names ...string) []string {
		var out []string
		for _, n := range names {
			if filepath.IsAbs(n) {
				out = append(out, n)
			} else {
				out = append(out, filepath.Join(dir, n))
			}
		}
		return out
	}
	tests := []struct {
		name, ini string
		want      []string
		wantErr   string
	}{
		{"absent", "", nil, ""},
		{"legacy space and comma", "version_locations = a b,c, d", abs("a", "b", "c", "d"), ""},
		{"legacy does not split colons", "version_locations = /x/a:/x/b", abs("/x/a:/x/b"), ""},
		{"os", "version_locations = a" + string(os.PathListSeparator) + "b\nversion_path_separator = os", abs("a", "b"), ""},
		{"space", "version_locations = a  b\nversion_path_separator = space", abs("a", "b"), ""},
		{"colon", "version_locations = /x/a:/x/b\nversion_path_separator = :", abs("/x/a", "/x/b"), ""},
		{"semicolon", "version_locations = a;b;\nversion_path_separator = ;", abs("a", "b"), ""},
		{"comma", "version_locations = a, b\nversion_path_separator = ,", abs("a", "b"), ""},
		{"newline", "version_locations =\n    a dir\n    b\nversion_path_separator = newline", abs("a dir", "b"), ""},
		{"here", "version_locations = %(here)s/v1 %(here)s/v2", abs("v1", "v2"), ""},
		{"unknown separator", "version_locations = a\nversion_path_separator = pipe", nil,
			"'pipe' is not a valid value for version_path_separator; expected ',', ':', ';', 'newline', 'os', 'space'"},
		// Alembic 1.16: path_separator, read before version_path_separator.
		{"path_separator", "version_locations = /x/a:/x/b\npath_separator = :", abs("/x/a", "/x/b"), ""},
		{"path_separator wins", "version_locations = a;b c\npath_separator = ;\nversion_path_separator = space", abs("a", "b c"), ""},
		{"path_separator os", "version_locations = a" + string(os.PathListSeparator) + "b\npath_separator = os", abs("a", "b"), ""},
		{"unknown path_separator", "version_locations = a\npath_separator = tab", nil,
			"'tab' is not a valid value for path_separator; expected ',', ':', ';', 'newline', 'os', 'space'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": "[alembic]\n" + tt.ini + "\n"})
			if err := os.Rename(path, filepath.Join(dir, "alembic.ini")); err != nil {
				t.Fatal(err)
			}
			c, err := Load(filepath.Join(dir, "alembic.ini"), Options{Getenv: noEnv})
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.VersionLocations()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("VersionLocations() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestBoolAndInt(t *testing.T) {
	ini := "[alembic]\nt1 = true\nt2 = Yes\nt3 = ON\nt4 = 1\nf1 = false\nf2 = no\nf3 = Off\nf4 = 0\nbadb = maybe\n" +
		"i1 = 42\ni2 = -7\ni3 = 1_000\nbadi = 4x\nbadi2 = 1__0\n"
	path := writeConfig(t, map[string]string{"alembic.ini": ini})
	c, err := Load(path, Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	bools := []struct {
		key     string
		def     bool
		want    bool
		wantErr string
	}{
		{"t1", false, true, ""}, {"t2", false, true, ""}, {"t3", false, true, ""}, {"t4", false, true, ""},
		{"f1", true, false, ""}, {"f2", true, false, ""}, {"f3", true, false, ""}, {"f4", true, false, ""},
		{"absent", true, true, ""}, {"absent", false, false, ""},
		{"badb", false, false, "option 'badb' in section 'alembic': Not a boolean: maybe"},
	}
	for _, tt := range bools {
		got, err := c.Bool(tt.key, tt.def)
		if tt.wantErr != "" {
			var ve *ValueError
			if !errors.As(err, &ve) || !strings.HasSuffix(err.Error(), tt.wantErr) {
				t.Errorf("Bool(%q) error = %v, want %q", tt.key, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Bool(%q, %v) = %v, %v; want %v", tt.key, tt.def, got, err, tt.want)
		}
	}
	ints := []struct {
		key     string
		want    int
		wantErr string
	}{
		{"i1", 42, ""}, {"i2", -7, ""}, {"i3", 1000, ""}, {"absent", 5, ""},
		{"badi", 0, "invalid literal for int() with base 10: '4x'"},
		{"badi2", 0, "invalid literal for int() with base 10: '1__0'"},
	}
	for _, tt := range ints {
		got, err := c.Int(tt.key, 5)
		if tt.wantErr != "" {
			if err == nil || !strings.HasSuffix(err.Error(), tt.wantErr) {
				t.Errorf("Int(%q) error = %v, want %q", tt.key, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Int(%q) = %v, %v; want %v", tt.key, got, err, tt.want)
		}
	}
}

func TestTypedSettings(t *testing.T) {
	defaults := writeConfig(t, map[string]string{"alembic.ini": "[alembic]\n"})
	c, err := Load(defaults, Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	must := func(v any, err error) any {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tz, tzOK := c.Timezone()
	check("defaults: FileTemplate", c.FileTemplate(), "%(rev)s_%(slug)s")
	check("defaults: TruncateSlugLength", must(c.TruncateSlugLength()), 40)
	check("defaults: Timezone", []any{tz, tzOK}, []any{"", false})
	check("defaults: RecursiveVersionLocations", must(c.RecursiveVersionLocations()), false)
	check("defaults: OutputEncoding", c.OutputEncoding(), "utf-8")
	check("defaults: Sourceless", must(c.Sourceless()), false)
	check("defaults: VersionTable", c.VersionTable(), "alembic_version")
	check("defaults: VersionTableSchema", c.VersionTableSchema(), "")
	check("defaults: TransactionPerMigration", must(c.TransactionPerMigration()), false)
	check("defaults: Lock", must(c.Lock()), true)
	check("defaults: TargetMetadata", c.TargetMetadata(), "")
	check("defaults: DevURL", c.DevURL(), "")
	check("defaults: CompareType", must(c.CompareType()), true)
	check("defaults: CompareServerDefault", must(c.CompareServerDefault()), false)
	check("defaults: RenderAsBatch", must(c.RenderAsBatch()), false)
	check("defaults: IncludeSchemas", must(c.IncludeSchemas()), false)
	check("defaults: IncludeTables", c.IncludeTables(), []string(nil))

	ini := `[alembic]
file_template = %%(year)d_%%(rev)s_%%(slug)s
truncate_slug_length = 0
timezone = Europe/Paris
recursive_version_locations = true
output_encoding = latin-1
sourceless = true
version_table = my_version
version_table_schema = meta
transaction_per_migration = yes
lock = false
target_metadata = %(here)s/models.py
dev_url = postgresql://localhost/dev
compare_type = false
compare_server_default = on
render_as_batch = 1
include_schemas = true
include_tables = users, orders_*
exclude_tables =
    tmp_*
    audit
`
	set := writeConfig(t, map[string]string{"alembic.ini": ini})
	c, err = Load(set, Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	tz, tzOK = c.Timezone()
	check("FileTemplate", c.FileTemplate(), "%(year)d_%(rev)s_%(slug)s")
	check("TruncateSlugLength (0 means 40)", must(c.TruncateSlugLength()), 40)
	check("Timezone", []any{tz, tzOK}, []any{"Europe/Paris", true})
	check("RecursiveVersionLocations", must(c.RecursiveVersionLocations()), true)
	check("OutputEncoding", c.OutputEncoding(), "latin-1")
	check("Sourceless", must(c.Sourceless()), true)
	check("VersionTable", c.VersionTable(), "my_version")
	check("VersionTableSchema", c.VersionTableSchema(), "meta")
	check("TransactionPerMigration", must(c.TransactionPerMigration()), true)
	check("Lock", must(c.Lock()), false)
	check("TargetMetadata", c.TargetMetadata(), filepath.Join(c.Here, "models.py"))
	check("DevURL", c.DevURL(), "postgresql://localhost/dev")
	check("CompareType", must(c.CompareType()), false)
	check("CompareServerDefault", must(c.CompareServerDefault()), true)
	check("RenderAsBatch", must(c.RenderAsBatch()), true)
	check("IncludeSchemas", must(c.IncludeSchemas()), true)
	check("IncludeTables", c.IncludeTables(), []string{"users", "orders_*"})
	check("ExcludeTables", c.ExcludeTables(), []string{"tmp_*", "audit"})
}

func TestURL(t *testing.T) {
	tests := []struct {
		name, ini, dotenv string
		env               map[string]string
		want, wantSource  string
	}{
		{"config", "sqlalchemy.url = sqlite:///a.db", "", nil, "sqlite:///a.db", "sqlalchemy.url"},
		{"RETORT_URL overrides", "sqlalchemy.url = sqlite:///a.db", "", map[string]string{"RETORT_URL": "sqlite:///r.db", "DATABASE_URL": "sqlite:///d.db"}, "sqlite:///r.db", "RETORT_URL"},
		{"DATABASE_URL does not override a configured url", "sqlalchemy.url = sqlite:///a.db", "", map[string]string{"DATABASE_URL": "sqlite:///d.db"}, "sqlite:///a.db", "sqlalchemy.url"},
		{"DATABASE_URL when empty", "sqlalchemy.url =", "", map[string]string{"DATABASE_URL": "sqlite:///d.db"}, "sqlite:///d.db", "DATABASE_URL"},
		{"DATABASE_URL when absent", "", "", map[string]string{"DATABASE_URL": "sqlite:///d.db"}, "sqlite:///d.db", "DATABASE_URL"},
		{"from .env", "", "RETORT_URL=sqlite:///dotenv.db\n", nil, "sqlite:///dotenv.db", "RETORT_URL"},
		{"env reference in url", "sqlalchemy.url = postgresql://u:${PGPASS}@h/db", "PGPASS=s3cret\n", nil, "postgresql://u:s3cret@h/db", "sqlalchemy.url"},
		{"none", "", "", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"alembic.ini": "[alembic]\n" + tt.ini + "\n"}
			if tt.dotenv != "" {
				files[".env"] = tt.dotenv
			}
			c, err := Load(writeConfig(t, files), Options{Getenv: func(k string) string { return tt.env[k] }})
			if err != nil {
				t.Fatal(err)
			}
			url, source := c.URLSource()
			if url != tt.want || source != tt.wantSource || c.URL() != tt.want {
				t.Errorf("URLSource() = %q, %q; want %q, %q", url, source, tt.want, tt.wantSource)
			}
		})
	}
}

func TestXArgs(t *testing.T) {
	c := New("/tmp", Options{XArgs: []string{"dbname=postgresql://u@h/db", "verbose", "a=1", "a=2", "eq=x=y"}})
	if got, want := c.XArgs(), []string{"dbname=postgresql://u@h/db", "verbose", "a=1", "a=2", "eq=x=y"}; !reflect.DeepEqual(got, want) {
		t.Errorf("XArgs() = %q, want %q", got, want)
	}
	want := map[string]string{"dbname": "postgresql://u@h/db", "verbose": "", "a": "2", "eq": "x=y"}
	if got := c.XArgMap(); !reflect.DeepEqual(got, want) {
		t.Errorf("XArgMap() = %q, want %q", got, want)
	}
}

func TestPostWriteHooks(t *testing.T) {
	tests := []struct {
		name, section string
		want          []Hook
		wantErr       string
	}{
		{"two hooks in order", "hooks = black, ruff\nblack.type = console_scripts\nblack.entrypoint = black\nblack.options = -l 79 REVISION_SCRIPT_FILENAME\nruff.type = exec\nruff.executable = %(here)s/bin/ruff\n",
			[]Hook{
				{Name: "black", Type: "console_scripts", Options: map[string]string{"type": "console_scripts", "entrypoint": "black", "options": "-l 79 REVISION_SCRIPT_FILENAME"}},
				{Name: "ruff", Type: "exec", Options: map[string]string{"type": "exec", "executable": "HERE/bin/ruff"}},
			}, ""},
		{"no hooks key", "black.type = console_scripts\n", nil, ""},
		{"missing type", "hooks = black\nblack.entrypoint = black\n", nil, "Key black.type is required for post write hook 'black'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(writeConfig(t, map[string]string{"alembic.ini": "[alembic]\n[post_write_hooks]\n" + tt.section}), Options{Getenv: noEnv})
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.PostWriteHooks()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			for i := range tt.want {
				for k, v := range tt.want[i].Options {
					tt.want[i].Options[k] = strings.ReplaceAll(v, "HERE", c.Here)
				}
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("PostWriteHooks() = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestSet(t *testing.T) {
	c := New("/proj", Options{Getenv: noEnv})
	if err := c.SetMain("script_location", "%(here)s/migrations"); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Get("script_location"); got != "/proj/migrations" {
		t.Errorf("Get = %q", got)
	}
	var ie *InterpolationError
	if err := c.SetMain("bad", "100%"); !errors.As(err, &ie) {
		t.Errorf("SetMain(100%%) error = %v, want *InterpolationError", err)
	}
	if err := c.Set("post_write_hooks", "hooks", "x"); err != nil {
		t.Fatal(err)
	}
	if !c.HasSection("post_write_hooks") {
		t.Error("Set did not create the section")
	}
}

func TestHereWithPercent(t *testing.T) {
	for _, name := range []string{"100%dir", "${HOME}dir", "a$${b"} {
		t.Run(name, func(t *testing.T) { testHereIsLiteral(t, name) })
	}
}

// testHereIsLiteral checks that %(here)s expands to the directory as it is,
// whatever interpolation syntax its name happens to contain.
func testHereIsLiteral(t *testing.T, name string) {
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "alembic.ini")
	if err := os.WriteFile(path, []byte("[alembic]\nscript_location = %(here)s/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Get("script_location"); got != dir+"/m" {
		t.Errorf("script_location = %q, want %q", got, dir+"/m")
	}
}

// prepend_sys_path follows path_separator (Alembic 1.16), and only it:
// version_path_separator never applied to it. Without it, Alembic's legacy
// rule splits on spaces, commas and colons.
func TestPrependSysPath_PathSeparator(t *testing.T) {
	tests := []struct {
		ini  string
		want []string
	}{
		{"prepend_sys_path = . src:lib,x", []string{".", "src", "lib", "x"}},
		{"prepend_sys_path = my dir;src\npath_separator = ;", []string{"my dir", "src"}},
		{"prepend_sys_path = a b:c\npath_separator = space", []string{"a", "b:c"}},
		{"prepend_sys_path = a b:c\nversion_path_separator = space", []string{"a", "b", "c"}},
		{"prepend_sys_path = a" + string(os.PathListSeparator) + "b c\npath_separator = os", []string{"a", "b c"}},
	}
	for _, tt := range tests {
		path := writeConfig(t, map[string]string{"alembic.ini": "[alembic]\n" + tt.ini + "\n"})
		c, err := Load(path, Options{Getenv: noEnv})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.PrependSysPath(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: PrependSysPath() = %q, want %q", tt.ini, got, tt.want)
		}
	}
}
