package retort

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/autodiff"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/script"
	"github.com/retort-dev/retort/target"
)

// MetaData is a schema: tables with their columns, keys, indexes and
// constraints, and enums. Build one for WithTargetMetadata.
type MetaData = schema.MetaData

// targetSchema is where Check's wanted schema comes from: exactly one of
// its fields is set.
type targetSchema struct {
	md         *schema.MetaData
	modelsPath string
	sqlFS      fs.FS
	sqlPath    string
}

// load returns the wanted schema for the database db of dialect d.
func (t *targetSchema) load(ctx context.Context, d dialect.Dialect, db *sql.DB) (*schema.MetaData, error) {
	switch {
	case t.md != nil:
		return t.md, nil
	case t.modelsPath != "":
		return target.LoadModelsPy(ctx, t.modelsPath)
	}
	files, err := target.SchemaFilesFS(t.sqlFS, t.sqlPath)
	if err != nil {
		return nil, err
	}
	insp, ok := d.(dialect.Inspector)
	if !ok {
		return nil, fmt.Errorf("the %s dialect cannot reflect a schema", d.Name())
	}
	switch d.Name() {
	case "sqlite":
		return autodiff.LoadSQLite(ctx, insp, t.sqlFS, files)
	case "postgresql":
		return autodiff.LoadPostgres(ctx, db, insp, t.sqlFS, files, script.NewRevisionID())
	}
	return nil, fmt.Errorf("WithTargetSchemaSQL on %s: %w", d.Name(), target.ErrNeedsDevURL)
}
