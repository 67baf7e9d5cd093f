package revision

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Relative is a parsed relative identifier: [LABEL@][SYMBOL](+|-)N, e.g.
// "+2", "-1", "ae10+2", "mybranch@-1", "mybranch@ae10+1".
type Relative struct {
	Label  string // "" when absent
	Symbol string // the revision the walk starts from; "" = the current heads
	Delta  string // the signed number as written: "+2", "-1", "-01"
	Steps  int    // Delta as a number
}

// ParseRelative recognises a relative identifier the way Alembic's
// pattern `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)` does: anchored at the start (not
// at the end: trailing text is ignored), the label being the shortest
// prefix before an "@" that lets the rest match, the symbol a run of word
// characters. It reports false for absolute identifiers.
func ParseRelative(s string) (Relative, bool) {
	for i := 1; i < len(s); i++ {
		if s[i] == '\n' || s[0] == '\n' {
			break // "." does not match a newline, so the label ends here
		}
		if s[i] != '@' {
			continue
		}
		if rel, ok := parseSymbolDelta(s[i+1:]); ok {
			rel.Label = s[:i]
			return rel, true
		}
	}
	return parseSymbolDelta(s)
}

func parseSymbolDelta(s string) (Relative, bool) {
	j := 0
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			break
		}
		j += size
	}
	if j >= len(s) || (s[j] != '+' && s[j] != '-') {
		return Relative{}, false
	}
	k := j + 1
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == j+1 {
		return Relative{}, false
	}
	delta := s[j:k]
	steps, _ := parsePythonInt(delta)
	return Relative{Symbol: s[:j], Delta: delta, Steps: steps}, true
}

// Identifier is a parsed revision identifier, for callers that want to
// know its shape before resolving it against a map.
type Identifier struct {
	Relative   *Relative // set for relative forms
	Label      string    // the part before the first "@" of an absolute identifier
	Symbol     string    // the rest: an id, prefix, label, "head", "heads" or "base"
	RangeLower string    // for "START:END": the text before the colon
	RangeUpper string    // for "START:END": the text after it
	IsRange    bool
}

// ParseIdentifier splits an identifier into its parts without resolving
// it: a range "START:END" (either side may be empty), a relative form, or
// an absolute [LABEL@]SYMBOL. It never fails; resolution reports errors.
func ParseIdentifier(s string) Identifier {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return Identifier{IsRange: true, RangeLower: s[:i], RangeUpper: s[i+1:]}
	}
	if rel, ok := ParseRelative(s); ok {
		return Identifier{Relative: &rel, Label: rel.Label, Symbol: rel.Symbol}
	}
	if at := strings.IndexByte(s, '@'); at >= 0 {
		return Identifier{Label: s[:at], Symbol: s[at+1:]}
	}
	return Identifier{Symbol: s}
}
