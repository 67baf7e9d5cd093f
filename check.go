package retort

import (
	"context"
	"errors"
	"strings"

	"github.com/retort-dev/retort/command"
)

// PendingChangesError is Check's failure: autogenerate found operations
// that would bring the database to the target schema.
type PendingChangesError struct {
	// Diffs describe the operations, as Alembic's check lists them.
	Diffs []string
}

// Error is Alembic's "New upgrade operations detected: [...]".
func (e *PendingChangesError) Error() string {
	return "New upgrade operations detected: [" + strings.Join(e.Diffs, ", ") + "]"
}

// Check compares the database, which must be at the heads, with the
// target schema the config file's target_metadata names (models.py,
// schema.sql, or the project's SQLAlchemy models) and returns a
// *PendingChangesError when autogenerate would write operations. It needs
// a Provider made by Open.
func (p *Provider) Check(ctx context.Context) error {
	if p.project == nil {
		return errors.New("retort: Check needs the target_metadata of a config file: make the Provider with Open")
	}
	err := command.Check(ctx, p.project)
	var pending *command.PendingChangesError
	if errors.As(err, &pending) {
		return &PendingChangesError{Diffs: append([]string(nil), pending.Diffs...)}
	}
	return err
}
