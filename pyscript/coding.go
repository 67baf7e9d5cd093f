package pyscript

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Source encodings. Python reads a script as UTF-8 unless a PEP 263 coding
// line in its first two lines names another encoding; Starlark only reads
// UTF-8, so the source is decoded first. Only the encodings migration
// files are found in are known; others are refused by name.

// normEncoding maps an encoding name to the codec that reads it, as
// Python's codec lookup normalises names ("Latin-1", "ISO_8859_1").
func normEncoding(name string) (string, bool) {
	n := strings.ToLower(strings.NewReplacer("_", "-", " ", "-").Replace(strings.TrimSpace(name)))
	switch n {
	case "", "utf-8", "utf8", "u8", "utf", "utf-8-sig", "utf8-sig":
		return "utf-8", true
	case "ascii", "us-ascii", "646":
		return "ascii", true
	case "latin-1", "latin1", "latin", "l1", "iso-8859-1", "iso8859-1", "8859", "cp819", "iso-ir-100":
		return "latin-1", true
	case "cp1252", "windows-1252":
		return "cp1252", true
	case "iso-8859-15", "iso8859-15", "latin-9", "latin9", "l9":
		return "iso-8859-15", true
	}
	return n, false
}

// cp1252High maps bytes 0x80-0x9f of Windows-1252; 0 marks an undefined byte.
var cp1252High = [32]rune{
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
}

// latin9 holds the ISO-8859-15 characters that differ from Latin-1.
var latin9 = map[byte]rune{0xa4: 0x20ac, 0xa6: 0x0160, 0xa8: 0x0161, 0xb4: 0x017d, 0xb8: 0x017e, 0xbc: 0x0152, 0xbd: 0x0153, 0xbe: 0x0178}

// decodeError is a decoding failure, with Python's wording and the byte
// offset it happened at.
type decodeError struct {
	offset int
	msg    string
}

func (e *decodeError) Error() string { return e.msg }

// decodeSource decodes b from encoding into a (UTF-8) Go string.
func decodeSource(b []byte, encoding string) (string, error) {
	codec, ok := normEncoding(encoding)
	if !ok {
		return "", fmt.Errorf("LookupError: unknown encoding: %s (retort reads utf-8, ascii, latin-1, iso-8859-15 and cp1252)", encoding)
	}
	switch codec {
	case "utf-8":
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				reason := "invalid start byte"
				if b[i] >= 0xc0 && b[i] < 0xf8 {
					reason = "invalid continuation byte"
					if i+1 >= len(b) {
						reason = "unexpected end of data"
					}
				}
				return "", &decodeError{offset: i, msg: fmt.Sprintf("'utf-8' codec can't decode byte 0x%02x in position %d: %s", b[i], i, reason)}
			}
			i += size
		}
		return strings.TrimPrefix(string(b), "\ufeff"), nil
	case "ascii":
		for i, c := range b {
			if c >= 0x80 {
				return "", &decodeError{offset: i, msg: fmt.Sprintf("'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", c, i)}
			}
		}
		return string(b), nil
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i, c := range b {
		r := rune(c)
		switch {
		case codec == "cp1252" && c >= 0x80 && c < 0xa0:
			r = cp1252High[c-0x80]
			if r == 0 {
				return "", &decodeError{offset: i, msg: fmt.Sprintf("'charmap' codec can't decode byte 0x%02x in position %d: character maps to <undefined>", c, i)}
			}
		case codec == "iso-8859-15":
			if l, ok := latin9[c]; ok {
				r = l
			}
		}
		sb.WriteRune(r)
	}
	return sb.String(), nil
}
