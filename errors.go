package retort

import (
	"errors"

	"github.com/retort-dev/retort/migration"
)

// MigrationError is returned when a step fails online. It names the step
// and the statement that failed and what the version table holds now.
type MigrationError struct {
	// Revision is the revision whose step failed.
	Revision string
	// Direction is Up or Down.
	Direction Direction
	// Path is the script's path, or "go:<id>" for a Migration.
	Path string
	// Statement is the SQL that failed; empty when the step failed
	// outside a statement.
	Statement string
	// Current is the version table's content after the failure.
	Current []string
	// RolledBack reports that the failed step left no trace (transactional
	// DDL). When false (MySQL), statements of the step that ran before the
	// failing one stay applied.
	RolledBack bool
	// Applied are the steps whose effect is durable, as in Result.Steps.
	Applied []Step
	// Err is the cause: the database's error, or the migration's own.
	Err error

	msg string
}

// Error describes the failed step, its statement and the version table.
func (e *MigrationError) Error() string { return e.msg }

// Unwrap returns the cause.
func (e *MigrationError) Unwrap() error { return e.Err }

// wrapErr turns the runtime's step failure into a *MigrationError carrying
// the steps that did apply; other errors pass through.
func wrapErr(err error, res *Result) error {
	var se *migration.StepError
	if !errors.As(err, &se) {
		return err
	}
	return &MigrationError{Revision: se.Revision, Direction: Direction(se.Kind), Path: se.Path, Statement: se.Statement,
		Current: se.Applied, RolledBack: se.RolledBack, Applied: res.Steps, Err: se.Err, msg: se.Error()}
}
