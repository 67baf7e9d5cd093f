// Package pyrepr spells Go strings as Python 3's repr() spells a str: the
// one rule shared by everything retort writes for Python to read or for
// people who know Python (rendered migration scripts, check's diffs,
// Starlark's repr of script values, the Mako subset).
package pyrepr

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Str is repr(s): single quotes unless s holds a single quote and no
// double quote; \t \n \r \\ and the quote escaped; other unprintable
// characters as \xNN, \uNNNN or \UNNNNNNNN.
func Str(s string) string { return quote(s, false) }

// ASCII is ascii(s): repr with every non-ASCII character escaped.
func ASCII(s string) string { return quote(s, true) }

// List is repr of a list of str.
func List(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = Str(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Printable reports what Python's str.isprintable() says of one character
// beyond ASCII: letters, marks, numbers, punctuation and symbols.
func Printable(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S)
}

func quote(s string, ascii bool) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(q)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// Not valid UTF-8: a Python str cannot hold it; show the byte.
			fmt.Fprintf(&b, `\x%02x`, s[i])
			i++
			continue
		}
		i += size
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f:
			b.WriteRune(r)
		case !ascii && Printable(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte(q)
	return b.String()
}
