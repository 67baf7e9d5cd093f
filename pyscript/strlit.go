package pyscript

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// String literals. Python and Starlark spell most literals alike, but
// Python also has u'' and upper-case prefixes, br'', escapes Starlark
// refuses ('\xe9', '\351', '\d' kept as backslash-d) and implicit
// concatenation of adjacent literals. The shim rewrites those in place and
// records how columns moved.

// starlarkLiteral rewrites a Python string literal (not an f-string) into
// a Starlark literal with the same value. It returns "" when lit needs no
// change.
func starlarkLiteral(lit string) (string, error) {
	p := 0
	for p < len(lit) && lit[p] != '"' && lit[p] != '\'' {
		p++
	}
	prefix := strings.ToLower(lit[:p])
	raw := strings.ContainsRune(prefix, 'r')
	isBytes := strings.ContainsRune(prefix, 'b')
	newPrefix := ""
	if raw {
		newPrefix += "r"
	}
	if isBytes {
		newPrefix += "b"
	}
	body := lit[p:]
	if raw {
		if newPrefix == lit[:p] {
			return "", nil
		}
		return newPrefix + body, nil
	}
	q := body[0]
	qlen := 1
	if strings.HasPrefix(body, strings.Repeat(string(q), 3)) {
		qlen = 3
	}
	if len(body) < 2*qlen || !strings.HasSuffix(body, strings.Repeat(string(q), qlen)) {
		return "", nil // unterminated: the parser reports it
	}
	inner := body[qlen : len(body)-qlen]
	conv, changed, err := convertEscapes(inner, isBytes)
	if err != nil {
		return "", err
	}
	if !changed && newPrefix == lit[:p] {
		return "", nil
	}
	return newPrefix + body[:qlen] + conv + body[len(body)-qlen:], nil
}

// convertEscapes rewrites the escapes of a non-raw literal's body that
// Starlark reads differently from Python.
func convertEscapes(in string, isBytes bool) (string, bool, error) {
	if !strings.ContainsRune(in, '\\') {
		return in, false, nil
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c != '\\' || i+1 >= len(in) {
			b.WriteByte(c)
			continue
		}
		d := in[i+1]
		switch {
		case strings.IndexByte("\n\\'\"abfnrtv", d) >= 0:
			b.WriteString(in[i : i+2])
			i++
		case d == '\r':
			b.WriteString(in[i : i+2])
			i++
		case d >= '0' && d <= '7':
			j := i + 1
			n := 0
			for j < len(in) && j < i+4 && in[j] >= '0' && in[j] <= '7' {
				n = n*8 + int(in[j]-'0')
				j++
			}
			switch {
			case isBytes:
				// Python keeps the low byte of \400 and above.
				if n > 0xff {
					n &= 0xff
					changed = true
				}
				fmt.Fprintf(&b, "\\%03o", n)
				changed = changed || j-i != 4
			case n > 0x7f:
				fmt.Fprintf(&b, "\\u%04x", n)
				changed = true
			default:
				b.WriteString(in[i:j])
			}
			i = j - 1
		case d == 'x':
			if i+3 < len(in) && isHex(in[i+2]) && isHex(in[i+3]) {
				n, _ := strconv.ParseUint(in[i+2:i+4], 16, 32)
				if !isBytes && n > 0x7f {
					fmt.Fprintf(&b, "\\u%04x", n)
					changed = true
				} else {
					b.WriteString(in[i : i+4])
				}
				i += 3
				continue
			}
			return "", false, fmt.Errorf("SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape")
		case (d == 'u' || d == 'U' || d == 'N') && isBytes:
			// Not escapes in Python bytes: a backslash and the letter.
			b.WriteString(`\\`)
			changed = true
		case d == 'N':
			return "", false, fmt.Errorf("retort does not support \\N{...} escapes (write the character, or \\u/\\U with its code point)")
		case d == 'u' || d == 'U':
			size := 4
			if d == 'U' {
				size = 8
			}
			if i+2+size > len(in) || !allHex(in[i+2:i+2+size]) {
				return "", false, fmt.Errorf("SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\%cXXXX escape", d)
			}
			n, _ := strconv.ParseUint(in[i+2:i+2+size], 16, 32)
			if n > utf8.MaxRune {
				return "", false, fmt.Errorf("SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character")
			}
			if n >= 0xd800 && n < 0xe000 {
				return "", false, fmt.Errorf("retort does not support lone surrogates (\\u%04x) in strings", n)
			}
			b.WriteString(in[i : i+2+size])
			i += 1 + size
		default:
			// Python keeps an unknown escape as a backslash and the character.
			b.WriteString(`\\`)
			changed = true
		}
	}
	return b.String(), changed, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// runeCol is the 1-based column, in characters, of byte offset off of src.
func runeCol(src string, off int) int {
	lineStart := strings.LastIndexByte(src[:off], '\n') + 1
	return utf8.RuneCountInString(src[lineStart:off]) + 1
}

// lastSegment is the text after the last line break of s.
func lastSegment(s string) string {
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// lineOf is the 1-based line of byte offset off of src.
func lineOf(src string, off int) int {
	return strings.Count(src[:off], "\n") + 1
}

// replaceLiteral writes repl over the literal t and records the column
// shift of what follows it on its last line.
func (s *shimmer) replaceLiteral(t token, repl string) {
	s.edits = append(s.edits, edit{start: t.start, end: t.end, repl: repl})
	oldLast, newLast := lastSegment(t.text), lastSegment(repl)
	delta := utf8.RuneCountInString(newLast) - utf8.RuneCountInString(oldLast)
	if strings.ContainsRune(t.text, '\n') {
		s.shifts.add(lineOf(s.src, t.end), runeCol(s.src, t.end), delta)
	} else {
		s.shifts.add(t.line, runeCol(s.src, t.end), delta)
	}
}

// insert adds text at byte offset off and records the shift.
func (s *shimmer) insert(off int, text string) {
	s.edits = append(s.edits, edit{start: off, end: off, repl: text})
	s.shifts.add(lineOf(s.src, off), runeCol(s.src, off), utf8.RuneCountInString(text))
}

// stringLiterals rewrites the literals of one logical line: f-strings,
// Python-only escapes and prefixes, and runs of adjacent literals, which
// Python concatenates: "a" "b" becomes ("a"+"b"), the + taking the place
// of a blank between them where there is one.
func (s *shimmer) stringLiterals(toks []token) error {
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokString {
			continue
		}
		j := i
		for j+1 < len(toks) && toks[j+1].kind == tokString {
			j++
		}
		if j > i {
			s.insert(toks[i].start, "(")
		}
		for k := i; k <= j; k++ {
			t := toks[k]
			if isFString(t.text) {
				if err := s.fString(t); err != nil {
					return err
				}
			} else {
				repl, err := starlarkLiteral(t.text)
				if err != nil {
					return &shimError{line: t.line, col: t.col, msg: err.Error()}
				}
				if repl != "" {
					s.replaceLiteral(t, repl)
				}
			}
			if k < j {
				gap := toks[k].end
				if c := s.src[gap]; c == ' ' || c == '\t' {
					s.edits = append(s.edits, edit{start: gap, end: gap + 1, repl: "+"})
				} else {
					s.insert(gap, "+")
				}
			}
		}
		if j > i {
			s.insert(toks[j].end, ")")
		}
		i = j
	}
	return nil
}
