package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pyStr renders s as Python's repr() of a str does: single quotes unless
// the text holds a single quote and no double quote, with backslash escapes
// for the quote, backslashes and unprintable characters.
func pyStr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(quote)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			// Not UTF-8: Python would never hold this in a str; keep the byte visible.
			fmt.Fprintf(&b, `\x%02x`, s[i-1])
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == ' ' || (r >= 0x20 && r < 0x7f):
			b.WriteRune(r)
		case r < 0x100 && !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
	return b.String()
}

// pyList renders a list of strings as Python's repr() of a list does.
func pyList(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = pyStr(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// pyBool renders a Go bool as a Python literal.
func pyBool(v bool) string {
	if v {
		return "True"
	}
	return "False"
}

// kw is one keyword=value pair of a rendered call.
type kw struct{ key, value string }

// call renders name(args..., key=value...).
func call(name string, args []string, kws []kw) string {
	parts := make([]string, 0, len(args)+len(kws))
	parts = append(parts, args...)
	for _, k := range kws {
		parts = append(parts, k.key+"="+k.value)
	}
	return name + "(" + strings.Join(parts, ", ") + ")"
}
