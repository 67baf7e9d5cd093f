package config

import (
	"fmt"
	"strings"
)

// parseDotenv reads a .env file: "KEY=VALUE" lines, optionally prefixed with
// "export ", "#" comment lines, blank lines. A value may be single-quoted
// (literal), double-quoted (with \n, \t, \", \\ escapes) or bare (trimmed, and
// a " #" starts a trailing comment). Quoted values may span lines.
func parseDotenv(path string, src []byte) (map[string]string, error) {
	vars := map[string]string{}
	text := strings.ReplaceAll(strings.TrimPrefix(string(src), "\ufeff"), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		lineno := i + 1
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("expected KEY=VALUE, got %q", lines[i])}
		}
		key := strings.TrimSpace(line[:eq])
		if !isEnvName(key) {
			return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("invalid variable name %q", key)}
		}
		value := strings.TrimLeft(line[eq+1:], " \t")
		if value != "" && (value[0] == '"' || value[0] == '\'') {
			quote := value[0]
			body := value[1:]
			// A quoted value may continue on the following lines.
			for {
				if end := closingQuote(body, quote); end >= 0 {
					body = body[:end]
					break
				}
				i++
				if i >= len(lines) {
					return nil, &ParseError{Path: path, Line: lineno, Msg: fmt.Sprintf("unterminated %c-quoted value for %s", quote, key)}
				}
				body += "\n" + lines[i]
			}
			if quote == '"' {
				body = unescapeDouble(body)
			}
			vars[key] = body
			continue
		}
		if c := strings.Index(value, " #"); c >= 0 {
			value = value[:c]
		}
		vars[key] = strings.TrimSpace(value)
	}
	return vars, nil
}

// closingQuote returns the index of the quote that ends body, skipping
// backslash-escaped double quotes.
func closingQuote(body string, quote byte) int {
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '\\':
			if quote == '"' {
				i++
			}
		case quote:
			return i
		}
	}
	return -1
}

func unescapeDouble(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\', '$':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// expandEnv replaces ${NAME} and ${NAME:-default} in an (already
// %-interpolated) value. "$${" yields a literal "${"; any other "$" is kept
// as is, so passwords containing "$" survive. An unset variable without a
// default is an error rather than an empty string: a silently empty URL or
// path is harder to diagnose than a message naming the variable.
func expandEnv(value string, lookup func(string) (string, bool)) (string, error) {
	if !strings.Contains(value, "${") {
		return value, nil
	}
	var b strings.Builder
	rest := value
	for {
		p := strings.Index(rest, "${")
		if p < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		if p > 0 && rest[p-1] == '$' {
			b.WriteString(rest[:p-1])
			b.WriteString("${")
			rest = rest[p+2:]
			continue
		}
		b.WriteString(rest[:p])
		// The messages quote the reference from the value, masking any
		// part of it that lies in a URL password.
		at := len(value) - len(rest) + p
		end := strings.IndexByte(rest[p:], '}')
		if end < 0 {
			return "", fmt.Errorf("unterminated environment reference %s", pyRepr(maskRange(value, at, len(value))))
		}
		ref := rest[p+2 : p+end]
		rest = rest[p+end+1:]
		name, def, hasDefault := strings.Cut(ref, ":-")
		if !isEnvName(name) {
			return "", fmt.Errorf("bad environment reference %s: expected ${NAME} or ${NAME:-default}", pyRepr(maskRange(value, at, at+end+1)))
		}
		v, ok := lookup(name)
		switch {
		case ok && v != "":
			b.WriteString(v)
		case hasDefault:
			b.WriteString(def)
		case ok:
			// Set but empty: an explicit choice, kept.
		default:
			return "", fmt.Errorf("environment variable %s is not set (write ${%s:-} to allow an empty value)", name, name)
		}
	}
}
