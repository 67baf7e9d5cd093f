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
