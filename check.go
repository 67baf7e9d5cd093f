package retort

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/internal/autodiff"
	"github.com/retort-dev/retort/revision"
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
// target schema and returns a *PendingChangesError when autogenerate would
// write operations. The target is the one the options gave
// (WithTargetMetadata, WithTargetModelsFile, WithTargetSchemaSQL) or, when
// none did, for a Provider made by Open the config file's target_metadata
// (models.py, schema.sql, or the project's SQLAlchemy models). Types are compared,
// server defaults are not, and the version table is left out.
func (p *Provider) Check(ctx context.Context) error {
	if p.target == nil && p.project != nil {
		err := command.Check(ctx, p.project)
		var pending *command.PendingChangesError
		if errors.As(err, &pending) {
			return &PendingChangesError{Diffs: append([]string(nil), pending.Diffs...)}
		}
		return err
	}
	if p.target == nil {
		return errors.New("retort: Check needs a target schema: give NewProvider WithTargetMetadata, WithTargetModelsFile or WithTargetSchemaSQL, or make the Provider with Open")
	}
	e := p.eng
	if e.DB == nil {
		return errors.New("retort: Check needs a database; it cannot run offline")
	}
	rows, err := e.Rows(ctx)
	if err != nil {
		return fmt.Errorf("retort: check: %w", err)
	}
	atHeads, err := autodiff.AtHeads(e.Scripts.Map, rows)
	if err != nil {
		return fmt.Errorf("retort: check: %w", err)
	}
	if !atHeads {
		return &revision.CommandError{Message: "Target database is not up to date."}
	}
	live, err := autodiff.Reflect(ctx, e.Dialect, e.DB)
	if err != nil {
		return fmt.Errorf("retort: check: reflecting the database: %w", err)
	}
	wanted, err := p.target.load(ctx, e.Dialect, e.DB)
	if err != nil {
		return fmt.Errorf("retort: check: loading the target schema: %w", err)
	}
	res, err := autodiff.Compare(ctx, e.Dialect, e.DB, live.Localize(wanted), live, autogen.Options{
		CompareType:        true,
		VersionTable:       e.Options.VersionTable,
		VersionTableSchema: e.Options.VersionTableSchema,
	})
	if err != nil {
		return fmt.Errorf("retort: check: %w", err)
	}
	if !res.Empty() {
		return &PendingChangesError{Diffs: append([]string(nil), res.Diffs...)}
	}
	return nil
}
