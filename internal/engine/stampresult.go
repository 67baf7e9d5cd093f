package engine

import (
	"context"
	"strings"

	"github.com/retort-dev/retort/migration"
)

// StampResult is Stamp online, recording the version-table changes it
// made as steps (Direction migration.KindStamp, Revision the stamped ids
// joined by ", " as the audit trail writes them). Offline it is Stamp with
// an empty Result.
func (e *Engine) StampResult(ctx context.Context, targets []string, purge bool) (*Result, error) {
	if e.offline() {
		return &Result{}, e.Stamp(ctx, targets, purge)
	}
	rec := &recorder{}
	mc, err := e.context(rec.event)
	if err != nil {
		return &Result{}, err
	}
	err = mc.Stamp(ctx, e.Scripts.Map, targets, purge)
	res := rec.result(err, false)
	for i := range res.Steps {
		if s := &res.Steps[i]; s.Direction == migration.KindStamp && s.Revision == "" {
			s.Revision = strings.Join(s.ToIDs, ", ")
		}
	}
	return res, err
}
