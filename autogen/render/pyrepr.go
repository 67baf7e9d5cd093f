package render

import (
	"github.com/retort-dev/retort/internal/pyrepr"
	"strings"
)

// pyStr renders s as Python's repr() of a str does: single quotes unless
// the text holds a single quote and no double quote, with backslash escapes
// for the quote, backslashes and unprintable characters.
func pyStr(s string) string { return pyrepr.Str(s) }

// pyList renders a list of strings as Python's repr() of a list does.
func pyList(items []string) string { return pyrepr.List(items) }

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
