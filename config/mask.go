package config

import "strings"

// Config values are shown in error messages (configparser quotes the raw
// value, or the part after a stray "%"), and sqlalchemy.url holds a
// password: every fragment of a value that a message repeats goes through
// maskRange first, so that no error shows any part of a password.

// passwordSpans returns the [start, end) byte ranges of the passwords of
// the URLs in s: what follows "scheme://user:" up to the last "@" before
// the next white space. Taking the last "@" errs on the side of hiding
// too much when a password holds a raw "@" (or a "%" that broke
// interpolation before it).
func passwordSpans(s string) [][2]int {
	var spans [][2]int
	from := 0
	for {
		i := strings.Index(s[from:], "://")
		if i < 0 {
			return spans
		}
		userStart := from + i + 3
		from = userStart
		stop := strings.IndexAny(s[userStart:], ":/@ \t\r\n")
		if stop < 0 || s[userStart+stop] != ':' {
			continue
		}
		start := userStart + stop + 1
		tokenEnd := len(s)
		if ws := strings.IndexAny(s[start:], " \t\r\n"); ws >= 0 {
			tokenEnd = start + ws
		}
		at := strings.LastIndexByte(s[start:tokenEnd], '@')
		if at < 0 {
			continue
		}
		spans = append(spans, [2]int{start, start + at})
		from = start + at
	}
}

// maskRange returns s[from:to] with every part that belongs to a URL
// password of s replaced by "***".
func maskRange(s string, from, to int) string {
	var b strings.Builder
	pos := from
	for _, sp := range passwordSpans(s) {
		start, end := sp[0], sp[1]
		if end <= pos || start >= to {
			continue
		}
		if start > pos {
			b.WriteString(s[pos:start])
		}
		b.WriteString("***")
		pos = min(end, to)
	}
	if pos < to {
		b.WriteString(s[pos:to])
	}
	return b.String()
}

// maskValue is s with the passwords of its URLs replaced by "***".
func maskValue(s string) string { return maskRange(s, 0, len(s)) }

// inPassword reports whether byte offset off of s lies inside a URL
// password.
func inPassword(s string, off int) bool {
	for _, sp := range passwordSpans(s) {
		if off >= sp[0] && off < sp[1] {
			return true
		}
	}
	return false
}

// passwordKeys lists the options that the values seen from section
// substitute into a URL password ("url = postgresql://app:%(pw)s@db/app"
// makes pw one): their own interpolation errors must not show them.
func (c *Config) passwordKeys(section string) map[string]bool {
	keys := map[string]bool{}
	for _, item := range c.rawItems(section) {
		raw, _ := c.rawLookup(section, item[0])
		for off := 0; ; {
			i := strings.Index(raw[off:], "%(")
			if i < 0 {
				break
			}
			off += i
			closing := strings.IndexByte(raw[off:], ')')
			if closing < 0 {
				break
			}
			if inPassword(raw, off) {
				keys[optionName(raw[off+2:off+closing])] = true
			}
			off += closing
		}
	}
	return keys
}
