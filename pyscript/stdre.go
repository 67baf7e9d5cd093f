package pyscript

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
)

// reModule is Python's re module on Go's regexp (RE2). Differences from
// Python: no backreferences or lookaround (such patterns are refused by
// name), `$` without re.MULTILINE matches only at the very end (Python's
// also matches before a final newline), and re.VERBOSE is refused.
var reModule = newModule("re", starlark.StringDict{
	"compile":    starlark.NewBuiltin("re.compile", reCompile),
	"match":      reFunc("match"),
	"fullmatch":  reFunc("fullmatch"),
	"search":     reFunc("search"),
	"sub":        reFunc("sub"),
	"subn":       reFunc("subn"),
	"findall":    reFunc("findall"),
	"split":      reFunc("split"),
	"escape":     starlark.NewBuiltin("re.escape", reEscape),
	"I":          starlark.MakeInt(reIgnoreCase),
	"IGNORECASE": starlark.MakeInt(reIgnoreCase),
	"M":          starlark.MakeInt(reMultiline),
	"MULTILINE":  starlark.MakeInt(reMultiline),
	"S":          starlark.MakeInt(reDotAll),
	"DOTALL":     starlark.MakeInt(reDotAll),
	"X":          starlark.MakeInt(reVerbose),
	"VERBOSE":    starlark.MakeInt(reVerbose),
	"A":          starlark.MakeInt(reASCII),
	"ASCII":      starlark.MakeInt(reASCII),
	"U":          starlark.MakeInt(reUnicode),
	"UNICODE":    starlark.MakeInt(reUnicode),
})

// Python's flag values.
const (
	reIgnoreCase = 2
	reMultiline  = 8
	reDotAll     = 16
	reUnicode    = 32
	reVerbose    = 64
	reASCII      = 256
)

// patternValue is a compiled pattern: re.compile(...).
type patternValue struct {
	base
	pattern string
	flags   int
	re      *regexp.Regexp // search
	anchor  *regexp.Regexp // match: anchored at the start
	full    *regexp.Regexp // fullmatch
}

func (p *patternValue) String() string {
	return "re.compile(" + strRepr(p.pattern, false) + ")"
}
func (p *patternValue) Type() string { return "re.Pattern" }

func compilePattern(pattern string, flags int) (*patternValue, error) {
	if flags&reVerbose != 0 {
		return nil, fmt.Errorf("retort does not support re.VERBOSE")
	}
	prefix := ""
	if flags&reIgnoreCase != 0 {
		prefix += "i"
	}
	if flags&reMultiline != 0 {
		prefix += "m"
	}
	if flags&reDotAll != 0 {
		prefix += "s"
	}
	if prefix != "" {
		prefix = "(?" + prefix + ")"
	}
	goPat := strings.ReplaceAll(pattern, `\Z`, `\z`)
	re, err := regexp.Compile(prefix + goPat)
	if err != nil {
		return nil, fmt.Errorf("re.error: %v (retort's re uses Go's RE2 syntax: no backreferences or lookaround)", err)
	}
	anchor, err1 := regexp.Compile(prefix + `\A(?:` + goPat + `)`)
	full, err2 := regexp.Compile(prefix + `\A(?:` + goPat + `)\z`)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("re.error: cannot anchor pattern %s", strRepr(pattern, false))
	}
	return &patternValue{pattern: pattern, flags: flags, re: re, anchor: anchor, full: full}, nil
}

func reCompile(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pattern string
	flags := 0
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "pattern", &pattern, "flags?", &flags); err != nil {
		return nil, err
	}
	return compilePattern(pattern, flags)
}

func reEscape(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var s string
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &s); err != nil {
		return nil, err
	}
	// Python escapes every character that is not alphanumeric or '_'.
	var sb strings.Builder
	for _, r := range s {
		if r < 0x80 && !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return starlark.String(sb.String()), nil
}

// reFunc is a module-level function re.NAME(pattern, ...) that compiles
// the pattern and calls the pattern's method.
func reFunc(name string) *starlark.Builtin {
	return starlark.NewBuiltin("re."+name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if len(args) == 0 {
			return nil, fmt.Errorf("%s: missing argument pattern", b.Name())
		}
		var p *patternValue
		switch x := args[0].(type) {
		case *patternValue:
			p = x
		case starlark.String:
			flags := 0
			var rest []starlark.Tuple
			for _, kv := range kwargs {
				if kv[0] == starlark.String("flags") {
					n, ok := kv[1].(starlark.Int)
					if !ok {
						return nil, fmt.Errorf("%s: flags must be an int", b.Name())
					}
					f, _ := n.Int64()
					flags = int(f)
					continue
				}
				rest = append(rest, kv)
			}
			kwargs = rest
			var err error
			if p, err = compilePattern(string(x), flags); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("TypeError: first argument must be string or compiled pattern")
		}
		m, _ := p.Attr(name)
		return starlark.Call(thread, m, args[1:], kwargs)
	})
}

// AttrNames lists the pattern's methods.
func (p *patternValue) AttrNames() []string {
	return []string{"findall", "flags", "fullmatch", "match", "pattern", "search", "split", "sub", "subn"}
}

// Attr provides the pattern's methods.
func (p *patternValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "pattern":
		return starlark.String(p.pattern), nil
	case "flags":
		return starlark.MakeInt(p.flags | reUnicode), nil
	case "match", "search", "fullmatch":
		re := map[string]*regexp.Regexp{"match": p.anchor, "search": p.re, "fullmatch": p.full}[name]
		return method("Pattern."+name, func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var s string
			if err := starlark.UnpackPositionalArgs("Pattern."+name, args, kwargs, 1, &s); err != nil {
				return nil, err
			}
			loc := re.FindStringSubmatchIndex(s)
			if loc == nil {
				return starlark.None, nil
			}
			return &matchValue{p: p, s: s, loc: loc}, nil
		}), nil
	case "findall":
		return method("Pattern.findall", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var s string
			if err := starlark.UnpackPositionalArgs("Pattern.findall", args, kwargs, 1, &s); err != nil {
				return nil, err
			}
			var out []starlark.Value
			for _, loc := range p.re.FindAllStringSubmatchIndex(s, -1) {
				m := &matchValue{p: p, s: s, loc: loc}
				switch n := p.re.NumSubexp(); n {
				case 0:
					out = append(out, m.group(0))
				case 1:
					out = append(out, orEmpty(m.group(1)))
				default:
					t := make(starlark.Tuple, n)
					for i := range t {
						t[i] = orEmpty(m.group(i + 1))
					}
					out = append(out, t)
				}
			}
			return starlark.NewList(out), nil
		}), nil
	case "split":
		return method("Pattern.split", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var s string
			maxsplit := 0
			if err := starlark.UnpackArgs("Pattern.split", args, kwargs, "string", &s, "maxsplit?", &maxsplit); err != nil {
				return nil, err
			}
			var out []starlark.Value
			last := 0
			for i, loc := range p.re.FindAllStringSubmatchIndex(s, -1) {
				if maxsplit > 0 && i >= maxsplit {
					break
				}
				out = append(out, starlark.String(s[last:loc[0]]))
				m := &matchValue{p: p, s: s, loc: loc}
				for g := 1; g <= p.re.NumSubexp(); g++ {
					out = append(out, m.group(g))
				}
				last = loc[1]
			}
			out = append(out, starlark.String(s[last:]))
			return starlark.NewList(out), nil
		}), nil
	case "sub", "subn":
		return method("Pattern."+name, func(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var repl starlark.Value
			var s string
			count := 0
			if err := starlark.UnpackArgs("Pattern."+name, args, kwargs, "repl", &repl, "string", &s, "count?", &count); err != nil {
				return nil, err
			}
			var sb strings.Builder
			last, n := 0, 0
			for _, loc := range p.re.FindAllStringSubmatchIndex(s, -1) {
				if count > 0 && n >= count {
					break
				}
				sb.WriteString(s[last:loc[0]])
				m := &matchValue{p: p, s: s, loc: loc}
				switch r := repl.(type) {
				case starlark.String:
					out, err := expandTemplate(string(r), m)
					if err != nil {
						return nil, err
					}
					sb.WriteString(out)
				case starlark.Callable:
					v, err := starlark.Call(thread, r, starlark.Tuple{m}, nil)
					if err != nil {
						return nil, err
					}
					str, ok := v.(starlark.String)
					if !ok {
						return nil, fmt.Errorf("TypeError: expected str instance, %s found", pyTypeName(v))
					}
					sb.WriteString(string(str))
				default:
					return nil, fmt.Errorf("TypeError: repl must be a str or a function")
				}
				last = loc[1]
				n++
			}
			sb.WriteString(s[last:])
			if name == "subn" {
				return starlark.Tuple{starlark.String(sb.String()), starlark.MakeInt(n)}, nil
			}
			return starlark.String(sb.String()), nil
		}), nil
	}
	return nil, nil
}

func orEmpty(v starlark.Value) starlark.Value {
	if v == starlark.None {
		return starlark.String("")
	}
	return v
}

// expandTemplate expands Python's \1, \g<1>, \g<name> and escapes in a
// replacement string.
func expandTemplate(t string, m *matchValue) (string, error) {
	var sb strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '\\' || i+1 >= len(t) {
			sb.WriteByte(c)
			continue
		}
		d := t[i+1]
		switch {
		case d >= '0' && d <= '9':
			j := i + 1
			for j < len(t) && j < i+3 && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			n, _ := strconv.Atoi(t[i+1 : j])
			g, err := m.groupChecked(starlark.MakeInt(n))
			if err != nil {
				return "", err
			}
			sb.WriteString(string(orEmpty(g).(starlark.String)))
			i = j - 1
		case d == 'g':
			end := strings.IndexByte(t[i:], '>')
			if i+2 >= len(t) || t[i+2] != '<' || end < 0 {
				return "", fmt.Errorf("re.error: missing < in group reference")
			}
			ref := t[i+3 : i+end]
			var key starlark.Value = starlark.String(ref)
			if n, err := strconv.Atoi(ref); err == nil {
				key = starlark.MakeInt(n)
			}
			g, err := m.groupChecked(key)
			if err != nil {
				return "", err
			}
			sb.WriteString(string(orEmpty(g).(starlark.String)))
			i += end
		case d == 'n':
			sb.WriteByte('\n')
			i++
		case d == 't':
			sb.WriteByte('\t')
			i++
		case d == '\\':
			sb.WriteByte('\\')
			i++
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String(), nil
}

// matchValue is a match object.
type matchValue struct {
	base
	p   *patternValue
	s   string
	loc []int
}

func (m *matchValue) String() string {
	return fmt.Sprintf("<re.Match object; span=(%d, %d), match=%s>", m.loc[0], m.loc[1], strRepr(m.s[m.loc[0]:m.loc[1]], false))
}
func (m *matchValue) Type() string { return "re.Match" }

func (m *matchValue) group(i int) starlark.Value {
	if m.loc[2*i] < 0 {
		return starlark.None
	}
	return starlark.String(m.s[m.loc[2*i]:m.loc[2*i+1]])
}

func (m *matchValue) groupChecked(k starlark.Value) (starlark.Value, error) {
	switch x := k.(type) {
	case starlark.Int:
		i, _ := x.Int64()
		if i < 0 || int(i) > m.p.re.NumSubexp() {
			return nil, fmt.Errorf("IndexError: no such group")
		}
		return m.group(int(i)), nil
	case starlark.String:
		i := m.p.re.SubexpIndex(string(x))
		if i < 0 {
			return nil, fmt.Errorf("IndexError: no such group")
		}
		return m.group(i), nil
	}
	return nil, fmt.Errorf("IndexError: no such group")
}

// AttrNames lists the match's methods.
func (m *matchValue) AttrNames() []string {
	return []string{"end", "group", "groupdict", "groups", "span", "start", "string"}
}

// Attr provides the match's methods.
func (m *matchValue) Attr(name string) (starlark.Value, error) {
	groupIndex := func(args starlark.Tuple) (int, error) {
		if len(args) == 0 {
			return 0, nil
		}
		if s, ok := args[0].(starlark.String); ok {
			if i := m.p.re.SubexpIndex(string(s)); i >= 0 {
				return i, nil
			}
			return 0, fmt.Errorf("IndexError: no such group")
		}
		n, ok := args[0].(starlark.Int)
		i, _ := n.Int64()
		if !ok || i < 0 || int(i) > m.p.re.NumSubexp() {
			return 0, fmt.Errorf("IndexError: no such group")
		}
		return int(i), nil
	}
	switch name {
	case "string":
		return starlark.String(m.s), nil
	case "group":
		return method("Match.group", func(_ *starlark.Thread, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			if len(args) <= 1 {
				i, err := groupIndex(args)
				if err != nil {
					return nil, err
				}
				return m.group(i), nil
			}
			out := make(starlark.Tuple, len(args))
			for k := range args {
				g, err := m.groupChecked(args[k])
				if err != nil {
					return nil, err
				}
				out[k] = g
			}
			return out, nil
		}), nil
	case "groups":
		return method("Match.groups", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var def starlark.Value = starlark.None
			if err := starlark.UnpackArgs("Match.groups", args, kwargs, "default?", &def); err != nil {
				return nil, err
			}
			out := make(starlark.Tuple, m.p.re.NumSubexp())
			for i := range out {
				out[i] = m.group(i + 1)
				if out[i] == starlark.None {
					out[i] = def
				}
			}
			return out, nil
		}), nil
	case "groupdict":
		return method("Match.groupdict", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			d := starlark.NewDict(0)
			for i, n := range m.p.re.SubexpNames() {
				if n != "" {
					_ = d.SetKey(starlark.String(n), m.group(i))
				}
			}
			return d, nil
		}), nil
	case "start", "end", "span":
		return method("Match."+name, func(_ *starlark.Thread, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			i, err := groupIndex(args)
			if err != nil {
				return nil, err
			}
			// Python counts characters; Go counts bytes.
			start, end := -1, -1
			if m.loc[2*i] >= 0 {
				start = len([]rune(m.s[:m.loc[2*i]]))
				end = len([]rune(m.s[:m.loc[2*i+1]]))
			}
			switch name {
			case "start":
				return starlark.MakeInt(start), nil
			case "end":
				return starlark.MakeInt(end), nil
			}
			return starlark.Tuple{starlark.MakeInt(start), starlark.MakeInt(end)}, nil
		}), nil
	}
	return nil, nil
}
