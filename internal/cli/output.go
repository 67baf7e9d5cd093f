package cli

import (
	"fmt"
	"slices"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/script"
)

// views turns scripts into what the text rules read, marking current ones.
func views(p *command.Project, scripts []*script.Script, current []string) []*scriptView {
	out := make([]*scriptView, len(scripts))
	for i, s := range scripts {
		out[i] = viewOf(p, s, current)
	}
	return out
}

// viewOf gathers what Alembic's Script formatting reads for one script.
func viewOf(p *command.Project, s *script.Script, current []string) *scriptView {
	m := p.Scripts.Map
	r := s.Revision
	v := &scriptView{
		ID:            r.ID,
		DownRevisions: r.DownRevisions,
		DependsOn:     r.DependsOn,
		BranchLabels:  m.BranchLabels(r),
		Path:          s.Path,
		LongDoc:       s.LongDoc,
		Current:       slices.Contains(current, r.ID),
	}
	for _, c := range m.Children(r) {
		v.Children = append(v.Children, c.ID)
	}
	v.Dependents = !m.IsRealHead(r)
	return v
}

func (inv *invocation) runHeads(verbose, resolve bool, format string) error {
	return inv.withProject(func(p *command.Project) error {
		heads, err := command.Heads(p, resolve)
		if err != nil {
			return err
		}
		if format == formatJSON {
			return inv.writeJSON(headsJSON{Heads: revisionsJSON(p, heads, nil)})
		}
		printHeads(inv.stdout, views(p, heads, nil), verbose)
		return nil
	})
}

func (inv *invocation) runBranches(verbose bool, format string) error {
	return inv.withProject(func(p *command.Project) error {
		points, err := command.Branches(p)
		if err != nil {
			return err
		}
		if format == formatJSON {
			return inv.writeJSON(branchesJSON{BranchPoints: revisionsJSON(p, points, nil)})
		}
		byID := func(id string) *scriptView {
			if s := p.Scripts.Script(id); s != nil {
				return viewOf(p, s, nil)
			}
			return nil
		}
		printBranches(inv.stdout, views(p, points, nil), byID, verbose)
		return nil
	})
}

func (inv *invocation) runHistory(o command.HistoryOptions, verbose bool, format string) error {
	return inv.withProject(func(p *command.Project) error {
		res, err := command.History(inv.ctx, p, o)
		if err != nil {
			return err
		}
		if format == formatJSON {
			return inv.writeJSON(historyJSON{Revisions: revisionsJSON(p, res.Scripts, res.Current), Current: res.Current})
		}
		var current []string
		if o.IndicateCurrent {
			current = res.Current
		}
		printHistory(inv.stdout, views(p, res.Scripts, current), verbose)
		return nil
	})
}

func (inv *invocation) runShow(rev, format string) error {
	return inv.withProject(func(p *command.Project) error {
		revs, err := command.Show(inv.ctx, p, rev)
		if err != nil {
			return err
		}
		if format == formatJSON {
			return inv.writeJSON(showJSON{Revisions: revisionsJSON(p, revs, nil)})
		}
		printShow(inv.stdout, views(p, revs, nil))
		return nil
	})
}

// logEvent renders the runtime's events as Alembic's INFO lines on stderr,
// or hands them to the program's logger when it has one.
func (inv *invocation) logEvent(e migration.Event) {
	if l := inv.prog.Logger; l != nil {
		switch e := e.(type) {
		case migration.WarnEvent:
			l.Warn(inv.mask(e.WarningMessage()))
		case migration.Statement:
			if !inv.quiet {
				l.Debug(inv.mask(e.SQL))
			}
		case migration.LogEvent:
			if !inv.quiet {
				l.Info(inv.mask(e.LogMessage()))
			}
		}
		return
	}
	if we, ok := e.(migration.WarnEvent); ok {
		fmt.Fprintf(inv.stderr, "WARNING: %s\n", inv.mask(we.WarningMessage()))
		return
	}
	if inv.quiet {
		return
	}
	if n, ok := e.(migration.Notice); ok {
		fmt.Fprintf(inv.stderr, "retort: %s\n", inv.mask(n.Message))
		return
	}
	if le, ok := e.(migration.LogEvent); ok {
		fmt.Fprintf(inv.stderr, "INFO  [alembic.runtime.migration] %s\n", inv.mask(le.LogMessage()))
	}
}

// warn reports a one-line warning of the command layer.
func (inv *invocation) warn(msg string) {
	if l := inv.prog.Logger; l != nil {
		l.Warn(inv.mask(msg))
		return
	}
	fmt.Fprintf(inv.stderr, "WARNING [retort] %s\n", inv.mask(msg))
}
