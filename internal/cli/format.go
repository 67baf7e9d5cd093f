package cli

import (
	"fmt"
	"io"
	"strings"
)

// scriptView is what Alembic's Script.cmd_format and Script.log_entry read:
// the header of one script plus what the revision graph knows about it.
// Building it once per script keeps the text rules below pure and testable.
type scriptView struct {
	ID            string
	DownRevisions []string // the versioned parents (down_revision)
	DependsOn     []string // depends_on, as written in the script
	BranchLabels  []string // own and inherited labels
	Children      []string // revisions whose down_revision names this one (nextrev)
	// Dependents is set when some revision lists this one in depends_on.
	// Such a revision is a head of its branch but not a "real" head, which
	// Alembic prints as "(effective head)".
	Dependents bool
	Path       string
	LongDoc    string // the whole docstring, trimmed
	Current    bool   // marked by history -i: the database is at this revision
}

func (v *scriptView) isHead() bool        { return len(v.Children) == 0 }
func (v *scriptView) isRealHead() bool    { return v.isHead() && !v.Dependents }
func (v *scriptView) isBranchPoint() bool { return len(v.Children) > 1 }
func (v *scriptView) isMergePoint() bool  { return len(v.DownRevisions) > 1 }

// doc is the docstring's first paragraph, which history prints.
func (v *scriptView) doc() string {
	first, _, _ := strings.Cut(v.LongDoc, "\n\n")
	return first
}

// parents is Alembic's _format_down_revision.
func (v *scriptView) parents() string {
	if len(v.DownRevisions) == 0 {
		return "<base>"
	}
	return strings.Join(v.DownRevisions, ", ")
}

// lineOptions are the switches of Alembic's Script._head_only.
type lineOptions struct {
	branches       bool // "(label, ...)" after the id
	doc            bool // ", first paragraph" at the end
	parents        bool // "parent -> " before the id
	treeIndicators bool // "(branchpoint)" / "(mergepoint)"
}

// line renders one script on one line, as Alembic's Script._head_only does.
func (v *scriptView) line(o lineOptions) string {
	var b strings.Builder
	if o.parents {
		b.WriteString(v.parents())
		if len(v.DependsOn) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(v.DependsOn, ", "))
		}
		b.WriteString(" -> ")
	}
	b.WriteString(v.ID)
	if o.branches && len(v.BranchLabels) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(v.BranchLabels, ", "))
	}
	if v.isRealHead() {
		b.WriteString(" (head)")
	} else if v.isHead() {
		b.WriteString(" (effective head)")
	}
	if v.Current {
		b.WriteString(" (current)")
	}
	if o.treeIndicators {
		if v.isBranchPoint() {
			b.WriteString(" (branchpoint)")
		}
		if v.isMergePoint() {
			b.WriteString(" (mergepoint)")
		}
	}
	if o.doc {
		b.WriteString(", ")
		b.WriteString(v.doc())
	}
	return b.String()
}

// logEntry renders the verbose block of Alembic's Script.log_entry, used by
// show and by every -v listing. It ends with a newline; callers add the
// blank line Alembic's print_stdout appends.
func (v *scriptView) logEntry() string {
	var b strings.Builder
	b.WriteString("Rev: ")
	b.WriteString(v.ID)
	// log_entry marks heads by versioned children only: a revision others
	// merely depend on is still "(head)" here, unlike in the one-line form.
	if v.isHead() {
		b.WriteString(" (head)")
	}
	if v.isBranchPoint() {
		b.WriteString(" (branchpoint)")
	}
	if v.isMergePoint() {
		b.WriteString(" (mergepoint)")
	}
	if v.Current {
		b.WriteString(" (current)")
	}
	b.WriteString("\n")
	if v.isMergePoint() {
		fmt.Fprintf(&b, "Merges: %s\n", v.parents())
	} else {
		fmt.Fprintf(&b, "Parent: %s\n", v.parents())
	}
	if len(v.DependsOn) > 0 {
		fmt.Fprintf(&b, "Also depends on: %s\n", strings.Join(v.DependsOn, ", "))
	}
	if v.isBranchPoint() {
		fmt.Fprintf(&b, "Branches into: %s\n", strings.Join(v.Children, ", "))
	}
	if len(v.BranchLabels) > 0 {
		fmt.Fprintf(&b, "Branch names: %s\n", strings.Join(v.BranchLabels, ", "))
	}
	fmt.Fprintf(&b, "Path: %s\n", v.Path)
	b.WriteString("\n")
	for i, para := range splitLines(v.LongDoc) {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("    ")
		b.WriteString(para)
	}
	b.WriteString("\n")
	return b.String()
}

// splitLines splits like Python's str.splitlines for the line breaks a
// docstring can hold: no trailing empty element, "" gives nothing.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// formatted renders a script for a listing: the verbose block or one line.
func (v *scriptView) formatted(verbose bool, o lineOptions) string {
	if verbose {
		return v.logEntry()
	}
	return v.line(o)
}

// printHeads writes the heads command's output.
func printHeads(w io.Writer, heads []*scriptView, verbose bool) {
	for _, v := range heads {
		fmt.Fprintln(w, v.formatted(verbose, lineOptions{branches: true}))
	}
}

// printHistory writes the history command's output.
func printHistory(w io.Writer, revs []*scriptView, verbose bool) {
	for _, v := range revs {
		fmt.Fprintln(w, v.formatted(verbose, lineOptions{branches: true, doc: true, parents: true, treeIndicators: true}))
	}
}

// printCurrent writes the rows of the current command (after the verbose
// "Current revision(s) for URL:" line, which the caller prints).
func printCurrent(w io.Writer, revs []*scriptView, verbose bool) {
	for _, v := range revs {
		fmt.Fprintln(w, v.formatted(verbose, lineOptions{treeIndicators: true}))
	}
}

// printShow writes the show command's output.
func printShow(w io.Writer, revs []*scriptView) {
	for _, v := range revs {
		fmt.Fprintln(w, v.logEntry())
	}
}

// printBranches writes the branches command's output: each branch point,
// then one indented "-> child" line per child. byID finds the children.
func printBranches(w io.Writer, points []*scriptView, byID func(string) *scriptView, verbose bool) {
	for _, v := range points {
		indent := strings.Repeat(" ", len(v.ID))
		children := make([]string, 0, len(v.Children))
		for _, id := range v.Children {
			child := byID(id)
			if child == nil {
				continue
			}
			children = append(children, fmt.Sprintf("%s -> %s", indent, child.line(lineOptions{branches: true, doc: verbose, treeIndicators: true})))
		}
		fmt.Fprintf(w, "%s\n%s\n\n", v.formatted(verbose, lineOptions{branches: true, treeIndicators: true}), strings.Join(children, "\n"))
	}
}
