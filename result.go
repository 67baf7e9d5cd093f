package retort

import (
	"time"

	"github.com/retort-dev/retort/internal/engine"
)

// Direction says which way a step went.
type Direction string

// The directions of a step.
const (
	Up   Direction = "upgrade"
	Down Direction = "downgrade"
)

// Step is one revision applied (or, offline, written).
type Step struct {
	// Revision is the revision id.
	Revision string
	// Direction is Up or Down.
	Direction Direction
	// Path is the script's path in the scripts file system, or "go:<id>"
	// for a Migration.
	Path string
	// Message is the revision's message.
	Message string
	// Statements are the SQL the step executed (offline: wrote), the
	// version table's update last.
	Statements []string
	// Duration is how long the step took.
	Duration time.Duration
}

// Result is what Upgrade or Downgrade did.
type Result struct {
	// Steps are the steps applied, in order. After a failure, they are
	// the steps whose effect is durable.
	Steps []Step
}

// Revisions lists the ids of the steps, in order.
func (r *Result) Revisions() []string {
	if r == nil {
		return nil
	}
	ids := make([]string, len(r.Steps))
	for i, s := range r.Steps {
		ids[i] = s.Revision
	}
	return ids
}

func resultOf(r *engine.Result) *Result {
	out := &Result{Steps: make([]Step, 0, len(r.Steps))}
	for _, s := range r.Steps {
		out.Steps = append(out.Steps, Step{Revision: s.Revision, Direction: Direction(s.Direction), Path: s.Path,
			Message: s.Message, Statements: s.Statements, Duration: s.Duration})
	}
	return out
}

// Revision is one node of the revision graph, as History lists it.
type Revision struct {
	// ID is the revision id.
	ID string
	// DownRevisions are its parents; empty for a base.
	DownRevisions []string
	// BranchLabels are the labels it declares.
	BranchLabels []string
	// DependsOn are the revisions it depends on, as written.
	DependsOn []string
	// Message is the first line of its docstring (or Migration.Message).
	Message string
	// Path is the script's path, or "go:<id>" for a Migration.
	Path string
	// Kind is "py", "sql" or "go".
	Kind string
}
