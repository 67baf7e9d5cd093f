package revision

import (
	"errors"
	"fmt"
	"strings"
)

// RevisionError is a graph or traversal error without a more specific type
// (Alembic's RevisionError): "Ambiguous walk", "Walked too far",
// "Relative revision +1 didn't produce 1 migrations", "Requested revision X
// overlaps with other requested revisions Y", an illegal character in a
// revision id, and so on. Message is the exact text Alembic prints.
type RevisionError struct {
	Message string
}

func (e *RevisionError) Error() string { return e.Message }

func revErrorf(format string, args ...any) error {
	return &RevisionError{Message: fmt.Sprintf(format, args...)}
}

// MultipleHeadsError reports that an identifier which must name one revision
// ("head", "LABEL@head", ...) names several.
type MultipleHeadsError struct {
	Heads    []string // the competing heads, in map order
	Argument string   // the identifier as given
}

func (e *MultipleHeadsError) Error() string {
	return fmt.Sprintf("Multiple heads are present for given argument '%s'; %s",
		e.Argument, strings.Join(e.Heads, ", "))
}

// ResolutionError reports an identifier that names no revision, or a prefix
// that names several. Argument is the part of the identifier that failed;
// Alembic's commands print it as "Can't locate revision identified by '%s'"
// (see CommandMessage).
type ResolutionError struct {
	Message  string
	Argument string
}

func (e *ResolutionError) Error() string { return e.Message }

// RangeNotAncestorError reports a range whose lower end is not an ancestor
// of its upper end. Lower and Upper are already rendered ("base" for none).
type RangeNotAncestorError struct {
	Lower, Upper string
}

func (e *RangeNotAncestorError) Error() string {
	return fmt.Sprintf("Revision %s is not an ancestor of revision %s", e.Lower, e.Upper)
}

// CycleKind names the kind of cycle found by New.
type CycleKind string

// The cycle kinds, worded as Alembic words them.
const (
	Cycle              CycleKind = "Cycle"
	DependencyCycle    CycleKind = "Dependency cycle"
	SelfLoop           CycleKind = "Self-loop"
	DependencySelfLoop CycleKind = "Dependency self-loop"
)

// CycleError reports revisions that lie on (or only above) a cycle of
// down_revision or depends_on references.
type CycleError struct {
	Kind      CycleKind
	Revisions []string
}

func (e *CycleError) Error() string {
	return fmt.Sprintf("%s is detected in revisions (%s)", e.Kind, strings.Join(e.Revisions, ", "))
}

// DuplicateRevisionError reports two scripts declaring one revision id.
// (Alembic only warns and lets the later file win; that silently hides a
// migration, so retort refuses.)
type DuplicateRevisionError struct {
	ID    string
	Paths []string // the scripts declaring it, where known
}

func (e *DuplicateRevisionError) Error() string {
	msg := fmt.Sprintf("Revision %s is present more than once", e.ID)
	if len(e.Paths) > 0 {
		msg += " (" + strings.Join(e.Paths, ", ") + ")"
	}
	return msg
}

// MissingRevisionError reports a down_revision or depends_on entry that
// names no revision (and, for depends_on, no branch label either).
type MissingRevisionError struct {
	Missing      string // the reference as written
	From         string // the revision holding the reference
	Path         string // its script, when known
	IsDependency bool   // the reference is in depends_on rather than down_revision
}

func (e *MissingRevisionError) Error() string {
	from := e.From
	if e.Path != "" {
		from += " (" + e.Path + ")"
	}
	if e.IsDependency {
		return fmt.Sprintf("Dependency %s referenced from %s is not present", e.Missing, from)
	}
	return fmt.Sprintf("Revision %s referenced from %s is not present", e.Missing, from)
}

// DuplicateLabelError reports a branch label declared twice, or a branch
// label equal to a revision id.
type DuplicateLabelError struct {
	Label    string
	Revision string // the revision declaring the label a second time
	UsedBy   string // the revision already holding the name
}

func (e *DuplicateLabelError) Error() string {
	return fmt.Sprintf("Branch name '%s' in revision %s already used by revision %s",
		e.Label, e.Revision, e.UsedBy)
}

// CommandError is an error as Alembic's commands word it (util.CommandError
// raised by the script directory): "Destination X is not a valid downgrade
// target from current head(s)", "Can't locate revision identified by 'x'",
// and so on. Upgrade, Downgrade, Walk and StampChanges return it; Err holds
// the underlying typed error for callers that branch on it.
type CommandError struct {
	Message string
	Err     error
}

func (e *CommandError) Error() string { return e.Message }
func (e *CommandError) Unwrap() error { return e.Err }

// commandWording is the per-command wording applied to typed errors, the
// parameters of Alembic's ScriptDirectory._catch_revision_errors.
type commandWording struct {
	ancestor      string // with %[1]s = start, %[2]s = end; "" = the default range text
	multipleHeads string // with %[1]s = the head argument; "" = the default text
	start, end    string
	hasStart      bool
	hasEnd        bool
}

const defaultMultipleHeads = "Multiple head revisions are present for given argument '%[1]s'; please specify a specific target revision, '<branchname>@%[1]s' to narrow to a specific head, or 'heads' for all heads"

func (w commandWording) wrap(err error) error {
	if err == nil {
		return nil
	}
	var ce *CommandError
	if errors.As(err, &ce) {
		return err
	}
	var rna *RangeNotAncestorError
	var mh *MultipleHeadsError
	var re *ResolutionError
	switch {
	case errors.As(err, &rna):
		start, end := rna.Lower, rna.Upper
		if w.hasStart {
			start = w.start
		}
		if w.hasEnd {
			end = w.end
		}
		if w.ancestor != "" {
			return &CommandError{Message: fmt.Sprintf(w.ancestor, start, end), Err: err}
		}
		return &CommandError{Message: fmt.Sprintf("Requested range %s:%s does not refer to ancestor/descendant revisions along the same branch", start, end), Err: err}
	case errors.As(err, &mh):
		arg := mh.Argument
		if w.hasEnd && w.end != "" {
			arg = w.end
		}
		format := w.multipleHeads
		if format == "" {
			format = defaultMultipleHeads
		}
		if strings.Contains(format, "%[1]s") {
			return &CommandError{Message: fmt.Sprintf(format, arg), Err: err}
		}
		return &CommandError{Message: format, Err: err}
	case errors.As(err, &re):
		return &CommandError{Message: fmt.Sprintf("Can't locate revision identified by '%s'", re.Argument), Err: err}
	}
	return &CommandError{Message: err.Error(), Err: err}
}

// CommandMessage returns the text an Alembic command prints after "FAILED: "
// for an error returned by this package, using Alembic's default wording:
// a *ResolutionError becomes "Can't locate revision identified by '…'", a
// *MultipleHeadsError the "Multiple head revisions are present …" advice,
// a *RangeNotAncestorError "Requested range …", and a *CommandError keeps its
// message. Use it for Get and Resolve errors; the errors of Upgrade,
// Downgrade, Walk and StampChanges are already *CommandError.
func CommandMessage(err error) string {
	if err == nil {
		return ""
	}
	return commandWording{}.wrap(err).Error()
}
