package config

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const pyprojectToml = `[project]
name = "app"

[tool.alembic]
script_location = "%(here)s/migrations"
version_locations = ["%(here)s/migrations/versions", "%(here)s/more"]
prepend_sys_path = ["."]
file_template = "%%(year)d_%%(rev)s_%%(slug)s"
truncate_slug_length = 20
recursive_version_locations = true
sqlalchemy.url = "postgresql://ignored@db/app"

[[tool.alembic.post_write_hooks]]
name = "black"
type = "console_scripts"
entrypoint = "black"
options = "-l 79 REVISION_SCRIPT_FILENAME"
`

// Alembic 1.16: "-c pyproject.toml" reads [tool.alembic], with %(here)s
// the file's directory and "%%" a literal "%"; alembic.ini may be absent.
// sqlalchemy.url is never read from it.
func TestLoad_Pyproject(t *testing.T) {
	path := writeConfig(t, map[string]string{"pyproject.toml": pyprojectToml})
	dir := filepath.Dir(path)
	t.Chdir(dir)
	c, err := Load("pyproject.toml", Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	if c.TOMLPath != "pyproject.toml" || c.Path != "alembic.ini" {
		t.Errorf("TOMLPath, Path = %q, %q; want pyproject.toml, alembic.ini", c.TOMLPath, c.Path)
	}
	if !c.HasSection("alembic") {
		t.Error("HasSection(alembic) = false with [tool.alembic]")
	}
	here := filepath.ToSlash(dir)
	if got, err := c.ScriptLocation(); err != nil || got != filepath.FromSlash(here+"/migrations") {
		t.Errorf("ScriptLocation() = %q, %v", got, err)
	}
	if got, err := c.VersionLocations(); err != nil || !reflect.DeepEqual(got, []string{filepath.Join(dir, "migrations", "versions"), filepath.Join(dir, "more")}) {
		t.Errorf("VersionLocations() = %q, %v", got, err)
	}
	if got := c.PrependSysPath(); !reflect.DeepEqual(got, []string{"."}) {
		t.Errorf("PrependSysPath() = %q", got)
	}
	if got := c.FileTemplate(); got != "%(year)d_%(rev)s_%(slug)s" {
		t.Errorf("FileTemplate() = %q", got)
	}
	if got, err := c.TruncateSlugLength(); err != nil || got != 20 {
		t.Errorf("TruncateSlugLength() = %d, %v", got, err)
	}
	if got, err := c.RecursiveVersionLocations(); err != nil || !got {
		t.Errorf("RecursiveVersionLocations() = %v, %v", got, err)
	}
	if got := c.URL(); got != "" {
		t.Errorf("URL() = %q, want nothing: sqlalchemy.url comes from the ini file only", got)
	}
	hooks, err := c.PostWriteHooks()
	want := []Hook{{Name: "black", Type: "console_scripts", Options: map[string]string{
		"type": "console_scripts", "entrypoint": "black", "options": "-l 79 REVISION_SCRIPT_FILENAME"}}}
	if err != nil || !reflect.DeepEqual(hooks, want) {
		t.Errorf("PostWriteHooks() = %+v, %v; want %+v", hooks, err, want)
	}
}

// With both files, the ini file wins key by key and [tool.alembic] fills
// in the rest, whatever -n says: the toml table is always [tool.alembic].
func TestLoad_IniAndPyproject(t *testing.T) {
	path := writeConfig(t, map[string]string{
		"pyproject.toml": pyprojectToml,
		"alembic.ini":    "[alembic]\nscript_location = %(here)s/db\nsqlalchemy.url = sqlite:///%(here)s/app.db\n[post_write_hooks]\nhooks =\n",
	})
	dir := filepath.Dir(path)
	t.Chdir(dir)
	for _, section := range []string{"", "alembic"} {
		c, err := Load("alembic.ini", Options{Getenv: noEnv, Section: section})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := c.ScriptLocation(); got != filepath.Join(dir, "db") {
			t.Errorf("ScriptLocation() = %q, want the ini file's", got)
		}
		if got := c.FileTemplate(); got != "%(year)d_%(rev)s_%(slug)s" {
			t.Errorf("FileTemplate() = %q, want [tool.alembic]'s", got)
		}
		if got := c.URL(); got != "sqlite:///"+dir+"/app.db" {
			t.Errorf("URL() = %q", got)
		}
		// An ini [post_write_hooks] section, even empty, wins.
		if hooks, err := c.PostWriteHooks(); err != nil || hooks != nil {
			t.Errorf("PostWriteHooks() = %+v, %v; want none", hooks, err)
		}
	}
}

func TestLoad_PyprojectIgnoredOrRefused(t *testing.T) {
	tests := []struct {
		name, toml, wantErr string
	}{
		{"no [tool.alembic]: not even parsed", "[tool.other]\nthis is = = not toml\n", ""},
		{"bad TOML in [tool.alembic]", "[tool.alembic]\nscript_location = \"open\n", "pyproject.toml:2: unterminated string"},
		{"unknown substitution", "[tool.alembic]\nscript_location = \"%(root)s/m\"\n",
			"pyproject.toml: [tool.alembic] script_location: unknown substitution %(root)s in '%(root)s/m' (only %(here)s is known)"},
		{"lone percent, password masked", "[tool.alembic]\nx = \"postgresql://u:p%w@h/d\"\n",
			"pyproject.toml: [tool.alembic] x: bad %-substitution in 'postgresql://u:***@h/d': write %% for a literal %"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"pyproject.toml": tt.toml, "alembic.ini": "[alembic]\nscript_location = m\n"})
			t.Chdir(filepath.Dir(path))
			c, err := Load("alembic.ini", Options{Getenv: noEnv})
			if tt.wantErr == "" {
				if err != nil || c.TOMLPath != "" {
					t.Errorf("Load = %v, TOMLPath %q; want the pyproject.toml ignored", err, c.TOMLPath)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Load error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
