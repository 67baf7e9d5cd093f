package pyscript

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/retort-dev/retort/internal/lazyre"
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

var positionRE = lazyre.New(` in position \d+`)

// codingRE is PEP 263's coding declaration.
var codingRE = lazyre.New(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// decodePython decodes a script's source as Python reads it: by the
// coding declaration of its first or second line, else as UTF-8, which
// must then be valid. Errors carry the line and column of the problem.
func decodePython(src string) (string, error) {
	bom := strings.HasPrefix(src, "\ufeff")
	body := strings.TrimPrefix(src, "\ufeff")
	encoding, declLine := "", 0
	lines := strings.SplitN(body, "\n", 3)
	for i := 0; i < len(lines) && i < 2; i++ {
		l := strings.TrimSuffix(lines[i], "\r")
		if m := codingRE().FindStringSubmatch(l); m != nil {
			encoding, declLine = m[1], i+1
			break
		}
		// Only a comment or blank first line lets the second declare it.
		if t := strings.TrimLeft(l, " \t\f"); t != "" && !strings.HasPrefix(t, "#") {
			break
		}
	}
	if encoding == "" {
		if err := firstInvalidUTF8(body); err != nil {
			return "", err
		}
		return body, nil
	}
	codec, ok := normEncoding(encoding)
	if !ok {
		return "", &shimError{line: declLine, col: 1, msg: "SyntaxError: encoding problem: " + encoding}
	}
	if bom && codec != "utf-8" {
		return "", &shimError{line: declLine, col: 1, msg: "SyntaxError: encoding problem: " + encoding + " with BOM"}
	}
	out, err := decodeSource([]byte(body), encoding)
	if err != nil {
		var de *decodeError
		if errors.As(err, &de) {
			line, col := lineCol(body, de.offset)
			// The position Python gives counts within the string literal;
			// the error's line and column say where the byte is instead.
			msg := positionRE().ReplaceAllString(de.msg, "")
			return "", &shimError{line: line, col: col, msg: "SyntaxError: (unicode error) " + msg}
		}
		return "", &shimError{line: declLine, col: 1, msg: "SyntaxError: " + err.Error()}
	}
	return out, nil
}

// firstInvalidUTF8 reports the first byte of s that is not UTF-8, as
// Python does for a file without a coding declaration.
func firstInvalidUTF8(s string) error {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			line, col := lineCol(s, i)
			return &shimError{line: line, col: col, msg: fmt.Sprintf(
				"SyntaxError: Non-UTF-8 code starting with '\\x%02x' on line %d, but no encoding declared; see https://peps.python.org/pep-0263/ for details", s[i], line)}
		}
		i += size
	}
	return nil
}

// lineCol is the 1-based line and column (in characters) of byte offset off.
func lineCol(s string, off int) (int, int) {
	line := strings.Count(s[:off], "\n") + 1
	start := strings.LastIndexByte(s[:off], '\n') + 1
	return line, utf8.RuneCountInString(s[start:off]) + 1
}
