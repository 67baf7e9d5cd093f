package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/script"
)

// graphDBTimeout bounds the wait for the database's current revisions: a
// picture should not hang on a server that does not answer.
const graphDBTimeout = 10 * time.Second

// The graph command's formats.
const (
	formatASCII   = "ascii"
	formatDOT     = "dot"
	formatMermaid = "mermaid"
)

func (inv *invocation) graphCommand() *cobra.Command {
	var o command.GraphOptions
	var format string
	c := &cobra.Command{
		Use:   "graph",
		Short: "Draw the revision graph, marking heads, branch points, merges, labels, dependencies and the current revisions.",
		Args:  noArgs,
	}
	f := c.Flags()
	formatFlag(c, &format, formatASCII, formatASCII, formatDOT, formatMermaid, formatJSON)
	f.StringVarP(&o.Range, "rev-range", "r", "", "Specify a revision range; format is [start]:[end]")
	f.BoolVar(&o.NoDB, "no-db", false, "Don't read the database: mark no revision current")
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatASCII, formatDOT, formatMermaid, formatJSON); err != nil {
			return err
		}
		o.HasRange = c.Flags().Changed("rev-range")
		if o.HasRange {
			if err := checkHistoryRange(o.Range); err != nil {
				return err
			}
		}
		return inv.runGraph(o, format)
	})
	return c
}

func (inv *invocation) runGraph(o command.GraphOptions, format string) error {
	return inv.withProject(func(p *command.Project) error {
		ctx, cancel := context.WithTimeout(inv.ctx, graphDBTimeout)
		defer cancel()
		res, err := command.Graph(ctx, p, o)
		if err != nil {
			return err
		}
		if res.Unread != nil {
			fmt.Fprintf(inv.stderr, "retort: graph: no current revisions shown: %s\n", inv.mask(oneLine(res.Unread.Error())))
		}
		m := p.Scripts.Map
		g := graph.New(m, res.Revisions, res.Current)
		switch format {
		case formatDOT:
			_, err = fmt.Fprint(inv.stdout, g.DOT())
		case formatMermaid:
			_, err = fmt.Fprint(inv.stdout, g.Mermaid())
		case formatJSON:
			return inv.writeJSON(graphDocument(p, g, res))
		default:
			_, err = fmt.Fprint(inv.stdout, g.ASCII(graph.DefaultWidth))
		}
		return err
	})
}

// graphDocument is the JSON form of a graph: its revisions in drawing
// order, and the current revisions (null when the database was not read).
func graphDocument(p *command.Project, g *graph.Graph, res *command.GraphResult) graphJSON {
	var current []string
	if res.CurrentRead {
		current = nonNil(res.Current)
	}
	scripts := make([]*script.Script, 0, len(g.Nodes))
	for _, n := range g.Nodes {
		if s := p.Scripts.Script(n.ID); s != nil {
			scripts = append(scripts, s)
		}
	}
	return graphJSON{Revisions: revisionsJSON(p, scripts, current), Current: current}
}

// oneLine keeps the first line of a message, for one-line warnings.
func oneLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
