package command

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/target"
)

// Alembic projects often choose their database in env.py, not in the ini
// file: config.set_main_option("sqlalchemy.url", os.environ["DB_URL"]).
// retort must then use that database, never the ini file's. What env.py
// sets is read statically where it is a literal or comes from the
// environment; otherwise the project's own Python runs env.py (with the
// stand-in alembic.context) and reports it; without a Python retort stops.

// EnvPyURLError is an env.py that sets the URL in a way retort cannot
// evaluate without the project's Python, and no Python to ask.
type EnvPyURLError struct {
	Path string
	Line int
	Err  error
}

func (e *EnvPyURLError) Error() string {
	return fmt.Sprintf("%s:%d sets sqlalchemy.url in code that retort cannot evaluate without the project's Python (%v); set RETORT_URL, or put the URL in the config file, or set python = /path/to/python in the config", e.Path, e.Line, e.Err)
}

func (e *EnvPyURLError) Unwrap() error { return e.Err }

var (
	setURLCall = lazyre.New(`set_main_option\(\s*["']sqlalchemy\.url["']\s*,\s*(.+?)\s*\)\s*$`)
	// The value forms read without Python: a string literal, os.environ[...],
	// os.environ.get(...) or os.getenv(...) with an optional literal default,
	// and Alembic's %-escaping .replace("%", "%%").
	literalValue  = lazyre.New(`^(?:[rRuU])?("([^"\\]*)"|'([^'\\]*)')$`)
	environValue  = lazyre.New(`^os\.(?:environ\[\s*["']([\w.]+)["']\s*\]|environ\.get\(\s*["']([\w.]+)["']\s*(?:,\s*(?:"([^"\\]*)"|'([^'\\]*)'))?\s*\)|getenv\(\s*["']([\w.]+)["']\s*(?:,\s*(?:"([^"\\]*)"|'([^'\\]*)'))?\s*\))$`)
	percentEscape = lazyre.New(`\.replace\(\s*["']%["']\s*,\s*["']%%["']\s*\)$`)
)

// envPyURL returns the URL the project's env.py sets, when it sets one.
func (p *Project) envPyURL() (url string, set bool, err error) {
	if p.envURL != nil {
		return p.envURL.url, p.envURL.set, p.envURL.err
	}
	var loaded *target.SQLAProject
	url, set, loaded, err = p.resolveEnvPyURL()
	p.envURL = &envURLResult{url: url, set: set, err: err, loaded: loaded}
	return url, set, err
}

type envURLResult struct {
	url string
	set bool
	err error
	// loaded is the helper run that evaluated env.py, kept (when it has
	// no filters to answer, so its process is gone) for autogenerate to
	// reuse rather than run env.py a second time.
	loaded *target.SQLAProject
}

func (p *Project) resolveEnvPyURL() (string, bool, *target.SQLAProject, error) {
	location, err := p.Config.ScriptLocation()
	if err != nil {
		return "", false, nil, nil
	}
	path := filepath.Join(location, "env.py")
	src, err := os.ReadFile(path)
	if err != nil {
		return "", false, nil, nil
	}
	line, value := 0, ""
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if m := setURLCall().FindStringSubmatch(l); m != nil {
			line, value = i+1, m[1]
		} else if strings.Contains(l, "set_main_option") && strings.Contains(l, "sqlalchemy.url") {
			line, value = i+1, "?"
		}
	}
	if line == 0 {
		return "", false, nil, nil
	}
	if url, ok := p.staticURL(value); ok {
		return url, true, nil, nil
	}
	python, err := target.FindPython(p.Config.Here, p.Config.String("python", ""), p.Config.Getenv)
	if err != nil {
		return "", false, nil, &EnvPyURLError{Path: path, Line: line, Err: err}
	}
	proj, err := p.startPython(context.Background(), python, location, "")
	if err != nil {
		return "", false, nil, &EnvPyURLError{Path: path, Line: line, Err: err}
	}
	url, changed := proj.URL()
	if proj.HasFilters() {
		proj.Close()
		return url, changed, nil, nil
	}
	return url, changed, proj, nil
}

// staticURL evaluates the forms of value that need no Python. The result
// is what Alembic's config then holds: ConfigParser turns "%%" into "%",
// which is why env.py files escape with .replace("%", "%%").
func (p *Project) staticURL(value string) (string, bool) {
	escaped := percentEscape().MatchString(value)
	value = percentEscape().ReplaceAllString(value, "")
	if m := literalValue().FindStringSubmatch(value); m != nil {
		return strings.ReplaceAll(m[2]+m[3], "%%", "%"), true
	}
	e := environValue().FindStringSubmatch(value)
	if e == nil {
		return "", false
	}
	v := p.Config.Getenv(e[1] + e[2] + e[5])
	switch {
	case v == "" && e[1] != "":
		return "", false // os.environ[...] of an unset variable: let Python say so
	case v == "":
		v = e[3] + e[4] + e[6] + e[7]
	}
	if !escaped {
		v = strings.ReplaceAll(v, "%%", "%")
	}
	return v, true
}
