package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/revision"
)

// revIDIllegal are the characters refused in a --rev-id: Alembic's ("@",
// "-", "+", and since 1.17.1 ":", which the range syntax owns) and the path
// separators, which would put the script file outside the versions
// directory ("--rev-id ../../evil").
var revIDIllegal = []string{"+", "-", "/", ":", "@", `\`}

// checkRevID refuses a hard-coded revision id with Alembic's message,
// before any file is written.
func checkRevID(id string) error {
	var bad []string
	for _, c := range revIDIllegal {
		if strings.Contains(id, c) {
			bad = append(bad, c)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	return &revision.CommandError{Message: fmt.Sprintf("Character(s) '%s' not allowed in revision identifier '%s'", strings.Join(bad, ", "), id)}
}

// relativeStep is a revision written as a step from the heads ("-2",
// "billing@-1", "+1"): what Alembic's get_revision cannot resolve.
var relativeStep = lazyre.New(`^(?:(.+?)@)?([+-]\d+)$`)

// upwardStep is an upper bound that Alembic walks up from the lower bound
// ("+1": no branch label, no revision before the sign).
var upwardStep = lazyre.New(`^\+\d+`)

// checkHistoryRange refuses the ranges Alembic refuses before walking
// anything: "history -r -2:+1" walks +1 up from the revision "-2", which
// its get_revision cannot resolve ("Can't locate revision identified by
// '-2'"), where retort's graph would happily resolve both ends.
func checkHistoryRange(rng string) error {
	lower, upper, ok := strings.Cut(strings.TrimSpace(rng), ":")
	if !ok || !upwardStep().MatchString(upper) {
		return nil
	}
	m := relativeStep().FindStringSubmatch(lower)
	if m == nil {
		return nil
	}
	return &revision.CommandError{Message: fmt.Sprintf("Can't locate revision identified by '%s'", m[2])}
}
