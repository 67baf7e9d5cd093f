package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/revision"
)

// configFile is the file the -c values name, with Alembic 1.16's rules:
// "-c" may be given twice, once for an ini file and once for a
// pyproject.toml (told apart by the file name). retort reads the
// pyproject.toml beside an ini file from the current directory, so a pair
// naming another pyproject.toml is refused rather than half-honoured.
func (inv *invocation) configFile() (string, error) {
	var ini, toml string
	for _, p := range inv.configPaths {
		if filepath.Base(p) == config.DefaultPyproject {
			if toml != "" {
				return "", &revision.CommandError{Message: "pyproject.toml indicated more than once"}
			}
			toml = p
			continue
		}
		if ini != "" {
			return "", &revision.CommandError{Message: "only one ini file may be indicated"}
		}
		ini = p
	}
	switch {
	case toml == "":
		return ini, nil
	case ini == "":
		return toml, nil
	case sameFile(toml, config.DefaultPyproject):
		return ini, nil
	}
	return "", &revision.CommandError{Message: fmt.Sprintf(
		"retort reads the pyproject.toml of the current directory beside an ini file; run it from the directory of %s, or give -c only one of %s and %s", toml, ini, toml)}
}

// configFileOrEmpty is configFile for command.Env; withProject has
// already reported its error.
func (inv *invocation) configFileOrEmpty() string {
	f, _ := inv.configFile()
	return f
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
