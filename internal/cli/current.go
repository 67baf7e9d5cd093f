package cli

import (
	"slices"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/revision"
)

// errNotAtHeads is Alembic 1.17's DatabaseNotAtHead, raised by
// "current --check-heads": a command error, so "FAILED: ..." and status 255.
var errNotAtHeads = &revision.CommandError{Message: "Database is not on all head revisions"}

func (inv *invocation) runCurrent(verbose, checkHeads bool, format string) error {
	return inv.withProject(func(p *command.Project) error {
		revs, err := command.Current(inv.ctx, p)
		if err != nil {
			return err
		}
		if format == formatJSON {
			return inv.currentJSON(p, revs, checkHeads)
		}
		if verbose {
			url, err := p.MaskedURL()
			if err != nil {
				return err
			}
			inv.printf("Current revision(s) for %s:\n", url)
		}
		if checkHeads {
			// Alembic checks after the verbose heading and before listing
			// anything: the database's rows against the scripts' heads.
			heads, err := command.Heads(p, false)
			if err != nil {
				return err
			}
			if !sameIDs(views(p, revs, nil), views(p, heads, nil)) {
				return errNotAtHeads
			}
		}
		printCurrent(inv.stdout, views(p, revs, nil), verbose)
		return nil
	})
}

// sameIDs reports whether two lists name the same revisions, in any order.
func sameIDs(a, b []*scriptView) bool {
	ids := func(vs []*scriptView) []string {
		out := make([]string, 0, len(vs))
		for _, v := range vs {
			if !slices.Contains(out, v.ID) {
				out = append(out, v.ID)
			}
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(ids(a), ids(b))
}

// checkHeadsShorthand gives "-c" after the "current" command the meaning
// Alembic 1.17 gives it there: --check-heads (its subcommand parser has
// "-c/--check-heads", which shadows the global "-c CONFIG" that retort
// otherwise also accepts after the command). Tokens after a bare "--" are
// left alone.
func checkHeadsShorthand(args []string) []string {
	cmd := commandIndex(args)
	if cmd < 0 || args[cmd] != "current" {
		return args
	}
	out := slices.Clone(args)
	for i := cmd + 1; i < len(out); i++ {
		if out[i] == "--" {
			break
		}
		if out[i] == "-c" {
			out[i] = "--check-heads"
		}
	}
	return out
}

// commandIndex finds the command word in argv: the first argument that is
// neither a global flag nor the value of one; -1 when there is none or a
// bare "--" comes first.
func commandIndex(args []string) int {
	globalValued := map[string]bool{"-c": true, "--config": true, "-n": true, "--name": true, "-x": true, "--x-arg": true}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return -1
		}
		if globalValued[a] {
			i++
			continue
		}
		if len(a) > 1 && a[0] == '-' {
			continue
		}
		return i
	}
	return -1
}
