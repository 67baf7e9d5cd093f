package retort

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/migration"
)

// Tables lists the tables of the database's default schema, sorted, the
// version table left out: what a test compares before an upgrade and
// after the downgrade that should undo it. Offline there is no database.
func (p *Provider) Tables(ctx context.Context) ([]string, error) {
	if p.eng.DB == nil {
		return nil, errors.New("retort: Tables needs a database (the Provider is offline)")
	}
	in, ok := p.eng.Dialect.(dialect.Inspector)
	if !ok {
		return nil, fmt.Errorf("retort: dialect %s cannot inspect a schema", p.dialect)
	}
	md, err := in.InspectSchema(ctx, p.eng.DB, dialect.InspectOptions{})
	if err != nil {
		return nil, fmt.Errorf("retort: inspect schema: %w", err)
	}
	version := p.eng.Options.VersionTable
	if version == "" {
		version = migration.DefaultVersionTable
	}
	var names []string
	for _, t := range md.Tables {
		if t.Name != version {
			names = append(names, t.Name)
		}
	}
	slices.Sort(names)
	return names, nil
}
