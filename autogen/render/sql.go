package render

import (
	"context"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
)

// RenderSQL renders the operations as the dialect's statements, one per
// line and each ending in ";", for the upgrade and downgrade sections of a
// .sql script. q is the live database, which SQLite's batch move-and-copy
// reads the current table from; other operations never touch it.
func RenderSQL(ctx context.Context, d dialect.Dialect, q dialect.Querier, upgrade, downgrade []ops.Op) (up, down string, err error) {
	if up, err = renderSQL(ctx, d, q, upgrade); err != nil {
		return "", "", err
	}
	if down, err = renderSQL(ctx, d, q, downgrade); err != nil {
		return "", "", err
	}
	return up, down, nil
}

func renderSQL(ctx context.Context, d dialect.Dialect, q dialect.Querier, list []ops.Op) (string, error) {
	var b strings.Builder
	for _, op := range list {
		stmts, err := d.Compile(ctx, q, op)
		if err != nil {
			return "", fmt.Errorf("rendering SQL: %w", err)
		}
		for _, s := range stmts {
			b.WriteString(strings.TrimRight(s.Offline(), "; \n"))
			b.WriteString(";\n")
		}
	}
	return b.String(), nil
}
