// Package sqlbuild is retort's small SQL text toolkit shared by the dialect
// compilers: identifier quoting with SQLAlchemy's quote-only-when-needed rule
// ([Quoter]), SQL literal rendering ([LiteralStyle]) and a statement builder
// ([Builder]). It knows no schema model and imports only the standard library.
package sqlbuild

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Quoter quotes identifiers the way SQLAlchemy's IdentifierPreparer does: a
// name is left bare unless it is a reserved word of the dialect, contains an
// upper-case letter, contains a character outside [A-Za-z0-9_$], or starts
// with a digit or '$'. Quoted names have the quote character doubled inside.
type Quoter struct {
	// Quote is the quote character: '"' for PostgreSQL and SQLite, '`' for MySQL.
	Quote byte
	// Reserved holds lower-case reserved words that force quoting.
	Reserved map[string]struct{}
}

// NeedsQuote reports whether name must be quoted.
func (q Quoter) NeedsQuote(name string) bool {
	if name == "" {
		return true
	}
	lower := strings.ToLower(name)
	if _, ok := q.Reserved[lower]; ok {
		return true
	}
	if lower != name {
		return true
	}
	if c := name[0]; (c >= '0' && c <= '9') || c == '$' {
		return true
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		legal := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
		if !legal {
			return true
		}
	}
	return false
}

// Ident returns name, quoted when NeedsQuote says so.
func (q Quoter) Ident(name string) string {
	if !q.NeedsQuote(name) {
		return name
	}
	return q.Force(name)
}

// Force always quotes name, doubling embedded quote characters.
func (q Quoter) Force(name string) string {
	qs := string(q.Quote)
	return qs + strings.ReplaceAll(name, qs, qs+qs) + qs
}

// Qualified quotes a possibly schema-qualified name: "schema.name" when
// schemaName is set, each part quoted separately.
func (q Quoter) Qualified(schemaName, name string) string {
	if schemaName == "" {
		return q.Ident(name)
	}
	return q.Ident(schemaName) + "." + q.Ident(name)
}

// LiteralStyle says how a dialect spells literals.
type LiteralStyle struct {
	// BackslashEscapes doubles backslashes inside string literals, as
	// SQLAlchemy does for MySQL and (in offline mode, where it cannot ask the
	// server about standard_conforming_strings) PostgreSQL.
	BackslashEscapes bool
	// True and False spell booleans: "true"/"false" on PostgreSQL and MySQL, "1"/"0" on SQLite.
	True, False string
	// Bytes renders a []byte literal; nil renders X'hex'.
	Bytes func([]byte) string
}

// String renders s as a quoted string literal.
func (l LiteralStyle) String(s string) string {
	s = strings.ReplaceAll(s, "'", "''")
	if l.BackslashEscapes {
		s = strings.ReplaceAll(s, `\`, `\\`)
	}
	return "'" + s + "'"
}

// Literal renders a Go value as a SQL literal. It accepts nil, bool, the
// integer and float kinds, string, []byte and time.Time; anything else is an
// error naming the type.
func (l LiteralStyle) Literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case bool:
		if x {
			return l.trueWord(), nil
		}
		return l.falseWord(), nil
	case int:
		return strconv.FormatInt(int64(x), 10), nil
	case int8:
		return strconv.FormatInt(int64(x), 10), nil
	case int16:
		return strconv.FormatInt(int64(x), 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint8:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint16:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint32:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float32:
		return FormatFloat(float64(x))
	case float64:
		return FormatFloat(x)
	case string:
		return l.String(x), nil
	case []byte:
		if l.Bytes != nil {
			return l.Bytes(x), nil
		}
		return "X'" + hex.EncodeToString(x) + "'", nil
	case time.Time:
		return l.String(x.Format("2006-01-02 15:04:05.999999")), nil
	}
	return "", fmt.Errorf("sqlbuild: no literal rendering for a value of type %T", v)
}

func (l LiteralStyle) trueWord() string {
	if l.True == "" {
		return "true"
	}
	return l.True
}

func (l LiteralStyle) falseWord() string {
	if l.False == "" {
		return "false"
	}
	return l.False
}

// FormatFloat renders a float the way Python's repr() does (1.5, 1e-05,
// 1e+20, 3.0), which is what SQLAlchemy prints for Float literals.
// NaN and infinities have no SQL literal and are an error.
func FormatFloat(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("sqlbuild: no SQL literal for float %v", f)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e16 {
		return strconv.FormatFloat(f, 'f', 1, 64), nil
	}
	abs := math.Abs(f)
	if abs >= 1e-4 && abs < 1e16 {
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	// Go writes 1e-05 as "1e-05" and 1e+20 as "1e+20", as Python does.
	return s, nil
}

// Builder accumulates one SQL statement. Its methods return the builder so
// that calls chain: b.P("ALTER TABLE").Table("", "t").P("ADD").Ident("c").
// Words written with P are separated by single spaces.
type Builder struct {
	Q   Quoter
	buf strings.Builder
}

// NewBuilder returns an empty builder quoting with q.
func NewBuilder(q Quoter) *Builder { return &Builder{Q: q} }

func (b *Builder) space() {
	if b.buf.Len() == 0 {
		return
	}
	s := b.buf.String()
	switch s[len(s)-1] {
	case ' ', '(', '\n', '\t':
		return
	}
	b.buf.WriteByte(' ')
}

// P writes words, each preceded by a space when needed.
func (b *Builder) P(words ...string) *Builder {
	for _, w := range words {
		if w == "" {
			continue
		}
		b.space()
		b.buf.WriteString(w)
	}
	return b
}

// Raw writes s exactly, with no separating space.
func (b *Builder) Raw(s string) *Builder {
	b.buf.WriteString(s)
	return b
}

// Ident writes a quoted-when-needed identifier.
func (b *Builder) Ident(name string) *Builder {
	return b.P(b.Q.Ident(name))
}

// Table writes a possibly schema-qualified table name.
func (b *Builder) Table(schemaName, name string) *Builder {
	return b.P(b.Q.Qualified(schemaName, name))
}

// IdentList writes "(a, b, c)" with each name quoted when needed.
func (b *Builder) IdentList(names []string) *Builder {
	b.space()
	b.buf.WriteString(b.Q.List(names))
	return b
}

// String returns the statement text.
func (b *Builder) String() string { return b.buf.String() }

// List renders "(a, b, c)" with each name quoted when needed.
func (q Quoter) List(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = q.Ident(n)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
