package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/script"
)

// The --format flag of the listing commands: Alembic's text, or one JSON
// document on stdout whose fields the README's "JSON output" section
// documents. Field names are a promise: add fields, never rename them.

const (
	formatText = "text"
	formatJSON = "json"
)

// formatFlag adds --format to c, defaulting to def.
func formatFlag(c *cobra.Command, value *string, def string, choices ...string) {
	c.Flags().StringVar(value, "format", def, "Output format: "+strings.Join(choices, ", "))
}

// checkFormat refuses a --format value outside choices the way argparse
// refuses a choice, and switches failures to stderr for JSON, so that
// stdout holds the document alone.
func (inv *invocation) checkFormat(value string, choices ...string) error {
	if !slices.Contains(choices, value) {
		quoted := make([]string, len(choices))
		for i, c := range choices {
			quoted[i] = "'" + c + "'"
		}
		return &usageError{msg: fmt.Sprintf("argument --format: invalid choice: '%s' (choose from %s)", value, strings.Join(quoted, ", "))}
	}
	if value == formatJSON {
		inv.jsonMode = true
	}
	return nil
}

// writeJSON writes one JSON document on stdout, indented, with a final
// newline.
func (inv *invocation) writeJSON(doc any) error {
	enc := json.NewEncoder(inv.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing JSON to standard output: %w", err)
	}
	return nil
}

// revisionJSON is one revision in every JSON document.
type revisionJSON struct {
	ID            string   `json:"id"`
	DownRevisions []string `json:"down_revisions"`
	DependsOn     []string `json:"depends_on"`
	BranchLabels  []string `json:"branch_labels"`
	Children      []string `json:"children"`
	Head          bool     `json:"head"`
	EffectiveHead bool     `json:"effective_head"`
	BranchPoint   bool     `json:"branch_point"`
	MergePoint    bool     `json:"merge_point"`
	// Current is present only when the command read the database.
	Current    *bool  `json:"current,omitempty"`
	Message    string `json:"message"`
	Doc        string `json:"doc"`
	CreateDate string `json:"create_date"`
	Path       string `json:"path"`
}

// revisionsJSON describes scripts; current, when not nil, is the list of
// revisions the database is at, and sets every "current" field.
func revisionsJSON(p *command.Project, scripts []*script.Script, current []string) []revisionJSON {
	out := make([]revisionJSON, 0, len(scripts))
	for _, s := range scripts {
		v := viewOf(p, s, current)
		r := revisionJSON{
			ID:            v.ID,
			DownRevisions: nonNil(v.DownRevisions),
			DependsOn:     nonNil(v.DependsOn),
			BranchLabels:  nonNil(v.BranchLabels),
			Children:      nonNil(v.Children),
			Head:          v.isHead(),
			EffectiveHead: v.isHead() && !v.isRealHead(),
			BranchPoint:   v.isBranchPoint(),
			MergePoint:    v.isMergePoint(),
			Message:       s.Message,
			Doc:           v.doc(),
			CreateDate:    s.CreateDate,
			Path:          v.Path,
		}
		if current != nil {
			r.Current = &v.Current
		}
		out = append(out, r)
	}
	return out
}

// nonNil makes an absent list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// idsJSON is a list of ids that encodes as [] when empty.
func idsJSON(scripts []*script.Script) []string {
	out := make([]string, 0, len(scripts))
	for _, s := range scripts {
		out = append(out, s.Revision.ID)
	}
	return out
}

// The documents, one per command.

type headsJSON struct {
	Heads []revisionJSON `json:"heads"`
}

type branchesJSON struct {
	BranchPoints []revisionJSON `json:"branch_points"`
}

type historyJSON struct {
	Revisions []revisionJSON `json:"revisions"`
	// Current is the version table's rows when the command read them
	// (-i, or "current" in the range), else null.
	Current []string `json:"current"`
}

type showJSON struct {
	Revisions []revisionJSON `json:"revisions"`
}

type currentJSON struct {
	URL     string         `json:"url"`
	Current []revisionJSON `json:"current"`
	// Heads are the script directory's heads; AtHeads reports that the
	// database is at all of them and nothing else.
	Heads   []string `json:"heads"`
	AtHeads bool     `json:"at_heads"`
}

type checkJSON struct {
	Pending bool     `json:"pending"`
	Diffs   []string `json:"diffs"`
}

type graphJSON struct {
	Revisions []revisionJSON `json:"revisions"`
	// Current are the database's current revisions, or null when the
	// database was not read (--no-db, or unreachable).
	Current []string `json:"current"`
}

// currentJSON writes current's document; with checkHeads it fails, as
// the text form does, before writing anything when the database is not
// at the heads.
func (inv *invocation) currentJSON(p *command.Project, revs []*script.Script, checkHeads bool) error {
	url, err := p.MaskedURL()
	if err != nil {
		return err
	}
	heads, err := command.Heads(p, false)
	if err != nil {
		return err
	}
	atHeads := sameIDs(views(p, revs, nil), views(p, heads, nil))
	if checkHeads && !atHeads {
		return errNotAtHeads
	}
	ids := idsJSON(revs)
	return inv.writeJSON(currentJSON{URL: url, Current: revisionsJSON(p, revs, ids), Heads: idsJSON(heads), AtHeads: atHeads})
}

// checkJSON writes check's document from command.Check's outcome: pending
// changes are written, then still fail the command (on stderr), so that
// the exit status is the text form's.
func (inv *invocation) checkJSON(err error) error {
	var pending *command.PendingChangesError
	switch {
	case errors.As(err, &pending):
		if werr := inv.writeJSON(checkJSON{Pending: true, Diffs: nonNil(pending.Diffs)}); werr != nil {
			return werr
		}
		return err
	case err != nil:
		return err
	}
	return inv.writeJSON(checkJSON{Pending: false, Diffs: []string{}})
}
