package command

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
)

// What env.py passes to context.configure() as literals (version_table,
// transaction_per_migration, ...) applies as if it were in the config: a
// project that names its version table in env.py keeps that table under
// retort. A key in the config wins, and a difference is reported once.

// configureKeys are the context.configure() keywords retort reads from
// env.py; the config section holds the same names.
var configureKeys = []string{
	"version_table", "version_table_schema", "transaction_per_migration", "transactional_ddl",
	"compare_type", "compare_server_default", "render_as_batch", "include_schemas", "user_module_prefix",
}

// envPyLiteral is one keyword env.py passes with a literal value.
type envPyLiteral struct {
	value string // the value as the config would spell it ("x", "true", "false")
	line  int
}

// EnvPyConflictError is env.py passing different literals for one keyword
// in different context.configure() calls (typically the offline and the
// online branch): retort cannot tell which one Alembic would use.
type EnvPyConflictError struct {
	Path, Key string
	Lines     [2]int
	Values    [2]string
}

func (e *EnvPyConflictError) Error() string {
	return fmt.Sprintf("%s: context.configure() passes %s=%s at line %d but %s at line %d; set %s in the config file so retort knows which to use",
		e.Path, e.Key, e.Values[0], e.Lines[0], e.Values[1], e.Lines[1], e.Key)
}

var configureCall = lazyre.New(`\bconfigure\(`)

// envPyLiterals reads the literal keyword arguments of env.py's
// context.configure(...) calls.
func (p *Project) envPyLiterals() (map[string]envPyLiteral, string, error) {
	location, err := p.Config.ScriptLocation()
	if err != nil {
		return nil, "", nil
	}
	path := filepath.Join(location, "env.py")
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, path, nil
	}
	text := string(src)
	out := map[string]envPyLiteral{}
	for _, loc := range configureCall().FindAllStringIndex(text, -1) {
		lineStart := strings.LastIndexByte(text[:loc[0]], '\n') + 1
		if strings.Contains(text[lineStart:loc[0]], "#") {
			continue // commented out
		}
		args, ok := callArguments(text, loc[1])
		if !ok {
			continue
		}
		for _, a := range args {
			key, raw, found := strings.Cut(a.text, "=")
			key = strings.TrimSpace(key)
			if !found || !slices.Contains(configureKeys, key) {
				continue
			}
			value, ok := pyLiteral(strings.TrimSpace(raw))
			if !ok {
				continue
			}
			lead := len(a.text) - len(strings.TrimLeft(a.text, " \t\r\n"))
			line := strings.Count(text[:a.offset+lead], "\n") + 1
			if prev, seen := out[key]; seen && prev.value != value {
				return nil, path, &EnvPyConflictError{Path: path, Key: key, Lines: [2]int{prev.line, line}, Values: [2]string{prev.value, value}}
			}
			out[key] = envPyLiteral{value: value, line: line}
		}
	}
	return out, path, nil
}

type callArg struct {
	text   string
	offset int
}

// callArguments splits the arguments of a call whose "(" ends at start,
// at top-level commas, skipping strings and comments.
func callArguments(text string, start int) ([]callArg, bool) {
	var args []callArg
	depth, argStart := 0, start
	for i := start; i < len(text); i++ {
		switch c := text[i]; c {
		case '\'', '"':
			end := strings.IndexByte(text[i+1:], c)
			if end < 0 {
				return nil, false
			}
			i += end + 1
		case '#':
			end := strings.IndexByte(text[i:], '\n')
			if end < 0 {
				return nil, false
			}
			i += end
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				args = append(args, callArg{text[argStart:i], argStart})
				return args, true
			}
			depth--
		case ',':
			if depth == 0 {
				args = append(args, callArg{text[argStart:i], argStart})
				argStart = i + 1
			}
		}
	}
	return nil, false
}

// pyLiteral spells a Python literal as a config value: strings unquoted,
// True/False as true/false. Anything else is no literal.
func pyLiteral(s string) (string, bool) {
	switch s {
	case "True":
		return "true", true
	case "False":
		return "false", true
	}
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] && !strings.ContainsAny(s[1:len(s)-1], `\'"`) {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// envFallback returns what env.py passes to context.configure() for key
// when the config section does not set it; when both do and differ, the
// config wins and the difference is reported once through Env.Warn.
func (p *Project) envFallback(key string) (string, bool, error) {
	lits, path, err := p.envPyLiterals()
	if err != nil {
		return "", false, err
	}
	fromEnv, inEnv := lits[key]
	if v, ok := p.Config.Get(key); ok {
		if inEnv && !strings.EqualFold(v, fromEnv.value) {
			p.warnOnce(key, fmt.Sprintf("%s: the config file says %s, %s:%d says %s; using the config file's", key, v, path, fromEnv.line, fromEnv.value))
		}
		return "", false, nil
	}
	if inEnv {
		return fromEnv.value, true, nil
	}
	return "", false, nil
}

func (p *Project) warnOnce(key, msg string) {
	if p.warned == nil {
		p.warned = map[string]bool{}
	}
	if p.warned[key] || p.Env.Warn == nil {
		return
	}
	p.warned[key] = true
	p.Env.Warn(msg)
}
