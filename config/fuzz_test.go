package config

import (
	"testing"
)

// FuzzLoad checks that no INI or .env text makes parsing, interpolation
// or the accessors built on them panic.
func FuzzLoad(f *testing.F) {
	f.Add("[alembic]\nk = %(here)s/x\n  cont\n[DEFAULT]\nd=%%\n", "A=1\n")
	f.Add("[alembic]\nk = ${A:-x}$${B}\n", "export A='q'\nB=\"x\\ny\"\n")
	f.Add("[a]\nx=%(x)s\n", "")
	f.Add("[alembic]\nk = %(\n", "A=\"unterminated\n")
	f.Fuzz(func(t *testing.T, ini, dotenv string) {
		if _, err := parseDotenv(".env", []byte(dotenv)); err != nil {
			return
		}
		file, err := parseINI("alembic.ini", []byte(ini))
		if err != nil {
			return
		}
		c := &Config{Path: "alembic.ini", Here: "/h", Section: "alembic", file: file,
			getenv: func(string) (string, bool) { return "", false }}
		for _, name := range append(c.Sections(), "alembic") {
			_, _ = c.Items(name)
			_ = c.SectionItems(name)
		}
		_, _ = c.VersionLocations()
		_, _ = c.PostWriteHooks()
		_, _ = c.TruncateSlugLength()
	})
}

// FuzzParseTOML checks that no text makes the TOML reader, or the
// %(here)s substitution and the password masking after it, panic.
func FuzzParseTOML(f *testing.F) {
	f.Add("[tool.alembic]\nscript_location = \"%(here)s/m\"\nv = ['a', \"b\\u00e9\"]\n")
	f.Add("[[tool.alembic.post_write_hooks]]\nname = 'x'\ntype = \"exec\"\n")
	f.Add("a = \"\"\"\nx\\\n  y\"\"\"\nb = '''z'''''\nc = {d = 1, e = [1, 2,]}\n")
	f.Add("t = 1979-05-27 07:32:00\nu = 0x_1\n[ a . \"b\" ]\n")
	f.Add("url = \"postgresql://u:p%w@h/d\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := parseTOML("pyproject.toml", []byte(src))
		if err != nil {
			return
		}
		for _, v := range doc {
			_, _ = substituteTOML(v, map[string]string{"here": "/h"})
		}
		_ = maskValue(src)
	})
}
