package command

import (
	"context"
	"strings"

	"github.com/retort-dev/retort/revision"
)

// GraphOptions are the flags of the graph command.
type GraphOptions struct {
	// Range is -r/--rev-range: "[start]:[end]", as for history.
	Range string
	// HasRange reports that -r was given.
	HasRange bool
	// NoDB skips reading the database: no revision is marked current.
	NoDB bool
}

// GraphResult is what graph draws.
type GraphResult struct {
	// Revisions are those in the range, in history order; nil when no
	// range was given (the whole map).
	Revisions []*revision.Revision
	// Current are the database's current revisions, dependencies included
	// (what the current command lists); nil when the database was not read.
	Current []string
	// CurrentRead reports that the database was read (Current may then
	// be empty: nothing applied yet).
	CurrentRead bool
	// Unread explains why the database could not be read, when it was
	// meant to be: the graph is then drawn without current marks.
	Unread error
}

// Graph gathers the revisions and current marks the graph command draws.
// A database that cannot be read is not an error (the reason is in
// Unread) unless the range itself names "current".
func Graph(ctx context.Context, p *Project, o GraphOptions) (*GraphResult, error) {
	var lower, upper string
	if o.HasRange {
		var ok bool
		lower, upper, ok = strings.Cut(strings.TrimSpace(o.Range), ":")
		if !ok || strings.Contains(upper, ":") {
			return nil, &revision.CommandError{Message: "Graph range requires [start]:[end], [start]:, or :[end]"}
		}
	}
	needsCurrent := lower == "current" || upper == "current"
	if needsCurrent && o.NoDB {
		return nil, &revision.CommandError{Message: "Graph range names 'current', which needs the database; drop --no-db"}
	}
	res := &GraphResult{}
	var rows []string
	if !o.NoDB {
		var err error
		rows, err = readVersionRows(ctx, p)
		if err == nil {
			var revs []*revision.Revision
			if revs, err = p.Scripts.Map.CurrentHeads(rows); err != nil {
				err = failure(err)
			}
			for _, r := range revs {
				res.Current = append(res.Current, r.ID)
			}
		}
		switch {
		case err != nil && needsCurrent:
			return nil, err
		case err != nil:
			res.Current, res.Unread = nil, err
		default:
			res.CurrentRead = true
		}
	}
	if o.HasRange {
		revs, err := walkWithCurrent(p.Scripts.Map, lower, upper, rows)
		if err != nil {
			return nil, err
		}
		res.Revisions = revs
		if res.Revisions == nil {
			res.Revisions = []*revision.Revision{}
		}
	}
	return res, nil
}
