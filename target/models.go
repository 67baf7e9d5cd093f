package target

import (
	"context"
	"fmt"
	"os"

	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/schema"
)

// LoadModelsPy runs a models.py on retort's embedded Starlark interpreter
// (SQLAlchemy Core style: sa.MetaData, sa.Table, sa.Column) and returns its
// metadata: target_metadata, else metadata.
func LoadModelsPy(ctx context.Context, path string) (*schema.MetaData, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("target_metadata: %w", err)
	}
	return pyscript.LoadMetaData(ctx, path, src, "")
}
