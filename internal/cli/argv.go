package cli

import (
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
)

// relativeMarker prefixes argv tokens that look like negative numbers ("-1",
// "-12") so that pflag does not read them as shorthand flags. Alembic's
// argparse treats such tokens as positional values because no option of its
// parser looks like a number; retort keeps that rule for every command.
// The marker is a private-use rune, so it never collides with user input.
const relativeMarker = "\uE000"

// negativeNumber is argparse's test for "looks like a negative number".
var negativeNumber = lazyre.New(`^-\d+$|^-\d*\.\d+$`)

// protectRelative marks the negative-number tokens of argv. Tokens after a
// bare "--" are left as they are: pflag already treats them as positional.
func protectRelative(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		if negativeNumber().MatchString(a) {
			a = relativeMarker + a
		}
		out[i] = a
	}
	return out
}

// unmark returns a positional argument or flag value as the user typed it.
func unmark(s string) string {
	return strings.TrimPrefix(s, relativeMarker)
}

// unmarkAll applies unmark to every element.
func unmarkAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = unmark(s)
	}
	return out
}

// missingValue finds a flag that takes a value but is followed by another
// option instead, such as "history -r -2:". argparse refuses it ("expected
// one argument") where pflag would take "-2:" as the value; retort keeps
// argparse's rule so that such commands fail the same way. valued holds
// the value-taking flags as typed ("-r", "--rev-range"); negative numbers
// are values, not options.
func missingValue(args []string, valued map[string]bool) (string, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		if !valued[a] || i+1 >= len(args) {
			continue
		}
		next := args[i+1]
		if strings.HasPrefix(next, "-") && next != "-" && !negativeNumber().MatchString(next) {
			return a, true
		}
	}
	return "", false
}
