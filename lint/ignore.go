package lint

import (
	"strings"
)

// ScriptKind tells how a script writes comments.
type ScriptKind int

// The script kinds.
const (
	KindSQL ScriptKind = iota
	KindPython
)

// Ignores are a script's lint-ignore comments: which rules are silenced
// on which line.
type Ignores struct {
	byLine  map[int][]string
	all     map[string]bool
	unknown []UnknownRule
}

// UnknownRule is a lint-ignore comment naming no rule (a typo silences
// nothing, so the command says so).
type UnknownRule struct {
	Line int
	Rule string
}

// Unknown lists the rule names of the script's comments that are no rule.
func (ig Ignores) Unknown() []UnknownRule { return ig.unknown }

// silences reports whether rule is ignored for the statement at line.
func (ig Ignores) silences(line int, rule string) bool {
	for _, r := range ig.byLine[line] {
		if r == rule {
			return true
		}
	}
	return false
}

// anywhere reports whether some comment of the script names rule; it is
// how no-downgrade, a finding about the whole script, is silenced.
func (ig Ignores) anywhere(rule string) bool { return ig.all[rule] }

// ParseIgnores finds the lint-ignore comments of a script and the line of
// the statement each one silences:
//
//   - .sql: a "-- retort:lint-ignore RULE [RULE...]" line silences the
//     next statement (the next line that is neither blank nor a comment);
//   - .py: "# retort: lint-ignore RULE [RULE...]" at the end of a line
//     silences the op called on that line; alone on its line, the op on
//     the next line of code.
//
// Rules may be separated by spaces or commas; text after " -- " or "#"
// inside the comment is a remark.
func ParseIgnores(kind ScriptKind, src []byte) Ignores {
	ig := Ignores{byLine: map[int][]string{}, all: map[string]bool{}}
	lines := strings.Split(string(src), "\n")
	var pending []string // rules waiting for the next line of code
	for i, line := range lines {
		lineNo := i + 1
		code, comment := splitComment(kind, line)
		rules := ignoredRules(kind, comment)
		for _, r := range rules {
			ig.all[r] = true
			if _, ok := ruleByID(r); !ok {
				ig.unknown = append(ig.unknown, UnknownRule{Line: lineNo, Rule: r})
			}
		}
		if strings.TrimSpace(code) == "" {
			pending = append(pending, rules...)
			continue
		}
		ig.byLine[lineNo] = append(ig.byLine[lineNo], pending...)
		pending = nil
		if kind == KindPython {
			ig.byLine[lineNo] = append(ig.byLine[lineNo], rules...)
		}
	}
	return ig
}

// splitComment splits a line into code and its comment. A .sql comment is
// a whole "--" line (the directive must start its line); a .py comment
// starts at a "#" outside a string.
func splitComment(kind ScriptKind, line string) (code, comment string) {
	if kind == KindSQL {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			return "", strings.TrimSpace(line)
		}
		return line, ""
	}
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#':
			return line[:i], line[i:]
		}
	}
	return line, ""
}

// ignoredRules reads the rule ids of a lint-ignore comment.
func ignoredRules(kind ScriptKind, comment string) []string {
	marker := "#"
	if kind == KindSQL {
		marker = "--"
	}
	rest, ok := strings.CutPrefix(comment, marker)
	if !ok {
		return nil
	}
	rest = strings.TrimSpace(rest)
	rest, ok = strings.CutPrefix(rest, "retort:")
	if !ok {
		return nil
	}
	rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "lint-ignore")
	if !ok {
		return nil
	}
	for _, stop := range []string{" -- ", "#"} {
		if i := strings.Index(rest, stop); i >= 0 {
			rest = rest[:i]
		}
	}
	return strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
}
