package script

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// DefaultFileTemplate is Alembic's file_template default.
const DefaultFileTemplate = "%(rev)s_%(slug)s"

// DefaultTruncateSlugLength is Alembic's truncate_slug_length default.
const DefaultTruncateSlugLength = 40

// Slug turns a revision message into the slug of its file name as Alembic
// does: the runs of word characters joined by "_", lower-cased; longer than
// maxLen characters, it is cut at maxLen and back to the last "_", keeping
// that "_".
func Slug(message string, maxLen int) string {
	if maxLen <= 0 {
		maxLen = DefaultTruncateSlugLength
	}
	var words []string
	var cur []rune
	for _, r := range message {
		if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = nil
		}
	}
	if len(cur) > 0 {
		words = append(words, string(cur))
	}
	slug := []rune(strings.ToLower(strings.Join(words, "_")))
	if len(slug) > maxLen {
		cut := string(slug[:maxLen])
		if i := strings.LastIndex(cut, "_"); i >= 0 {
			cut = cut[:i]
		}
		return cut + "_"
	}
	return string(slug)
}

// FileName renders file_template for a new revision (without the
// extension): the tokens rev, slug, epoch, year, month, day, hour, minute
// and second, each with any Python %-format spec ("%(month).2d").
func FileName(template, rev, message string, truncateSlugLength int, created time.Time) (string, error) {
	if template == "" {
		template = DefaultFileTemplate
	}
	values := map[string]any{
		"rev":    rev,
		"slug":   Slug(message, truncateSlugLength),
		"epoch":  created.Unix(),
		"year":   int64(created.Year()),
		"month":  int64(created.Month()),
		"day":    int64(created.Day()),
		"hour":   int64(created.Hour()),
		"minute": int64(created.Minute()),
		"second": int64(created.Second()),
	}
	out, err := percentFormat(template, values)
	if err != nil {
		return "", fmt.Errorf("file_template %q: %w", template, err)
	}
	return out, nil
}

// percentFormat is Python's `template % mapping` for string and integer
// values.
func percentFormat(template string, values map[string]any) (string, error) {
	var b strings.Builder
	for i := 0; i < len(template); i++ {
		c := template[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(template) {
			return "", fmt.Errorf("incomplete format")
		}
		if template[i] == '%' {
			b.WriteByte('%')
			continue
		}
		if template[i] != '(' {
			return "", fmt.Errorf("format requires a mapping: use %%(name)s tokens")
		}
		end := strings.IndexByte(template[i:], ')')
		if end < 0 {
			return "", fmt.Errorf("incomplete format key")
		}
		key := template[i+1 : i+end]
		i += end + 1
		// flags, width, precision, conversion
		specStart := i
		for i < len(template) && strings.IndexByte("#0- +", template[i]) >= 0 {
			i++
		}
		for i < len(template) && template[i] >= '0' && template[i] <= '9' {
			i++
		}
		if i < len(template) && template[i] == '.' {
			i++
			for i < len(template) && template[i] >= '0' && template[i] <= '9' {
				i++
			}
		}
		if i < len(template) && strings.IndexByte("hlL", template[i]) >= 0 {
			i++ // length modifiers are accepted and ignored, as in Python
		}
		if i >= len(template) {
			return "", fmt.Errorf("incomplete format")
		}
		spec, conv := template[specStart:i], template[i]
		v, ok := values[key]
		if !ok {
			return "", fmt.Errorf("unknown token %%(%s): expected one of rev, slug, epoch, year, month, day, hour, minute, second", key)
		}
		s, err := formatOne(spec, conv, v)
		if err != nil {
			return "", fmt.Errorf("%%(%s)%s%c: %w", key, spec, conv, err)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// formatOne applies one Python conversion to a value.
func formatOne(spec string, conv byte, v any) (string, error) {
	flags := strings.TrimLeft(spec, "#0- +")
	flagPart := spec[:len(spec)-len(flags)]
	width, precision := flags, ""
	hasPrecision := false
	if i := strings.IndexByte(flags, '.'); i >= 0 {
		width, precision, hasPrecision = flags[:i], flags[i+1:], true
	}
	pad := func(s string) string {
		w, _ := strconv.Atoi(width)
		if len([]rune(s)) >= w {
			return s
		}
		fill := strings.Repeat(" ", w-len([]rune(s)))
		if strings.Contains(flagPart, "-") {
			return s + fill
		}
		return fill + s
	}
	switch conv {
	case 's', 'r', 'a':
		var s string
		switch x := v.(type) {
		case string:
			s = x
			if conv != 's' {
				s = pyRepr(x)
			}
		case int64:
			s = strconv.FormatInt(x, 10)
		}
		if hasPrecision {
			p, _ := strconv.Atoi(precision)
			if r := []rune(s); len(r) > p {
				s = string(r[:p])
			}
		}
		return pad(s), nil
	case 'd', 'i', 'u', 'x', 'X', 'o', 'e', 'E', 'f', 'F', 'g', 'G', 'c':
		n, ok := v.(int64)
		if !ok {
			return "", fmt.Errorf("%%%c format: a real number is required, not str", conv)
		}
		goConv := conv
		switch conv {
		case 'i', 'u':
			goConv = 'd'
		case 'F':
			goConv = 'f'
		}
		if conv == 'c' {
			return pad(string(rune(n))), nil
		}
		if strings.IndexByte("eEfFgG", conv) >= 0 {
			return fmt.Sprintf("%"+spec+string(goConv), float64(n)), nil
		}
		if conv == 'o' && strings.Contains(flagPart, "#") {
			// Python's alternate octal form is 0o17, Go's is 017.
			body := fmt.Sprintf("%"+strings.ReplaceAll(spec, "#", "")+"o", n)
			return strings.Replace(body, strings.TrimSpace(body), "0o"+strings.TrimSpace(body), 1), nil
		}
		return fmt.Sprintf("%"+spec+string(goConv), n), nil
	}
	return "", fmt.Errorf("unsupported format character '%c'", conv)
}

// createDate is the revision's creation time: now in the configured zone
// (tz-aware, like Alembic with dateutil), or local time when none is set.
func createDate(now time.Time, timezone string) (time.Time, error) {
	if timezone == "" {
		return now.Local(), nil
	}
	loc, err := time.LoadLocation(timezone)
	if err != nil {
		// Alembic retries the upper-cased name (e.g. "utc").
		loc, err = time.LoadLocation(strings.ToUpper(timezone))
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("Can't locate timezone: %s", timezone)
	}
	return now.In(loc), nil
}

// pythonDatetime formats t as Python's str(datetime): microseconds only
// when non-zero, and the UTC offset only for aware datetimes.
func pythonDatetime(t time.Time, aware bool) string {
	s := t.Format("2006-01-02 15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	if aware {
		_, off := t.Zone()
		sign := '+'
		if off < 0 {
			sign, off = '-', -off
		}
		s += fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
		if off%60 != 0 {
			s += fmt.Sprintf(":%02d", off%60)
		}
	}
	return s
}
