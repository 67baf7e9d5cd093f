package pyscript

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// Python's string formatting: the % operator, format(value, spec) with
// the format-spec mini-language, and str.format (which f-strings become).
// Error texts are CPython's, prefixed with the exception's name.

// percentFormat is Python's `format % arg` for a str format.
func percentFormat(format string, arg starlark.Value) (string, error) {
	var args []starlark.Value
	var mapping starlark.Mapping
	switch x := arg.(type) {
	case starlark.Tuple:
		args = x
	default:
		args = []starlark.Value{arg}
		if m, ok := arg.(starlark.Mapping); ok {
			mapping = m
		}
	}
	// A mapping or other non-tuple container may go unused, as in Python.
	_, isList := arg.(*starlark.List)
	lenient := mapping != nil || isList
	next := 0
	takeArg := func() (starlark.Value, error) {
		if next >= len(args) {
			return nil, fmt.Errorf("TypeError: not enough arguments for format string")
		}
		next++
		return args[next-1], nil
	}
	usedMapping := false
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(format) {
			return "", fmt.Errorf("ValueError: incomplete format")
		}
		var value starlark.Value
		if format[i] == '(' {
			if mapping == nil {
				return "", fmt.Errorf("TypeError: format requires a mapping")
			}
			depth, j := 1, i+1
			for ; j < len(format) && depth > 0; j++ {
				switch format[j] {
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			if depth > 0 {
				return "", fmt.Errorf("ValueError: incomplete format key")
			}
			key := format[i+1 : j-1]
			v, found, err := mapping.Get(starlark.String(key))
			if err != nil {
				return "", err
			}
			if !found {
				return "", fmt.Errorf("KeyError: %s", strRepr(key, false))
			}
			value, usedMapping, i = v, true, j
		}
		var spec pctSpec
		for ; i < len(format) && strings.IndexByte("-+ #0", format[i]) >= 0; i++ {
			switch format[i] {
			case '-':
				spec.left = true
			case '+':
				spec.plus = true
			case ' ':
				spec.space = true
			case '#':
				spec.alt = true
			case '0':
				spec.zero = true
			}
		}
		num := func() (int, bool, error) {
			if i < len(format) && format[i] == '*' {
				i++
				v, err := takeArg()
				if err != nil {
					return 0, false, err
				}
				n, ok := v.(starlark.Int)
				if !ok {
					return 0, false, fmt.Errorf("TypeError: * wants int")
				}
				k, _ := n.Int64()
				return int(k), true, nil
			}
			j := i
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
			if j == i {
				return 0, false, nil
			}
			n, _ := strconv.Atoi(format[j:i])
			return n, true, nil
		}
		var err error
		if spec.width, _, err = num(); err != nil {
			return "", err
		}
		if spec.width < 0 {
			spec.left, spec.width = true, -spec.width
		}
		spec.prec = -1
		if i < len(format) && format[i] == '.' {
			i++
			if spec.prec, _, err = num(); err != nil {
				return "", err
			}
		}
		for i < len(format) && strings.IndexByte("hlL", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			return "", fmt.Errorf("ValueError: incomplete format")
		}
		spec.verb = format[i]
		if spec.verb == '%' {
			b.WriteByte('%')
			continue
		}
		if value == nil {
			if value, err = takeArg(); err != nil {
				return "", err
			}
		}
		s, err := spec.format(value)
		if err != nil {
			if err == errBadVerb {
				r, _ := utf8.DecodeRuneInString(format[i:])
				return "", fmt.Errorf("ValueError: unsupported format character %s (0x%x) at index %d", strRepr(string(r), false), r, i)
			}
			return "", err
		}
		b.WriteString(s)
	}
	if next < len(args) && !lenient && !usedMapping {
		return "", fmt.Errorf("TypeError: not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// pctSpec is one %-conversion.
type pctSpec struct {
	left, plus, space, alt, zero bool
	width, prec                  int
	verb                         byte
}

var errBadVerb = fmt.Errorf("bad verb")

func (p pctSpec) format(v starlark.Value) (string, error) {
	var body string
	numeric := true
	switch p.verb {
	case 's', 'r', 'a':
		numeric = false
		switch p.verb {
		case 's':
			body = pyStr(v)
		case 'r':
			body = pyRepr(v)
		default:
			body = pyASCII(v)
		}
		if p.prec >= 0 && p.prec < utf8.RuneCountInString(body) {
			body = string([]rune(body)[:p.prec])
		}
	case 'd', 'i', 'u':
		n, err := realToInt(v, "%"+string(p.verb))
		if err != nil {
			return "", err
		}
		body = intDigits(n, 10, p.prec)
	case 'x', 'X', 'o':
		n, ok := asBigInt(v)
		if !ok {
			return "", fmt.Errorf("TypeError: %%%c format: an integer is required, not %s", p.verb, pyTypeName(v))
		}
		base := 16
		if p.verb == 'o' {
			base = 8
		}
		body = intDigits(n, base, p.prec)
		if p.verb == 'X' {
			body = strings.ToUpper(body)
		}
		if p.alt {
			prefix := map[byte]string{'x': "0x", 'X': "0X", 'o': "0o"}[p.verb]
			if strings.HasPrefix(body, "-") {
				body = "-" + prefix + body[1:]
			} else {
				body = prefix + body
			}
		}
	case 'e', 'E', 'f', 'F', 'g', 'G':
		f, ok := asFloat(v)
		if !ok {
			return "", fmt.Errorf("TypeError: must be real number, not %s", pyTypeName(v))
		}
		prec := p.prec
		if prec < 0 {
			prec = 6
		}
		body = formatFloat(f, p.verb, prec, p.alt)
	case 'c':
		numeric = false
		switch x := v.(type) {
		case starlark.Int:
			n, ok := x.Int64()
			if !ok || n < 0 || n > 0x10ffff {
				return "", fmt.Errorf("OverflowError: %%c arg not in range(0x110000)")
			}
			body = string(rune(n))
		case starlark.String:
			if utf8.RuneCountInString(string(x)) != 1 {
				return "", fmt.Errorf("TypeError: %%c requires int or char")
			}
			body = string(x)
		default:
			return "", fmt.Errorf("TypeError: %%c requires int or char")
		}
	default:
		return "", errBadVerb
	}
	if numeric && !strings.HasPrefix(body, "-") {
		if p.plus {
			body = "+" + body
		} else if p.space {
			body = " " + body
		}
	}
	pad := p.width - utf8.RuneCountInString(body)
	if pad <= 0 {
		return body, nil
	}
	switch {
	case p.left:
		return body + strings.Repeat(" ", pad), nil
	case p.zero && numeric && !isNonFinite(body):
		sign := ""
		if body != "" && strings.IndexByte("+- ", body[0]) >= 0 {
			sign, body = body[:1], body[1:]
		}
		prefix := ""
		if len(body) > 1 && body[0] == '0' && strings.IndexByte("xXo", body[1]) >= 0 {
			prefix, body = body[:2], body[2:]
		}
		return sign + prefix + strings.Repeat("0", pad) + body, nil
	}
	return strings.Repeat(" ", pad) + body, nil
}

func isNonFinite(s string) bool {
	s = strings.TrimLeft(s, "+- ")
	return s == "inf" || s == "nan" || s == "INF" || s == "NAN"
}

// realToInt converts for %d: ints and bools as they are, floats truncated.
func realToInt(v starlark.Value, what string) (*big.Int, error) {
	if n, ok := asBigInt(v); ok {
		return n, nil
	}
	if f, ok := v.(starlark.Float); ok {
		if math.IsNaN(float64(f)) {
			return nil, fmt.Errorf("ValueError: cannot convert float NaN to integer")
		}
		if math.IsInf(float64(f), 0) {
			return nil, fmt.Errorf("OverflowError: cannot convert float infinity to integer")
		}
		n, _ := big.NewFloat(math.Trunc(float64(f))).Int(nil)
		return n, nil
	}
	return nil, fmt.Errorf("TypeError: %s format: a real number is required, not %s", what, pyTypeName(v))
}

func asBigInt(v starlark.Value) (*big.Int, bool) {
	switch x := v.(type) {
	case starlark.Int:
		return x.BigInt(), true
	case starlark.Bool:
		if x {
			return big.NewInt(1), true
		}
		return big.NewInt(0), true
	}
	return nil, false
}

func asFloat(v starlark.Value) (float64, bool) {
	switch x := v.(type) {
	case starlark.Float:
		return float64(x), true
	case starlark.Int:
		f, _ := new(big.Float).SetInt(x.BigInt()).Float64()
		return f, true
	case starlark.Bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// intDigits writes n in base, with at least prec digits (%.3d).
func intDigits(n *big.Int, base, prec int) string {
	s := n.Text(base)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if prec > len(s) {
		s = strings.Repeat("0", prec-len(s)) + s
	}
	if neg {
		s = "-" + s
	}
	return s
}

// formatFloat is C printf's %e %f %g (and upper-case forms) as Python
// writes them: "inf" and "nan" spelt out, two-digit exponents, and %g
// dropping trailing zeros unless alt (#) is set.
func formatFloat(f float64, verb byte, prec int, alt bool) string {
	upper := verb == 'E' || verb == 'F' || verb == 'G'
	var s string
	switch {
	case math.IsNaN(f):
		s = "nan"
	case math.IsInf(f, 1):
		s = "inf"
	case math.IsInf(f, -1):
		s = "-inf"
	default:
		switch verb {
		case 'e', 'E':
			s = strconv.FormatFloat(f, 'e', prec, 64)
			if alt && prec == 0 {
				m, e, _ := strings.Cut(s, "e")
				s = m + ".e" + e
			}
		case 'f', 'F':
			s = strconv.FormatFloat(f, 'f', prec, 64)
			if alt && prec == 0 {
				s += "."
			}
		default:
			s = formatG(f, prec, alt, false)
		}
	}
	if upper {
		s = strings.ToUpper(s)
	}
	return s
}

// formatG is %g with precision prec; noType is format()'s spec without a
// type, which keeps one digit after the point and switches to
// exponent notation one digit earlier.
func formatG(f float64, prec int, alt, noType bool) string {
	if prec == 0 {
		prec = 1
	}
	e := strconv.FormatFloat(f, 'e', prec-1, 64)
	_, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	limit := prec
	if noType {
		limit = prec - 1
		if limit < 1 {
			limit = 1
		}
	}
	var s string
	if exp >= -4 && exp < limit {
		s = strconv.FormatFloat(f, 'f', prec-1-exp, 64)
		if !alt && strings.ContainsRune(s, '.') {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		if noType && !strings.ContainsRune(s, '.') {
			s += ".0"
		}
		return s
	}
	m, _, _ := strings.Cut(e, "e")
	if !alt && strings.ContainsRune(m, '.') {
		m = strings.TrimRight(strings.TrimRight(m, "0"), ".")
	}
	return m + "e" + expSuffix(exp)
}

// fmtSpec is a parsed format-spec: [[fill]align][sign][#][0][width][,|_][.precision][type].
type fmtSpec struct {
	fill        rune
	align       byte // 0, '<', '>', '=', '^'
	sign        byte // 0, '+', '-', ' '
	alt, zero   bool
	width, prec int // prec -1 when absent
	group       byte
	typ         byte // 0 when absent
	hasFill     bool
	noNegZero   bool // z: accepted for floats, refused for ints
}

func parseFmtSpec(spec, typeName string) (fmtSpec, error) {
	p := fmtSpec{fill: ' ', prec: -1}
	rs := []rune(spec)
	i := 0
	isAlign := func(r rune) bool { return r == '<' || r == '>' || r == '=' || r == '^' }
	if len(rs) >= 2 && isAlign(rs[1]) {
		p.fill, p.align, p.hasFill, i = rs[0], byte(rs[1]), true, 2
	} else if len(rs) >= 1 && isAlign(rs[0]) {
		p.align, i = byte(rs[0]), 1
	}
	if i < len(rs) && (rs[i] == '+' || rs[i] == '-' || rs[i] == ' ') {
		p.sign = byte(rs[i])
		i++
	}
	if i < len(rs) && rs[i] == 'z' {
		p.noNegZero = true
		i++
	}
	if i < len(rs) && rs[i] == '#' {
		p.alt = true
		i++
	}
	if i < len(rs) && rs[i] == '0' {
		p.zero = true
		i++
	}
	j := i
	for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
		i++
	}
	if i > j {
		p.width, _ = strconv.Atoi(string(rs[j:i]))
	}
	if i < len(rs) && (rs[i] == ',' || rs[i] == '_') {
		p.group = byte(rs[i])
		i++
	}
	if i < len(rs) && rs[i] == '.' {
		i++
		j = i
		for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
			i++
		}
		if i == j {
			return p, fmt.Errorf("ValueError: Format specifier missing precision")
		}
		p.prec, _ = strconv.Atoi(string(rs[j:i]))
	}
	if i < len(rs) {
		p.typ = byte(rs[i])
		i++
	}
	if i < len(rs) || p.typ >= 0x80 {
		return p, fmt.Errorf("ValueError: Invalid format specifier '%s' for object of type '%s'", spec, typeName)
	}
	return p, nil
}

// formatValue is Python's format(v, spec).
func formatValue(v starlark.Value, spec string) (string, error) {
	if spec == "" {
		return pyStr(v), nil
	}
	p, err := parseFmtSpec(spec, pyTypeName(v))
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case starlark.String:
		return p.formatString(string(x))
	case starlark.Int, starlark.Bool:
		switch p.typ {
		case 'e', 'E', 'f', 'F', 'g', 'G', '%':
			f, _ := asFloat(x)
			return p.formatFloatSpec(f)
		}
		if _, isBool := x.(starlark.Bool); isBool && p.typ == 0 && p.width == 0 && p.align == 0 && p.sign == 0 && p.prec < 0 {
			return pyStr(v), nil
		}
		n, _ := asBigInt(x)
		return p.formatInt(n, pyTypeName(v))
	case starlark.Float:
		return p.formatFloatSpec(float64(x))
	}
	return "", fmt.Errorf("TypeError: unsupported format string passed to %s.__format__", pyTypeName(v))
}

func (p fmtSpec) formatString(s string) (string, error) {
	if p.typ != 0 && p.typ != 's' {
		return "", fmt.Errorf("ValueError: Unknown format code '%c' for object of type 'str'", p.typ)
	}
	if p.sign != 0 {
		return "", fmt.Errorf("ValueError: Sign not allowed in string format specifier")
	}
	if p.alt {
		return "", fmt.Errorf("ValueError: Alternate form (#) not allowed in string format specifier")
	}
	if p.group != 0 {
		return "", fmt.Errorf("ValueError: Cannot specify ',' with 's'.")
	}
	if p.align == '=' {
		return "", fmt.Errorf("ValueError: '=' alignment not allowed in string format specifier")
	}
	if p.prec >= 0 && p.prec < utf8.RuneCountInString(s) {
		s = string([]rune(s)[:p.prec])
	}
	if p.zero && !p.hasFill {
		p.fill = '0'
	}
	return p.pad("", s, '<'), nil
}

func (p fmtSpec) formatInt(n *big.Int, typeName string) (string, error) {
	if p.prec >= 0 {
		return "", fmt.Errorf("ValueError: Precision not allowed in integer format specifier")
	}
	if p.noNegZero {
		return "", fmt.Errorf("ValueError: Negative zero coercion (z) not allowed in integer format specifier")
	}
	base, prefix := 10, ""
	switch p.typ {
	case 0, 'd', 'n':
	case 'x', 'X':
		base, prefix = 16, "0"+string(p.typ)
	case 'o':
		base, prefix = 8, "0o"
	case 'b':
		base, prefix = 2, "0b"
	case 'c':
		if !n.IsInt64() || n.Int64() < 0 || n.Int64() > 0x10ffff {
			return "", fmt.Errorf("OverflowError: %%c arg not in range(0x110000)")
		}
		return p.pad("", string(rune(n.Int64())), '<'), nil
	case 's':
		return "", fmt.Errorf("ValueError: Unknown format code 's' for object of type '%s'", typeName)
	default:
		return "", fmt.Errorf("ValueError: Unknown format code '%c' for object of type '%s'", p.typ, typeName)
	}
	digits := new(big.Int).Abs(n).Text(base)
	if p.typ == 'X' {
		digits = strings.ToUpper(digits)
	}
	if p.group != 0 {
		every := 3
		if base != 10 {
			every = 4
		}
		digits = groupDigits(digits, every, p.group, false)
	}
	sign := p.signOf(n.Sign() < 0)
	if p.alt {
		sign += prefix
	}
	return p.numPad(sign, digits), nil
}

func (p fmtSpec) signOf(neg bool) string {
	switch {
	case neg:
		return "-"
	case p.sign == '+':
		return "+"
	case p.sign == ' ':
		return " "
	}
	return ""
}

// groupDigits puts sep between groups of digits left of the point (or the
// exponent, when float).
func groupDigits(digits string, every int, sep byte, float bool) string {
	intPart, frac := digits, ""
	if k := strings.IndexAny(digits, ".e"); k >= 0 && float {
		intPart, frac = digits[:k], digits[k:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%every == 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(c)
	}
	return b.String() + frac
}

func (p fmtSpec) formatFloatSpec(f float64) (string, error) {
	neg := math.Signbit(f) && !math.IsNaN(f)
	a := math.Abs(f)
	var body string
	switch p.typ {
	case 'e', 'E', 'f', 'F', 'g', 'G':
		prec := p.prec
		if prec < 0 {
			prec = 6
		}
		body = formatFloat(a, p.typ, prec, p.alt)
	case '%':
		prec := p.prec
		if prec < 0 {
			prec = 6
		}
		body = formatFloat(a*100, 'f', prec, p.alt) + "%"
	case 0, 'n':
		switch {
		case p.prec < 0 && p.typ == 0:
			body = floatRepr(a)
		case math.IsNaN(a) || math.IsInf(a, 0):
			body = floatRepr(a)
		default:
			prec := p.prec
			if prec < 0 {
				prec = 6
			}
			body = formatG(a, prec, p.alt, p.typ == 0)
		}
	default:
		return "", fmt.Errorf("ValueError: Unknown format code '%c' for object of type 'float'", p.typ)
	}
	if p.group != 0 {
		body = groupDigits(body, 3, p.group, true)
	}
	return p.numPad(p.signOf(neg), body), nil
}

// numPad pads a number: right-aligned by default, and a 0 before the width
// pads with zeros after the sign.
func (p fmtSpec) numPad(sign, body string) string {
	if p.zero && !p.hasFill && p.align == 0 {
		p.fill, p.align = '0', '='
	}
	return p.pad(sign, body, '>')
}

func (p fmtSpec) pad(sign, body string, defaultAlign byte) string {
	n := p.width - utf8.RuneCountInString(sign) - utf8.RuneCountInString(body)
	if n <= 0 {
		return sign + body
	}
	fill := func(k int) string { return strings.Repeat(string(p.fill), k) }
	align := p.align
	if align == 0 {
		align = defaultAlign
	}
	switch align {
	case '<':
		return sign + body + fill(n)
	case '^':
		return fill(n/2) + sign + body + fill(n-n/2)
	case '=':
		return sign + fill(n) + body
	}
	return fill(n) + sign + body
}

// strFormat is Python's format.format(*args, **kwargs).
func strFormat(format string, args starlark.Tuple, kwargs []starlark.Tuple) (string, error) {
	kw := map[string]starlark.Value{}
	for _, kv := range kwargs {
		kw[string(kv[0].(starlark.String))] = kv[1]
	}
	auto := 0       // next automatic index
	manual := false // a field named its index
	var field func(name string) (starlark.Value, error)
	field = func(name string) (starlark.Value, error) {
		// name: arg_name ("." attr | "[" key "]")*
		end := strings.IndexAny(name, ".[")
		if end < 0 {
			end = len(name)
		}
		first, rest := name[:end], name[end:]
		var v starlark.Value
		switch {
		case first == "":
			if manual {
				return nil, fmt.Errorf("ValueError: cannot switch from manual field specification to automatic field numbering")
			}
			if auto >= len(args) {
				return nil, fmt.Errorf("IndexError: Replacement index %d out of range for positional args tuple", auto)
			}
			v = args[auto]
			auto++
		case first[0] >= '0' && first[0] <= '9':
			if auto > 0 {
				return nil, fmt.Errorf("ValueError: cannot switch from automatic field numbering to manual field specification")
			}
			manual = true
			k, err := strconv.Atoi(first)
			if err != nil {
				return nil, fmt.Errorf("ValueError: invalid field name %q", first)
			}
			if k >= len(args) {
				return nil, fmt.Errorf("IndexError: Replacement index %d out of range for positional args tuple", k)
			}
			v = args[k]
		default:
			var ok bool
			if v, ok = kw[first]; !ok {
				return nil, fmt.Errorf("KeyError: %s", strRepr(first, false))
			}
		}
		for rest != "" {
			if rest[0] == '.' {
				end := strings.IndexAny(rest[1:], ".[")
				if end < 0 {
					end = len(rest) - 1
				}
				attr := rest[1 : 1+end]
				rest = rest[1+end:]
				hv, ok := v.(starlark.HasAttrs)
				if !ok {
					return nil, fmt.Errorf("AttributeError: '%s' object has no attribute %s", pyTypeName(v), strRepr(attr, false))
				}
				a, err := hv.Attr(attr)
				if err != nil {
					return nil, err
				}
				if a == nil {
					return nil, fmt.Errorf("AttributeError: '%s' object has no attribute %s", pyTypeName(v), strRepr(attr, false))
				}
				v = a
				continue
			}
			close := strings.IndexByte(rest, ']')
			if close < 0 {
				return nil, fmt.Errorf("ValueError: Missing ']' in format string")
			}
			key := rest[1:close]
			rest = rest[close+1:]
			var kv starlark.Value = starlark.String(key)
			if k, err := strconv.Atoi(key); err == nil {
				kv = starlark.MakeInt(k)
			}
			got, err := getItem(v, kv)
			if err != nil {
				return nil, err
			}
			v = got
		}
		return v, nil
	}
	var render func(format string, depth int) (string, error)
	render = func(format string, depth int) (string, error) {
		var b strings.Builder
		for i := 0; i < len(format); i++ {
			c := format[i]
			if c == '}' {
				if i+1 < len(format) && format[i+1] == '}' {
					b.WriteByte('}')
					i++
					continue
				}
				return "", fmt.Errorf("ValueError: Single '}' encountered in format string")
			}
			if c != '{' {
				b.WriteByte(c)
				continue
			}
			if i+1 < len(format) && format[i+1] == '{' {
				b.WriteByte('{')
				i++
				continue
			}
			if i+1 == len(format) {
				return "", fmt.Errorf("ValueError: Single '{' encountered in format string")
			}
			// Find the matching close brace, allowing one nested level in the spec.
			level, j := 1, i+1
			for ; j < len(format) && level > 0; j++ {
				switch format[j] {
				case '{':
					level++
				case '}':
					level--
				}
			}
			if level > 0 {
				return "", fmt.Errorf("ValueError: expected '}' before end of string")
			}
			inner := format[i+1 : j-1]
			i = j - 1
			name, spec, hasSpec := inner, "", false
			conv := byte(0)
			if k := strings.IndexAny(inner, "!:"); k >= 0 {
				name = inner[:k]
				rest := inner[k:]
				if rest[0] == '!' {
					if len(rest) < 2 || (len(rest) > 2 && rest[2] != ':') {
						return "", fmt.Errorf("ValueError: expected ':' after conversion specifier")
					}
					conv = rest[1]
					rest = rest[2:]
				}
				if strings.HasPrefix(rest, ":") {
					spec, hasSpec = rest[1:], true
				}
			}
			v, err := field(name)
			if err != nil {
				return "", err
			}
			switch conv {
			case 0:
			case 'r':
				v = starlark.String(pyRepr(v))
			case 's':
				v = starlark.String(pyStr(v))
			case 'a':
				v = starlark.String(pyASCII(v))
			default:
				return "", fmt.Errorf("ValueError: Unknown conversion specifier %c", conv)
			}
			if hasSpec && strings.ContainsRune(spec, '{') {
				if depth > 0 {
					return "", fmt.Errorf("ValueError: Max string recursion exceeded")
				}
				if spec, err = render(spec, depth+1); err != nil {
					return "", err
				}
			}
			s, err := formatValue(v, spec)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		}
		return b.String(), nil
	}
	return render(format, 0)
}

// getItem is v[k] for format fields and the like.
func getItem(v, k starlark.Value) (starlark.Value, error) {
	switch x := v.(type) {
	case starlark.Mapping:
		got, found, err := x.Get(k)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("KeyError: %s", pyRepr(k))
		}
		return got, nil
	case starlark.Indexable:
		n, ok := k.(starlark.Int)
		if !ok {
			return nil, fmt.Errorf("TypeError: %s indices must be integers or slices, not %s", pyTypeName(v), pyTypeName(k))
		}
		i, _ := n.Int64()
		if i < 0 || int(i) >= x.Len() {
			return nil, fmt.Errorf("IndexError: %s index out of range", pyTypeName(v))
		}
		return x.Index(int(i)), nil
	}
	return nil, fmt.Errorf("TypeError: '%s' object is not subscriptable", pyTypeName(v))
}
