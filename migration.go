package retort

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

// Migration is a revision written in Go. It joins the revision graph of
// the .py and .sql scripts: its DownRevision may name a script's revision,
// and a script's "Revises:" may name it.
type Migration struct {
	// Revision is the revision id; required, unique in the graph.
	Revision string
	// DownRevision is the parent revision; "" for a base. Set it or
	// DownRevisions (a merge), not both.
	DownRevision string
	// DownRevisions are the parents of a merge revision.
	DownRevisions []string
	// BranchLabels are the branch labels this revision declares.
	BranchLabels []string
	// DependsOn are revisions (ids or labels) this one depends on.
	DependsOn []string
	// Message is what history shows.
	Message string
	// Upgrade applies the revision; required.
	Upgrade func(ctx context.Context, op *Operations) error
	// Downgrade reverts it; nil makes a downgrade through it fail.
	Downgrade func(ctx context.Context, op *Operations) error
}

// validate reports a Migration that cannot join a graph.
func (m Migration) validate() error {
	switch {
	case strings.TrimSpace(m.Revision) == "":
		return errors.New("retort: a Migration needs a Revision")
	case strings.ContainsAny(m.Revision, "+-@: "):
		return fmt.Errorf("retort: migration %q: a revision id may not contain +, -, @, : or spaces", m.Revision)
	case m.DownRevision != "" && len(m.DownRevisions) > 0:
		return fmt.Errorf("retort: migration %s: set DownRevision or DownRevisions, not both", m.Revision)
	case m.Upgrade == nil:
		return fmt.Errorf("retort: migration %s has no Upgrade function", m.Revision)
	}
	return nil
}

// parents is DownRevision or DownRevisions as a list.
func (m Migration) parents() []string {
	if m.DownRevision != "" {
		return []string{m.DownRevision}
	}
	return append([]string(nil), m.DownRevisions...)
}

// goMigrations turns Migrations into what the command layer runs.
func goMigrations(ms []Migration) []command.GoMigration {
	out := make([]command.GoMigration, 0, len(ms))
	for _, m := range ms {
		path := "go:" + m.Revision
		s := &script.Script{Kind: script.KindGo, Path: path, Doc: m.Message, LongDoc: m.Message,
			Message: strings.SplitN(m.Message, "\n", 2)[0],
			Revision: &revision.Revision{ID: m.Revision, DownRevisions: m.parents(),
				BranchLabels: append([]string(nil), m.BranchLabels...), DependsOn: append([]string(nil), m.DependsOn...),
				Path: path, Doc: m.Message}}
		up, down := m.Upgrade, m.Downgrade
		rev := m.Revision
		g := command.GoMigration{Script: s}
		g.Upgrade = func(ctx context.Context, sink ops.Sink) error {
			return up(ctx, &Operations{ctx: ctx, sink: sink})
		}
		g.Downgrade = func(ctx context.Context, sink ops.Sink) error {
			if down == nil {
				return fmt.Errorf("migration %s has no Downgrade function", rev)
			}
			return down(ctx, &Operations{ctx: ctx, sink: sink})
		}
		out = append(out, g)
	}
	return out
}
