package config

import (
	"fmt"
	"strings"
)

// defaultSection is configparser's DEFAULT section: its keys are visible in
// every other section, for lookups and for %(name)s interpolation.
const defaultSection = "DEFAULT"

// maxInterpolationDepth is configparser's MAX_INTERPOLATION_DEPTH.
const maxInterpolationDepth = 10

// ParseError is a syntax error in the INI file itself.
type ParseError struct {
	Path string
	Line int // 1-based
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// InterpolationError is a value that cannot be interpolated: a bad %(name)s
// reference, a missing key, recursion deeper than configparser allows, or an
// unset ${VAR}. Its message follows configparser's wording, prefixed with the
// file name.
type InterpolationError struct {
	Path    string
	Section string
	Option  string
	Msg     string
}

func (e *InterpolationError) Error() string {
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// iniSection holds raw (uninterpolated) values in file order.
type iniSection struct {
	name  string
	keys  []string // lower-cased option names, in the order first seen
	raw   map[string]string
	lines map[string]int
}

func newSection(name string) *iniSection {
	return &iniSection{name: name, raw: map[string]string{}, lines: map[string]int{}}
}

func (s *iniSection) set(key, value string, line int) {
	if _, ok := s.raw[key]; !ok {
		s.keys = append(s.keys, key)
	}
	s.raw[key] = value
	s.lines[key] = line
}

// iniFile is a parsed file: the DEFAULT section and the others in file order.
type iniFile struct {
	path     string
	defaults *iniSection
	sections []*iniSection
	byName   map[string]*iniSection
}

func newINIFile(path string) *iniFile {
	return &iniFile{path: path, defaults: newSection(defaultSection), byName: map[string]*iniSection{}}
}

// optionName is configparser's default optionxform: option names are
// case-insensitive, section names are not.
func optionName(s string) string { return strings.ToLower(s) }

// parseINI reads src with the rules of configparser.ConfigParser() as
// Alembic constructs it (strict, empty lines allowed in values, no inline
// comments, no valueless options).
func parseINI(path string, src []byte) (*iniFile, error) {
	f := newINIFile(path)
	text := strings.TrimPrefix(string(src), "\ufeff")
	lines := strings.Split(text, "\n")

	var (
		cur         *iniSection
		curName     string
		optname     string   // option receiving continuation lines, "" if none
		optLines    []string // pieces of that option's value
		indentLevel = 0
		seen        = map[string]bool{} // "section" and "section\x00option" already read
	)
	flush := func() {
		if cur != nil && optname != "" {
			cur.raw[optname] = strings.TrimRight(strings.Join(optLines, "\n"), " \t\r\n\f\v")
		}
		optname, optLines = "", nil
	}
	for i, line := range lines {
		lineno := i + 1
		line = strings.TrimSuffix(line, "\r")
		stripped := strings.TrimSpace(line)
		isComment := strings.HasPrefix(stripped, "#") || strings.HasPrefix(stripped, ";")
		if stripped == "" || isComment {
			// A blank line inside a multi-line value is kept (configparser's
			// empty_lines_in_values); a comment line never is.
			if !isComment && optname != "" {
				optLines = append(optLines, "")
			}
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t\f\v"))
		if optname != "" && indent > indentLevel {
			optLines = append(optLines, stripped)
			continue
		}
		flush()
		indentLevel = indent
		if name, ok := sectionHeader(stripped); ok {
			curName = name
			if name == defaultSection {
				cur = f.defaults
				continue
			}
			if seen[name] {
				return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("section '%s' already exists", name)}
			}
			seen[name] = true
			cur = newSection(name)
			f.sections = append(f.sections, cur)
			f.byName[name] = cur
			continue
		}
		if cur == nil {
			return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("file contains no section headers: %q", line)}
		}
		delim := strings.IndexAny(stripped, "=:")
		if delim < 0 {
			return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("expected 'key = value' or 'key: value', got %q", line)}
		}
		key := optionName(strings.TrimRight(stripped[:delim], " \t"))
		if key == "" {
			return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("option name missing before '%c': %q", stripped[delim], line)}
		}
		seenKey := curName + "\x00" + key
		if seen[seenKey] {
			return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("option '%s' in section '%s' already exists", key, curName)}
		}
		seen[seenKey] = true
		cur.set(key, "", lineno)
		optname = key
		optLines = []string{strings.TrimSpace(stripped[delim+1:])}
	}
	flush()
	return f, nil
}

// sectionHeader matches configparser's SECTCRE, r"\[(?P<header>.+)\]": the
// name runs to the last "]" on the line and is not trimmed; text after that
// "]" is ignored.
func sectionHeader(stripped string) (string, bool) {
	if !strings.HasPrefix(stripped, "[") {
		return "", false
	}
	end := strings.LastIndex(stripped, "]")
	if end < 2 {
		return "", false
	}
	return stripped[1:end], true
}

// interpolator resolves %(name)s references for one section with
// configparser's BasicInterpolation rules.
type interpolator struct {
	path    string
	section string
	lookup  func(key string) (string, bool) // raw values: section, then DEFAULT
}

// interpolate resolves the raw value of option; secret marks an option
// that holds a password (see Config.passwordKeys), none of which a message
// may show.
func (ip *interpolator) interpolate(option, raw string, secret bool) (string, error) {
	var b strings.Builder
	if err := ip.some(option, raw, raw, secret, &b, 1); err != nil {
		return "", err
	}
	return b.String(), nil
}

// some interpolates value (the raw value itself, or the raw value of a key
// it names) into out. The messages quote parts of the values, as
// configparser's do, but never a password: URL passwords are masked, and a
// value substituted into a password (secret) is never shown at all.
func (ip *interpolator) some(option, rawval, value string, secret bool, out *strings.Builder, depth int) error {
	if depth > maxInterpolationDepth {
		return &InterpolationError{Path: ip.path, Section: ip.section, Option: option, Msg: fmt.Sprintf(
			"Recursion limit exceeded in value substitution: option '%s' in section '%s' contains an interpolation key which cannot be substituted in %d steps. Raw value: %s",
			option, ip.section, maxInterpolationDepth, pyRepr(maskValue(rawval)))}
	}
	// rest quotes the value from off on, as a message may show it.
	rest := func(off int) string {
		if secret {
			return "'***'"
		}
		return pyRepr(maskRange(value, off, len(value)))
	}
	off := 0
	for off < len(value) {
		p := strings.IndexByte(value[off:], '%')
		if p < 0 {
			out.WriteString(value[off:])
			return nil
		}
		out.WriteString(value[off : off+p])
		off += p
		tail := value[off:]
		if len(tail) < 2 {
			return ip.syntaxError(option, fmt.Sprintf("'%%' must be followed by '%%' or '(', found: %s", rest(off)))
		}
		switch tail[1] {
		case '%':
			out.WriteByte('%')
			off += 2
		case '(':
			closing := strings.IndexByte(tail, ')')
			if closing < 3 || closing+1 >= len(tail) || tail[closing+1] != 's' {
				return ip.syntaxError(option, fmt.Sprintf("bad interpolation variable reference %s", rest(off)))
			}
			name := optionName(tail[2:closing])
			nested := secret || inPassword(value, off)
			off += closing + 2
			v, ok := ip.lookup(name)
			if !ok {
				shown := name
				if nested {
					shown = "***"
				}
				return &InterpolationError{Path: ip.path, Section: ip.section, Option: option, Msg: fmt.Sprintf(
					"Bad value substitution: option '%s' in section '%s' contains an interpolation key '%s' which is not a valid option name. Raw value: %s",
					option, ip.section, shown, pyRepr(maskValue(rawval)))}
			}
			if strings.Contains(v, "%") {
				if err := ip.some(option, rawval, v, nested, out, depth+1); err != nil {
					return err
				}
			} else {
				out.WriteString(v)
			}
		default:
			return ip.syntaxError(option, fmt.Sprintf("'%%' must be followed by '%%' or '(', found: %s", rest(off)))
		}
	}
	return nil
}

func (ip *interpolator) syntaxError(option, msg string) error {
	return &InterpolationError{Path: ip.path, Section: ip.section, Option: option,
		Msg: fmt.Sprintf("option '%s' in section '%s': %s", option, ip.section, msg)}
}

// pyRepr quotes s the way Python's repr() quotes a simple str, so messages
// read like configparser's.
func pyRepr(s string) string {
	quote := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		quote = `"`
	}
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`)
	s = r.Replace(s)
	if quote == "'" {
		s = strings.ReplaceAll(s, "'", `\'`)
	}
	return quote + s + quote
}
