package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeConfig writes files into a fresh directory and returns the path of
// the first one.
func writeConfig(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "alembic.ini")
}

func noEnv(string) string { return "" }

// Expected values were checked against Python's configparser.ConfigParser
// with {"here": ...} as defaults, as Alembic builds it.
func TestGet_ConfigParserSemantics(t *testing.T) {
	tests := []struct {
		name    string
		ini     string
		section string
		key     string
		want    string
		wantOK  bool
	}{
		{"equals", "[alembic]\nk = v\n", "alembic", "k", "v", true},
		{"colon", "[alembic]\nk: v\n", "alembic", "k", "v", true},
		{"first delimiter wins", "[alembic]\nk : v = w\n", "alembic", "k", "v = w", true},
		{"no inline comments", "[alembic]\nk = v ; not comment\n", "alembic", "k", "v ; not comment", true},
		{"hash kept in value", "[alembic]\nk = v # x\n", "alembic", "k", "v # x", true},
		{"option names are case-insensitive", "[alembic]\nKey = v\n", "alembic", "KEY", "v", true},
		{"section names are case-sensitive", "[Alembic]\nk = v\n", "alembic", "k", "", false},
		{"multi-line value", "[alembic]\nx = 1\n  two\n\n  three\n\n", "alembic", "x", "1\ntwo\n\nthree", true},
		{"comments inside a value are dropped", "[alembic]\n  # c\nk = v\n  # inner\n  more\n", "alembic", "k", "v\nmore", true},
		{"empty first line", "[alembic]\nk=\n  cont\n", "alembic", "k", "\ncont", true},
		{"deeper indent continues", "[alembic]\nk=1\n\tk2=2\n", "alembic", "k", "1\nk2=2", true},
		{"indented option after header", "[alembic]\n  k = v\nj = w\n", "alembic", "j", "w", true},
		{"empty value", "[alembic]\nk =\n", "alembic", "k", "", true},
		{"text after header ignored", "[alembic] junk\nk = 1\n", "alembic", "k", "1", true},
		{"header name not trimmed", "[ a ]\nk=1\n", " a ", "k", "1", true},
		{"missing key", "[alembic]\nk = v\n", "alembic", "other", "", false},
		{"DEFAULT visible", "[DEFAULT]\nd = 1\n[alembic]\nk = v\n", "alembic", "d", "1", true},
		{"section overrides DEFAULT", "[DEFAULT]\nd = 1\n[alembic]\nd = 2\n", "alembic", "d", "2", true},
		{"DEFAULT may come later", "[alembic]\nk=%(m)s\n[DEFAULT]\nm=%(here)s!\n", "alembic", "k", "HERE!", true},
		{"interpolation", "[alembic]\na = x\nb = %(a)s/y\n", "alembic", "b", "x/y", true},
		{"interpolation is case-insensitive", "[alembic]\nk = %(HERE)s/x\n", "alembic", "k", "HERE/x", true},
		{"nested interpolation", "[alembic]\na = 1\nb = %(a)s2\nc = %(b)s3\n", "alembic", "c", "123", true},
		{"percent escape", "[alembic]\nfile_template = %%(rev)s_%%(slug)s\n", "alembic", "file_template", "%(rev)s_%(slug)s", true},
		{"here", "[alembic]\nscript_location = %(here)s/migrations\n", "alembic", "script_location", "HERE/migrations", true},
		{"other section", "[alembic]\n[post_write_hooks]\nhooks = black\n", "post_write_hooks", "hooks", "black", true},
		{"other section sees DEFAULT", "[DEFAULT]\nd = 1\n[alembic]\n[x]\n", "x", "d", "1", true},
		{"missing section", "[alembic]\n", "nope", "here", "", false},
		{"crlf", "[alembic]\r\nk = v\r\n", "alembic", "k", "v", true},
		{"bom", "\ufeff[alembic]\nk = v\n", "alembic", "k", "v", true},
		{"env", "[alembic]\nk = ${RETORT_T_ONE}/x\n", "alembic", "k", "one/x", true},
		{"env default", "[alembic]\nk = ${RETORT_T_UNSET:-fallback}\n", "alembic", "k", "fallback", true},
		{"env empty default", "[alembic]\nk = a${RETORT_T_UNSET:-}b\n", "alembic", "k", "ab", true},
		{"env escape", "[alembic]\nk = $${RETORT_T_ONE}\n", "alembic", "k", "${RETORT_T_ONE}", true},
		{"lone dollars kept", "[alembic]\nk = pa$$word$\n", "alembic", "k", "pa$$word$", true},
		{"env after percent", "[alembic]\na = ${RETORT_T_PCT}\nb = %(a)s\n", "alembic", "b", "50%", true},
	}
	env := map[string]string{"RETORT_T_ONE": "one", "RETORT_T_PCT": "50%"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": tt.ini})
			c, err := Load(path, Options{Getenv: func(k string) string { return env[k] }})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			want := strings.ReplaceAll(tt.want, "HERE", c.Here)
			got, ok := c.GetIn(tt.section, tt.key)
			if got != want || ok != tt.wantOK {
				t.Errorf("GetIn(%q, %q) = %q, %v; want %q, %v", tt.section, tt.key, got, ok, want, tt.wantOK)
			}
		})
	}
}

func TestLoad_ParseErrors(t *testing.T) {
	tests := []struct {
		name, ini, want string
	}{
		{"no section header", "x=1\n[a]\n", "alembic.ini:1: file contains no section headers"},
		{"no delimiter", "[a]\nx\n", "alembic.ini:2: expected 'key = value' or 'key: value'"},
		{"empty option name", "[a]\n = v\n", "alembic.ini:2: option name missing"},
		{"duplicate option", "[a]\nx=1\nX=2\n", "alembic.ini:3: option 'x' in section 'a' already exists"},
		{"duplicate section", "[a]\n[a]\n", "alembic.ini:2: section 'a' already exists"},
		{"empty brackets are not a header", "[]\nk=1\n", "alembic.ini:1: file contains no section headers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": tt.ini})
			_, err := Load(path, Options{Getenv: noEnv})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Load error = %v, want a *ParseError", err)
			}
			if got := strings.TrimPrefix(err.Error(), filepath.Dir(path)+"/"); !strings.HasPrefix(got, tt.want) {
				t.Errorf("error = %q, want prefix %q", got, tt.want)
			}
		})
	}
}

// The messages after the file name are configparser's own.
func TestLoad_InterpolationErrors(t *testing.T) {
	tests := []struct {
		name, ini, want string
	}{
		{"missing key", "[alembic]\nx = %(y)s\n",
			"Bad value substitution: option 'x' in section 'alembic' contains an interpolation key 'y' which is not a valid option name. Raw value: '%(y)s'"},
		{"lone percent", "[alembic]\nx = 50%\n", "option 'x' in section 'alembic': '%' must be followed by '%' or '(', found: '%'"},
		{"percent then letter", "[alembic]\nx = 50%d\n", "option 'x' in section 'alembic': '%' must be followed by '%' or '(', found: '%d'"},
		{"bad reference", "[alembic]\nx = %(y)\n", "option 'x' in section 'alembic': bad interpolation variable reference '%(y)'"},
		{"recursion", "[alembic]\nx = %(x)s\n",
			"Recursion limit exceeded in value substitution: option 'x' in section 'alembic' contains an interpolation key which cannot be substituted in 10 steps. Raw value: '%(x)s'"},
		{"error in referenced key names the original", "[alembic]\na = %(b)s\nb = %(zz)s\n",
			"Bad value substitution: option 'a' in section 'alembic' contains an interpolation key 'zz' which is not a valid option name. Raw value: '%(b)s'"},
		{"unset env", "[alembic]\nsqlalchemy.url = ${RETORT_T_UNSET}\n",
			"option 'sqlalchemy.url' in section 'alembic': environment variable RETORT_T_UNSET is not set (write ${RETORT_T_UNSET:-} to allow an empty value)"},
		{"unterminated env", "[alembic]\nk = ${HOME\n", "option 'k' in section 'alembic': unterminated environment reference '${HOME'"},
		{"bad env name", "[alembic]\nk = ${1X}\n", "option 'k' in section 'alembic': bad environment reference '${1X}'"},
		{"DEFAULT value used by main section", "[DEFAULT]\nd = %(nope)s\n[alembic]\n",
			"Bad value substitution: option 'd' in section 'alembic' contains an interpolation key 'nope' which is not a valid option name. Raw value: '%(nope)s'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": tt.ini})
			_, err := Load(path, Options{Getenv: noEnv})
			var ie *InterpolationError
			if !errors.As(err, &ie) {
				t.Fatalf("Load error = %v, want an *InterpolationError", err)
			}
			if want := path + ": " + tt.want; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error =\n  %q\nwant prefix\n  %q", err.Error(), want)
			}
			if ie.Section != "alembic" {
				t.Errorf("Section = %q, want alembic", ie.Section)
			}
		})
	}
}

// A bad value outside the main section does not stop Load, as configparser
// only fails when the value is read.
func TestLookup_ErrorOutsideMainSection(t *testing.T) {
	path := writeConfig(t, map[string]string{"alembic.ini": "[alembic]\nk = v\n[formatter_generic]\nformat = %(levelname)s\n"})
	c, err := Load(path, Options{Getenv: noEnv})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if v, ok := c.GetIn("formatter_generic", "format"); ok {
		t.Errorf("GetIn = %q, true; want false for an uninterpolatable value", v)
	}
	if _, _, err := c.Lookup("formatter_generic", "format"); err == nil || !strings.Contains(err.Error(), "interpolation key 'levelname'") {
		t.Errorf("Lookup error = %v, want the missing key named", err)
	}
	if _, err := c.Items("formatter_generic"); err == nil {
		t.Error("Items succeeded, want the interpolation error")
	}
	if got := c.SectionItems("formatter_generic"); len(got) != 1 || got[0][0] != "here" {
		t.Errorf("SectionItems = %v, want only here", got)
	}
}

func TestSectionsAndItems(t *testing.T) {
	ini := "[DEFAULT]\nd = 1\n[alembic]\nscript_location = m\n[post_write_hooks]\nhooks = black\nblack.type = console_scripts\nd = 2\n[loggers]\nkeys = root\n"
	path := writeConfig(t, map[string]string{"alembic.ini": ini})
	c, err := Load(path, Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Sections(), []string{"alembic", "post_write_hooks", "loggers"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sections() = %v, want %v", got, want)
	}
	want := [][2]string{{"here", c.Here}, {"d", "2"}, {"hooks", "black"}, {"black.type", "console_scripts"}}
	if got := c.SectionItems("post_write_hooks"); !reflect.DeepEqual(got, want) {
		t.Errorf("SectionItems() = %v, want %v", got, want)
	}
	if got := c.SectionItems("missing"); got != nil {
		t.Errorf("SectionItems(missing) = %v, want nil", got)
	}
}

func TestDotenv(t *testing.T) {
	tests := []struct {
		name, dotenv, key, want string
		env                     map[string]string
	}{
		{"plain", "DB=sqlite:///x.db\n", "DB", "sqlite:///x.db", nil},
		{"export and comments", "# c\n\nexport DB=abc # trailing\n", "DB", "abc", nil},
		{"single quotes literal", "DB='a # b \\n'\n", "DB", `a # b \n`, nil},
		{"double quotes escapes", "DB=\"a\\tb\\\"c\"\n", "DB", "a\tb\"c", nil},
		{"multi-line quoted", "DB=\"line1\nline2\"\nX=1\n", "DB", "line1\nline2", nil},
		{"environment wins", "DB=fromfile\n", "DB", "fromenv", map[string]string{"DB": "fromenv"}},
		{"crlf", "DB=v\r\n", "DB", "v", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": "[alembic]\nk = ${" + tt.key + "}\n", ".env": tt.dotenv})
			c, err := Load(path, Options{Getenv: func(k string) string { return tt.env[k] }})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got, _ := c.Get("k"); got != tt.want {
				t.Errorf("Get(k) = %q, want %q", got, tt.want)
			}
			if got := c.Getenv(tt.key); got != tt.want {
				t.Errorf("Getenv = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDotenv_Errors(t *testing.T) {
	tests := []struct{ name, dotenv, want string }{
		{"no equals", "JUSTAWORD\n", ".env:1: expected KEY=VALUE"},
		{"bad name", "1X=2\n", `.env:1: invalid variable name "1X"`},
		{"unterminated", "A=1\nB=\"open\n", ".env:2: unterminated \"-quoted value for B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": "[alembic]\n", ".env": tt.dotenv})
			_, err := Load(path, Options{Getenv: noEnv})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
